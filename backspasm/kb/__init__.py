"""The knowledge base: models, loading, checks. Import submodules directly; nothing heavy here."""
