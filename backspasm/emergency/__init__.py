"""Which number to call: the person's region, its emergency number and urgent helpline.

Worked out once per command by the action (`current.current`), from the option, the
environment, the settings and the locale, and handed to every screen as one value
(`number.EmergencyNumber`). The countries are data/regions.yaml; docs/emergency-numbers.md
says what is shown where and why.
"""
