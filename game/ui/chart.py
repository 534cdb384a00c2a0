"""The debrief's chart: the player's score day by day over the tier bands, drawn with pygame."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.core.model import PLAIN_SCORE, Scenario, ScoreFormat, Tier
from game.ui import theme as th
from game.ui.widgets import UIContext, draw_icon


@dataclass(frozen=True, slots=True)
class ChartData:
    """Everything the chart shows; hashable so a painted chart can be cached."""

    series: tuple[tuple[int, int], ...]
    tiers: tuple[Tier, ...]
    low: int
    high: int
    days: int
    x_label: str
    y_label: str
    display: ScoreFormat = PLAIN_SCORE
    colors: tuple[th.Color, ...] = ()
    """The colour of each of ``tiers``, as the top bar paints it (its place among all the
    scenario's tiers, not among the ones shown); empty when ``tiers`` are all of them."""


def chart_data(
    series: tuple[tuple[int, int], ...], scenario: Scenario, days: int, x_label: str, y_label: str
) -> ChartData:
    """The chart of ``series`` over the tiers it reached (from the lowest tier the score touched
    to the highest, not the scenario's whole range), with scores as the scenario shows them."""
    first, last = touched(scenario, [score for _, score in series])
    tiers = scenario.tiers[first : last + 1]
    low = max(scenario.score_min, tiers[0].low)
    high = min(scenario.score_max, tiers[-1].high)
    colors = tuple(th.tier_color_of(scenario.tiers, i) for i in range(first, last + 1))
    return ChartData(
        series, tiers, low, high, days, x_label, y_label, scenario.score_format, colors
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
    """Draw axes with ticks and labels, tier bands labelled in a column right of the plot (so
    the score line never runs over a label), and the score line with its points."""
    t = ctx.theme
    lh = ctx.text.line_height("small")
    show = data.display.show
    tick_w = max(ctx.text.width(show(data.high), "small"), ctx.text.width(show(data.low), "small"))
    names = tier_labels(data.tiers, ctx, rect.width // 3, show)
    label_w = max((ctx.text.width(n, "small") for n in names), default=0) + t.px(28)
    plot = pygame.Rect(
        rect.x + tick_w + t.px(14) + lh,
        rect.y + t.px(6),
        rect.width - tick_w - t.px(24) - lh - label_w,
        rect.height - lh * 2 - t.px(16),
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

    # tier bands in the tiers' colours; each labelled (name and range, not colour alone) in the
    # column to the right of the plot, with a bar in the band's colour
    tier_colors = data.colors or tuple(
        th.tier_color_of(data.tiers, i) for i in range(len(data.tiers))
    )
    for index, tier in enumerate(data.tiers):
        top, bottom = ypos(tier.high + 0.5), ypos(tier.low - 0.5)
        band = pygame.Rect(plot.x, top, plot.width, max(1, bottom - top))
        color = tier_colors[index]
        pygame.draw.rect(surface, th.lerp_color(th.BG, color, 0.45), band)
        pygame.draw.line(surface, th.BORDER, band.topleft, band.topright)
        img = ctx.text.render(names[index], "small", th.TEXT)
        if band.height >= img.get_height():
            x = plot.right + t.px(14)
            pygame.draw.rect(surface, color, (x, band.y + t.px(1), t.px(4), band.height - t.px(2)))
            surface.blit(img, (x + t.px(8), band.centery - img.get_height() // 2))
    # y axis and ticks
    pygame.draw.line(surface, th.TEXT, plot.bottomleft, plot.topleft, max(1, t.px(2)))
    step = nice_step(data.high - data.low)
    value = (data.low // step + 1) * step if data.low % step else data.low
    while value <= data.high:
        y = ypos(value)
        pygame.draw.line(surface, th.TEXT, (plot.x - t.px(5), y), (plot.x, y), max(1, t.px(2)))
        img = ctx.text.render(show(value), "small", th.MUTED)
        surface.blit(img, (plot.x - t.px(8) - img.get_width(), y - img.get_height() // 2))
        value += step
    # x axis and ticks
    pygame.draw.line(surface, th.TEXT, plot.bottomleft, plot.bottomright, max(1, t.px(2)))
    # x axis at the bottom of the plot (below the lowest score)
    day_step = max(1, nice_step(last_day, 10)) if last_day > 12 else 1
    for day in range(0, last_day + 1, day_step):
        x = xpos(day)
        pygame.draw.line(
            surface, th.TEXT, (x, plot.bottom), (x, plot.bottom + t.px(5)), max(1, t.px(2))
        )
        img = ctx.text.render(str(day), "small", th.MUTED)
        surface.blit(img, (x - img.get_width() // 2, plot.bottom + t.px(6)))
    # axis titles
    x_title = ctx.text.render(data.x_label, "small", th.TEXT)
    surface.blit(x_title, (plot.centerx - x_title.get_width() // 2, plot.bottom + t.px(8) + lh))
    y_title = pygame.transform.rotate(ctx.text.render(data.y_label, "small", th.TEXT), 90)
    surface.blit(y_title, (rect.x, plot.centery - y_title.get_height() // 2))
    _line(surface, ctx, data.series, xpos, ypos)


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
    """Faint tier bands, the score's line and a dot per point in its tier's colour; the last
    dot (now) larger, with a ring. The height stands for at least ``SPARK_MIN_SPAN`` points."""
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
        pygame.draw.rect(surface, th.lerp_color(th.CARD, color, 0.16), band)
    points = [(xpos(day), ypos(score)) for day, score in data.points]
    if len(points) > 1:
        pygame.draw.lines(surface, th.MUTED, False, points, max(2, t.px(2)))

    def color_of(score: int) -> th.Color:
        return next((c for low, high, c in data.bands if low <= score <= high), th.TEXT)

    for i, (point, (_, score)) in enumerate(zip(points, data.points, strict=True)):
        if i == len(points) - 1:
            pygame.draw.circle(surface, th.TEXT, point, r + t.px(3))
            pygame.draw.circle(surface, color_of(score), point, r + t.px(1))
        else:
            pygame.draw.circle(surface, color_of(score), point, r)
