"""The pain journal: entries, the facts the record shows, escalation rules, the timeline, the doctor's report.

actions.py opens the journal for each command and ask.py puts its questions; the other modules
compute from plain rows, or read through backspasm.storage with a connection they are given.
"""
