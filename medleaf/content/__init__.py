"""content: (described in medleaf/__init__.py)."""
