"""The scenario model: frozen dataclasses built by the checker from a teacher's YAML file.

Conditions and effects live in their own modules, and the words that name them in ``vocabulary``;
this module holds everything else a scenario says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core.conditions import Condition
from game.core.effects import Effect
from game.core.limits import Limits
from game.core.quiz import Claim
from game.core.words import WordList

FORMAT_VERSION = 1

SOURCES = ("friend", "official", "news", "ad")
REACTIONS = ("loyal", "anxious", "zealous", "indifferent")
VERDICTS = ("fact", "myth", "partly")
PERK_KINDS = ("perk", "penalty")
DIRECTIONS = ("up", "down", "either")
PLACEHOLDERS = ("player.name", "player.score", "friend.name", "friend.score")
"""The names a notice, message or end_game text may use in braces, like {player.name}."""


@dataclass(frozen=True, slots=True)
class ScoreFormat:
    """How players see a score: the whole number rules use, times ``scale``, with ``decimals``,
    a decimal ``mark`` and a ``prefix`` and ``suffix`` ("4.60 ★" for 460 with scale 0.01)."""

    scale: float = 1.0
    decimals: int = 0
    prefix: str = ""
    suffix: str = ""
    mark: str = "."

    def show(self, value: float) -> str:
        """A score as players see it."""
        return f"{self.prefix}{self._number(value)}{self.suffix}"

    def show_change(self, delta: float) -> str:
        """A change of score as players see it: "+0.40 ★", "\u22120.40 ★" (a real minus) or "0"."""
        if delta == 0:
            return self._number(0)
        sign = "+" if delta > 0 else "\u2212"
        return f"{sign}{self.prefix}{self._number(abs(delta))}{self.suffix}"

    def _number(self, value: float) -> str:
        text = f"{value * self.scale:.{self.decimals}f}"
        return text.replace(".", self.mark) if self.mark != "." else text


PLAIN_SCORE = ScoreFormat()
"""Scores shown as the whole numbers the rules use."""


@dataclass(frozen=True, slots=True)
class Perk:
    """A perk or penalty that a tier brings or a rule unlocks."""

    id: str
    kind: str
    name: str
    text: str

    @property
    def is_penalty(self) -> bool:
        """True when this is a penalty rather than a perk."""
        return self.kind == "penalty"


@dataclass(frozen=True, slots=True)
class Tier:
    """A named score band, inclusive at both ends, and the perks it brings."""

    id: str
    name: str
    low: int
    high: int
    perks: tuple[str, ...] = ()
    color: str | None = None
    """The scenario's colour for this tier ("#rrggbb"), or None for the default ramp."""
    ending: str = ""
    """What ending the week in this tier means for the player (the ending card)."""

    def holds(self, score: int) -> bool:
        """True when ``score`` lies in this band."""
        return self.low <= score <= self.high


@dataclass(frozen=True, slots=True)
class Personality:
    """How a friend behaves: how often they post, about what, and how they react."""

    posts_per_day: float = 1.0
    topics: tuple[str, ...] = ()
    reaction: str = "loyal"


@dataclass(frozen=True, slots=True)
class Friend:
    """Someone in the player's social world, a friend at the start or not."""

    id: str
    name: str
    score: int
    is_friend: bool = True
    bio: str = ""
    personality: Personality = field(default_factory=Personality)
    image: str | None = None
    """A picture's file name (in assets/images or next to the scenario), or None."""


@dataclass(frozen=True, slots=True)
class Post:
    """A post in the content pool the feed draws from."""

    id: str
    source: str
    text: str
    tags: tuple[str, ...] = ()
    author: str | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    """A ready-made post the player may publish."""

    id: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """Something the shop sells."""

    id: str
    name: str
    price: int
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from."""

    title: str
    url: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A claim the debrief rates as fact, myth or partly true, with its sources."""

    claim: str
    verdict: str
    explanation: str
    sources: tuple[Source, ...]
    id: str | None = None
    details: str | None = None
    note: str | None = None
    """For the teacher only (how sure, what to watch for); never shown to players."""


@dataclass(frozen=True, slots=True)
class Debrief:
    """What the player reads at the end."""

    summary: str
    facts: tuple[Fact, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """When an event happens (and the condition holds), apply the effects."""

    id: str
    when: str
    effects: tuple[Effect, ...]
    path: str
    line: int
    condition: Condition | None = None
    for_each_friend: bool = False
    once: str = ""
    """"" (every time), or when only the first time counts: per_game, per_day or per_friend."""
    description: str | None = None
    threshold: int | None = None
    direction: str = "either"
    about: str | None = None
    """The id of the debrief fact or myth this rule dramatises."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """A whole scenario, valid and cross-referenced."""

    path: str
    title: str
    description: str
    language: str
    minutes: int
    days: int
    player_name: str
    player_score: int
    player_money: int
    score_name: str
    score_min: int
    score_max: int
    tiers: tuple[Tier, ...]
    perks: tuple[Perk, ...]
    friends: tuple[Friend, ...]
    posts: tuple[Post, ...]
    feed_per_day: int
    free_text: bool
    choices: tuple[Choice, ...]
    shop: tuple[Item, ...]
    word_lists: tuple[WordList, ...]
    rules: tuple[Rule, ...]
    debrief: Debrief
    digest: str = ""
    order: int = 100
    hidden: bool = False
    claims: tuple[Claim, ...] = ()
    score_format: ScoreFormat = PLAIN_SCORE
    currency: str = ""

    def show_score(self, value: float) -> str:
        """A score as this scenario shows it to players (see ``ScoreFormat``)."""
        return self.score_format.show(value)

    def show_money(self, amount: int) -> str:
        """An amount of money with the scenario's currency name, if it has one ("20 coins")."""
        return f"{amount} {self.currency}" if self.currency else str(amount)

    limits: Limits = field(default_factory=Limits)
    briefing: tuple[str, ...] = ()
    """A few short lines shown before day 1: who you are, what the score is, what to try."""

    def tier_for(self, score: int) -> Tier:
        """The tier whose band holds ``score`` (the nearest one if none does)."""
        for tier in self.tiers:
            if tier.holds(score):
                return tier
        return self.tiers[0] if score < self.tiers[0].low else self.tiers[-1]

    def perk(self, perk_id: str) -> Perk:
        """The perk with this id. Raises KeyError for an unknown id."""
        for perk in self.perks:
            if perk.id == perk_id:
                return perk
        raise KeyError(perk_id)

    def fact(self, fact_id: str | None) -> Fact | None:
        """The debrief fact or myth with this id, or None (also for None)."""
        for fact in self.debrief.facts:
            if fact_id is not None and fact.id == fact_id:
                return fact
        return None

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id, or None."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def word_list(self, name: str) -> WordList:
        """The word list with this name. Raises KeyError for an unknown name."""
        for words in self.word_lists:
            if words.name == name:
                return words
        raise KeyError(name)
