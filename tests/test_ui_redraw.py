"""Frames are drawn only when something changed, and small changes redraw only their part.

Counted, not timed: ``App.drawn`` counts the frames drawn and shown, ``App.drawn_area`` is the
part of the window the last one drew. The loop keeps turning (and yielding) every frame.
"""

from __future__ import annotations

from pathlib import Path

import pygame
from ui_helpers import config, frames, key, letter, past_briefing, run, scene

from game.core import commands as cmd

SETTLE = 400  # frames of 1/30 s: longer than a toast (the default 5 s, up to 12 s with the
# player's setting: not changed here) and the score bar's flash (2.5 s)


def _toasts_gone(app) -> object:
    """Let every toast run out (toasts that wait for room show after the others)."""
    for _ in range(SETTLE):
        if not app.flow.toasts.items:
            break
        yield from frames(SETTLE // 4)


def _settled(app) -> object:
    """Let every animation and toast run out, then check nothing is drawn for a while."""
    yield from _toasts_gone(app)
    yield from frames(SETTLE)
    drawn, turns = app.drawn, app.frames
    yield from frames(60)
    assert app.frames == turns + 60, "the loop stopped turning"
    assert app.drawn == drawn, "an idle screen kept drawing"


def test_an_idle_feed_draws_nothing_and_each_change_draws_again(tmp_path: Path) -> None:
    window = pygame.Rect(0, 0, 1280, 800)

    def body(app):
        yield
        key(pygame.K_RETURN)  # New game
        yield from frames(2)
        yield from past_briefing(app)
        assert scene(app) == "PlayScene"
        yield from _settled(app)

        # input: one event, one frame drawn, then nothing again
        drawn = app.drawn
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(1, 1), buttons=(0, 0, 0))
        )
        yield from frames(30)
        assert app.drawn == drawn + 1 and app.drawn_area == window

        # a running animation: the feed eases to where the wheel sent it, a frame at a time
        drawn = app.drawn
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-3, precise_x=0.0, precise_y=-3.0)
        )
        yield from frames(3)
        assert app.drawn == drawn + 3, "the scrolling feed was not drawn every frame"
        assert app.drawn_area == app.top.feed.rect, "easing redraws only the feed"
        yield from _settled(app)

        # a new notice: a toast appears (everything drawn), fades (only the toast drawn), goes
        drawn = app.drawn
        app.flow.toasts.add("A notice from the score office.")
        yield
        assert app.drawn == drawn + 1 and app.drawn_area == window
        toast = app.flow.toasts.items[0]
        yield from frames(int((toast.ttl - 0.5) * 30) + 1)  # to the last half second: fading
        assert toast.ttl < 0.5
        yield
        assert app.drawn_area == toast.rect, "a fading toast redraws only itself"
        yield from _settled(app)
        assert not app.flow.toasts.items

        # the core's state: a like changes the game; the score bar counts in its own rectangle
        drawn = app.drawn
        post = app.session.game.feed[0]
        app.flow.command(cmd.Like(post.uid))
        yield
        assert app.drawn == drawn + 1
        yield from _settled(app)

    run(config(tmp_path), body)


def test_the_caret_blinks_by_redrawing_only_itself(tmp_path: Path) -> None:
    def body(app):
        yield
        key(pygame.K_RETURN)
        yield from frames(2)
        yield from past_briefing(app)
        letter("p")
        yield from frames(2)
        assert scene(app) == "ComposerScene"
        letter("W")  # typing gives the text box focus
        yield from _toasts_gone(app)
        yield from frames(SETTLE)
        drawn = app.drawn
        yield from frames(60)  # two seconds: the caret shows and hides twice each
        assert app.drawn - drawn == 4
        assert app.drawn_area == app.top.field.caret_area
        app.running = False

    run(config(tmp_path), body)


def test_the_first_day_guide_is_drawn_again_when_its_step_changes(tmp_path: Path) -> None:
    def body(app):
        yield
        key(pygame.K_RETURN)  # New game
        yield from frames(2)
        yield from past_briefing(app)
        play = app.top
        assert play.guide_step() == "post"
        yield from _settled(app)  # the guide's strip showing draws nothing while idle

        drawn = app.drawn
        choice = app.session.game.choices[0].id
        app.flow.command(cmd.Post(choice=choice))  # done without input: the flow asks
        yield
        assert play.guide_step() == "friend"
        assert app.drawn == drawn + 1 and app.drawn_area == pygame.Rect(0, 0, 1280, 800)
        yield from _settled(app)

    run(config(tmp_path), body)
