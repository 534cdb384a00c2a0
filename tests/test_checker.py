"""The checker: every problem located to the line and column, errors apart from warnings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.core.checker import check_file, check_text

DATA = Path(__file__).parent / "data"
BROKEN = sorted((DATA / "broken").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, int, str]:
    """The '# expect: LINE:COL: message' header every broken file starts with."""
    match = re.match(r"# expect: (\d+):(\d+)(?:: (.*))?", path.read_text().splitlines()[0])
    assert match, f"{path.name} lacks its expect header"
    return int(match[1]), int(match[2]), match[3] or ""


def test_the_base_of_the_broken_files_is_valid() -> None:
    result = check_file(DATA / "valid-small.yaml")
    assert result.diagnostics == ()
    assert result.scenario is not None


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_broken_file_is_reported_at_its_line_and_column(path: Path) -> None:
    line, col, message = expectation(path)
    found = [(d.line, d.col, d.message) for d in check_file(path).diagnostics]
    assert any(d[:2] == (line, col) and message in d[2] for d in found), found


def test_every_problem_is_reported_in_one_pass(tmp_path: Path) -> None:
    text = (DATA / "valid-small.yaml").read_text()
    text = text.replace("title:", "tittle:").replace("days: 2", "days: 0")
    text = text.replace("author: ana,", "author: anna,")
    path = tmp_path / "three.yaml"
    path.write_text(text)
    messages = [d.message for d in check_file(path).diagnostics]
    assert any("unknown key 'tittle'" in m for m in messages)
    assert any("0 is out of range" in m for m in messages)
    assert any("unknown friend 'anna'" in m for m in messages)


def test_unknown_key_suggests_the_close_one() -> None:
    diags = check_file(DATA / "broken" / "unknown-key.yaml").diagnostics
    hint = next(d.hint for d in diags if "tittle" in d.message)
    assert hint == "did you mean 'title'?"


def test_unknown_reference_lists_or_suggests_known_ids() -> None:
    diag = next(d for d in check_file(DATA / "broken" / "unknown-word-list.yaml").diagnostics)
    assert diag.hint == "did you mean 'political'?"


def test_a_rule_that_can_never_fire_is_a_warning_not_an_error() -> None:
    result = check_file(DATA / "broken" / "never-fires.yaml")
    assert {d.severity for d in result.diagnostics} == {"warning"}
    assert any("can never fire" in d.message for d in result.diagnostics)
    assert result.scenario is not None


def test_names_read_but_never_set_or_defined_but_never_used_are_warned(tmp_path: Path) -> None:
    text = (DATA / "valid-small.yaml").read_text()
    text = text.replace("{text_uses: political}", '"counters.warnings > 2 and flags.warned"')
    text = text.replace("      - unlock_perk: no-deposit\n", "")
    path = tmp_path / "unused.yaml"
    path.write_text(text)
    messages = sorted(d.message for d in check_file(path).diagnostics if not d.is_error)
    assert messages == [
        "counter 'warnings' is never changed by any rule, so it is always 0",
        "flag 'warned' is never set by any rule",
        "word list 'political' is never used",
    ]


def test_the_formatted_message_shows_the_source_line_a_caret_and_the_hint() -> None:
    diag = check_file(DATA / "broken" / "yaml-no.yaml").diagnostics[0]
    lines = diag.format().splitlines()
    assert lines[0].endswith("yaml-no.yaml:29:14: error: expected true or false, got text ('no')")
    assert lines[1].strip() == "free_text: no"
    assert lines[2].index("^") == lines[1].index("no")
    assert lines[3].strip() == "hint: write true or false"


HOSTILE = {
    "empty": b"",
    "comments only": b"# nothing here\n",
    "binary": bytes(range(256)) * 4,
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "utf16": "format: 1\n".encode("utf-16"),
    "latin1": "title: caf\xe9\n".encode("latin-1"),
    "bomb": b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n",
    "deep flow": b"[" * 10000 + b"]" * 10000,
    "deep block": b"".join(b"  " * i + b"- \n" for i in range(3000)),
    "a list": b"- 1\n- 2\n",
    "a string": b"just some text\n",
    "two documents": b"format: 1\n---\nformat: 1\n",
    "python object": b"!!python/object/apply:os.system ['echo owned']\n",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_gets_a_located_error_not_a_crash(name: str) -> None:
    result = check_text(HOSTILE[name], f"{name}.yaml")
    assert result.scenario is None
    assert result.diagnostics and all(d.line >= 1 and d.col >= 1 for d in result.diagnostics)
    assert any(d.is_error for d in result.diagnostics)


def test_a_50_mb_file_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"title: " + b"x" * (50 << 20) + b"\n")
    diags = check_file(path).diagnostics
    assert len(diags) == 1 and "MiB" in diags[0].message


def test_a_folder_or_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    assert "folder" in check_file(tmp_path).diagnostics[0].message
    assert "cannot read" in check_file(tmp_path / "nope.yaml").diagnostics[0].message


def test_includes_merge_sibling_files_and_locate_their_errors(tmp_path: Path) -> None:
    base = (DATA / "valid-small.yaml").read_text()
    base = base.replace("days: 2\n", "days: 2\ninclude: [extra.yaml]\n")
    (tmp_path / "main.yaml").write_text(base)
    (tmp_path / "extra.yaml").write_text(
        "word_lists:\n  rumours: [crash]\nrules:\n  - id: rumour\n    when: player_posts\n"
        '    if: {text_uses: rumours}\n    then: [{notify: "Careful."}]\n'
    )
    result = check_file(tmp_path / "main.yaml")
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    rule = result.scenario.rules[-1]
    assert (rule.id, Path(rule.path).name, rule.line) == ("rumour", "extra.yaml", 4)
    (tmp_path / "extra.yaml").write_text("rules:\n  - id: bad\n    when: nope\n    then: []\n")
    diags = check_file(tmp_path / "main.yaml").diagnostics
    assert any(Path(d.path).name == "extra.yaml" and d.line == 3 for d in diags)


def test_an_include_may_not_leave_the_folder(tmp_path: Path) -> None:
    base = (DATA / "valid-small.yaml").read_text()
    (tmp_path / "main.yaml").write_text(
        base.replace("days: 2\n", "days: 2\ninclude: [../x.yaml]\n")
    )
    diags = check_file(tmp_path / "main.yaml").diagnostics
    assert any("same folder" in d.message for d in diags)


def test_check_command_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DATA / "valid-small.yaml")]) == 0
    assert main(["check", str(DATA / "valid-small.yaml"), str(BROKEN[0])]) == 1
    assert main(["check"]) == 2
    assert main(["check", "--nope", "x.yaml"]) == 2
    capsys.readouterr()


def test_check_json_output_is_machine_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(DATA / "broken" / "yaml-no.yaml")]) == 1
    items = json.loads(capsys.readouterr().out)
    assert items[0]["line"] == 29 and items[0]["col"] == 14
    assert items[0]["severity"] == "error"
    assert items[0]["hint"] == "write true or false"


def test_a_translated_scenario_must_describe_the_causes_it_creates(tmp_path: Path) -> None:
    text = (DATA / "valid-small.yaml").read_text().replace("language: en", "language: es")
    path = tmp_path / "es.yaml"
    path.write_text(text)
    warnings = [d for d in check_file(path).diagnostics if not d.is_error]
    assert [(d.line, "political-speech" in d.message) for d in warnings] == [(34, True)]
    path.write_text(
        text.replace(
            "    when: player_posts\n", '    when: player_posts\n    description: "publicaste"\n'
        )
    )
    assert check_file(path).diagnostics == ()


def _diags(tmp_path: Path, old: str, new: str) -> list[tuple[str, str | None]]:
    text = (DATA / "valid-small.yaml").read_text()
    assert old in text
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new, 1))
    return [(d.message, d.hint) for d in check_file(path).diagnostics]


def test_a_missing_key_points_at_its_misspelt_twin(tmp_path: Path) -> None:
    found = _diags(tmp_path, "debrief:", "debreif:")
    assert (
        "scenario is missing the required key 'debrief'",
        "is it the 'debreif' at line 41? fix its spelling",
    ) in found


def test_an_id_with_capitals_gets_its_lowercase_form(tmp_path: Path) -> None:
    found = _diags(tmp_path, "  - id: ana\n", "  - id: Ana Li\n")
    assert (
        "'Ana Li' is not a valid id",
        "ids are lowercase, without spaces: write 'ana-li'",
    ) in found


def test_tiers_out_of_order_get_one_clear_error(tmp_path: Path) -> None:
    low = '    - {id: low, name: "Low", from: 350, to: 599, perks: [train-ban]}\n'
    high = '    - {id: high, name: "High", from: 600, to: 950, perks: [no-deposit]}\n'
    found = _diags(tmp_path, low + high, high + low)
    assert found == [
        (
            "tier 'low' starts below the tier before it",
            "list the tiers from the lowest score to the highest",
        )
    ]


def test_a_tag_nothing_carries_is_warned_with_a_suggestion(tmp_path: Path) -> None:
    found = _diags(tmp_path, "{text_uses: political}", "{has_tag: oficial}")
    assert (
        "rule 'political-speech' tests the tag 'oficial', which no post, choice or item has",
        "did you mean 'official'?",
    ) in found


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{player.points}", "unknown placeholder '{player.points}' will be shown as written"),
        ("{{player.name}}", "'{{player.name}}' will be shown as written"),
        (
            "{friend.name}",
            "'{friend.name}' has no friend in this rule and will be shown as written",
        ),
    ],
)
def test_placeholders_that_would_show_as_written_are_warned(
    tmp_path: Path, text: str, message: str
) -> None:
    found = _diags(
        tmp_path,
        "      - unlock_perk: no-deposit\n",
        f'      - unlock_perk: no-deposit\n      - notify: "Hi {text}"\n',
    )
    assert [m for m, _ in found] == [message]


def test_an_unquoted_double_brace_expression_explains_the_quotes() -> None:
    data = (
        (DATA / "valid-small.yaml")
        .read_bytes()
        .replace(b"{text_uses: political}", b"{{ player.score < 500 }}")
    )
    diag = check_text(data, "braces.yaml").diagnostics[0]
    assert diag.message == "a mapping key must be a single value, not a mapping"
    assert diag.hint == 'an expression goes in quotes and without braces: if: "friend.score < 550"'


def test_order_places_a_scenario_in_the_picker_and_defaults_to_100(tmp_path: Path) -> None:
    assert check_file(DATA / "valid-small.yaml").scenario.order == 100
    found = _diags(tmp_path, "days: 2\n", "days: 2\norder: 0\n")
    assert found == [("0 is out of range (1 to 1000)", None)]
