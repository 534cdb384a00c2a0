"""Findings of the second new-player trial (feel-trial.md), each checked where a player sees it:
plural forms, declined requests, messages that agree with the bar, reasons for greyed buttons."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pygame
import pytest
from conftest import write_scenario
from ui_helpers import (
    SCENARIOS,
    config,
    frames,
    key,
    letter,
    new_game,
    run,
    scene,
    shipped_scenarios,
)

from game.core import commands as cmd
from game.core import saves
from game.core.checker import check_file
from game.core.codes import Code
from game.core.explain import say
from game.core.game import Game
from game.core.results import from_game
from game.ui.cards import Line
from game.ui.chart import chart_data, paint_chart
from game.ui.guide import BUTTONS, step_text
from game.ui.scenes.endday import left_text
from game.ui.session import Session
from game.ui.strings import Strings
from game.ui.text import TextCache
from game.ui.theme import Theme
from game.ui.widgets import UIContext

VIRAL = SCENARIOS / "viral-score.yaml"


@pytest.mark.parametrize(
    ("language", "posts", "unread", "expected"),
    [
        ("en", 1, 1, "You can still post today and react to 1 of today's posts."),
        ("en", 8, 3, "You can still post today and react to 3 of today's posts."),
        ("en", 10, 0, "You can still post today."),
        ("en", 0, 2, "You can still react to 2 of today's posts."),
        ("es", 1, 1, "Aún puedes publicar hoy y reaccionar a 1 publicación de hoy."),
        ("es", 9, 2, "Aún puedes publicar hoy y reaccionar a 2 publicaciones de hoy."),
        ("es", 0, 0, ""),
    ],
)
def test_what_is_left_today_uses_singular_and_plural(language, posts, unread, expected) -> None:
    """Seen: "8 ready-made post(s)" and "9 publicación(es) ya escrita(s)"; then "You can still
    publish 10 ready-made posts", which read like a quota: the sentence says that the player can
    still post, never how many ready-made posts are left."""
    flow = SimpleNamespace(strings=Strings(language))
    assert left_text(flow, posts, unread) == expected


def _save_day_2(tmp_path: Path, scenario_file: Path) -> None:
    """A save (in tmp_path) of a game of `scenario_file` at day 2."""
    game = Game(check_file(scenario_file).scenario, 1)
    game.apply(cmd.EndDay())
    saves.FileStore(tmp_path / "save.json").write(saves.save_to_json(game))


def _continue_label(tmp_path: Path) -> str:
    """The title's Continue label."""
    labels = []

    def body(app):
        yield
        assert scene(app) == "TitleScene"
        labels.append(app.top.continue_button.label)

    run(config(tmp_path), body)
    return labels[0]


def test_continue_names_a_saved_scenario_outside_the_list_by_its_title(tmp_path) -> None:
    """Seen: "Continue - viral-score.yaml - day 3 of ?" for a save of an earlier session."""
    elsewhere = tmp_path / "old" / "viral-score.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(VIRAL, elsewhere)
    _save_day_2(tmp_path, elsewhere)
    title = "The Score, as the 2015 stories told it"
    assert _continue_label(tmp_path) == f"Continue  -  {title} - day 2 of 7"


def test_continue_of_a_save_whose_scenario_is_gone_says_so_in_player_words(tmp_path) -> None:
    elsewhere = tmp_path / "old" / "viral-score.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(VIRAL, elsewhere)
    _save_day_2(tmp_path, elsewhere)
    elsewhere.unlink()
    assert _continue_label(tmp_path) == "Continue  -  a game from an earlier version - day 2"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_declined_friend_request_reads_as_declined_and_adds_no_friend(language) -> None:
    """Seen: asking Tao Sun showed "Request declined" and "Tao Sun unfriended you", and the
    results card counted a friend added."""
    path = VIRAL if language == "en" else SCENARIOS / "viral-score.es.yaml"
    game = Game(check_file(path).scenario, 3)
    said = [say(n.said, language) for n in game.apply(cmd.AddFriend("tao"))]
    assert not game.world.is_friend["tao"]
    unfriended = say(Code.of("notice.unfriend", name="Tao Sun"), language)
    declined = say(Code.of("notice.declined", name="Tao Sun"), language)
    assert unfriended not in said
    assert declined in said
    game.apply(cmd.AddFriend("tao"))  # asked again: declined again
    assert from_game(game).choices["friends_added"] == 0
    game.apply(cmd.RemoveFriend("jun"))
    game.apply(cmd.EndDay())
    game.apply(cmd.AddFriend("jun"))
    assert from_game(game).choices["friends_added"] == 1


def test_the_tier_banner_shows_the_score_after_the_latest_action(tmp_path) -> None:
    """Seen: "New tier: Trusted. You moved up. Score 703." over a bar at 713 (a second flag
    bought while the banner was still up)."""
    rules = """
- id: spend
  when: player_buys
  then: [{change_score: {who: player, by: -10}}]
"""
    path = write_scenario(tmp_path, rules)
    details = []

    def body(app):
        yield
        yield from new_game(app)
        app.flow.command(cmd.Buy("textbook"))  # 650 -> 640: down from "Good" to "Fair"
        yield from frames(2)
        details.append(app.motion.banner.detail)
        app.flow.command(cmd.Buy("textbook"))  # 640 -> 630 while the banner is still up
        yield from frames(2)
        details.append((app.motion.banner.detail, app.session.game.player.score))

    run(config(tmp_path, scenario_path=str(path)), body)
    assert details == ["You dropped. Score 640.", ("You dropped. Score 630.", 630)]


@pytest.mark.parametrize(
    ("name", "says"), [("viral-score.yaml", "starts at"), ("viral-score.es.yaml", "Empiezas con")]
)
def test_the_welcome_says_the_score_the_game_starts_at_not_a_score_the_bar_no_longer_shows(
    name, says
) -> None:
    """Seen: "Your score is 650" over a bar at 640 (the morning's -10 came first). The welcome
    now says where the score starts, as the briefing does; the bar's "This morning" explains
    the rest."""
    scenario = check_file(SCENARIOS / name).scenario
    game = Game(scenario, 7)
    welcome = say(game.log[0].said, scenario.language)
    start = scenario.player_score
    assert f"{says} {start}" in welcome
    assert game.player.score != start  # the morning rule moved the bar before the player looks
    assert str(game.player.score) not in welcome


def test_enter_twice_on_the_briefing_likes_no_post(tmp_path) -> None:
    """Seen: a double Enter on the briefing card started day 1 and liked Kai Liu's post."""

    def body(app):
        yield
        key(pygame.K_RETURN)  # New game
        yield from frames(2)
        assert scene(app) == "BriefingScene"
        actions = app.session.game.actions
        key(pygame.K_RETURN)  # Start day 1
        key(pygame.K_RETURN)  # ... and Enter again, in a hurry
        yield from frames(3)
        assert scene(app) == "PlayScene"
        assert app.session.game.actions == actions
        key(pygame.K_DOWN)  # the player moves in the feed: now Enter acts on what they chose
        key(pygame.K_UP)
        key(pygame.K_RETURN)
        yield from frames(2)
        assert len(app.session.game.actions) == len(actions) + 1

    run(config(tmp_path, scenario_path=str(VIRAL)), body)


def test_the_debrief_chart_paints_each_tier_in_the_top_bars_colour() -> None:
    """Seen: the top bar shows Ordinary yellow and Trusted light blue; the chart (showing only
    the tiers the score reached) painted Ordinary red and Trusted yellow."""
    scenario = check_file(VIRAL).scenario
    bar = {low: color for low, _high, color in Session(Game(scenario, 1), str(VIRAL), None)
           .hud_state().bands}  # fmt: skip
    data = chart_data(((0, 650), (1, 640), (2, 713)), scenario, 7, "Day", "Score")
    assert [t.low for t in data.tiers] != [t.low for t in scenario.tiers]  # a part of them
    assert [bar[t.low] for t in data.tiers] == list(data.colors)
    pygame.font.init()
    theme = Theme.for_size(800, 600)
    rect = pygame.Rect(0, 0, 700, theme.px(220))
    surface = pygame.Surface(rect.size)
    paint_chart(surface, rect, UIContext(theme, TextCache(theme)), data)
    painted = {surface.get_at((x, y))[:3] for x in range(rect.w) for y in range(rect.h)}
    assert {bar[t.low] for t in data.tiers} <= painted  # each band's colour bar, as in the top bar


@pytest.mark.parametrize("name", ["viral-score.yaml", "viral-score.es.yaml"])
def test_the_guide_names_each_button_as_the_button_reads(tmp_path, name) -> None:
    """Seen: the Spanish guide said "elige “Escribir una publicación”" over a button "Publicar"."""
    seen = []

    def body(app):
        yield
        yield from new_game(app)
        play = app.top
        labels = {b.id: b.label for b in play.nav}
        for step, button in BUTTONS.items():
            said = step_text(step, app.flow.strings, play.guide_button_label(step))
            seen.append((said, labels[button]))

    run(config(tmp_path, scenario_path=str(SCENARIOS / name)), body)
    assert len(seen) == 3
    if name.endswith(".es.yaml"):
        assert "\u201cPublicar\u201d" in seen[0][0]
    for sentence, label in seen:
        assert f"\u201c{label}\u201d" in sentence


GUIDE_ORDER = {
    "en": ("write a post", "friends", "end the day"),
    "es": ("escribe una publicación", "amigos", "termina el día"),
}


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.name)
def test_the_briefing_tells_what_to_try_first_in_the_guides_order(path) -> None:
    """Seen: the commercial briefing said "open the Shop, then write a post" over a guide whose
    first step is "write a post"."""
    scenario = check_file(path).scenario
    words = GUIDE_ORDER[scenario.language]
    first = [line.lower() for line in scenario.briefing if words[0] in line.lower()]
    assert first, "the briefing says what to try first"
    places = [first[0].find(w) for w in words]
    assert -1 not in places and places == sorted(places), first[0]


def test_the_friends_list_keeps_its_order_while_open(tmp_path) -> None:
    """Seen: adding or removing someone re-sorted the list at once, so the button under the
    pointer belonged to someone else (a double click could remove the wrong friend)."""
    orders = []

    def body(app):
        yield
        yield from new_game(app)
        letter("f")
        yield from frames(2)
        assert scene(app) == "FriendsScene"
        orders.append([c.key for c in app.top.list.cards])
        app.top.on_card(("person", "rui"), "add")  # Rui was last: not a friend yet
        yield from frames(2)
        assert app.session.game.world.is_friend["rui"]
        orders.append([c.key for c in app.top.list.cards])
        app.flow.command(cmd.RemoveFriend("mei"))  # was first
        yield from frames(2)
        orders.append([c.key for c in app.top.list.cards])
        key(pygame.K_ESCAPE)
        yield from frames(2)
        letter("f")  # opened again: friends first
        yield from frames(2)
        orders.append([c.key for c in app.top.list.cards])

    run(config(tmp_path, scenario_path=str(VIRAL)), body)
    assert orders[0] == orders[1] == orders[2]
    assert orders[3] != orders[0]


def _lines(card) -> list[str]:
    return [p.text for p in card.parts if isinstance(p, Line)]


@pytest.mark.parametrize(
    ("name", "removed", "posted"),
    [
        (
            "viral-score.yaml",
            "You removed this friend today; you can add them again tomorrow",
            "You already posted that today; try it again tomorrow",
        ),
        (
            "viral-score.es.yaml",
            "Quitaste a esta persona hoy; podrás añadirla de nuevo mañana",
            "Ya publicaste eso hoy; vuelve a probar mañana",
        ),
    ],
)
def test_a_greyed_out_button_says_why_in_player_words(tmp_path, name, removed, posted) -> None:
    """Seen: "Add friend" greyed after removing Jun, and used ready-made posts greyed, with no
    reason (only the Shop said "not enough money")."""
    found = {}

    def body(app):
        yield
        yield from new_game(app)
        game = app.session.game
        choice = game.choices[0].id
        app.flow.command(cmd.RemoveFriend("jun"))
        app.flow.command(cmd.Post(choice=choice))
        letter("f")
        yield from frames(2)
        cards = {c.key: c for c in app.top.list.cards}
        found["jun"] = (_lines(cards[("friend", "jun")]), cards[("friend", "jun")].buttons[0])
        found["mei"] = _lines(cards[("friend", "mei")])
        key(pygame.K_ESCAPE)
        yield from frames(2)
        letter("p")
        yield from frames(2)
        cards = {c.key: c for c in app.top.choices.cards}
        found["used"] = (_lines(cards[choice]), cards[choice].buttons[0].enabled)
        found["other"] = _lines(cards[game.choices[1].id])

    run(config(tmp_path, scenario_path=str(SCENARIOS / name)), body)
    lines, add = found["jun"]
    assert (add.id, add.enabled) == ("add", False)
    assert removed in lines
    assert removed not in found["mei"]
    lines, enabled = found["used"]
    assert not enabled and posted in lines
    assert posted not in found["other"]


def test_ending_the_last_day_says_the_week_ends(tmp_path) -> None:
    """Seen (speed trial): the "End day 7?" box did not say that it ends the game."""
    from game.ui.scenes.endday import ask_end_day

    asked: list[tuple[int, str]] = []

    def body(app):
        yield
        yield from new_game(app)
        game = app.session.game
        while True:
            ask_end_day(app.flow)
            yield from frames(1)
            asked.append((game.day, app.top.message))
            app.pop()
            if game.day == game.days:
                break
            app.flow.command(cmd.EndDay())
            yield from frames(1)

    run(config(tmp_path), body)
    *before, (day, last) = asked
    assert day == 7 and "It is the last day: the week ends" in last
    assert before and not any("last day" in message for _, message in before)
