"""Small charts as inline SVG text: no scripts, no external files, readable when printed.

Every function returns one ``<svg>`` element with ``class="chart"``, a ``data-chart`` name and an
``aria-label`` describing it; all text is escaped.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from html import escape

from game.core.classstats import Estimate

INK = "#1d2433"
MUTED = "#8a93a6"
TRUE = "#2f7d4f"
FALSE = "#b3402e"
BEFORE = "#9aa5bd"
AFTER = "#2d5fb8"
CHAR_WIDTH = 0.62
"""A generous average width of a sans-serif character, as a share of the font size."""
TIER_COLORS = ("#b3402e", "#d9822b", "#c9b23a", "#5b9a5f", "#2f7d4f", "#2d5fb8", "#6b4fa0")


def _svg(name: str, label: str, width: int, height: int, body: list[str]) -> str:
    return (
        f'<svg class="chart" data-chart="{escape(name)}" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">'
        + "".join(body)
        + "</svg>"
    )


def _text(
    x: float, y: float, text: str, anchor: str = "start", color: str = INK, extra: str = ""
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{color}" {extra}>'
        f"{escape(text)}</text>"
    )


def tier_bars(name: str, tiers: Sequence[tuple[str, int]], width: int = 640) -> str:
    """One horizontal bar split by final tier (lowest first), with a legend of counts."""
    total = sum(count for _t, count in tiers) or 1
    body: list[str] = []
    x = 0.0
    for i, (tier, count) in enumerate(tiers):
        w = (width - 2) * count / total
        color = TIER_COLORS[i % len(TIER_COLORS)]
        body.append(
            f'<rect x="{x + 1:.1f}" y="4" width="{w:.1f}" height="26" fill="{color}">'
            f"<title>{escape(tier)}: {count}</title></rect>"
        )
        x += w
    for i, (tier, count) in enumerate(tiers):
        color = TIER_COLORS[i % len(TIER_COLORS)]
        lx = 1 + (i % 3) * (width / 3)
        ly = 50 + (i // 3) * 18
        body.append(f'<rect x="{lx:.1f}" y="{ly - 10}" width="10" height="10" fill="{color}"/>')
        body.append(_text(lx + 14, ly, f"{tier}: {count}"))
    height = 50 + ((len(tiers) - 1) // 3) * 18 + 10
    label = f"final tiers in {name}: " + ", ".join(f"{t} {c}" for t, c in tiers)
    return _svg("tiers", label, width, height, body)


def score_paths(
    name: str,
    paths: Sequence[Sequence[int]],
    low: int,
    high: int,
    score_name: str = "Score",
    width: int = 640,
) -> str:
    """Every player's score from the start to the end of each day, one thin line each, with
    the score's name over its axis (and every value marked when the range is small)."""
    height, left, bottom, top = 236, 44, 24, 26
    days = max((len(p) for p in paths), default=2) - 1 or 1
    lo = min([low, *(min(p) for p in paths if p)])
    hi = max([high, *(max(p) for p in paths if p)])
    span = (hi - lo) or 1

    def xy(day: int, score: int) -> tuple[float, float]:
        x = left + (width - left - 28) * day / days
        y = top + (height - top - bottom) * (1 - (score - lo) / span)
        return x, y

    body = [
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="{MUTED}"/>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 8}" y2="{height - bottom}" '
        f'stroke="{MUTED}"/>',
        _text(4, 14, score_name, "start", INK, 'font-weight="bold"'),
    ]
    marks = range(lo, hi + 1) if hi - lo <= 10 else (lo, hi)
    for value in marks:
        body.append(_text(left - 4, xy(0, value)[1] + 4, str(value), "end", MUTED))
    for day in range(days + 1):
        x, _ = xy(day, lo)
        body.append(_text(x, height - 6, "start" if day == 0 else f"day {day}", "middle", MUTED))
    for path in paths:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(d, s) for d, s in enumerate(path)))
        body.append(
            f'<polyline class="path" points="{points}" fill="none" stroke="{AFTER}" '
            'stroke-opacity="0.45" stroke-width="1.5"/>'
        )
    label = f"score paths of {len(paths)} player(s) in {name}, from {lo} to {hi}"
    return _svg("paths", label, width, height, body)


def claim_shares(rows: Sequence[tuple[str, bool, float, float]], width: int = 640) -> str:
    """For each claim (text, true?, share before, share after): a dot before and an arrow to
    after, on a 0-100% scale, the claim's text above (wrapped to fit the width), coloured by
    whether it is true."""
    row_h, left, right, line_h = 40, 10, 84, 14
    fits = int((width - left) / (CHAR_WIDTH * 11))
    labels = [
        textwrap.wrap(f"{'TRUE' if true else 'FALSE'}: {text}", fits, max_lines=3)
        for text, true, _b, _a in rows
    ]
    height = 30 + sum(row_h + line_h * (len(lines) - 1) for lines in labels)
    scale = width - left - right

    def x(share: float) -> float:
        return left + scale * share

    body = [
        _text(x(0), 14, "0%", "start", MUTED),
        _text(x(0.5), 14, "50% believed", "middle", MUTED),
        _text(x(1), 14, "100%", "end", MUTED),
    ]
    y = 30
    for (_claim, true, before, after), lines in zip(rows, labels, strict=True):
        color = TRUE if true else FALSE
        for n, line in enumerate(lines):
            body.append(_text(left, y + 12 + n * line_h, line, color=color, extra='font-size="11"'))
        y += line_h * (len(lines) - 1)
        body.append(
            f'<line x1="{x(0):.1f}" y1="{y + 26}" x2="{x(1):.1f}" y2="{y + 26}" stroke="#e3e6ee"/>'
        )
        body.append(
            f'<line x1="{x(before):.1f}" y1="{y + 26}" x2="{x(after):.1f}" y2="{y + 26}" '
            f'stroke="{color}" stroke-width="3"/>'
        )
        body.append(f'<circle cx="{x(before):.1f}" cy="{y + 26}" r="5" fill="{BEFORE}"/>')
        body.append(f'<circle cx="{x(after):.1f}" cy="{y + 26}" r="6" fill="{color}"/>')
        body.append(
            _text(width - right + 10, y + 30, f"{before:.0%}→{after:.0%}", extra='font-size="11"')
        )
        y += row_h
    return _svg(
        "claims",
        f"share believing each of {len(rows)} claims, before and after",
        width,
        height,
        body,
    )


def intervals(
    name: str,
    rows: Sequence[tuple[str, Estimate, Estimate]],
    low: float,
    high: float,
    width: int = 640,
) -> str:
    """Per row (label, before, after): each mean as a dot with its 95% interval as a bar, on a
    scale from ``low`` to ``high`` with a line at 0."""
    row_h, left, right = 56, 150, 84
    height = 30 + row_h * len(rows)
    scale = width - left - right

    def x(value: float) -> float:
        return left + scale * (min(high, max(low, value)) - low) / (high - low)

    body = [
        f'<line x1="{x(0):.1f}" y1="20" x2="{x(0):.1f}" y2="{height}" stroke="{MUTED}" '
        'stroke-dasharray="3 3"/>',
        _text(x(low), 14, f"{low:+g}", "start", MUTED),
        _text(x(0), 14, "0", "middle", MUTED),
        _text(x(high), 14, f"{high:+g}", "end", MUTED),
    ]
    for i, (label, before, after) in enumerate(rows):
        y = 36 + row_h * i
        body.append(_text(left - 8, y + 14, label, "end"))
        for j, (est, color, word) in enumerate(
            ((before, BEFORE, "before"), (after, AFTER, "after"))
        ):
            yy = y + j * 20
            body.append(
                f'<line x1="{x(est.low):.1f}" y1="{yy + 6}" x2="{x(est.high):.1f}" y2="{yy + 6}" '
                f'stroke="{color}" stroke-width="3"/>'
            )
            body.append(f'<circle cx="{x(est.mean):.1f}" cy="{yy + 6}" r="5" fill="{color}"/>')
            body.append(
                _text(
                    x(est.high) + 6,
                    yy + 10,
                    f"{word} {est.mean:+.2f}",
                    color=color,
                    extra='font-size="11"',
                )
            )
    return _svg(name, f"{name}: means before and after with 95% intervals", width, height, body)
