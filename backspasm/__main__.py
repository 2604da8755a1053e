"""`python -m backspasm` runs the same CLI as the `backspasm` command."""

from backspasm.cli import main

main()
