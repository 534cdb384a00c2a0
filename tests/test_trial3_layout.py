"""Findings of the third new-player trial at 800x600 (issue 12, point 6): each test names what
was seen. English and Spanish; the app runs for real (headless) where a screen is involved."""

from __future__ import annotations

import statistics
from dataclasses import replace

import pygame
import pytest
from ui_helpers import SCENARIOS, config, frames, new_game, run

from game.core import commands as cmd
from game.ui.strings import Strings
from game.ui.text import ELLIPSIS, TextCache
from game.ui.theme import TEXT_SIZES, Theme

WHITE = (255, 255, 255)


def _inked_columns(surface: pygame.Surface) -> list[int]:
    mask = pygame.mask.from_surface(surface, 60)
    width, height = mask.get_size()
    return [x for x in range(width) if any(mask.get_at((x, y)) for y in range(height))]


def gap_after(cache: TextCache, text: str, at: int, size: int) -> int:
    """The blank pixel columns between the ink of `text[at]` and the next ink, as drawn."""
    whole = _inked_columns(cache.render_px(text, size, False, WHITE))
    end = max(_inked_columns(cache.render_px(text[: at + 1], size, False, WHITE)))
    return min(x for x in whole if x > end) - end - 1


def word_gaps(text: str) -> tuple[list[int], list[int]]:
    """Where `text`'s spaces follow a digit, and where they follow a letter (indexes of the
    character before each space)."""
    before = [i - 1 for i, ch in enumerate(text) if ch == " " and i > 0]
    return [i for i in before if text[i].isdigit()], [i for i in before if text[i].isalpha()]


LINES = [
    "Day 1 of 7",
    "You have 14 messages",
    "Friends react to 9 of your posts",
    "you lose 40 points",
    "Día 1 de 7",
    "tú pierdes 40 puntos",
]


@pytest.mark.parametrize("size", [11, 12, 14, 16])
@pytest.mark.parametrize("line", LINES)
def test_a_number_and_its_word_are_one_normal_space_apart(line, size) -> None:
    """Seen at 800x600: "Day 1  of 7", "40  points", "react to 9  of": after a digit, a
    space looked like two. The gap after a number is no wider than 1.3 times the widest
    plain word gap in the same line, and (not glued) wider than the gap inside "14"."""
    pygame.font.init()
    cache = TextCache(Theme.for_size(800, 600))
    after_digit, after_letter = word_gaps(line)
    normal = max(gap_after(cache, line, i, size) for i in after_letter)
    inside = gap_after(cache, "14", 0, size)
    for i in after_digit:
        gap = gap_after(cache, line, i, size)
        assert gap <= 1.3 * normal, (line, size, line[i], gap, normal)
        assert gap >= inside + 1, (line, size, line[i], gap, inside)


def _card_and_debrief_sizes() -> list[tuple[int, bool]]:
    """(pixel size, bold) of every style the title's scenario cards and the debrief draw with,
    at 800x600, at 1280x800, and at 1280x736 (a 1280x800 window on a 800-pixel-high screen
    is shrunk to fit, as in the fourth trial's window)."""
    themes = [Theme.for_size(w, h) for w, h in ((800, 600), (1280, 736), (1280, 800))]
    styles = ("title", "heading", "name", "body", "meta", "small")
    return sorted({(t.font_size(s), t.font_bold(s)) for t in themes for s in styles})


NUMBER_LINES = [
    "Seven days with a shopping and credit score from 350 to 950. Pay your bills, borrow, spend,"
    " post what you like, and watch what actually",
    "In 2017 the German institute MERICS described it",
    "una puntuación de 350 a 950 puntos",
]


@pytest.mark.parametrize(("size", "bold"), _card_and_debrief_sizes())
@pytest.mark.parametrize("line", NUMBER_LINES)
def test_the_space_after_a_year_or_a_score_is_a_normal_one(line, size, bold) -> None:
    """Seen in the fourth trial on the title card ("from 350  to 950") and in the debrief
    ("In 2017  the"): the gap after the number was two pixels wider than the line's word gaps
    (7 against 5, 5, 6 at 15 px). The gap after each number is at most one pixel wider than
    the median word gap of the same line, as drawn, regular and bold."""
    pygame.font.init()
    cache = TextCache(Theme.for_size(1280, 800))
    after_digit, after_letter = word_gaps(line)

    def gap(i: int) -> int:
        whole = _inked_columns(cache.render_px(line, size, bold, WHITE))
        end = max(_inked_columns(cache.render_px(line[: i + 1], size, bold, WHITE)))
        return min(x for x in whole if x > end) - end - 1

    normal = statistics.median(gap(i) for i in after_letter)
    for i in after_digit:
        assert gap(i) <= normal + 1, (line[i - 3 : i + 4], size, bold, gap(i), normal)


FILES = {"en": "viral-score.yaml", "es": "viral-score.es.yaml"}
POSTS = {
    "en": "Who decides what a good citizen is? #freedom",
    "es": "¿Quién decide qué es un buen ciudadano? #libertad",
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_bar_cuts_its_sentence_between_words(tmp_path, language) -> None:
    """Seen at 800x600: "Publicar política: tú pierdes 40 punto…": the top bar's sentence was
    cut in the middle of a word. Every line the bar shortens ends with whole words."""
    fitted: list[tuple[str, str]] = []
    seen: dict[str, object] = {}

    def body(app):
        yield
        yield from new_game(app)
        app.flow.command(cmd.Post(text=POSTS[language]))
        real_fit = app.ctx.text.fit

        def spy(text: str, style: str, width: int) -> str:
            out = real_fit(text, style, width)
            fitted.append((text, out))
            return out

        app.ctx.text.fit = spy
        yield from frames(3)
        app.ctx.text.fit = real_fit
        seen["bar"] = app.flow.strings.say(app.flow.hud.state.last_reason)

    run(config(tmp_path, (800, 600), scenario_path=str(SCENARIOS / FILES[language])), body)
    cut = [(text, out) for text, out in fitted if out.endswith(ELLIPSIS) and out != text]
    assert any(text.startswith(str(seen["bar"])) for text, _ in fitted), "the bar was drawn"
    assert cut, "at 800x600 the bar and the notices shorten their lines"
    for text, out in cut:
        kept = out.removesuffix(ELLIPSIS)
        assert text.startswith(kept), (text, out)
        assert text[len(kept)] in " ,;:", (text, out)


def test_fit_cuts_between_characters_when_no_word_is_in_reach() -> None:
    """A long word or a language without spaces is still cut to fit, between characters."""
    pygame.font.init()
    cache = TextCache(Theme.for_size(800, 600))
    for text in ("Ciudadanía responsabilidadextraordinariamente", "今天天气很好我们去公园散步吧"):
        out = cache.fit(text, "meta", 120)
        assert out.endswith(ELLIPSIS) and cache.width(out, "meta") <= 120, out
        assert len(out) > 4, out


OPENS = ("messages", "perks", "history", "post")
"""Navigation buttons with a short name that open a sheet."""


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("text_size", [1, len(TEXT_SIZES) - 1])
def test_a_sheet_is_called_what_its_button_says(tmp_path, language, text_size) -> None:
    """Seen at 800x600 with large text: the buttons said "Chats", "Perks", "History", but the
    sheets they opened said "Messages", "Perks & penalties", "Score history". With short
    labels a sheet's title is its button's label; with full labels its own full title."""
    seen: dict[str, tuple[str, str, bool]] = {}

    def body(app):
        yield
        yield from new_game(app)
        app.apply_settings(replace(app.settings, text_size=text_size))
        yield from frames(2)
        for name in OPENS:
            play = app.top
            label = next(b.label for b in play.nav if b.id == name)
            play.activate(name, None)
            yield from frames(2)
            seen[name] = (label, app.top.title(), play.short)
            app.pop()
            yield from frames(2)

    run(config(tmp_path, (800, 600), scenario_path=str(SCENARIOS / FILES[language])), body)
    s = Strings(language)
    titles = {"messages": "messages.title", "perks": "perks.title", "history": "history.title"}
    titles["post"] = "composer.title"
    short = {flag for _, _, flag in seen.values()}
    assert short == {text_size > 1}, "large text at 800x600 shows the short labels"
    for name, (label, title, is_short) in seen.items():
        if is_short:
            assert label == s(f"nav.short.{name}") == title, (name, label, title)
        else:
            assert title == s(titles[name]), (name, title)


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_the_text_size_preview_stays_in_view_at_every_size(tmp_path, size) -> None:
    """Seen at 800x600 with large text: the Settings preview post was pushed off the screen,
    so the player could not see what the size looks like. After each step of the text size
    (up, then back down) the preview and every row are inside the sheet, in the window."""
    from game.ui.scenes.settings import SettingsScene

    seen: list[tuple[int, pygame.Rect, list[pygame.Rect], pygame.Rect]] = []

    def body(app):
        yield
        yield from new_game(app)
        app.push(SettingsScene(app.flow))
        yield from frames(2)
        steps = [+1] * (len(TEXT_SIZES) - 1 - app.settings.text_size)
        steps += [-1] * (len(TEXT_SIZES) - 1)
        for step in steps:
            app.top.activate(f"text_size:{step:+d}", None)
            yield from frames(2)
            sheet = app.top
            seen.append(
                (
                    app.settings.text_size,
                    sheet.preview_rect(),
                    list(sheet.boxes.values()),
                    sheet.inner_rect(),
                )
            )

    run(config(tmp_path, size), body)
    window = pygame.Rect((0, 0), size)
    assert {step for step, *_ in seen} == set(range(len(TEXT_SIZES)))
    for step, preview, boxes, inner in seen:
        assert preview.height > 0
        assert window.contains(preview) and inner.contains(preview), (step, preview, inner)
        for box in boxes:
            assert inner.contains(box), (step, box, inner, preview)
            assert not box.colliderect(preview), (step, box, preview)
