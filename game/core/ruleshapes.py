"""Shapes the rule words share: what is known about the rule being checked, its expression names,
``who`` a change is for, and placeholders in texts.

Words that hold other words (``all``, ``where``...) reach the condition shape by name through
``named``, so this module, the vocabulary and ``rulespec`` never import each other in a loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from game.core import conditions as c
from game.core.expr import ExprError, Type, parse_condition
from game.core.model import PLACEHOLDERS
from game.core.shapes import (
    CURLY_CLOSE,
    CURLY_OPEN,
    INVALID,
    STRAIGHT_HINT,
    Ctx,
    Ident,
    Shape,
    Text,
    suggest,
)
from game.core.yamlsafe import Mark, Node, ScalarNode

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
    """What is known about the rule being checked: its event (None when unknown) and whether a
    friend is bound."""

    event: str | None
    friend: bool


def named(name: str) -> Shape:
    """The shared shape called ``name`` ("condition", "conditions" or "where"), looked up in
    ``rulespec`` when first needed."""
    shape: Shape = import_module("game.core.rulespec").NAMED[name]
    return shape


@dataclass(frozen=True)
class Named:
    """A condition shape found by name when used (conditions hold conditions); in the JSON
    Schema, a reference to the condition definition."""

    name: str

    def check(self, node: Node, ctx: Ctx) -> Any:
        return named(self.name).check(node, ctx)

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/condition"}


def friend_bound(ctx: Ctx) -> bool:
    """True when the rule being checked has a friend (or when no rule is being checked)."""
    return ctx.rule is None or ctx.rule.friend


def no_friend_hint() -> str:
    """How to give a rule a friend."""
    return "add 'for_each: friend' to the rule, or use an event about a friend"


def _name_type(ctx: Ctx):
    def name_type(name: str) -> Type | None:
        if name in FIXED_NAMES:
            return FIXED_NAMES[name]
        if name in FRIEND_NAMES and friend_bound(ctx):
            return FRIEND_NAMES[name]
        head, _, tail = name.partition(".")
        if tail and head == "counters":
            return "number"
        if tail and head == "flags":
            return "bool"
        return None

    return name_type


_EXPRESSION_TEXT = Text(max_len=500, curly_error="it is not read as an expression")


@dataclass(frozen=True)
class ExpressionShape:
    """A condition written as a safe expression."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        value = _EXPRESSION_TEXT.check(node, ctx)
        if value is INVALID:
            return INVALID
        assert isinstance(node, ScalarNode)
        offset = 1 if node.quoted else 0
        curly = next((i for i, ch in enumerate(value) if ch in CURLY_OPEN + CURLY_CLOSE), None)
        if curly is not None:
            mark = Mark(node.mark.line, node.mark.col + offset + curly)
            ctx.error(mark, "in expression: curly quotes are not quotes here", STRAIGHT_HINT)
            return INVALID
        names = [*FIXED_NAMES, "counters.NAME", "flags.NAME"]
        if friend_bound(ctx):
            names += list(FRIEND_NAMES)
        try:
            expr = parse_condition(value, _name_type(ctx), names)
        except ExprError as err:
            hint = err.hint
            if "friend." in value and not friend_bound(ctx):
                hint = f"there is no friend in this rule: {no_friend_hint()}"
            mark = Mark(node.mark.line, node.mark.col + offset + err.col - 1)
            ctx.error(mark, f"in expression: {err.message}", hint)
            return INVALID
        return c.Expression(expr)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": 500, "description": "a safe expression"}


@dataclass(frozen=True)
class Who:
    """Whose score or friendship an effect touches: a keyword or a friend's id."""

    keywords: tuple[str, ...]

    def check(self, node: Node, ctx: Ctx) -> Any:
        value = Ident().check(node, ctx)
        if value is INVALID:
            return INVALID
        if value == "friend" and not friend_bound(ctx):
            ctx.error(
                node.mark, "'friend' here needs a friend, and this rule has none", no_friend_hint()
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


_PLACEHOLDER = re.compile(r"(\{+)\s*([^{}]*?)\s*(\}+)")


def check_placeholders(text: str, mark: Mark, ctx: Ctx) -> None:
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
        elif name.startswith("friend.") and not friend_bound(ctx):
            ctx.warning(
                mark,
                f"'{{{name}}}' has no friend in this rule and will be shown as written",
                no_friend_hint(),
            )
