"""Showing help text: `--help` and `backspasm help`."""
