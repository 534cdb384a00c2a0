"""The rules engine: runs the rules an event can fire, in file order, and the events they cause.

Rules are indexed by event, so an event costs only the rules written for it. Events caused by
rules (a score crossing a threshold, a friend leaving) are queued and run after the current one;
chains are cut at ``MAX_CASCADE`` rounds, so rules that trigger each other cannot hang. Each
command also has a work budget: at most ``MAX_WORK`` events, effects and notices, and at most
``MAX_CHECKS`` rule checks (a rule tried for an event and a friend). At either limit the rules stop
for the rest of that command with a ``budget`` notice, and the game goes on.
An expression that fails at run time (numbers too large) makes its condition false, reported
once per rule with a ``rule_error`` notice.
"""

from __future__ import annotations

from collections import defaultdict, deque

from game.core.codes import Code
from game.core.effects import Cause
from game.core.events import Event
from game.core.explain import cause_code
from game.core.expr import ExprError
from game.core.model import Rule
from game.core.world import RuleScope, TextMatches, WorldState

MAX_CASCADE = 32
# A day of the bench's largest scenario (10,000 friends, 200 rules) costs at most about 38,000
# events, effects and notices and 93,000 rule checks; the shipped scenarios, under 100 of each.
MAX_WORK = 50_000  # events, effects and notices one command may cost
MAX_CHECKS = 1_000_000  # rule checks (a rule tried for an event and a friend) one command may cost


class _OutOfWork(Exception):
    """The current command has spent its work budget."""


def crossed(rule: Rule, old: int, new: int) -> bool:
    """True when a move from ``old`` to ``new`` crosses the rule's threshold its way."""
    t = rule.threshold
    assert t is not None
    up = old < t <= new
    down = new < t <= old
    return up if rule.direction == "up" else down if rule.direction == "down" else up or down


class Engine:
    """Runs a scenario's rules against one world."""

    def __init__(self, world: WorldState) -> None:
        self.world = world
        self.by_event: dict[str, list[Rule]] = defaultdict(list)
        for rule in world.scenario.rules:
            self.by_event[rule.when].append(rule)
        self.reasons = {rule.id: cause_code(rule) for rule in world.scenario.rules}
        self.fire_counts: dict[str, int] = {rule.id: 0 for rule in world.scenario.rules}
        self.failed: set[str] = set()
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

    def _check(self) -> None:
        """Count a rule check; raise _OutOfWork past the budget."""
        self.checks += 1
        if self.checks > MAX_CHECKS:
            raise _OutOfWork

    def fork(self, world: WorldState) -> Engine:
        """This engine's rules and counts, running against another world."""
        other = Engine.__new__(Engine)
        other.world = world
        other.by_event = self.by_event
        other.reasons = self.reasons
        other.fire_counts = dict(self.fire_counts)
        other.failed = set(self.failed)
        other.spent, other.checks, other.stopped = self.spent, self.checks, self.stopped
        other.log_start = self.log_start - len(self.world.log) + len(world.log)
        return other

    def fire(self, event: Event) -> None:
        """Run every rule for ``event``, then the events those rules caused, breadth first.

        A chain of events setting each other off stops at depth ``MAX_CASCADE``; many events
        caused at once (seventy friends leaving, say) all run.
        """
        if self.stopped:
            return
        queue = deque([(event, 0)])
        world = self.world
        try:
            while queue:
                current, depth = queue.popleft()
                if depth > MAX_CASCADE:
                    world.say("notify", Code.of("notice.cascade", rounds=MAX_CASCADE))
                    break
                self._spend()
                self._run(current)
                if world.crossings:
                    queue.extend(
                        (crossing, depth + 1)
                        for crossing in world.crossings
                        if crossing.kind in self.by_event
                    )
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
        world = self.world
        matches = TextMatches(event.text)
        for rule in self.by_event.get(event.kind, ()):
            if rule.once and self.fire_counts[rule.id]:
                continue
            if rule.threshold is not None:
                assert event.old_score is not None and event.new_score is not None
                if not crossed(rule, event.old_score, event.new_score):
                    continue
            targets = world.friend_ids() if rule.for_each_friend else (event.friend,)
            for friend in targets:
                self._check()
                scope = RuleScope(world, event, friend, matches)
                if rule.condition is not None and not self._holds(rule, scope):
                    continue
                self.fire_counts[rule.id] += 1
                reason = self.reasons[rule.id]
                for effect in rule.effects:
                    self._spend()
                    effect.apply(world, scope, Cause(rule.id, rule.path, effect.line, reason))
                if rule.once:
                    break

    def _holds(self, rule: Rule, scope: RuleScope) -> bool:
        """The rule's condition; false (reported once per rule) when its expression fails."""
        assert rule.condition is not None
        try:
            return rule.condition.holds(scope)
        except ExprError as err:
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
