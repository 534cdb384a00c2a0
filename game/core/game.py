"""One play-through: the player's commands, the day cycle, friends who post, and read-only views.

A seed plus the same commands give the same game, on any platform: every random draw comes from
one ``random.Random(seed)``, in an order fixed by the commands.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.core import commands as cmd
from game.core.codes import Code
from game.core.commands import Command, CommandError
from game.core.engine import Engine
from game.core.events import Event
from game.core.feedback import TEXT_EVENTS, WordFilter, receipt, word_filters, words_notice
from game.core.limits import Usage, post_key
from game.core.model import Choice, Item, Post, Scenario, Tier
from game.core.views import FeedPost, FriendView, Notice, PlayerView, ScoreChange
from game.core.words import normalize
from game.core.world import WorldState

LAST_DAY = Code.of("end.last_day")
"""The end reason of a game that ran its full length."""
_SILENT: tuple[object, ...] = ("silent",)
"""``Game._alike_key`` of a command no rule can react to (compared by identity)."""

MAX_POST_CHARS = 280
_REACTION_EVENTS: dict[type[Command], str] = {
    cmd.Like: "player_likes",
    cmd.Share: "player_shares",
    cmd.ReportPost: "player_reports_post",
}
_REACTION_FLAG: dict[type[Command], str] = {
    cmd.Like: "liked",
    cmd.Share: "shared",
    cmd.ReportPost: "reported",
}
"""The ``FeedPost`` flag each reaction sets (a post takes each reaction once)."""


class Game:
    """A game in progress. Construct it to start; send commands with ``apply``."""

    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.seed = seed
        self.world = WorldState.start(scenario, seed)
        self.engine = Engine(self.world)
        self._actions: list[Command] = []
        self._series: list[tuple[int, int]] = [(0, self.world.score)]
        self._mornings: tuple[tuple[int, int], ...] = ()
        self._used_posts: set[str] = set()
        self._pool_by_author: dict[str, list[Post]] = {}
        self._pool_unsigned: list[Post] = []
        self._topic_groups: dict[frozenset[str], dict[str, Post]] = {}
        for post in scenario.posts:
            if post.source == "friend" and post.author is None:
                self._pool_unsigned.append(post)
            elif post.source == "friend":
                self._pool_by_author.setdefault(post.author or "", []).append(post)
        self._over = False
        self._choices = {c.id: c for c in scenario.choices}
        self._items = {i.id: i for i in scenario.shop}
        """The ready-made posts and the shop's items by id (shared by forks)."""
        self.usage = Usage()
        self._filters = word_filters(scenario)
        self.version = 0
        self._rng_cache: tuple[int, object] | None = None
        self._tiers: dict[int, Tier] = {}
        self._perks_by_state: dict[tuple[object, ...], tuple[str, ...]] = {}
        """Perks in force by tier and perk overrides (shared by forks: it depends on the
        scenario alone)."""
        self._tried: dict[tuple[object, ...], int] = {}
        """Scores of the commands tried since the last one applied (``score_after``), by what
        made their outcome (event kind, own change, the event facts its rules read)."""
        self._alike: dict[Command, tuple[object, ...]] = {}
        """``_alike_key`` of each command ``score_after`` was asked about (it holds all game)."""
        self._fire(Event("game_starts", 1))
        self._start_day()
        self._mark_morning()
        self._settle(self._snapshot())

    def fork(self) -> Game:
        """An independent copy of this game, to try a command without touching this one.

        Cheap enough to call for every option a scripted player weighs: the scenario, the post
        pools and the rules are shared; only what a command can change is copied (one shallow
        copy per container), and the random generator's state is read once per game version.
        """
        other = Game.__new__(Game)
        other.__dict__.update(self.__dict__)
        w = self.world
        world = WorldState.__new__(WorldState)
        world.__dict__.update(w.__dict__)
        world.generator = None  # made on the fork's first draw (``WorldState.rng``)
        world.rng_start = self._rng_state()
        world.friend_scores = w.friend_scores.copy()
        world.is_friend = w.is_friend.copy()
        world.flags = w.flags.copy()
        world.counters = w.counters.copy()
        world.perk_overrides = w.perk_overrides.copy()
        world.feed = w.feed.copy()
        world.history = w.history.copy()
        world.log = w.log.copy()
        world.crossings = []
        world.left = []
        other.world = world
        other.engine = self.engine.fork(world)
        other._actions = self._actions.copy()
        other._series = self._series.copy()
        other._used_posts = self._used_posts.copy()
        other._topic_groups = {key: group.copy() for key, group in self._topic_groups.items()}
        other._rng_cache = None
        other._tried = {}
        other._alike = {}
        other.usage = self.usage.copy()
        return other

    def _rng_state(self) -> object:
        """The random generator's state now; it changes only while a command runs, so it is
        read once per version and reused by every fork taken before the next command."""
        if self._rng_cache is None or self._rng_cache[0] != self.version:
            self._rng_cache = (self.version, self.world.rng_state())
        return self._rng_cache[1]

    # -- commands --------------------------------------------------------------------------

    def can(self, command: Command) -> Code | None:
        """None when ``command`` is allowed now, otherwise the reason it is not (a code)."""
        reason = self._refusal(command)
        return None if reason is None else Code.of(f"refuse.{reason}", max=MAX_POST_CHARS)

    def _refusal(self, command: Command) -> str | None:
        """None, or the refusal's name (a ``refuse.*`` message key without its prefix)."""
        w = self.world
        limits = self.scenario.limits
        if self._over:
            return "game_over"
        match command:
            case cmd.Post(choice=choice, text=text):
                if choice is not None:
                    if choice not in self._choices:
                        return "no_post"
                    used = self.usage.posts_today.get(post_key(choice, None), 0)
                    return "used_today" if 0 < limits.choice_per_day <= used else None
                if not self.free_text:
                    return "choices_only"
                if not text or not text.strip():
                    return "empty"
                if len(text) > MAX_POST_CHARS:
                    return "too_long"
                return "said_today" if post_key(None, text) in self.usage.posts_today else None
            case cmd.Like(post=uid) | cmd.Share(post=uid) | cmd.ReportPost(post=uid):
                post = self._post(uid)
                if post is None:
                    return "no_post"
                if getattr(post, _REACTION_FLAG[type(command)]):
                    return "already"
                if post.by_player and not isinstance(command, cmd.Like):
                    return "own_post"
                return None
            case cmd.Comment(post=uid, text=text):
                post = self._post(uid)
                if post is None:
                    return "no_post"
                if 0 < limits.comments_per_post <= len(post.comments):
                    return "commented"
                if not text.strip():
                    return "empty"
                if post.comments and normalize(text) in {normalize(c) for c in post.comments}:
                    return "said_here"
                return None if len(text) <= MAX_POST_CHARS else "too_long"
            case cmd.ReportFriend(friend=fid):
                if not w.is_friend.get(fid):
                    return "not_friend"
                reported = self.usage.reports.get(fid, 0)
                return "reported_friend" if 0 < limits.reports_per_friend <= reported else None
            case cmd.RemoveFriend(friend=fid):
                return None if w.is_friend.get(fid) else "not_friend"
            case cmd.AddFriend(friend=fid):
                if fid not in w.is_friend:
                    return "no_person"
                if w.is_friend[fid]:
                    return "already_friend"
                removed = fid in self.usage.removed_today and not limits.readd_same_day
                return "removed_today" if removed else None
            case cmd.Buy(item=item_id):
                item = self._items.get(item_id)
                if item is None:
                    return "no_item"
                return None if w.money >= item.price else "money"
            case cmd.EndDay():
                return None
        return "unknown"

    def apply(self, command: Command) -> tuple[Notice, ...]:
        """Carry out a command and return the notices it produced, in order.

        Raises CommandError (with the reason) when the command is not allowed now.
        """
        reason = self.can(command)
        if reason is not None:
            raise CommandError(reason)
        start = len(self.world.log)
        money, score = self.world.money, self.world.score
        filters = self._filters.get(TEXT_EVENTS.get(type(command), ""), ())
        counts = {f: self.engine.fire_counts[f.rule_id] for f in filters}
        self._carry_out(command)
        self._tell(command, start, money, score, counts)
        return tuple(self.world.log[start:])

    def _carry_out(self, command: Command) -> None:
        """Carry out an allowed command: its events and rules, then tier, perk and end changes."""
        self._tried.clear()
        self.engine.begin()
        before = self._snapshot()
        self._actions.append(command)
        self._dispatch(command)
        self._settle(before)
        self.version += 1

    def score_after(self, command: Command) -> int | None:
        """The player's score if ``command`` were applied now, or None when it is not allowed;
        this game is unchanged. The command is tried on a fork, unless no rule can fire for its
        event (then nothing can move the score: the score now is the answer) or a command
        tried since the last one applied fired an event its rules cannot tell from this one's
        and changed the game alike before it (then that try's score is the answer)."""
        if self._refusal(command) is not None:
            return None
        if isinstance(command, cmd.EndDay):
            return self._try(command)  # a day's end fires many events, told apart by none
        key = self._alike.get(command)
        if key is None:
            key = self._alike[command] = self._alike_key(command)
        if key is _SILENT:
            return self.world.score
        score = self._tried.get(key)
        if score is None:
            score = self._tried[key] = self._try(command)
        return score

    def _alike_key(self, command: Command) -> tuple[object, ...]:
        """What makes ``command``'s outcome, given the game's state: its event's kind, the
        command itself when it changes friends or money before its event, and the event facts
        its rules read (never the day, so it holds all game); ``_SILENT`` when no rule can
        fire for its event. Not for ``EndDay``."""
        event = self._event(command)
        assert event is not None
        if not self.engine.listens(event, self.world.matches(event.text)):
            return _SILENT
        # Before its event, a command changes only what no rule reads (the feed, the limits'
        # counts), except for these, which change friends or money.
        own = command if isinstance(command, cmd.AddFriend | cmd.RemoveFriend | cmd.Buy) else None
        return (event.kind, own, self.engine.facts(event))

    def _try(self, command: Command) -> int:
        """The player's score after ``command`` (allowed now) is applied to a fork."""
        trial = self.fork()
        trial._carry_out(command)
        return trial.world.score

    def _tell(
        self, command: Command, start: int, money: int, score: int, counts: dict[WordFilter, int]
    ) -> None:
        """After ``command`` ran (from log entry ``start``, with ``money`` and ``score`` before
        it, and the word filters' fire ``counts``): a purchase's receipt, or the purchase counted
        as refused when the rules gave its price back; for a post or comment that word filters
        read, what they picked out. Either notice comes first, before what the rules said. Only
        commands applied for real are told: a scripted player's tries skip this."""
        w = self.world
        if isinstance(command, cmd.Buy):
            item = self._items[command.item]
            if item.price > 0 and w.money >= money:
                self.usage.refused[item.id] = self.usage.refused.get(item.id, 0) + 1
                return
            delta = w.score - score
            said = receipt(
                item.name,
                self.scenario.show_money(item.price),
                item.price == 0,
                self.purchases(item.id) > 1,
                self.scenario.score_format.show_change(delta) if delta else None,
            )
            w.log.insert(start, Notice("bought", said, w.day))
        elif counts:
            fired = {f.rule_id for f, n in counts.items() if self.engine.fire_counts[f.rule_id] > n}
            text = getattr(command, "text", None) or ""
            if isinstance(command, cmd.Post) and command.choice is not None:
                text = self._choices[command.choice].text
            said = words_notice(
                self.scenario,
                tuple(counts),
                fired,
                text.strip(),
                isinstance(command, cmd.Comment),
                w.score - score,
            )
            if said is not None:
                w.log.insert(start, Notice("filter", said, w.day))

    def reads_words(self, comment: bool) -> bool:
        """True when a word filter reads the player's posts (or, with ``comment``, comments) and
        can move their score: the composer then says once that the app reads what they type."""
        return bool(self._filters.get(TEXT_EVENTS[cmd.Comment if comment else cmd.Post]))

    def purchases(self, item_id: str) -> int:
        """How many times the player bought ``item_id`` (purchases the rules refused left out)."""
        return self._actions.count(cmd.Buy(item_id)) - self.refused(item_id)

    def refused(self, item_id: str) -> int:
        """How many times buying ``item_id`` was refused (the rules gave the whole price back)."""
        return self.usage.refused.get(item_id, 0)

    def replay(self, actions: Iterable[Command]) -> None:
        """Apply saved commands in order. Raises CommandError if one no longer applies."""
        for index, action in enumerate(actions):
            try:
                self.apply(action)
            except CommandError as err:
                code = Code.of(
                    "refuse.replay",
                    index=index + 1,
                    command=type(action).__name__,
                    reason=err.code,
                )
                raise CommandError(code) from None

    def _event(self, command: Command) -> Event | None:
        """The event ``command`` (allowed now) fires, as built before the command changes
        anything; None for ``EndDay`` (a day's end fires many)."""
        day = self.world.day
        match command:
            case cmd.Post(choice=choice, text=text):
                picked = None if choice is None else self._choices.get(choice)
                if picked is not None:
                    return Event("player_posts", day, picked.text, picked.tags, choice=choice)
                return Event("player_posts", day, (text or "").strip(), choice=choice)
            case cmd.Like(post=uid) | cmd.Share(post=uid) | cmd.ReportPost(post=uid):
                post = self._post(uid)
                assert post is not None
                return self._post_event(_REACTION_EVENTS[type(command)], post, post.text)
            case cmd.Comment(post=uid, text=text):
                post = self._post(uid)
                assert post is not None
                return self._post_event("player_comments", post, text.strip())
            case cmd.ReportFriend(friend=fid):
                return Event("player_reports_friend", day, friend=fid)
            case cmd.AddFriend(friend=fid):
                return Event("player_adds_friend", day, friend=fid)
            case cmd.RemoveFriend(friend=fid):
                return Event("player_removes_friend", day, friend=fid)
            case cmd.Buy(item=item_id):
                item = self._items[item_id]
                return Event("player_buys", day, tags=item.tags, item=item.id, price=item.price)
        return None

    def _dispatch(self, command: Command) -> None:
        w = self.world
        event = self._event(command)
        match command:
            case cmd.Post(choice=choice, text=text):
                assert event is not None
                key = post_key(choice, text)
                self.usage.posts_today[key] = self.usage.posts_today.get(key, 0) + 1
                w.add_to_feed(
                    FeedPost(
                        w.next_uid,
                        w.day,
                        "player",
                        self.scenario.player_name,
                        event.text,
                        event.tags,
                        by_player=True,
                    )
                )
            case cmd.Like(post=uid):
                w.update_post(uid, liked=True)
            case cmd.Share(post=uid):
                w.update_post(uid, shared=True)
            case cmd.ReportPost(post=uid):
                w.update_post(uid, reported=True)
            case cmd.Comment(post=uid, text=text):
                w.update_post(uid, comment=text.strip())
            case cmd.ReportFriend(friend=fid):
                self.usage.reports[fid] = self.usage.reports.get(fid, 0) + 1
            case cmd.AddFriend(friend=fid):
                w.set_is_friend(fid, True)
            case cmd.RemoveFriend(friend=fid):
                self.usage.removed_today.add(fid)
                w.set_is_friend(fid, False)
            case cmd.Buy():
                assert event is not None
                w.money -= event.price
            case cmd.EndDay():
                self._end_day()
        if event is not None:
            self._fire(event)
        if isinstance(command, cmd.AddFriend) and not w.is_friend[command.friend]:
            self.usage.declined += 1

    def _post_event(self, kind: str, post: FeedPost, text: str) -> Event:
        """The event of a reaction to ``post``; ``text`` is what word lists look at (the post's
        text, or the comment's)."""
        return Event(
            kind,
            self.world.day,
            text,
            post.tags,
            post=post.pool_id,
            post_uid=post.uid,
            post_text=post.text,
            friend=post.friend_id,
        )

    # -- the day cycle -----------------------------------------------------------------------

    def _fire(self, event: Event) -> None:
        self.engine.fire(event)

    def _start_day(self) -> None:
        w = self.world
        self.usage.new_day()
        w.say("day", Code.of("notice.day", day=w.day, days=self.scenario.days))
        self._fire(Event("day_starts", w.day))
        if w.end_reason is not None:
            return
        for post in self._todays_pool_posts():
            self._publish(post, None)
        for fid in w.friend_ids():
            for post in self._friend_posts(fid):
                self._publish(post, fid)
                self._fire(
                    Event(
                        "friend_posts",
                        w.day,
                        post.text,
                        post.tags,
                        post=post.id,
                        post_uid=w.next_uid - 1,
                        post_text=post.text,
                        friend=fid,
                    )
                )

    def _todays_pool_posts(self) -> list[Post]:
        w = self.world
        pool = [p for p in self.scenario.posts if p.source != "friend"]
        dated = [p for p in pool if p.day == w.day]
        undated = [p for p in pool if p.day is None and p.id not in self._used_posts]
        count = min(self.scenario.feed_per_day, len(undated))
        return dated + w.rng.sample(undated, count)

    def _friend_posts(self, fid: str) -> list[Post]:
        """What a friend posts today: their posts dated today, plus as many fresh ones as their
        rate draws, from their own posts and the unsigned ones on their topics."""
        w = self.world
        personality = w.people[fid].personality
        rate = personality.posts_per_day
        count = int(rate) + (1 if w.rng.random() < rate - int(rate) else 0)
        own = self._pool_by_author.get(fid, [])
        dated = [p for p in own if p.day == w.day]
        if count == 0:
            return dated
        used = self._used_posts
        fresh = [p for p in own if p.day is None and p.id not in used]
        fresh += self._unsigned_on(personality.topics).values()
        return dated + w.rng.sample(fresh, min(count, len(fresh)))

    def _unsigned_on(self, topics: tuple[str, ...]) -> dict[str, Post]:
        """Unused, undated, unsigned friend posts on any of these topics (any topic when there
        are none), in file order. Kept up to date as posts are published."""
        key = frozenset(topics)
        group = self._topic_groups.get(key)
        if group is None:
            group = {
                p.id: p
                for p in self._pool_unsigned
                if p.day is None
                and p.id not in self._used_posts
                and (not key or key.intersection(p.tags))
            }
            self._topic_groups[key] = group
        return group

    def _publish(self, post: Post, friend: str | None) -> None:
        w = self.world
        self._used_posts.add(post.id)
        if post.source == "friend" and post.author is None:
            for group in self._topic_groups.values():
                group.pop(post.id, None)
        person = w.people.get(friend or "")
        author = person.name if person else post.author or post.source.title()
        w.add_to_feed(
            FeedPost(w.next_uid, w.day, post.source, author, post.text, post.tags, friend, post.id)
        )

    def _end_day(self) -> None:
        w = self.world
        self._fire(Event("day_ends", w.day))
        self._series.append((w.day, w.score))
        if w.end_reason is None and w.day < self.scenario.days:
            w.day += 1
            self._start_day()
            self._mark_morning()
        elif w.end_reason is None:
            w.end_reason = LAST_DAY

    def _mark_morning(self) -> None:
        """Remember where today's morning (the day's start and the friends' posts) ended in
        the history."""
        w = self.world
        last = w.history[-1].seq if w.history else -1
        self._mornings = (*self._mornings, (w.day, last))

    def _snapshot(self) -> tuple[str, tuple[str, ...]]:
        return self._tier(self.world.score).id, self._active_perks()

    def _tier(self, score: int) -> Tier:
        """``Scenario.tier_for``, remembered per score (shared by forks)."""
        tier = self._tiers.get(score)
        if tier is None:
            tier = self._tiers[score] = self.scenario.tier_for(score)
        return tier

    def _active_perks(self) -> tuple[str, ...]:
        """``WorldState.active_perks``, remembered per tier and perk overrides."""
        w = self.world
        key = (self._tier(w.score).id, *w.perk_overrides.items())
        perks = self._perks_by_state.get(key)
        if perks is None:
            perks = self._perks_by_state[key] = w.active_perks()
        return perks

    def _settle(self, before: tuple[str, tuple[str, ...]]) -> None:
        """Report tier and perk changes, and end the game if a rule or the calendar said so."""
        w = self.world
        tier_before, perks_before = before
        tier = self._tier(w.score)
        if tier.id != tier_before:
            w.say("tier", Code.of("notice.tier", tier=tier.name))
        perks = self._active_perks()
        for perk_id in perks:
            if perk_id not in perks_before:
                perk = self.scenario.perk(perk_id)
                said = Code.of("notice.perk_gained", name=perk.name, text=perk.text)
                w.say("perk_gained", said, who=perk.kind, perk=perk.id)
        for perk_id in perks_before:
            if perk_id not in perks:
                perk = self.scenario.perk(perk_id)
                said = Code.of("notice.perk_lost", name=perk.name)
                w.say("perk_lost", said, who=perk.kind, perk=perk.id)
        if w.end_reason is not None and not self._over:
            self._over = True
            if self._series[-1][0] != w.day:
                self._series.append((w.day, w.score))
            self._fire(Event("game_ends", w.day))
            self._series[-1] = (w.day, w.score)
            w.say("end", w.end_reason)

    # -- views -------------------------------------------------------------------------------

    def _post(self, uid: int) -> FeedPost | None:
        feed = self.world.feed
        if 0 < uid <= len(feed) and feed[uid - 1].uid == uid:  # uids count the feed from 1
            return feed[uid - 1]
        return next((p for p in reversed(feed) if p.uid == uid), None)

    @property
    def day(self) -> int:
        """The current day, from 1."""
        return self.world.day

    @property
    def days(self) -> int:
        """How many days the scenario lasts."""
        return self.scenario.days

    @property
    def over(self) -> bool:
        """True once the game has ended."""
        return self._over

    @property
    def end_reason(self) -> Code | None:
        """Why the game ended, once it has (a code)."""
        return self.world.end_reason if self._over else None

    @property
    def ended_early(self) -> bool:
        """True when a rule ended the game before its last day was over."""
        return self._over and self.world.end_reason != LAST_DAY

    @property
    def score(self) -> int:
        """The player's score now (what ``player.score`` gives, without building the view)."""
        return self.world.score

    @property
    def player(self) -> PlayerView:
        """The player now, with which perks a rule gave and which of the tier's a rule took."""
        w = self.world
        tier, active = self._tier(w.score), self._active_perks()
        perks = tuple(self.scenario.perk(p) for p in active)
        by_rule = frozenset(p for p in active if p not in tier.perks)
        taken = tuple(self.scenario.perk(p) for p in tier.perks if p not in active)
        return PlayerView(self.scenario.player_name, w.score, w.money, tier, perks, by_rule, taken)

    @property
    def friends(self) -> tuple[FriendView, ...]:
        """Everyone in the player's world, in file order."""
        w = self.world
        return tuple(
            FriendView(
                f.id,
                f.name,
                w.friend_scores[f.id],
                w.is_friend[f.id],
                f.bio,
                f.personality.reaction,
                self._tier(w.friend_scores[f.id]),
            )
            for f in self.scenario.friends
        )

    @property
    def feed(self) -> tuple[FeedPost, ...]:
        """The feed, newest first."""
        return tuple(reversed(self.world.feed))

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The ready-made posts the player may publish."""
        return self.scenario.choices

    @property
    def free_text(self) -> bool:
        """True when the player may type their own posts."""
        return self.scenario.free_text

    @property
    def shop(self) -> tuple[Item, ...]:
        """What the shop sells."""
        return self.scenario.shop

    @property
    def history(self) -> tuple[ScoreChange, ...]:
        """Every score change so far, with its cause."""
        return tuple(self.world.history)

    @property
    def mornings(self) -> tuple[tuple[int, int], ...]:
        """(day, seq) for each day started: the changes of that day with a ``seq`` up to
        ``seq`` happened in its morning, before the player could act."""
        return self._mornings

    @property
    def score_series(self) -> tuple[tuple[int, int], ...]:
        """The player's score at the start (day 0) and at the end of each day."""
        return tuple(self._series)

    @property
    def log(self) -> tuple[Notice, ...]:
        """Everything that happened, in order."""
        return tuple(self.world.log)

    @property
    def actions(self) -> tuple[Command, ...]:
        """The player's commands so far."""
        return tuple(self._actions)

    @property
    def rule_fire_counts(self) -> dict[str, int]:
        """How many times each rule has fired."""
        return dict(self.engine.fire_counts)
