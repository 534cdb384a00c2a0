"""Saves and Continue, the error screen, F5 reload, window sizes, strings, input and the bench."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest
from ui_helpers import (
    SCENARIOS,
    button_center,
    config,
    end_the_day,
    focus_to,
    frames,
    key,
    letter,
    past_briefing,
    run,
    scene,
    shot,
    type_text,
)

from game.core import commands as cmd
from game.ui import input as ia
from game.ui.strings import TABLES, Strings
from game.ui.text import LRU

VIRAL = SCENARIOS / "viral-score.yaml"
BROKEN = """\
format: 1
title: "Broken"
description: "A file with mistakes."
language: en
minutes: 5
days: two
player: {name: "You", score: 650}
"""


def _play_a_day(app):
    """New game, a typed post, a like, end the day (autosave), back to the title via the menu."""
    key(pygame.K_RETURN)
    yield from frames(2)
    yield from past_briefing(app)
    letter("p")
    yield from frames(2)
    yield from focus_to(app, "text")
    type_text("Saving this for later")
    key(pygame.K_RETURN)
    yield from frames(2)
    yield from end_the_day(app)
    assert scene(app) == "SummaryScene"
    key(pygame.K_RETURN)
    yield from frames(2)
    post = app.session.game.feed[0]
    app.flow.command(cmd.Like(post.uid))
    yield


def test_save_and_continue_resumes_exactly(tmp_path: Path) -> None:
    """End of day autosaves; Save and quit, then Continue (also in a new app): the same game."""
    state = {}

    def first(app):
        yield
        yield from _play_a_day(app)
        game = app.session.game
        state.update(actions=game.actions, score=game.player.score, day=game.day, feed=game.feed)
        key(pygame.K_ESCAPE)
        yield from frames(2)
        assert scene(app) == "MenuScene"
        key(pygame.K_DOWN)
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "TitleScene"
        assert app.top.focus.current_id == "continue"
        shot(app, "title-continue")
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "PlayScene"
        assert app.session.game.actions == state["actions"]
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        yield

    run(config(tmp_path, scenario_path=str(VIRAL)), first)
    assert (tmp_path / "save.json").exists()

    def second(app):
        yield
        assert app.top.focus.current_id == "continue"
        key(pygame.K_RETURN)
        yield from frames(2)
        game = app.session.game
        assert game.actions == state["actions"]
        assert (game.player.score, game.day, game.feed) == (
            state["score"],
            state["day"],
            state["feed"],
        )

    run(config(tmp_path), second)


def test_damaged_save_is_reported_set_aside_and_a_new_game_starts(tmp_path: Path) -> None:
    """A save that is not JSON: a message on the title, the file moved aside, New game works."""
    (tmp_path / "save.json").write_text("{not json", encoding="utf-8")

    def body(app):
        yield
        assert "could not be read" in app.top.message
        assert "continue" not in [i.id for i in app.top.focus.items]
        shot(app, "title-damaged-save")
        key(pygame.K_RETURN)
        yield from frames(2)
        yield from past_briefing(app)
        assert scene(app) == "PlayScene"

    run(config(tmp_path), body)
    assert (tmp_path / "save.json.damaged").read_text(encoding="utf-8") == "{not json"


def test_error_scenario_shows_located_messages(tmp_path: Path) -> None:
    """A scenario with errors opens the error screen with the checker's file:line:col lines."""
    bad = tmp_path / "broken.yaml"
    bad.write_text(BROKEN, encoding="utf-8")

    def body(app):
        yield from frames(2)
        assert scene(app) == "ErrorScene"
        lines = app.top.lines
        assert lines and all(line.startswith(f"{bad}:") for line in lines)
        assert any(f"{bad}:6:" in line for line in lines)
        shot(app, "error-screen")
        bad.write_text(VIRAL.read_text(encoding="utf-8"), encoding="utf-8")
        key(pygame.K_F5)
        yield from frames(2)
        yield from past_briefing(app)
        assert scene(app) == "PlayScene"

    run(config(tmp_path, scenario_path=str(bad)), body)


def test_broken_scenario_in_the_picker_shows_its_errors(tmp_path: Path) -> None:
    """The picker lists a broken file as broken; choosing it shows the errors; Back returns."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")

    def body(app):
        yield
        yield from focus_to(app, "picker")
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "ErrorScene"
        key(pygame.K_ESCAPE)
        yield from frames(2)
        assert scene(app) == "TitleScene"

    run(config(tmp_path, scenarios_dir=folder), body)


def test_f5_reloads_and_replays_and_keeps_the_game_when_the_file_breaks(tmp_path: Path) -> None:
    """F5 after an edit replays the actions on the new file; F5 on a broken file keeps the game."""
    copy = tmp_path / "viral-score.yaml"
    shutil.copy(VIRAL, copy)
    text = copy.read_text(encoding="utf-8")

    def body(app):
        yield
        key(pygame.K_RETURN)
        yield from frames(2)
        yield from past_briefing(app)
        post = app.session.game.feed[0]
        app.flow.command(cmd.Like(post.uid))
        yield
        actions = app.session.game.actions
        copy.write_text(text.replace("money: 120", "money: 777", 1), encoding="utf-8")
        key(pygame.K_F5)
        yield from frames(2)
        assert app.session.game.actions == actions
        assert app.session.scenario.player_money == 777
        copy.write_text(text.replace("days: 7", "days: seven", 1), encoding="utf-8")
        key(pygame.K_F5)
        yield from frames(2)
        assert scene(app) == "ErrorScene"
        assert any(line.startswith(f"{copy}:") for line in app.top.lines)
        shot(app, "error-after-f5")
        key(pygame.K_ESCAPE)
        yield from frames(2)
        assert scene(app) == "PlayScene"
        assert app.session.game.actions == actions
        assert app.session.scenario.player_money == 777

    run(config(tmp_path, scenario_path=str(copy)), body)


SCENES = (
    ("p", "ComposerScene"),
    ("f", "FriendsScene"),
    ("k", "PerksScene"),
    ("s", "ShopScene"),
    ("h", "HistoryScene"),
)


def _inside(app) -> None:
    """Nothing clipped: every button and widget lies inside the window; buttons do not overlap."""
    window = pygame.Rect((0, 0), app.size)
    items = app.top.focus.items
    for item in items:
        assert window.contains(item.rect), f"{scene(app)}: {item.id} {item.rect} outside {window}"
        assert item.rect.width > 0 and item.rect.height > 0, f"{scene(app)}: {item.id} has no size"
    buttons = [i for i in items if not hasattr(i, "handle")]
    for i, a in enumerate(buttons):
        for b in buttons[i + 1 :]:
            assert not a.rect.colliderect(b.rect), f"{scene(app)}: {a.id} overlaps {b.id}"


@pytest.mark.parametrize(
    "size", [(800, 600), (1920, 1080), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}"
)
def test_every_scene_fits_the_window(tmp_path: Path, size: tuple[int, int]) -> None:
    """Title, feed, every panel, summary and debrief at a size: screenshots, nothing clipped."""
    tag = f"{size[0]}x{size[1]}"

    def body(app):
        yield
        _inside(app)
        shot(app, f"size-{tag}-title")
        key(pygame.K_RETURN)
        yield from frames(2)
        shot(app, f"size-{tag}-briefing")
        yield from past_briefing(app)
        app.flow.toasts.clear()
        _inside(app)
        shot(app, f"size-{tag}-feed")
        for shortcut, name in SCENES:
            letter(shortcut)
            yield from frames(2)
            assert scene(app) == name
            _inside(app)
            shot(app, f"size-{tag}-{name}")
            key(pygame.K_ESCAPE)
            yield from frames(2)
        key(pygame.K_ESCAPE)
        yield from frames(2)
        _inside(app)
        shot(app, f"size-{tag}-menu")
        key(pygame.K_ESCAPE)
        yield from end_the_day(app)
        yield from frames(28)
        _inside(app)
        shot(app, f"size-{tag}-summary")
        while scene(app) != "DebriefScene":
            key(pygame.K_RETURN)
            yield from frames(2)
            if scene(app) == "PlayScene":
                yield from end_the_day(app)
        _inside(app)
        shot(app, f"size-{tag}-debrief")
        key(pygame.K_END)
        yield from frames(20)
        shot(app, f"size-{tag}-debrief-end")

    run(config(tmp_path, size=size, scenario_path=str(VIRAL)), body)


def test_resizing_the_window_relays_out_the_scene(tmp_path: Path) -> None:
    """A resized window changes the scale and the layout follows."""

    def body(app):
        yield
        key(pygame.K_RETURN)
        yield from frames(2)
        yield from past_briefing(app)
        before = app.ctx.theme.scale
        pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)  # what the window manager does
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
        yield from frames(2)
        assert app.ctx.theme.scale > before
        _inside(app)
        assert button_center(app, "end_day")[0] < 1920

    run(config(tmp_path), body)


def test_spanish_scenario_gets_spanish_interface() -> None:
    """Strings follow the scenario's language; every language has every English key."""
    assert Strings("es")("nav.friends") == "Amigos"
    assert Strings("es-MX")("nav.friends") == "Amigos"
    assert Strings("xx")("nav.friends") == "Friends"
    for code, table in TABLES.items():
        missing = set(TABLES["en"]) - set(table) - {"app.title"}
        assert not missing, f"{code} lacks {sorted(missing)}"


def test_input_mapping_one_place() -> None:
    """Keys, Tab with Shift, text, mouse, touch (and SDL's mouse copies of touches) map once."""
    mapper = ia.InputMapper()
    size = (1000, 500)

    def one(event: pygame.event.Event) -> list[ia.Action]:
        return mapper.map(event, size)

    assert (
        one(
            pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=pygame.KMOD_SHIFT, unicode="")
        )[0].kind
        == ia.PREV
    )
    assert (
        one(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F5, mod=0, unicode=""))[0].kind
        == ia.RELOAD
    )
    assert one(pygame.event.Event(pygame.TEXTINPUT, text="ñ"))[0].text == "ñ"
    down = one(
        pygame.event.Event(pygame.FINGERDOWN, x=0.5, y=0.5, dx=0.0, dy=0.0, touch_id=1, finger_id=1)
    )
    assert down[0].kind == ia.PRESS and down[0].pos == (500, 250)
    copy = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(500, 250), button=1, touch=True)
    assert one(copy) == []


def test_text_cache_is_bounded() -> None:
    """The LRU never holds more than its capacity."""
    cache = LRU(3)
    for i in range(10):
        cache.put(i, i)
    assert len(cache) == 3 and cache.get(9) == 9 and cache.get(0) is None


def test_bench_renders_a_thousand_post_feed(tmp_path: Path) -> None:
    """The benchmark hook renders N frames of a 1,000-post feed and returns their times."""
    from game.bench.ui import frame_times, startup_steps

    times = frame_times(posts=1000, frames=30, size=(1280, 800))
    assert len(times) == 30 and all(t > 0 for t in times)
    marks = startup_steps(VIRAL)
    assert marks["total"] > 0


def test_the_picker_lists_scenarios_in_teaching_order_broken_last(tmp_path: Path) -> None:
    from game.ui.scenes.title import find_scenarios

    for name in ("blacklists.yaml", "viral-score.yaml", "commercial-score.yaml"):
        shutil.copy(SCENARIOS / name, tmp_path / name)
    (tmp_path / "aaa-broken.yaml").write_text("format: 1\ntitle: x\n")
    names = [Path(e.path).name for e in find_scenarios(tmp_path)]
    assert names == [
        "viral-score.yaml",
        "commercial-score.yaml",
        "blacklists.yaml",
        "aaa-broken.yaml",
    ]


def test_typing_in_the_composer_writes_even_before_the_text_box_has_focus(tmp_path: Path) -> None:
    """A player who opens 'Write a post' and just types gets their words in the box."""

    def body(app):
        yield
        key(pygame.K_RETURN)  # New game
        yield from frames(2)
        yield from past_briefing(app)
        letter("p")
        yield from frames(2)
        assert scene(app) == "ComposerScene"
        assert app.top.focus.current is not app.top.field
        letter("W")  # a key press while no text box has focus
        yield from frames(2)
        assert app.top.focus.current is app.top.field
        type_text("hy?")  # the rest arrives as text input, as SDL sends it
        yield from frames(2)
        assert app.top.field.text == "Why?"
        app.running = False

    run(config(tmp_path), body)
