"""Which facts of an event a scenario's rules can read.

Two events of one kind, fired in the same game state, play out alike when they agree on every fact
the rules of that kind read: the rules see nothing else of them. A comment's post, say, makes no
difference when the comment rules look only at its words. Scripted players use this to try such
moves once (``Game.score_after``).

What each condition and effect reads is in its vocabulary entry (``facts``). The reading is
conservative: a word whose entry does not say counts as reading every fact, so a new word can only
make fewer moves alike, never wrongly so.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.core.model import Rule
from game.core.vocabulary import EVENT_FACTS, FRIEND_FACT, NO_FACTS, condition_facts, effect_facts


def rule_reads(rule: Rule) -> frozenset[str]:
    """The facts ``rule`` can read: its condition, its effects, its threshold (the scores an
    event crossed) and a per-friend ``once`` (the event's friend, without ``for_each``)."""
    reads = condition_facts(rule.condition).union(*(effect_facts(e) for e in rule.effects))
    if rule.threshold is not None:
        reads |= {"old_score", "new_score"}
    if rule.once == "per_friend" and not rule.for_each_friend:
        reads |= FRIEND_FACT
    return reads


def facts_read(rules: Iterable[Rule]) -> tuple[str, ...]:
    """The facts any of ``rules`` can read, in ``EVENT_FACTS`` order."""
    reads = NO_FACTS.union(*(rule_reads(rule) for rule in rules))
    return tuple(fact for fact in EVENT_FACTS if fact in reads)
