"""The shipped scenarios: clean checks, the modeline, full coverage of the format, and balance."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
import yaml

from game.core.checker import check_file
from game.core.scenariofiles import scenario_files
from game.core.simulate import simulate
from game.core.vocabulary import CONDITIONS, EFFECTS, EVENTS

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
SHIPPED = scenario_files(SCENARIOS)
MODELINE = "# yaml-language-server: $schema=scenario.schema.json"
COMBINATORS = ("all", "any", "not")


def _load(name: str):
    result = check_file(SCENARIOS / name)
    assert result.scenario is not None, [d.headline() for d in result.diagnostics]
    return result.scenario


def _raw(name: str) -> dict:
    return yaml.safe_load((SCENARIOS / name).read_text(encoding="utf-8"))


def _condition_kinds(node) -> set[str]:
    """Every condition type used in an ``if`` (or ``where``) tree."""
    if isinstance(node, str):
        return {"expression"}
    if isinstance(node, list):
        return set().union(*(_condition_kinds(n) for n in node)) if node else set()
    ((key, value),) = node.items()
    kinds = {key}
    if key in COMBINATORS:
        kinds |= _condition_kinds(value)
    return kinds


def _usage(data: dict) -> tuple[set[str], set[str], set[str]]:
    events, conditions, effects = set(), set(), set()
    for rule in data["rules"]:
        events.add(rule["when"])
        if "if" in rule:
            conditions |= _condition_kinds(rule["if"])
        for effect in rule["then"]:
            ((name, args),) = effect.items()
            effects.add(name)
            if isinstance(args, dict) and "where" in args:
                conditions |= _condition_kinds(args["where"])
    return events, conditions, effects


def test_the_shipped_scenarios_are_there() -> None:
    names = {p.name for p in SHIPPED}
    assert {
        "viral-score.yaml",
        "viral-score.es.yaml",
        "commercial-score.yaml",
        "blacklists.yaml",
        "template.yaml",
    } <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_checks_with_no_errors_and_no_warnings(path: Path) -> None:
    result = check_file(path)
    assert [d.headline() for d in result.diagnostics] == []
    assert result.scenario is not None


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_starts_with_the_schema_modeline(path: Path) -> None:
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == MODELINE


@pytest.mark.parametrize("name", ["viral-score.yaml", "viral-score.es.yaml", "template.yaml"])
def test_uses_every_event_condition_and_effect(name: str) -> None:
    events, conditions, effects = _usage(_raw(name))
    assert set(EVENTS) - events == set()
    assert set(CONDITIONS) - conditions == set()
    assert set(EFFECTS) - effects == set()


def test_viral_score_uses_percent_and_where_and_both_crossing_directions() -> None:
    rules = _raw("viral-score.yaml")["rules"]
    changes = [e["change_score"] for r in rules for e in r["then"] if "change_score" in e]
    assert any("percent" in c for c in changes)
    assert any("where" in c for c in changes)
    assert {r.get("direction") for r in rules if r["when"] == "score_crosses"} >= {"up", "down"}
    assert any(r.get("for_each") == "friend" for r in rules)
    assert any(r.get("once") for r in rules)


def test_the_translation_keeps_every_id() -> None:
    en, es = _load("viral-score.yaml"), _load("viral-score.es.yaml")
    assert es.language == "es"

    def ids(s):
        return (
            [f.id for f in s.friends],
            [p.id for p in s.posts],
            [c.id for c in s.choices],
            [i.id for i in s.shop],
            [r.id for r in s.rules],
            [t.id for t in s.tiers],
            [w.name for w in s.word_lists],
        )

    assert ids(en) == ids(es)
    assert en.title != es.title


def _tier_rank(scenario, tier_id: str) -> int:
    return [t.id for t in scenario.tiers].index(tier_id)


def test_viral_score_conform_and_dissent_end_in_different_tiers() -> None:
    scenario = _load("viral-score.yaml")
    conform, dissent = simulate(scenario, ["conform", "dissent"], runs=20, seed=1)
    conform_ranks = {_tier_rank(scenario, t) for t, _ in conform.tiers}
    dissent_ranks = {_tier_rank(scenario, t) for t, _ in dissent.tiers}
    assert min(conform_ranks) > max(dissent_ranks)


def test_commercial_score_posting_makes_almost_no_difference() -> None:
    scenario = _load("commercial-score.yaml")
    conform, dissent = simulate(scenario, ["conform", "dissent"], runs=20, seed=1)
    assert conform.tiers == dissent.tiers
    assert abs(statistics.median(conform.finals) - statistics.median(dissent.finals)) <= 10


def test_commercial_score_spending_does_make_a_difference() -> None:
    scenario = _load("commercial-score.yaml")
    conform, random_ = simulate(scenario, ["conform", "random"], runs=20, seed=1)
    assert statistics.median(conform.finals) - statistics.median(random_.finals) >= 50
