"""Warnings about rules that are legal but misbehave: runaway work and silent typos.

- A ``score_crosses`` rule whose effects can move the player's score back across its own
  threshold feeds itself; rules whose score changes set each other off loop (the engine stops
  both, but the player sees the rules cut short).
- ``for_each: friend`` with an effect on all friends does friends x friends work.
- ``player.tier == "hihg"``, ``friend.id == "anna"``, ``friend.reaction == "angry"`` inside an
  expression compare with a value that exists nowhere, so the condition never holds.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import fields, is_dataclass

from game.core.conditions import Expression
from game.core.effects import ChangeScore, PullToFriends
from game.core.expr import Expr, literal_comparisons
from game.core.model import REACTIONS, Rule
from game.core.shapes import known, suggest

MAX_LOOP_WARNINGS = 10  # most "set each other off" warnings in one check
MAX_PAIR_TRIES = 50  # rules within reach tried for one rule before giving up on it
MAX_TYPO_HINTS = 20  # most "did you mean" hints worked out for expression values
Warn = Callable[[Rule, str, str | None], None]


def rule_lint(rules: Sequence[Rule], values: Mapping[str, Sequence[str]], warn: Warn) -> None:
    """Warn (through ``warn(rule, message, hint)``) about the rules described above.

    ``values`` gives the known values of the expression names checked: ``player.tier`` (tier
    ids), ``friend.id`` (friend ids), ``friend.name`` (names); ``friend.reaction`` is the fixed
    list of reactions.
    """
    _loops(rules, warn)
    for rule in rules:
        if rule.for_each_friend and any(
            isinstance(e, ChangeScore) and e.who == "friends" for e in rule.effects
        ):
            warn(
                rule,
                f"rule '{rule.id}' runs for each friend and changes all friends' scores each "
                "time: with many friends that is a great deal of work",
                "use 'who: friend' to change the bound friend, or drop 'for_each'",
            )
    _typos(rules, {**values, "friend.reaction": REACTIONS}, warn)


def _signs(rule: Rule) -> set[int]:
    """Which ways (+1, -1) the rule's effects can move the player's score."""
    out: set[int] = set()
    for effect in rule.effects:
        if isinstance(effect, PullToFriends):
            out |= {1, -1}
        elif isinstance(effect, ChangeScore) and effect.who == "player":
            amount = effect.by if effect.by is not None else effect.percent
            if amount is None:
                out |= {1, -1}
            elif amount:
                out.add(1 if amount > 0 else -1)
    return out


def _fires_on(rule: Rule, sign: int) -> bool:
    """True when a move of this sign across its threshold can fire ``rule``."""
    return rule.direction in ("either", "up" if sign > 0 else "down")


def _loops(rules: Sequence[Rule], warn: Warn) -> None:
    """Self-feeding rules, then pairs of rules that set each other off back and forth.

    Whether two rules can set each other off depends on their directions and the ways they move
    the score (so rules are grouped by those, a few groups), and on their thresholds lying within
    reach of each other's score changes (found by a sorted search, never pair by pair).
    """
    groups: dict[tuple[frozenset[int], str], list[Rule]] = {}
    for rule in rules:
        if rule.when != "score_crosses":
            continue
        signs = frozenset(_signs(rule))
        if len(signs) > 1:  # it moves the score both ways: whichever way it fired, it can again
            warn(
                rule,
                f"rule '{rule.id}' can move the score back across its own threshold, so it "
                "sets itself off again and again",
                "give it a 'direction' and move the score only away from the threshold",
            )
        else:
            groups.setdefault((signs, rule.direction), []).append(rule)
    shown = 0
    keys = list(groups)
    for i, a in enumerate(keys):
        for b in keys[i:]:
            if shown >= MAX_LOOP_WARNINGS or len(a[0] | b[0]) < 2:
                continue
            sample_a, sample_b = groups[a][0], groups[b][0]
            if any(_fires_on(sample_b, s) for s in a[0]) and any(
                _fires_on(sample_a, s) for s in b[0]
            ):
                pair = _close_pair(groups[a], groups[b])
                if pair is not None:
                    shown += 1
                    warn(
                        pair[0],
                        f"rules '{pair[0].id}' and '{pair[1].id}' set each other off: each "
                        "one's score change can cross the other's threshold",
                        "make one of them 'once: true', or move the score the same way in both",
                    )


def _reach(rule: Rule) -> float:
    """How far the rule's effects can move the player's score (inf when it depends)."""
    total = 0.0
    for effect in rule.effects:
        if isinstance(effect, PullToFriends) or (
            isinstance(effect, ChangeScore) and effect.who == "player" and effect.by is None
        ):
            return math.inf
        if isinstance(effect, ChangeScore) and effect.who == "player":
            total += abs(effect.by or 0)
    return total


def _close_pair(firsts: Sequence[Rule], seconds: Sequence[Rule]) -> tuple[Rule, Rule] | None:
    """Two distinct rules, one from each list, whose thresholds lie within each other's reach
    (each rule fires next to its threshold); None if there are none. Sorted search, so many
    rules cost n log n, not n x n."""
    others = sorted(seconds, key=lambda r: r.threshold or 0)
    marks = [r.threshold or 0 for r in others]
    for rule in firsts:
        mark, reach = rule.threshold or 0, _reach(rule)
        low, high = bisect_left(marks, mark - reach), bisect_right(marks, mark + reach)
        for other in others[low:high][:MAX_PAIR_TRIES]:
            if other is not rule and abs(mark - (other.threshold or 0)) <= _reach(other):
                return rule, other
    return None


def _expressions(value: object, depth: int = 0) -> Iterator[Expr]:
    """Every expression inside a condition or effect (nested conditions included)."""
    if isinstance(value, Expression):
        yield value.expr
    elif isinstance(value, tuple) and depth < 64:
        for item in value:
            yield from _expressions(item, depth + 1)
    elif is_dataclass(value) and not isinstance(value, type) and depth < 64:
        for f in fields(value):
            yield from _expressions(getattr(value, f.name), depth + 1)


def _typos(rules: Sequence[Rule], values: Mapping[str, Sequence[str]], warn: Warn) -> None:
    known_values = {name: set(choices) for name, choices in values.items()}
    hints = 0
    for rule in rules:
        exprs = [*_expressions(rule.condition), *_expressions(rule.effects)]
        for expr in exprs:
            for name, text in literal_comparisons(expr):
                if name not in known_values or text in known_values[name]:
                    continue
                what, choices = name.split(".", 1)[1], list(values[name])
                hints += 1
                close = suggest(text, choices) if hints <= MAX_TYPO_HINTS else None
                warn(
                    rule,
                    f"rule '{rule.id}' compares {name} with \"{text}\", which no {what} has, "
                    "so that comparison never holds",
                    close or known(f"{what} values", choices),
                )
