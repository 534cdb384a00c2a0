"""``python -m game bench [--quick] [--json] [--only GROUP,...]``: speed figures beside their goals.

Speed is measured, never asserted: the exit code is 0 whether goals are met or not (2 for a usage
error). Every figure is a median of repeated runs, because the machine is noisy.

Output: a table (figure, value, unit, goal, met?) followed by notes saying how each figure was
measured; or, with ``--json``, one JSON object whose keys are exactly the issue's keys, flat and
dotted (``"frame_ms.p99"``, ``"day_step_ms.friends_1000_rules_200"``, ...), each mapping to::

    {"value": number or null, "unit": "ms" | "s" | "%" | "/s" | "x" | "bytes",
     "goal": "<= 4" or null, "met": true | false | null,
     "note": "how it was measured, or why value is null"}

``value`` is null only with a ``note`` giving the reason (skipped by ``--quick`` or ``--only``,
an optional tool missing, a step that failed). ``met`` is null when there is no goal or no value.

``--large`` adds the figures of ``game.bench.large`` (``large.*_ms``, goal 10 s each): large
but legal inputs that once stalled the tools.

``--quick`` is for CI, to check that the benchmark works: one or two repetitions, fewer frames, and
no 10,000-friend scenarios, three idle seconds, no browser. ``--only`` measures some groups: idle,
frame, day_step, check, cold_start, hot_reload, condition, loader, apk, simulate, browser.

Modules: ``scenarios`` (generated scenarios as YAML text), ``core`` (engine, checker, loader,
conditions, simulate), ``ui`` (frames, cold start, F5, web archive), ``window`` (the idle game in
a real window under Xvfb), ``browser`` (the core in Chromium under Pyodide), ``figures`` (timing,
table, JSON). The game is driven through its loop's driver hook; the game has no bench switch.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

from game.bench.figures import KEYS, Figure, missing, table, to_json

GROUPS = (
    "idle",
    "frame",
    "day_step",
    "check",
    "cold_start",
    "hot_reload",
    "condition",
    "loader",
    "apk",
    "simulate",
    "browser",
)
_UNITS = {"apk_bytes": "bytes", "condition_eval_ratio_vs_rule_engine": "x"}
_UNITS.update(loader_ratio_vs_safe_load="x", idle_cpu_pct="%", idle_flips_per_s="/s")
_UNITS["simulate_s"] = "s"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m game bench",
        description="Measure speed and scale, and print each figure beside its goal.",
    )
    parser.add_argument("--quick", action="store_true", help="a short run (CI: does it work?)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--large",
        action="store_true",
        help="also time the large legal inputs of issue 9 (game.bench.large; about a minute)",
    )
    parser.add_argument(
        "--only",
        metavar="GROUP,...",
        help="measure only these groups: " + ", ".join(GROUPS),
    )
    return parser


def _group(key: str) -> str:
    for group in GROUPS:
        if key.startswith(group):
            return group
    raise ValueError(key)


def measure(quick: bool, groups: Sequence[str] = GROUPS) -> list[Figure]:
    """Measure the figures of ``groups`` (the others are null); returns them in ``KEYS`` order."""
    from game.bench import browser, core, ui, window

    found: dict[str, Figure] = {}
    data: list[bytes] = []

    def one_mib() -> bytes:
        if not data:
            data.append(core.one_mib_file())
        return data[0]

    steps: list[tuple[str, Callable[[], Figure | list[Figure]]]] = [
        ("condition", lambda: core.conditions(quick)),
        ("check", lambda: core.check(one_mib(), quick)),
        ("loader", lambda: core.loader(one_mib(), quick)),
        ("day_step", lambda: core.day_steps(quick)),
        ("frame", lambda: ui.frames(quick)),
        ("hot_reload", lambda: ui.hot_reload(quick)),
        ("cold_start", lambda: ui.cold_start(quick)),
        ("apk", lambda: ui.apk(quick)),
        ("idle", lambda: window.idle(quick)),
        ("simulate", lambda: core.simulate_wall(quick)),
        ("browser", lambda: browser.browser_core(quick)),
    ]
    for group, run in steps:
        if group not in groups:
            continue
        started = time.perf_counter()
        print(f"bench: measuring {group} ...", file=sys.stderr, flush=True)
        try:
            result = run()
        except Exception as err:  # a figure that breaks must not hide the others
            reason = f"failed: {type(err).__name__}: {err}"
            result = [missing(k, _UNITS.get(k, "ms"), reason) for k in KEYS if _group(k) == group]
        for fig in result if isinstance(result, list) else [result]:
            found[fig.key] = fig
        took = time.perf_counter() - started
        print(f"bench: {group} took {took:.1f} s", file=sys.stderr, flush=True)
    return [
        found.get(key) or missing(key, _UNITS.get(key, "ms"), "not measured (--only)")
        for key in KEYS
    ]


def main(argv: list[str]) -> int:
    """Run the benchmark with ``argv`` (the arguments after ``bench``); returns the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2)
        return exit_.code if isinstance(exit_.code, int) else 2
    groups: Sequence[str] = GROUPS
    if args.only:
        groups = [g.strip() for g in args.only.split(",") if g.strip()]
        unknown = [g for g in groups if g not in GROUPS]
        if unknown:
            print(
                f"python -m game bench: error: unknown group {unknown[0]!r} "
                f"(groups: {', '.join(GROUPS)})",
                file=sys.stderr,
            )
            return 2
    started = time.perf_counter()
    figures = measure(args.quick, groups)
    if args.large:
        from game.bench import large

        figures += large.figures(args.quick)
    print(to_json(figures) if args.json else table(figures))
    print(f"bench: done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
