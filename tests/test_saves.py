"""Saves: JSON with seed and commands that restores the same game; stores that lose nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import feed_post, friends_yaml, make_scenario

from game.core import commands as cmd
from game.core.game import Game
from game.core.saves import (
    SAVE_FORMAT,
    FileStore,
    LocalStorageStore,
    SaveError,
    load_save,
    restore,
    save_to_json,
)

RULES = """
- id: political-speech
  when: player_posts
  if: {text_uses: political}
  then:
    - change_score: {who: player, by: -40}
    - change_score: {who: friends, by: -10}
    - notify: "Flagged, {player.name}."
- id: luck
  when: day_starts
  if: {chance: 0.5}
  then: [{change_score: {who: player, by: 7}}]
- id: snitch
  when: player_reports_friend
  then: [{unfriend: friend}, {change_score: {who: player, by: 20}}]
"""


@pytest.fixture
def scenario(tmp_path):
    return make_scenario(tmp_path, RULES, friends=friends_yaml(ana=1.5, bo=1), days="4")


def _played(scenario, seed: int = 17) -> Game:
    game = Game(scenario, seed)
    game.apply(cmd.Post(choice="protest"))
    game.apply(cmd.Post(text="Café talk: «free speech» 天安门 ✊"))
    game.apply(cmd.Like(feed_post(game, "gov-honesty").uid))
    game.apply(cmd.Comment(feed_post(game, "gov-honesty").uid, "Ünïcode comment"))
    game.apply(cmd.Buy("textbook"))
    game.apply(cmd.EndDay())
    game.apply(cmd.ReportFriend("bo"))
    game.apply(cmd.AddFriend("cy"))
    game.apply(cmd.Share(game.feed[-1].uid))
    game.apply(cmd.EndDay())
    return game


def _fingerprint(game: Game) -> tuple:
    return (
        repr(game.log),
        repr(game.history),
        repr(game.feed),
        repr(game.player),
        repr(game.friends),
        game.score_series,
        game.actions,
        game.day,
        game.over,
        game.rule_fire_counts,
        game.world.rng.getstate(),
    )


# -- round trips ------------------------------------------------------------------------------


def test_a_save_restores_an_identical_game(scenario) -> None:
    game = _played(scenario)
    restored = restore(load_save(save_to_json(game)), scenario)
    assert _fingerprint(restored) == _fingerprint(game)


def test_a_restored_game_plays_on_like_the_original(scenario) -> None:
    game = _played(scenario)
    restored = restore(load_save(save_to_json(game)), scenario)
    for g in (game, restored):
        g.apply(cmd.Post(choice="praise"))
        g.apply(cmd.EndDay())
    assert _fingerprint(restored) == _fingerprint(game)


def test_a_finished_game_round_trips(scenario) -> None:
    game = _played(scenario)
    game.apply(cmd.EndDay())
    game.apply(cmd.EndDay())
    assert game.over
    restored = restore(load_save(save_to_json(game)), scenario)
    assert restored.over
    assert _fingerprint(restored) == _fingerprint(game)


def test_a_save_through_a_file_round_trips(scenario, tmp_path) -> None:
    game = _played(scenario)
    store = FileStore(tmp_path / "saves" / "save.json")
    store.write(save_to_json(game))
    restored = restore(load_save(store.read()), scenario)
    assert _fingerprint(restored) == _fingerprint(game)


def test_a_save_says_what_it_is(scenario) -> None:
    game = _played(scenario)
    data = json.loads(save_to_json(game))
    assert (data["format"], data["game"], data["seed"], data["day"]) == (
        SAVE_FORMAT,
        "model-citizen",
        17,
        3,
    )
    assert data["scenario_path"] == scenario.path
    assert data["scenario_digest"] == scenario.digest
    assert data["actions"][0] == {"type": "Post", "choice": "protest", "text": None}
    assert len(data["actions"]) == len(game.actions)


def test_load_save_reads_back_seed_and_commands(scenario) -> None:
    game = _played(scenario)
    save = load_save(save_to_json(game))
    assert (save.seed, save.actions, save.scenario_path, save.day, save.score) == (
        17,
        game.actions,
        scenario.path,
        3,
        game.player.score,
    )


# -- damaged, foreign and newer saves -----------------------------------------------------------


def _valid_save(scenario) -> dict:
    return json.loads(save_to_json(_played(scenario)))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "the save is damaged"),
        ("", "the save is damaged"),
        ("[" * 100_000, "the save is damaged"),
        ('{"game": "other-game", "format": 1}', "not a Model Citizen save"),
        ("[1, 2, 3]", "not a Model Citizen save"),
        ('"model-citizen"', "not a Model Citizen save"),
        (" " * (5 << 20), "too large"),
    ],
)
def test_unreadable_saves_give_a_clear_error(text, message) -> None:
    with pytest.raises(SaveError, match=message):
        load_save(text)


def test_a_truncated_save_is_damaged(scenario) -> None:
    text = save_to_json(_played(scenario))
    with pytest.raises(SaveError, match="the save is damaged"):
        load_save(text[: len(text) // 2])


def test_a_newer_save_format_is_refused_by_name(scenario) -> None:
    data = {**_valid_save(scenario), "format": SAVE_FORMAT + 1}
    with pytest.raises(SaveError) as err:
        load_save(json.dumps(data))
    assert str(err.value) == (
        f"save format {SAVE_FORMAT + 1} is not one this game reads (it reads {SAVE_FORMAT})"
    )


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ({"type": "Like", "post": "three"}, "Like.post has the wrong type"),
        ({"type": "Like", "post": True}, "Like.post has the wrong type"),
        ({"type": "Explode"}, "not a command"),
        ("EndDay", "not a command"),
        ({"type": "Buy", "item": "textbook", "price": 0}, "unexpected fields in Buy"),
        ({"type": "Comment", "post": 1}, "incomplete Comment"),
    ],
)
def test_a_bad_action_makes_the_save_damaged(scenario, action, message) -> None:
    data = _valid_save(scenario)
    data["actions"].insert(1, action)
    with pytest.raises(SaveError, match="the save is damaged") as err:
        load_save(json.dumps(data))
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"actions": None}, "the save is damaged"),
        ({"actions": 5}, "the save is damaged"),
        ({"seed": "17"}, "seed is not a number"),
        ({"seed": True}, "seed is not a number"),
        ({"seed": 1.5}, "seed is not a number"),
    ],
)
def test_damaged_fields_are_reported(scenario, change, message) -> None:
    data = {**_valid_save(scenario), **change}
    with pytest.raises(SaveError, match=message):
        load_save(json.dumps(data))


@pytest.mark.parametrize("key", ["actions", "seed", "scenario_path", "scenario_digest"])
def test_a_missing_field_makes_the_save_damaged(scenario, key) -> None:
    data = _valid_save(scenario)
    del data[key]
    with pytest.raises(SaveError, match="the save is damaged"):
        load_save(json.dumps(data))


def test_a_save_that_no_longer_fits_the_scenario_is_refused(scenario) -> None:
    data = _valid_save(scenario)
    data["actions"].insert(0, {"type": "Like", "post": 999})
    with pytest.raises(SaveError, match=r"no longer fits.*action 1 \(Like\): no such post"):
        restore(load_save(json.dumps(data)), scenario)


# -- FileStore ----------------------------------------------------------------------------------


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_file_store_reads_nothing_before_the_first_save(tmp_path) -> None:
    assert FileStore(tmp_path / "save.json").read() is None


def test_file_store_replaces_the_previous_save(tmp_path) -> None:
    store = FileStore(tmp_path / "save.json")
    store.write("first")
    store.write("second")
    assert store.read() == "second"
    assert _files(tmp_path) == ["save.json"]


def test_a_crash_before_the_replace_keeps_the_previous_save(tmp_path, monkeypatch) -> None:
    store = FileStore(tmp_path / "save.json")
    store.write("the previous save")

    def crash(src, dst):  # the new save is written in full; the machine dies before the swap
        assert Path(src).read_text(encoding="utf-8") == "the new save"
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(SaveError, match="cannot write the save"):
        store.write("the new save")
    monkeypatch.undo()
    assert store.read() == "the previous save"
    assert _files(tmp_path) == ["save.json"]


def test_a_save_that_fails_midway_through_writing_keeps_the_previous_save(tmp_path) -> None:
    # A lone surrogate (as a browser may hand over from a paste) cannot be encoded as UTF-8:
    # the write fails after the temporary file was created.
    store = FileStore(tmp_path / "save.json")
    store.write("the previous save")
    with pytest.raises(SaveError):
        store.write('{"text": "broken \ud800 text"}')
    assert store.read() == "the previous save"
    assert _files(tmp_path) == ["save.json"]


def test_a_game_with_any_typed_text_can_be_saved(tmp_path) -> None:
    scenario = make_scenario(tmp_path, RULES)
    game = Game(scenario, seed=1)
    game.apply(cmd.Post(text="pasted \ud83d text"))  # the game accepts the post
    store = FileStore(tmp_path / "saves" / "save.json")
    try:
        store.write(save_to_json(game))
    except SaveError:
        return  # refusing cleanly is fine too
    assert restore(load_save(store.read()), scenario).actions == game.actions


def test_file_store_write_to_an_impossible_place_is_a_save_error(tmp_path) -> None:
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    with pytest.raises(SaveError, match="cannot write the save"):
        FileStore(tmp_path / "not-a-folder" / "save.json").write("text")


def test_file_store_read_of_a_non_utf8_file_is_a_save_error(tmp_path) -> None:
    (tmp_path / "save.json").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SaveError, match="cannot read the save"):
        FileStore(tmp_path / "save.json").read()


def test_file_store_set_aside_keeps_the_damaged_file(tmp_path) -> None:
    store = FileStore(tmp_path / "save.json")
    store.write("{damaged")
    aside = store.set_aside()
    assert aside == str(tmp_path / "save.json.damaged")
    assert Path(aside).read_text(encoding="utf-8") == "{damaged"
    assert store.read() is None
    assert store.set_aside() is None


# -- LocalStorageStore ----------------------------------------------------------------------------
# The browser cannot run here, so this one stand-in plays `platform.window.localStorage`: a
# dict behind the three methods the store calls (getItem returns None for a missing key, as the
# browser's null arrives in Python).


class StandInLocalStorage:
    """A stand-in for the browser's localStorage (getItem / setItem / removeItem)."""

    def __init__(self, quota: int | None = None) -> None:
        self.items: dict[str, str] = {}
        self.quota = quota

    # The method names are the browser's.
    def getItem(self, key: str) -> str | None:
        return self.items.get(key)

    def setItem(self, key: str, value: str) -> None:
        if self.quota is not None and len(value) > self.quota:
            raise RuntimeError("QuotaExceededError: the quota has been exceeded")
        self.items[key] = str(value)

    def removeItem(self, key: str) -> None:
        self.items.pop(key, None)


class StandInWindow:
    def __init__(self, storage: StandInLocalStorage) -> None:
        self.localStorage = storage


def test_local_storage_round_trips_a_game(scenario) -> None:
    storage = StandInLocalStorage()
    store = LocalStorageStore(StandInWindow(storage))
    assert store.read() is None
    game = _played(scenario)
    store.write(save_to_json(game))
    assert list(storage.items) == ["model-citizen-save"]
    assert _fingerprint(restore(load_save(store.read()), scenario)) == _fingerprint(game)


def test_local_storage_refusal_is_a_save_error_and_keeps_the_previous_save() -> None:
    storage = StandInLocalStorage(quota=20)
    store = LocalStorageStore(StandInWindow(storage))
    store.write("small save")
    with pytest.raises(SaveError, match="the browser refused to store the save"):
        store.write("a save far too large for the quota")
    assert store.read() == "small save"


def test_local_storage_set_aside_keeps_the_damaged_save() -> None:
    storage = StandInLocalStorage()
    store = LocalStorageStore(StandInWindow(storage), key="mc")
    store.write("{damaged")
    assert store.set_aside() == "mc.damaged"
    assert storage.items == {"mc.damaged": "{damaged"}
    assert store.read() is None
    assert store.set_aside() is None
