"""How far back a journal command may look: shared by the options (`history --days`) and the checks (`report`).

Standard library only, so the command modules can read it without slowing `backspasm --help`.
"""

from __future__ import annotations

# The longest window --days covers: a hundred years (longer would overflow the calendar).
MAX_DAYS = 36_500
