"""Headless play with scripted players, to see how a scenario's rules treat different choices.

Every scripted day: one post, one reaction to today's feed (like, share, comment or report), maybe
one purchase, maybe one change of friends, then the day ends.
- ``conform`` posts whatever raises (or costs least of) the score, and reacts the same way.
- ``dissent`` posts whatever costs the most and never reports anyone, but otherwise looks after its
  score like a conformist: the difference between the two is what speaking out costs.
- ``random`` picks at random.
- ``farm`` repeats whatever pays best, as often as the limits allow (up to ``FARM_STEPS`` actions
  a day): if it beats ``conform`` by much, something pays twice for being repeated.
Conform and dissent buy, and add or drop friends, only when that raises the score. The same seed
gives the same report, byte for byte, on any platform.
"""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.core import commands as cmd
from game.core.game import Game
from game.core.model import Scenario
from game.core.printable import printable
from game.core.views import Notice

STRATEGIES = ("conform", "dissent", "random")
"""The scripted players who play like people (play time, a class's preview)."""
PROBES = ("farm",)
"""Scripted players who probe a scenario's balance rather than play it."""
ALL_STRATEGIES = STRATEGIES + PROBES
"""What ``simulate --strategy all`` runs."""
MAX_ACTIONS = 1000
# Up to these many options, a scripted move tries them all (the shipped scenarios stay under
# both); beyond, it tries half as many drawn at random (each try copies the game).
MAX_CANDIDATES = 200  # options for a post or a reaction
MAX_HELPFUL = 50  # purchases or friend changes
FARM_STEPS = 25
"""The most actions the farming player takes in one day."""


@dataclass(frozen=True)
class StrategyReport:
    """What one strategy's runs came to."""

    name: str
    finals: tuple[int, ...]
    tiers: tuple[tuple[str, int], ...]
    never_fired: tuple[str, ...]
    log: tuple[str, ...] = ()


def _bounded(
    game: Game, options: Sequence[cmd.Command], limit: int = MAX_CANDIDATES
) -> Sequence[cmd.Command]:
    """``options`` when there are at most ``limit``, else half that many drawn at random (in
    their order), from a generator seeded by the game's seed and move number."""
    if len(options) <= limit:
        return options
    rng = random.Random(f"{game.seed}:{len(game.actions)}")
    return [options[i] for i in sorted(rng.sample(range(len(options)), limit // 2))]


def _pick(game: Game, options: Sequence[cmd.Command], sign: int) -> tuple[cmd.Command, int] | None:
    """The allowed option with the best (sign 1) or worst (sign -1) score, and that score; the
    first on ties. Beyond MAX_CANDIDATES options, a sample of them is tried (each try may copy
    the game)."""
    scored = [
        (option, score)
        for option in _bounded(game, options)
        if (score := game.score_after(option)) is not None
    ]
    if not scored:
        return None
    return max(scored, key=lambda pair: sign * pair[1])


def _first(picked: tuple[cmd.Command, int] | None) -> cmd.Command | None:
    """The option of what ``_pick`` picked, if it picked one."""
    return None if picked is None else picked[0]


def _posts(game: Game) -> list[cmd.Command]:
    return [cmd.Post(choice=c.id) for c in game.choices]


class _Reactions(Sequence[cmd.Command]):
    """Every reaction to today's posts, in order (like, share, a comment per choice, maybe a
    report, post by post), each made only when asked for: a day may have thousands of posts."""

    def __init__(self, game: Game, reporting: bool) -> None:
        self.posts = [p.uid for p in game.feed if p.day == game.day and not p.by_player]
        self.texts = [choice.text for choice in game.choices]
        self.size = 2 + len(self.texts) + reporting

    def __len__(self) -> int:
        return len(self.posts) * self.size

    def __getitem__(self, index: int) -> cmd.Command:  # type: ignore[override]
        if not 0 <= index < len(self):
            raise IndexError(index)
        uid, kind = self.posts[index // self.size], index % self.size
        if kind == 0:
            return cmd.Like(uid)
        if kind == 1:
            return cmd.Share(uid)
        if kind - 2 < len(self.texts):
            return cmd.Comment(uid, self.texts[kind - 2])
        return cmd.ReportPost(uid)


def _social(game: Game, reporting: bool) -> list[cmd.Command]:
    out: list[cmd.Command] = []
    for friend_id, is_friend in game.world.is_friend.items():  # file order, without views
        if is_friend:
            out.append(cmd.RemoveFriend(friend_id))
            if reporting:
                out.append(cmd.ReportFriend(friend_id))
        else:
            out.append(cmd.AddFriend(friend_id))
    return out


def _at_top(game: Game) -> bool:
    """True when the score is at the scale's top: then no move can raise it."""
    return game.score >= game.scenario.score_max


def _helpful(game: Game, options: Sequence[cmd.Command]) -> cmd.Command | None:
    """The option that raises the score most, if any raises it at all (of at most
    MAX_HELPFUL options: buying and changing friends are side moves)."""
    if _at_top(game):
        return None
    best = _pick(game, _bounded(game, options, MAX_HELPFUL), 1)
    return best[0] if best is not None and best[1] > game.score else None


def _farm_day(game: Game) -> None:
    """Take the best-paying action again and again, while one pays and the day allows."""
    for _ in range(FARM_STEPS):
        if game.over or _at_top(game):
            break
        moves = [*_posts(game), *[cmd.Buy(i.id) for i in game.shop], *_social(game, True)]
        options = [*moves, *_bounded(game, _Reactions(game, True))]
        best = _pick(game, _bounded(game, options), 1)
        if best is None or best[1] <= game.score:
            break
        game.apply(best[0])


def _play_day(game: Game, strategy: str, rng: random.Random) -> None:
    plan: list[Callable[[], cmd.Command | None]]
    if strategy == "farm":
        plan = []
        _farm_day(game)
    elif strategy == "random":

        def anything(options: Sequence[cmd.Command], p: float = 1.0) -> cmd.Command | None:
            allowed = [o for o in _bounded(game, options) if game.can(o) is None]
            return rng.choice(allowed) if allowed and rng.random() < p else None

        plan = [
            lambda: anything(_posts(game)),
            lambda: anything(_Reactions(game, True)),
            lambda: anything([cmd.Buy(i.id) for i in game.shop], 0.5),
            lambda: anything(_social(game, True), 0.3),
        ]
    else:
        conform = strategy == "conform"
        plan = [
            lambda: _first(_pick(game, _posts(game), 1 if conform else -1)),
            lambda: _first(_pick(game, _Reactions(game, conform), 1)),
            lambda: _helpful(game, [cmd.Buy(i.id) for i in game.shop]),
            lambda: _helpful(game, _social(game, conform)),
        ]
    for step in plan:
        if game.over:
            return
        command = step()
        if command is not None and game.can(command) is None:
            game.apply(command)
    if not game.over:
        game.apply(cmd.EndDay())


def play(scenario: Scenario, strategy: str, seed: int) -> Game:
    """One scripted game from start to end."""
    game = Game(scenario, seed)
    rng = random.Random(seed + 1)
    while not game.over and len(game.actions) < MAX_ACTIONS:
        _play_day(game, strategy, rng)
    return game


@dataclass(frozen=True)
class RunOutcome:
    """What one scripted game came to: the final score and tier, the rules that fired, and
    (when asked for) its rule log."""

    final: int
    tier: str
    fired: frozenset[str]
    log: tuple[str, ...] = ()


def play_run(scenario: Scenario, strategy: str, seed: int, with_log: bool) -> RunOutcome:
    """One scripted game (``play``), summed up."""
    game = play(scenario, strategy, seed)
    fired = frozenset(rule for rule, count in game.rule_fire_counts.items() if count)
    log = tuple(_log_line(n) for n in game.log if n.kind not in ("day", "post")) if with_log else ()
    return RunOutcome(game.player.score, game.player.tier.id, fired, log)


Task = tuple[str, int]
"""One scripted game to play: the strategy, and the run's number."""
RunMap = Callable[[Callable[[Task], RunOutcome], Sequence[Task]], list[RunOutcome]]
"""How the games are played: ``fn`` of each task, in order (``in_turn``; the command line
shares them among processes with ``game.workers.fork_map``)."""


def in_turn(fn: Callable[[Task], RunOutcome], tasks: Sequence[Task]) -> list[RunOutcome]:
    """``fn`` of each task, one after the other, in this process."""
    return [fn(task) for task in tasks]


def simulate(
    scenario: Scenario,
    strategies: Sequence[str],
    runs: int,
    seed: int,
    with_log: bool = False,
    map_runs: RunMap = in_turn,
) -> list[StrategyReport]:
    """Play ``runs`` games per strategy; run ``i`` uses game seed ``seed * 10007 + i``.
    ``map_runs`` plays them; the report is the same whoever does, as long as it returns each
    task's outcome in order."""
    tasks = [(name, run) for name in strategies for run in range(runs)]

    def one(task: Task) -> RunOutcome:
        name, run = task
        return play_run(scenario, name, seed * 10007 + run, with_log and run == 0)

    outcomes = dict(zip(tasks, map_runs(one, tasks), strict=True))
    order = [t.id for t in scenario.tiers]
    reports = []
    for name in strategies:
        played = [outcomes[(name, run)] for run in range(runs)]
        tiers = Counter(o.tier for o in played)
        fired = frozenset().union(*(o.fired for o in played))
        reports.append(
            StrategyReport(
                name,
                tuple(o.final for o in played),
                tuple((t, tiers[t]) for t in order if tiers[t]),
                tuple(r.id for r in scenario.rules if r.id not in fired),
                played[0].log if played else (),
            )
        )
    return reports


def _log_line(notice: Notice) -> str:
    """One line of the rule log: the day, what happened and, for rules, where they are written."""
    if notice.kind == "score":
        line = (
            f"day {notice.day}: {notice.who} {notice.delta:+d} ({notice.delta:+d}: {notice.said})"
        )
    else:
        line = f"day {notice.day}: {notice.kind}: {notice.said}"
    if notice.rule_id is not None:
        line += f" [{notice.rule_id} at {notice.path}:{notice.line}]"
    return line


def _median(values: Sequence[int]) -> str:
    m = statistics.median(values)
    return str(int(m)) if float(m).is_integer() else f"{m:.1f}"


def format_text(scenario: Scenario, reports: Sequence[StrategyReport], runs: int, seed: int) -> str:
    """The report as a table for a terminal."""
    lines = [
        f"{scenario.title} ({scenario.path}): {runs} run(s) per strategy, seed {seed}",
        f"{'strategy':<10} {'min':>6} {'median':>7} {'max':>6}  final tiers",
    ]
    for r in reports:
        tiers = ", ".join(f"{t} x{n}" for t, n in r.tiers)
        lines.append(
            f"{r.name:<10} {min(r.finals):>6} {_median(r.finals):>7} {max(r.finals):>6}  {tiers}"
        )
    for r in reports:
        lines.append(f"never fired ({r.name}): {', '.join(r.never_fired) or 'none'}")
    all_never = sorted(set.intersection(*(set(r.never_fired) for r in reports)))
    lines.append(f"never fired in any run: {', '.join(all_never) or 'none'}")
    for r in reports:
        if r.log:
            lines.append(f"rule log, first {r.name} run:")
            lines += [f"  {entry}" for entry in r.log]
    return "\n".join(printable(line) for line in lines)


def format_json(scenario: Scenario, reports: Sequence[StrategyReport], runs: int, seed: int) -> str:
    """The report as JSON."""
    data = {
        "scenario": scenario.path,
        "title": scenario.title,
        "runs": runs,
        "seed": seed,
        "strategies": {
            r.name: {
                "final": {
                    "min": min(r.finals),
                    "median": statistics.median(r.finals),
                    "max": max(r.finals),
                },
                "tiers": dict(r.tiers),
                "never_fired": list(r.never_fired),
                **({"log": list(r.log)} if r.log else {}),
            }
            for r in reports
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


FORMATTERS: dict[str, Callable[[Scenario, Sequence[StrategyReport], int, int], str]] = {
    "text": format_text,
    "json": format_json,
}
