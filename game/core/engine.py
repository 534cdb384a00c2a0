"""The rules engine: runs the rules an event can fire, in file order, and the events they cause.

Rules are indexed by event, and within an event by what their first condition needs: a tag, a
word list, a post choice, a shop item or a pool post. An event tries only the rules whose first
condition it can meet (plus the rules without such a condition), so a rule that cannot match is
never tried. Each rule's condition chain and its effects' causes are prepared once, when the
engine is built. Events caused by rules (a score crossing a threshold, a friend leaving) are
queued and run after the current one; chains are cut at ``MAX_CASCADE`` rounds, so rules that
trigger each other cannot hang. A score change is a crossing only when it passes a threshold
that a rule of that kind watches (``WorldState.watched``): one that passes none is no event, and
costs no work budget and no round of a chain. Each command also has a work budget: at most
``MAX_WORK`` events, effects and notices, and at most ``MAX_CHECKS`` rule checks (a rule tried
for an event and a friend; a rule the index leaves out is not tried). At either limit the rules
stop for the rest of that command with a ``budget`` notice, and the game goes on. An expression
that fails at run time (numbers too large) makes its condition false, reported once per rule
with a ``rule_error`` notice.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from game.core.causes import player_cause
from game.core.codes import Code
from game.core.conditions import (
    AllOf,
    ChoiceIs,
    Condition,
    Expression,
    FriendIs,
    HasTag,
    ItemIs,
    PostIs,
    Scope,
    TextUses,
)
from game.core.effects import Cause, Effect
from game.core.eventreads import facts_read
from game.core.events import Event
from game.core.expr import ExprError, required_values
from game.core.limits import once_key
from game.core.model import Friend, Rule, Scenario
from game.core.words import WordList
from game.core.world import RuleScope, TextMatches, WorldState

MAX_CASCADE = 32
# A day of the bench's largest scenario (10,000 friends, 200 rules) costs at most about 38,000
# events, effects and notices and 93,000 rule checks; the shipped scenarios, under 100 of each.
MAX_WORK = 50_000  # events, effects and notices one command may cost
MAX_CHECKS = 1_000_000  # rule checks (a rule tried for an event and a friend) one command may cost

Check = Callable[[Scope], bool]


class _OutOfWork(Exception):
    """The current command has spent its work budget."""


def crossed(rule: Rule, old: int, new: int) -> bool:
    """True when a move from ``old`` to ``new`` crosses the rule's threshold its way."""
    t = rule.threshold
    assert t is not None
    up = old < t <= new
    down = new < t <= old
    return up if rule.direction == "up" else down if rule.direction == "down" else up or down


@dataclass(frozen=True, slots=True)
class Prepared:
    """One rule, ready to run: its place in the file, the checks left after its index key (in
    order, each a bound ``holds``) and its effects, each with the cause it reports.

    ``people``: for a ``for_each: friend`` rule whose first condition asks for a fixed
    reaction, topic or id, the only people it can hold for (file order); None: anyone.
    """

    order: int
    rule: Rule
    checks: tuple[Check, ...]
    effects: tuple[tuple[Effect, Cause], ...]
    people: tuple[str, ...] | None = None

    def test(self, scope: Scope) -> bool:
        """The checks, in order: true when all hold (``ExprError`` passes through)."""
        for check in self.checks:  # noqa: SIM110 (a loop: no generator made per try)
            if not check(scope):
                return False
        return True


@dataclass
class EventRules:
    """The rules of one event, indexed by what their first condition needs.

    ``always`` have no indexable first condition; the others are keyed by a tag, a word list's
    name, a choice, an item or a post. Every list is in file order.
    """

    always: list[Prepared] = field(default_factory=list)
    by_tag: dict[str, list[Prepared]] = field(default_factory=dict)
    by_words: dict[str, list[Prepared]] = field(default_factory=dict)
    word_lists: tuple[tuple[WordList, list[Prepared]], ...] = ()
    """``by_words`` with each list looked up (``resolve``)."""
    reads: tuple[str, ...] = ()
    """The event facts these rules can read (``eventreads``; ``resolve``)."""
    by_choice: dict[str, list[Prepared]] = field(default_factory=dict)
    by_item: dict[str, list[Prepared]] = field(default_factory=dict)
    by_post: dict[str, list[Prepared]] = field(default_factory=dict)
    indexed: bool = False
    by_threshold: tuple[Prepared, ...] = ()
    """For a score-crossing event (every rule has a threshold, none is indexed): the rules by
    threshold, lowest first (``resolve``)."""
    thresholds: tuple[float, ...] = ()
    """The thresholds of ``by_threshold``, in the same order."""

    def add(self, prepared: Prepared, first: Condition | None) -> None:
        """File ``prepared`` under what ``first`` (its first condition, if any) needs."""
        keys: Iterable[str]
        match first:
            case HasTag(tags=tags):
                table, keys = self.by_tag, tags
            case TextUses(lists=lists):
                table, keys = self.by_words, lists
            case ChoiceIs(choice=choice):
                table, keys = self.by_choice, (choice,)
            case ItemIs(item=item):
                table, keys = self.by_item, (item,)
            case PostIs(post=post):
                table, keys = self.by_post, (post,)
            case _:
                self.always.append(prepared)
                return
        self.indexed = True
        for key in dict.fromkeys(keys):
            table.setdefault(key, []).append(prepared)

    def resolve(self, scenario: Scenario) -> None:
        """Look up the word lists ``by_words`` names and work out which event facts the rules
        read, once (after the last ``add``)."""
        self.word_lists = tuple(
            (scenario.word_list(name), rules) for name, rules in self.by_words.items()
        )
        rules = {p.order: p.rule for p in self.always}
        for table in (self.by_tag, self.by_words, self.by_choice, self.by_item, self.by_post):
            rules.update((p.order, p.rule) for group in table.values() for p in group)
        self.reads = facts_read(rules.values())
        if not self.indexed and all(p.rule.threshold is not None for p in self.always):
            self.by_threshold = tuple(sorted(self.always, key=_threshold))
            self.thresholds = tuple(_threshold(p) for p in self.by_threshold)

    def watched(self) -> tuple[float, ...] | None:
        """For a score-crossing event, the thresholds its rules watch, lowest first: a move
        that passes none of them fires no rule. None when some rule's first condition is
        indexed (a tag or word list, say): then every move is tried."""
        return self.thresholds if self.by_threshold else None

    def candidates(self, event: Event, matches: TextMatches, world: WorldState) -> list[Prepared]:
        """The rules ``event`` may fire, in file order: only those whose first condition it
        meets (a tag it carries, a word list its text uses, its choice, item or post), and for
        a score crossing only those whose threshold lies between the old and the new score."""
        if not self.indexed:
            if self.thresholds and event.old_score is not None and event.new_score is not None:
                low, high = sorted((event.old_score, event.new_score))
                marks = self.thresholds
                crossed = self.by_threshold[bisect_right(marks, low) : bisect_right(marks, high)]
                return sorted(crossed, key=_order) if len(crossed) > 1 else list(crossed)
            return self.always
        groups = [self.always] if self.always else []
        groups += [self.by_tag[tag] for tag in event.tags if tag in self.by_tag]
        groups += [rules for words, rules in self.word_lists if matches.uses(words)]
        for key, table in (
            (event.choice, self.by_choice),
            (event.item, self.by_item),
            (event.post, self.by_post),
        ):
            if key is not None and key in table:
                groups.append(table[key])
        if len(groups) <= 1:
            return groups[0] if groups else []
        found = {p.order: p for rules in groups for p in rules}
        return [found[order] for order in sorted(found)]


def _threshold(prepared: Prepared) -> float:
    """The rule's threshold (only called for rules that have one)."""
    return prepared.rule.threshold or 0


def _order(prepared: Prepared) -> int:
    return prepared.order


def _chain(condition: Condition | None) -> tuple[Condition, ...]:
    """A condition as the chain of parts that must all hold, first to last."""
    if condition is None:
        return ()
    if isinstance(condition, AllOf):
        return tuple(part for piece in condition.parts for part in _chain(piece))
    return (condition,)


def _fixed_properties(first: Condition) -> dict[str, object]:
    """What a first condition asks of the bound friend that never changes in a game: their
    id, reaction or a topic (from ``friend:`` or ``friend.x == value`` joined by ``and``)."""
    if isinstance(first, FriendIs):
        return {k: v for k, v in first.properties if k in ("id", "reaction", "has_topic")}
    if isinstance(first, Expression):
        wanted = required_values(first.expr)
        return {k[7:]: v for k, v in wanted.items() if k in ("friend.id", "friend.reaction")}
    return {}


def _fits(person: Friend, fixed: dict[str, object]) -> bool:
    return all(
        (person.id if key == "id" else person.personality.reaction) == value
        if key != "has_topic"
        else value in person.personality.topics
        for key, value in fixed.items()
    )


def index_rules(scenario: Scenario) -> dict[str, EventRules]:
    """Every rule prepared (condition chain, causes) and filed by its event and first
    condition; a ``for_each: friend`` rule also learns which people it can hold for."""
    by_event: dict[str, EventRules] = {}
    for order, rule in enumerate(scenario.rules):
        chain = _chain(rule.condition)
        first = chain[0] if chain else None
        keyed = isinstance(first, (HasTag, TextUses, ChoiceIs, ItemIs, PostIs))
        people = None
        if rule.for_each_friend and first is not None:
            fixed = _fixed_properties(first)
            if fixed:
                people = tuple(p.id for p in scenario.friends if _fits(p, fixed))
        reason = player_cause(rule, scenario.shop)
        prepared = Prepared(
            order,
            rule,
            tuple(part.holds for part in (chain[1:] if keyed else chain)),
            tuple((e, Cause(rule.id, rule.path, e.line, reason)) for e in rule.effects),
            people,
        )
        by_event.setdefault(rule.when, EventRules()).add(prepared, first if keyed else None)
    for rules in by_event.values():
        rules.resolve(scenario)
    return by_event


class Engine:
    """Runs a scenario's rules against one world."""

    def __init__(self, world: WorldState) -> None:
        self.world = world
        self.by_event = index_rules(world.scenario)
        world.watched = {
            kind: self.by_event[kind].watched() for kind in world.watched if kind in self.by_event
        }  # crossings no rule hears, or no threshold lies on, are never run
        self.fire_counts: dict[str, int] = {rule.id: 0 for rule in world.scenario.rules}
        self.failed: set[str] = set()
        self.fired_once: set[tuple[object, ...]] = set()
        self.begin()

    def begin(self) -> None:
        """Start a new command's work budget."""
        self.spent, self.checks, self.stopped = 0, 0, False
        self.log_start = len(self.world.log)

    def _spend(self) -> None:
        """Count an event or an effect; raise _OutOfWork past the budget (notices count too)."""
        self.spent += 1
        if self.spent + len(self.world.log) - self.log_start > MAX_WORK:
            raise _OutOfWork

    def fork(self, world: WorldState) -> Engine:
        """This engine's rules and counts, running against another world."""
        other = Engine.__new__(Engine)
        other.world = world
        other.by_event = self.by_event
        other.fire_counts = dict(self.fire_counts)
        other.failed = set(self.failed)
        other.spent, other.checks, other.stopped = self.spent, self.checks, self.stopped
        other.log_start = self.log_start - len(self.world.log) + len(world.log)
        other.fired_once = set(self.fired_once)
        return other

    def listens(self, event: Event, matches: TextMatches) -> bool:
        """False when no rule can fire for ``event`` (none listens, or none of the listeners'
        first conditions is met), whatever the game's state: firing it would change nothing.
        ``matches``: the word lists its text uses."""
        rules = self.by_event.get(event.kind)
        return rules is not None and bool(rules.candidates(event, matches, self.world))

    def facts(self, event: Event) -> tuple[object, ...]:
        """What ``event``'s rules can read of it: in the same game state, two events of one
        kind with the same facts play out alike (see ``eventreads``)."""
        rules = self.by_event.get(event.kind)
        return () if rules is None else tuple(getattr(event, fact) for fact in rules.reads)

    def fire(self, event: Event) -> None:
        """Run every rule for ``event``, then the events those rules caused, breadth first.

        A chain of events setting each other off stops at depth ``MAX_CASCADE``; many events
        caused at once (seventy friends leaving, say) all run.
        """
        if self.stopped:
            return
        world = self.world
        queue = deque([(event, 0)])
        try:
            if event.kind not in self.by_event:
                self._spend()
                return  # no rule listens: nothing can happen, nothing can follow
            while queue:
                current, depth = queue.popleft()
                if depth > MAX_CASCADE:
                    world.say("notify", Code.of("notice.cascade", rounds=MAX_CASCADE))
                    break
                self._spend()
                self._run(current)
                if world.crossings:  # only those a rule can hear (``WorldState.watched``)
                    queue.extend((crossing, depth + 1) for crossing in world.crossings)
                world.crossings.clear()
                queue.extend(
                    (Event("friend_unfriends", world.day, friend=friend), depth + 1)
                    for friend in world.left
                )
                world.left.clear()
        except _OutOfWork:
            self.stopped = True
            world.say("budget", Code.of("notice.budget"))
        world.crossings.clear()
        world.left.clear()

    def _run(self, event: Event) -> None:
        rules = self.by_event.get(event.kind)
        if rules is None:
            return
        world = self.world
        matches = world.matches(event.text)
        fired_once = self.fired_once
        shared: RuleScope | None = None
        for prepared in rules.candidates(event, matches, world):
            rule = prepared.rule
            once = rule.once
            if (
                once
                and once != "per_friend"
                and once_key(once, rule.id, world.day, None) in fired_once
            ):
                continue  # once a game or a day, and that once was
            if rule.threshold is not None:
                assert event.old_score is not None and event.new_score is not None
                if not crossed(rule, event.old_score, event.new_score):
                    continue
            if rule.for_each_friend:
                self._run_each_friend(prepared, RuleScope(world, event, None, matches))
                continue
            if shared is None:
                shared = RuleScope(world, event, event.friend, matches)
            key = once_key(once, rule.id, world.day, shared.friend) if once else None
            if once == "per_friend" and key in fired_once:
                continue  # already fired for this friend: not tried, not counted
            if self._tried(prepared, shared):
                self._fire_rule(prepared, shared, key)

    def _run_each_friend(self, prepared: Prepared, scope: RuleScope) -> None:
        """Try a ``for_each: friend`` rule for each current friend it can hold for, in file
        order, binding each in turn in ``scope`` (effects use the scope only while they run)."""
        world = self.world
        rule = prepared.rule
        once = rule.once
        per_friend = once == "per_friend"
        fired_once = self.fired_once
        if prepared.people is None:
            friends: Iterable[str] = world.friend_ids()
        else:
            is_friend = world.is_friend
            friends = [f for f in prepared.people if is_friend[f]]
        for friend in friends:
            scope.friend = friend
            key = once_key(once, rule.id, world.day, friend) if once else None
            if per_friend and key in fired_once:
                continue  # already fired for this friend: not tried, not counted
            if not self._tried(prepared, scope):
                continue
            self._fire_rule(prepared, scope, key)
            if key is not None and not per_friend:
                break  # once a game or a day: the first friend it held for was the one

    def _tried(self, prepared: Prepared, scope: RuleScope) -> bool:
        """Count a rule check, then run the rule's remaining checks: false (reported once per
        rule) when an expression fails. Raises _OutOfWork past the check budget."""
        self.checks += 1
        if self.checks > MAX_CHECKS:
            raise _OutOfWork
        if not prepared.checks:
            return True
        try:
            return prepared.test(scope)
        except ExprError as err:
            rule = prepared.rule
            if rule.id not in self.failed:
                self.failed.add(rule.id)
                self.world.say(
                    "rule_error",
                    Code.of("notice.rule_error", rule=rule.id, error=str(err)),
                    rule_id=rule.id,
                    path=rule.path,
                    line=rule.line,
                )
            return False

    def _fire_rule(
        self, prepared: Prepared, scope: RuleScope, key: tuple[object, ...] | None
    ) -> None:
        """The rule held: count it, remember its ``once`` key, apply its effects in order."""
        self.fire_counts[prepared.rule.id] += 1
        if key is not None:
            self.fired_once.add(key)
        world = self.world
        friend = scope.friend or scope.event.friend
        for effect, cause in prepared.effects:
            self._spend()
            if friend is not None:
                cause = Cause(cause.rule_id, cause.path, cause.line, cause.reason, friend)
            effect.apply(world, scope, cause)
