"""The shortcuts that keep a frame fast draw exactly what the plain way draws.

Caches return a fresh drawing when what it shows changed (a post's likes, the text size, the
width); reused surfaces, fast fills, areas drawn apart and the scrolled feed give the same
pixels as drawing everything again. Speed itself is measured by ``python -m game bench``.
"""

from __future__ import annotations

import dataclasses
import os
import random

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest

from game.ui.avatars import Face
from game.ui.cards import Author, Card, CardButton, CardPainter, Counts, Line
from game.ui.motion import Motion
from game.ui.redraw import Redraw, merged
from game.ui.text import TextCache
from game.ui.theme import BG, Theme
from game.ui.widgets import UIContext, fill


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((64, 64))


def ctx(text_scale: float = 1.0) -> UIContext:
    theme = Theme.for_size(1280, 800, text_scale)
    return UIContext(theme, TextCache(theme))


def post(uid: int, likes: int, text: str = "The bus was on time today.") -> Card:
    """A card shaped like a feed post: author, text, counts and four buttons."""
    return Card(
        uid,
        (
            Author(Face(f"f{uid}", f"Friend {uid}"), f"Friend {uid}", "@friend · today"),
            Line(text),
            Counts((("heart", f"{likes} likes", (170, 176, 196)),)),
        ),
        tuple(CardButton(b, b.title(), icon="heart") for b in ("like", "share", "report")),
        accent=(110, 200, 150),
    )


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def test_fill_gives_the_pixels_of_surface_fill_for_any_rectangle_and_clip() -> None:
    rng = random.Random(5)
    screen = pygame.Surface((300, 120))
    for _ in range(400):
        rect = pygame.Rect(rng.randint(-20, 300), rng.randint(-20, 120), rng.randint(0, 330), 30)
        clip = pygame.Rect(rng.randint(0, 90), rng.randint(0, 60), rng.randint(0, 300), 90)
        color = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        clipped, whole = rng.random() < 0.5, rng.random() < 0.3
        plain, fast = screen.copy(), screen.copy()
        for surface in (plain, fast):
            surface.fill((9, 9, 9))
            surface.set_clip(clip if clipped else None)
        plain.fill(color, None if whole else rect)
        fill(fast, color, None if whole else rect)
        assert pixels(plain) == pixels(fast), (rect, clip)


def test_overlapping_parts_are_merged_and_apart_ones_drawn_apart() -> None:
    a, b, c = pygame.Rect(0, 0, 10, 10), pygame.Rect(5, 5, 10, 10), pygame.Rect(50, 0, 5, 5)
    assert merged([a, c, b, pygame.Rect(3, 3, 0, 4)]) == [c, pygame.Rect(0, 0, 15, 15)]
    redraw = Redraw()
    screen = pygame.Rect(0, 0, 100, 100)
    assert redraw.take_areas(screen) == [screen], "at first everything"
    assert redraw.take_areas(screen) == [], "then nothing until something changed"
    redraw.parts_of([c, pygame.Rect(90, 90, 20, 20)])
    assert redraw.take_areas(screen) == [c, pygame.Rect(90, 90, 10, 10)]


def test_a_card_is_painted_again_when_its_likes_text_size_or_width_change() -> None:
    painter, plain = CardPainter(), ctx()
    first = painter.paint(post(1, 3), 600, plain, BG)
    assert painter.paint(post(1, 3), 600, plain, BG) is first, "the same card: from the cache"
    liked = painter.paint(post(1, 4), 600, plain, BG)
    assert liked is not first and pixels(liked.surface) != pixels(first.surface)
    bigger = painter.paint(post(1, 3), 600, ctx(1.25), BG)
    assert bigger.surface.get_height() > first.surface.get_height()
    assert painter.paint(post(1, 3), 500, plain, BG).surface.get_width() == 500


def test_cards_painted_on_reused_surfaces_look_like_freshly_painted_ones() -> None:
    painter, plain = CardPainter(surfaces=3), ctx()
    cards = [post(uid, uid, "Short." if uid % 2 else "A longer post. " * 9) for uid in range(12)]
    for card in cards:
        painted = painter.paint(card, 600, plain, BG)
        fresh = CardPainter().paint(card, 600, plain, BG)
        assert painted.surface.get_size() == fresh.surface.get_size()
        assert pixels(painted.surface) == pixels(fresh.surface), card.key
    assert len(painter.surfaces) == 3 and len(painter.spares) <= 5, "both caches stay bounded"
    assert any(p.surface.get_parent() is not None for p in painter.surfaces._data.values())


@pytest.mark.parametrize("text_scale", [0.85, 1.0, 1.5])
def test_a_card_on_a_dirty_surface_is_painted_all_over(text_scale: float) -> None:
    """Only the card's rounded corners are cleared before its shape is drawn: the card looks
    the same as one painted on a surface cleared all over."""
    from game.ui.cards import Painted

    plain = ctx(text_scale)
    for accent in (None, (110, 200, 150)):
        card = dataclasses.replace(post(3, 9), accent=accent)
        painter = CardPainter()
        painter.spares = [pygame.Surface((600, 900))]
        painter.spares[0].fill((255, 0, 255))
        painted = painter.paint(card, 600, plain, BG).surface
        reference = pygame.Surface(painted.get_size())
        reference.fill(BG)
        painter._shape(card, reference, plain)
        painter._layout(card, 600, plain, Painted(reference, []))
        assert pixels(painted) == pixels(reference)


def test_reserved_surfaces_are_painted_on_and_no_new_one_is_made() -> None:
    painter, plain = CardPainter(surfaces=4), ctx()
    painter.reserve((600, 400))
    reserved = {id(s) for s in painter.spares}
    assert len(reserved) == 6
    for uid in range(20):
        whole = painter.paint(post(uid, uid), 600, plain, BG).surface.get_parent()
        assert id(whole) in reserved
    painter.reserve((600, 400))
    assert len(painter.spares) + len(painter.surfaces) == 6, "reserving twice makes no more"


def test_a_card_painted_ahead_a_step_at_a_time_is_the_card_painted_at_once() -> None:
    painter, plain = CardPainter(), ctx()
    card = post(7, 12, "Painted ahead, a part each frame.")
    steps = 0
    while painter.paint_ahead(card, 600, plain, BG):
        steps += 1
        assert steps < 20
    assert steps > 3, "started, the card's shape, then each part: several steps"
    ahead = painter.paint(card, 600, plain, BG)
    assert not painter.started and painter.paint_ahead(card, 600, plain, BG) is False
    assert pixels(ahead.surface) == pixels(CardPainter().paint(card, 600, plain, BG).surface)
    others = [post(uid, 1) for uid in range(3)]
    for other in others:
        painter.paint_ahead(other, 600, plain, BG)
    assert len(painter.started) == 2, "at most two cards are half painted"
    half = painter.paint(others[0], 600, plain, BG)  # given up on, painted whole when needed
    assert pixels(half.surface) == pixels(CardPainter().paint(others[0], 600, plain, BG).surface)


def test_a_list_paints_the_cards_about_to_come_into_view_with_the_time_it_is_given() -> None:
    import time

    from game.ui.listview import CardList

    plain, screen = ctx(), pygame.Surface((600, 400))
    feed = CardList("feed")
    feed.background = BG
    feed.set_rect(pygame.Rect(0, 0, 600, 400), plain)
    feed.set_cards([post(uid, uid) for uid in range(30)], plain)
    feed.draw(screen, plain, False)
    below = next(i for i, top in enumerate(feed.offsets) if top > 400)
    card = feed.cards[below]
    feed.prepare(time.perf_counter())  # no time left, and nothing owed: nothing
    assert not feed.painter.started
    feed.target = 200.0
    feed.update(1 / 30)  # the list moved on: the next card is owed a few steps
    feed.prepare(time.perf_counter())  # so a step in the grace time all the same
    assert len(feed.painter.started) == 1 and not feed.painter.surfaces.get(
        (card, feed._width, plain.theme.scale, plain.theme.text_scale, BG)
    )
    feed.prepare(time.perf_counter() + 1)
    assert not feed.painter.paint_ahead(card, feed._width, plain, BG), "painted ahead"
    assert not feed.painter.paint_ahead(feed.cards[below + 1], feed._width, plain, BG)


def test_moving_things_say_where_they_were_and_are_and_nothing_while_they_look_the_same() -> None:
    plain, size = ctx(), (1280, 800)
    screen = pygame.Surface(size)
    screen.fill(BG)
    motion = Motion()
    motion.score(-30, (400, 300))
    whole = pygame.Rect((0, 0), size)
    assert motion.update(0.0, plain, size) == [whole], "a new float is placed on a whole frame"
    motion.draw(screen, plain)
    (came,) = motion.update(0.0, plain, size)
    assert abs(came.centerx - 400) < 300 and abs(came.centery - 300) < 300, "near the change"
    assert motion.update(0.001, plain, size) == [], "a millisecond later it looks the same"
    was, now = motion.update(0.1, plain, size)
    assert was == came and now.y < was.y, "it rose: both places are drawn again"
    motion.update(5.0, plain, size)
    assert motion.update(0.1, plain, size) == [], "the float is gone: nothing to draw"

    still = Motion(reduced=True)
    still.tier("New tier: Low", "You dropped.", (190, 30, 45), False)
    (banner,) = still.update(0.1, plain, size)
    assert still.update(0.1, plain, size) == [], "a banner that does not move is not redrawn"
    assert still.update(5.0, plain, size) == [banner] and still.banner is None


def test_the_score_bar_is_redrawn_only_when_its_number_or_colour_changes() -> None:
    from game.ui.hud import Hud, HudState

    hud = Hud()
    state = HudState("Score", 500, "Middle", 1, 7, 0, None, None, 0)
    hud.set_state(state)
    hud.set_state(dataclasses.replace(state, score=525, last_delta=25, changes=1))
    assert hud.update(0.001), "the change starts the count and tints the bar"
    looks = [hud.update(0.001) for _ in range(2000)]
    assert 20 < sum(looks) < 1000, "redrawn as the number counts and the tint fades, not each ms"
    assert round(hud.shown) == 525 and not hud.update(0.001)


def test_a_float_and_a_banner_are_drawn_once_and_then_only_blitted() -> None:
    plain, screen = ctx(), pygame.Surface((1280, 800))
    motion = Motion()
    motion.score(25, (300, 300))
    motion.tier("New tier: High", "Score 700.", (60, 160, 90), True)
    motion.draw(screen, plain)
    drawn = len(motion.images)
    for _ in range(5):
        motion.update(0.05, plain, screen.get_size())
        motion.draw(screen, plain)
    assert len(motion.images) == drawn == 2
    motion.banner = dataclasses.replace(motion.banner, detail="Score 710.")
    motion.draw(screen, plain)
    assert len(motion.images) == 3, "a banner that says something new is drawn again"


def test_a_feed_scrolled_and_animated_in_parts_looks_like_it_drawn_whole(tmp_path) -> None:
    """Frame after frame the feed scrolls (drawn alone), a change floats up, the banner slides
    in, the bar counts and a toast fades: the window then is exactly a full redraw of it."""
    from ui_helpers import config, frames, new_game, run

    from game.core import commands as cmd

    checked = []

    def compare(app) -> None:
        whole = app.surface.copy()
        whole.fill((255, 0, 255))  # a colour nothing draws: a pixel left undrawn shows
        app.draw(whole)
        assert pixels(app.surface) == pixels(whole), f"frame {app.frames} differs"
        checked.append(app.drawn_area)

    def body(app):
        yield
        yield from new_game(app)
        for _ in range(3):
            app.flow.command(cmd.EndDay())
        yield from frames(200)  # let the day's toasts and changes settle
        app.flow.toasts.add("A notice from the score office.")
        base = app.flow.hud.state
        app.flow.hud.set_state(dataclasses.replace(base, score=base.score - 30, last_delta=-30))
        app.motion.score(-30, app.flow.hud.number_pos)
        app.motion.tier("New tier: Low", "You dropped.", (190, 30, 45), False)
        for step in range(120):
            dy = -1.0 if step < 60 else 2.0
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=0, precise_x=0.0, precise_y=dy)
            )
            yield
            if step % 7 == 3:
                compare(app)
        feed = app.top.feed.rect
        assert any(area == feed for area in checked), "some frames drew the feed alone"
        assert any(area != feed for area in checked), "and some the moving things with it"

    run(config(tmp_path), body)
