"""Warnings about names a scenario uses but never sets, or defines but never uses."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from game.core import conditions as c
from game.core.model import Rule
from game.core.shapes import Ctx, suggest
from game.core.vocabulary import CONDITION_CLASSES, EFFECT_CLASSES, Uses, walk
from game.core.yamlsafe import Mark


def _rule_conditions(rule: Rule) -> Iterator[c.Condition]:
    """Every condition a rule holds: its ``if`` and its effects' filters, nested ones too."""
    yield from walk(rule.condition)
    for effect in rule.effects:
        yield from walk(EFFECT_CLASSES[type(effect)].where(effect))


def _sets(rules: list[Rule]) -> set[tuple[str, str]]:
    """What the rules' effects set, as (kind, name) pairs."""
    return {pair for r in rules for x in r.effects for pair in EFFECT_CLASSES[type(x)].sets(x)}


def _reads(cond: c.Condition) -> Uses:
    return CONDITION_CLASSES[type(cond)].uses(cond)


def usage_warnings(
    rules: list[Rule],
    word_list_marks: Mapping[str, tuple[Mark, Ctx]],
    perk_marks: Mapping[str, tuple[Mark, Ctx]],
    tier_perks: set[str],
    contexts: Mapping[str, Ctx],
    known_tags: set[str],
) -> None:
    """Warn about counters and flags read but never changed, and word lists and perks unused."""
    sets = _sets(rules)
    set_counters = {name for kind, name in sets if kind == "counter"}
    set_flags = {name for kind, name in sets if kind == "flag"}
    used_lists: set[str] = set()
    used_perks = set(tier_perks) | {name for kind, name in sets if kind == "perk"}
    for rule in rules:
        where = contexts[rule.path]
        for cond in _rule_conditions(rule):
            reads = _reads(cond)
            counters = {name for kind, name in reads if kind == "counter"}
            flags = {name for kind, name in reads if kind == "flag"}
            used_lists.update(name for kind, name in reads if kind == "word_list")
            for tag in (name for kind, name in reads if kind == "tag"):
                if tag not in known_tags:
                    hint = suggest(tag, sorted(known_tags)) or "no post, choice or item has it"
                    where.warning(
                        Mark(rule.line, 1),
                        f"rule '{rule.id}' tests the tag '{tag}', "
                        "which no post, choice or item has",
                        hint,
                    )
            mark = Mark(rule.line, 1)
            for name in sorted(counters - set_counters):
                where.warning(
                    mark,
                    f"counter '{name}' is never changed by any rule, so it is always 0",
                    "change it with add_to_counter or set_counter",
                )
            for name in sorted(flags - set_flags):
                where.warning(
                    mark, f"flag '{name}' is never set by any rule", "set it with set_flag"
                )
    for name, (mark, where) in word_list_marks.items():
        if name not in used_lists:
            where.warning(
                mark,
                f"word list '{name}' is never used",
                "use it in a rule with 'text_uses: " + name + "'",
            )
    for name, (mark, where) in perk_marks.items():
        if name not in used_perks:
            where.warning(
                mark, f"perk '{name}' is never given: no tier lists it and no rule unlocks it"
            )
