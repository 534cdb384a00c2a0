"""Profiles and their games: several players on one machine, several games each.

A *save book* keeps, per profile (a player's name), up to :data:`MAX_GAMES` game slots, each an
ordinary save written through ``game.core.saves`` (atomic files on the desktop, localStorage in the
browser). Starting a game takes a free slot; a full book gives back its oldest finished game, and
never an unfinished one unless the caller says so (the interface asks the player first).

Keys are ``<profile>/<slot>``: a profile key is the name made safe for a file name, and the name
itself is kept in ``<profile>/name``.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from game.core import saves
from game.core.checker import check_file

MAX_GAMES = 6
MAX_NAME = 30
MAX_PROFILES = 100
NAME_KEY = "name"


class Shelf(Protocol):
    """Where the book's texts live: a folder of files, or the browser's localStorage."""

    def names(self) -> list[str]:
        """Every key held (``profile/slot`` and ``profile/name``)."""

    def store(self, key: str) -> saves.Store:
        """The store of one key (read, write atomically, set aside)."""

    def delete(self, key: str) -> None:
        """Remove a key; missing keys are fine. Raises SaveError when it cannot."""


@dataclass(frozen=True)
class FolderShelf:
    """Files in a folder: ``<folder>/<profile>/<slot>.json``."""

    folder: Path

    def names(self) -> list[str]:
        try:
            return sorted(
                f"{p.parent.name}/{p.stem}" for p in self.folder.glob("*/*.json") if p.is_file()
            )
        except OSError:
            return []

    def store(self, key: str) -> saves.Store:
        return saves.FileStore(self.folder / f"{key}.json")

    def delete(self, key: str) -> None:
        try:
            (self.folder / f"{key}.json").unlink(missing_ok=True)
        except OSError as err:
            raise saves.SaveError(f"cannot remove the game: {err.strerror}") from None


@dataclass(frozen=True)
class BrowserShelf:
    """The browser's localStorage, under keys ``model-citizen/<profile>/<slot>``."""

    window: Any
    prefix: str = "model-citizen/"

    def names(self) -> list[str]:
        storage = self.window.localStorage
        try:
            names = [str(storage.key(i)) for i in range(int(storage.length))]
        except Exception:  # the browser may refuse (private mode)
            return []
        return sorted(n[len(self.prefix) :] for n in names if n.startswith(self.prefix))

    def store(self, key: str) -> saves.Store:
        return saves.LocalStorageStore(self.window, self.prefix + key)

    def delete(self, key: str) -> None:
        try:
            self.window.localStorage.removeItem(self.prefix + key)
        except Exception as err:  # the browser may refuse
            raise saves.SaveError(f"the browser refused to remove the game: {err}") from None


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """What a save holds, as a list shows it."""

    scenario_path: str
    title: str
    day: int
    days: int
    finished: bool


@dataclass(frozen=True, slots=True)
class GameEntry:
    """One saved game of a profile, as the title screen lists it."""

    key: str
    scenario_path: str
    title: str
    day: int
    days: int
    finished: bool
    number: int


def profile_key(name: str) -> str:
    """A file-safe key for a name: lowercase letters and digits, plus a short hash so that
    different names ('Ana' and 'Anà') never share a key. Raises ValueError for an empty name."""
    clean = clean_name(name)
    if not clean:
        raise ValueError("a profile needs a name")
    ascii_name = (
        unicodedata.normalize("NFKD", clean.lower()).encode("ascii", "ignore").decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:20] or "player"
    return f"{slug}-{hashlib.sha256(clean.encode()).hexdigest()[:6]}"


def clean_name(name: str) -> str:
    """A name as kept: printable characters, spaces trimmed, at most 30 characters."""
    return "".join(ch for ch in name if ch.isprintable()).strip()[:MAX_NAME]


class SaveBook:
    """The profiles on this machine and each one's games."""

    def __init__(
        self, shelf: Shelf, finished: Callable[[saves.Save], GameEntry | None] | None = None
    ):
        """A book on ``shelf``; ``finished`` describes a save (default: replays it on its
        scenario to see the day and whether the game is over)."""
        self.shelf = shelf
        self.describe = finished or describe_save

    def profiles(self) -> list[str]:
        """The profiles' names, in alphabetical order."""
        names = []
        for key in self.shelf.names():
            if key.partition("/")[2] == NAME_KEY:
                name = self._read(key)
                if name:
                    names.append(clean_name(name))
        return sorted(set(names), key=str.casefold)[:MAX_PROFILES]

    def add_profile(self, name: str) -> str:
        """Create the profile (if new) and return its key. Raises ValueError for an empty name,
        SaveError when it cannot be written."""
        key = profile_key(name)
        if self._read(f"{key}/{NAME_KEY}") is None:
            self.shelf.store(f"{key}/{NAME_KEY}").write(clean_name(name))
        return key

    def games(self, name: str) -> list[GameEntry]:
        """The profile's games, newest first; damaged saves are set aside and left out."""
        key = profile_key(name)
        out = []
        for slot in self._slots(key):
            entry = self._entry(f"{key}/{slot}")
            if entry is not None:
                out.append(entry)
        return sorted(out, key=lambda e: -e.number)

    def unfinished(self, name: str) -> list[GameEntry]:
        """The profile's games still in progress, newest first."""
        return [g for g in self.games(name) if not g.finished]

    def to_replace(self, name: str) -> GameEntry | None:
        """The game a new one would replace: None while there is room; else the oldest finished
        game, else (the book is full of unfinished games) the oldest unfinished one, which the
        interface must confirm with the player before calling :meth:`new_game` with
        ``replace_unfinished``."""
        games = self.games(name)
        if len(games) < MAX_GAMES:
            return None
        finished = [g for g in games if g.finished]
        return (finished or games)[-1]

    def new_game(self, name: str, replace_unfinished: bool = False) -> saves.Store:
        """A store for a new game of the profile (created if new). Never gives the slot of an
        unfinished game unless ``replace_unfinished``. Raises SaveError when the book is full of
        unfinished games and replacing was not allowed, or when a file cannot be written."""
        key = self.add_profile(name)
        victim = self.to_replace(name)
        if victim is not None:
            if not victim.finished and not replace_unfinished:
                raise saves.SaveError("every game slot holds an unfinished game")
            self.shelf.delete(victim.key)
            self.shelf.delete(victim.key + ".quiz")
        used = [int(s) for s in self._slots(key) if s.isdigit()]
        return self.shelf.store(f"{key}/{max(used, default=0) + 1}")

    def store(self, entry: GameEntry) -> saves.Store:
        """The store of a listed game (to continue it)."""
        return self.shelf.store(entry.key)

    def _slots(self, key: str) -> list[str]:
        return [
            k.partition("/")[2]
            for k in self.shelf.names()
            if k.partition("/")[0] == key and k.partition("/")[2].isdigit()
        ]

    def _read(self, key: str) -> str | None:
        try:
            return self.shelf.store(key).read()
        except saves.SaveError:
            return None

    def _entry(self, key: str) -> GameEntry | None:
        store = self.shelf.store(key)
        try:
            text = store.read()
            if text is None:
                return None
            info = self.describe(saves.load_save(text))
        except saves.SaveError:
            with contextlib.suppress(saves.SaveError):
                store.set_aside()
            return None
        if info is None:
            return None
        slot = key.partition("/")[2]
        number = int(slot) if slot.isdigit() else 0
        return GameEntry(
            key, info.scenario_path, info.title, info.day, info.days, info.finished, number
        )


def describe_save(save: saves.Save) -> SaveInfo | None:
    """What a save is: its scenario's title, day and whether it is over (by replaying it);
    None when its scenario cannot be read any more."""
    result = check_file(save.scenario_path)
    scenario = result.scenario
    if scenario is None:
        return None
    try:
        game = saves.restore(save, scenario)
    except saves.SaveError:
        return SaveInfo(save.scenario_path, scenario.title, save.day, scenario.days, False)
    return SaveInfo(save.scenario_path, scenario.title, game.day, scenario.days, game.over)


def default_book() -> SaveBook:
    """Profiles in the browser's localStorage, or in the data folder's ``profiles`` folder."""
    if sys.platform == "emscripten":
        import platform as browser  # pygbag's module, present only in the browser

        return SaveBook(BrowserShelf(browser.window))  # type: ignore[attr-defined]
    return SaveBook(FolderShelf(saves.data_dir() / "profiles"))
