"""What a benchmark figure is, how it is timed, and how the table and the JSON are written."""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

FRIENDS = (10, 100, 1000, 10000)
RULES = (20, 200)
KEYS: tuple[str, ...] = (
    "idle_cpu_pct",
    "idle_flips_per_s",
    "frame_ms.p50",
    "frame_ms.p99",
    *(f"day_step_ms.friends_{f}_rules_{r}" for f in FRIENDS for r in RULES),
    "check_ms_1mib",
    "cold_start_ms",
    "hot_reload_ms",
    "condition_eval_ratio_vs_rule_engine",
    "loader_ratio_vs_safe_load",
    "apk_bytes",
    "simulate_s",
    "browser_core_ms",
)
"""Every figure, in the issue's order; the JSON has exactly these keys."""


@dataclass(frozen=True)
class Figure:
    """One measured figure: ``value`` None when it could not be measured (``note`` says why).

    ``goal`` is the goal as text ("<= 4"), None when the figure has none; ``met`` is None when
    there is no goal or no value. ``note`` says how it was measured (labels, sizes, repetitions).
    """

    key: str
    value: float | None
    unit: str
    goal: str | None = None
    met: bool | None = None
    note: str = ""


def with_bytecode(env: dict[str, str], pycache: str | None) -> dict[str, str]:
    """``env`` for a child Python that caches bytecode in the folder ``pycache`` (as an
    installed game has it, without writing into the source tree), or with None, caches none
    (the game's modules then compile at every start). Returns ``env``, changed."""
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def missing(key: str, unit: str, reason: str, goal: str | None = None) -> Figure:
    """A figure that was not measured, and why."""
    return Figure(key, None, unit, goal, None, reason)


def at_most(
    key: str, value: float | None, unit: str, bound: float, note: str = "", goal: str = ""
) -> Figure:
    """A figure whose goal is ``value <= bound`` (``goal``: how to write it, if not plainly)."""
    met = None if value is None else value <= bound
    return Figure(key, value, unit, goal or f"<= {_num(bound)}", met, note)


def at_least(key: str, value: float | None, unit: str, bound: float, note: str = "") -> Figure:
    """A figure whose goal is ``value >= bound``."""
    met = None if value is None else value >= bound
    return Figure(key, value, unit, f">= {_num(bound)}", met, note)


def timings(
    fn: Callable[[Any], object],
    reps: int,
    budget_s: float = math.inf,
    setup: Callable[[], Any] = lambda: None,
) -> list[float]:
    """Milliseconds of up to ``reps`` calls ``fn(setup())``, timing only ``fn``.

    Stops early once the timed calls took ``budget_s`` seconds in all, after at least three
    calls (or ``reps``, if fewer).
    """
    out: list[float] = []
    spent = 0.0
    for _ in range(reps):
        arg = setup()
        start = time.perf_counter()
        fn(arg)
        took = time.perf_counter() - start
        out.append(took * 1000.0)
        spent += took
        if spent > budget_s and len(out) >= min(3, reps):
            break
    return out


def median(values: Iterable[float]) -> float:
    """The median (the machine is noisy: never the mean)."""
    return statistics.median(list(values))


def percentile(values: Iterable[float], pct: float) -> float:
    """The ``pct`` percentile by linear interpolation between closest ranks."""
    data = sorted(values)
    if len(data) == 1:
        return data[0]
    rank = (len(data) - 1) * pct / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (rank - low)


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def show(value: float | None) -> str:
    """A value as the table prints it."""
    if value is None:
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if value else "0"


def table(figures: list[Figure]) -> str:
    """The figures as a text table (figure, value, unit, goal, met?) with notes underneath."""
    rows = [("figure", "value", "unit", "goal", "met?")]
    for fig in figures:
        met = "-" if fig.met is None else ("yes" if fig.met else "NO")
        rows.append((fig.key, show(fig.value), fig.unit, fig.goal or "-", met))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].rjust(widths[1])]
        cells += [row[i].ljust(widths[i]) for i in range(2, 5)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"- {fig.key}: {fig.note}" for fig in figures if fig.note]
    return "\n".join(lines + (["", "notes:", *notes] if notes else []))


def to_json(figures: list[Figure]) -> str:
    """The figures as JSON: flat dotted keys, each ``{value, unit, goal, met, note}``."""
    out = {
        fig.key: {
            "value": fig.value,
            "unit": fig.unit,
            "goal": fig.goal,
            "met": fig.met,
            "note": fig.note,
        }
        for fig in figures
    }
    return json.dumps(out, indent=2)
