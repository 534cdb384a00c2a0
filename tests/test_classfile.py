"""Class files: checked like scenarios (located errors, a JSON Schema), and hidden scenarios."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema

from game.cli import main
from game.core.classfile import check_class_file, json_schema
from game.core.yamlsafe import load_yaml, to_plain

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
EXAMPLE = SCENARIOS / "classes" / "example.yaml"


def _class(tmp_path: Path, text: str) -> Path:
    for name in ("viral-score.yaml", "commercial-score.yaml", "template.yaml"):
        shutil.copy(SCENARIOS / name, tmp_path / name)
    path = tmp_path / "class.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_example_lists_its_scenarios_in_order_with_the_viral_quiz() -> None:
    result = check_class_file(EXAMPLE)
    assert result.diagnostics == ()
    plan = result.plan
    assert plan is not None
    assert [s.title for s in plan.scenarios] == [
        "The Score, as the 2015 stories told it",
        "The commercial score",
    ]
    claims = plan.claims_for(plan.scenarios[0])
    assert 8 <= len(claims) <= 12
    assert sum(c.true for c in claims) * 2 == len(claims)


def test_a_hidden_or_missing_scenario_and_a_typo_are_each_located(tmp_path: Path) -> None:
    path = _class(
        tmp_path,
        "format: 1\nclass: x\nlanguage: en\nscenarios: [template.yaml, nope.yaml]\n"
        "options: {quizz: true}\n",
    )
    result = check_class_file(path)
    assert result.plan is None
    found = {(d.line, d.col, d.message) for d in result.diagnostics}
    assert (
        4,
        13,
        "scenario 'template.yaml' is hidden ('hidden: true'), so students cannot play it",
    ) in found
    assert (4, 28, "no scenario file 'nope.yaml' next to this class file") in found
    assert (5, 11, "unknown key 'quizz' in options") in found


def test_class_claims_need_a_true_and_a_false_one_and_win_over_the_scenarios(
    tmp_path: Path,
) -> None:
    claim = "{id: %s, claim: 'A claim.', answer: %s, source: {title: 'A book'}}"
    one_sided = _class(
        tmp_path,
        "format: 1\nclass: x\nlanguage: en\nscenarios: [viral-score.yaml]\nclaims:\n"
        f"  - {claim % ('a', 'true')}\n  - {claim % ('b', 'true')}\n",
    )
    errors = [d.message for d in check_class_file(one_sided).diagnostics]
    assert errors == ["the quiz needs at least one true and one false claim"]
    both = _class(
        tmp_path,
        "format: 1\nclass: x\nlanguage: en\nscenarios: [viral-score.yaml]\nclaims:\n"
        f"  - {claim % ('a', 'true')}\n  - {claim % ('b', 'false')}\n",
    )
    plan = check_class_file(both).plan
    assert plan is not None
    assert [c.id for c in plan.claims_for(plan.scenarios[0])] == ["a", "b"]


def test_an_empty_or_binary_class_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing\n")
    assert check_class_file(empty).diagnostics[0].message == "the file is empty"
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01\xff")
    result = check_class_file(binary)
    assert result.plan is None and result.diagnostics[0].is_error


def test_the_committed_class_schema_is_generated_and_accepts_the_example() -> None:
    committed = json.loads((SCENARIOS / "class.schema.json").read_text())
    assert committed == json_schema(), (
        "regenerate it: python -m game schema --class --write scenarios/class.schema.json"
    )
    validator = jsonschema.Draft202012Validator(committed)
    data = to_plain(load_yaml(EXAMPLE.read_bytes()))
    assert list(validator.iter_errors(data)) == []


def test_check_class_on_the_command_line(capsys) -> None:
    assert main(["check", "--class", str(EXAMPLE)]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_the_template_is_hidden_from_the_picker(tmp_path: Path) -> None:
    from game.ui.scenes.title import find_scenarios

    for name in ("template.yaml", "viral-score.yaml"):
        shutil.copy(SCENARIOS / name, tmp_path / name)
    names = [Path(e.path).name for e in find_scenarios(tmp_path)]
    assert names == ["viral-score.yaml"]
    chosen = [Path(e.path).name for e in find_scenarios(tmp_path, str(tmp_path / "template.yaml"))]
    assert chosen[0] == "template.yaml"


def test_a_class_web_build_ships_only_its_scenarios_and_the_game_follows_it(
    tmp_path: Path, monkeypatch
) -> None:
    import zipfile

    from game.ui.app import AppConfig
    from game.web.command import main as web_main

    out = tmp_path / "out"
    assert web_main(["build", "--class", str(EXAMPLE), "--out", str(out)]) == 0
    with zipfile.ZipFile(out / "model-citizen.apk") as archive:
        shipped = sorted(n for n in archive.namelist() if n.startswith("assets/scenarios/"))
        assert shipped == [
            "assets/scenarios/class.yaml",
            "assets/scenarios/commercial-score.yaml",
            "assets/scenarios/viral-score.yaml",
        ]
        archive.extractall(tmp_path / "unpacked", [n for n in shipped])
    monkeypatch.setenv("MODEL_CITIZEN_SCENARIOS", str(tmp_path / "unpacked/assets/scenarios"))
    plan = AppConfig.from_env().class_plan
    assert plan is not None
    assert [Path(s.path).name for s in plan.scenarios] == [
        "viral-score.yaml",
        "commercial-score.yaml",
    ]


def test_a_class_with_errors_stops_the_web_build(tmp_path: Path, capsys) -> None:
    from game.web.command import main as web_main

    path = _class(tmp_path, "format: 1\nclass: x\nlanguage: en\nscenarios: [template.yaml]\n")
    assert web_main(["build", "--class", str(path), "--out", str(tmp_path / "o")]) == 1
    errors = capsys.readouterr().err
    assert errors.startswith("error: the class file has errors, so nothing was built")
    assert "class.yaml:4:13: error: scenario 'template.yaml' is hidden" in errors
    assert not (tmp_path / "o").exists()


CLAIM_WRONG = """\
claims:
  - id: political-posts
    claim: "Posting political opinions online lowered people's Sesame Credit score."
    answer: true
    source: {title: "a teacher's note"}
  - id: my-false
    claim: "Every school shows all pupils' points to the whole town."
    answer: false
    source: {title: "a teacher's note"}
"""


def test_the_quiz_comes_with_one_scenario_of_a_two_scenario_lesson(tmp_path: Path) -> None:
    head = "format: 1\nclass: x\nlanguage: en\n"
    both = "scenarios: [commercial-score.yaml, viral-score.yaml]\n"
    plan = check_class_file(_class(tmp_path, head + both)).plan
    assert plan is not None
    commercial, viral = plan.scenarios
    assert plan.quiz_scenario == viral  # the first one with claims
    assert plan.claims_for(commercial) == () and plan.claims_for(viral) == viral.claims
    chosen = _class(tmp_path, head + both + CLAIM_WRONG + "options: {quiz_with: viral-score.yaml}")
    plan = check_class_file(chosen).plan
    assert plan is not None and plan.quiz_scenario == plan.scenarios[1]
    assert [c.id for c in plan.claims_for(plan.scenarios[1])] == ["political-posts", "my-false"]
    assert plan.claims_for(plan.scenarios[0]) == ()
    wrong = check_class_file(_class(tmp_path, head + both + "options: {quiz_with: viral.yaml}\n"))
    assert wrong.plan is None
    assert [(d.line, d.message) for d in wrong.diagnostics] == [
        (5, "'quiz_with' names 'viral.yaml', which is not in this class's 'scenarios'")
    ]


def test_a_quiz_that_cannot_be_asked_is_a_warning(tmp_path: Path) -> None:
    head = "format: 1\nclass: x\nlanguage: en\nscenarios: [commercial-score.yaml]\n"
    result = check_class_file(_class(tmp_path, head + "options: {quiz: true}\n"))
    assert result.plan is not None and result.plan.quiz_scenario is None
    assert [(d.severity, d.message) for d in result.diagnostics] == [
        ("warning", "'quiz: true' but no scenario of this class has claims, so no quiz is asked")
    ]
    named = "scenarios: [viral-score.yaml, commercial-score.yaml]\n"
    text = (
        "format: 1\nclass: x\nlanguage: en\n"
        + named
        + "options:\n  quiz_with: commercial-score.yaml\n"
    )
    result = check_class_file(_class(tmp_path, text))
    assert result.plan is not None and result.plan.quiz_claims == ()
    assert [(d.line, d.severity) for d in result.diagnostics] == [(6, "warning")]
    assert "has no claims" in result.diagnostics[0].message


def test_a_class_answer_that_contradicts_the_scenario_is_a_warning(tmp_path: Path) -> None:
    text = "format: 1\nclass: x\nlanguage: en\nscenarios: [viral-score.yaml]\n" + CLAIM_WRONG
    result = check_class_file(_class(tmp_path, text))
    assert result.plan is not None
    assert [(d.line, d.col, d.severity) for d in result.diagnostics] == [(8, 5, "warning")]
    assert result.diagnostics[0].message.startswith(
        "claim 'political-posts' has answer: true, but the scenario's own claim says false"
    )
    fixed = text.replace("answer: true", "answer: TMP").replace("answer: false", "answer: true")
    fixed = fixed.replace("answer: TMP", "answer: false")
    assert check_class_file(_class(tmp_path, fixed)).diagnostics == ()


def test_curly_quotes_pasted_from_a_word_processor_are_named(tmp_path: Path) -> None:
    text = (
        "format: 1\nclass: x\nlanguage: en\nscenarios:\n  - “viral-score.yaml”\n"
        "options: {send_to: “https://forms.example.edu/9b”}\n"
        "claims:\n  - id: a\n    claim: “Sesame Credit: reporting a friend earned points.”\n"
        "    answer: true\n    source: {title: ‘a note’}\n"
    )
    result = check_class_file(_class(tmp_path, text))
    assert result.plan is None
    found = [(d.line, d.col, d.hint) for d in result.diagnostics]
    hint = "retype the quotes around it as straight quotes: \" (or ')"
    assert found == [(5, 5, hint), (6, 20, hint), (9, 12, hint), (11, 21, hint)]
    apostrophe = "format: 1\nclass: People’s score\nlanguage: en\nscenarios: [viral-score.yaml]\n"
    assert check_class_file(_class(tmp_path, apostrophe)).diagnostics == ()


def test_a_class_file_given_as_a_scenario_and_the_reverse_say_which_it_is(
    tmp_path: Path, capsys
) -> None:
    assert main(["check", str(EXAMPLE)]) == 1
    out = capsys.readouterr().out
    assert "example.yaml:9:1: error: this is a class file: use --class" in out
    assert f"hint: python -m game check --class {EXAMPLE.as_posix()}" in out
    assert "1 error(s)" in out
    assert main(["simulate", str(EXAMPLE)]) == 1
    assert "this is a class file, not a scenario: use --class" in capsys.readouterr().err
    viral = SCENARIOS / "viral-score.yaml"
    assert main(["handout", str(viral), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "error: this is a scenario file, not a class file" in err and "1 error(s)" in err
    assert not (tmp_path / "o").exists()
    assert main(["check", "--class", str(viral)]) == 1
    assert "leave out --class" in capsys.readouterr().out


def test_languages_the_materials_lack_and_mixed_languages_are_warnings(tmp_path: Path) -> None:
    from game.core.classfile import MATERIALS_LANGUAGES
    from game.teacher.words import TABLES

    assert set(MATERIALS_LANGUAGES) == set(TABLES)
    shutil.copy(SCENARIOS / "viral-score.es.yaml", tmp_path / "viral-score.es.yaml")
    text = "format: 1\nclass: x\nlanguage: fr\nscenarios:\n  - viral-score.yaml\n"
    result = check_class_file(_class(tmp_path, text))
    assert result.plan is not None
    assert [(d.line, d.severity) for d in result.diagnostics] == [(3, "warning"), (5, "warning")]
    assert "no 'fr' version" in result.diagnostics[0].message
    mixed = (
        "format: 1\nclass: x\nlanguage: en\nscenarios: [viral-score.yaml, viral-score.es.yaml]\n"
    )
    result = check_class_file(_class(tmp_path, mixed))
    assert [d.message for d in result.diagnostics] == [
        "scenario 'viral-score.es.yaml' is in 'es', but the class is in 'en'"
    ]


def test_a_scenario_path_missing_its_dots_gets_the_right_path_as_a_hint(tmp_path: Path) -> None:
    classes = tmp_path / "classes"
    classes.mkdir()
    _class(tmp_path, "")
    path = classes / "c.yaml"
    path.write_text("format: 1\nclass: x\nlanguage: en\nscenarios: [viral-score.yaml]\n")
    [diagnostic] = check_class_file(path).diagnostics
    assert diagnostic.hint == (
        "did you mean '../viral-score.yaml'? paths are relative to the class file's folder"
    )


def test_scenario_lines_glued_by_a_wrong_indent_get_an_indentation_hint(tmp_path: Path) -> None:
    text = "format: 1\nclass: x\nlanguage: en\nscenarios:\n  - viral-score.yaml\n"
    text += "    - commercial-score.yaml\n"
    [diagnostic] = check_class_file(_class(tmp_path, text)).diagnostics
    assert diagnostic.message.startswith("no scenario file 'viral-score.yaml - commercial")
    assert (
        diagnostic.hint == "two lines were read as one: indent every '- ' of 'scenarios' the same"
    )
