"""Score changes as a game's day recap and an app's activity feed: one row per cause and day
(repeats grouped: "−8 × 3"), biggest first, an icon for what kind of thing moved the score, and
a headline whose last number is the score the bar shows.

Pure functions from the core's views to `Card`s; every number is the core's (a group's total is
the sum of its changes, a day's rows add up to the day's change).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core.codes import Code
from game.core.model import PLAIN_SCORE, Scenario, ScoreFormat
from game.core.views import ScoreChange
from game.ui import theme as th
from game.ui.cards import Badges, Card, Custom, Delta, Line
from game.ui.chart import Spark, paint_spark
from game.ui.present import count, tier_color
from game.ui.strings import Strings

KIND_ICONS: dict[str, str] = {
    "player_posts": "comment",
    "player_comments": "comment",
    "player_likes": "heart",
    "player_shares": "share",
    "player_reports_post": "flag",
    "player_reports_friend": "flag",
    "player_buys": "bag",
    "player_adds_friend": "people",
    "player_removes_friend": "people",
    "friend_posts": "people",
    "friend_unfriends": "people",
    "friend_score_crosses": "people",
    "day_starts": "sun",
    "day_ends": "moon",
}
"""The icon shown beside a change, by the kind of event that caused it (a dot otherwise)."""

SPARK_HEIGHT = 46
"""The sparkline's height in design pixels."""


@dataclass(frozen=True, slots=True)
class Group:
    """The changes of the player's score with one cause on one day."""

    day: int
    cause: Code
    rule_id: str
    path: str
    line: int
    deltas: tuple[int, ...]
    first: int
    """The sequence number of its first change (a stable key and the tie-break order)."""

    @property
    def total(self) -> int:
        """What the group added up to."""
        return sum(self.deltas)


def groups(changes: Sequence[ScoreChange]) -> list[Group]:
    """`changes` grouped by day, rule and cause, biggest total first (ties: first seen first);
    every change is in exactly one group."""
    found: dict[tuple[int, str, Code], list[ScoreChange]] = {}
    for change in changes:
        found.setdefault((change.day, change.rule_id, change.cause), []).append(change)
    out = [
        Group(
            day,
            cause,
            rule,
            items[0].path,
            items[0].line,
            tuple(c.delta for c in items),
            items[0].seq,
        )
        for (day, rule, cause), items in found.items()
    ]
    return sorted(out, key=lambda g: (-abs(g.total), g.first))


def kind_icon(rule_id: str, scenario: Scenario) -> str:
    """The icon for a change made by rule `rule_id` (by the event that fires the rule)."""
    rule = next((r for r in scenario.rules if r.id == rule_id), None)
    return KIND_ICONS.get(rule.when, "dot") if rule is not None else "dot"


def group_card(
    group: Group,
    s: Strings,
    scenario: Scenario,
    teacher: bool = False,
) -> Card:
    """One row of a recap: the kind icon, the group's total, its cause, and how it was made up
    when it happened more than once ("−8 × 3", or "4 times"); the rule only in the teacher
    view."""
    display = scenario.score_format
    parts: list = [
        Delta(
            group.total,
            s.say(group.cause),
            label=display.show_change(group.total),
            icon=kind_icon(group.rule_id, scenario),
        )
    ]
    detail = ""
    times = len(group.deltas)
    if times > 1 and len(set(group.deltas)) == 1:
        detail = s("recap.each", each=display.show_change(group.deltas[0]), n=times)
    elif times > 1:
        detail = count(s, "count.times", times)
    if teacher:
        rule = s("history.rule", rule=group.rule_id, file=_short(group.path), line=group.line)
        detail = "  \u00b7  ".join(x for x in (detail, rule) if x)
    if detail:
        parts.append(Line(detail, "small", th.MUTED))
    accent = th.GAIN if group.total >= 0 else th.LOSS
    return Card(("change", group.day, group.first), tuple(parts), accent=accent)


def spark(
    series: Sequence[tuple[int, int]], now: tuple[float, int] | None, scenario: Scenario, days: int
) -> Custom:
    """A small line of the score day by day (and `now`, the score today, when the day has not
    ended), in the tiers' colours over the week's length."""
    points = tuple(series) + ((now,) if now is not None and now[0] not in dict(series) else ())
    data = Spark.of(points, scenario, days)
    return Custom(data, SPARK_HEIGHT, lambda surf, rect, ctx: paint_spark(surf, rect, ctx, data))


def score_badge(
    score: int, scenario: Scenario, s: Strings, label: str = "recap.now"
) -> tuple[Line, Badges]:
    """The score in big numbers with its tier as a coloured, named badge, under `label` (a
    string key given the score's name)."""
    tier = scenario.tier_for(score)
    color = tier_color(tier, scenario)
    return (
        Line(s(label, name=scenario.score_name), "meta", th.MUTED),
        Badges(
            ((s("recap.tier", tier=tier.name), color),),
            lead=scenario.show_score(score),
            lead_style="big",
        ),
    )


def span(
    s: Strings,
    label: str,
    before: int,
    after: int,
    display: ScoreFormat = PLAIN_SCORE,
    style: str = "body",
) -> Delta:
    """A change from `before` to `after` under `label`: "▼ −29  Day 1: 650 → 621"."""
    text = s("recap.span", label=label, before=display.show(before), after=display.show(after))
    return Delta(after - before, text, style, display.show_change(after - before))


def _short(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
