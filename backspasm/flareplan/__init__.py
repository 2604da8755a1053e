"""`backspasm plan`: the flare-up plan, written on a good day and shown first on a bad one (issue 20)."""
