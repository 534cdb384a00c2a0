"""The personal debrief: what moved this player's score most, and what was real about each mechanic.

Pure data from a scenario and a game's score history; the interface decides how it looks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.core.codes import Code
from game.core.model import Fact, Scenario
from game.core.views import ScoreChange

HIGHLIGHTS = 3
"""How many of the player's biggest changes the debrief opens with."""


@dataclass(frozen=True, slots=True)
class Highlight:
    """One mechanic that moved the player's score: its cause, its total, and the fact behind it.

    ``repeat`` is True when an earlier highlight already showed the same fact, so the interface
    need not explain it twice.
    """

    rule_id: str
    cause: Code
    total: int
    times: int
    fact: Fact | None
    repeat: bool = False


@dataclass(frozen=True, slots=True)
class PersonalDebrief:
    """The debrief of one game: its highlights, then the other facts and myths, then questions."""

    highlights: tuple[Highlight, ...]
    others: tuple[Fact, ...]
    questions: tuple[str, ...]


def personal_debrief(
    scenario: Scenario, history: Sequence[ScoreChange], top: int = HIGHLIGHTS
) -> PersonalDebrief:
    """The player's `top` biggest mechanics and the facts tied to them, then everything else.

    Changes to the player's own score are grouped by the rule that made them; a group's size is
    the sum of its changes (a rule that took 8 points on five evenings counts as -40). Groups are
    ranked by that size, largest first, the earlier one first on a tie; groups that add up to
    nothing are left out. The other facts keep the scenario's order. Never raises.
    """
    groups: dict[str, list[ScoreChange]] = {}
    for change in history:
        if change.who == "player" and change.delta:
            groups.setdefault(change.rule_id, []).append(change)
    ranked = sorted(
        ((sum(c.delta for c in changes), changes) for changes in groups.values()),
        key=lambda item: (-abs(item[0]), item[1][0].seq),
    )
    highlights: list[Highlight] = []
    shown: set[str] = set()
    for total, changes in ranked:
        if len(highlights) == top:
            break
        if total == 0:
            continue
        first = changes[0]
        rule = scenario.rule(first.rule_id)
        fact = scenario.fact(rule.about if rule else None)
        repeat = fact is not None and fact.id in shown
        if fact is not None and fact.id is not None:
            shown.add(fact.id)
        highlights.append(Highlight(first.rule_id, first.cause, total, len(changes), fact, repeat))
    others = tuple(f for f in scenario.debrief.facts if f.id is None or f.id not in shown)
    return PersonalDebrief(tuple(highlights), others, scenario.debrief.questions)


WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def count_words(texts: Iterable[str]) -> int:
    """How many words the texts hold together (numbers count as words; punctuation does not)."""
    return sum(len(WORD.findall(text)) for text in texts)
