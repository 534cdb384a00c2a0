"""The day recap and the score history, in the real app loop: every number on screen agrees with
the bar at every moment (English and Spanish), repeated causes are one row, and the rows add up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ui_helpers import SCENARIOS, config, end_the_day, frames, key, letter, run, scene

from game.core import commands as cmd
from game.core.codes import text
from game.core.views import ScoreChange
from game.ui.cards import Badges, Card, Delta, Line
from game.ui.recap import group_card, groups
from game.ui.strings import Strings

LANGUAGES = {"en": SCENARIOS / "viral-score.yaml", "es": SCENARIOS / "viral-score.es.yaml"}


def numbers(line: str) -> list[str]:
    """The numbers a line shows, in order."""
    return re.findall(r"\d+", line)


def spans(card: Card) -> list[Delta]:
    return [p for p in card.parts if isinstance(p, Delta)]


def big_number(card: Card) -> str:
    return next(p.lead for p in card.parts if isinstance(p, Badges) and p.lead_style == "big")


def pick(app, path: Path):
    """From the title: choose `path` in the picker, stopping at its briefing."""
    import pygame
    from ui_helpers import focus_to

    paths = [Path(e.path).resolve() for e in app.top.entries]
    yield from focus_to(app, "picker")
    for _ in range(paths.index(path.resolve())):
        key(pygame.K_DOWN)
        yield
    key(pygame.K_RETURN)
    yield from frames(2)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_the_summary_headline_ends_on_the_bars_score(tmp_path: Path, language: str) -> None:
    """Seen: "Citizen Score: 650 -> 621" over a bar at 611 (the next morning had already
    moved it), and a briefing saying "starts at 650" over a bar at 640."""
    seen: list[tuple[str, str, str, str]] = []
    mornings: list[bool] = []

    def body(app):
        import pygame

        yield
        yield from pick(app, LANGUAGES[language])
        assert scene(app) == "BriefingScene"
        bar = str(app.flow.hud.state.score)
        briefing = next(c for c in app.top.cards() if c.key == ("text", "score"))
        assert numbers(briefing.parts[0].text)[-1] == bar  # the briefing names the bar's score
        key(pygame.K_RETURN)
        yield from frames(2)
        game = app.session.game
        app.flow.command(cmd.Post(choice="ask-1989"))
        app.flow.command(cmd.Buy(game.shop[0].id))
        yield
        for _ in range(4):
            yield from end_the_day(app)
            assert scene(app) == "SummaryScene"
            yield from frames(2)
            headline = next(c for c in app.top.list.cards if c.key == "score")
            bar = str(app.flow.hud.state.score)
            last = spans(headline)[-1].under
            seen.append((numbers(last)[-1], big_number(headline), bar, last))
            for _ in range(600):  # the bar counts to its score behind the summary...
                if not app.flow.hud.animating:
                    break
                yield
            shown = app.flow.hud.state.display.show(round(app.flow.hud.shown))
            assert shown == big_number(headline), (shown, last)  # ...and settles on its number
            marked = app.top.app.strings("recap.next_morning")
            mornings.append(
                any(
                    isinstance(part, Line) and part.text.startswith(marked)
                    for card in app.top.list.cards
                    for part in card.parts
                )
            )
            key(pygame.K_RETURN)
            yield from frames(2)
        app.running = False

    run(config(tmp_path), body)
    assert len(seen) == 4
    for last, big, bar, line in seen:
        assert last == big == bar, line
        assert "\u2192" in line and "->" not in line
    # the next morning's changes are told in the day's summary, marked as such (the viral
    # scenario's mornings move the score after a political post)
    assert any(mornings), mornings


def test_the_history_reads_by_day_and_every_day_adds_up(tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def body(app):
        import pygame

        yield
        yield from pick(app, LANGUAGES["en"])
        key(pygame.K_RETURN)
        yield from frames(2)
        game = app.session.game
        app.flow.command(cmd.Post(choice="ask-1989"))
        for _ in range(3):
            yield from end_the_day(app)
            key(pygame.K_RETURN)
            yield from frames(2)
        letter("h")
        yield from frames(3)
        assert scene(app) == "HistoryScene"
        seen["cards"] = list(app.top.list.cards)
        seen["start"] = game.scenario.player_score
        seen["now"] = game.player.score
        seen["bar"] = app.flow.hud.state.score
        seen["changes"] = [c for c in game.history if c.who == "player"]
        app.running = False

    run(config(tmp_path), body)
    cards: list[Card] = seen["cards"]  # type: ignore[assignment]
    assert cards[0].key == "week" and big_number(cards[0]) == str(seen["bar"])
    days = [c for c in cards if isinstance(c.key, tuple) and c.key[0] == "day"]
    assert [c.key[1] for c in days] == sorted((c.key[1] for c in days), reverse=True)
    total = 0
    for i, card in enumerate(cards):
        if not (isinstance(card.key, tuple) and card.key[0] == "day"):
            continue
        day = spans(card)[0]
        rows = []
        for row in cards[i + 1 :]:
            if row.key[0] != "change":
                break
            rows.append(spans(row)[0].delta)
        assert sum(rows) == day.delta, card.key  # a day's rows add up to the day's change
        assert rows == sorted(rows, key=abs, reverse=True)  # biggest first
        before, after = numbers(day.under)[-2:]
        assert int(after) - int(before) == day.delta
        total += day.delta
    changes: list[ScoreChange] = seen["changes"]  # type: ignore[assignment]
    assert total == sum(c.delta for c in changes) == seen["now"] - seen["start"]
    assert "->" not in " ".join(p.text for c in cards for p in c.parts if hasattr(p, "text"))


def _change(seq: int, day: int, rule: str, before: int, delta: int) -> ScoreChange:
    return ScoreChange(seq, day, "player", before, before + delta, rule, "s.yaml", 3, text(rule))


def test_repeated_causes_are_one_row_with_their_count_and_the_totals_stay() -> None:
    from game.core.checker import check_file

    scenario = check_file(LANGUAGES["en"]).scenario
    score, changes = 650, []
    for seq, (rule, delta) in enumerate(
        [("evening", -8), ("buy", -20), ("evening", -8), ("pull", 5), ("evening", -8), ("pull", 9)]
    ):
        changes.append(_change(seq, 2, rule, score, delta))
        score += delta
    changes.append(_change(9, 3, "evening", score, -8))  # another day: another row
    found = groups(changes)
    assert [(g.day, g.rule_id, g.total) for g in found] == [
        (2, "evening", -24),
        (2, "buy", -20),
        (2, "pull", 14),
        (3, "evening", -8),
    ]
    assert sum(g.total for g in found) == sum(c.delta for c in changes)
    s = Strings("en")
    evening = group_card(found[0], s, scenario)
    assert evening.parts[0].delta == -24 and evening.parts[0].label == "\u221224"
    detail = next(p for p in evening.parts if isinstance(p, Line))
    assert detail.text == "3 times \u22128"
    pull = group_card(found[2], s, scenario)
    assert next(p for p in pull.parts if isinstance(p, Line)).text == "2 times"
    assert not [p for p in group_card(found[1], s, scenario).parts if isinstance(p, Line)]
    teacher = group_card(found[1], s, scenario, teacher=True)
    assert "buy" in next(p for p in teacher.parts if isinstance(p, Line)).text


def test_a_days_headline_is_its_words_with_the_change_as_a_chip_and_the_scores_small_under() -> (
    None
):
    """Seen (fourth trial): "Day 1: a few knocks: 650 → 616" read like a statement."""
    import pygame

    from game.ui import theme as th
    from game.ui.cards import CardPainter
    from game.ui.recap import mood, span
    from game.ui.text import TextCache
    from game.ui.theme import Theme
    from game.ui.widgets import UIContext

    pygame.font.init()
    for language in ("en", "es"):
        s = Strings(language)
        head = span(s, mood(s, 1, -34), 650, 616, style="name")
        assert head.delta == -34 and not numbers(head.text)[1:]  # the words: "Day 1" only
        assert numbers(head.under) == ["650", "616"] and "\u2192" in head.under
    theme = Theme.for_size(1280, 800)
    ctx = UIContext(theme, TextCache(theme))
    card = Card("score", (head,), plain=True)
    surface = CardPainter().paint(card, 700, ctx, th.CARD).surface
    words = ctx.text.width(head.text, "name")
    row = ctx.text.line_height("name") + theme.px(6)
    chip = [
        (x, y)
        for x in range(surface.get_width())
        for y in range(surface.get_height())
        if surface.get_at((x, y))[:3] == th.LOSS
    ]
    assert chip and min(x for x, _ in chip) > words  # the chip right after the words...
    assert max(x for x, _ in chip) < words + theme.px(140)  # ...next to them, not far right
    assert max(y for _, y in chip) <= row  # on the words' row
    assert surface.get_height() > row + ctx.text.line_height("small") * 0.8  # the scores under
