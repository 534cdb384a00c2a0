"""Colours, sizes and the UI scale derived from the window size.

The palette is chosen so that gains and losses differ by more than hue (blue vs orange, with an
arrow and a sign beside every number), which keeps them apart for colour-blind players.
"""

from __future__ import annotations

from collections.abc import Sequence
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

TIER_RAMP: tuple[Color, ...] = (
    (190, 30, 45),
    (235, 110, 25),
    (245, 205, 70),
    (150, 200, 235),
    (30, 130, 215),
    (60, 55, 175),
)
"""The default tier colours, from danger to safe; a scenario may set its own per tier."""

STYLES: MappingProxyType[str, tuple[float, bool]] = MappingProxyType(
    {
        "title": (31.0, True),
        "heading": (22.0, True),
        "big": (35.0, True),
        "body": (17.0, False),
        "name": (17.0, True),
        "meta": (14.5, False),
        "small": (13.0, False),
    }
)
"""Font style name -> (size in design pixels for Noto Sans, bold)."""

TEXT_SIZES: tuple[float, ...] = (0.85, 1.0, 1.2, 1.4)
"""The text size setting's steps (factors on every style's size)."""


@dataclass(frozen=True, slots=True)
class Theme:
    """Sizes for one window size; `scale` follows the window so text stays readable."""

    width: int
    height: int
    scale: float
    text_scale: float = 1.0

    @classmethod
    def for_size(cls, width: int, height: int, text_scale: float = 1.0) -> Theme:
        """The theme for a window of `width` x `height` pixels (scale clamped to 0.8..2.2);
        `text_scale` is the player's text size factor (see TEXT_SIZES)."""
        scale = min(width / 1000.0, height / 720.0)
        scale = max(0.8, min(2.2, scale))
        return cls(width, height, round(scale, 3), text_scale)

    def px(self, value: float) -> int:
        """A design length in pixels at this scale (at least 1)."""
        return max(1, round(value * self.scale))

    def font_size(self, style: str) -> int:
        """The pixel size passed to ``pygame.font.Font`` for a text style."""
        size, _ = STYLES.get(style, STYLES["body"])
        return max(11, round(size * self.scale * self.text_scale))

    def font_bold(self, style: str) -> bool:
        """True when the style is set in the bold face."""
        return STYLES.get(style, STYLES["body"])[1]

    @property
    def pad(self) -> int:
        """The standard gap between elements."""
        return self.px(12)

    @property
    def content_width(self) -> int:
        """The width of the main reading column."""
        return min(self.width - 2 * self.pad, self.px(820))


DESKTOP_MARGIN = 64
"""Pixels of a screen's height kept free for a title bar and a task bar."""


def fit_window(size: tuple[int, int], desktops: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """`size` made small enough for the first (primary) screen in `desktops` to show the whole
    window with its title bar; unchanged when it fits or no screen size is known. Never smaller
    than 320 x 240."""
    if not desktops:
        return size
    screen_w, screen_h = desktops[0]
    if screen_w <= 0 or screen_h <= 0:
        return size
    width = min(size[0], screen_w)
    height = min(size[1], screen_h - DESKTOP_MARGIN)
    return max(320, width), max(240, height)


def tier_color(index: int, count: int = len(TIER_RAMP)) -> Color:
    """The default colour of the tier at `index` (low to high) of `count` tiers: the ramp from
    danger (lowest) to safe (highest), spread over however many tiers there are."""
    if count <= 1:
        return TIER_RAMP[-1]
    index = max(0, min(count - 1, index))
    return TIER_RAMP[round(index * (len(TIER_RAMP) - 1) / (count - 1))]


def tier_color_of(tiers: Sequence[object], index: int) -> Color:
    """The colour of the tier at `index` of a scenario's `tiers` (low to high): the scenario's
    own ``color`` when it set one, else the default ramp."""
    own = getattr(tiers[index], "color", None) if 0 <= index < len(tiers) else None
    parsed = parse_color(own) if isinstance(own, str) else None
    return parsed if parsed is not None else tier_color(index, len(tiers))


def parse_color(text: str) -> Color | None:
    """A colour from "#rrggbb" (a scenario's tier colour), or None when it is not one."""
    if len(text) != 7 or text[0] != "#":
        return None
    try:
        value = int(text[1:], 16)
    except ValueError:
        return None
    return (value >> 16 & 255, value >> 8 & 255, value & 255)


def lerp_color(a: Color, b: Color, t: float) -> Color:
    """Mix two colours; t=0 gives `a`, t=1 gives `b`."""
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )
