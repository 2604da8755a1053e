"""Screens drawn with rich never load rich's emoji table: no ":name:" code is meant as an emoji."""

from __future__ import annotations

import subprocess
import sys

DRAW = (
    "import sys\n"
    "from backspasm.render.console import make_console\n"
    "make_console(width=60).print('Ice 10:00 then rest :smile: and walk')\n"
    "print('rich._emoji_codes' in sys.modules)\n"
)


def test_a_drawn_screen_keeps_colon_words_and_skips_the_emoji_table() -> None:
    """A printed ":smile:" stays as typed, and rich's emoji table (about 2 ms to import) is never loaded."""
    out = subprocess.run([sys.executable, "-c", DRAW], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["Ice 10:00 then rest :smile: and walk", "False"]
