"""Results files and results codes: round trips, and damaged ones refused with a reason."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.core.checker import check_file
from game.core.resultcode import ALPHABET, CodeError, decode, encode
from game.core.results import ResultsError, from_game, load_results, to_json
from game.core.simulate import play

ROOT = Path(__file__).resolve().parents[1]
VIRAL = check_file(ROOT / "scenarios" / "viral-score.yaml").scenario
assert VIRAL is not None


@pytest.fixture(scope="module")
def results():
    game = play(VIRAL, "conform", 3)
    before = {c.id: i % 6 + 1 for i, c in enumerate(VIRAL.claims)}
    after = {c.id: (i + 2) % 6 + 1 for i, c in enumerate(VIRAL.claims)}
    return from_game(game, VIRAL.claims, before, after, "Ana  ")


def test_a_results_file_reads_back_to_the_same_results(results) -> None:
    assert results.nickname == "Ana"
    assert results.path[0] == VIRAL.player_score and results.path[-1] == results.final_score
    assert results.causes and results.causes[0].text.startswith("Reporting a friend")
    assert load_results(to_json(results)) == results


def test_a_results_code_reads_back_to_the_same_scores_quiz_and_nickname(results) -> None:
    code = encode(results)
    assert code.startswith("MC1-") and len(code) < 110
    back = decode(code, [VIRAL], [VIRAL.claims])
    assert back.scenario_title == results.scenario_title
    assert (back.final_score, back.path, back.tier_name) == (
        results.final_score,
        results.path,
        results.tier_name,
    )
    assert back.claims == tuple(sorted(results.claims, key=lambda c: c.id))
    assert (back.before, back.after) == (results.before, results.after)
    assert back.choices == results.choices and back.nickname == "Ana"


def test_a_code_is_read_whatever_its_case_spacing_and_look_alike_letters(results) -> None:
    code = encode(results)
    sloppy = " " + code.lower().replace("-", " ").replace("0", "o").replace("1", "l") + "\n"
    assert decode(sloppy, [VIRAL], [VIRAL.claims]) == decode(code, [VIRAL], [VIRAL.claims])


def test_an_unknown_scenario_is_named_by_its_key(results) -> None:
    back = decode(encode(results))
    assert back.scenario_title == f"scenario {results.scenario_key}"
    assert [c.text for c in back.claims][:2] == ["claim 1", "claim 2"]
    assert sum(c.true for c in back.claims) == 5


def _mistype(code: str, at: int) -> str:
    ch = code[at]
    other = ALPHABET[(ALPHABET.index(ch) + 1) % 32]
    return code[:at] + other + code[at + 1 :]


def test_every_single_mistyped_character_is_refused(results) -> None:
    code = encode(results)
    for at in range(4, len(code)):
        if code[at] == "-":
            continue
        with pytest.raises(
            CodeError, match=r"typo|incomplete|damaged|too long|another version|too short"
        ):
            decode(_mistype(code, at))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda c: "", "the code is empty"),
        (lambda c: "hello", "a results code starts with MC1-"),
        (lambda c: "MC2-" + c[4:], "from another version"),
        (lambda c: c[:20], "the code is incomplete: about"),
        (lambda c: c[:-3], "the code is incomplete: about"),
        (lambda c: c + "7Q", "the code is too long"),
        (lambda c: c[:10] + "U" + c[11:], "'U' cannot be in a results code (character 11)"),
        (lambda c: c[:12] + c[13] + c[12] + c[14:], "the code has a typo"),
    ],
)
def test_a_cut_swapped_or_foreign_code_is_refused_with_a_reason(results, change, reason) -> None:
    with pytest.raises(CodeError, match=re.escape(reason)):
        decode(change(encode(results)))


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda d: "{not json", "the file is damaged (not JSON"),
        (lambda d: json.dumps({"game": "other"}), "this is not a Model Citizen results file"),
        (lambda d: json.dumps({**d, "format": 2}), "from another version of the game"),
        (lambda d: json.dumps({k: v for k, v in d.items() if k != "score"}), "missing 'score'"),
        (
            lambda d: json.dumps({**d, "quiz": {**d["quiz"], "after": {}}}),
            "ratings do not match the claims",
        ),
    ],
)
def test_a_damaged_or_foreign_results_file_is_refused_with_a_reason(results, edit, reason) -> None:
    data = json.loads(to_json(results))
    with pytest.raises(ResultsError, match=re.escape(reason)):
        load_results(edit(data))


def test_a_truncated_results_file_is_refused(results) -> None:
    text = to_json(results)
    with pytest.raises(ResultsError, match="damaged"):
        load_results(text[: len(text) // 2])


def test_a_nickname_in_any_alphabet_round_trips_whole(results) -> None:
    import dataclasses

    for name in ("José Müller", "名前です", "Zoë 🙂"):
        named = dataclasses.replace(results, nickname=name)
        assert decode(encode(named)).nickname == name


class _Element:
    """A stand-in for a page's ``<a>`` element: pygbag's ``platform.window`` exists only in
    the browser build, which cannot run here, so the download is driven against this."""

    def __init__(self, page: _Page) -> None:
        self.page, self.href, self.download = page, "", ""

    def click(self) -> None:
        self.page.clicked.append((self.href, self.download))

    def remove(self) -> None:
        self.page.body.children.remove(self)


class _Body:
    def __init__(self) -> None:
        self.children: list[_Element] = []

    def appendChild(self, element: _Element) -> None:
        self.children.append(element)


class _Page:
    def __init__(self) -> None:
        self.body, self.clicked = _Body(), []
        self.document = self

    def createElement(self, tag: str) -> _Element:
        assert tag == "a"
        return _Element(self)


def test_a_browser_download_carries_the_whole_file_and_evaluates_no_script(results) -> None:
    from urllib.parse import unquote

    from game.ui.export import download_in, file_name

    page = _Page()
    download_in(page, results)
    [(href, name)] = page.clicked
    prefix = "data:application/json;charset=utf-8,"
    assert href.startswith(prefix) and name == file_name(results)
    assert load_results(unquote(href[len(prefix) :])) == results
    assert page.body.children == []  # the link is gone again


def test_a_page_that_refuses_the_download_gives_a_save_error(results) -> None:
    from game.core.saves import SaveError
    from game.ui.export import download_in

    with pytest.raises(SaveError, match="refused the download"):
        download_in(object(), results)
