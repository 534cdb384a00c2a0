"""Located problems found in a scenario, and how they are shown to a teacher."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"
SHOWN_CHARS = 200


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    severity: str
    message: str
    hint: str | None = None
    source_line: str | None = None

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == ERROR

    def headline(self) -> str:
        """The first line: ``PATH:LINE:COL: error: message``."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def format(self) -> str:
        """The headline, then the source line with a caret under the column, then the hint."""
        lines = [self.headline()]
        if self.source_line is not None and self.source_line.strip():
            text = "".join(ch if ch.isprintable() else " " for ch in self.source_line.rstrip())
            text = text[:SHOWN_CHARS] + (" ..." if len(text) > SHOWN_CHARS else "")
            lines.append(f"    {text}")
            lines.append("    " + " " * max(0, self.col - 1) + "^")
        if self.hint:
            lines.append(f"    hint: {self.hint}")
        return "\n".join(lines)


def has_errors(diagnostics: Sequence[Diagnostic]) -> bool:
    """True when any diagnostic is an error (warnings alone do not count)."""
    return any(d.is_error for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    """Order diagnostics by file, then position, then message."""
    return (d.path, d.line, d.col, d.message)


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """All diagnostics as text, errors and warnings in file order, with a closing count."""
    body = [d.format() for d in sorted(diagnostics, key=sort_key)]
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return "\n".join([*body, f"{errors} error(s), {warnings} warning(s)"])


def to_json(diagnostics: Sequence[Diagnostic]) -> str:
    """All diagnostics as a JSON list of objects, for editors."""
    return json.dumps([asdict(d) for d in sorted(diagnostics, key=sort_key)], indent=2)
