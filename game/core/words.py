"""Word-list matching for ``text_uses`` conditions: teachers write words, never regex.

Matching is case- and accent-insensitive and word-aware: ``protest`` matches "Protest!" but not
"protestant"; ``protest*`` (a trailing star) matches any word starting with "protest";
``free speech`` matches "Free   speech". A word containing Chinese, Japanese, Korean or Thai
characters (scripts written without spaces) matches anywhere, as a substring. Player text is
only matched, never evaluated; only its first :data:`MAX_TEXT` characters are looked at.

"Accents" are the generic combining diacritics (U+0300-036F and friends) left by NFKD, so "é", "ñ",
"ā" fold to "e", "n", "a". Marks that are letters of their script (Thai vowels, Japanese voicing
marks, Indic vowel signs) are kept, so "ば" and "は" stay different.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

MAX_TEXT = 5000

# Blocks of combining diacritics that are removed as accents.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Scripts written without spaces between words: CJK ideographs (+ ext. A, compatibility),
# Hiragana, Katakana (+ phonetic ext.), Hangul syllables, jamo and compatibility jamo, Thai.
_NO_SPACES = re.compile(
    "[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002ffff\u3040-\u309f\u30a0-\u30ff"
    "\u31f0-\u31ff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\u0e00-\u0e7f]"
)


def normalize(text: str) -> str:
    """Fold ``text`` for matching: casefold, NFKD (so "ﬁ" is "fi", "Ｆ" is "f"), drop accents, and
    collapse whitespace runs to one space, trimmed. Never raises for a str; idempotent.
    """
    if text.isascii():  # the same result, without the Unicode steps (identities on ASCII)
        return " ".join(text.lower().split())
    # Unicode "compatibility caseless match" (NFKD(casefold(NFKD(casefold(NFD(x)))))), then accents.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFD", text).casefold())
    folded = unicodedata.normalize("NFKD", folded.casefold())
    return " ".join(_ACCENTS.sub("", folded).split())


def _word_pattern(word: str) -> tuple[bool, str]:
    """The regex for one normalized entry (every character escaped), and whether it must also
    start at a word boundary (not part of the returned regex, so lists can share the check)."""
    prefix = word.endswith("*")
    body = word[:-1].rstrip() if prefix else word
    text = r"\s+".join(re.escape(part) for part in body.split(" "))
    if _NO_SPACES.search(body):
        return False, text
    after = "" if prefix or not re.match(r"\w", body[-1]) else r"(?!\w)"
    return re.match(r"\w", body) is not None, text + after


class WordList:
    """An immutable, named list of words and phrases, compiled once when the scenario loads."""

    __slots__ = ("_by_first", "_each", "_pattern", "name", "words")
    name: str
    words: tuple[str, ...]  # the entries as written in the scenario

    def __init__(self, name: str, words: Sequence[str]) -> None:
        """Build the matcher. Raises ValueError for an entry that is not text, is empty, has no
        letters or digits, or has a '*' anywhere but at its end. An empty list matches nothing."""
        patterns: list[tuple[bool, str]] = []
        by_first: dict[str, list[int]] = {}
        for number, word in enumerate(words, 1):
            where = f"word list '{name}', entry {number}"
            if not isinstance(word, str):
                raise ValueError(f"{where}: must be text, not {type(word).__name__}")
            norm = normalize(word)
            if not norm:
                raise ValueError(f"{where}: the word is empty")
            if "*" in norm[:-1] or norm == "*":
                raise ValueError(f"{where}: '*' is only allowed at the end of a word ({word!r})")
            if not any(ch.isalnum() for ch in norm):
                raise ValueError(f"{where}: {word!r} has no letters or digits")
            patterns.append(_word_pattern(norm))
            by_first.setdefault(norm[0], []).append(number - 1)
        # The list's pattern: "some entry starts here", zero-width so that `find` visits every
        # start position, overlapping ones included. The start-of-word check is shared by all
        # entries that need one. `find` then asks only the entries that begin with that letter.
        start = r"(?<!\w)"
        bounded = "|".join(p for b, p in patterns if b)
        alternatives = [f"{start}(?:{bounded})"] if bounded else []
        alternatives += [p for b, p in patterns if not b]
        pattern = re.compile("(?=" + "|".join(alternatives) + ")") if patterns else None
        for key, value in (
            ("name", name),
            ("words", tuple(words)),
            ("_pattern", pattern),
            ("_each", tuple(re.compile(start * b + p) for b, p in patterns)),
            ("_by_first", {ch: tuple(ids) for ch, ids in by_first.items()}),
        ):
            object.__setattr__(self, key, value)

    def __setattr__(self, key: str, value: object) -> None:
        raise AttributeError("WordList is immutable")

    def __delattr__(self, key: str) -> None:
        raise AttributeError("WordList is immutable")

    def __repr__(self) -> str:
        return f"WordList({self.name!r}, {list(self.words)!r})"

    def find(self, text: str) -> tuple[str, ...]:
        """The entries (as written) that occur in ``text``, in list order, each at most once."""
        if self._pattern is None:
            return ()
        text = normalize(text[:MAX_TEXT])
        found: set[int] = set()
        for match in self._pattern.finditer(text):
            pos = match.start()
            for i in self._by_first.get(text[pos], ()):
                if i not in found and self._each[i].match(text, pos):
                    found.add(i)
        return tuple(word for i, word in enumerate(self.words) if i in found)

    def matches(self, text: str) -> bool:
        """Whether any entry occurs in ``text``."""
        return self.matches_normalized(normalize(text[:MAX_TEXT]))

    def matches_normalized(self, text: str) -> bool:
        """Whether any entry occurs in ``text``, which ``normalize`` has already been applied to."""
        if self._pattern is None:
            return False
        return self._pattern.search(text) is not None
