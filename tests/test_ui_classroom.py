"""A class lesson in the real window: only the class's scenarios, the quiz before day 1 and
after the debrief, and the results card with its code, nickname and Export."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from ui_helpers import (
    SCENARIOS,
    RecordingLinks,
    button_center,
    card_button,
    click,
    click_to_debrief,
    config,
    focus_to,
    frames,
    key,
    new_game,
    past_briefing,
    run,
    scene,
    shot,
    type_text,
)

from game.core.classfile import check_class_file
from game.core.resultcode import decode, encode
from game.core.results import load_results
from game.ui.strings import Strings

EXAMPLE = SCENARIOS / "classes" / "example.yaml"


SPANISH_CLASS = """\
format: 1
class: "La puntuación"
language: es
scenarios: [../viral-score.es.yaml]
"""


def _plan(tmp_path: Path, language: str):
    path = EXAMPLE
    if language == "es":
        path = tmp_path / "classes" / "clase.yaml"
        path.parent.mkdir()
        path.write_text(SPANISH_CLASS, encoding="utf-8")
        (tmp_path / "viral-score.es.yaml").write_bytes(
            (SCENARIOS / "viral-score.es.yaml").read_bytes()
        )
    plan = check_class_file(path).plan
    assert plan is not None
    return plan


def _rate_all(app, rating_for):
    """Click a rating on every claim card, in the order shown."""
    for claim in app.top.claims:
        click(card_button(app, "claims", claim.id, str(rating_for(claim))))
        yield from frames(2)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_class_lesson_from_the_picker_to_the_results_card(tmp_path: Path, language) -> None:
    plan = _plan(tmp_path, language)
    words = Strings(language)
    export_to = tmp_path / "exported"

    def body(app):
        yield
        titles = [e.scenario.title for e in app.top.entries]
        assert titles == [s.title for s in plan.scenarios]
        click(card_button(app, "picker", ("scenario", 0), "play"))
        yield from frames(3)
        yield from past_briefing(app)
        assert scene(app) == "QuizScene" and app.top.round == "before"
        shown = [c.id for c in app.top.claims]
        assert sorted(shown) == sorted(c.id for c in plan.claims_for(plan.scenarios[0]))
        click(button_center(app, "done"))  # nothing rated yet: refused, with a toast
        yield from frames(2)
        assert scene(app) == "QuizScene"
        yield from _rate_all(app, lambda c: 4)
        shot(app, f"classroom-quiz-before-{language}")
        click(button_center(app, "done"))
        yield from frames(2)
        assert scene(app) == "PlayScene"
        assert app.session.quiz["before"] == {c: 4 for c in shown}
        yield from click_to_debrief(app)
        assert scene(app) == "DebriefScene"
        click(button_center(app, "results"))
        yield from frames(2)
        assert scene(app) == "QuizScene" and app.top.round == "after"
        assert [c.id for c in app.top.claims] != shown  # another random order
        yield from _rate_all(app, lambda c: 5 if c.true else 2)
        click(button_center(app, "done"))
        yield from frames(3)
        assert scene(app) == "ResultsScene"
        kept = list((tmp_path / "results").glob("*.json"))
        assert len(kept) == 1  # kept in the save folder as soon as the card opens
        click(button_center(app, "teacher"))  # the teacher's part is a sheet over the card
        yield from frames(2)
        yield from focus_to(app, "nickname")
        type_text("Ana")
        yield from frames(3)
        results = app.top.results
        assert results.nickname == "Ana"
        claims = plan.claims_for(plan.scenarios[0])
        back = decode(encode(results), plan.scenarios, [claims])
        assert back.nickname == "Ana" and back.before == results.before
        shot(app, f"classroom-results-{language}")
        drawn = [*app.top.list.cards, app.top.teacher_card()]  # the card and the teacher's box
        texts = [getattr(line, "text", "") for card in drawn for line in card.parts[:1]]
        assert words("results.code") in texts and words("results.quiz") in texts
        lines = [getattr(part, "text", "") for card in drawn for part in card.parts]
        if plan.send_to:
            assert words("results.code_send_to", where=plan.send_to) in lines
        app.top.folder.text = str(export_to)
        click(button_center(app, "export"))
        yield from frames(2)
        exported = list(export_to.glob("*.json"))
        assert len(exported) == 1
        saved = load_results(exported[0].read_text(encoding="utf-8"))
        assert saved == results
        assert saved.has_quiz and saved.after[shown[0]] in (2, 5)
        click(button_center(app, "sheet_close"))
        yield from frames(2)
        click(button_center(app, "done"))
        yield from frames(2)
        assert scene(app) == "TitleScene"

    run(config(tmp_path, class_plan=plan), body)


def test_without_a_class_there_is_no_quiz_and_the_template_is_not_offered(
    tmp_path: Path,
) -> None:
    def body(app):
        yield
        names = [Path(e.path).name for e in app.top.entries]
        assert "template.yaml" not in names
        click(card_button(app, "picker", ("scenario", 0), "play"))
        yield from frames(3)
        yield from past_briefing(app)
        assert scene(app) == "PlayScene"
        assert pygame.display.get_surface() is not None

    run(config(tmp_path), body)


def test_profiles_keep_each_players_games_and_ask_before_starting_another(
    tmp_path: Path,
) -> None:
    from game.core.profiles import FolderShelf, SaveBook

    book = SaveBook(FolderShelf(tmp_path / "profiles"))

    def body(app):
        yield
        click(card_button(app, "picker", ("scenario", 0), "play"))
        yield from frames(2)
        assert scene(app) == "ProfileScene"  # who is playing? asked first
        type_text("Ana")
        yield from frames(1)
        click(button_center(app, "start"))
        yield from frames(2)
        yield from past_briefing(app)
        assert scene(app) == "PlayScene" and app.flow.profile == "Ana"
        first_path = app.session.path
        click(button_center(app, "end_day"))
        yield from frames(2)
        click(button_center(app, "end"))  # the box that asks first
        yield from frames(2)
        click(button_center(app, "next"))
        yield from frames(2)
        app.flow.to_title()
        yield from frames(2)
        assert [g.day for g in book.unfinished("Ana")] == [2]
        labels = [b.label for b in app.top.buttons]
        assert labels[0] == "Player: Ana" and labels[1].startswith("Continue: ")
        shot(app, "profiles-title")
        index = [e.path for e in app.top.entries].index(first_path)
        click(card_button(app, "picker", ("scenario", index), "play"))
        yield from frames(2)
        assert scene(app) == "ConfirmScene"  # an unfinished game of this scenario exists
        shot(app, "profiles-confirm")
        click(button_center(app, "new"))
        yield from frames(2)
        yield from past_briefing(app)
        assert scene(app) == "PlayScene"
        app.session.save()
        app.flow.to_title()
        yield from frames(2)
        assert sorted(g.day for g in book.unfinished("Ana")) == [1, 2]  # both kept
        click(button_center(app, "game-1"))  # the older one: day 2
        yield from frames(2)
        assert scene(app) == "PlayScene" and app.session.game.day == 2
        app.flow.to_title()
        yield from frames(2)
        click(button_center(app, "player"))
        yield from frames(2)
        shot(app, "profiles-who")
        yield from focus_to(app, "name")
        type_text("Ben")
        click(button_center(app, "start"))
        yield from frames(3)
        assert scene(app) == "TitleScene" and app.flow.profile == "Ben"
        assert not any(b.id.startswith("game-") for b in app.top.buttons)

    run(config(tmp_path, book=book, store=None), body)


def test_without_profiles_a_new_game_asks_before_replacing_the_unfinished_one(
    tmp_path: Path,
) -> None:
    def body(app):
        yield
        click(card_button(app, "picker", ("scenario", 0), "play"))
        yield from frames(2)
        yield from past_briefing(app)
        click(button_center(app, "end_day"))
        yield from frames(2)
        click(button_center(app, "end"))  # the box that asks first
        yield from frames(2)
        click(button_center(app, "next"))
        yield from frames(2)
        app.flow.to_title()
        yield from frames(2)
        saved = (tmp_path / "save.json").read_text(encoding="utf-8")
        click(card_button(app, "picker", ("scenario", 1), "play"))
        yield from frames(2)
        assert scene(app) == "ConfirmScene"
        click(button_center(app, "cancel"))
        yield from frames(2)
        assert scene(app) == "TitleScene"
        assert (tmp_path / "save.json").read_text(encoding="utf-8") == saved
        click(card_button(app, "picker", ("scenario", 1), "play"))
        yield from frames(2)
        click(button_center(app, "replace"))
        yield from frames(2)
        yield from past_briefing(app)
        assert scene(app) == "PlayScene" and app.session.game.day == 1

    run(config(tmp_path), body)


NO_NICKNAME = """\
format: 1
class: "Two scenarios"
language: en
scenarios: [viral-score.yaml, commercial-score.yaml]
options: {nickname: false}
"""


def test_the_results_code_copies_and_names_the_player_when_nicknames_are_off(
    tmp_path: Path,
) -> None:
    from game.core.profiles import FolderShelf, SaveBook

    for name in ("viral-score.yaml", "commercial-score.yaml"):
        (tmp_path / name).write_bytes((SCENARIOS / name).read_bytes())
    (tmp_path / "class.yaml").write_text(NO_NICKNAME, encoding="utf-8")
    plan = check_class_file(tmp_path / "class.yaml").plan
    assert plan is not None and not plan.ask_nickname
    book = SaveBook(FolderShelf(tmp_path / "profiles"))
    links = RecordingLinks()

    def body(app):
        yield
        click(card_button(app, "picker", ("scenario", 1), "play"))  # the scenario without quiz
        yield from frames(2)
        type_text("Ana Ruiz")
        yield from frames(1)
        click(button_center(app, "start"))
        yield from frames(3)
        yield from past_briefing(app)
        assert scene(app) == "PlayScene"  # no quiz: it comes with the other scenario
        yield from click_to_debrief(app)
        click(button_center(app, "results"))
        yield from frames(3)
        assert scene(app) == "ResultsScene"
        click(button_center(app, "teacher"))  # the teacher's part is a sheet over the card
        yield from frames(2)
        assert app.top.nickname not in app.top.focus.items
        results = app.top.results
        assert results.nickname == "Ana Ruiz" and not results.has_quiz
        assert decode(encode(results), plan.scenarios).nickname == "Ana Ruiz"
        drawn = [*app.top.list.cards, app.top.teacher_card()]  # the card and the teacher's box
        lines = [getattr(part, "text", "") for card in drawn for part in card.parts]
        assert "Your name in these results: Ana Ruiz" in lines
        click(button_center(app, "copy"))
        yield from frames(2)
        assert links.copied == [encode(results)]
        assert "Code copied" in " ".join(t.text for t in app.flow.toasts.items)
        key(pygame.K_c, pygame.KMOD_CTRL)
        yield from frames(2)
        assert links.copied == [encode(results)] * 2
        shot(app, "classroom-results-copy")

    run(config(tmp_path, class_plan=plan, book=book, store=None, links=links), body)


@pytest.mark.parametrize("downloads", [False, True])
def test_export_says_which_folder_it_saved_in(tmp_path: Path, monkeypatch, downloads) -> None:
    """Seen in the fourth trial: "Saved a file for your teacher in your own folder (the one
    with your name)" did not say which folder. Export's toast (and the sheet's note) name the
    folder the file is in ("your folder “sam”", "your Downloads folder"), never a path or the
    file's name; the file is there."""
    home = tmp_path / "sam"
    home.mkdir()
    if downloads:
        (home / "Downloads").mkdir()
    monkeypatch.setenv("HOME", str(home))
    folder = home / "Downloads" if downloads else home
    said: list[str] = []

    def body(app):
        yield
        yield from new_game(app)
        yield from click_to_debrief(app)
        click(button_center(app, "results"))
        yield from frames(3)
        assert scene(app) == "ResultsScene"
        click(button_center(app, "teacher"))
        yield from frames(2)
        note = app.top.teacher_card().parts[-1].text
        click(button_center(app, "export"))
        yield from frames(2)
        said.extend([note, *(t.text for t in app.flow.toasts.items)])
        shot(app, f"export-folder-{'downloads' if downloads else 'home'}")

    run(config(tmp_path, size=(1280, 800)), body)
    saved = list(folder.glob("results-*.json"))
    assert len(saved) == 1
    told = [t for t in said if "teacher" in t]
    assert len(told) == 2, said  # the sheet's note and the toast
    for text in told:
        assert str(tmp_path) not in text and ".json" not in text
        assert ("your Downloads folder" if downloads else "your folder \u201csam\u201d") in text
        assert "own folder" not in text
