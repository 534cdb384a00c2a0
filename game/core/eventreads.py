"""Which facts of an event a scenario's rules can read.

Two events of one kind, fired in the same game state, play out alike when they agree on every fact
the rules of that kind read: the rules see nothing else of them. A comment's post, say, makes no
difference when the comment rules look only at its words. Scripted players use this to try such
moves once (``Game.score_after``).

The reading is conservative: a condition or an effect this module does not know counts as
reading every fact, so a new kind of condition can only make fewer moves alike, never wrongly so.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.core.conditions import (
    AllOf,
    AnyOf,
    Chance,
    ChoiceIs,
    Condition,
    CounterIs,
    Expression,
    FlagSet,
    FriendIs,
    HasTag,
    ItemIs,
    NotThis,
    PostIs,
    ScoreIs,
    TextUses,
)
from game.core.effects import (
    AddPost,
    ChangeCounter,
    ChangeMoney,
    ChangeScore,
    Effect,
    EndGame,
    Message,
    Notify,
    PullToFriends,
    SetFlag,
    SetFriendship,
    SetPerk,
    SetScore,
)
from game.core.model import Rule

FACTS = (
    "text",
    "tags",
    "choice",
    "item",
    "price",
    "post",
    "post_uid",
    "post_text",
    "friend",
    "old_score",
    "new_score",
)
"""The facts (``Event`` fields) that may differ between two events of one kind on one day."""

_ALL = frozenset(FACTS)
_NONE: frozenset[str] = frozenset()
_FRIEND = frozenset({"friend"})
_WORLD_SCORES = ("player", "friends_average")
"""What ``ScoreIs.of`` may name besides the bound friend (whose id comes from the event)."""


def condition_reads(condition: Condition) -> frozenset[str]:
    """The facts ``condition`` can read (the bound friend counts as the event's ``friend``)."""
    match condition:
        case TextUses():
            return frozenset({"text"})
        case HasTag():
            return frozenset({"tags"})
        case ChoiceIs():
            return frozenset({"choice"})
        case ItemIs():
            return frozenset({"item"})
        case PostIs():
            return frozenset({"post"})
        case ScoreIs(of=of):
            return _NONE if of in _WORLD_SCORES else _FRIEND
        case FriendIs():
            return _FRIEND
        case FlagSet() | CounterIs() | Chance():
            return _NONE
        case AllOf(parts=parts) | AnyOf(parts=parts):
            return _union(condition_reads(part) for part in parts)
        case NotThis(part=part):
            return condition_reads(part)
        case Expression(expr=expr):
            friendly = any(name.split(".")[0] == "friend" for name in expr.names)
            return _FRIEND if friendly else _NONE
    return _ALL


def effect_reads(effect: Effect) -> frozenset[str]:
    """The facts ``effect`` can read: the bound friend (``who: friend``, ``{friend.name}`` in
    a text) and what its ``where`` condition reads."""
    match effect:
        case ChangeScore(who=who, where=where):
            return _who(who) | (_NONE if where is None else condition_reads(where))
        case SetScore(who=who):
            return _who(who)
        case Notify(text=text) | EndGame(text=text):
            return _placeholders(text)
        case Message(sender=sender, text=text, from_account=from_account):
            return (_NONE if from_account else _who(sender)) | _placeholders(text)
        case SetFriendship():
            return _FRIEND  # a declined friend request is told by the event's friend
        case PullToFriends() | AddPost() | SetFlag() | ChangeCounter() | ChangeMoney() | SetPerk():
            return _NONE
    return _ALL


def rule_reads(rule: Rule) -> frozenset[str]:
    """The facts ``rule`` can read: its condition, its effects, its threshold (the scores an
    event crossed) and a per-friend ``once`` (the event's friend, without ``for_each``)."""
    reads = _NONE if rule.condition is None else condition_reads(rule.condition)
    reads |= _union(effect_reads(effect) for effect in rule.effects)
    if rule.threshold is not None:
        reads |= {"old_score", "new_score"}
    if rule.once == "per_friend" and not rule.for_each_friend:
        reads |= _FRIEND
    return reads


def facts_read(rules: Iterable[Rule]) -> tuple[str, ...]:
    """The facts any of ``rules`` can read, in ``FACTS`` order."""
    reads = _union(rule_reads(rule) for rule in rules)
    return tuple(fact for fact in FACTS if fact in reads)


def _who(who: str) -> frozenset[str]:
    return _FRIEND if who == "friend" else _NONE


def _placeholders(text: str | None) -> frozenset[str]:
    return _FRIEND if text is not None and "{friend." in text else _NONE


def _union(parts: Iterable[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*parts)
