"""Faces for every friend and account: a scenario's picture, or one drawn from the id.

A drawn avatar is deterministic: the same id always gives the same colour and initials (people
get a circle, accounts such as news, officials and ads a rounded square, so the two read apart
without colour). A scenario may name a picture for a friend (``image:``), looked up in the
scenario's folder, then in ``assets/images``. Picture files are untrusted: only a regular file of
at most MAX_IMAGE_BYTES whose picture is at most MAX_IMAGE_SIDE pixels a side is used; anything
else (missing, too big, damaged, not a picture) falls back to the drawn avatar, never a crash.
"""

from __future__ import annotations

import io
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.assets import assets_dir
from game.ui.text import LRU, TextCache
from game.ui.theme import Color

MAX_IMAGE_BYTES = 1 << 20
MAX_IMAGE_SIDE = 2048

PALETTE: tuple[Color, ...] = (
    (232, 93, 117),
    (245, 143, 41),
    (38, 166, 154),
    (66, 133, 244),
    (171, 71, 188),
    (124, 179, 66),
    (255, 112, 67),
    (0, 150, 136),
    (92, 107, 192),
    (216, 67, 21),
    (3, 155, 229),
    (142, 36, 170),
)
"""Avatar background colours; each is dark enough for white initials."""


@dataclass(frozen=True, slots=True)
class Face:
    """Who an avatar shows: a stable `key` (friend id or account), the name for initials, whether
    it is an account rather than a person, and an optional picture file name."""

    key: str
    name: str
    account: bool = False
    image: str | None = None


def account_face(name: str) -> Face:
    """The avatar of an account that is not a person (news, an office, an ad, the platform),
    known by its name: the same face on its posts, its messages and its notices."""
    return Face(f"account:{name}", name, account=True)


_PUNCTUATION = "()[]{}<>\"'«»“”‘’.,:;!?¿¡…"


def initials(name: str) -> str:
    """One or two letters for a name: "Li Wei" -> "LW", "news" -> "N", "王芳" -> "王"; words
    that do not start with a letter are passed over ("Dragon Raid 3 (videojuego)" -> "DV")."""
    words = [w.strip(_PUNCTUATION) for w in name.replace("_", " ").replace("-", " ").split()]
    lettered = [w for w in words if w and w[0].isalpha()]
    words = lettered or [w for w in words if w]
    if not words:
        return "?"
    first = words[0][0]
    if len(words) == 1 or (not first.isascii() and not first.isalpha()):
        return first.upper()
    if ord(first) > 0x2E80:  # CJK names: one character says it
        return first
    return (first + words[-1][0]).upper()


def face_color(key: str) -> Color:
    """The avatar colour for `key` (the same key, the same colour, on every machine)."""
    return PALETTE[zlib.crc32(key.encode("utf-8")) % len(PALETTE)]


def read_image(name: str, folders: tuple[Path, ...]) -> pygame.Surface | None:
    """The picture `name` from the first folder that has it, or None when there is none, or
    when it is not a regular file, is too large, or is not a readable picture."""
    if "/" in name or "\\" in name or name.startswith("."):
        return None
    for folder in folders:
        path = folder / name
        try:
            info = path.lstat()  # a link is not a regular file: not followed
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_IMAGE_BYTES:
                continue
            with path.open("rb") as handle:
                data = handle.read(MAX_IMAGE_BYTES + 1)
            if len(data) > MAX_IMAGE_BYTES:
                continue
            image = pygame.image.load(io.BytesIO(data), name)
        except (OSError, pygame.error, ValueError):
            continue
        w, h = image.get_size()
        if 0 < w <= MAX_IMAGE_SIDE and 0 < h <= MAX_IMAGE_SIDE:
            return image
    return None


class Avatars:
    """Painted avatars by face and pixel size, cached; pictures read once per scenario."""

    def __init__(self, text: TextCache, capacity: int = 400) -> None:
        """Draw initials with `text`; keep at most `capacity` painted avatars."""
        self.text = text
        self.cache = LRU(capacity)
        self.folders: tuple[Path, ...] = (assets_dir() / "images",)
        self._pictures: dict[str, pygame.Surface | None] = {}

    def set_scenario_folder(self, folder: Path | None) -> None:
        """Look for pictures next to this scenario first (then in assets/images)."""
        folders = (assets_dir() / "images",)
        if folder is not None:
            folders = (folder, *folders)
        if folders != self.folders:
            self.folders = folders
            self._pictures.clear()
            self.cache.clear()

    def get(self, face: Face, size: int) -> pygame.Surface:
        """The avatar of `face`, `size` pixels square."""
        key = (face, size)
        surface = self.cache.get(key)
        if surface is None:
            picture = self._picture(face.image) if face.image else None
            surface = _round(picture, size) if picture is not None else self._draw(face, size)
            self.cache.put(key, surface)
        return surface  # type: ignore[return-value]

    def _picture(self, name: str) -> pygame.Surface | None:
        if name not in self._pictures:
            self._pictures[name] = read_image(name, self.folders)
        return self._pictures[name]

    def _draw(self, face: Face, size: int) -> pygame.Surface:
        surface = pygame.Surface((size, size), pygame.SRCALPHA)
        color = face_color(face.key)
        rect = surface.get_rect()
        if face.account:
            pygame.draw.rect(surface, color, rect, border_radius=max(2, size // 4))
        else:
            pygame.draw.circle(surface, color, rect.center, size // 2)
        label = self.text.render_px(
            initials(face.name), max(6, size * 2 // 5), True, (255, 255, 255)
        )
        surface.blit(label, label.get_rect(center=rect.center))
        return surface


def _round(picture: pygame.Surface, size: int) -> pygame.Surface:
    """`picture` cropped to a centred square, scaled to `size` and cut to a circle."""
    w, h = picture.get_size()
    side = min(w, h)
    square = pygame.Surface((side, side), pygame.SRCALPHA)
    square.blit(picture, (-(w - side) // 2, -(h - side) // 2))
    scaled = pygame.transform.smoothscale(square, (size, size))
    out = pygame.Surface((size, size), pygame.SRCALPHA)
    mask = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (size // 2, size // 2), size // 2)
    out.blit(scaled, (0, 0))
    out.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
    return out
