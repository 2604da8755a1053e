"""Views of ice and heat sessions: the suggestion, the intro, the running session (live or plain).

The running views also show stretch holds: they talk through a `Narrator` (a session's Voice,
or a stretch's), so the words change and the display stays one piece of code.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Protocol

from rich.console import Console, Group
from rich.live import Live
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backspasm.clock.show import clock_in, clock_text, words
from backspasm.kb.vocab import DISCLAIMER
from backspasm.render import bigclock
from backspasm.render.console import make_console
from backspasm.render.session_lines import KEYS, SURE_ONLY  # the words both forms share
from backspasm.render.text import wrap_words
from backspasm.timer import Event, Plan, Snapshot

if TYPE_CHECKING:
    from datetime import datetime

    from backspasm.kb import views
    from backspasm.view_values.session import Rest

BAR_WIDTH = 36
BIG_PANEL = 11  # lines of the live panel with big digits: border, heading, time, 5 digit rows, bar, keys


class Narrator(Protocol):
    """What a running view says: a title, one line per event, and the heading of the live panel."""

    @property
    def name(self) -> str:
        """The panel's title: a protocol or a stretch."""
        ...

    def line(self, event: Event, snap: Snapshot) -> str:
        """One line for an event (plain mode prints exactly these)."""
        ...

    def heading(self, snap: Snapshot) -> str:
        """Where the timer is, or how it ended, for the live panel."""
        ...


# ---------------------------------------------------------------- before and after the session


def render_suggestion(protocol: views.Protocol, why: str, console: Console | None = None) -> None:
    """The suggested protocol and why, wrapped at the terminal's width (never inside a word)."""
    console = console or make_console()
    console.print(Text(f"Suggested: {protocol.name} ({protocol.id}): {why}."))


def render_intro(protocol: views.Protocol, plan: Plan, console: Console | None = None) -> None:
    """What the session will be and how to do it safely."""
    console = console or make_console()
    rounds = f", {plan.rounds} rounds with {words(plan.rest_seconds)} rest between" if plan.rounds > 1 else ""
    console.print(Text.assemble((protocol.name, "bold"), f": {words(plan.apply_seconds)}{rounds}"))

    for number, step in enumerate(protocol.steps, start=1):
        # Wrapped lines hang under the step's text, not under its number.
        grid = Table.grid(padding=0)
        grid.add_column(width=5, no_wrap=True)
        grid.add_column()
        grid.add_row(f"  {number}.", step)
        console.print(Padding(grid, 0))
    console.print(Text(KEYS, style="dim"))
    console.print(Text(DISCLAIMER, style="dim italic"))


def render_ruled_out(
    protocol: views.Protocol, check: views.ProtocolCheck, console: Console | None = None, *, unsure: bool = False
) -> None:
    """Why the session must not go ahead now (also when the person was not sure), and what to do instead."""
    console = console or make_console()
    body = Text()
    if unsure:
        body.append("You were not sure: ", style="bold")
        body.append(f"{check.prompt} {SURE_ONLY}\n")
    body.append_text(Text.assemble(("Why: ", "bold"), check.reason, "\n", ("Instead: ", "bold"), check.alternative))
    console.print(Panel(body, title=f"{protocol.name}: not safe to start now", title_align="left", border_style="red"))


def render_resting(
    protocol: views.Protocol,
    rest: Rest,
    last: views.Protocol | None,
    now: datetime,
    after: str,
    console: Console | None = None,
) -> None:
    """Why a session is refused within the skin's rest (after `after`), when it may start, how to start anyway."""
    console = console or make_console()
    until = clock_at(rest.until, now)
    named = f" ({last.name})" if last is not None else ""
    if rest.running:
        minutes = f"{rest.rest_minutes:g} min"
        why = f"Not yet: a session{named} is on now, and the skin rests at least {minutes} after {after}."
        when = f"{protocol.name} may start at {until} at the earliest."
    else:
        why = (
            f"Not yet: the skin rests at least {rest.rest_minutes:g} min after {after}, "
            f"and the last session{named} ended at {clock_at(rest.ended, now)}."
        )
        when = f"{protocol.name} may start at {until}, in {rest.left_words(now)}."
    console.print(Text(why, style="bold"))
    console.print(Text(when))
    console.print(Text(f"To start now anyway (you are asked once more): {again(protocol)} --force-early", style="dim"))


def render_not_early(until: datetime, now: datetime, console: Console | None = None) -> None:
    """The session was not started early: when it may start."""
    console = console or make_console()
    console.print(Text(f"Not started. The next session may start at {clock_at(until, now)}."))


def clock_at(moment: datetime, now: datetime) -> str:
    """A clock time as people read it: "14:42", with the day when it is not today ("Tue 14:42")."""
    from backspasm.clock.now import local

    at = local(moment)
    return f"{at:%H:%M}" if at.date() == local(now).date() else f"{at:%a} {at:%H:%M}"


def again(protocol: views.Protocol) -> str:
    """The command that starts this protocol again."""
    return f"backspasm {protocol.id}" if protocol.id in ("ice", "heat") else f"backspasm session {protocol.id}"


# ---------------------------------------------------------------- the running session


def bar(fraction: float, style: str, width: int = BAR_WIDTH) -> Text:
    """A progress bar as one line of text (cheap to draw, and it ends its line).

    Done and to-do are different characters, so the bar reads right without colour (NO_COLOR).
    """
    done = round(max(0.0, min(1.0, fraction)) * width)
    return Text.assemble(("█" * done, style), ("░" * (width - done), "grey35"), f" {round(fraction * 100):3d}%")


def ends_at(remaining: float) -> str:
    """The clock time a countdown ends ("17:45"), from the one clock (BACKSPASM_NOW in tests)."""
    return clock_in(remaining)


def window_title(text: str) -> str:
    """The escape sequence that sets the terminal window's title (empty text clears it).

    Ended by ST (ESC \\), not BEL, so that it never rings where a bell is not wanted.
    """
    printable = "".join(char for char in text if char.isprintable())
    return f"\x1b]0;{printable}\x1b\\"


def print_line(console: Console, line: str, *, wrap: bool = True, style: str = "") -> None:
    """One line of words, wrapped whole words at a time ("Applied 5 s" stays together), or as it is."""
    if not wrap:
        console.print(Text(line, style=style), soft_wrap=True)
        return
    for part in wrap_words(line, console.width):
        console.print(Text(part, style=style), no_wrap=True, overflow="ignore")


class PlainView:
    """One line per event (start, each minute, phase change, pause, end): for screen readers and scripts."""

    tick = 5.0
    per_second = False

    def __init__(self, voice: Narrator, console: Console | None = None) -> None:
        self.voice = voice
        self.console = console or make_console()

    def event(self, event: Event, snap: Snapshot) -> None:
        """Print the event's line."""
        with contextlib.suppress(OSError, ValueError):
            # Piped (a script, a log): one line per event. On a terminal: wrapped at word boundaries,
            # since the terminal itself would break words at its edge.
            print_line(self.console, self.voice.line(event, snap), wrap=self.console.is_terminal)

    def show(self, snap: Snapshot) -> None:
        """Plain output has no redraws."""

    def close(self) -> None:
        """Nothing to tidy up."""


class LiveView:
    """A panel redrawn when the seconds shown change (at most about once a second), events above it."""

    tick = 1.0
    per_second = True

    def __init__(
        self,
        voice: Narrator,
        console: Console | None = None,
        *,
        transient: bool = False,
        quiet: bool = False,
        keep_above: int = 0,
        big: bool = True,
    ) -> None:
        self.voice = voice
        self.console = console or make_console()
        # A stretch's count: the panel says where it is (quiet: no line per event above it), the
        # stretch's card above it stays on screen (keep_above lines), and the big digits are drawn
        # only when there is room for both (never during the count to get into position: big=False).
        self.quiet = quiet
        self.keep_above = keep_above
        self.big = big
        # A session's last panel stays as its record; a stretch's counts are transient.
        self._live = Live(
            console=self.console, auto_refresh=False, transient=transient, redirect_stdout=False, redirect_stderr=False
        )
        self._shown: tuple[Any, ...] | None = None
        self._closed = False
        self._live.start()

    def event(self, event: Event, snap: Snapshot) -> None:
        """Print events above the panel (minute marks are already on it); the last one below it."""
        if event.kind in ("completed", "stopped", "pause_limit"):
            self.show(snap)
            self.close()
            if not self.quiet or event.kind != "completed":
                self._print(self.voice.line(event, snap))
            return
        if event.kind != "minute" and not self.quiet:
            self._print(self.voice.line(event, snap))
        self.show(snap)

    def _print(self, line: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            print_line(self.console, line)

    def show(self, snap: Snapshot) -> None:
        """Redraw, but only when something shown has changed."""
        if self._closed:
            return
        key = (snap.status, snap.segment, clock_text(snap.remaining), snap.rounds_done, snap.pause_left is None)
        if key == self._shown:
            return
        self._shown = key
        with contextlib.suppress(OSError, ValueError):
            self._live.update(self.panel(snap), refresh=True)
            self._title(f"{clock_text(snap.remaining)} left · {self.voice.name}" if snap.status != "completed" else "")

    def _title(self, text: str) -> None:
        # The time left in the window title, so it shows from another window or the task bar.
        if self.console.is_terminal and not self.console.is_dumb_terminal:
            self.console.file.write(window_title(text))
            self.console.file.flush()

    def panel(self, snap: Snapshot) -> Panel:
        """The display: where the timer is (round x of y, phase), time left, a bar, the keys."""
        segment = snap.segment
        heading_style = {"completed": "bold green", "stopped": "bold yellow"}.get(snap.status, "bold")
        if snap.status == "paused":
            heading_style = "bold yellow"
        where = Text(self.voice.heading(snap), style=heading_style)
        style = "green" if segment.phase == "rest" else "cyan"
        left = clock_text(snap.remaining)
        running = snap.status in ("running", "paused")
        ends = f"  (ends {ends_at(snap.remaining)})" if snap.status == "running" else ""
        parts: list[Text] = [where, Text.assemble("Time left ", (left, f"bold {style}"), ends)]
        width, height = self.console.size
        room = height - self.keep_above - 1  # the panel's own lines, and the cursor's under it
        if running and self.big and bigclock.fits(left, width, height) and room >= BIG_PANEL:
            parts.append(Text("\n".join(bigclock.big(left)), style=f"bold {style}"))
        parts.append(bar(snap.fraction_done if snap.status != "completed" else 1.0, style))
        if snap.status == "paused" and snap.pause_left is not None:
            parts.append(Text(f"Resume by {ends_at(snap.pause_left)}, or the session ends:", style="yellow"))
            parts.append(Text("a pause counts toward the safe maximum.", style="yellow"))
        if snap.status == "paused":
            parts.append(Text("space or p: resume · q: end", style="dim"))
        elif running:
            parts.append(Text("space or p: pause/resume · q: end", style="dim"))
        lines = Group(*parts)
        return Panel(lines, title=self.voice.name, title_align="left", expand=False)

    def close(self) -> None:
        """Stop redrawing and show the cursor again."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(OSError, ValueError):
            self._live.stop()
            self._title("")
