"""Notices you can read: toasts stay by length, never clip, and important ones are never pushed
out by minor ones (seen: four 'no longer applies' toasts pushed 'Judgment paid' off)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest

from game.ui.text import TextCache
from game.ui.theme import Theme
from game.ui.toasts import MAX_LINES, TOAST_SECONDS, Toasts, reading_seconds
from game.ui.widgets import UIContext

LONG = " ".join(["Your phone bill (40) is due on day 2 and your electricity bill on day 5."] * 3)


@pytest.fixture
def ctx():
    pygame.display.init()
    pygame.font.init()
    theme = Theme.for_size(1280, 800)
    yield UIContext(theme, TextCache(theme))
    pygame.quit()


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
