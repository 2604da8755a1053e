"""The finished values an action hands a screen: plain frozen values, their words already chosen.

Feature modules compute them and render/ draws them; this package sits below both, so that
render/ imports no feature package (docs/architecture.md).
"""
