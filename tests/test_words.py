"""Tests for game.core.words: teacher-written word lists matched against player text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.words import MAX_TEXT, WordList, normalize

POLITICAL = WordList(
    "political",
    ["protest", "Tiananmen", "censorship", "free speech", "protest*", "天安门", "ประท้วง", "한국"],
)


def test_normalize() -> None:
    assert normalize("  Hello\u00a0\t WÖRLD\n") == "hello world"
    assert normalize("Tiānānmén") == "tiananmen"
    assert normalize("Straße") == "strasse"
    assert normalize("ﬁne Ｆｕｌｌ") == "fine full"
    assert normalize("İstanbul") == "istanbul"
    assert normalize("") == ""
    # Script-essential marks are kept: Japanese voicing marks, Thai vowels.
    assert normalize("ば") != normalize("は")
    assert normalize("ประท้วง") != normalize("ประทวง")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Protest!", ("protest", "protest*")),
        ("a protest.", ("protest", "protest*")),
        ("PROTEST", ("protest", "protest*")),
        ("protestant", ("protest*",)),
        ("the protesters marched", ("protest*",)),
        ("counterprotest", ()),
        ("TIANANMEN square", ("Tiananmen",)),
        ("Tiānānmén", ("Tiananmen",)),
        ("(tiananmen)", ("Tiananmen",)),
        ("Free   speech matters", ("free speech",)),
        ("free\nspeech", ("free speech",)),
        ("freespeech", ()),
        ("free speeches", ()),
        (
            "Censorship, protest and free speech",
            ("protest", "censorship", "free speech", "protest*"),
        ),
        ("我在天安门广场", ("天安门",)),
        ("การประท้วงใหญ่", ("ประท้วง",)),
        ("한국어를 배워요", ("한국",)),
        ("nothing to see here", ()),
        ("", ()),
    ],
)
def test_find(text: str, found: tuple[str, ...]) -> None:
    assert POLITICAL.find(text) == found
    assert POLITICAL.matches(text) == bool(found)


def test_find_reports_overlapping_words_in_list_order() -> None:
    words = WordList("w", ["speech", "free speech", "Free", "protest"])
    assert words.find("protest for FREE speech") == ("speech", "free speech", "Free", "protest")
    assert words.find("speech") == ("speech",)


def test_accented_list_entry_matches_plain_text() -> None:
    words = WordList("w", ["café", "Ñandú"])
    assert words.find("CAFE and nandu") == ("café", "Ñandú")


def test_words_with_punctuation_and_digits() -> None:
    words = WordList("w", ["c++", "1989", "don't", "#metoo"])
    assert words.find("I write C++ since 1989") == ("c++", "1989")
    assert words.find("19890 abc++") == ()
    assert words.find("Don't stop #MeToo") == ("don't", "#metoo")


def test_japanese_kana_and_cjk_substring() -> None:
    words = WordList("w", ["ばか", "自由"])
    assert words.find("あなたはばかだ") == ("ばか",)
    assert words.find("はか") == ()
    assert words.find("言论自由很重要") == ("自由",)


def test_text_is_bounded() -> None:
    words = WordList("w", ["protest"])
    assert words.matches("x" * (MAX_TEXT - 8) + " protest")
    assert not words.matches("x" * MAX_TEXT + " protest")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("!!!", "has no letters or digits"),
        ("*", "'*' is only allowed at the end"),
        ("pro*test", "'*' is only allowed at the end"),
        ("*test", "'*' is only allowed at the end"),
        (5, "must be text"),
    ],
)
def test_invalid_entries(entry: object, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        WordList("bad", ["fine", entry])  # type: ignore[list-item]
    assert "word list 'bad', entry 2" in str(info.value)


def test_empty_list_matches_nothing() -> None:
    empty = WordList("empty", [])
    assert empty.find("anything") == ()
    assert not empty.matches("anything")


def test_immutable_and_attributes() -> None:
    assert POLITICAL.name == "political"
    assert POLITICAL.words[1] == "Tiananmen"
    with pytest.raises(AttributeError):
        POLITICAL.name = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del POLITICAL.words
    assert "political" in repr(POLITICAL)


def test_regex_syntax_in_words_is_literal() -> None:
    words = WordList("w", ["a.b", "(x)", "[y]"])
    assert words.find("axb") == ()
    assert words.find("a.b (x) [y]") == ("a.b", "(x)", "[y]")


def test_large_list_is_fast() -> None:
    words = WordList("big", [f"word{i}" for i in range(1000)] + ["needle"])
    text = ("lorem ipsum dolor sit amet " * 200)[: MAX_TEXT - 7] + " needle"
    start = time.perf_counter()
    assert words.find(text) == ("needle",)
    assert time.perf_counter() - start < 2.0


@given(st.text())
@settings(max_examples=1000)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(max_size=300))
@settings(max_examples=500)
def test_matching_never_raises(text: str) -> None:
    found = POLITICAL.find(text)
    assert set(found) <= set(POLITICAL.words)
    assert POLITICAL.matches(text) == bool(found)


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=5), st.text(max_size=100))
@settings(max_examples=500)
def test_any_entries_either_build_or_raise_value_error(entries: list[str], text: str) -> None:
    try:
        words = WordList("random", entries)
    except ValueError:
        return
    assert set(words.find(text)) <= set(entries)
    for entry in entries:  # every entry is found in its own text
        assert entry in words.find(entry.rstrip("*").rstrip() if entry.endswith("*") else entry)


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü", min_size=1, max_size=10),
    st.sampled_from([" ", "! ", ", ", "\n"]),
)
def test_word_found_between_separators(word: str, sep: str) -> None:
    words = WordList("w", [word])
    assert words.find(f"start{sep}{word.upper()}{sep}end") == (word,)
    assert not words.matches(f"start{word}end")
