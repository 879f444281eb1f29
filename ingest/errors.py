"""Errors a user can act on. Messages are Vietnamese and name the file or setting at fault."""

from __future__ import annotations


class BaocaoError(Exception):
    """Base of every user-facing error: the CLI prints it as one line, the UI shows it as is."""


class IngestError(BaocaoError):
    """A file that cannot be ingested; one bad file never stops the others."""

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
