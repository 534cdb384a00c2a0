"""The rules engine: runs the rules an event can fire, in file order, and the events they cause.

Rules are indexed by event, so an event costs only the rules written for it. Events caused by
rules (a score crossing a threshold, a friend leaving) are queued and run after the current one;
chains are cut at ``MAX_CASCADE`` rounds, so rules that trigger each other cannot hang.
"""

from __future__ import annotations

from collections import defaultdict, deque

from game.core.effects import Cause
from game.core.events import Event
from game.core.explain import cause_phrase
from game.core.model import Rule
from game.core.world import RuleScope, TextMatches, WorldState

MAX_CASCADE = 32


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
        self.reasons = {rule.id: cause_phrase(rule) for rule in world.scenario.rules}
        self.fire_counts: dict[str, int] = {rule.id: 0 for rule in world.scenario.rules}

    def fork(self, world: WorldState) -> Engine:
        """This engine's rules and counts, running against another world."""
        other = Engine.__new__(Engine)
        other.world = world
        other.by_event = self.by_event
        other.reasons = self.reasons
        other.fire_counts = dict(self.fire_counts)
        return other

    def fire(self, event: Event) -> None:
        """Run every rule for ``event``, then the events those rules caused, breadth first.

        A chain of events setting each other off stops at depth ``MAX_CASCADE``; many events
        caused at once (seventy friends leaving, say) all run.
        """
        queue = deque([(event, 0)])
        world = self.world
        while queue:
            current, depth = queue.popleft()
            if depth > MAX_CASCADE:
                world.say(
                    "notify",
                    f"Rules kept setting each other off; stopped after {MAX_CASCADE} rounds.",
                )
                break
            self._run(current)
            if world.crossings and self.by_event.get("score_crosses"):
                queue.extend((crossing, depth + 1) for crossing in world.crossings)
            world.crossings.clear()
            queue.extend(
                (Event("friend_unfriends", world.day, friend=friend), depth + 1)
                for friend in world.left
            )
            world.left.clear()
        world.crossings.clear()
        world.left.clear()

    def _run(self, event: Event) -> None:
        world = self.world
        matches = TextMatches(event.text)
        for rule in self.by_event.get(event.kind, ()):
            if rule.once and self.fire_counts[rule.id]:
                continue
            if event.kind == "score_crosses":
                assert event.old_score is not None and event.new_score is not None
                if not crossed(rule, event.old_score, event.new_score):
                    continue
            targets = world.friend_ids() if rule.for_each_friend else (event.friend,)
            for friend in targets:
                scope = RuleScope(world, event, friend, matches)
                if rule.condition is not None and not rule.condition.holds(scope):
                    continue
                self.fire_counts[rule.id] += 1
                reason = self.reasons[rule.id]
                for effect in rule.effects:
                    effect.apply(world, scope, Cause(rule.id, rule.path, effect.line, reason))
                if rule.once:
                    break
