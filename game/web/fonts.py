"""Fonts for the browser build, subset to what the shipped text needs (keeps the download small).

Kept: every character of the shipped scenario files and of the interface strings, plus a
fallback for what players type: printable ASCII, Latin-1 and Latin Extended-A (accents of
European languages), Greek, Cyrillic, common punctuation and the emoji in COMMON_EMOJI.
Chinese, Japanese and Korean characters are kept only when the scenarios or strings use them:
other typed CJK characters show as the font's missing-glyph box in the browser (the desktop
game has the full common set).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from game.assets import FONT_FILES
from game.ui.strings import TABLES

TYPED_FALLBACK = (
    "".join(
        chr(c)
        for lo, hi in (
            (0x20, 0x7E),
            (0xA0, 0x17F),
            (0x370, 0x3FF),
            (0x400, 0x4FF),
            (0x2000, 0x206F),
        )
        for c in range(lo, hi + 1)
    )
    + "\u20ac\u2212\u2190\u2191\u2192\u2193\u25b2\u25bc"
)

COMMON_EMOJI = (
    "😀😃😄😁😆😅😂🤣😊😇🙂🙃😉😌😍🥰😘😋😛😜🤪😎🤩🥳😏😒😞😔😟😕🙁😣😖😫😩🥺😢😭😤😠😡"
    "🤬🤯😳😱😨😰😥😓🤗🤔🤭🤫😶😐😑😬🙄😯😦😧😮😲🥱😴🤤😪😵🤐🤢🤮🤧😷🤒🤕🤑🤠😈👻💀👽🤖"
    "💩👍👎👏🙌👐🤝🙏✌🤞🤟🤘👌👈👉👆👇✋🤚🖐🖖👋💪🧠👀👁👤👥❤🧡💛💚💙💜🖤🤍💔💯💢💥"
    "💫💦💨🕳💬💭💤🔥⭐🌟✨⚡🎉🎊🎁🏆📱💻📷📺📢📣🔔🔕🔒🔓🔑💰💸📈📉✅❌❗❓⚠🚫🚨"
)
"""The emoji kept in the browser build (the desktop game has every single-codepoint emoji)."""


class FontToolsMissing(RuntimeError):
    """fontTools is not installed (it comes with the game's ``web`` extra)."""


def needed_text(scenarios: Iterable[Path]) -> str:
    """Every character the build must be able to draw: scenarios, strings, typed fallback."""
    chars = set(TYPED_FALLBACK) | set(COMMON_EMOJI)
    for path in scenarios:
        chars.update(path.read_text("utf-8", errors="replace"))
    for table in TABLES.values():
        for text in table.values():
            chars.update(text)
    return "".join(sorted(c for c in chars if c.isprintable() or c == " "))


def subset_fonts(src: Path, dst: Path, text: str) -> dict[str, int]:
    """Write each bundled font from `src` to `dst`, subset to `text`; returns sizes by file.

    Raises FontToolsMissing without fontTools, OSError when a font cannot be read or written.
    """
    try:
        from fontTools.ttLib import TTFont

        from game.web.makefonts import subset_to
    except ImportError as err:
        raise FontToolsMissing(
            "fontTools is needed to subset the fonts: pip install -e '.[web]'"
        ) from err
    dst.mkdir(parents=True, exist_ok=True)
    return {name: subset_to(TTFont(src / name), text, dst / name) for name in FONT_FILES.values()}
