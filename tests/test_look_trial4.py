"""Findings of the fourth new-player trial of the look (issue 12): each test names what was seen.

English and Spanish wherever words are involved; the app runs for real (headless) where a screen
is involved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import (
    SCENARIOS,
    button_center,
    card_button,
    click,
    config,
    frames,
    new_game,
    run,
    scene,
)

from game.core import commands as cmd
from game.core.checker import check_file
from game.core.game import Game
from game.ui.cards import Line
from game.ui.present import friend_card
from game.ui.scenes.composer import ComposerScene
from game.ui.scenes.title import TitleScene
from game.ui.strings import Strings

FILES = {"en": "viral-score.yaml", "es": "viral-score.es.yaml"}
LANGUAGES = pytest.mark.parametrize("language", ["en", "es"])


def _config(tmp_path: Path, language: str, **kw: object):
    return config(tmp_path, scenario_path=str(SCENARIOS / FILES[language]), **kw)


def _game(name: str) -> Game:
    return Game(check_file(SCENARIOS / name).scenario, 7)


# ------------------------------------------------------------- 1: the filter, before it hits
@LANGUAGES
def test_the_composer_says_the_app_reads_what_you_type(tmp_path, language) -> None:
    """Seen: "You only learn it's a word filter after you've been hit": the post box and the
    comment box say once, before the player types, that the app reads the words."""
    seen = {}

    def body(app):
        yield
        yield from new_game(app)
        app.push(ComposerScene(app.flow))
        yield from frames(2)
        seen["post"] = app.top.field.placeholder
        post = next(p for p in app.session.game.feed if not p.by_player)
        app.push(ComposerScene(app.flow, comment_on=post.uid))
        yield from frames(2)
        seen["comment"] = app.top.field.placeholder

    run(_config(tmp_path, language), body)
    said = Strings(language)("composer.placeholder.read")
    assert seen == {"post": said, "comment": said}
    assert ("reads what you type" in said) or ("lee lo que escribes" in said)


def test_no_filter_no_warning() -> None:
    """Where no word filter moves the score, the box does not claim the app reads words."""
    assert _game(FILES["en"]).reads_words(comment=False)
    assert not _game("commercial-score.yaml").reads_words(comment=False)


# ------------------------------------------------------------ 10: the comments line, in app words
@LANGUAGES
def test_the_comments_line_speaks_as_the_app(language) -> None:
    """Seen: "Only your own comments show here and in the count" sounded like developer text."""
    said = Strings(language)("comments.others")
    assert said in (
        "Comments from others aren't shown in this game.",
        "En este juego no se muestran los comentarios de otros.",
    )


# ------------------------------------------------------- 3: the float starts at the reported post
def test_a_report_after_the_dialog_floats_from_the_reported_post(tmp_path) -> None:
    """Seen: after reporting a post, the floating -5 rose beside a different post: the one under
    the dialog's Report button. The change floats up from the reported post's card."""
    seen = {}

    def body(app):
        yield
        yield from new_game(app)
        game = app.session.game
        post = next(p for p in game.feed if not p.by_player and _report_moves(game, p.uid))
        at = card_button(app, "feed", post.uid, "report")
        click(at)
        yield from frames(2)
        assert scene(app) == "ConfirmScene"
        yes = button_center(app, "yes")
        click(yes)
        yield
        seen.update(at=at, yes=yes, floats=[f.pos for f in app.motion.floats])
        feed = next(i for i in app.top.focus.items if i.id == "feed")
        hit = feed.hit(at)
        seen["card"] = feed.cards[hit[0]].key if hit else None
        seen["uid"] = post.uid

    run(config(tmp_path), body)
    assert seen["floats"] == [seen["at"]]
    assert seen["at"] != seen["yes"]
    assert seen["card"] == seen["uid"]


def _report_moves(game: Game, uid: int) -> bool:
    """True when reporting post ``uid`` now changes the player's score."""
    trial = game.fork()
    if trial.can(cmd.ReportPost(uid)) is not None:
        return False
    trial.apply(cmd.ReportPost(uid))
    return trial.score != game.score


# ----------------------------------------------------------- 9: one set of pronouns per friend
PRONOUNS = (
    {"she", "her", "hers", "herself"},
    {"he", "him", "his", "himself"},
    {"they", "them", "their", "theirs"},
)


@pytest.mark.parametrize("name", ["viral-score.yaml", "commercial-score.yaml"])
def test_each_friend_card_uses_one_set_of_pronouns(name: str) -> None:
    """Seen: Mei's card said "Checks her score" and, under it, "Worries about their score": the
    bio and the line on how the friend reacts never mix pronouns."""
    game = _game(name)
    for person in game.friends:
        card = friend_card(person, Strings("en"), game.can)
        words = {
            w.strip(".,!?'\"").lower()
            for part in card.parts
            if isinstance(part, Line)
            for w in part.text.split()
        }
        used = [group for group in PRONOUNS if words & group]
        assert len(used) <= 1, (person.name, [part.text for part in card.parts])


# -------------------------------------------------- 6: one "Play again", one way to pick another
@LANGUAGES
def test_after_a_finished_game_the_title_has_distinct_labels(tmp_path, language) -> None:
    """Seen: three "New game / Play again" buttons on the title after the game ended."""
    seen = {}

    def body(app):
        yield
        yield from new_game(app)
        game = app.session.game
        while not game.over:
            game.apply(cmd.EndDay())
        app.session.save()
        app.push(TitleScene(app.flow))
        yield from frames(2)
        title = app.top
        seen["buttons"] = [b.label for b in title.buttons]
        seen["cards"] = {b.label for c in title.picker.cards for b in c.buttons}

    run(_config(tmp_path, language), body)
    s = Strings(language)
    labels = [*seen["buttons"], *seen["cards"]]
    assert s("title.again") in seen["buttons"]
    assert s("title.new") not in labels
    assert seen["cards"] == {s("title.start")}
    assert len({s("title.again"), s("title.start"), s("title.new")}) == 3
