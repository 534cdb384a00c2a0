"""The shape of a rule (``when`` / ``if`` / ``then``), and how checked YAML becomes rule objects.

Every word a rule may use is an entry in ``vocabulary``; this module only puts them together.
Checks that depend on the rule's event (is a friend bound? does the event carry text?) happen
here, with ``ctx.rule`` describing the rule being checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core import conditions as c
from game.core.limits import OnceShape
from game.core.model import DIRECTIONS, Rule
from game.core.ruleshapes import (
    ExpressionShape,
    RuleCtx,
    check_placeholders,
    no_friend_hint,
)
from game.core.shapes import (
    INVALID,
    Choice,
    Ctx,
    Either,
    Field,
    Ident,
    ListOf,
    Number,
    Obj,
    OneKey,
    Ref,
    Shape,
    Text,
    bad,
)
from game.core.vocabulary import (
    CONDITION_WORDS,
    EFFECT_WORDS,
    EVENT_WORDS,
    EVENTS,
    events_where,
)
from game.core.yamlsafe import MapNode, Mark, Node, ScalarNode, SeqNode

FRIEND_EVENTS = events_where(lambda word: word.friend == "always")
"""Events that always carry a friend."""
MAYBE_FRIEND_EVENTS = events_where(lambda word: word.friend == "maybe")
"""Events that carry a friend when the post is a friend's."""
THRESHOLD_EVENTS = events_where(lambda word: word.threshold)
"""Events that need a ``threshold``."""

CONDITION_OPTIONS: dict[str, Shape] = {
    name: word.shape for name, word in CONDITION_WORDS.items() if word.shape is not None
}
EFFECT_OPTIONS: dict[str, Shape] = {name: word.shape for name, word in EFFECT_WORDS.items()}


@dataclass(frozen=True)
class ConditionShape:
    """One condition: an expression string or a one-key mapping, built into a Condition."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode):
            return ExpressionShape().check(node, ctx)
        raw = OneKey(CONDITION_OPTIONS, "condition").check(node, ctx)
        if raw is INVALID:
            return INVALID
        name, value, mark = raw
        _relevance(name, value, mark, ctx)
        return CONDITION_WORDS[name].build(value)

    def schema(self) -> dict[str, Any]:
        return Either(ExpressionShape(), OneKey(CONDITION_OPTIONS, "condition")).schema()


CONDITION = ConditionShape()


def _relevance(name: str, value: Any, mark: Mark, ctx: Ctx) -> None:
    rule: RuleCtx | None = ctx.rule
    if rule is None or rule.event is None:
        return
    word = CONDITION_WORDS[name]
    if word.fits is not None:
        fits = events_where(word.fits)
        if rule.event not in fits:
            ctx.warning(
                mark,
                f"this rule can never fire: '{name}' never holds for '{rule.event}'",
                "events it fits: " + ", ".join(sorted(fits)),
            )
    if word.needs_friend(value) and not rule.friend:
        ctx.error(mark, f"'{name}' needs a friend, and this rule has none", no_friend_hint())
    if name == "chance" and value == 0:
        ctx.warning(mark, "this rule can never fire: 'chance: 0' never holds")


@dataclass(frozen=True)
class ConditionsShape:
    """A rule's ``if``: one condition, or a list of conditions that must all hold."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, SeqNode):
            parts = ListOf(CONDITION, min_items=1).check(node, ctx)
            return INVALID if parts is INVALID else c.AllOf(parts)
        return CONDITION.check(node, ctx)

    def schema(self) -> dict[str, Any]:
        ref = {"$ref": "#/$defs/condition"}
        return {"anyOf": [ref, {"type": "array", "items": ref, "minItems": 1}]}


@dataclass(frozen=True)
class WhereShape:
    """``where`` filters friends: a condition checked with a friend bound."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        saved = ctx.rule
        ctx.rule = RuleCtx(saved.event if saved else None, True)
        try:
            return ConditionsShape().check(node, ctx)
        finally:
            ctx.rule = saved

    def schema(self) -> dict[str, Any]:
        return ConditionsShape().schema()


NAMED: dict[str, Shape] = {"condition": CONDITION, "where": WhereShape()}
"""Shapes other words hold, by name (see ``ruleshapes.Named``)."""


@dataclass(frozen=True)
class EffectShape:
    """One effect, built into an Effect."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        raw = OneKey(EFFECT_OPTIONS, "effect").check(node, ctx)
        if raw is INVALID:
            return INVALID
        name, value, mark = raw
        word = EFFECT_WORDS[name]
        for text in word.texts(value):
            check_placeholders(text, mark, ctx)
        return word.build(value, mark.line)

    def schema(self) -> dict[str, Any]:
        return OneKey(EFFECT_OPTIONS, "effect").schema()


RULE_FIELDS = {
    "id": Field(Ident(), required=True),
    "description": Field(Text()),
    "about": Field(Ref("fact", "fact or myth", "the id of the debrief fact or myth it dramatises")),
    "when": Field(Choice(EVENTS), required=True),
    "for_each": Field(Choice(("friend",))),
    "if": Field(ConditionsShape()),
    "then": Field(ListOf(EffectShape(), min_items=1, max_items=50), required=True),
    "once": Field(OnceShape(), default=""),
    "threshold": Field(Number(-1e6, 1e6)),
    "direction": Field(Choice(DIRECTIONS), default="either"),
}


def _scalar(node: MapNode, key: str) -> object:
    for key_node, value_node in node.items:
        if key_node.value == key and isinstance(value_node, ScalarNode):
            return value_node.value
    return None


@dataclass(frozen=True)
class RuleShape:
    """A rule, checked with its event in mind and built into a Rule."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, MapNode):
            event = _scalar(node, "when")
            event = event if event in EVENT_WORDS else None
            friend = _scalar(node, "for_each") == "friend" or event in FRIEND_EVENTS
            friend = friend or event in MAYBE_FRIEND_EVENTS
            ctx.rule = RuleCtx(event, friend)
        try:
            record = Obj(RULE_FIELDS, what="rule").check(node, ctx)
        finally:
            ctx.rule = None
        if bad(record):
            return INVALID
        when = record["when"]
        if when in THRESHOLD_EVENTS and record["threshold"] is None:
            ctx.error(
                record.mark,
                f"a '{when}' rule needs 'threshold: N'",
                "for example: threshold: 550",
            )
            return INVALID
        if when not in THRESHOLD_EVENTS and record["threshold"] is not None:
            ctx.error(
                record.mark_of("threshold"),
                "'threshold' only belongs to " + " and ".join(sorted(THRESHOLD_EVENTS)) + " rules",
            )
            return INVALID
        return Rule(
            id=record["id"],
            when=when,
            effects=record["then"],
            path=ctx.path,
            line=record.mark.line,
            condition=record["if"],
            for_each_friend=record["for_each"] == "friend",
            once=record["once"],
            description=record["description"],
            threshold=record["threshold"],
            direction=record["direction"],
            about=record["about"],
        )

    def schema(self) -> dict[str, Any]:
        return Obj(RULE_FIELDS, what="rule").schema()
