"""The `config` command: setting, reading and listing the stored settings (backspasm/settings)."""
