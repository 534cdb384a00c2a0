"""What the core says, as a code with arguments: the interface and ``explain`` put it in words.

The core never writes a sentence a player reads. A notice, a refusal, a day label or the cause of a
score change leaves it as a ``Code`` (``Code.of("notice.day", day=2, days=7)``); ``ui/strings.py``
and ``game.core.explain`` look the key up in English or Spanish and fill in the arguments.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Code:
    """A message key and its arguments. An argument may itself be a Code (said in turn) or a
    tuple of Codes (joined)."""

    key: str
    args: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **args: object) -> Code:
        """A code with keyword arguments, kept in the order given."""
        return cls(key, tuple(args.items()))

    def arg(self, name: str) -> object:
        """The argument ``name``. Raises KeyError when the code has none by that name."""
        for key, value in self.args:
            if key == name:
                return value
        raise KeyError(name)

    def __str__(self) -> str:
        """The code in English, for logs and the teacher's terminal (players get their own
        language through ``ui/strings.py``)."""
        from importlib import import_module

        return str(import_module("game.core.explain").say(self, "en"))


TEXT = "text"
"""The key of a code that carries a scenario's own text, shown as written in every language."""


def text(value: str) -> Code:
    """A code for a text the scenario wrote (a notice, a message, a description). Built directly
    (a day step makes hundreds): the same as ``Code.of(TEXT, text=value)``."""
    return Code(TEXT, (("text", value),))
