"""Figures of the rules engine, the checker and the loader (no pygame here)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from game.bench.figures import (
    FRIENDS,
    RULES,
    Figure,
    at_least,
    at_most,
    median,
    missing,
    timings,
    with_bytecode,
)
from game.bench.scenarios import DAY_STEP_EVENTS, MAIN, Spec, generate, load, sized
from game.core.checker import check_text
from game.core.codes import Code, text
from game.core.commands import EndDay
from game.core.expr import parse_condition
from game.core.game import Game
from game.core.views import FeedPost, Notice, ScoreChange
from game.core.yamlsafe import HAS_LIBYAML, load_yaml
from game.workers import default_jobs

ONE_MIB = 1 << 20
WHY = Code.of("notice.budget")  # any code: the floor's records only need one
DAY_GOAL = (1000, 200, 2.0)  # friends, rules, ms
SCALING_SLACK = 2.0  # a row may cost this much more per friend x rule than the one before it


def day_steps(quick: bool) -> list[Figure]:
    """``day_step_ms.friends_F_rules_R``: ``Game.apply(EndDay())`` on generated scenarios.

    Each run forks one game at the end of day 1 and times its day 1 -> day 2 step: day 1's
    ``day_ends``, day 2's ``day_starts``, the feed, friend posts and their ``friend_posts`` rules.
    """
    figures: list[Figure] = []
    unit_costs: dict[tuple[int, int], float] = {}
    for friends in FRIENDS:
        for rules in RULES:
            key = f"day_step_ms.friends_{friends}_rules_{rules}"
            goal = "<= 2, ~F x rules" if (friends, rules) == DAY_GOAL[:2] else "~F x rules"
            if quick and friends > 1000:
                figures.append(missing(key, "ms", "skipped by --quick", goal))
                continue
            figures.append(_day_step(key, friends, rules, quick, goal, unit_costs))
    return figures


def _day_step(
    key: str,
    friends: int,
    rules: int,
    quick: bool,
    goal: str,
    unit_costs: dict[tuple[int, int], float],
) -> Figure:
    spec = Spec(friends, rules)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        result = load(generate(spec), Path(folder))
    if result.scenario is None:
        first = next(d for d in result.diagnostics if d.is_error)
        return missing(key, "ms", f"the generated scenario has errors: {first.format()}", goal)
    game = Game(result.scenario, seed=1)
    reps = 1 if quick else (5 if friends >= 10000 else 15)
    days: list[Game] = []

    def step(fork: Game) -> None:
        fork.apply(EndDay())
        days[:] = [fork]

    def fork() -> Game:
        trial = game.fork()
        trial.world.texts = {}  # a real day 2 brings texts nobody has matched yet
        return trial

    runs = timings(step, reps, budget_s=2.0, setup=fork)
    ms = median(runs)
    matching = sum(r.when in DAY_STEP_EVENTS for r in result.scenario.rules)
    day = days[-1]
    posted = sum(1 for p in day.feed if p.day == 2 and p.friend_id is not None)
    told = day.log[len(game.log) :]
    notices = len(told)
    unit_costs[(friends, rules)] = ms / (friends * matching)
    note = (
        f"median of {len(runs)}; {matching} of {rules} rules can fire in a day step; "
        f"{posted} friend posts and {notices} notices that day"
    )
    if (friends, rules) == DAY_GOAL[:2]:
        changes = len(day.history) - len(game.history)
        fills = sum(n.kind in ("notify", "message") for n in told)
        floor = records_floor(changes, notices, fills, posted)
        note += (
            f"; its records alone ({changes} score changes, {notices} notices, {fills} filled "
            f"texts, {posted} posts), built in a plain loop with no rules, take {floor:.2f} ms"
        )
    before = (friends // 10, rules) if friends > 10 else (friends, RULES[0])
    met: bool | None = None
    if before != (friends, rules) and before in unit_costs:
        growth = unit_costs[(friends, rules)] / unit_costs[before]
        met = growth <= SCALING_SLACK
        note += (
            f"; cost per friend x matching rule is {growth:.2f}x that of "
            f"friends_{before[0]}_rules_{before[1]}"
        )
    if (friends, rules) == DAY_GOAL[:2]:
        met = ms <= DAY_GOAL[2] and met is not False
    return Figure(key, ms, "ms", goal if met is not None else None, met, note)


def records_floor(changes: int, notices: int, fills: int, posts: int) -> float:
    """Milliseconds (median of 21) to build a day's records in a plain loop, without any rule:
    ``changes`` history entries, ``notices`` notices, ``fills`` texts filled with a friend's name
    and score, and ``posts`` feed posts, with the game's own record types. What a day step
    costs beyond this is the rules engine's."""
    names = [f"Friend {i}" for i in range(100)]

    def build(_: object) -> None:
        history, log, feed = [], [], []
        for i in range(changes):
            history.append(ScoreChange(i, 2, "player", 650, 649, "r2", MAIN, 9, WHY, f"f{i}"))
        for _ in range(notices):
            log.append(Notice("score", WHY, 2, "player", -1, None, "r2", MAIN, 9, None, None))
        for i in range(fills):
            text("".join((names[i % 100], " (", str(500 + i % 100), ") pulled your score.")))
        for i in range(posts):
            feed.append(FeedPost(i, 2, "friend", names[i % 100], "Text.", ("daily",), "f1", "p1"))

    return median(timings(build, 21))


def one_mib_file() -> bytes:
    """A valid generated scenario of just under 1 MiB, in one file."""
    return sized(ONE_MIB)


def check(data: bytes, quick: bool) -> Figure:
    """``check_ms_1mib``: ``check_text`` of a valid ~1 MiB scenario."""
    result = check_text(data, "bench-1mib.yaml")
    if not result.ok or result.diagnostics:
        first = result.diagnostics[0].format() if result.diagnostics else "?"
        return missing("check_ms_1mib", "ms", f"the generated file does not check clean: {first}")
    runs = timings(lambda _: check_text(data, "bench-1mib.yaml"), 1 if quick else 7)
    note = f"{len(data):,} bytes, one file; median of {len(runs)}"
    return at_most("check_ms_1mib", median(runs), "ms", 1000, note)


def loader(data: bytes, quick: bool) -> Figure:
    """``loader_ratio_vs_safe_load``: ``load_yaml`` / PyYAML's safe loading, same parser family."""
    if HAS_LIBYAML:
        family = "libyaml (C) for both: load_yaml vs PyYAML's CSafeLoader"

        def ours(_: object) -> object:
            return load_yaml(data, "bench.yaml")

        def plain(_: object) -> object:
            safe = yaml.CSafeLoader(data)  # what safe_load does, with the C parser
            try:
                return safe.get_single_data()
            finally:
                safe.dispose()
    else:
        family = "pure Python for both: load_yaml(use_libyaml=False) vs yaml.safe_load"

        def ours(_: object) -> object:
            return load_yaml(data, "bench.yaml", use_libyaml=False)

        def plain(_: object) -> object:
            return yaml.safe_load(data)

    ours_ms: list[float] = []
    plain_ms: list[float] = []
    for _ in range(1 if quick else 5):  # interleaved, so drift hits both alike
        ours_ms += timings(ours, 1)
        plain_ms += timings(plain, 1)
    ratio = median(ours_ms) / median(plain_ms)
    note = (
        f"{family}; {len(data):,} bytes; medians {median(ours_ms):.0f} ms vs "
        f"{median(plain_ms):.0f} ms of {len(ours_ms)} runs each"
    )
    return at_most("loader_ratio_vs_safe_load", ratio, "x", 1.5, note)


def conditions(quick: bool) -> Figure:
    """``condition_eval_ratio_vs_rule_engine``: conditions per second, ours / rule-engine's."""
    key = "condition_eval_ratio_vs_rule_engine"
    try:
        import rule_engine
    except ImportError:
        return missing(key, "x", "n/a: rule-engine is not installed (pip install '.[bench]')")
    sources, records = condition_set()
    names = set(records[0])
    types = {n: ("string" if isinstance(v, str) else "number") for n, v in records[0].items()}
    ours = [parse_condition(s, lambda n: types.get(n) if n in names else None) for s in sources]
    theirs = [rule_engine.Rule(s) for s in sources]

    def run_ours(_: object) -> int:
        held = 0
        for record in records:
            lookup = record.__getitem__
            for expr in ours:
                held += bool(expr.evaluate(lookup))
        return held

    def run_theirs(_: object) -> int:
        held = 0
        for record in records:
            for rule in theirs:
                held += rule.matches(record)
        return held

    if run_ours(None) != run_theirs(None):
        return missing(key, "x", "the two engines disagree on these conditions")
    reps = 2 if quick else 9
    ours_ms, theirs_ms = timings(run_ours, reps), timings(run_theirs, reps)
    evals = len(sources) * len(records)
    ours_rate, theirs_rate = evals / median(ours_ms) * 1000, evals / median(theirs_ms) * 1000
    note = (
        f"{len(sources)} conditions x {len(records)} records, parsed once; "
        f"{ours_rate:,.0f}/s (game.core.expr) vs {theirs_rate:,.0f}/s (rule_engine "
        f"{rule_engine.__version__}); medians of {reps}"
    )
    return at_least(key, ours_rate / theirs_rate, "x", 1.0, note)


def condition_set(count: int = 200, records: int = 50) -> tuple[list[str], list[dict[str, object]]]:
    """``count`` comparison conditions, valid in both languages, and the records they run on."""
    rng = random.Random(7)
    names = [f"v{i}" for i in range(20)]
    ops = ("<", "<=", ">", ">=", "==", "!=")
    moods = ("loyal", "anxious", "zealous", "indifferent")
    out = []
    for i in range(count):
        a, b = rng.sample(names, 2)
        op, n = ops[i % len(ops)], rng.randrange(100)
        out.append(
            (
                f"{a} {op} {n}",
                f"{a} {op} {b}",
                f"{a} + {b} {op} {n * 2}",
                f"{a} {op} {n} and {b} < {rng.randrange(100)}",
                f"not ({a} {op} {b}) or {a} * 2 > {n * 2}",
                f'mood == "{rng.choice(moods)}" and {a} >= {n}',
            )[i % 6]
        )
    data: list[dict[str, object]] = []
    for _ in range(records):
        record: dict[str, object] = {name: rng.randrange(100) for name in names}
        record["mood"] = rng.choice(moods)
        data.append(record)
    return out, data


SIMULATE_ARGS = ("simulate", "scenarios/viral-score.yaml", "--strategy", "all", "--runs", "20")


def simulate_wall(quick: bool) -> Figure:
    """``simulate_s``: wall time of ``python -m game simulate scenarios/viral-score.yaml
    --strategy all --runs 20`` in a new process (start-up, loading and checking included).

    Bytecode caches are warm (as after an install, which compiles them), kept in a temporary
    folder, as for ``cold_start_ms``. The runs are shared among one process per CPU; the note
    also gives the time in one process (``--jobs 1``) and without bytecode caches."""
    key = "simulate_s"
    root = Path(__file__).resolve().parents[2]

    def wall(env: dict[str, str], *extra: str) -> float | str:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "game", *SIMULATE_ARGS, *extra],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if proc.returncode != 0:
            return (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix="bench-pycache-") as pycache:
        warm = with_bytecode(dict(os.environ), pycache)
        wall(warm)  # compiles the bytecode caches once, as installing the game does
        runs: list[float] = []
        for _ in range(1 if quick else 5):
            took = wall(warm)
            if isinstance(took, str):
                return missing(key, "s", f"simulate failed: {took}", "<= 1")
            runs.append(took)
        alone = wall(warm, "--jobs", "1")
        uncached = wall(with_bytecode(dict(os.environ), None))
    if isinstance(alone, str) or isinstance(uncached, str):
        return missing(key, "s", f"simulate failed: {alone} {uncached}", "<= 1")
    note = (
        f"`python -m game {' '.join(SIMULATE_ARGS)}`, wall clock, median of {len(runs)}; "
        f"runs shared among {default_jobs()} process(es); "
        f"{alone:.2f} s in one process (`--jobs 1`); {uncached:.2f} s without bytecode caches"
    )
    return at_most(key, median(runs), "s", 1, note)
