"""Cause 6 of issue 9: saves that mislead. Every field is checked, a changed scenario is offered
as "replay with the new rules" or "start again", and a save that cannot be written says so.

The read-only and full save folders are real: a tmpfs mounted (read-only, or 64 KiB) in a private
mount namespace (``unshare -m``), in a child process; tests run as root, so ``chmod`` would not
stop the write.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pygame
import pytest
from conftest import ROOT, make_scenario, write_scenario
from ui_helpers import config, focus_to, frames, key, past_briefing, run, scene, shot

from game.core import commands as cmd
from game.core import saves
from game.core.game import Game
from game.core.saves import SaveError, load_save, save_to_json


def _save(tmp_path: Path) -> dict:
    game = Game(make_scenario(tmp_path), 3)
    game.apply(cmd.Post(choice="lunch"))
    return json.loads(save_to_json(game))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"scenario_path": "town\0.yaml"}, "scenario path"),
        ({"scenario_path": "x" * 5000}, "scenario path"),
        ({"scenario_path": ""}, "scenario path"),
        ({"scenario_path": ["a"]}, "scenario path"),
        ({"scenario_digest": "not hex!"}, "digest"),
        ({"day": "x" * 3_000_000}, "day is not a number"),
        ({"day": 0}, "day is out of range"),
        ({"day": 10**9}, "day is out of range"),
        ({"score": 10**30}, "score is out of range"),
        ({"score": 1.5}, "score is not a number"),
        ({"seed": 1 << 64}, "seed is out of range"),
        ({"actions": [{"type": "EndDay"}] * 20_001}, "actions are not a list of at most"),
        ({"actions": [{"type": "Post", "text": "x" * 3_000_000}]}, "text is too long"),
        ({"actions": [{"type": "Like", "post": -1}]}, "number is out of range"),
        ({"format": 10**400}, "format '?' is not one this game reads"),
    ],
)
def test_every_field_of_a_save_is_checked(tmp_path: Path, change: dict, message: str) -> None:
    data = {**_save(tmp_path), **change}
    text = (
        json.dumps(data)
        if "format" not in change
        else json.dumps(data).replace(f'"format": {10**400}', '"format": ' + "9" * 400)
    )
    with pytest.raises(SaveError, match=message.replace("?", r"\?")):
        load_save(text)


def test_a_save_naming_a_nul_path_is_set_aside_and_the_title_works(tmp_path: Path) -> None:
    data = {**_save(tmp_path), "scenario_path": "a\0b.yaml", "day": "9" * 3_000_000}
    (tmp_path / "save.json").write_text(json.dumps(data), encoding="utf-8")

    def body(app):
        yield from frames(2)
        assert scene(app) == "TitleScene" and "could not be read" in app.top.message
        assert "continue" not in [i.id for i in app.top.focus.items]

    run(config(tmp_path), body)
    assert (tmp_path / "save.json.damaged").exists() and not (tmp_path / "save.json").exists()


def _saved_game(tmp_path: Path) -> Path:
    """A scenario file and a save of a game of it (two posts), in tmp_path."""
    path = write_scenario(tmp_path, "[]")
    game = Game(make_scenario(tmp_path), 7)
    game.apply(cmd.Post(choice="lunch"))
    game.apply(cmd.Post(choice="praise"))
    saves.FileStore(tmp_path / "save.json").write(save_to_json(game))
    return path


def _edit(path: Path) -> None:
    path.write_text(path.read_text().replace("money: 100", "money: 90"), encoding="utf-8")


@pytest.mark.parametrize("choice", ["replay_new", "restart"])
def test_a_changed_scenario_offers_replay_or_start_again(tmp_path: Path, choice: str) -> None:
    path = _saved_game(tmp_path)
    _edit(path)

    def body(app):
        yield from frames(2)
        assert app.top.focus.current_id == "continue"
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "TitleScene" and "Test Town has changed" in app.top.message
        ids = [i.id for i in app.top.focus.items]
        assert "replay_new" in ids and "restart" in ids and "continue" not in ids
        shot(app, "title-scenario-changed")
        yield from focus_to(app, choice)
        key(pygame.K_RETURN)
        yield from frames(2)
        yield from past_briefing(app)  # starting again begins with the briefing
        assert scene(app) == "PlayScene"
        game = app.session.game
        assert game.player.money == 90
        assert len(game.actions) == (2 if choice == "replay_new" else 0)

    run(config(tmp_path), body)


def test_an_unchanged_scenario_continues_at_once(tmp_path: Path) -> None:
    _saved_game(tmp_path)

    def body(app):
        yield from frames(2)
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "PlayScene" and len(app.session.game.actions) == 2

    run(config(tmp_path), body)


def test_save_and_quit_to_the_title_says_when_the_save_failed(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the save folder should be", encoding="utf-8")
    store = saves.FileStore(blocker / "save.json")
    path = write_scenario(tmp_path, "[]")

    def body(app):
        yield from frames(2)
        key(pygame.K_RETURN)
        yield from frames(2)
        app.flow.command(cmd.Post(choice="lunch"))
        app.flow.to_title()
        yield from frames(2)
        assert scene(app) == "TitleScene"
        assert "could not be saved" in app.top.message
        assert str(blocker) not in app.top.message  # player language: no file names

    run(config(tmp_path, store=store, scenario_path=str(path)), body)


def test_quitting_when_the_save_fails_warns_once_then_leaves(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the save folder should be", encoding="utf-8")
    path = write_scenario(tmp_path, "[]")

    def body(app):
        yield from frames(2)
        key(pygame.K_RETURN)
        yield from frames(2)
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        yield from frames(2)
        assert app.running and any("could not be saved" in t.text for t in app.flow.toasts.items)
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        yield from frames(2)
        raise AssertionError("the second quit did not leave")

    store = saves.FileStore(blocker / "save.json")
    app = run(config(tmp_path, store=store, scenario_path=str(path)), body)
    assert not app.running


_CHILD = textwrap.dedent(
    """
    import json, os, sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from game.core.saves import FileStore, SaveError
    folder = Path(sys.argv[1])
    store = FileStore(folder / "save.json")
    result = {{}}
    try:
        store.write("x" * {size})
        result["error"] = None
    except SaveError as err:
        result["error"] = str(err)
    result["kept"] = (folder / "save.json").read_text()[:40]
    result["files"] = sorted(os.listdir(folder))
    print(json.dumps(result))
    """
)


def _in_private_mount(tmp_path: Path, options: str, prepare: str, size: int) -> dict:
    """Run the child against a tmpfs mounted with ``options`` in a private mount namespace."""
    if sys.platform != "linux" or shutil.which("unshare") is None:
        pytest.skip("needs Linux and unshare(1) to mount a private tmpfs")
    folder = tmp_path / "mnt"
    folder.mkdir()
    script = _CHILD.format(root=str(ROOT), size=size)
    shell = (
        f"mount -t tmpfs -o size=64k tmpfs {folder} && {prepare} && "
        f'mount -o remount,{options} {folder} && exec {sys.executable} -c "$0" {folder}'
    )
    proc = subprocess.run(
        ["unshare", "-m", "sh", "-c", shell, script], capture_output=True, text=True, timeout=60
    )
    if proc.returncode != 0 and "Operation not permitted" in proc.stderr:
        pytest.skip("cannot mount here (not root, or no CAP_SYS_ADMIN in this container)")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_read_only_save_folder_is_a_save_error_keeping_the_save(tmp_path: Path) -> None:
    prepare = f"echo previous > {tmp_path}/mnt/save.json"
    result = _in_private_mount(tmp_path, "ro", prepare, 100)
    assert "read-only" in result["error"]
    assert result["kept"] == "previous\n" and result["files"] == ["save.json"]


def test_a_full_save_folder_is_a_save_error_keeping_the_save(tmp_path: Path) -> None:
    mnt = tmp_path / "mnt"
    prepare = f"echo previous > {mnt}/save.json && (head -c 61440 /dev/zero > {mnt}/filler; true)"
    result = _in_private_mount(tmp_path, "rw", prepare, 32 * 1024)
    assert "no space left" in result["error"]
    assert result["kept"] == "previous\n" and result["files"] == ["filler", "save.json"]


@pytest.mark.parametrize("choice", ["replay_new", "restart"])
def test_with_profiles_a_changed_scenario_is_offered_not_set_aside(
    tmp_path: Path, choice: str
) -> None:
    from game.core.profiles import FolderShelf, SaveBook

    path = write_scenario(tmp_path, "[]")
    game = Game(make_scenario(tmp_path), 7)
    game.apply(cmd.Post(choice="lunch"))
    book = SaveBook(FolderShelf(tmp_path / "profiles"))
    book.new_game("Ana").write(save_to_json(game))
    _edit(path)

    def body(app):
        yield
        app.flow.profile = "Ana"
        app.flow.to_title()
        yield from frames(2)
        yield from focus_to(app, "game-0")
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "TitleScene" and "Test Town has changed" in app.top.message
        yield from focus_to(app, choice)
        key(pygame.K_RETURN)
        yield from frames(2)
        yield from past_briefing(app)  # starting again begins with the briefing
        assert scene(app) == "PlayScene" and app.session.game.player.money == 90
        assert len(app.session.game.actions) == (1 if choice == "replay_new" else 0)
        app.session.save()

    run(config(tmp_path, book=book, store=None), body)
    assert len(book.games("Ana")) == 1  # the same slot: nothing set aside, nothing added
