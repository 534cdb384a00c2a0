"""The debrief's chart: the player's score day by day over the tier bands, drawn with pygame."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.core.model import PLAIN_SCORE, Scenario, ScoreFormat, Tier
from game.ui import theme as th
from game.ui.widgets import UIContext, draw_icon

BAND_TINT = 0.12
"""How much of its tier's colour a chart band takes over the card (light: the line and the
labels stay the strongest things on it)."""


@dataclass(frozen=True, slots=True)
class ChartData:
    """Everything the chart shows; hashable so a painted chart can be cached."""

    series: tuple[tuple[int, int], ...]
    tiers: tuple[Tier, ...]
    low: int
    high: int
    days: int
    day_word: str
    """The word before each day's number under its point ("Day")."""
    start_word: str
    """The label under the first point, the week's start ("Start")."""
    display: ScoreFormat = PLAIN_SCORE
    colors: tuple[th.Color, ...] = ()
    """The colour of each of ``tiers``, as the top bar paints it (its place among all the
    scenario's tiers, not among the ones shown); empty when ``tiers`` are all of them."""


def chart_data(
    series: tuple[tuple[int, int], ...],
    scenario: Scenario,
    days: int,
    day_word: str,
    start_word: str,
) -> ChartData:
    """The chart of ``series`` over the tiers it reached (from the lowest tier the score touched
    to the highest, not the scenario's whole range), with scores as the scenario shows them."""
    first, last = touched(scenario, [score for _, score in series])
    tiers = scenario.tiers[first : last + 1]
    low = max(scenario.score_min, tiers[0].low)
    high = min(scenario.score_max, tiers[-1].high)
    colors = tuple(th.tier_color_of(scenario.tiers, i) for i in range(first, last + 1))
    return ChartData(
        series, tiers, low, high, days, day_word, start_word, scenario.score_format, colors
    )


def touched(scenario: Scenario, scores: Sequence[int]) -> tuple[int, int]:
    """The indexes of the lowest and the highest tier `scores` reach (the start score's tier
    when there are none)."""
    scores = list(scores) or [scenario.player_score]
    first = scenario.tiers.index(scenario.tier_for(min(scores)))
    return first, scenario.tiers.index(scenario.tier_for(max(scores)))


def nice_step(span: float, target: int = 5) -> int:
    """A round tick step (1, 2, 5 x 10^n) giving about `target` ticks over `span`."""
    raw = max(1.0, span / max(1, target))
    power = 10 ** int(len(str(int(raw))) - 1)
    for mult in (1, 2, 5, 10):
        if mult * power >= raw:
            return mult * power
    return 10 * power


def paint_chart(
    surface: pygame.Surface, rect: pygame.Rect, ctx: UIContext, data: ChartData
) -> None:
    """Draw the week as the app shows it: rounded tier bands lightly tinted in the tiers'
    colours, each labelled (name and range, not colour alone) beside a stripe in its full colour
    in a column right of the plot (so the score line never runs over a label), the score line in
    the text colour with an arrow at each point, the start and end scores written at the first
    and last points, and under each point its day ("Start", "Day 1"... or the numbers alone
    when those do not fit); no axes."""
    t = ctx.theme
    lh = ctx.text.line_height("small")
    show = data.display.show
    names = tier_labels(data.tiers, ctx, rect.width // 3, show)
    label_w = max((ctx.text.width(n, "small") for n in names), default=0) + t.px(28)
    plot = pygame.Rect(
        rect.x + t.px(14),
        rect.y + t.px(6),
        rect.width - t.px(24) - label_w,
        rect.height - lh - t.px(22),
    )
    if plot.width < 20 or plot.height < 20:
        return
    lo, hi = data.low - 0.5, data.high + 0.5  # each whole score owns a band one point high
    span = hi - lo
    last_day = max(1, data.days, max((d for d, _ in data.series), default=1))

    def ypos(score: float) -> int:
        return round(plot.bottom - (score - lo) * plot.height / span)

    def xpos(day: float) -> int:
        return round(plot.x + day * plot.width / last_day)

    tier_colors = data.colors or tuple(
        th.tier_color_of(data.tiers, i) for i in range(len(data.tiers))
    )
    radius = t.px(10)
    back = plot.inflate(2 * t.px(12), 2 * t.px(4))
    pygame.draw.rect(surface, th.lerp_color(th.BG, th.CARD, 0.5), back, border_radius=radius)
    for index, tier in enumerate(data.tiers):
        top, bottom = ypos(tier.high + 0.5), ypos(tier.low - 0.5)
        band = pygame.Rect(plot.x - t.px(12), top, plot.width + 2 * t.px(12), max(1, bottom - top))
        color = tier_colors[index]
        pygame.draw.rect(
            surface,
            th.lerp_color(th.CARD, color, BAND_TINT),
            band,
            border_top_left_radius=radius if index == len(data.tiers) - 1 else 0,
            border_top_right_radius=radius if index == len(data.tiers) - 1 else 0,
            border_bottom_left_radius=radius if index == 0 else 0,
            border_bottom_right_radius=radius if index == 0 else 0,
        )
        edge = max(1, t.px(2))
        pygame.draw.line(surface, color, (band.x + radius, top), (band.right - radius, top), edge)
        img = ctx.text.render(names[index], "small", th.TEXT)
        if band.height >= img.get_height():
            x = plot.right + t.px(14)
            pygame.draw.rect(
                surface, color, (x, band.y + t.px(1), t.px(6), band.height - t.px(2)), 0, t.px(3)
            )
            surface.blit(img, (x + t.px(10), band.centery - img.get_height() // 2))
    day_step = max(1, nice_step(last_day, 10)) if last_day > 12 else 1
    days = range(0, last_day + 1, day_step)
    words = [data.start_word] + [f"{data.day_word} {d}" for d in days[1:]]
    gap = plot.width / max(1, len(days) - 1) * day_step / max(1, day_step)
    if max(ctx.text.width(w, "small") for w in words) > gap - t.px(6):
        words = [str(d) for d in days]
    for day, word in zip(days, words, strict=True):
        img = ctx.text.render(word, "small", th.MUTED)
        x = min(max(xpos(day) - img.get_width() // 2, rect.x), plot.right - img.get_width())
        surface.blit(img, (x, plot.bottom + t.px(12)))
    _line(surface, ctx, data.series, xpos, ypos)
    _ends(surface, ctx, data, plot, xpos, ypos)


def _ends(surface: pygame.Surface, ctx: UIContext, data: ChartData, plot, xpos, ypos) -> None:
    """The first and last scores as small tags by their points, inside the plot and off the
    line: on the side the line leaves free (above a point the line goes down from or comes down
    to), else the other side, else beside the point (level, a little higher or lower)."""
    series = data.series
    if not series:
        return
    t = ctx.theme
    points = [(xpos(day), ypos(score)) for day, score in series]
    segments = list(itertools.pairwise(points))
    room = plot.inflate(2 * t.px(10), 2 * t.px(4))
    ends = [(0, 1, True), (len(series) - 1, len(series) - 2, False)] if len(series) > 1 else []
    for index, other, first in ends or [(0, 0, True)]:
        img = ctx.text.render(data.display.show(series[index][1]), "name", th.TEXT)
        w, h = img.get_width() + t.px(12), img.get_height() + t.px(2)
        x, y = points[index]
        left = x - t.px(4) if first else x - w + t.px(4)
        above = pygame.Rect(left, y - t.px(12) - h, w, h)
        below = pygame.Rect(left, y + t.px(12), w, h)
        beside = pygame.Rect(x + t.px(14) if first else x - t.px(14) - w, y - h // 2, w, h)
        sides = [above, below] if series[other][1] <= series[index][1] else [below, above]
        step = h // 2 + t.px(6)
        tries = (*sides, beside, beside.move(0, -step), beside.move(0, step))
        inside = [r for r in tries if room.contains(r)] or [beside.clamp(room)]
        tag = next((r for r in inside if not any(r.clipline(a, b) for a, b in segments)), inside[0])
        pygame.draw.rect(surface, th.BG, tag, border_radius=h // 2)
        surface.blit(img, img.get_rect(center=tag.center))


def tier_labels(
    tiers: Sequence[Tier], ctx: UIContext, width: int, show: Callable[[int], str] = str
) -> list[str]:
    """Each tier's label, "Name (low-high)" with scores as `show` writes them, shortened to fit
    `width` pixels."""
    return [ctx.text.fit(f"{t.name} ({show(t.low)}-{show(t.high)})", "small", width) for t in tiers]


def _line(
    surface: pygame.Surface, ctx: UIContext, series: Sequence[tuple[int, int]], xpos, ypos
) -> None:
    t = ctx.theme
    points = [(xpos(day), ypos(score)) for day, score in series]
    if len(points) > 1:
        pygame.draw.lines(surface, (0, 0, 0), False, points, t.px(6))
        pygame.draw.lines(surface, th.TEXT, False, points, t.px(3))
    for i, (point, (_, score)) in enumerate(zip(points, series, strict=True)):
        prev = series[i - 1][1] if i else score
        kind = "up" if score > prev else "down" if score < prev else "dot"
        color = th.GAIN if score > prev else th.LOSS if score < prev else th.TEXT
        pygame.draw.circle(surface, (0, 0, 0), point, t.px(9))
        draw_icon(surface, kind, point, t.px(12), color)


SPARK_MIN_SPAN = 40
"""The fewest score points a sparkline's height stands for (small moves stay small)."""


@dataclass(frozen=True, slots=True)
class Spark:
    """A sparkline: the score at each point, over the tiers it touched, across the week."""

    points: tuple[tuple[float, int], ...]
    """(day, score): day 0 is the start, day N the end of day N (a fraction: during a day)."""
    bands: tuple[tuple[int, int, th.Color], ...]
    """(low, high, colour) of each tier the line touches, lowest first."""
    days: int

    @classmethod
    def of(cls, points: tuple[tuple[float, int], ...], scenario: Scenario, days: int) -> Spark:
        """The sparkline of `points` in `scenario`'s tiers, over a week of `days`."""
        first, last = touched(scenario, [score for _, score in points])
        bands = tuple(
            (t.low, t.high, th.tier_color_of(scenario.tiers, i))
            for i, t in enumerate(scenario.tiers)
            if first <= i <= last
        )
        return cls(points, bands, max(1, days))


def paint_spark(surface: pygame.Surface, rect: pygame.Rect, ctx: UIContext, data: Spark) -> None:
    """Faint tier bands (each tier's edge in its colour), the score's line in the text colour
    and a dot per point in its tier's colour; the last dot (now) larger, with a ring. The height
    stands for at least ``SPARK_MIN_SPAN`` points."""
    if not data.points or rect.width < 20 or rect.height < 10:
        return
    t = ctx.theme
    r = max(2, t.px(4))
    plot = rect.inflate(-2 * r - t.px(4), -2 * r - t.px(2))
    scores = [score for _, score in data.points]
    middle = (min(scores) + max(scores)) / 2
    half = max((max(scores) - min(scores)) / 2, SPARK_MIN_SPAN / 2)
    lo, hi = middle - half, middle + half

    def ypos(score: float) -> int:
        return round(plot.bottom - (score - lo) * plot.height / (hi - lo))

    def xpos(day: float) -> int:
        return round(plot.x + day * plot.width / data.days)

    for low, high, color in data.bands:
        top, bottom = ypos(high + 0.5), ypos(low - 0.5)
        band = pygame.Rect(rect.x, top, rect.width, max(1, bottom - top)).clip(rect)
        pygame.draw.rect(surface, th.lerp_color(th.CARD, color, BAND_TINT / 2), band)
        if rect.top < top < rect.bottom:  # the tier's edge in its own colour, as on the chart
            pygame.draw.line(surface, color, (band.x, top), (band.right - 1, top), max(1, t.px(1)))
    points = [(xpos(day), ypos(score)) for day, score in data.points]
    if len(points) > 1:
        pygame.draw.lines(surface, th.TEXT, False, points, max(2, t.px(2)))

    def color_of(score: int) -> th.Color:
        return next((c for low, high, c in data.bands if low <= score <= high), th.TEXT)

    for i, (point, (_, score)) in enumerate(zip(points, data.points, strict=True)):
        if i == len(points) - 1:
            pygame.draw.circle(surface, th.TEXT, point, r + t.px(3))
            pygame.draw.circle(surface, color_of(score), point, r + t.px(1))
        else:
            pygame.draw.circle(surface, color_of(score), point, r)
