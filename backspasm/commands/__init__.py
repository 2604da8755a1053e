"""One module per command group. Each imports only typer at module level, so `--help` stays fast."""
