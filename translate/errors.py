"""The translate package's one base exception."""


class TranslateError(Exception):
    """A problem translating, or with a model or an input file; the message tells the user what to do."""
