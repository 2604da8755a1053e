"""Triage: is this back pain dangerous? Rules from the knowledge base, evaluated without I/O.

Modules: `conditions` (three-valued evaluation of rule conditions), `answers` (reading and
validating an answers mapping), `startback` (Keele STarT Back scoring), `engine` (the pure
`evaluate`), `flow` (which question to ask next), `run` (one triage run, scripted or asked).
Nothing is imported here, so `import backspasm.triage.engine` stays light.
"""
