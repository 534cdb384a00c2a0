"""The shape of a rule (``when`` / ``if`` / ``then``), and how checked YAML becomes rule objects.

Checks that depend on the rule's event (is a friend bound? does the event carry text?) happen
here, with ``ctx.rule`` describing the rule being checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from game.core import conditions as c
from game.core import effects as e
from game.core.expr import ExprError, Type, parse_condition
from game.core.model import DIRECTIONS, EVENTS, PLACEHOLDERS, REACTIONS, Rule
from game.core.shapes import (
    INVALID,
    Boolean,
    Choice,
    Ctx,
    Either,
    Field,
    Ident,
    Lazy,
    ListOf,
    Number,
    Obj,
    OneKey,
    Record,
    Ref,
    Text,
    bad,
    suggest,
)
from game.core.yamlsafe import MapNode, Mark, Node, ScalarNode, SeqNode

FRIEND_EVENTS = frozenset(
    {
        "player_reports_friend",
        "player_adds_friend",
        "player_removes_friend",
        "friend_posts",
        "friend_unfriends",
    }
)
"""Events that always carry a friend."""
MAYBE_FRIEND_EVENTS = frozenset(
    {"player_likes", "player_shares", "player_comments", "player_reports_post"}
)
"""Events that carry a friend when the post is a friend's."""
TEXT_EVENTS = frozenset({"player_posts", "friend_posts"} | MAYBE_FRIEND_EVENTS)
TAG_EVENTS = TEXT_EVENTS | {"player_buys"}
POST_EVENTS = MAYBE_FRIEND_EVENTS | {"friend_posts"}

FIXED_NAMES: dict[str, Type] = {
    "player.score": "number",
    "player.money": "number",
    "player.tier": "string",
    "day": "number",
    "days": "number",
    "friends.count": "number",
    "friends.average": "number",
    "friends.min": "number",
    "friends.max": "number",
}
FRIEND_NAMES: dict[str, Type] = {
    "friend.score": "number",
    "friend.id": "string",
    "friend.name": "string",
    "friend.reaction": "string",
    "friend.posts_per_day": "number",
    "friend.is_friend": "bool",
}


@dataclass(frozen=True)
class RuleCtx:
    """What is known about the rule being checked."""

    event: str | None
    friend: bool


def _friend_bound(ctx: Ctx) -> bool:
    return ctx.rule is None or ctx.rule.friend


def _no_friend_hint() -> str:
    return "add 'for_each: friend' to the rule, or use an event about a friend"


def _name_type(ctx: Ctx):
    def name_type(name: str) -> Type | None:
        if name in FIXED_NAMES:
            return FIXED_NAMES[name]
        if name in FRIEND_NAMES and _friend_bound(ctx):
            return FRIEND_NAMES[name]
        head, _, tail = name.partition(".")
        if tail and head == "counters":
            return "number"
        if tail and head == "flags":
            return "bool"
        return None

    return name_type


@dataclass(frozen=True)
class ExpressionShape:
    """A condition written as a safe expression."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        value = Text(max_len=500).check(node, ctx)
        if value is INVALID:
            return INVALID
        assert isinstance(node, ScalarNode)
        names = [*FIXED_NAMES, "counters.NAME", "flags.NAME"]
        if _friend_bound(ctx):
            names += list(FRIEND_NAMES)
        try:
            expr = parse_condition(value, _name_type(ctx), names)
        except ExprError as err:
            hint = err.hint
            if "friend." in value and not _friend_bound(ctx):
                hint = f"there is no friend in this rule: {_no_friend_hint()}"
            offset = 1 if node.quoted else 0
            mark = Mark(node.mark.line, node.mark.col + offset + err.col - 1)
            ctx.error(mark, f"in expression: {err.message}", hint)
            return INVALID
        return c.Expression(expr)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": 500, "description": "a safe expression"}


def _bounds_check(record: Record, ctx: Ctx) -> None:
    if all(record.get(k) is None for k in ("below", "at_least", "equals")):
        ctx.error(
            record.mark,
            "give a bound: 'below', 'at_least'" + (" or 'equals'" if "equals" in record else ""),
        )


CONDITION_OPTIONS: dict[str, Any] = {
    "text_uses": ListOf(Ref("word_list", "word list"), min_items=1, or_single=True),
    "has_tag": ListOf(Ident(), min_items=1, or_single=True),
    "choice": Ref("choice", "player post choice"),
    "item": Ref("item", "shop item"),
    "post": Ref("post", "post"),
    "score": Obj(
        {
            "of": Field(Choice(("player", "friend", "friends_average")), default="player"),
            "below": Field(Number(-1e6, 1e6, whole=False)),
            "at_least": Field(Number(-1e6, 1e6, whole=False)),
        },
        what="score condition",
        extra_check=_bounds_check,
    ),
    "friend": Obj(
        {
            "id": Field(Ref("friend", "friend")),
            "reaction": Field(Choice(REACTIONS)),
            "is_friend": Field(Boolean()),
            "has_topic": Field(Ident()),
        },
        what="friend condition",
    ),
    "flag": Ident(),
    "counter": Obj(
        {
            "name": Field(Ident(), required=True),
            "below": Field(Number(-1e9, 1e9)),
            "at_least": Field(Number(-1e9, 1e9)),
            "equals": Field(Number(-1e9, 1e9)),
        },
        what="counter condition",
        extra_check=_bounds_check,
    ),
    "chance": Number(0, 1, whole=False),
    "all": ListOf(Lazy(lambda: CONDITION, "condition"), min_items=1),
    "any": ListOf(Lazy(lambda: CONDITION, "condition"), min_items=1),
    "not": Lazy(lambda: CONDITION, "condition"),
}


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
        return _build_condition(name, value)

    def schema(self) -> dict[str, Any]:
        return Either(ExpressionShape(), OneKey(CONDITION_OPTIONS, "condition")).schema()


CONDITION = ConditionShape()


def _relevance(name: str, value: Any, mark: Mark, ctx: Ctx) -> None:
    rule: RuleCtx | None = ctx.rule
    if rule is None or rule.event is None:
        return
    needs = {
        "text_uses": TEXT_EVENTS,
        "choice": {"player_posts"},
        "item": {"player_buys"},
        "post": POST_EVENTS,
        "has_tag": TAG_EVENTS,
    }
    if name in needs and rule.event not in needs[name]:
        ctx.warning(
            mark,
            f"this rule can never fire: '{name}' never holds for '{rule.event}'",
            "events it fits: " + ", ".join(sorted(needs[name])),
        )
    uses_friend = name == "friend" or (name == "score" and value["of"] == "friend")
    if uses_friend and not rule.friend:
        ctx.error(mark, f"'{name}' needs a friend, and this rule has none", _no_friend_hint())
    if name == "chance" and value == 0:
        ctx.warning(mark, "this rule can never fire: 'chance: 0' never holds")


def _build_condition(name: str, value: Any) -> c.Condition:
    match name:
        case "text_uses":
            return c.TextUses(value)
        case "has_tag":
            return c.HasTag(value)
        case "choice":
            return c.ChoiceIs(value)
        case "item":
            return c.ItemIs(value)
        case "post":
            return c.PostIs(value)
        case "score":
            return c.ScoreIs(value["of"], value["below"], value["at_least"])
        case "friend":
            return c.FriendIs(tuple((k, v) for k, v in value.items() if v is not None))
        case "flag":
            return c.FlagSet(value)
        case "counter":
            return c.CounterIs(value["name"], value["below"], value["at_least"], value["equals"])
        case "chance":
            return c.Chance(float(value))
        case "all":
            return c.AllOf(value)
        case "any":
            return c.AnyOf(value)
        case _:
            return c.NotThis(value)


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
class Who:
    """Whose score or friendship an effect touches: a keyword or a friend's id."""

    keywords: tuple[str, ...]

    def check(self, node: Node, ctx: Ctx) -> Any:
        value = Ident().check(node, ctx)
        if value is INVALID:
            return INVALID
        if value == "friend" and not _friend_bound(ctx):
            ctx.error(
                node.mark, "'friend' here needs a friend, and this rule has none", _no_friend_hint()
            )
            return INVALID
        if value not in self.keywords:
            ctx.refer("friend", value, node.mark, "friend")
        return value

    def schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "description": "one of " + ", ".join(self.keywords) + ", or a friend's id",
            "pattern": Ident().pattern,
        }


def _one_amount(record: Record, ctx: Ctx) -> None:
    if (record["by"] is None) == (record["percent"] is None):
        ctx.error(record.mark, "change_score needs exactly one of 'by' (points) or 'percent'")


EFFECT_OPTIONS: dict[str, Any] = {
    "change_score": Obj(
        {
            "who": Field(Who(("player", "friend", "friends")), required=True),
            "by": Field(Number(-100000, 100000)),
            "percent": Field(Number(-100, 1000, whole=False)),
            "where": Field(Lazy(lambda: WHERE, "condition")),
        },
        what="change_score",
        extra_check=_one_amount,
    ),
    "pull_to_friends": Obj(
        {"weight": Field(Number(0, 1, whole=False), required=True)}, what="pull_to_friends"
    ),
    "notify": Text(),
    "message": Obj(
        {"from": Field(Who(("friend",)), required=True), "text": Field(Text(), required=True)},
        what="message",
    ),
    "add_post": Ref("post", "post"),
    "unfriend": Who(("friend",)),
    "befriend": Who(("friend",)),
    "set_flag": Ident(),
    "clear_flag": Ident(),
    "add_to_counter": Obj(
        {"name": Field(Ident(), required=True), "by": Field(Number(-1e6, 1e6), default=1)},
        what="add_to_counter",
    ),
    "set_counter": Obj(
        {"name": Field(Ident(), required=True), "value": Field(Number(-1e9, 1e9), required=True)},
        what="set_counter",
    ),
    "change_money": Obj({"by": Field(Number(-1e9, 1e9), required=True)}, what="change_money"),
    "unlock_perk": Ref("perk", "perk"),
    "lock_perk": Ref("perk", "perk"),
    "end_game": Text(),
}


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


WHERE = WhereShape()


_PLACEHOLDER = re.compile(r"(\{+)\s*([^{}]*?)\s*(\}+)")


def _check_placeholders(text: str, mark: Mark, ctx: Ctx) -> None:
    """Warn about placeholders in a text that would be shown as written."""
    for match in _PLACEHOLDER.finditer(text):
        braces, name = match.group(1), match.group(2)
        if len(braces) > 1 or len(match.group(3)) > 1:
            ctx.warning(
                mark,
                f"'{match.group(0)}' will be shown as written",
                f"use single braces: {{{name}}}",
            )
        elif name not in PLACEHOLDERS:
            hint = suggest(name, PLACEHOLDERS) or "placeholders: " + ", ".join(
                f"{{{p}}}" for p in PLACEHOLDERS
            )
            ctx.warning(mark, f"unknown placeholder '{{{name}}}' will be shown as written", hint)
        elif name.startswith("friend.") and not _friend_bound(ctx):
            ctx.warning(
                mark,
                f"'{{{name}}}' has no friend in this rule and will be shown as written",
                _no_friend_hint(),
            )


@dataclass(frozen=True)
class EffectShape:
    """One effect, built into an Effect."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        raw = OneKey(EFFECT_OPTIONS, "effect").check(node, ctx)
        if raw is INVALID:
            return INVALID
        name, value, mark = raw
        text = (
            value
            if name in ("notify", "end_game")
            else (value["text"] if name == "message" else None)
        )
        if isinstance(text, str):
            _check_placeholders(text, mark, ctx)
        return _build_effect(name, value, mark.line)

    def schema(self) -> dict[str, Any]:
        return OneKey(EFFECT_OPTIONS, "effect").schema()


def _build_effect(name: str, v: Any, line: int) -> e.Effect:
    match name:
        case "change_score":
            return e.ChangeScore(v["who"], line, v["by"], v["percent"], v["where"])
        case "pull_to_friends":
            return e.PullToFriends(float(v["weight"]), line)
        case "notify":
            return e.Notify(v, line)
        case "message":
            return e.Message(v["from"], v["text"], line)
        case "add_post":
            return e.AddPost(v, line)
        case "unfriend" | "befriend":
            return e.SetFriendship(v, name == "befriend", line)
        case "set_flag" | "clear_flag":
            return e.SetFlag(v, name == "set_flag", line)
        case "add_to_counter":
            return e.ChangeCounter(v["name"], line, by=v["by"])
        case "set_counter":
            return e.ChangeCounter(v["name"], line, value=v["value"])
        case "change_money":
            return e.ChangeMoney(v["by"], line)
        case "unlock_perk" | "lock_perk":
            return e.SetPerk(v, name == "unlock_perk", line)
        case _:
            return e.EndGame(v, line)


RULE_FIELDS = {
    "id": Field(Ident(), required=True),
    "description": Field(Text()),
    "about": Field(Ref("fact", "fact or myth", "the id of the debrief fact or myth it dramatises")),
    "when": Field(Choice(EVENTS), required=True),
    "for_each": Field(Choice(("friend",))),
    "if": Field(ConditionsShape()),
    "then": Field(ListOf(EffectShape(), min_items=1, max_items=50), required=True),
    "once": Field(Boolean(), default=False),
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
            event = event if event in EVENTS else None
            friend = _scalar(node, "for_each") == "friend" or event in FRIEND_EVENTS
            friend = friend or event in MAYBE_FRIEND_EVENTS
            ctx.rule = RuleCtx(event, friend)
        try:
            record = Obj(RULE_FIELDS, what="rule").check(node, ctx)
        finally:
            ctx.rule = None
        if bad(record):
            return INVALID
        if record["when"] == "score_crosses" and record["threshold"] is None:
            ctx.error(
                record.mark,
                "a 'score_crosses' rule needs 'threshold: N'",
                "for example: threshold: 550",
            )
            return INVALID
        if record["when"] != "score_crosses" and record["threshold"] is not None:
            ctx.error(
                record.mark_of("threshold"), "'threshold' only belongs to score_crosses rules"
            )
            return INVALID
        return Rule(
            id=record["id"],
            when=record["when"],
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
