"""i18n: (described in medleaf/__init__.py)."""
