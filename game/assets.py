"""Where the game's assets are: the top-level ``assets/`` folder with fonts, images and sounds.

Looked up in this order: ``MODEL_CITIZEN_ASSETS`` (a folder), the source checkout (next to
``game/``), then the installed copy (``<prefix>/share/model-citizen/assets``, from the wheel).
Pure Python: the core, the web build and the UI may all import it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FONT_FILES = {
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "cjk": "NotoSansCJK-Regular.otf",
    "emoji": "NotoEmoji-Regular.ttf",
}
"""The bundled fonts by role; the text code falls back from the UI font to CJK, then emoji."""

SOUNDS = ("notify", "score_up", "score_down", "tier", "day_end")
"""The game's sound names; each is ``assets/sounds/<name>.ogg``."""

CREDITS_NAME = "CREDITS.md"


def assets_dir() -> Path:
    """The assets folder to load from (the first candidate that exists, else the checkout's)."""
    here = Path(__file__).resolve().parent
    candidates = []
    env = os.environ.get("MODEL_CITIZEN_ASSETS")
    if env:
        candidates.append(Path(env))
    candidates += [here.parent / "assets", Path(sys.prefix) / "share" / "model-citizen" / "assets"]
    for path in candidates:
        if (path / "fonts").is_dir():
            return path
    return candidates[0] if env else here.parent / "assets"


def font_path(role: str) -> Path:
    """The file of the font for `role` (a key of FONT_FILES). Raises KeyError for other roles."""
    return assets_dir() / "fonts" / FONT_FILES[role]


def sound_path(name: str) -> Path:
    """The file of a sound (a name in SOUNDS)."""
    return assets_dir() / "sounds" / f"{name}.ogg"
