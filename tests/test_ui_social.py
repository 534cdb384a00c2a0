"""Social-app basics: profiles, comment threads, "Are you sure?" before big actions, a window
that fits the screen, a toolbar that stays one row, plurals."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from ui_helpers import (
    SCENARIOS,
    button_center,
    card_button,
    click,
    config,
    focus_to,
    frames,
    key,
    past_briefing,
    run,
    scene,
)

from game.core import commands as cmd
from game.core.results import CHOICE_KINDS
from game.ui import theme as th
from game.ui.present import count
from game.ui.scenes.play import NAV
from game.ui.strings import Strings
from game.ui.theme import fit_window


def start(app):
    """From the title screen, start the first scenario (Enter on New game)."""
    yield
    key(pygame.K_RETURN)
    yield from frames(2)
    yield from past_briefing(app)
    assert scene(app) == "PlayScene"
    app.flow.toasts.clear()


def friend_post(app):
    return next(p for p in app.session.game.feed if p.friend_id and not p.by_player)


def test_report_asks_first_and_cancel_reports_nothing(tmp_path: Path) -> None:
    def body(app):
        yield from start(app)
        post = friend_post(app)
        click(card_button(app, "feed", post.uid, "report"))
        yield from frames(2)
        assert scene(app) == "ConfirmScene"
        assert post.author_name in app.top.message
        key(pygame.K_RETURN)  # the focus starts on Cancel
        yield from frames(2)
        assert scene(app) == "PlayScene"
        assert cmd.ReportPost(post.uid) not in app.session.game.actions
        click(card_button(app, "feed", post.uid, "report"))
        yield from frames(2)
        click(button_center(app, "yes"))
        yield from frames(2)
        assert cmd.ReportPost(post.uid) in app.session.game.actions

    run(config(tmp_path), body)


def test_removing_a_friend_asks_first(tmp_path: Path) -> None:
    def body(app):
        yield from start(app)
        friend = next(f for f in app.session.game.friends if f.is_friend)
        key(ord("f"), unicode="f")
        yield from frames(2)
        click(card_button(app, "list", ("friend", friend.id), "remove"))
        yield from frames(2)
        assert scene(app) == "ConfirmScene"
        key(pygame.K_ESCAPE)
        yield from frames(2)
        assert scene(app) == "FriendsScene"
        assert cmd.RemoveFriend(friend.id) not in app.session.game.actions
        click(card_button(app, "list", ("friend", friend.id), "remove"))
        yield from frames(2)
        yield from focus_to(app, "yes")
        key(pygame.K_RETURN)
        yield from frames(2)
        assert cmd.RemoveFriend(friend.id) in app.session.game.actions

    run(config(tmp_path), body)


def test_tapping_a_name_opens_the_profile_and_the_count_opens_the_comments(tmp_path: Path) -> None:
    def body(app):
        yield from start(app)
        post = friend_post(app)
        click(app.top.feed.link_rect(post.uid, "profile").center)
        yield from frames(2)
        assert scene(app) == "PersonScene"
        assert app.top.friend_id == post.friend_id
        keys = [c.key for c in app.top.list.cards]
        assert ("friend", post.friend_id) in keys and post.uid in keys  # their card and post
        key(pygame.K_ESCAPE)
        yield from frames(2)
        click(app.top.feed.link_rect(post.uid, "comments").center)
        yield from frames(2)
        assert scene(app) == "ComposerScene" and app.top.comment_on == post.uid
        shown = app.top.thread.cards
        assert shown[0].key == post.uid and not shown[0].buttons  # the post being answered
        app.top.field.text = "Nice one"
        click(button_center(app, "send"))
        yield from frames(2)
        click(app.top.feed.link_rect(post.uid, "comments").center)
        yield from frames(2)
        assert any(c.key == "mine" for c in app.top.thread.cards)  # my comment is in the thread

    run(config(tmp_path), body)


def test_friends_panel_opens_a_profile_with_the_keyboard(tmp_path: Path) -> None:
    def body(app):
        yield from start(app)
        friend = next(f for f in app.session.game.friends if f.is_friend)
        key(ord("f"), unicode="f")
        yield from frames(2)
        widget = app.top.list
        widget.select(("friend", friend.id), "profile")
        yield from focus_to(app, "list")
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "PersonScene" and app.top.friend_id == friend.id

    run(config(tmp_path), body)


@pytest.mark.parametrize(
    ("asked", "screens", "expected"),
    [
        ((1280, 800), [(800, 600)], (800, 536)),
        ((1280, 800), [(1920, 1080)], (1280, 800)),
        ((1280, 800), [(1366, 768), (3840, 2160)], (1280, 704)),
        ((1280, 800), [], (1280, 800)),
        ((1280, 800), [(200, 100)], (320, 240)),
    ],
)
def test_the_window_fits_the_primary_screen(asked, screens, expected) -> None:
    assert fit_window(asked, screens) == expected


@pytest.mark.parametrize("scenario", ["viral-score.yaml", "viral-score.es.yaml"])
@pytest.mark.parametrize("text_size", [0, 1, 2, 3])
def test_the_toolbar_never_leaves_a_button_alone_on_a_row(
    tmp_path: Path, text_size, scenario
) -> None:
    def body(app):
        yield from start(app)
        settings = app.settings
        while settings.text_size != text_size:
            settings = settings.step("text_size", 1 if settings.text_size < text_size else -1)
        app.apply_settings(settings)
        yield from frames(2)
        rows: dict[int, int] = {}
        for button in app.top.nav:
            rows[button.rect.y] = rows.get(button.rect.y, 0) + 1
        assert len(rows) == 1 or min(rows.values()) > 1, rows
        assert {b.id for b in app.top.nav} == set(NAV)

    run(config(tmp_path, size=(800, 600), scenario_path=str(SCENARIOS / scenario)), body)


def test_messages_say_they_are_read_only(tmp_path: Path) -> None:
    def body(app):
        yield from start(app)
        key(ord("m"), unicode="m")
        yield from frames(2)
        assert scene(app) == "MessagesScene"
        assert app.top.list.cards[0].key == ("text", "read_only")

    run(config(tmp_path), body)


SINGULARS = {
    "en": {
        "likes": "1 like",
        "shares": "1 share",
        "comments": "1 comment",
        "times": "once",
        "friends_removed": "1 friend removed",
        "posts": "1 post",
    },
    "es": {
        "shares": "1 compartido",
        "comments": "1 comentario",
        "times": "una vez",
        "posts": "1 publicación",
        "friends_removed": "1 amigo quitado",
    },
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_counts_are_singular_for_one(language) -> None:
    s = Strings(language)
    for name in [name for name, _kind in CHOICE_KINDS] + ["times"]:
        one, two = count(s, f"count.{name}", 1), count(s, f"count.{name}", 2)
        assert not one.startswith("count.") and two.startswith("2 "), name
    for name, expected in SINGULARS[language].items():
        assert count(s, f"count.{name}", 1) == expected


def test_settings_switches_show_their_state_and_steps_stop_at_the_ends(tmp_path: Path) -> None:
    from game.ui.scenes.settings import SettingsScene

    def body(app):
        yield from start(app)
        app.push(SettingsScene(app.flow))
        yield from frames(2)
        motion = next(b for b in app.top.focus.items if b.id == "reduced_motion:toggle")
        assert motion.switch is app.settings.reduced_motion is False
        click(motion.rect.center)
        yield from frames(2)
        assert motion.switch is app.settings.reduced_motion is True
        larger = next(b for b in app.top.focus.items if b.id == "text_size:+1")
        for _ in range(6):
            click(larger.rect.center)
            yield from frames(2)
        assert not larger.enabled  # "Larger" says it is at the largest size
        assert app.settings.text_size == 3

    run(config(tmp_path), body)


def test_a_bought_item_says_so_in_the_shop(tmp_path: Path) -> None:
    def body(app):
        yield from start(app)
        key(ord("s"), unicode="s")
        yield from frames(2)
        game = app.session.game
        item = next(i for i in game.shop if game.can(cmd.Buy(i.id)) is None)
        card = next(c for c in app.top.list.cards if c.key == ("item", item.id))
        assert card.buttons[0].label == app.flow.strings("shop.buy_for", price=item.price)
        click(card_button(app, "list", ("item", item.id), "buy"))
        yield from frames(2)
        card = next(c for c in app.top.list.cards if c.key == ("item", item.id))
        assert (app.flow.strings("shop.bought"), th.GAIN) in card.parts[0].badges

    run(config(tmp_path), body)


def test_results_say_saved_without_a_path_and_count_in_the_singular(tmp_path: Path) -> None:
    from game.ui.scenes.results import ResultsScene

    seen: dict[str, object] = {}

    def body(app):
        yield from start(app)
        post = friend_post(app)
        app.flow.command(cmd.Share(post.uid))
        app.flow.command(cmd.Comment(post.uid, "Hi"))
        app.reset(ResultsScene(app.flow))
        yield from frames(2)
        results = app.top
        assert "folder" not in {item.id for item in results.focus.items}
        seen["saved"] = app.flow.strings("results.saved", folder=results.folder_words(tmp_path))
        counts = next(c for c in results.list.cards if c.key == "counts")
        seen["counts"] = (
            ", ".join(  # the stickers, read in order
                label for row in counts.parts[1:] for _icon, label, _color in row.items
            )
            + ","
        )
        seen["home"] = results.folder_words(Path.home())

    run(config(tmp_path), body)
    assert "1 share," in seen["counts"] and "1 comment," in seen["counts"]
    assert "1 shares" not in seen["counts"] and "1 comments" not in seen["counts"]
    assert seen["home"] == f"your folder \u201c{Path.home().name}\u201d"
    assert str(tmp_path) not in str(seen["saved"])  # a folder's name, never its path
