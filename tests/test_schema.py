"""The editors' JSON Schema and the checker agree: on every shipped scenario and on broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from game.core.checker import check_file
from game.core.scenariofiles import scenario_files
from game.core.scenariospec import json_schema
from game.core.yamlsafe import load_yaml, to_plain

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "scenarios" / "scenario.schema.json"
SHIPPED = scenario_files(ROOT / "scenarios")
BROKEN = sorted((ROOT / "tests" / "data" / "broken").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_committed_schema_is_the_one_the_checker_generates() -> None:
    assert json.loads(SCHEMA_FILE.read_text()) == json_schema(), (
        "regenerate it: python -m game schema --write scenarios/scenario.schema.json"
    )


def test_there_are_shipped_scenarios_to_compare() -> None:
    assert SHIPPED, "scenarios/*.yaml is empty"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_scenarios_pass_both(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    assert check_file(path).ok
    errors = [e.message for e in validator.iter_errors(to_plain(load_yaml(path.read_bytes())))]
    assert errors == []


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_files_are_judged_alike(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    verdict = path.read_text().splitlines()[1].removeprefix("# schema: ").split()[0]
    result = check_file(path)
    if verdict == "yaml":
        assert not result.ok
        return
    data = to_plain(load_yaml(path.read_bytes()))
    schema_rejects = any(True for _ in validator.iter_errors(data))
    checker_rejects = any(d.severity in ("error", "warning") for d in result.diagnostics)
    assert checker_rejects
    # 'accepts': only the checker can see it (a reference, a duplicate id, a tier gap).
    assert schema_rejects == (verdict == "rejects")
