"""The review desk: a Textual app for side-by-side review and glossary editing."""
