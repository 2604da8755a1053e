"""The pain journal: entries, the facts the record shows, escalation rules, the doctor's report.

Pure functions over plain rows where possible; only record.py and entries.py touch the store.
"""
