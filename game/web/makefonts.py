"""Make ``assets/fonts/`` from the fonts' published files, subset with fontTools.

    python -m game.web.makefonts [--emoji-dir DIR]

Sources (all SIL Open Font License 1.1, see assets/CREDITS.md):
- Noto Sans Regular and Bold: Debian ``fonts-noto-core`` (/usr/share/fonts/truetype/noto);
- Noto Sans CJK SC Regular: Debian ``fonts-noto-cjk`` (the SC face of the .ttc; it holds the
  whole Pan-CJK glyph set: hanzi, kana, hangul);
- Noto Emoji (monochrome): npm ``@fontsource/noto-emoji`` (its ``files/*-400-normal.woff``),
  unpacked by ``npm pack`` into the folder given with ``--emoji-dir``.

What is kept (so the repository stays small): for the UI font, Latin with every accent, Greek,
Cyrillic, punctuation, currency signs and arrows; for CJK, the common characters (GB 2312
level 1, JIS X 0208 level 1, KS X 1001 hangul, kana, CJK punctuation); for emoji, every
single-codepoint emoji (sequences joined with ZWJ show as their parts). The web build subsets
again to the characters its scenarios and interface use (``subset_to``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTCollection, TTFont

from game.assets import FONT_FILES, assets_dir

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
CJK_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FACE = "Noto Sans CJK SC"

UI_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x250, 0x2AF),
    (0x2B0, 0x2FF),
    (0x300, 0x36F),
    (0x370, 0x3FF),
    (0x400, 0x52F),
    (0x1E00, 0x1EFF),
    (0x1F00, 0x1FFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x214F),
    (0x2190, 0x21FF),
    (0x2212, 0x2212),
    (0x25A0, 0x25FF),
)
SYMBOL_RANGES = ((0x2190, 0x22FF), (0x2300, 0x23FF), (0x25A0, 0x25FF), (0x2600, 0x26FF))
"""Arrows, maths (the minus sign), shapes and symbols Noto Sans lacks: kept in the CJK font."""

EMOJI_RANGES = (
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x21AA),
    (0x231A, 0x23FF),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25FE),
    (0x2600, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x1F000, 0x1FAFF),
)
"""Every block that holds single-codepoint emoji (presentation selectors are dropped)."""


def chars_in(ranges: Iterable[tuple[int, int]]) -> str:
    """Every character in the inclusive codepoint ranges."""
    return "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))


def cjk_common() -> str:
    """The common CJK characters: GB 2312 level 1, JIS X 0208 level 1, KS X 1001 hangul,
    CJK punctuation, kana and full-width forms (about 7,900 characters), plus the symbols of
    SYMBOL_RANGES that Noto Sans lacks (the minus sign, arrows)."""
    found: set[str] = set()
    for first, last, codec in (
        (0xB0, 0xD7, "gb2312"),
        (0xB0, 0xCF, "euc_jp"),
        (0xB0, 0xC8, "euc_kr"),
    ):
        for a in range(first, last + 1):
            for b in range(0xA1, 0xFF):
                try:
                    found.add(bytes([a, b]).decode(codec))
                except UnicodeDecodeError:
                    continue
    found.update(chars_in(((0x3000, 0x30FF), (0xFF00, 0xFFEF))))
    found.update(chars_in(SYMBOL_RANGES))
    return "".join(sorted(found))


def subset_to(font: TTFont, text: str, out: Path) -> int:
    """Keep only the glyphs of `text` in `font` (no hinting, no layout features beyond kerning)
    and save it to `out`; returns the file's size in bytes."""
    options = subset.Options()
    options.layout_features = ["kern"]
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.flavor = None
    sub = subset.Subsetter(options)
    sub.populate(text=text)
    sub.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(out)
    return out.stat().st_size


def cjk_font() -> TTFont:
    """The SC face of Debian's Noto Sans CJK collection. Raises OSError when not installed."""
    for font in TTCollection(str(CJK_TTC)).fonts:
        if font["name"].getDebugName(4) == CJK_FACE:
            return font
    raise OSError(f"{CJK_FACE} not found in {CJK_TTC}")


def emoji_font(emoji_dir: Path) -> TTFont:
    """Noto Emoji's weight-400 pieces from @fontsource/noto-emoji merged into one font."""
    pieces = sorted((emoji_dir / "files").glob("noto-emoji-*-400-normal.woff"))
    if not pieces:
        raise OSError(f"no noto-emoji-*-400-normal.woff under {emoji_dir}/files")
    plain = []
    for index, piece in enumerate(pieces):
        font = TTFont(piece)
        font.flavor = None
        for table in ("GSUB", "GPOS", "STAT", "vhea", "vmtx"):
            if table in font:
                del font[table]
        path = emoji_dir / f"piece-{index}.ttf"
        font.save(path)
        plain.append(str(path))
    return Merger().merge(plain)


def build(emoji_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write the four subset fonts into `out_dir`; returns their sizes by role."""
    sizes = {}
    ui = chars_in(UI_RANGES)
    for role, name in (("regular", "NotoSans-Regular.ttf"), ("bold", "NotoSans-Bold.ttf")):
        sizes[role] = subset_to(TTFont(NOTO_DIR / name), ui, out_dir / FONT_FILES[role])
    sizes["cjk"] = subset_to(cjk_font(), " " + cjk_common(), out_dir / FONT_FILES["cjk"])
    emoji = " " + chars_in(EMOJI_RANGES)
    sizes["emoji"] = subset_to(emoji_font(emoji_dir), emoji, out_dir / FONT_FILES["emoji"])
    return sizes


def main(argv: list[str] | None = None) -> int:
    """Command line: build the fonts; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--emoji-dir", type=Path, required=True, help="unpacked @fontsource/noto-emoji"
    )
    parser.add_argument("--out", type=Path, default=assets_dir() / "fonts")
    args = parser.parse_args(argv)
    try:
        sizes = build(args.emoji_dir, args.out)
    except OSError as err:
        print(f"fonts: {err}", file=sys.stderr)
        return 1
    for role, size in sizes.items():
        print(f"{FONT_FILES[role]}: {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
