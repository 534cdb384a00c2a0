"""Saving and restoring games: a JSON record of the seed and the player's commands.

A save replays exactly: the same scenario, seed and commands give the same game. Desktop saves are
written atomically (a crash mid-write keeps the previous save); browser saves go to localStorage.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from game.core.commands import Command, CommandError, from_dict, to_dict
from game.core.game import Game
from game.core.model import Scenario

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 4 << 20


class SaveError(Exception):
    """A save that cannot be read or written; the message says why."""


@dataclass(frozen=True)
class Save:
    """What a save holds."""

    scenario_path: str
    scenario_digest: str
    seed: int
    actions: tuple[Command, ...]
    day: int = 1
    score: int = 0


def save_to_json(game: Game) -> str:
    """The game as a save, in JSON."""
    return json.dumps(
        {
            "format": SAVE_FORMAT,
            "game": "model-citizen",
            "scenario_path": game.scenario.path,
            "scenario_digest": game.scenario.digest,
            "seed": game.seed,
            "day": game.day,
            "score": game.player.score,
            "actions": [to_dict(a) for a in game.actions],
        },
    )


def load_save(text: str) -> Save:
    """Read a save. Raises SaveError for damaged, foreign or newer saves."""
    if len(text) > MAX_SAVE_BYTES:
        raise SaveError("the save is too large to be a Model Citizen save")
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise SaveError(f"the save is damaged (not JSON: {str(err)[:80]})") from None
    if not isinstance(data, dict) or data.get("game") != "model-citizen":
        raise SaveError("this is not a Model Citizen save")
    if data.get("format") != SAVE_FORMAT:
        raise SaveError(
            f"save format {data.get('format')!r} is not one this game reads "
            f"(it reads {SAVE_FORMAT})"
        )
    try:
        actions = tuple(from_dict(a) for a in data["actions"])
        save = Save(
            str(data["scenario_path"]),
            str(data["scenario_digest"]),
            data["seed"],
            actions,
            data.get("day", 1),
            data.get("score", 0),
        )
    except (KeyError, TypeError, CommandError) as err:
        raise SaveError(f"the save is damaged ({err})") from None
    if not isinstance(save.seed, int) or isinstance(save.seed, bool):
        raise SaveError("the save is damaged (its seed is not a number)")
    return save


class Store(Protocol):
    """Where one save lives."""

    def read(self) -> str | None:
        """The saved text, or None when there is no save. Raises SaveError if unreadable."""

    def write(self, text: str) -> None:
        """Replace the save. Raises SaveError on failure, keeping the previous save."""

    def set_aside(self) -> str | None:
        """Move a damaged save out of the way, keeping it; returns where it went."""


@dataclass(frozen=True)
class FileStore:
    """A save in a file, replaced atomically."""

    path: Path

    def read(self) -> str | None:
        try:
            return self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as err:
            raise SaveError(f"cannot read the save {self.path}: {err}") from None

    def write(self, text: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".save-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, UnicodeError) as err:
            raise SaveError(f"cannot write the save {self.path}: {err}") from None

    def set_aside(self) -> str | None:
        if not self.path.exists():
            return None
        target = self.path.with_name(self.path.name + ".damaged")
        number = 1
        while target.exists():
            number += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{number}")
        try:
            os.replace(self.path, target)
        except OSError as err:
            raise SaveError(f"cannot move the damaged save aside: {err}") from None
        return str(target)


@dataclass(frozen=True)
class LocalStorageStore:
    """A save in the browser's localStorage (``platform.window`` under pygbag)."""

    window: Any
    key: str = "model-citizen-save"

    def read(self) -> str | None:
        try:
            value = self.window.localStorage.getItem(self.key)
        except Exception as err:  # the browser may refuse (private mode)
            raise SaveError(f"the browser refused to read the save: {err}") from None
        return None if value is None else str(value)

    def write(self, text: str) -> None:
        try:
            self.window.localStorage.setItem(self.key, text)
        except Exception as err:  # the browser may refuse (quota, private mode)
            raise SaveError(f"the browser refused to store the save: {err}") from None

    def set_aside(self) -> str | None:
        value = self.read()
        if value is None:
            return None
        try:
            self.window.localStorage.setItem(self.key + ".damaged", value)
            self.window.localStorage.removeItem(self.key)
        except Exception as err:  # the browser may refuse (quota, private mode)
            raise SaveError(f"the browser refused to move the damaged save: {err}") from None
        return self.key + ".damaged"


def data_dir() -> Path:
    """The user's data folder for this game (``MODEL_CITIZEN_DATA`` overrides it)."""
    override = os.environ.get("MODEL_CITIZEN_DATA")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "model-citizen"


def default_store() -> Store:
    """localStorage in the browser, a file in the user's data folder on the desktop."""
    if sys.platform == "emscripten":
        import platform as browser  # pygbag's module, present only in the browser

        return LocalStorageStore(browser.window)  # type: ignore[attr-defined]
    return FileStore(data_dir() / "save.json")


def restore(save: Save, scenario: Scenario) -> Game:
    """The game a save describes, replayed on ``scenario``.

    Raises SaveError when the saved commands no longer fit the scenario.
    """
    game = Game(scenario, save.seed)
    try:
        game.replay(save.actions)
    except CommandError as err:
        raise SaveError(f"the save no longer fits this scenario: {err}") from None
    return game
