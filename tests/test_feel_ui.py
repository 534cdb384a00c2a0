"""Feel the score, in the real app loop: the composer keeps every character, a day cannot be
skipped by accident, and the numbers on screen agree."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from ui_helpers import (
    SCENARIOS,
    config,
    end_the_day,
    focus_to,
    frames,
    key,
    letter,
    new_game,
    run,
    scene,
    type_text,
)

VIRAL = SCENARIOS / "viral-score.yaml"


def _first_key(char: str, k: int, mod: int = 0) -> None:
    """A key press as SDL reports it with text input on: KEYDOWN, then TEXTINPUT."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=char, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=char, scancode=0))


def _in_a_new_game(tmp_path: Path, steps) -> None:
    """Run `steps(app)` (a generator) in a new game of the viral scenario, past its briefing."""

    def body(app):
        yield
        yield from new_game(app)
        yield from steps(app)
        app.running = False

    run(config(tmp_path, scenario_path=str(VIRAL)), body)


@pytest.mark.parametrize(
    ("first", "k", "mod", "rest"),
    [
        ("#", pygame.K_3, pygame.KMOD_SHIFT, "libertad"),
        ("!", pygame.K_1, pygame.KMOD_SHIFT, "wow"),
        ("¿", pygame.K_EQUALS, 0, "Por qué"),
        ("W", pygame.K_w, pygame.KMOD_SHIFT, "hy?"),
    ],
)
def test_the_first_character_typed_before_focus_is_kept(tmp_path, first, k, mod, rest) -> None:
    """Seen: "#libertad" -> "3libertad", "!wow" -> "1wow", "¿Por qué" lost its "¿"."""

    def steps(app):
        letter("p")
        yield from frames(2)
        assert scene(app) == "ComposerScene"
        assert app.top.focus.current is not app.top.field
        _first_key(first, k, mod)
        yield from frames(2)
        type_text(rest)
        yield from frames(2)
        assert app.top.field.text == first + rest

    _in_a_new_game(tmp_path, steps)


def test_input_method_text_is_shown_while_composed_and_kept_when_typed(tmp_path) -> None:
    def steps(app):
        letter("p")
        yield from frames(2)
        pygame.event.post(pygame.event.Event(pygame.TEXTEDITING, text="ni", start=2, length=0))
        yield from frames(2)
        field = app.top.field
        assert (app.top.focus.current is field, field.text, field.composing) == (True, "", "ni")
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="你"))
        type_text("好 ñandú")
        yield from frames(2)
        assert (field.text, field.composing) == ("你好 ñandú", "")

    _in_a_new_game(tmp_path, steps)


def test_enter_pressed_twice_after_a_summary_cannot_skip_a_day(tmp_path) -> None:
    """Seen: Enter twice after a summary skipped a whole day (focus was on 'End the day')."""

    def steps(app):
        yield from focus_to(app, "end_day")
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "ConfirmScene"
        assert app.top.focus.current_id == "keep"
        key(pygame.K_RETURN)  # Enter again, as a player in a hurry would
        yield from frames(2)
        assert (scene(app), app.session.game.day) == ("PlayScene", 1)
        yield from end_the_day(app)
        assert scene(app) == "SummaryScene"
        for _ in range(4):  # Enter pressed (or held) four more times
            key(pygame.K_RETURN)
            yield from frames(1)
        yield from frames(2)
        assert app.session.game.day == 2
        assert scene(app) in ("PlayScene", "ConfirmScene")
        assert app.top.focus.current_id in ("feed", "keep")

    _in_a_new_game(tmp_path, steps)


def test_a_key_held_down_cannot_skip_a_day(tmp_path: Path) -> None:
    def steps(app):
        for _ in range(12):  # E and Enter held: the OS repeats both
            letter("e")
            key(pygame.K_RETURN)
            yield from frames(1)
        yield from frames(2)
        assert app.session.game.day == 1

    _in_a_new_game(tmp_path, steps)


def test_the_key_that_opens_the_composer_is_not_typed_into_it(tmp_path) -> None:
    """Found in the new-player trial: pressing P (with SDL's text input on) wrote "p"."""

    def steps(app):
        _first_key("p", pygame.K_p)
        yield from frames(2)
        assert scene(app) == "ComposerScene"
        _first_key("#", pygame.K_3, pygame.KMOD_SHIFT)
        type_text("hola")
        yield from frames(2)
        assert app.top.field.text == "#hola"

    _in_a_new_game(tmp_path, steps)


def test_bar_summary_history_and_debrief_agree_after_a_day_of_many_rules(tmp_path) -> None:
    """Seen: a post that cost 50 showed "-10"; the summary said 650 -> 587 over a bar at 577."""
    from game.core import commands as cmd
    from game.ui.cards import Delta

    def steps(app):
        session = app.session
        start = session.scenario.player_score
        before = session.game.player.score
        app.flow.command(cmd.Post(choice="ask-1989"))  # political: several rules at once
        yield from frames(2)
        hud = app.flow.hud.state
        mine = [c for c in session.game.history if c.who == "player"]
        assert len(hud.breakdown) >= 2
        assert hud.last_delta == session.game.player.score - before == hud.score - before
        assert sum(d for d, _ in hud.breakdown) == hud.last_delta
        yield from end_the_day(app)
        assert scene(app) == "SummaryScene"
        cards = {c.key: c for c in app.top.cards()}
        spans = [p for p in cards["score"].parts if isinstance(p, Delta)]
        day = spans[0]
        assert day.under.endswith(f"{start} \u2192 {start + day.delta}")
        now = spans[-1]
        bar = app.flow.hud.state.score
        assert now.under.endswith(f"\u2192 {bar}")  # the summary agrees with the bar
        mine = [c for c in session.game.history if c.who == "player"]
        assert start + sum(c.delta for c in mine) == bar  # and with the history
        app.top.activate("next", None)
        yield from frames(2)
        while not session.game.over:
            app.flow.command(cmd.EndDay())
            yield
        series = session.game.score_series
        assert series[-1][1] == session.game.player.score == app.flow.hud.state.score
        assert start + sum(c.delta for c in session.game.history if c.who == "player") == (
            session.game.player.score
        )

    _in_a_new_game(tmp_path, steps)
