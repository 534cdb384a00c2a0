"""Located problems found in a scenario, and how they are shown to a teacher."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from game.core.printable import printable

ERROR = "error"
WARNING = "warning"
SHOWN_CHARS = 200  # most characters of a source line shown
SHOWN_MESSAGE = 400  # most characters of a message, path or hint shown


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
        """The first line: ``PATH:LINE:COL: error: message``, printable and at most
        :data:`SHOWN_MESSAGE` characters of message."""
        message = _cut(printable(self.message), SHOWN_MESSAGE)
        return f"{_cut(printable(self.path), SHOWN_MESSAGE)}:{self.line}:{self.col}: " + (
            f"{self.severity}: {message}"
        )

    def shown_source(self) -> str | None:
        """The source line as shown: non-printing characters as spaces, cut after
        :data:`SHOWN_CHARS` characters; None when there is no (non-blank) source line."""
        if self.source_line is None or not self.source_line.strip():
            return None
        text = self.source_line[: SHOWN_CHARS + 1].rstrip().expandtabs(1)
        text = "".join(ch if ch.isprintable() else " " for ch in text)
        return _cut(text, SHOWN_CHARS)

    def shown_hint(self) -> str | None:
        """The hint as shown (printable, cut), or None."""
        return _cut(printable(self.hint), SHOWN_MESSAGE) if self.hint else None

    def format(self) -> str:
        """The headline, then the source line with a caret under the column, then the hint."""
        lines = [self.headline()]
        source = self.shown_source()
        if source is not None:
            lines.append(f"    {source}")
            lines.append("    " + " " * min(max(0, self.col - 1), SHOWN_CHARS) + "^")
        hint = self.shown_hint()
        if hint:
            lines.append(f"    hint: {hint}")
        return "\n".join(lines)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with " ..." when cut."""
    return text[:limit] + " ..." if len(text) > limit else text


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
