"""`backspasm history`: past sessions from the store, as a table or as JSON.

The query (backspasm.history.list_sessions) and the views (backspasm.render.session) stay
separate functions, so a later timeline can merge sessions with other journal rows.
"""

from __future__ import annotations

import json
from datetime import timedelta

import typer

from backspasm import history


def recent_sessions(days: int | None) -> list[history.SessionRecord]:
    """Sessions of the last `days` days (all when None), after marking rows left by dead processes."""
    from backspasm.store import connect

    conn = connect()
    try:
        history.mark_interrupted(conn)
        since = history.now() - timedelta(days=days) if days is not None else None
        return history.list_sessions(conn, since)
    finally:
        conn.close()


def show_history(*, days: int | None, as_json: bool) -> None:
    """Print the sessions as a table, or as JSON on stdout."""
    records = recent_sessions(days)
    from backspasm.render.session import history_json, render_history

    if as_json:
        typer.echo(json.dumps(history_json(records), indent=2, ensure_ascii=False))
        return
    from backspasm.kb.loader import load_active

    names = {p.id: p.name for p in load_active().protocols}
    render_history(records, names)
