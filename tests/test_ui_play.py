"""The real app loop, driven headless by posted pygame events, plays every shipped scenario."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from ui_helpers import (
    button_center,
    card_button,
    click,
    click_to_debrief,
    config,
    drag,
    end_the_day,
    focus_to,
    frames,
    key,
    letter,
    past_briefing,
    run,
    scene,
    shipped_scenarios,
    shot,
    tap,
    type_text,
)

from game.core import commands as cmd
from game.core.checker import check_file

TYPED = "Hola, señor! ¿Qué tal?"


def pick_scenario(app, path: Path):
    """From the title screen, choose `path` in the picker with the keyboard."""
    paths = [Path(e.path).resolve() for e in app.top.entries]
    index = paths.index(path.resolve())
    yield from focus_to(app, "picker")
    for _ in range(index):
        key(pygame.K_DOWN)
        yield
    key(pygame.K_RETURN)
    yield from frames(2)
    yield from past_briefing(app)
    assert scene(app) == "PlayScene"


def select_card(app, list_id: str, card_key: object, button_index: int):
    """Keyboard: Down (or Up) through a card list until `card_key` is selected, then Right."""
    widget = next(i for i in app.top.focus.items if i.id == list_id)
    yield from focus_to(app, list_id)
    for _ in range(len(widget.cards) + 2):
        if widget.cards[widget.selected].key == card_key:
            break
        key(pygame.K_DOWN)
        yield
    assert widget.cards[widget.selected].key == card_key
    for _ in range(button_index):
        key(pygame.K_RIGHT)
        yield


def play_to_debrief(app, name: str):
    """End days (with the keyboard) until the debrief shows."""
    for day in range(100):
        if scene(app) == "DebriefScene":
            return
        if scene(app) == "EndingScene":  # the ending card, then the debrief
            shot(app, f"{name}-ending")
            key(pygame.K_RETURN)
            yield from frames(2)
            continue
        if scene(app) != "SummaryScene":
            yield from end_the_day(app)
        assert scene(app) == "SummaryScene"
        if day == 0:
            shot(app, f"{name}-summary")
        key(pygame.K_RETURN)
        yield from frames(2)
    raise AssertionError("never reached the debrief")


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_keyboard_only_plays_scenario_from_title_to_debrief(tmp_path: Path, path: Path) -> None:
    """Typed post, a report, a purchase, a reported friend, then every day to the debrief."""
    name = f"kb-{path.stem}"

    def body(app):
        yield
        shot(app, f"{name}-title")
        yield from pick_scenario(app, path)
        game = app.session.game
        app.flow.toasts.clear()
        shot(app, f"{name}-feed")
        if game.free_text:
            letter("p")
            yield from frames(2)
            assert scene(app) == "ComposerScene"
            yield from focus_to(app, "text")
            type_text(TYPED + "x")
            key(pygame.K_BACKSPACE)
            yield from frames(2)
            assert app.top.field.text == TYPED
            shot(app, f"{name}-composer")
            key(pygame.K_RETURN)
            yield from frames(2)
            assert scene(app) in ("PlayScene", "SummaryScene")
            assert any(p.by_player and p.text == TYPED for p in app.session.game.feed)
        if not app.session.game.over:
            target = next(p for p in app.session.game.feed if not p.by_player)
            yield from select_card(app, "feed", target.uid, 3)
            key(pygame.K_RETURN)
            yield from frames(2)
            assert scene(app) == "ConfirmScene"  # a report is asked about first
            yield from focus_to(app, "yes")
            key(pygame.K_RETURN)
            yield from frames(2)
            assert cmd.ReportPost(target.uid) in app.session.game.actions
        game = app.session.game
        if not game.over and any(game.can(cmd.Buy(i.id)) is None for i in game.shop):
            item = next(i for i in game.shop if game.can(cmd.Buy(i.id)) is None)
            money = game.player.money
            letter("s")
            yield from frames(2)
            assert scene(app) == "ShopScene"
            yield from select_card(app, "list", ("item", item.id), 0)
            shot(app, f"{name}-shop")
            key(pygame.K_RETURN)
            yield from frames(2)
            assert cmd.Buy(item.id) in app.session.game.actions
            assert app.session.game.player.money == money - item.price
            if scene(app) == "ShopScene":
                key(pygame.K_ESCAPE)
                yield from frames(2)
        game = app.session.game
        friend = next((f for f in game.friends if f.is_friend), None)
        if not game.over and friend is not None:
            letter("f")
            yield from frames(2)
            assert scene(app) == "FriendsScene"
            yield from select_card(app, "list", ("friend", friend.id), 1)
            shot(app, f"{name}-friends")
            key(pygame.K_RETURN)
            yield from frames(2)
            assert scene(app) == "ConfirmScene"
            yield from focus_to(app, "yes")
            key(pygame.K_RETURN)
            yield from frames(2)
            assert cmd.ReportFriend(friend.id) in app.session.game.actions
            if scene(app) == "FriendsScene":
                key(pygame.K_ESCAPE)
                yield from frames(2)
        for shortcut, expected in (("k", "PerksScene"), ("h", "HistoryScene")):
            if app.session.game.over:
                break
            letter(shortcut)
            yield from frames(2)
            assert scene(app) == expected
            shot(app, f"{name}-{expected.lower()}")
            key(pygame.K_ESCAPE)
            yield from frames(2)
        yield from play_to_debrief(app, name)
        assert app.session.game.over
        yield from frames(3)
        shot(app, f"{name}-debrief")
        titles = [str(c.key) for c in app.top.list.cards]
        assert "chart" in titles
        key(pygame.K_TAB)  # list -> Play again
        yield
        assert app.top.focus.current_id == "again"
        key(pygame.K_RETURN)
        yield from frames(2)
        yield from past_briefing(app)
        assert scene(app) == "PlayScene"
        assert app.session.game.actions == ()

    hidden = check_file(path).scenario.hidden  # a hidden file (the template) is opened by name
    run(config(tmp_path, scenario_path=str(path) if hidden else None), body)


def test_mouse_only_plays_to_the_debrief(tmp_path: Path) -> None:
    """Clicks only: pick, like, post a choice, buy, end every day, play again, choose another."""
    path = next(p for p in shipped_scenarios() if p.stem == "viral-score")

    def body(app):
        yield
        index = [Path(e.path).resolve() for e in app.top.entries].index(path.resolve())
        click(card_button(app, "picker", ("scenario", index), "play"))
        yield from frames(2)
        assert scene(app) == "BriefingScene"
        click(button_center(app, "close"))  # the briefing card: "Start day 1"
        yield from frames(2)
        assert scene(app) == "PlayScene"
        post = app.session.game.feed[0]
        click(card_button(app, "feed", post.uid, "like"))
        yield from frames(2)
        assert cmd.Like(post.uid) in app.session.game.actions
        click(button_center(app, "post"))
        yield from frames(2)
        choice = app.session.game.choices[0]
        click(card_button(app, "choices", choice.id, "use"))
        yield from frames(2)
        assert cmd.Post(choice=choice.id) in app.session.game.actions
        click(button_center(app, "shop"))
        yield from frames(2)
        game = app.session.game
        item = next(i for i in game.shop if game.can(cmd.Buy(i.id)) is None)
        click(card_button(app, "list", ("item", item.id), "buy"))
        yield from frames(2)
        assert cmd.Buy(item.id) in app.session.game.actions
        click(button_center(app, "close"))
        yield from frames(2)
        yield from click_to_debrief(app)
        assert scene(app) == "DebriefScene"
        click(button_center(app, "other"))
        yield from frames(2)
        assert scene(app) == "TitleScene"

    run(config(tmp_path), body)


def test_touch_taps_and_drags(tmp_path: Path) -> None:
    """FINGER events: a tap opens a panel and closes it, a drag scrolls the feed."""

    def body(app):
        yield
        size = app.size
        tap(button_center(app, "new"), size)
        yield from frames(2)
        tap(button_center(app, "close"), size)  # the briefing card: "Start day 1"
        yield from frames(2)
        assert scene(app) == "PlayScene"
        feed = app.top.feed
        start = feed.rect.center
        drag(start, -feed.rect.height // 2, size)
        yield from frames(3)
        assert feed.scroll > 0
        tap(button_center(app, "friends"), size)
        yield from frames(2)
        assert scene(app) == "FriendsScene"
        tap(button_center(app, "close"), size)
        yield from frames(2)
        assert scene(app) == "PlayScene"

    run(config(tmp_path), body)


def test_comment_with_typed_text(tmp_path: Path) -> None:
    """Comment opens a text box; the comment is sent to the core and shown under the post."""

    def body(app):
        yield
        key(pygame.K_RETURN)  # New game (focused first)
        yield from frames(2)
        yield from past_briefing(app)
        post = next(p for p in app.session.game.feed if not p.by_player)
        yield from select_card(app, "feed", post.uid, 2)
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "ComposerScene"
        type_text("Well said")
        key(pygame.K_RETURN)
        yield from frames(2)
        assert cmd.Comment(post.uid, "Well said") in app.session.game.actions

    run(config(tmp_path), body)
