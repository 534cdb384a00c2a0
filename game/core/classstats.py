"""A class's results in numbers: tiers, causes, belief in each claim, discernment and bias.

Pure and deterministic. Means come with a 95% confidence interval from Student's t
distribution (the class is a small sample of the students who could play).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from game.core.quiz import Claim, believed, outcome
from game.core.results import Results

_Z = 1.959963984540054


@dataclass(frozen=True, slots=True)
class Estimate:
    """A mean with its 95% confidence interval (``low == high == mean`` for one value)."""

    mean: float
    low: float
    high: float
    n: int


@dataclass(frozen=True, slots=True)
class ClaimShare:
    """For one claim: how many players believed it (rated it 4 or more) before and after."""

    claim: Claim
    before: float
    after: float
    n: int


def t_critical(df: int) -> float:
    """The two-sided 95% critical value of Student's t with ``df`` degrees of freedom
    (exact for 1 to 3, a Cornish-Fisher expansion beyond, within 0.001 of the table)."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    if df == 1:
        return 12.706204736
    if df == 2:
        return 4.302652730
    if df == 3:
        return 3.182446305
    z = _Z
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def estimate(values: Sequence[float]) -> Estimate | None:
    """The mean of ``values`` with its 95% confidence interval; None for no values."""
    if not values:
        return None
    mean = statistics.fmean(values)
    if len(values) == 1:
        return Estimate(mean, mean, mean, 1)
    half = t_critical(len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
    return Estimate(mean, mean - half, mean + half, len(values))


@dataclass(frozen=True, slots=True)
class QuizSummary:
    """The class's judgement before and after: discernment, bias and their changes."""

    discernment_before: Estimate
    discernment_after: Estimate
    discernment_change: Estimate
    bias_before: Estimate
    bias_after: Estimate
    bias_change: Estimate
    verdicts: tuple[tuple[str, int], ...]


def quiz_summary(players: Sequence[Results]) -> QuizSummary | None:
    """The class's quiz in numbers, one quiz per student (:func:`one_quiz_each`) from those who
    answered both rounds (None if none)."""
    outcomes = [outcome(r.claims, r.before, r.after) for r in one_quiz_each(players)]
    if not outcomes:
        return None

    def est(values: list[float]) -> Estimate:
        result = estimate(values)
        assert result is not None
        return result

    verdicts = Counter(o.verdict() for o in outcomes)
    return QuizSummary(
        est([o.before.discernment for o in outcomes]),
        est([o.after.discernment for o in outcomes]),
        est([o.discernment_change for o in outcomes]),
        est([o.before.bias for o in outcomes]),
        est([o.after.bias for o in outcomes]),
        est([o.bias_change for o in outcomes]),
        tuple(sorted(verdicts.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def claim_shares(players: Sequence[Results]) -> list[ClaimShare]:
    """For every claim anyone rated, the share believing it before and after, in the order
    the claims were first met, one quiz per student (players with another claim set count for
    their own claims)."""
    order: dict[tuple[str, str], Claim] = {}
    counts: dict[tuple[str, str], list[int]] = {}
    for r in one_quiz_each(players):
        for claim in r.claims:
            key = (claim.id, claim.text)
            order.setdefault(key, claim)
            entry = counts.setdefault(key, [0, 0, 0])
            entry[0] += believed(r.before[claim.id])
            entry[1] += believed(r.after[claim.id])
            entry[2] += 1
    return [
        ClaimShare(
            claim, counts[key][0] / counts[key][2], counts[key][1] / counts[key][2], counts[key][2]
        )
        for key, claim in order.items()
    ]


def tiers_by_scenario(players: Sequence[Results]) -> dict[str, list[tuple[str, int]]]:
    """Per scenario title: each final tier (lowest first) and how many players ended in it."""
    out: dict[str, dict[int, tuple[str, int]]] = {}
    for r in players:
        tiers = out.setdefault(r.scenario_title, {})
        name, count = tiers.get(r.tier_index, (r.tier_name, 0))
        tiers[r.tier_index] = (name, count + 1)
    return {title: [tiers[i] for i in sorted(tiers)] for title, tiers in out.items()}


def common_causes(players: Sequence[Results], limit: int = 8) -> list[tuple[str, str, int, int]]:
    """The causes most players met among their biggest changes, per scenario:
    (scenario title, text, players, total points)."""
    players_with: Counter[tuple[str, str]] = Counter()
    points: Counter[tuple[str, str]] = Counter()
    for r in players:
        for cause in r.causes:
            players_with[r.scenario_title, cause.text] += 1
            points[r.scenario_title, cause.text] += cause.total
    ranked = sorted(players_with, key=lambda key: (-players_with[key], -abs(points[key]), key))
    return [(*key, players_with[key], points[key]) for key in ranked[:limit]]


def student_key(results: Results) -> str | None:
    """Who played a game, for counting students: the nickname (or player name) without case
    or extra spaces; None when the game has no name (it then counts as a student of its own)."""
    name = " ".join(results.nickname.split()).casefold()
    return name or None


def count_students(players: Sequence[Results]) -> int:
    """How many students played: one per name, and one per game without a name."""
    named = {key for r in players if (key := student_key(r)) is not None}
    return len(named) + sum(student_key(r) is None for r in players)


def one_quiz_each(players: Sequence[Results]) -> list[Results]:
    """The games whose quiz counts: each named student's first game with a quiz answered both
    times (a student who played the quiz scenario twice counts once), and every unnamed one."""
    seen: set[str] = set()
    out = []
    for r in players:
        if not r.has_quiz:
            continue
        key = student_key(r)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(r)
    return out
