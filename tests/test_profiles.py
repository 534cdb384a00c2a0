"""Profiles: several players on one machine, several games each, and no unfinished game ever
replaced without the caller saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core import commands as cmd
from game.core import saves
from game.core.checker import check_file
from game.core.game import Game
from game.core.profiles import (
    MAX_GAMES,
    BrowserShelf,
    FolderShelf,
    SaveBook,
    profile_key,
)

ROOT = Path(__file__).resolve().parents[1]
VIRAL = ROOT / "scenarios" / "viral-score.yaml"
SCENARIO = check_file(VIRAL).scenario
assert SCENARIO is not None


def _save(store: saves.Store, days: int) -> None:
    game = Game(SCENARIO, 5)
    for _ in range(days):
        game.apply(cmd.EndDay())
    store.write(saves.save_to_json(game))


def test_each_name_has_its_own_games(tmp_path: Path) -> None:
    book = SaveBook(FolderShelf(tmp_path))
    _save(book.new_game("Ana"), 1)
    _save(book.new_game("Ana"), 2)
    _save(book.new_game("Ben"), 3)
    assert book.profiles() == ["Ana", "Ben"]
    assert [g.day for g in book.games("Ana")] == [3, 2]  # newest first
    assert [g.day for g in book.games("Ben")] == [4]
    assert all(not g.finished and g.days == 7 for g in book.games("Ana"))


def test_names_that_look_alike_do_not_share_games(tmp_path: Path) -> None:
    assert profile_key("Ana") != profile_key("Anà") != profile_key("ana")
    assert profile_key("  José María ").startswith("jose-maria-")
    with pytest.raises(ValueError, match="needs a name"):
        profile_key("   ")


def test_a_full_book_gives_back_a_finished_game_first(tmp_path: Path) -> None:
    book = SaveBook(FolderShelf(tmp_path))
    for i in range(MAX_GAMES):
        _save(book.new_game("Ana"), 7 if i == 2 else 1)  # the third game is finished
    finished = book.to_replace("Ana")
    assert finished is not None and finished.finished and finished.number == 3
    _save(book.new_game("Ana"), 1)
    games = book.games("Ana")
    assert len(games) == MAX_GAMES and all(not g.finished for g in games)


def test_an_unfinished_game_is_never_replaced_without_asking(tmp_path: Path) -> None:
    book = SaveBook(FolderShelf(tmp_path))
    for _ in range(MAX_GAMES):
        _save(book.new_game("Ana"), 1)
    oldest = book.to_replace("Ana")
    assert oldest is not None and not oldest.finished and oldest.number == 1
    with pytest.raises(saves.SaveError, match="unfinished"):
        book.new_game("Ana")
    assert len(book.games("Ana")) == MAX_GAMES
    _save(book.new_game("Ana", replace_unfinished=True), 2)
    assert [g.number for g in book.games("Ana")] == [7, 6, 5, 4, 3, 2]


def test_a_damaged_game_is_set_aside_and_the_others_listed(tmp_path: Path) -> None:
    book = SaveBook(FolderShelf(tmp_path))
    _save(book.new_game("Ana"), 1)
    book.new_game("Ana").write('{"game": "model-citizen", "format": 1, "seed": ')
    assert [g.number for g in book.games("Ana")] == [1]
    assert list(tmp_path.glob("*/2.json.damaged*"))


class FakeStorage:
    """A stand-in for the browser's localStorage (the real one needs a page; the calls used
    are the Web Storage API's: getItem, setItem, removeItem, key, length)."""

    def __init__(self) -> None:
        self.items: dict[str, str] = {}

    @property
    def length(self) -> int:
        return len(self.items)

    def key(self, i: int) -> str:
        return list(self.items)[i]

    def getItem(self, key: str) -> str | None:
        return self.items.get(key)

    def setItem(self, key: str, value: str) -> None:
        self.items[key] = value

    def removeItem(self, key: str) -> None:
        self.items.pop(key, None)


def test_the_browser_book_keeps_profiles_in_local_storage() -> None:
    window = type("Window", (), {"localStorage": FakeStorage()})()
    book = SaveBook(BrowserShelf(window))
    _save(book.new_game("Ana"), 2)
    assert book.profiles() == ["Ana"] and [g.day for g in book.games("Ana")] == [3]
    assert all(k.startswith("model-citizen/") for k in window.localStorage.items)


def test_quiz_answers_are_kept_next_to_a_profile_game_and_resumed(tmp_path: Path) -> None:
    from game.core.quiz import Claim
    from game.core.quizsave import load_quiz, sidecar
    from game.ui.session import Session, resume

    claims = SCENARIO.claims
    book = SaveBook(FolderShelf(tmp_path))
    store = book.new_game("Ana")
    session = Session.new(SCENARIO, str(VIRAL), 3, store)
    session.claims = claims
    session.quiz["before"] = {c.id: 3 for c in claims}
    session.nickname = "Ana"
    assert session.save() is None
    assert [g.number for g in book.games("Ana")] == [1]  # the answers are not a game
    back = resume(store.read(), store)
    back.restore_quiz(claims)
    assert back.quiz["before"] == session.quiz["before"] and back.nickname == "Ana"
    other = (Claim("x", "x", True, ""), Claim("y", "y", False, ""))
    fresh = resume(store.read(), store)
    fresh.restore_quiz(other)  # another quiz now: the old answers do not fit, ask again
    assert fresh.quiz["before"] == {}
    quiz_store = sidecar(store)
    quiz_store.write('{"format": 1, "rounds": {"before": {"a": 9}}}')
    with pytest.raises(saves.SaveError, match="before ratings are not 1 to 6"):
        load_quiz(quiz_store.read())
