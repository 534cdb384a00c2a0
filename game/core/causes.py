"""The cause a player reads for a score change: a plain sentence, never rule logic.

The rule's ``description`` when it has one; otherwise what happened ("you posted", "your post
used a word from 'political'"), never the rule's condition, id, file or line (those are for the
teacher: ``explain`` and the teacher view).
"""

from __future__ import annotations

from game.core.codes import Code
from game.core.explain import cause_code
from game.core.model import Rule


def player_cause(rule: Rule) -> Code:
    """What the player reads as the reason ``rule`` changed a score."""
    code = cause_code(rule)
    if code.key == "cause.event_if":  # "you posted (the item is 'x' and not ...)": logic
        return Code.of(f"event.{rule.when}.past", threshold=rule.threshold)
    return code
