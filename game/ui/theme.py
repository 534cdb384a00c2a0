"""Colours, sizes and the UI scale derived from the window size.

The palette is chosen so that gains and losses differ by more than hue (blue vs orange, with an
arrow and a sign beside every number), which keeps them apart for colour-blind players.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

Color = tuple[int, int, int]

BG: Color = (24, 27, 36)
PANEL: Color = (36, 40, 54)
CARD: Color = (46, 51, 68)
CARD_HI: Color = (58, 64, 84)
BORDER: Color = (82, 90, 116)
TEXT: Color = (236, 238, 244)
MUTED: Color = (170, 176, 196)
ACCENT: Color = (120, 170, 255)
BUTTON: Color = (66, 76, 104)
BUTTON_HI: Color = (88, 102, 140)
BUTTON_ON: Color = (44, 110, 200)
DISABLED: Color = (60, 64, 78)
DISABLED_TEXT: Color = (128, 132, 148)
FOCUS: Color = (255, 214, 10)
GAIN: Color = (86, 180, 255)
LOSS: Color = (255, 140, 60)
ERROR: Color = (255, 110, 110)
WARNING: Color = (255, 200, 90)
OVERLAY: tuple[int, int, int, int] = (10, 12, 18, 200)

SOURCE_COLORS: MappingProxyType[str, Color] = MappingProxyType(
    {
        "friend": (110, 200, 150),
        "official": (230, 90, 90),
        "news": (200, 170, 90),
        "ad": (190, 120, 220),
        "you": (120, 170, 255),
    }
)

TIER_COLORS: tuple[Color, ...] = (
    (120, 60, 60),
    (130, 95, 55),
    (110, 110, 70),
    (60, 105, 90),
    (55, 90, 130),
    (85, 75, 135),
)

STYLES: MappingProxyType[str, tuple[float, bool]] = MappingProxyType(
    {
        "title": (44.0, False),
        "heading": (32.0, False),
        "big": (52.0, False),
        "body": (25.0, False),
        "meta": (21.0, False),
        "small": (19.0, False),
    }
)
"""Font style name -> (size in design pixels for pygame's default font, unused flag)."""


@dataclass(frozen=True, slots=True)
class Theme:
    """Sizes for one window size; `scale` follows the window so text stays readable."""

    width: int
    height: int
    scale: float

    @classmethod
    def for_size(cls, width: int, height: int) -> Theme:
        """The theme for a window of `width` x `height` pixels (scale clamped to 0.8..2.2)."""
        scale = min(width / 1000.0, height / 720.0)
        scale = max(0.8, min(2.2, scale))
        return cls(width, height, round(scale, 3))

    def px(self, value: float) -> int:
        """A design length in pixels at this scale (at least 1)."""
        return max(1, round(value * self.scale))

    def font_size(self, style: str) -> int:
        """The pixel size passed to ``pygame.font.Font`` for a text style."""
        size, _ = STYLES.get(style, STYLES["body"])
        return max(10, round(size * self.scale))

    @property
    def pad(self) -> int:
        """The standard gap between elements."""
        return self.px(12)

    @property
    def content_width(self) -> int:
        """The width of the main reading column."""
        return min(self.width - 2 * self.pad, self.px(820))


def tier_color(index: int) -> Color:
    """A band colour for the tier at `index` (low to high)."""
    return TIER_COLORS[index % len(TIER_COLORS)]


def lerp_color(a: Color, b: Color, t: float) -> Color:
    """Mix two colours; t=0 gives `a`, t=1 gives `b`."""
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )
