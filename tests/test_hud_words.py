"""The score bar's words about the last change, drawn by the real bar in English and Spanish.

Seen in a player trial: "(+1)" after the cause said nothing to a player (it meant "one more rule
changed your score too"), and after the last day the bar read "Your last action: 0" although the
change came from the evening's rules, not from an action.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest

from game.core.checker import check_file
from game.core.codes import Code
from game.core.commands import EndDay, Post
from game.ui.hud import Hud, HudState, main_change
from game.ui.session import Session
from game.ui.strings import Strings
from game.ui.text import TextCache
from game.ui.theme import Theme
from game.ui.widgets import UIContext

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
VIRAL = {"en": SCENARIOS / "viral-score.yaml", "es": SCENARIOS / "viral-score.es.yaml"}


@pytest.fixture
def drawn(monkeypatch):
    """Every text the real renderer draws (a list that the test reads)."""
    pygame.display.init()
    pygame.font.init()
    texts: list[str] = []
    real = TextCache.render

    def recording(self, text, style, color):
        texts.append(text)
        return real(self, text, style, color)

    monkeypatch.setattr(TextCache, "render", recording)
    yield texts
    pygame.quit()


def session(language: str) -> Session:
    """A new game of the viral scenario in `language`."""
    path = VIRAL[language]
    scenario = check_file(path).scenario
    assert scenario is not None and scenario.language == language
    return Session.new(scenario, str(path), 1, None)


def draw_bar(state: HudState, language: str, drawn: list[str]) -> list[str]:
    """Draw the bar for `state` at 1280x800; returns the texts it drew."""
    theme = Theme.for_size(1280, 800)
    ctx = UIContext(theme, TextCache(theme))
    hud = Hud()
    hud.set_state(state, animate=False)
    drawn.clear()
    hud.draw(pygame.Surface((1280, 800)), ctx, Strings(language))
    return list(drawn)


@pytest.mark.parametrize(
    ("language", "one", "three"),
    [
        ("en", "Plus 1 more change (tap or press H).", "Plus 3 more changes (tap or press H)."),
        ("es", "Y 1 cambio más (toca o pulsa H).", "Y 3 cambios más (toca o pulsa H)."),
    ],
)
def test_more_changes_are_counted_in_words(drawn, language, one, three) -> None:
    state = session(language).hud_state()  # the morning's change, with a real cause
    (delta, cause), *_ = state.breakdown
    for n, words in ((2, one), (4, three)):
        several = replace(state, breakdown=((delta, cause),) * n, last_delta=delta * n)
        texts = draw_bar(several, language, drawn)
        first = Strings(language).say(cause)
        assert f"{first} {words}" in texts, texts
        assert not any("(+" in text for text in texts), texts
    alone = draw_bar(replace(state, breakdown=((delta, cause),)), language, drawn)
    assert Strings(language).say(cause) in alone  # one change: just its cause


@pytest.mark.parametrize(
    ("language", "morning", "evening", "action"),
    [
        ("en", "This morning:", "This evening:", "Your last action:"),
        ("es", "Esta mañana:", "Esta noche:", "Tu última acción:"),
    ],
)
def test_the_bar_says_where_a_change_came_from(drawn, language, morning, evening, action) -> None:
    game = session(language)
    first = game.hud_state()
    texts = draw_bar(first, language, drawn)
    assert first.last_delta and morning in texts and action not in texts
    while not game.game.over:
        game.apply(EndDay())
    last = game.hud_state()
    assert last.last_delta, "the viral scenario's last evening changes the score"
    texts = draw_bar(last, language, drawn)
    assert evening in texts and action not in texts, texts
    assert last.display.show_change(last.last_delta) in texts


@pytest.mark.parametrize(
    ("language", "when", "words"),
    [
        ("en", "morning", "This morning's changes to your score cancelled each other out."),
        ("en", "evening", "This evening's changes to your score cancelled each other out."),
        ("es", "morning", "Los cambios de tu puntuación de esta mañana se anularon entre sí."),
        ("es", "evening", "Los cambios de tu puntuación de esta noche se anularon entre sí."),
    ],
)
def test_changes_that_cancel_out_show_no_zero(drawn, language, when, words) -> None:
    state = session(language).hud_state()
    (_, cause), *_ = state.breakdown
    even = replace(state, when=when, last_delta=0, breakdown=((8, cause), (-8, cause)))
    texts = draw_bar(even, language, drawn)
    assert any(text.startswith(words) for text in texts), texts
    zero = state.display.show_change(0)
    assert zero not in texts and Strings(language)(f"hud.{when}") not in texts


def test_an_evening_without_changes_says_so(drawn) -> None:
    path = SCENARIOS / "commercial-score.yaml"
    game = Session.new(check_file(path).scenario, str(path), 1, None)
    while not game.game.over:
        game.apply(EndDay())
    texts = draw_bar(game.hud_state(), "en", drawn)
    assert "Nothing changed your score this evening." in texts
    assert not any(text.startswith("A new day") for text in texts)


@pytest.mark.parametrize("language", ["en", "es"])
def test_what_the_bar_says_h_does_is_what_h_does(drawn, language, tmp_path) -> None:
    """Seen in a player trial: "Hover, tap or press H for the details" while H (and a tap on the
    bar) opens the score history, not the breakdown. The bar's words name what H opens, and H
    on the feed opens it."""
    import ui_helpers as h

    state = session(language).hud_state()
    (_, cause), *_ = state.breakdown
    even = replace(state, when="morning", last_delta=0, breakdown=((8, cause), (-8, cause)))
    texts = draw_bar(even, language, drawn)
    told = [text for text in texts if " H " in f" {text} "]
    history = Strings(language)("nav.history").lower()
    assert told and all(history in text.lower() for text in told), told

    def body(app):
        yield from h.new_game(app)
        h.letter("h")
        yield from h.frames(2)
        assert h.scene(app) == "HistoryScene"

    h.run(h.config(tmp_path), body)


@pytest.mark.parametrize(
    ("language", "more", "two"),
    [
        (
            "en",
            "Plus 1 more change: −5 (tap or press H).",
            "Plus 2 more changes: −8 in all (tap or press H).",
        ),
        (
            "es",
            "Y 1 cambio más: −5 (toca o pulsa H).",
            "Y 2 cambios más: −8 en total (toca o pulsa H).",
        ),
    ],
)
def test_the_bar_explains_the_change_that_moved_the_score_most(drawn, language, more, two) -> None:
    """Seen in a player trial: "+10" next to "every post you write costs 5 points", the +15 that
    made the +10 hidden behind "Plus 1 more change". Under watch, a patriotic post costs 5 and
    earns 15: the bar names the +15's cause, with its amount, and says the other went down."""
    game = session(language)
    game.apply(Post(choice="ask-crash"))  # flagged: every post now costs 5
    game.apply(Post(choice="praise-city"))
    state = game.hud_state()
    assert state.last_delta == 10 and [d for d, _ in state.breakdown] == [-5, 15]
    texts = draw_bar(state, language, drawn)
    biggest = Strings(language).say(state.breakdown[1][1])
    assert f"+15: {biggest} {more}" in texts, texts
    (down, watched), up = state.breakdown
    three = replace(state, breakdown=((down, watched), up, (-3, watched)), last_delta=7)
    assert f"+15: {biggest} {two}" in draw_bar(three, language, drawn)


def test_the_change_named_is_the_largest_and_of_equal_ones_the_first() -> None:
    a, b, c = (Code.of("x", n=n) for n in range(3))
    assert main_change(((-5, a), (15, b), (-15, c))) == (15, b)
    assert main_change(((-8, a), (8, b))) == (-8, a)
    assert main_change(()) is None
