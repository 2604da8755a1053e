"""Browsing the knowledge base: remedies, causes, warning signs and protocols as lists and cards."""
