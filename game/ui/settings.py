"""The player's settings (text size, motion, sound, how long notices stay), remembered.

Stored as JSON next to the save: ``settings.json`` in the save folder on the desktop, the
``model-citizen-settings`` key of localStorage in the browser (the same stores as saves). A
missing, damaged or partly wrong file gives the defaults for what it lacks, never an error.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, replace

from game.core import saves
from game.ui.theme import TEXT_SIZES

NOTICE_SECONDS: tuple[int, ...] = (3, 5, 8, 12)
"""How long a notice may stay on screen, in seconds (the setting's steps)."""

VOLUMES: tuple[int, ...] = (10, 25, 50, 75, 100)
"""The volume setting's steps, in percent."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The player's choices; each field is an index into its steps, or a switch."""

    text_size: int = 1
    reduced_motion: bool = False
    sound: bool = True
    volume: int = 3
    notices: int = 1

    @property
    def text_scale(self) -> float:
        """The factor on every text size."""
        return TEXT_SIZES[self.text_size]

    @property
    def notice_seconds(self) -> float:
        """How long a notice stays."""
        return float(NOTICE_SECONDS[self.notices])

    @property
    def volume_level(self) -> float:
        """The volume from 0 to 1 (0 when the sound is off)."""
        return VOLUMES[self.volume] / 100.0 if self.sound else 0.0

    def step(self, name: str, by: int) -> Settings:
        """These settings with the stepped field `name` moved by `by` (clamped to its steps)."""
        steps = {"text_size": TEXT_SIZES, "volume": VOLUMES, "notices": NOTICE_SECONDS}[name]
        value = max(0, min(len(steps) - 1, getattr(self, name) + by))
        return replace(self, **{name: value})

    def toggle(self, name: str) -> Settings:
        """These settings with the switch `name` ("reduced_motion", "sound") flipped."""
        return replace(self, **{name: not getattr(self, name)})


def from_json(text: str | None) -> Settings:
    """Settings from stored JSON; anything missing or out of range takes its default."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    default = Settings()
    limits = {"text_size": TEXT_SIZES, "volume": VOLUMES, "notices": NOTICE_SECONDS}
    values: dict[str, object] = {}
    for name, steps in limits.items():
        value = data.get(name)
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(steps)
        values[name] = value if ok else getattr(default, name)
    for name in ("reduced_motion", "sound"):
        value = data.get(name)
        values[name] = value if isinstance(value, bool) else getattr(default, name)
    return Settings(**values)  # type: ignore[arg-type]


def to_json(settings: Settings) -> str:
    """The stored form of `settings`."""
    return json.dumps(asdict(settings), sort_keys=True)


def default_store() -> saves.Store:
    """Where settings live: localStorage in the browser, the save folder on the desktop."""
    if sys.platform == "emscripten":
        import platform as browser  # pygbag's module, present only in the browser

        return saves.LocalStorageStore(browser.window, "model-citizen-settings")  # type: ignore[attr-defined]
    return saves.FileStore(saves.data_dir() / "settings.json")


def load(store: saves.Store | None) -> Settings:
    """The stored settings, or the defaults (no store, nothing stored, unreadable)."""
    if store is None:
        return Settings()
    try:
        return from_json(store.read())
    except saves.SaveError:
        return Settings()


def save(store: saves.Store | None, settings: Settings) -> str | None:
    """Store `settings`; returns an error message, or None (also when there is no store)."""
    if store is None:
        return None
    try:
        store.write(to_json(settings))
    except saves.SaveError as err:
        return str(err)
    return None
