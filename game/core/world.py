"""The mutable state of one play-through, and everything effects may do to it.

``WorldState`` implements the effects' ``World``; ``RuleScope``, the conditions' ``Scope``.
Scores are whole numbers, always clamped to the scenario's range.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from game.core.codes import Code, text
from game.core.conditions import Scope, Unbound
from game.core.effects import Cause
from game.core.events import Event
from game.core.model import PLACEHOLDERS, Friend, Scenario
from game.core.views import FeedPost, Notice, ScoreChange
from game.core.words import MAX_TEXT, WordList, normalize

_PLACEHOLDER = re.compile(r"\{(" + "|".join(re.escape(p) for p in PLACEHOLDERS) + r")\}")


def passes(thresholds: tuple[float, ...] | None, before: int, after: int) -> bool:
    """True when a score moving from ``before`` to ``after`` passes one of ``thresholds``
    (sorted): one ``t`` with ``low < t <= high`` of the two; always true for None."""
    if thresholds is None:
        return True
    low, high = (before, after) if before < after else (after, before)
    at = bisect_right(thresholds, low)
    return at < len(thresholds) and thresholds[at] <= high


@dataclass(frozen=True, slots=True)
class FriendStats:
    """The player's current friends, and what their scores add up to (None without friends)."""

    ids: tuple[str, ...]
    average: float | None = None
    min: int | None = None
    max: int | None = None


@dataclass
class WorldState:
    """Everything that changes during a game. Only the engine and the game mutate it."""

    scenario: Scenario
    generator: random.Random | None
    """The random generator (read it through ``rng``); None in a fork that has not drawn yet."""
    day: int = 1
    score: int = 0
    money: int = 0
    friend_scores: dict[str, int] = field(default_factory=dict)
    is_friend: dict[str, bool] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)
    perk_overrides: dict[str, bool] = field(default_factory=dict)
    feed: list[FeedPost] = field(default_factory=list)
    history: list[ScoreChange] = field(default_factory=list)
    log: list[Notice] = field(default_factory=list)
    crossings: list[Event] = field(default_factory=list)
    watched: dict[str, tuple[float, ...] | None] = field(
        default_factory=lambda: dict.fromkeys(("score_crosses", "friend_score_crosses"))
    )
    """For each score-crossing event kind some rule listens to, the thresholds its rules
    watch, lowest first (None: any change may matter; the engine sets them). A score change
    queues a crossing in ``crossings`` only when it passes one (``passes``)."""
    left: list[str] = field(default_factory=list)
    end_reason: Code | None = None
    next_uid: int = 1
    people: dict[str, Friend] = field(default_factory=dict)
    stats: FriendStats | None = None
    templates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each text ``render`` has filled, split at its placeholders (text, name, text, ...). It
    depends on the text alone, so it never goes stale; forks share it."""
    rng_start: object = None
    """The state a fork's generator starts from, while ``generator`` is None."""
    texts: dict[str, TextMatches] = field(default_factory=dict)
    """The word lists each event text uses (``matches``). They depend on the text alone, so
    they never go stale; forks share them."""

    @classmethod
    def start(cls, scenario: Scenario, seed: int) -> WorldState:
        """The state at the very start of a game."""
        return cls(
            scenario=scenario,
            generator=random.Random(seed),
            score=scenario.player_score,
            money=scenario.player_money,
            friend_scores={f.id: f.score for f in scenario.friends},
            is_friend={f.id: f.is_friend for f in scenario.friends},
            people={f.id: f for f in scenario.friends},
        )

    # -- reading ---------------------------------------------------------------------------

    @property
    def rng(self) -> random.Random:
        """The game's random generator. A fork makes its own only when it first draws (from
        ``rng_start``): most forks never draw, and copying a generator costs ~10 us."""
        if self.generator is None:
            self.generator = random.Random.__new__(random.Random)
            self.generator.setstate(self.rng_start)  # type: ignore[arg-type]
        return self.generator

    def rng_state(self) -> object:
        """The generator's state now, without making a fork's generator to read it."""
        return self.rng_start if self.generator is None else self.generator.getstate()

    def friend_ids(self) -> tuple[str, ...]:
        """Ids of the player's current friends, in file order."""
        return self.friend_stats().ids

    def friend_stats(self) -> FriendStats:
        """Current friends and their scores' count, average, min and max; worked out again
        only after a friend's score or the friendships changed."""
        if self.stats is None:
            ids = tuple(fid for fid, yes in self.is_friend.items() if yes)
            scores = [self.friend_scores[fid] for fid in ids]
            if scores:
                self.stats = FriendStats(ids, sum(scores) / len(scores), min(scores), max(scores))
            else:
                self.stats = FriendStats(ids)
        return self.stats

    def set_is_friend(self, friend_id: str, is_friend: bool) -> None:
        """Make someone a friend or not (without firing any event)."""
        self.is_friend[friend_id] = is_friend
        self.stats = None

    def friends_average(self) -> float | None:
        """The average score of current friends, or None with no friends."""
        return self.friend_stats().average

    def active_perks(self) -> tuple[str, ...]:
        """Perk ids in force: the tier's own, plus unlocked, minus locked, in catalogue order."""
        own = set(self.scenario.tier_for(self.score).perks)
        return tuple(
            p.id for p in self.scenario.perks if self.perk_overrides.get(p.id, p.id in own)
        )

    def matches(self, text: str) -> TextMatches:
        """Which word lists ``text`` uses, worked out once per text in a game and its forks."""
        found = self.texts.get(text)
        if found is None:
            found = self.texts[text] = TextMatches(text)
        return found

    def render(self, text: str, scope: Scope) -> str:
        """Fill the few placeholders a scenario's text may use (one without a value here, such
        as ``{friend.name}`` with no friend bound, stays as written)."""
        parts = self.templates.get(text)
        if parts is None:
            parts = self.templates[text] = tuple(_PLACEHOLDER.split(text))
        if len(parts) == 1:
            return text
        out = [parts[0]]
        for at in range(1, len(parts), 2):
            name = parts[at]
            try:
                value = scope.lookup(name)
            except Unbound:
                out.append("{" + name + "}")
            else:
                if name.endswith(".score") and isinstance(value, int | float):
                    out.append(self.scenario.show_score(value))
                else:
                    out.append(str(value))
            out.append(parts[at + 1])
        return "".join(out)

    def say(self, kind: str, said: Code, **extra: object) -> None:
        """Append a notice to the log."""
        self.log.append(Notice(kind, said, self.day, **extra))  # type: ignore[arg-type]

    def _say_from(
        self,
        kind: str,
        said: Code,
        cause: Cause,
        who: str | None = None,
        delta: int | None = None,
        friend: str | None = None,
        sender: str | None = None,
    ) -> None:
        """Append a notice a rule caused, with where the rule is written."""
        self.log.append(
            Notice(
                kind, said, self.day, who, delta, friend, cause.rule_id, cause.path, cause.line,
                None, sender,
            )
        )  # fmt: skip

    def add_to_feed(self, post: FeedPost) -> None:
        """Append a post to the feed (the feed shows newest first)."""
        self.feed.append(post)
        self.next_uid += 1

    def update_post(
        self,
        uid: int,
        *,
        liked: bool = False,
        shared: bool = False,
        reported: bool = False,
        comment: str | None = None,
    ) -> None:
        """Mark a feed post liked, shared or reported, or add a comment to it: a changed copy
        replaces it (posts are immutable). Raises KeyError for an unknown uid."""
        feed = self.feed
        if 0 < uid <= len(feed) and feed[uid - 1].uid == uid:  # uids count from 1
            index = uid - 1
        else:
            index = next((i for i, post in enumerate(feed) if post.uid == uid), -1)
            if index < 0:
                raise KeyError(uid)
        p = feed[index]
        feed[index] = FeedPost(
            p.uid,
            p.day,
            p.source,
            p.author_name,
            p.text,
            p.tags,
            p.friend_id,
            p.pool_id,
            p.by_player,
            p.liked or liked,
            p.shared or shared,
            p.reported or reported,
            p.comments if comment is None else (*p.comments, comment),
        )

    # -- the World protocol ----------------------------------------------------------------

    def bound(self, scope: Scope, who: str) -> str | None:
        return scope.friend if who == "friend" else who

    def with_friend(self, scope: Scope, friend_id: str) -> Scope:
        return RuleScope(self, scope.event, friend_id, getattr(scope, "matches", None))

    def change_score(self, who: str, by: int | None, percent: float | None, cause: Cause) -> None:
        if who != "player" and who not in self.friend_scores:
            return
        before = self.score if who == "player" else self.friend_scores[who]
        delta = by if by is not None else round(before * (percent or 0) / 100)
        self._set_score(who, before, delta, cause)

    def set_score(self, who: str, value: int, cause: Cause) -> None:
        if who != "player" and who not in self.friend_scores:
            return
        before = self.score if who == "player" else self.friend_scores[who]
        self._set_score(who, before, value - before, cause)

    def _set_score(self, who: str, before: int, delta: int, cause: Cause) -> None:
        s = self.scenario
        after = max(s.score_min, min(s.score_max, before + delta))
        if after == before:
            return
        if who == "player":
            self.score = after
            if "score_crosses" in self.watched and passes(
                self.watched["score_crosses"], before, after
            ):
                self.crossings.append(
                    Event("score_crosses", self.day, old_score=before, new_score=after)
                )
        else:
            self.friend_scores[who] = after
            self.stats = None
            if "friend_score_crosses" in self.watched and passes(
                self.watched["friend_score_crosses"], before, after
            ):
                self.crossings.append(
                    Event(
                        "friend_score_crosses",
                        self.day,
                        friend=who,
                        old_score=before,
                        new_score=after,
                    )
                )
        change = ScoreChange(
            len(self.history) + 1,
            self.day,
            who,
            before,
            after,
            cause.rule_id,
            cause.path,
            cause.line,
            cause.reason,
            cause.friend,
        )
        self.history.append(change)
        self._say_from("score", cause.reason, cause, who, after - before)

    def pull_to_friends(self, weight: float, cause: Cause) -> None:
        average = self.friends_average()
        if average is not None:
            self._set_score("player", self.score, round((average - self.score) * weight), cause)

    def notify(self, message: str, scope: Scope, cause: Cause) -> None:
        self._say_from("notify", text(self.render(message, scope)), cause)

    def message(self, sender: str, message: str, scope: Scope, cause: Cause) -> None:
        if sender in self.friend_scores:
            self._say_from("message", text(self.render(message, scope)), cause, friend=sender)

    def account_message(self, account: str, message: str, scope: Scope, cause: Cause) -> None:
        self._say_from("message", text(self.render(message, scope)), cause, sender=account)

    def add_post(self, post_id: str, cause: Cause) -> None:
        post = next(p for p in self.scenario.posts if p.id == post_id)
        friend = post.author if post.source == "friend" else None
        person = self.people.get(post.author or "")
        author = person.name if person else post.author or post.source.title()
        self.add_to_feed(
            FeedPost(
                self.next_uid, self.day, post.source, author, post.text, post.tags, friend, post.id
            )
        )
        self._say_from("post", text(post.text), cause)

    def set_friendship(
        self, friend_id: str, is_friend: bool, cause: Cause, message: str | None, scope: Scope
    ) -> None:
        """Make `friend_id` a friend or not, with a notice (`message` when given). Unfriending
        the person the player is asking to add is a declined request: it reads as declined
        and is no unfriending (no ``friend_unfriends`` follows)."""
        if friend_id not in self.is_friend or self.is_friend[friend_id] == is_friend:
            return
        self.set_is_friend(friend_id, is_friend)
        name = self.people[friend_id].name
        kind = "befriend" if is_friend else "unfriend"
        event = scope.event
        declined = (
            not is_friend and event.kind == "player_adds_friend" and event.friend == friend_id
        )
        said = Code.of("notice.declined" if declined else f"notice.{kind}", name=name)
        if message is not None:
            said = text(self.render(message, self.with_friend(scope, friend_id)))
        self._say_from(kind, said, cause, friend=friend_id)
        if not is_friend and not declined:  # a declined request is no unfriending
            self.left.append(friend_id)

    def set_flag(self, name: str, value: bool) -> None:
        if value:
            self.flags.add(name)
        else:
            self.flags.discard(name)

    def change_counter(self, name: str, by: int | None, value: int | None) -> None:
        self.counters[name] = value if value is not None else self.counters.get(name, 0) + (by or 0)

    def change_money(self, by: int, cause: Cause) -> None:
        self.money = max(0, self.money + by)

    def set_perk(self, perk_id: str, unlocked: bool, cause: Cause) -> None:
        self.perk_overrides[perk_id] = unlocked

    def end_game(self, message: str, scope: Scope, cause: Cause) -> None:
        if self.end_reason is None:
            self.end_reason = text(self.render(message, scope))


@dataclass
class TextMatches:
    """Which word lists an event's text uses, each worked out at most once per event."""

    text: str
    results: dict[str, bool] = field(default_factory=dict)
    normalized: str | None = None

    def uses(self, words: WordList) -> bool:
        """True when the text uses a word from ``words``."""
        hit = self.results.get(words.name)
        if hit is None:
            if self.normalized is None:
                self.normalized = normalize(self.text[:MAX_TEXT])
            hit = self.results[words.name] = words.matches_normalized(self.normalized)
        return hit


@dataclass
class RuleScope:
    """What conditions see while one rule runs for one event (and maybe one friend)."""

    world: WorldState
    event: Event
    friend: str | None
    matches: TextMatches | None = None

    def lookup(self, name: str) -> object:
        read = _READ.get(name)
        if read is not None:
            return read(self)
        w = self.world
        head, _, tail = name.partition(".")
        if head == "friend":
            return self._friend_value(tail)
        if head == "counters":
            return w.counters.get(tail, 0)
        if head == "flags":
            return tail in w.flags
        if name == "player.score":
            return w.score
        if name == "player.money":
            return w.money
        if name == "player.tier":
            return w.scenario.tier_for(w.score).id
        if name == "player.name":
            return w.scenario.player_name
        if name == "day":
            return w.day
        if name == "days":
            return w.scenario.days
        stats = w.friend_stats()
        if tail == "count":
            return len(stats.ids)
        value = {"average": stats.average, "min": stats.min, "max": stats.max}[tail]
        if value is None:
            raise Unbound(name)
        return value

    def bound(self) -> str:
        """The bound friend's id. Raises Unbound when no friend is bound."""
        if self.friend is None:
            raise Unbound("friend")
        return self.friend

    def _friend_value(self, key: str) -> object:
        if self.friend is None:
            raise Unbound("friend")
        w = self.world
        if key == "score":
            return w.friend_scores[self.friend]
        if key == "is_friend":
            return w.is_friend[self.friend]
        if key == "id":
            return self.friend
        person = w.people[self.friend]
        if key == "name":
            return person.name
        if key == "reaction":
            return person.personality.reaction
        return person.personality.posts_per_day

    def text_uses(self, list_name: str) -> bool:
        if self.matches is None:
            self.matches = TextMatches(self.event.text)
        return self.matches.uses(self.world.scenario.word_list(list_name))

    def score_of(self, who: str) -> float:
        if who == "player":
            return self.world.score
        if who == "friends_average":
            average = self.world.friends_average()
            if average is None:
                raise Unbound("friends")
            return average
        return float(self._friend_value("score"))  # type: ignore[arg-type]

    def friend_has(self, key: str, value: object) -> bool:
        if key == "has_topic":
            if self.friend is None:
                raise Unbound("friend")
            return value in self.world.people[self.friend].personality.topics
        return self._friend_value(key) == value

    def flag(self, name: str) -> bool:
        return name in self.world.flags

    def counter(self, name: str) -> int:
        return self.world.counters.get(name, 0)

    def chance(self) -> float:
        return self.world.rng.random()


_READ: dict[str, Callable[[RuleScope], object]] = {
    "friend.score": lambda s: s.world.friend_scores[s.bound()],
    "friend.is_friend": lambda s: s.world.is_friend[s.bound()],
    "friend.id": lambda s: s.bound(),
    "friend.name": lambda s: s.world.people[s.bound()].name,
    "friend.reaction": lambda s: s.world.people[s.bound()].personality.reaction,
    "player.score": lambda s: s.world.score,
    "player.money": lambda s: s.world.money,
    "day": lambda s: s.world.day,
}
"""The names conditions read most, each read directly (``RuleScope.lookup`` reads the others)."""
