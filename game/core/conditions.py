"""Conditions a rule's ``if`` may hold: small dataclasses whose fields are the YAML parameters.

Each condition answers ``holds(scope)``. A scope is what the engine knows while it runs one rule
for one event (and, with ``for_each: friend``, one friend).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from game.core.events import Event
from game.core.expr import Expr


class Unbound(Exception):
    """Raised by a scope's lookup when a name has no value here (no friend bound, say)."""


class Scope(Protocol):
    """What a condition may ask about the game while a rule runs."""

    event: Event
    friend: str | None

    def lookup(self, name: str) -> object:
        """The value of an expression name. Raises Unbound when it has none here."""

    def text_uses(self, list_name: str) -> bool:
        """True when the event's text uses a word from the named list."""

    def score_of(self, who: str) -> float:
        """The score of ``player``, ``friend`` (the bound one) or ``friends_average``.
        Raises Unbound when ``friend`` is asked with no friend bound."""

    def friend_has(self, key: str, value: object) -> bool:
        """True when the bound friend has this property. Raises Unbound with no friend bound."""

    def flag(self, name: str) -> bool:
        """True when the flag is set."""

    def counter(self, name: str) -> int:
        """The counter's value, 0 if never set."""

    def chance(self) -> float:
        """A seeded random number in [0, 1)."""


class Condition(Protocol):
    """Anything with ``holds(scope) -> bool``."""

    def holds(self, scope: Scope) -> bool:
        """True when the condition holds in this scope."""


def _in_bounds(value: float, below: float | None, at_least: float | None) -> bool:
    return (below is None or value < below) and (at_least is None or value >= at_least)


@dataclass(frozen=True, slots=True)
class TextUses:
    """The event's text uses a word or phrase from any of the named word lists."""

    lists: tuple[str, ...]

    def holds(self, scope: Scope) -> bool:
        return any(scope.text_uses(name) for name in self.lists)


@dataclass(frozen=True, slots=True)
class HasTag:
    """The event's tags include any of these."""

    tags: tuple[str, ...]

    def holds(self, scope: Scope) -> bool:
        return any(tag in scope.event.tags for tag in self.tags)


@dataclass(frozen=True, slots=True)
class ChoiceIs:
    """The player picked this post choice."""

    choice: str

    def holds(self, scope: Scope) -> bool:
        return scope.event.choice == self.choice


@dataclass(frozen=True, slots=True)
class ItemIs:
    """The player bought this item."""

    item: str

    def holds(self, scope: Scope) -> bool:
        return scope.event.item == self.item


@dataclass(frozen=True, slots=True)
class PostIs:
    """The event is about this pool post."""

    post: str

    def holds(self, scope: Scope) -> bool:
        return scope.event.post == self.post


@dataclass(frozen=True, slots=True)
class ScoreIs:
    """A score (player's, bound friend's or friends' average) lies within bounds."""

    of: str
    below: float | None = None
    at_least: float | None = None

    def holds(self, scope: Scope) -> bool:
        try:
            value = scope.score_of(self.of)
        except Unbound:
            return False
        return _in_bounds(value, self.below, self.at_least)


@dataclass(frozen=True, slots=True)
class FriendIs:
    """The bound friend has all the listed properties (id, reaction, is_friend, has_topic)."""

    properties: tuple[tuple[str, object], ...]

    def holds(self, scope: Scope) -> bool:
        try:
            return all(scope.friend_has(key, value) for key, value in self.properties)
        except Unbound:
            return False


@dataclass(frozen=True, slots=True)
class FlagSet:
    """The flag is set."""

    flag: str

    def holds(self, scope: Scope) -> bool:
        return scope.flag(self.flag)


@dataclass(frozen=True, slots=True)
class CounterIs:
    """A counter lies within bounds or equals a value."""

    name: str
    below: float | None = None
    at_least: float | None = None
    equals: float | None = None

    def holds(self, scope: Scope) -> bool:
        value = scope.counter(self.name)
        if self.equals is not None and value != self.equals:
            return False
        return _in_bounds(value, self.below, self.at_least)


@dataclass(frozen=True, slots=True)
class Chance:
    """A seeded draw: holds with this probability."""

    probability: float

    def holds(self, scope: Scope) -> bool:
        return scope.chance() < self.probability


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every part holds."""

    parts: tuple[Condition, ...]

    def holds(self, scope: Scope) -> bool:
        return all(part.holds(scope) for part in self.parts)


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one part holds."""

    parts: tuple[Condition, ...]

    def holds(self, scope: Scope) -> bool:
        return any(part.holds(scope) for part in self.parts)


@dataclass(frozen=True, slots=True)
class NotThis:
    """The part does not hold."""

    part: Condition

    def holds(self, scope: Scope) -> bool:
        return not self.part.holds(scope)


@dataclass(frozen=True, slots=True)
class Expression:
    """A safe expression; false when a name it uses has no value here."""

    expr: Expr

    def holds(self, scope: Scope) -> bool:
        lookup: Callable[[str], object] = scope.lookup
        try:
            return bool(self.expr.evaluate(lookup))
        except Unbound:
            return False
