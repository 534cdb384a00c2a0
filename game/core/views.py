"""Read-only views of a running game, for the interface, saves and the debrief.

A day step makes thousands of notices, score changes and feed posts: those are named tuples
(immutable and compared by value, as a frozen dataclass, but about four times cheaper to build).
Their fields are read by name; nothing indexes, unpacks or iterates them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from game.core.codes import Code
from game.core.model import Perk, Tier


class Notice(NamedTuple):
    """Something that happened, in the order it happened, as a code the interface puts in words.

    ``kind`` is one of: score, notify, message, unfriend, befriend, perk_gained, perk_lost, tier,
    post, day, end, bought (a purchase's receipt), filter (what a word filter picked out). For a
    score change ``said`` is its cause and ``delta`` the points; a message comes from ``friend``
    (an id) or from ``sender`` (an account that is not a friend, by name).
    """

    kind: str
    said: Code
    day: int
    who: str | None = None
    delta: int | None = None
    friend: str | None = None
    rule_id: str | None = None
    path: str | None = None
    line: int | None = None
    perk: str | None = None
    sender: str | None = None


class ScoreChange(NamedTuple):
    """One change of one score, with its cause: the rule, its file and line, why (a code), and
    the friend the rule ran for or whose event fired it (None when none did)."""

    seq: int
    day: int
    who: str
    before: int
    after: int
    rule_id: str
    path: str
    line: int
    cause: Code
    friend: str | None = None

    @property
    def delta(self) -> int:
        """The change in points (after minus before)."""
        return self.after - self.before


class FeedPost(NamedTuple):
    """A post as it stands in the player's feed."""

    uid: int
    day: int
    source: str
    author_name: str
    text: str
    tags: tuple[str, ...] = ()
    friend_id: str | None = None
    pool_id: str | None = None
    by_player: bool = False
    liked: bool = False
    shared: bool = False
    reported: bool = False
    comments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlayerView:
    """The player as they stand now."""

    name: str
    score: int
    money: int
    tier: Tier
    perks: tuple[Perk, ...]
    by_rule: frozenset[str] = frozenset()
    """Ids of the perks in ``perks`` that a rule gave (for something the player did), not the
    tier."""
    taken: tuple[Perk, ...] = ()
    """Perks and penalties the tier brings that a rule has taken away (not in ``perks``)."""


@dataclass(frozen=True, slots=True)
class FriendView:
    """Someone in the player's world as they stand now."""

    id: str
    name: str
    score: int
    is_friend: bool
    bio: str
    reaction: str
    tier: Tier
