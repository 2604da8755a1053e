"""Rich rendering lives here and only here; consoles are made by a function, never at import."""
