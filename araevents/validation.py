"""Annotation validation with errors that name the file, line and span at fault."""

from __future__ import annotations

from pathlib import Path

from .errors import UserError


class AnnotationError(UserError):
    """A problem in an annotation file; ``str()`` reads ``file:line: message``."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        where = ""
        if self.path:
            where = self.path + (f":{line}" if line is not None else "") + ": "
        elif line is not None:
            where = f"line {line}: "
        super().__init__(where + message)
