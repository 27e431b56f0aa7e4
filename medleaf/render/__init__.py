"""render: (described in medleaf/__init__.py)."""
