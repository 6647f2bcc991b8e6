"""The glossary's one base exception."""


class GlossaryError(Exception):
    """A problem with a glossary, its file or its data; the message tells the user what to do."""
