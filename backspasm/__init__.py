"""backspasm: a command-line self-care assistant for back spasms."""

__version__ = "0.1.0"
