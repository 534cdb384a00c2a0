"""The debrief about the player's week, in the real app loop: it opens with the player's biggest
changes and their facts, reads in under two minutes by default, unfolds with "More", and opens and
copies sources."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest
from ui_helpers import (
    SCENARIOS,
    RecordingLinks,
    card_button,
    click,
    config,
    end_the_day,
    frames,
    key,
    past_briefing,
    run,
    scene,
    shot,
)

from game.core import commands as cmd
from game.core.checker import check_file
from game.core.codes import text
from game.core.debrief import Highlight, count_words
from game.core.effects import ChangeScore, PullToFriends
from game.ui.cards import Author, Badges, Bubble, Card, CardPainter, Delta, Line
from game.ui.scenes.debrief import fact_card, highlight_card

VIRAL = SCENARIOS / "viral-score.yaml"
DEFAULT_WORDS = 250
"""About two minutes of reading for a 13-17-year-old: the most the unfolded debrief may hold."""

WEEKS: dict[str, list[cmd.Command]] = {
    "viral-score.yaml": [cmd.Buy("vpn"), cmd.Post(choice="ask-crash"), cmd.ReportFriend("kai")],
    "viral-score.es.yaml": [cmd.Buy("vpn"), cmd.Post(choice="ask-crash")],
    "commercial-score.yaml": [cmd.Buy("phone-bill"), cmd.Buy("borrow"), cmd.Buy("game")],
    "blacklists.yaml": [cmd.Buy("file-taxes"), cmd.Post(choice="ask-crash")],
    "template.yaml": [cmd.Post(choice="thank-teacher")],
}


def card_words(card: Card) -> list[str]:
    """Every text a card shows: lines, changes (with their points), labels and buttons."""
    texts: list[str] = []
    for part in card.parts:
        if isinstance(part, Line):
            texts.append(part.text)
        elif isinstance(part, Delta):
            texts += [str(abs(part.delta)), part.text]
        elif isinstance(part, Badges):
            texts += [part.lead, *(label for label, _ in part.items)]
        elif isinstance(part, Bubble):
            texts += [part.stamp, part.text]
        elif isinstance(part, Author):
            texts += [part.name, part.handle]
    return texts + [b.label for b in card.buttons]


def shown_words(app) -> int:
    """The words of the debrief page as it stands: title, every card, the two buttons."""
    debrief = app.top
    texts = [app.flow.strings("debrief.title")]
    for card in debrief.list.cards:
        texts += card_words(card)
    texts += [debrief.again.label, debrief.other.label]
    return count_words(texts)


def live_week(app, commands: list[cmd.Command]):
    """Start the scenario from the title, play `commands`, then end every day to the debrief."""
    yield
    key(pygame.K_RETURN)
    yield from frames(2)
    yield from past_briefing(app)
    assert scene(app) == "PlayScene"
    for command in commands:
        assert app.flow.command(command) is not None, command
        yield
    for _ in range(60):
        if scene(app) == "DebriefScene":
            break
        if scene(app) == "PlayScene":
            yield from end_the_day(app)
        else:
            key(pygame.K_RETURN)
        yield from frames(2)
    assert scene(app) == "DebriefScene"
    yield from frames(2)


@pytest.mark.parametrize("name", sorted(WEEKS))
def test_the_default_debrief_reads_in_under_two_minutes(tmp_path: Path, name: str) -> None:
    path = SCENARIOS / name
    seen: dict[str, object] = {}

    def body(app):
        yield from live_week(app, WEEKS[name])
        page = app.top.page
        keys = [c.key for c in app.top.list.cards]
        seen["words"] = shown_words(app)
        seen["mine"] = [k for k in keys if isinstance(k, tuple) and k[0] == "mine"]
        seen["highlights"] = len(page.highlights)
        seen["order"] = keys
        seen["talk"] = talk = next(
            c for c in app.top.list.cards if c.key == ("heading", "questions")
        )
        seen["questions"] = list(page.questions)
        seen["painted"] = CardPainter().paint(talk, 600, app.top.ctx, (0, 0, 0)).surface

    run(config(tmp_path, scenario_path=str(path)), body)
    # the questions are a friend's chat: "Mei asks:" over her first bubble, her avatar beside it
    talk = seen["talk"]
    bubbles = [p for p in talk.parts if isinstance(p, Bubble)]
    assert [b.text for b in bubbles] == seen["questions"]
    assert bubbles[0].face is not None and bubbles[0].stamp.split()[0] in bubbles[0].face.name
    assert all(b.face is None and not b.stamp for b in bubbles[1:])
    painted = seen["painted"]
    stamp_h = painted.get_height() // (3 * len(bubbles))
    avatar = [painted.get_at((x, y))[:3] for x in range(4, 36) for y in range(stamp_h, 60)]
    assert sum(c != (0, 0, 0) for c in avatar) > 300  # a face left of the first bubble
    assert 0 < seen["words"] <= DEFAULT_WORDS, seen["words"]
    assert len(seen["mine"]) == seen["highlights"] >= 1
    order = seen["order"]
    # the player's changes, then the chart, then the other facts, then the questions
    assert order.index(("mine", 0)) < order.index("chart") < order.index(("heading", "questions"))


def test_the_debrief_shows_this_weeks_biggest_changes_then_unfolds_and_opens_sources(
    tmp_path: Path,
) -> None:
    links = RecordingLinks()
    seen: dict[str, object] = {}

    def body(app):
        yield from live_week(app, WEEKS["viral-score.yaml"])
        debrief = app.top
        page = debrief.page
        totals: dict[str, int] = {}
        for change in app.session.game.history:
            if change.who == "player":
                totals[change.rule_id] = totals.get(change.rule_id, 0) + change.delta
        biggest = sorted(totals, key=lambda r: -abs(totals[r]))[:3]
        assert [h.rule_id for h in page.highlights] == biggest
        assert "buy-vpn" in biggest
        cards = {c.key: c for c in debrief.list.cards}
        for i, highlight in enumerate(page.highlights):
            texts = card_words(cards[("mine", i)])
            assert highlight.fact.claim in texts
            if highlight.repeat:
                assert app.flow.strings("debrief.same_fact") in texts
            else:
                assert highlight.fact.explanation in texts
            assert not any(s.url in texts for s in highlight.fact.sources if s.url)
        shot(app, "debrief-1280x800-top")
        folded = shown_words(app)
        first = page.others[0]
        assert first.explanation not in card_words(cards[("fact", 0)])
        click(card_button(app, "debrief", ("fact", 0), "more"))
        yield from frames(3)
        card = next(c for c in debrief.list.cards if c.key == ("fact", 0))
        assert first.explanation in card_words(card)
        urls = [s.url for s in first.sources if s.url]
        assert urls[0] in card_words(card)
        assert shown_words(app) > folded
        yield from frames(10)
        shot(app, "debrief-1280x800-more")
        click(card_button(app, "debrief", ("fact", 0), "open:0"))
        yield from frames(2)
        click(card_button(app, "debrief", ("fact", 0), "copy:0"))
        yield from frames(2)
        seen["toasts"] = [t.text for t in app.flow.toasts.items]
        shot(app, "debrief-1280x800-copied")
        click(card_button(app, "debrief", ("fact", 0), "more"))
        yield from frames(2)
        assert shown_words(app) == folded
        seen["urls"] = urls

    run(config(tmp_path, scenario_path=str(VIRAL), links=links), body)
    assert links.opened == seen["urls"][:1]
    assert links.copied == seen["urls"][:1]
    assert any(seen["urls"][0] in t for t in seen["toasts"])


def test_the_debrief_at_800x600_keyboard_only(tmp_path: Path) -> None:
    links = RecordingLinks()

    def body(app):
        yield from live_week(app, WEEKS["viral-score.yaml"])
        shot(app, "debrief-800x600-top")
        selected = app.top.list.cards[app.top.list.selected].key
        assert selected == ("mine", 0)
        key(pygame.K_RETURN)  # More
        yield from frames(10)
        card = app.top.list.cards[app.top.list.selected]
        assert card.key == ("mine", 0) and card.buttons[0].label == app.flow.strings("debrief.less")
        shot(app, "debrief-800x600-more")
        key(pygame.K_RIGHT)
        key(pygame.K_RETURN)  # Open source 1
        yield from frames(2)

    run(config(tmp_path, size=(800, 600), scenario_path=str(VIRAL), links=links), body)
    assert len(links.opened) == 1 and links.opened[0].startswith("http")


@pytest.mark.parametrize("name", sorted(WEEKS))
def test_no_possible_week_makes_the_default_debrief_too_long(tmp_path: Path, name: str) -> None:
    """Whatever three mechanics a player's week is made of, the folded page stays short.

    The fixed part (title, score line, headings, chart, questions, buttons) comes from a real
    debrief; every possible set of three highlights and the facts they leave over is then laid
    out with the scene's own card functions, with three-digit totals and a repeat count.
    """
    path = SCENARIOS / name
    fixed: dict[str, int] = {}

    def body(app):
        yield from live_week(app, [])
        cards = app.top.list.cards
        variable = [c for c in cards if isinstance(c.key, tuple) and c.key[0] in ("mine", "fact")]
        fixed["words"] = shown_words(app) - sum(count_words(card_words(c)) for c in variable)
        fixed["strings"] = app.flow.strings

    run(config(tmp_path, scenario_path=str(path)), body)
    scenario = check_file(path).scenario
    s = fixed["strings"]
    moving = [
        r
        for r in scenario.rules
        if any(isinstance(e, ChangeScore | PullToFriends) for e in r.effects)
    ]
    worst, worst_trio = 0, []
    for trio in itertools.combinations(moving, min(3, len(moving))):
        shown: set[str] = set()
        words = fixed["words"]
        for i, rule in enumerate(trio):
            fact = scenario.fact(rule.about)
            repeat = fact is not None and fact.id in shown
            shown.add(fact.id)
            cause = text(rule.description or rule.id)
            highlight = Highlight(rule.id, cause, -888, 5, fact, repeat)
            words += count_words(card_words(highlight_card(highlight, ("mine", i), False, s)))
        others = [f for f in scenario.debrief.facts if f.id not in shown]
        words += sum(count_words(card_words(fact_card(f, ("fact", 0), False, s))) for f in others)
        worst = max(worst, words)
        if words == worst:
            worst_trio = [r.id for r in trio]
    assert worst <= DEFAULT_WORDS, (worst, worst_trio)


def _painted(card: Card, width: int = 900):
    from game.ui.cards import CardPainter
    from game.ui.text import TextCache
    from game.ui.theme import Theme
    from game.ui.widgets import UIContext

    pygame.font.init()
    theme = Theme.for_size(1280, 800)
    return CardPainter().paint(card, width, UIContext(theme, TextCache(theme)))


def test_a_myth_is_marked_with_a_cross_and_its_sources_are_a_list() -> None:
    from game.ui.strings import Strings

    scenario = check_file(VIRAL).scenario
    fact = next(f for f in scenario.debrief.facts if f.verdict == "myth" and len(f.sources) > 1)
    card = fact_card(fact, ("fact", 0), True, Strings("en"))
    claim = next(p for p in card.parts if isinstance(p, Line) and p.text == fact.claim)
    assert claim.icon == "x"
    buttons = {b.id: b for b in _painted(card).buttons}
    linked = [n for n, s in enumerate(fact.sources) if s.url]
    assert {b.label for i, b in buttons.items() if i != "more"} == {"Open", "Copy link"}
    tops = []
    for n in linked:
        opened, copied = buttons[f"open:{n}"].rect, buttons[f"copy:{n}"].rect
        assert opened.y == copied.y and opened.right < copied.x  # one row per source
        tops.append(opened.y)
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one source under the other
    assert buttons["more"].rect.y > tops[-1]  # "Less" closes the list at its foot


def test_the_chart_labels_every_tier_beside_the_plot() -> None:
    from game.ui.chart import ChartData, paint_chart
    from game.ui.text import TextCache
    from game.ui.theme import Theme
    from game.ui.widgets import UIContext

    pygame.font.init()
    scenario = check_file(VIRAL).scenario
    theme = Theme.for_size(800, 600)
    ctx = UIContext(theme, TextCache(theme))
    top = scenario.tiers[-1].high
    data = ChartData(((0, top), (7, top)), scenario.tiers, scenario.score_min, top, 7, "d", "s")
    rect = pygame.Rect(0, 0, 700, theme.px(220))
    surface = pygame.Surface(rect.size)
    surface.fill((0, 0, 0))
    paint_chart(surface, rect, ctx, data)
    labels = max(ctx.text.width(f"{t.name} ({t.low}-{t.high})", "small") for t in data.tiers)
    column = pygame.Rect(rect.right - labels, 0, labels, rect.height)
    from game.ui import theme as th

    line_y = theme.px(6)  # the top of the plot, where a score of `top` is drawn
    assert surface.get_at((rect.width // 2, line_y))[:3] == th.TEXT  # the line is there...
    # ...and none of it runs through the tier labels' column
    assert all(surface.get_at((x, line_y))[:3] != th.TEXT for x in range(column.x, column.right))


def test_the_chart_writes_the_start_and_end_scores_over_light_tier_bands() -> None:
    """Seen (fourth trial): the chart had no numbers and sat on a muddy olive band."""
    from game.ui import theme as th
    from game.ui.chart import chart_data, paint_chart
    from game.ui.text import TextCache
    from game.ui.theme import Theme
    from game.ui.widgets import UIContext

    class Seen(TextCache):
        def render(self, text, style, color, *args, **kw):
            rendered.append(text)
            return super().render(text, style, color, *args, **kw)

    pygame.font.init()
    rendered: list[str] = []
    scenario = check_file(VIRAL).scenario
    theme = Theme.for_size(1280, 800)
    series = ((0, 650), (1, 616), (2, 602), (3, 631))
    data = chart_data(series, scenario, 7, "Day", "Start")
    rect = pygame.Rect(0, 0, 900, theme.px(220))
    surface = pygame.Surface(rect.size)
    surface.fill(th.CARD)
    paint_chart(surface, rect, UIContext(theme, Seen(theme)), data)
    assert "650" in rendered and "631" in rendered  # the first and the last score, written
    assert "616" not in rendered and "602" not in rendered  # only those two
    (color,) = data.colors  # one tier: Ordinary
    low = rect.height - theme.px(60)  # near the plot's foot: under the line, above the days
    band = surface.get_at((rect.width // 3, low))[:3]

    def distance(a, b):
        return sum(abs(p - q) for p, q in zip(a, b, strict=True))

    assert band != th.CARD and distance(band, th.CARD) < distance(band, color)  # a light tint
    painted = {surface.get_at((x, y))[:3] for x in range(rect.w) for y in range(rect.h)}
    assert color in painted and th.TEXT in painted  # the tier's own colour, the line in text


def test_the_sparkline_bands_are_faint_and_a_tier_edge_shows_in_its_colour() -> None:
    """Seen (fifth trial): the week's sparkline on the debrief badge and the recap sat on a murky
    olive band. Its bands are now half the chart's tint, and a tier change shows as an edge."""
    from game.ui import theme as th
    from game.ui.chart import BAND_TINT, Spark, paint_spark
    from game.ui.text import TextCache
    from game.ui.theme import Theme
    from game.ui.widgets import UIContext

    pygame.font.init()
    scenario = check_file(VIRAL).scenario
    theme = Theme.for_size(1280, 800)
    ctx = UIContext(theme, TextCache(theme))
    rect = pygame.Rect(0, 0, 600, theme.px(50))

    def paint(points):
        surface = pygame.Surface(rect.size)
        surface.fill(th.CARD)
        data = Spark.of(points, scenario, 7)
        paint_spark(surface, rect, ctx, data)
        return surface, data

    surface, data = paint(((0, 650), (1, 640), (2, 630)))  # one tier: Ordinary
    ((_, _, color),) = data.bands
    corner = surface.get_at((rect.width - 3, rect.height - 2))[:3]  # band, away from the line
    assert corner == th.lerp_color(th.CARD, color, BAND_TINT / 2)
    surface, data = paint(((0, 690), (1, 720)))  # crosses from Ordinary into Trusted
    painted = {surface.get_at((x, y))[:3] for x in range(0, rect.w, 2) for y in range(rect.h)}
    assert all(c in painted for _, _, c in data.bands)  # each tier's edge or dots in its colour
