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
from game.ui.avatars import Face
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

MOOD_STEPS: tuple[tuple[int, str], ...] = (
    (-40, "rough"),
    (-1, "knocks"),
    (0, "quiet"),
    (39, "good"),
)
"""A day's mood by its change: the first step whose bound the change is at or under ("great"
above the last)."""


@dataclass(frozen=True, slots=True)
class Story:
    """One day's story of the player's score: from after that day's morning (the week's start
    for day 1) to after the next morning, so that every change is in exactly one story (the
    next morning's changes are told with the evening that caused them, in the day's summary)."""

    day: int
    before: int
    changes: tuple[ScoreChange, ...]
    next_morning: frozenset[int]
    """The ``seq`` of the changes that happened the next morning."""

    @property
    def after(self) -> int:
        """The score at the story's end."""
        return self.before + sum(c.delta for c in self.changes)


def stories(
    changes: Sequence[ScoreChange], mornings: Sequence[tuple[int, int]], start: int
) -> list[Story]:
    """The player's `changes` as one story per day (oldest first), `mornings` as
    ``Game.mornings``: day 1 starts at `start` and holds its own morning; each later day's
    morning closes the day before. The stories add up: each starts where the last ended."""
    ends = dict(mornings)
    told: dict[int, list[ScoreChange]] = {}
    late: dict[int, set[int]] = {}
    for change in changes:
        day = change.day
        if day > 1 and change.seq <= ends.get(day, -1):
            day -= 1
            late.setdefault(day, set()).add(change.seq)
        told.setdefault(day, []).append(change)
    out, score = [], start
    for day in sorted(told):
        story = Story(day, score, tuple(told[day]), frozenset(late.get(day, ())))
        out.append(story)
        score = story.after
    return out


def morning_label(s: Strings, day: int, tomorrow: bool) -> str:
    """When a change told with day `day` happened: "Tomorrow morning (day 3)" in the day's
    summary (the bar then calls it "This morning"), "The next morning (day 3)" afterwards."""
    when = s("recap.next_morning") if tomorrow else s("recap.morning_after")
    return s("recap.morning_day", when=when, day=day + 1)


def mood(s: Strings, day: int, delta: int) -> str:
    """A day's headline in words: "Day 2: a rough day"."""
    word = next((name for bound, name in MOOD_STEPS if delta <= bound), "great")
    return s("recap.mood", day=day, mood=s(f"recap.mood.{word}"))


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
    friends: tuple[str, ...] = ()
    """The friends its changes came from (each once, first seen first)."""

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
            tuple(dict.fromkeys(c.friend for c in items if c.friend is not None)),
        )
        for (day, rule, cause), items in found.items()
    ]
    return sorted(out, key=lambda g: (-abs(g.total), g.first))


def kind_icon(rule_id: str, scenario: Scenario) -> str:
    """The icon for a change made by rule `rule_id` (by the event that fires the rule)."""
    rule = next((r for r in scenario.rules if r.id == rule_id), None)
    return KIND_ICONS.get(rule.when, "dot") if rule is not None else "dot"


def faces(ids: Sequence[str], scenario: Scenario) -> tuple[Face, ...]:
    """The avatars of the people `ids` names (an id the scenario does not know is skipped)."""
    people = {p.id: p for p in scenario.friends}
    return tuple(Face(i, people[i].name, image=people[i].image) for i in ids if i in people)


def group_card(
    group: Group,
    s: Strings,
    scenario: Scenario,
    teacher: bool = False,
    morning: str = "",
) -> Card:
    """One moment of a recap, as a notification: the avatars of the friends it came from (their
    names before its cause) or else the kind icon in a bubble, its cause, the group's total as a
    coloured chip, and under it `morning` (when it came the next morning: "Tomorrow morning
    (day 2)") and how it was made up when it happened more than once ("−8 × 3", or "4
    times"); the rule only in the teacher view."""
    display = scenario.score_format
    people = faces(group.friends, scenario)
    said = s.say(group.cause)
    if people:
        names = ", ".join(p.name for p in people[:2])
        more = len(people) - 2
        if more > 0:
            names = s("recap.names_more", names=names, n=more)
        said = s("recap.who", names=names, text=said)
    parts: list = [
        Delta(
            group.total,
            said,
            label=display.show_change(group.total),
            icon=kind_icon(group.rule_id, scenario),
            chip=True,
            faces=people,
        )
    ]
    detail = morning
    times = len(group.deltas)
    if times > 1 and len(set(group.deltas)) == 1:
        each = s("recap.each", each=display.show_change(group.deltas[0]), n=times)
        detail = "  \u00b7  ".join(x for x in (detail, each) if x)
    elif times > 1:
        detail = "  \u00b7  ".join(x for x in (detail, count(s, "count.times", times)) if x)
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
    """A change from `before` to `after` as a headline: `label` with the change as a coloured
    chip after it ("Day 1: a few knocks  ▼ −29") and "650 → 621" small under them."""
    text = s("recap.span", before=display.show(before), after=display.show(after))
    return Delta(after - before, label, style, display.show_change(after - before), under=text)


def _short(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
