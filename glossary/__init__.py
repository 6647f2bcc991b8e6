"""Glossary: the SQLite store of curated renderings and the German-aware matcher.

Knows nothing of translation engines or of the terminal UI.
"""
