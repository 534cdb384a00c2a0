"""Notices you can read: toasts stay by length, never clip, and important ones are never pushed
out by minor ones (seen: four 'no longer applies' toasts pushed 'Judgment paid' off)."""

from __future__ import annotations

import os
from dataclasses import replace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest
import ui_helpers as h

from game.ui.theme import TEXT_SIZES
from game.ui.toasts import (
    MAX_LINES,
    MAX_SHOWN,
    TOAST_SECONDS,
    Toasts,
    free_spot,
    reading_seconds,
)

LONG = " ".join(["Your phone bill (40) is due on day 2 and your electricity bill on day 5."] * 3)


def test_a_longer_toast_stays_longer() -> None:
    assert reading_seconds("Saved.") == TOAST_SECONDS
    assert reading_seconds(LONG) > 15


def test_minor_toasts_never_push_out_an_important_one() -> None:
    toasts = Toasts()
    toasts.add("Judgment paid. You are off the court list.", important=True)
    for i in range(6):
        toasts.add(f"Perk {i} no longer applies.")
    texts = [t.text for t in toasts.items]
    assert texts[0].startswith("Judgment paid")
    assert len(texts) == 4


def test_a_toast_shows_all_its_text_or_says_where_the_rest_is(ctx) -> None:
    """Seen: the commercial scenario's bill instructions clipped at four lines."""
    toasts = Toasts()
    toasts.set_more("More in All notices (N).")
    width = ctx.theme.px(200)
    medium = LONG[: len(LONG) * 2 // 3]
    shown = toasts.lines(medium, ctx, width)
    assert " ".join(shown).split() == medium.split()  # five lines or so: every word shown
    assert len(shown) > 4
    long = toasts.lines(LONG * 2, ctx, width)
    assert len(long) == MAX_LINES and long[-1] == "More in All notices (N)."


def test_toasts_that_do_not_fit_wait_and_do_not_age(ctx) -> None:
    toasts = Toasts()
    for i in range(4):
        toasts.add(f"Important notice {i}. " + LONG, important=True)
    surface = pygame.Surface((1280, 300))
    toasts.draw(surface, ctx, top=100)
    waiting = [t for t in toasts.items if not t.shown]
    assert waiting, "a short window cannot show four long toasts at once"
    ttl = waiting[0].ttl
    toasts.update(5.0)
    assert waiting[0].ttl == ttl


def test_a_toast_going_away_redraws_and_lets_a_waiting_one_show(ctx) -> None:
    """Only changes are drawn (game.ui.redraw): an expiring toast gives back its rectangle, and
    when a toast was waiting for room the whole screen is drawn so it can appear."""
    toasts = Toasts()
    for i in range(4):
        toasts.add(f"Important notice {i}. " + LONG, important=True)
    surface = pygame.Surface((1280, 300))
    toasts.draw(surface, ctx, top=100)
    toasts.changed = False
    shown = [t for t in toasts.items if t.shown]
    waiting = [t for t in toasts.items if not t.shown]
    assert shown and waiting
    gone = toasts.update(shown[0].ttl + 0.01)
    assert shown[0].rect in gone and shown[0] not in toasts.items
    assert toasts.changed, "a waiting toast must get a full redraw to appear"
    toasts.changed = False
    toasts.draw(surface, ctx, top=100)
    assert waiting[-1].shown  # the newest waiting toast takes the freed place


def test_an_expiring_toast_without_waiting_ones_redraws_only_the_toasts(ctx) -> None:
    toasts = Toasts()
    toasts.add("Saved.")
    toasts.draw(pygame.Surface((1280, 800)), ctx)
    toasts.changed = False
    rect = toasts.items[0].rect
    assert toasts.update(0.1) == []  # nothing visible changed yet: no frame
    assert toasts.update(TOAST_SECONDS) == [rect] and not toasts.items
    assert not toasts.changed


def test_free_spot_moves_a_toast_past_buttons_or_gives_up() -> None:
    button = pygame.Rect(0, 400, 100, 40)
    spot = free_spot(pygame.Rect(0, 420, 100, 50), [button], (100, 700), False, 8)
    assert spot is not None and spot.bottom == 392  # moved up, 8 pixels above the button
    spot = free_spot(pygame.Rect(0, 380, 100, 50), [button], (100, 700), True, 8)
    assert spot is not None and spot.y == 448  # downwards: 8 pixels below it
    assert free_spot(pygame.Rect(0, 420, 100, 50), [button], (380, 700), False, 8) is None


SHEETS = ("shop", "friends", "person", "post", "menu")
"""Sheets opened over the feed: the Shop, Friends, a friend's profile, the composer, the menu."""


def open_sheet(app, name: str) -> None:
    """Open one of SHEETS over the feed (the profile is the first friend's)."""
    from game.ui.scenes.person import PersonScene

    if name == "person":
        app.flow.push(PersonScene(app.flow, app.session.game.friends[0].id))
    else:
        app.top.activate(name, None)


@pytest.mark.parametrize("size", [(800, 600), (1280, 800), (1920, 1080)])
def test_toasts_never_cover_a_sheets_buttons_and_its_x_closes_it(tmp_path, size) -> None:
    """Seen in a player trial: notice toasts over a sheet's close X (the composer's: its toasts
    go at the top) and buttons (the menu's, a profile's at a large text size). At every text
    size, with several long toasts showing, no toast touches a button of the sheet in front
    (Shop, Friends, a profile, the composer, the menu), and a real click on the X (posted
    events through the real loop) closes it."""
    seen: dict[str, int] = {}

    def body(app):
        yield from h.new_game(app)
        for text_size in range(len(TEXT_SIZES)):
            app.apply_settings(replace(app.settings, text_size=text_size))
            for sheet in SHEETS:
                open_sheet(app, sheet)
                for i in range(4):
                    app.flow.toasts.add(f"Notice {i}. " + LONG, important=i % 2 == 0)
                yield from h.frames(3)
                shown = [t.rect for t in app.flow.toasts.items if t.rect is not None]
                buttons = app.top.keep_clear()
                close = h.button_center(app, "close")
                assert any(b.collidepoint(close) for b in buttons)
                assert len(buttons) > 2, "the sheet should show its buttons"
                for rect in shown:
                    hit = [b for b in buttons if rect.colliderect(b)]
                    assert not hit, f"{sheet}, text size {text_size}: toast {rect} over {hit}"
                seen[sheet] = seen.get(sheet, 0) + len(shown)
                h.click(close)
                yield from h.frames(2)
                assert h.scene(app) == "PlayScene", f"the X did not close the {sheet} sheet"
                app.flow.toasts.clear()

    h.run(h.config(tmp_path, size=size), body)
    assert set(seen) == set(SHEETS)
    assert all(seen[s] >= len(TEXT_SIZES) for s in ("shop", "friends")), seen


def watch_whole(app, frames: int, seen: list[str]):
    """Run `frames` frames; after each drawn one, every toast that shows somewhere new must lie
    inside the part of the screen that frame drew (else the screen shows a piece of it)."""
    before = {id(t): t.rect for t in app.flow.toasts.items}
    for _ in range(frames):
        drawn = app.drawn
        yield
        if app.drawn == drawn:
            continue
        for toast in app.flow.toasts.items:
            rect = toast.rect
            if rect is not None and before.get(id(toast)) != rect:
                assert app.drawn_area.contains(rect), (
                    f"{toast.text[:40]!r} appeared at {rect}, drawn only {app.drawn_area}"
                )
                seen.append(toast.text)
        before = {id(t): t.rect for t in app.flow.toasts.items}


def test_a_toast_that_gets_room_is_drawn_whole(tmp_path) -> None:
    """Seen at 800x600 (s04): the composer opened over four notices, the last one waiting for
    room at the top; when the one above it went, the waiting one appeared cut in half (only the
    gone toast's old place was drawn again). Now it shows whole or not at all."""
    seen: list[str] = []

    def body(app):
        yield from h.new_game(app)
        toasts = app.flow.toasts
        yield from h.frames(2)
        h.letter("p")
        yield from h.frames(3)
        assert h.scene(app) == "ComposerScene"
        waiting = [t for t in toasts.items if t.rect is None]
        assert waiting, "the composer's corner cannot show every notice at once"
        shown = [t for t in toasts.items if t.rect is not None]
        shown[1].ttl = 0.01
        yield from watch_whole(app, 4, seen)
        assert waiting[0].rect is not None, "the waiting notice should show in the freed room"

    h.run(h.config(tmp_path, size=(800, 600)), body)
    assert seen


def wheel(steps: int) -> None:
    """Turn the mouse wheel `steps` notches down (negative: up)."""
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-steps, precise_x=0.0, precise_y=-steps)
    )


@pytest.mark.parametrize("size", [(800, 600), (1280, 800), (1920, 1080)])
def test_on_the_feed_a_few_toasts_show_clear_of_post_buttons_and_the_guide(tmp_path, size):
    """Seen in a player trial: five notices stacked over the feed's posts (41, 50), a notice over
    a post's Report button at 800x600, and over the first-day guide behind the End-the-day
    question (37). On the feed, at every text size and wherever it is scrolled, at most
    MAX_SHOWN toasts show, none over a navigation or post button nor the guide's strip; the
    guide stays clear with a question open over the feed too, and the others wait."""
    shown_at: dict[int, int] = {}

    def body(app):
        yield from h.new_game(app)
        play = app.top
        assert play.guide_step() is not None, "a new game starts with the guide"
        for text_size in range(len(TEXT_SIZES)):
            app.apply_settings(replace(app.settings, text_size=text_size))
            for i in range(5):
                app.flow.toasts.add(f"Notice {i}. " + LONG[: 60 + 20 * i], important=i % 2 == 0)
            for step in (0, 2, 3, 5):
                wheel(step)
                yield from h.frames(12)
                shown = [t.rect for t in app.flow.toasts.items if t.rect is not None]
                where = f"text size {text_size}, scrolled to {play.feed.scroll:.0f}"
                assert len(shown) <= MAX_SHOWN, f"{where}: {len(shown)} toasts"
                buttons = [b.rect for b in play.nav] + play.feed.visible_buttons()
                assert len(buttons) > len(play.nav), "posts with buttons in view"
                for rect in shown:
                    hit = [b for b in buttons if rect.colliderect(b)]
                    assert not hit, f"{where}: toast {rect} over {hit}"
                    assert not rect.colliderect(play.guide_rect), f"{where}: over the guide"
                shown_at[text_size] = shown_at.get(text_size, 0) + len(shown)
            h.letter("e")
            yield from h.frames(3)
            assert h.scene(app) != "PlayScene", "E asks before ending the day"
            for toast in app.flow.toasts.items:
                assert toast.rect is None or not toast.rect.colliderect(play.guide_rect)
            h.key(pygame.K_ESCAPE)
            yield from h.frames(3)
            assert h.scene(app) == "PlayScene"
            app.flow.toasts.clear()

    h.run(h.config(tmp_path, size=size), body)
    assert all(shown_at.get(i) for i in range(len(TEXT_SIZES))), shown_at
