"""The benchmark works: every figure is reported, and its generated scenarios are valid.

No timing is asserted here: speed is measured by ``python -m game bench``, never tested.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from game.bench import main
from game.bench.core import condition_set, one_mib_file
from game.bench.figures import KEYS
from game.bench.scenarios import MAIN, Spec, generate, load
from game.core.checker import check_text
from game.core.commands import EndDay
from game.core.game import Game
from game.core.yamlsafe import MAX_BYTES


@pytest.fixture(scope="module")
def quick_json() -> dict[str, dict[str, object]]:
    """``python -m game bench --quick --json``, parsed (run once for the module)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--quick", "--json"])
    assert code == 0
    return json.loads(out.getvalue())


def test_quick_json_has_exactly_the_issue_keys(quick_json: dict[str, dict[str, object]]) -> None:
    assert list(quick_json) == list(KEYS)
    assert len(KEYS) == 20


def test_every_figure_is_a_number_or_null_with_a_reason(
    quick_json: dict[str, dict[str, object]],
) -> None:
    for key, fig in quick_json.items():
        assert set(fig) == {"value", "unit", "goal", "met", "note"}, key
        value = fig["value"]
        if value is None:
            assert isinstance(fig["note"], str) and fig["note"].strip(), f"{key}: null, no reason"
            assert fig["met"] is None, key
            assert not fig["note"].startswith("failed"), f"{key}: {fig['note']}"
        else:
            assert isinstance(value, int | float) and not isinstance(value, bool), key
            assert value >= 0, key
            assert fig["met"] in (True, False, None), key


def test_quick_skips_only_the_largest_scenarios(quick_json: dict[str, dict[str, object]]) -> None:
    skipped = {k for k, fig in quick_json.items() if fig["value"] is None}
    allowed = {"day_step_ms.friends_10000_rules_20", "day_step_ms.friends_10000_rules_200"}
    allowed |= {"condition_eval_ratio_vs_rule_engine", "apk_bytes"}  # optional tools
    allowed |= {"browser_core_ms"}  # Chromium takes half a minute: never in --quick
    assert skipped <= allowed, skipped - allowed
    assert quick_json["day_step_ms.friends_1000_rules_200"]["goal"] is not None


def test_the_goal_day_says_what_its_records_alone_cost(
    quick_json: dict[str, dict[str, object]],
) -> None:
    note = str(quick_json["day_step_ms.friends_1000_rules_200"]["note"])
    assert re.search(
        r"its records alone \(\d+ score changes, \d+ notices, \d+ filled texts, "
        r"\d+ posts\), built in a plain loop with no rules, take \d+\.\d\d ms",
        note,
    )
    assert "records alone" not in str(quick_json["day_step_ms.friends_100_rules_200"]["note"])


def test_simulate_says_how_many_processes_shared_the_runs(
    quick_json: dict[str, dict[str, object]],
) -> None:
    note = str(quick_json["simulate_s"]["note"])
    assert re.search(r"runs shared among \d+ process\(es\); \d+\.\d\d s in one process", note)


def test_table_and_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--only", "condition"]) == 0
    text = capsys.readouterr().out
    for key in KEYS:
        assert key in text
    assert "not measured (--only)" in text


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--only", "nothing"]) == 2
    assert main(["--frobnicate"]) == 2
    capsys.readouterr()


@pytest.mark.parametrize(("friends", "rules"), [(10, 20), (10, 200), (100, 200), (1000, 20)])
def test_generated_scenarios_check_clean(tmp_path: Path, friends: int, rules: int) -> None:
    result = load(generate(Spec(friends, rules)), tmp_path)
    assert result.diagnostics == ()
    assert result.scenario is not None
    assert len(result.scenario.friends) == friends
    assert len(result.scenario.rules) == rules


def test_generated_includes_check_clean(tmp_path: Path) -> None:
    files = generate(Spec(250, 40, chunk=100))
    assert len(files) > 1 and all(len(t.encode()) <= MAX_BYTES for t in files.values())
    assert "include:" in files[MAIN]
    result = load(files, tmp_path)
    assert result.diagnostics == ()
    assert result.scenario is not None and len(result.scenario.friends) == 250


def test_one_mib_file_checks_clean() -> None:
    data = one_mib_file()
    assert MAX_BYTES * 0.97 <= len(data) <= MAX_BYTES
    result = check_text(data, "bench-1mib.yaml")
    assert result.diagnostics == ()
    assert result.scenario is not None


def test_a_generated_day_does_realistic_work(tmp_path: Path) -> None:
    """Friends post, rules of several kinds fire, and a day step runs without error."""
    scenario = load(generate(Spec(100, 200)), tmp_path).scenario
    assert scenario is not None
    game = Game(scenario, seed=1)
    before = len(game.log)
    game.apply(EndDay())
    assert game.day == 2
    fired = {n.rule_id for n in game.log[before:] if n.rule_id}
    assert len(fired) >= 5
    assert any(p.day == 2 and p.friend_id is not None for p in game.feed)
    kinds = {type(r.condition).__name__ for r in scenario.rules}
    assert {"TextUses", "Expression", "AllOf", "AnyOf", "ScoreIs", "NotThis"} <= kinds
    assert any(r.for_each_friend for r in scenario.rules)


def test_condition_set_is_valid_in_both_languages() -> None:
    from game.core.expr import parse_condition

    sources, records = condition_set()
    assert len(sources) == 200 and records
    types = {n: "string" if isinstance(v, str) else "number" for n, v in records[0].items()}
    for source in sources:
        parse_condition(source, types.get)
    rule_engine = pytest.importorskip("rule_engine")
    for source in sources[:20]:
        rule_engine.Rule(source)
