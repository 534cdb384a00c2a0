"""The cause a player reads for a score change: a plain sentence, never rule logic.

The rule's ``description`` when it has one; otherwise what happened ("you posted", "your post
used a word from 'political'", "You chose 'Pay phone bill' in the shop."), never the rule's
condition, id, file or line (those are for the teacher: ``explain`` and the teacher view).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.core import conditions as c
from game.core.codes import Code
from game.core.explain import cause_code
from game.core.model import Item, Rule

MAX_NAMED = 3
"""A purchase rule that can fire for more items than this says "you bought something"."""


def player_cause(rule: Rule, shop: Sequence[Item] = ()) -> Code:
    """What the player reads as the reason ``rule`` changed a score; a purchase rule without a
    description names the item(s) of ``shop`` it can fire for (by their names)."""
    code = cause_code(rule)
    if rule.when == "player_buys" and not rule.description:
        items = bought(rule.condition, shop)
        if items and len(items) <= MAX_NAMED:
            said = tuple(Code.of("cause.item", name=i.name) for i in items)
            return Code.of("cause.bought", items=Code.of("list.or", items=said))
    if code.key == "cause.event_if":  # "you posted (the item is 'x' and not ...)": logic
        return Code.of(f"event.{rule.when}.past", threshold=rule.threshold)
    return code


def bought(cond: c.Condition | None, shop: Sequence[Item]) -> tuple[Item, ...] | None:
    """The items of ``shop`` a purchase must be for ``cond`` to hold, as far as the condition
    says (its ``item:``, ``has_tag:``, and ``all``/``any`` of those), in shop order; None when
    the condition does not narrow the items down."""
    if isinstance(cond, c.ItemIs):
        return tuple(i for i in shop if i.id == cond.item)
    if isinstance(cond, c.HasTag):
        return tuple(i for i in shop if set(i.tags) & set(cond.tags))
    if isinstance(cond, (c.AllOf, c.AnyOf)):
        found = [bought(part, shop) for part in cond.parts]
        known = [set(items) for items in found if items is not None]
        if not known or (isinstance(cond, c.AnyOf) and len(known) < len(found)):
            return None
        keep = set.intersection(*known) if isinstance(cond, c.AllOf) else set.union(*known)
        return tuple(i for i in shop if i in keep)
    return None
