"""Saving and restoring games: a JSON record of the seed and the player's commands.

A save replays exactly: the same scenario, seed and commands give the same game. Desktop saves are
written atomically (a crash mid-write keeps the previous save); browser saves go to localStorage.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from game.core.commands import Command, CommandError, from_dict, to_dict
from game.core.game import Game
from game.core.model import Scenario
from game.core.safeio import ReadError, check_name, read_bounded

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 4 << 20
MAX_ACTIONS = 20_000  # most commands a save may hold
MAX_ACTION_TEXT = 2_000  # longest text in one saved command, in characters
MAX_SEED = (1 << 63) - 1  # largest seed (and post number) a save may hold
MAX_DAY = 1_000
MAX_SCORE = 10**9
_HEX = re.compile("[0-9a-f]{1,64}")


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
    """Read a save, checking every field. Raises SaveError for damaged, foreign or newer saves.

    Checked: the scenario path is a usable file name; the digest is hexadecimal; seed, day and
    score are whole numbers in range; at most :data:`MAX_ACTIONS` actions, each a known command
    whose texts are at most :data:`MAX_ACTION_TEXT` characters and whose numbers are in range.
    """
    if len(text) > MAX_SAVE_BYTES:
        raise SaveError("the save is too large to be a Model Citizen save")
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise SaveError(f"the save is damaged (not JSON: {str(err)[:80]})") from None
    if not isinstance(data, dict) or data.get("game") != "model-citizen":
        raise SaveError("this is not a Model Citizen save")
    if data.get("format") != SAVE_FORMAT:
        shown = data.get("format")
        shown = shown if isinstance(shown, int) and abs(shown) < 10**6 else "?"
        raise SaveError(
            f"save format {shown!r} is not one this game reads (it reads {SAVE_FORMAT})"
        )
    try:
        actions = data["actions"]
        if not isinstance(actions, list) or len(actions) > MAX_ACTIONS:
            limit = f"a list of at most {MAX_ACTIONS}"
            raise SaveError(f"the save is damaged (its actions are not {limit})")
        save = Save(
            _path(data["scenario_path"]),
            _digest(data["scenario_digest"]),
            _whole(data["seed"], "seed", MAX_SEED),
            tuple(_action(a) for a in actions),
            _whole(data.get("day", 1), "day", MAX_DAY, low=1),
            _whole(data.get("score", 0), "score", MAX_SCORE),
        )
    except (KeyError, TypeError, CommandError) as err:
        raise SaveError(f"the save is damaged ({str(err)[:120]})") from None
    return save


def _path(value: object) -> str:
    """A scenario path fit to open and to show."""
    if not isinstance(value, str):
        raise SaveError("the save is damaged (its scenario path is not text)")
    try:
        return check_name(value)
    except ReadError as err:
        raise SaveError(f"the save is damaged (its scenario path: {err})") from None


def _digest(value: object) -> str:
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise SaveError("the save is damaged (its scenario digest is not a digest)")
    return value


def _whole(value: object, name: str, limit: int, low: int | None = None) -> int:
    """``value`` when it is a whole number from ``low`` (default ``-limit``) to ``limit``."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise SaveError(f"the save is damaged (its {name} is not a number)")
    if not (-limit if low is None else low) <= value <= limit:
        raise SaveError(f"the save is damaged (its {name} is out of range)")
    return value


def _action(value: object) -> Command:
    """A saved command whose texts and numbers are within bounds."""
    command = from_dict(value)
    for item in to_dict(command).values():
        if isinstance(item, str) and len(item) > MAX_ACTION_TEXT:
            raise CommandError(f"a {type(command).__name__} text is too long")
        if isinstance(item, int) and not 0 <= item <= MAX_SEED:
            raise CommandError(f"a {type(command).__name__} number is out of range")
    return command


def scenario_changed(save: Save, scenario: Scenario) -> bool:
    """True when ``scenario`` is not the exact scenario the save was made with."""
    return save.scenario_digest != scenario.digest


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
        if not os.path.lexists(self.path):
            return None
        try:
            return read_bounded(self.path, MAX_SAVE_BYTES, "save").decode("utf-8")
        except (ReadError, UnicodeDecodeError) as err:
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
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            raise SaveError(f"cannot write the save: {reason.lower()}") from None

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
