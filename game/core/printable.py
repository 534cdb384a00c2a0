"""One function that makes any text safe to print to a terminal or to draw in the window.

Scenario files, saves and file names are untrusted: a string may hold an escape sequence that
rewrites a teacher's terminal, a carriage return that hides a line, a newline that forges one, a
bidirectional override that reorders it, or a NUL or lone surrogate that the font renderer
refuses. :func:`printable` shows each such character as a visible escape instead.
"""

from __future__ import annotations

import re

# C0 but tab and newline, DEL, C1, surrogates, line/paragraph separators, bidi embeddings,
# overrides and isolates, and the byte-order mark
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_UNSAFE_OR_NEWLINE = re.compile(_UNSAFE.pattern[:-1] + "\n]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with every unsafe character written as a visible escape (``\\x1b``, ``\\u202e``).

    Newlines are escaped too (``\\x0a``) unless ``newlines`` is true, so one value prints as one
    line. Tabs stay. Text without unsafe characters comes back unchanged. Never raises.
    """
    pattern = _UNSAFE if newlines else _UNSAFE_OR_NEWLINE
    return pattern.sub(_escape, text) if pattern.search(text) else text
