"""The local SQLite store of the user's health data: private files, WAL, migrations, corruption recovery."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from backspasm import unreadable
from backspasm.errors import StoreError
from backspasm.storage import pain_sums
from backspasm.storage.columns import PLACED
from backspasm.storage.paths import DB_NAME as DB_NAME
from backspasm.storage.paths import home_dir as home_dir
from backspasm.storage.paths import not_a_directory
from backspasm.storage.times import place, place_now

# What the rest of the app names when it holds a connection or catches a database failure
# (sqlite3 itself is imported only in storage/).
Connection = sqlite3.Connection
DatabaseError = sqlite3.Error

# A pain entry time in a form other than the store's own (2024-03-10T18:00:00+01:00), or one
# SQLite and Python read differently (30 February, hour 24, offsets beyond 14 hours). Part of
# migration 5 alone (migration 7 drops its index, times being numbers since): never change it.
ODD_AT = (
    "length(at) != 25 OR substr(at, 11, 1) != 'T' OR substr(at, 20, 1) NOT IN ('+', '-')"
    " OR substr(at, 1, 4) = '0000' OR substr(at, 12, 2) > '23' OR substr(at, 21, 2) > '14'"
    " OR substr(at, 24, 2) > '59'"
    " OR (substr(at, 9, 2) > '28' AND date(substr(at, 1, 10), '+0 days') IS NOT substr(at, 1, 10))"
)

def _times_as_numbers(conn: sqlite3.Connection) -> None:
    """Migration 7: each table's time as a number too (storage.times), worked out by Python's reader.

    The text indexes give way to indexes on the numbers; rows whose time cannot be read stay
    unplaced (NULL), which those indexes find at once (NULL sorts first). A trigger unplaces a row whose time another
    program changes, so that the next open places it again from the new text.
    """
    placed = {table: PLACED[table] for table in PLACED_BY_7}
    for table, (_, number) in placed.items():
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {number} INTEGER")
    place(conn)
    for statement in TIME_INDEXES:
        conn.execute(statement)
    for table, (text, number) in placed.items():
        conn.execute(time_changed_trigger(table, text, number))


def time_changed_trigger(table: str, text: str, number: str) -> str:
    """The trigger that unplaces a row whose time text another program changes (migration 7 and later tables)."""
    return (
        f"CREATE TRIGGER {table}_time_changed AFTER UPDATE OF {text} ON {table}"
        f" WHEN NEW.{text} IS NOT OLD.{text}"
        f" BEGIN UPDATE {table} SET {number} = NULL WHERE rowid = NEW.rowid; END"
    )


def _check_ins(conn: sqlite3.Connection) -> None:
    """Migration 8: the weekly PEG check-in (issue 21), three 0-10 answers about the past week and their mean.

    Placed in time from the start (its number, index and trigger as migration 7 gave the others);
    SQLite itself refuses an answer out of range or a mean that is not the answers' mean.
    """
    conn.execute(
        """
        CREATE TABLE check_ins (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
            enjoyment INTEGER NOT NULL CHECK (enjoyment BETWEEN 0 AND 10),
            activity INTEGER NOT NULL CHECK (activity BETWEEN 0 AND 10),
            peg REAL NOT NULL CHECK (abs(peg * 3 - (pain + enjoyment + activity)) < 0.01),
            at_us INTEGER
        )
        """
    )
    conn.execute("CREATE INDEX check_ins_time ON check_ins (at_us)")
    conn.execute(time_changed_trigger("check_ins", "at", "at_us"))


# The tables migration 7 gave a time number: those that existed then (a later table is made with its own).
PLACED_BY_7 = ("pain_entries", "triage_runs", "sessions", "stretch_runs", "doctor_visits")


# Migration 7's indexes: what every query of the journal selects, counts and orders by.
TIME_INDEXES = [
    "DROP INDEX IF EXISTS pain_entries_at",
    "DROP INDEX IF EXISTS pain_entries_odd_at",
    "DROP INDEX IF EXISTS pain_entries_new_symptoms",
    "DROP INDEX IF EXISTS triage_runs_at",
    "DROP INDEX IF EXISTS sessions_started",
    "DROP INDEX IF EXISTS stretch_runs_started",
    "DROP INDEX IF EXISTS doctor_visits_at",
    # Time order (ties by id, as every reader orders them) with the score beside it: windows,
    # counts, days and trends read this index alone, and rows come in order without a sort.
    "CREATE INDEX pain_entries_time ON pain_entries (at_us, id, pain)",
    # The entries with a note, for the report's count and its latest notes.
    "CREATE INDEX pain_entries_noted ON pain_entries (at_us) WHERE note IS NOT NULL AND note != ''",
    # Each list of remedies tried, in time order: how often and when each was named, for the report.
    "CREATE INDEX pain_entries_tried ON pain_entries (tried, at_us)",
    "CREATE INDEX pain_entries_new_symptoms ON pain_entries (at_us) WHERE new_symptoms IN ('yes', 'unsure')",
    "CREATE INDEX triage_runs_time ON triage_runs (at_us)",
    "CREATE INDEX sessions_time ON sessions (started_us)",
    "CREATE INDEX stretch_runs_time ON stretch_runs (started_us)",
    "CREATE INDEX doctor_visits_time ON doctor_visits (at_us)",
]


# Each migration moves the schema up one version; never edit one that has shipped, add another.
# A migration is SQL (statements split at ';') or a function given the connection.
MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: ice and heat sessions (issue 4)
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        protocol TEXT NOT NULL,
        started_at TEXT NOT NULL,          -- ISO 8601 with UTC offset
        ended_at TEXT,
        planned_seconds REAL NOT NULL,     -- apply time over all rounds
        applied_seconds REAL NOT NULL DEFAULT 0,
        rounds_planned INTEGER NOT NULL DEFAULT 1,
        rounds_done INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
        pid INTEGER,
        note TEXT                          -- for example "machine was suspended for 12 min"
    );
    CREATE INDEX sessions_started ON sessions (started_at);
    """,
    # 2: the journal (issue 5): pain entries, triage runs, stretch routines, episode onsets
    """
    CREATE TABLE pain_entries (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
        note TEXT,
        tried TEXT NOT NULL DEFAULT '[]'   -- JSON list of remedy ids
    );
    CREATE INDEX pain_entries_at ON pain_entries (at);
    CREATE TABLE triage_runs (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        answers TEXT NOT NULL,             -- JSON, the keys of shared/triage-answers.md
        disposition TEXT NOT NULL,
        result TEXT NOT NULL,              -- JSON, the --json result object
        onset_at TEXT                      -- when this episode began, from days_since_onset
    );
    CREATE INDEX triage_runs_at ON triage_runs (at);
    CREATE TABLE stretch_runs (
        id INTEGER PRIMARY KEY,
        routine TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'stopped', 'worse', 'interrupted')),
        done TEXT NOT NULL DEFAULT '[]',   -- JSON list of stretch ids completed
        stopped_at_stretch TEXT
    );
    CREATE INDEX stretch_runs_started ON stretch_runs (started_at);
    """,
    # 3: the process running a stretch routine, so a row left by a crash can be marked interrupted
    """
    ALTER TABLE stretch_runs ADD COLUMN pid INTEGER;
    """,
    # 4: when a clinician saw the person (`log --saw-doctor`): settles earlier triage reminders
    """
    CREATE TABLE doctor_visits (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        note TEXT
    );
    CREATE INDEX doctor_visits_at ON doctor_visits (at);
    """,
    # 5: the pain entries stored in an odd form, so the journal facts know at once whether the
    # store can compute them (issue 13, backspasm.storage.pain_index)
    f"""
    CREATE INDEX pain_entries_odd_at ON pain_entries (at) WHERE {ODD_AT};
    """,
    # 6: `log` asks whether anything new came with the pain (clinical reference v3): yes, no or
    # unsure; NULL when it was not asked. A yes sends the person to triage until one follows.
    """
    ALTER TABLE pain_entries ADD COLUMN new_symptoms TEXT CHECK (new_symptoms IN ('yes', 'no', 'unsure'));
    CREATE INDEX pain_entries_new_symptoms ON pain_entries (at) WHERE new_symptoms IN ('yes', 'unsure');
    """,
    # 7: times as numbers (issue 25): microseconds since 1970 in UTC beside each row's time text
    _times_as_numbers,
    # 8: the weekly PEG check-in (issue 21)
    _check_ins,
    # 9: the flare-up plan (issue 20): each version a row, the plan's parts as a JSON object
    """
    CREATE TABLE flare_plans (
        id INTEGER PRIMARY KEY,
        written_at TEXT NOT NULL,          -- ISO 8601 with UTC offset
        plan TEXT NOT NULL                 -- JSON object: each part's lines (backspasm.journal.flare_plan)
    );
    """,
    # 10: the pain entries' sums kept by day, for very large journals (issue 26, storage.pain_sums);
    # the index of remedies named holds only the entries that name some (an import builds it a
    # third faster, and a journal's many entries without a remedy never needed it)
    pain_sums.SCHEMA
    + """
    DROP INDEX pain_entries_tried;
    CREATE INDEX pain_entries_tried ON pain_entries (tried, at_us) WHERE tried != '[]';
    """,
]


# Text values read that were not valid UTF-8 (another program wrote bytes into a text column).
BAD_TEXT_LINE = (
    "some text in your journal is not valid UTF-8 (another program wrote it);"
    " it is shown with \ufffd in place of the bytes that could not be read"
)
_bad_text = [0]


def _text(value: bytes) -> str:
    """A stored text value; bytes that are not UTF-8 read as U+FFFD (and noted), never a failed read."""
    try:
        return value.decode()
    except UnicodeDecodeError:
        _bad_text[0] += 1
        unreadable.note_line(BAD_TEXT_LINE)
        return value.decode("utf-8", "replace")


def bad_text_count() -> int:
    """How many text values read so far were not valid UTF-8 (export counts its rows by it)."""
    return _bad_text[0]


def private_dir(path: Path) -> Path:
    """Create a directory readable by its owner alone (0700), and tighten it if it exists."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o777 != 0o700:  # no chmod when already private: a read-only disk allows none
        os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> None:
    """Make sure a health-data file exists and is 0600 before anything is written to it."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _tighten_side_files(db: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            os.chmod(side, 0o600)


# How long a command waits for another process holding the journal's lock (tests shorten it).
BUSY_SECONDS = 10.0
# A zero-byte database this much older than now was left empty, not just created by a neighbour.
EMPTY_GRACE_SECONDS = 10.0


def busy_message(db: Path | None = None) -> str:
    """What a command says when another process kept the journal locked past the wait."""
    where = f" ({db})" if db is not None else ""
    return (
        f"the journal{where} is busy: another program is using it; nothing was changed, try again in a moment"
    )


def is_busy(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "busy": a lock held elsewhere, never damage."""
    message = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in message or "busy" in message)


def _damage(exc: sqlite3.DatabaseError) -> bool:
    """True for the errors that mean the file is not a sound database (not for locks or I/O)."""
    name = str(getattr(exc, "sqlite_errorname", ""))
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    return not isinstance(exc, sqlite3.OperationalError)


def _is_corrupt(db: Path, warn: Callable[[str], None] = lambda _message: None) -> bool:
    """True only for a file that is not a database or fails PRAGMA quick_check.

    quick_check reads the whole file (80 ms at a million rows), so it runs only when the file is
    not as this program last left it (see `seen`): changed by something else, or after an SQLite
    error. A journal locked by another process is waited for, then reported as busy
    (StoreError), and never moved aside.
    """
    try:
        info = db.stat()
    except FileNotFoundError:
        return False
    if info.st_size == 0:
        if time.time() - info.st_mtime > EMPTY_GRACE_SECONDS:
            warn(
                f"the history database {db} was empty (0 bytes), so a new journal was started in it;"
                " to restore a backup use `backspasm data import FILE`"
            )
        return False
    with db.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            return True
    if _state(info) == _seen_state(db):
        return False
    try:
        probe = sqlite3.connect(uri(db, "mode=ro"), uri=True, timeout=BUSY_SECONDS)
        try:
            row = probe.execute("PRAGMA quick_check").fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise StoreError(busy_message(db)) from None
        if _damage(exc):
            return True
        raise
    if row is None or row[0] != "ok":
        return True
    _changed_outside[0] = True
    seen(db)
    return False


# Set when the journal opened was found not as this program left it: its kept sums
# (storage.pain_sums) may no longer match its entries, so they are dropped once it is open.
_changed_outside = [False]


def _forget_sums(conn: sqlite3.Connection) -> None:
    """Drop the kept sums of a journal changed outside this program (they are made again when needed)."""
    if not _changed_outside[0]:
        return
    # Once: a second open in the same process must not drop the sums made since the first.
    _changed_outside[0] = False
    if not pain_sums.keeps_any(conn):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        pain_sums.forget(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        _changed_outside[0] = True
        raise


# Beside the journal: its size, modification time and inode as this program last left it. A
# journal that no longer matches was changed by something else (a disk fault, another program, a
# restored copy), so it is checked before use; a matching one is not, and opening it costs the
# same at ten rows as at a million.
SEEN_SUFFIX = "-seen"


def _seen_file(db: Path) -> Path:
    return db.with_name(db.name + SEEN_SUFFIX)


def _state(info: os.stat_result) -> str:
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino}"


def _seen_state(db: Path) -> str | None:
    try:
        with open(_seen_file(db), encoding="ascii") as handle:
            return handle.read(100).strip()
    except (OSError, ValueError):
        return None


def seen(db: Path) -> None:
    """Record the journal's size, modification time and inode as this program leaves it."""
    # Written in place, without fsync: a record torn or lost in a crash, or two processes writing
    # it at once, only fails to match, which means one more check (a temporary file and a rename
    # cost about half a millisecond more on every write).
    try:
        state = _state(db.stat())
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(_seen_file(db), flags, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(state + "\n")
    except OSError:
        pass


def unseen(db: Path | None = None) -> None:
    """Forget the record, so that the next open checks the journal (after an SQLite error, a move aside)."""
    db = db or _opened[0] or home_dir() / DB_NAME
    with contextlib.suppress(OSError):
        _seen_file(db).unlink()


def after_error(exc: BaseException) -> None:
    """An SQLite error other than a lock: the next open checks the journal before using it."""
    if isinstance(exc, sqlite3.Error) and not is_busy(exc):
        unseen()


# The journal this process opened last (errors after the open name no path).
_opened: list[Path | None] = [None]


class JournalConnection(sqlite3.Connection):
    """A connection to the journal that records the file's state when it closes after writing."""

    path: Path | None = None
    changed_schema = False

    def close(self) -> None:
        """Close; after a write, record the state the journal is left in (see `seen`)."""
        wrote = self.path is not None and (self.total_changes > 0 or self.changed_schema)
        super().close()
        if wrote and self.path is not None:
            seen(self.path)


def _move_aside(db: Path, warn: Callable[[str], None]) -> None:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = db.with_name(f"{db.name}.corrupt-{stamp}")
    count = 1
    while target.exists():  # two corruptions within one second keep both copies
        count += 1
        target = db.with_name(f"{db.name}.corrupt-{stamp}-{count}")
    db.rename(target)
    unseen(db)
    for suffix in ("-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    warn(f"the history database was damaged; it was moved to {target} and a new one was started")


def _warn_stderr(message: str) -> None:
    # Storage never prints: the CLI says it (on stderr, at once), or it is said when the command ends.
    unreadable.tell(message)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to the newest version; return that version.

    A journal from a newer backspasm (a schema version this one does not know) is refused, not guessed at.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise StoreError(
            f"the journal was written by a newer version of backspasm (schema {version};"
            f" this version knows up to {len(MIGRATIONS)}): upgrade backspasm to use it"
        )
    pending = list(enumerate(MIGRATIONS[version:], start=version + 1))
    # A new journal gets every migration in one transaction (one commit); an older one, one each.
    for batch in [pending] if version == 0 else [[step] for step in pending]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for number, script in batch:
                if number > current:
                    _run(conn, script, number)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _run(conn: sqlite3.Connection, script: str | Callable[[sqlite3.Connection], None], number: int) -> None:
    """One migration, in the caller's transaction, and the schema version it leaves."""
    if callable(script):
        script(conn)
    else:
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {number}")


def connect(
    home: Path | None = None, warn: Callable[[str], None] = _warn_stderr, *, reading: bool = False
) -> sqlite3.Connection:
    """Open (creating if needed) the store: 0700 directory, 0600 files, WAL, busy timeout, migrated.

    A command that only reads (`reading=True`) also works where the data directory or the journal
    cannot be written (a read-only disk or directory): the journal is then opened read-only.
    """
    directory = home or home_dir()
    if reading and _cannot_write(directory):
        return _connect_read_only(directory)
    # SQLite creates -wal and -shm files itself; a tight umask makes them 0600 from the start.
    old_umask = os.umask(0o077)
    try:
        return _connect(home, warn)
    except StoreError as failed:
        # A full disk (or a -shm file that cannot be made) stops the usual open, which needs to
        # write; a command that only reads opens the journal read-only instead, so that
        # `data export` to another disk still rescues everything.
        if not reading or not _no_room(failed) or not (directory / DB_NAME).is_file():
            raise
        try:
            return _connect_read_only(directory)
        except StoreError:
            raise failed from None
    finally:
        os.umask(old_umask)


# What SQLite says when it cannot write the files it needs to open a journal (a full disk, a -shm
# file that cannot be made): a reading command then opens the journal read-only.
NO_ROOM = ("disk i/o error", "database or disk is full", "unable to open database file", "no space left")


def _no_room(failed: StoreError) -> bool:
    return any(words in str(failed).lower() for words in NO_ROOM)


def _cannot_write(directory: Path) -> bool:
    """True when the directory (or the journal in it) exists but cannot be written."""
    if not directory.is_dir():
        return False
    db = directory / DB_NAME
    return not os.access(directory, os.W_OK) or (db.exists() and not os.access(db, os.W_OK))


def is_read_only(conn: sqlite3.Connection) -> bool:
    """True for a journal opened read-only: reading commands then skip their housekeeping writes."""
    return bool(conn.execute("PRAGMA query_only").fetchone()[0])


def _connect_read_only(directory: Path) -> sqlite3.Connection:
    """The journal opened for reading only; an empty one in memory when there is none yet."""
    db = directory / DB_NAME
    try:
        if not db.exists() or db.stat().st_size == 0:
            conn = sqlite3.connect(":memory:", isolation_level=None)
            migrate(conn)
        else:
            conn = _open_for_reading(db)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > len(MIGRATIONS):
                migrate(conn)  # says the journal is from a newer version
            if version < len(MIGRATIONS):
                conn.close()
                raise StoreError(
                    f"the journal {db} needs an upgrade by this version of backspasm, which cannot be"
                    f" written while {directory} is read-only"
                )
        conn.row_factory = sqlite3.Row
        conn.text_factory = _text
        conn.execute("PRAGMA query_only = ON")
        return conn
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise StoreError(busy_message(db)) from None
        raise StoreError(f"cannot read the history database {db}: {exc}") from None


def uri(db: Path, query: str) -> str:
    """A `file:` URI of the journal, its path quoted (a data directory may hold #, ?, % or spaces)."""
    from urllib.parse import quote

    return f"file:{quote(str(db))}?{query}"


def _open_for_reading(db: Path) -> sqlite3.Connection:
    """The journal opened without writing anything beside it, however the directory stands.

    A WAL journal needs its -shm file to be read. Where that file cannot be made (a read-only
    directory, a full disk): "immutable" reads the file as it stands when the -wal file holds
    nothing more; otherwise exclusive locking keeps SQLite's index of the -wal file in memory
    (no -shm at all). Never a read that silently misses what the -wal file holds.
    """
    try:
        conn = sqlite3.connect(uri(db, "mode=ro"), uri=True, isolation_level=None, timeout=BUSY_SECONDS)
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise
        failed = exc
    conn.close()
    wal = db.with_name(db.name + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return sqlite3.connect(uri(db, "mode=ro&immutable=1"), uri=True, isolation_level=None)
    if os.access(db, os.W_OK):
        conn = sqlite3.connect(db, isolation_level=None, timeout=BUSY_SECONDS)
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # before the first read: no -shm is used
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA user_version").fetchone()
            return conn
        except sqlite3.Error:
            conn.close()
            raise
    raise StoreError(
        f"cannot read the history database {db}: its latest changes are in {wal.name}, which cannot be read"
        f" while {db.parent} cannot be written ({failed}); make it writable, or copy the directory elsewhere"
    )


# The page size of a new journal: with 16 KB pages a large `data import` writes and commits
# about 7% faster than with SQLite's 4 KB (docs/benchmarks.md); a journal keeps the size it has.
PAGE_SIZE = 16384


def _use_wal(conn: sqlite3.Connection) -> None:
    # WAL is stored in the file, so only the very first connection ever has to switch to it. The
    # page size takes effect only in a database still empty, before the switch.
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = WAL")


def _when_unlocked(step: Callable[[], object], patience: float | None = None) -> None:
    """Run a start-up step, waiting while another process holds the lock.

    SQLite's busy timeout does not cover every start-up step: switching to WAL and the first
    schema read can fail at once with "database is locked" while another process creates
    the same fresh database, so those steps are retried until `patience` runs out.
    """
    deadline = time.monotonic() + (BUSY_SECONDS if patience is None else patience)
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            if ("locked" not in message and "busy" not in message) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect(home: Path | None, warn: Callable[[str], None]) -> sqlite3.Connection:
    directory = home or home_dir()
    if directory.exists() and not directory.is_dir():
        raise StoreError(not_a_directory(directory))
    try:
        private_dir(directory)
    except OSError as exc:
        raise StoreError(f"cannot use the data directory {directory}: {exc.strerror}") from None
    db = directory / DB_NAME
    if _cannot_write(directory):
        raise StoreError(
            f"cannot save to the journal in {directory}: it is read-only"
            " (history, report and data export still work)"
        )
    try:
        if _is_corrupt(db, warn):
            _move_aside(db, warn)
        private_file(db)
        _opened[0] = db
        conn = sqlite3.connect(db, timeout=BUSY_SECONDS, isolation_level=None, factory=JournalConnection)
        conn.row_factory = sqlite3.Row
        conn.text_factory = _text
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        _when_unlocked(lambda: _use_wal(conn))
        conn.execute("PRAGMA foreign_keys = ON")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        _when_unlocked(lambda: migrate(conn))
        _when_unlocked(lambda: place_now(conn))
        _when_unlocked(lambda: _forget_sums(conn))
        conn.path, conn.changed_schema = db, version != len(MIGRATIONS)
        _tighten_side_files(db)
        return conn
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise StoreError(busy_message(db)) from None
        unseen(db)
        raise StoreError(f"cannot open the history database {db}: {exc}") from None
    except OSError as exc:
        raise StoreError(f"cannot use the data directory {directory}: {exc.strerror}") from None


@contextlib.contextmanager
def store_errors(what: str) -> Iterator[None]:
    """Turn a database failure inside the block into a one-line StoreError: `<what>: <reason>`."""
    try:
        yield
    except sqlite3.Error as exc:
        if is_busy(exc):
            raise StoreError(busy_message()) from None
        unseen()
        raise StoreError(f"{what}: {exc}") from None
