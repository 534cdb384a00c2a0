"""Warnings about names a scenario uses but never sets, or defines but never uses."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from game.core import conditions as c
from game.core import effects as e
from game.core.model import Rule
from game.core.shapes import Ctx, suggest
from game.core.yamlsafe import Mark


def _conditions(cond: c.Condition | None) -> Iterator[c.Condition]:
    if cond is None:
        return
    yield cond
    if isinstance(cond, c.AllOf | c.AnyOf):
        for part in cond.parts:
            yield from _conditions(part)
    elif isinstance(cond, c.NotThis):
        yield from _conditions(cond.part)


def _rule_conditions(rule: Rule) -> Iterator[c.Condition]:
    yield from _conditions(rule.condition)
    for effect in rule.effects:
        if isinstance(effect, e.ChangeScore):
            yield from _conditions(effect.where)


def usage_warnings(
    rules: list[Rule],
    word_list_marks: Mapping[str, tuple[Mark, Ctx]],
    perk_marks: Mapping[str, tuple[Mark, Ctx]],
    tier_perks: set[str],
    contexts: Mapping[str, Ctx],
    known_tags: set[str],
) -> None:
    """Warn about counters and flags read but never changed, and word lists and perks unused."""
    set_counters = {x.name for r in rules for x in r.effects if isinstance(x, e.ChangeCounter)}
    set_flags = {x.name for r in rules for x in r.effects if isinstance(x, e.SetFlag) and x.value}
    used_lists: set[str] = set()
    used_perks = set(tier_perks) | {
        x.perk for r in rules for x in r.effects if isinstance(x, e.SetPerk)
    }
    for rule in rules:
        where = contexts[rule.path]
        for cond in _rule_conditions(rule):
            counters, flags = set(), set()
            if isinstance(cond, c.TextUses):
                used_lists.update(cond.lists)
            elif isinstance(cond, c.HasTag):
                for tag in cond.tags:
                    if tag not in known_tags:
                        hint = suggest(tag, sorted(known_tags)) or "no post, choice or item has it"
                        where.warning(
                            Mark(rule.line, 1),
                            f"rule '{rule.id}' tests the tag "
                            f"'{tag}', which no post, choice or item has",
                            hint,
                        )
            elif isinstance(cond, c.CounterIs):
                counters.add(cond.name)
            elif isinstance(cond, c.FlagSet):
                flags.add(cond.flag)
            elif isinstance(cond, c.Expression):
                for name in cond.expr.names:
                    head, _, tail = name.partition(".")
                    (counters if head == "counters" else flags if head == "flags" else set()).add(
                        tail
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
