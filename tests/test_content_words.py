"""What the shipped scenarios tell a 13-17-year-old is true and plain: a rule that pulls the score
towards the friends' average says which way it went, money never moves without a word, a cost in
points says "points", and the hard words a new player stumbled on are gone or explained."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.core.checker import check_file
from game.core.effects import ChangeMoney, Notify, PullToFriends
from game.core.explain import say
from game.core.model import Scenario
from game.core.simulate import play

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
VIRAL = [SCENARIOS / "viral-score.yaml", SCENARIOS / "viral-score.es.yaml"]
SHIPPED = [
    p for p in sorted(SCENARIOS.glob("*.yaml")) if "\nformat:" in "\n" + p.read_text("utf-8")
]
DOWN = {"en": "down", "es": "abajo"}
UP = {"en": "up", "es": "arriba"}


def _load(path: Path) -> Scenario:
    result = check_file(path)
    assert result.scenario is not None, [d.headline() for d in result.diagnostics]
    return result.scenario


@pytest.mark.parametrize("path", VIRAL, ids=lambda p: p.name)
def test_the_friends_average_says_which_way_it_moved_the_score(path: Path) -> None:
    """Seen: "+28 A low friends' average pulls your score towards it" (and "+86" in the debrief)
    next to "Your circle's average is low": the words said down, the score went up."""
    scenario = _load(path)
    language = scenario.language
    pulling = {
        r.id: r for r in scenario.rules if any(isinstance(e, PullToFriends) for e in r.effects)
    }
    seen = set()
    for seed in range(1, 9):
        game = play(scenario, "random", seed)
        for change in game.history:
            if change.who != "player" or change.rule_id not in pulling:
                continue
            cause = str(say(change.cause, language)).lower()
            notes = [
                e.text.lower() for e in pulling[change.rule_id].effects if isinstance(e, Notify)
            ]
            way, other = (UP, DOWN) if change.delta > 0 else (DOWN, UP)
            for words in (cause, *notes):
                assert re.search(rf"\b{way[language]}\b", words), (change, words)
                assert not re.search(rf"\b{other[language]}\b", words), (change, words)
            seen.add(change.delta > 0)
    assert True in seen, "no game was pulled up: the test saw nothing of what the player saw"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_money_never_moves_without_a_notice(path: Path) -> None:
    """Seen: money rose by 20 every night and nothing said why."""
    scenario = _load(path)
    for rule in scenario.rules:
        if any(isinstance(e, ChangeMoney) for e in rule.effects):
            assert any(isinstance(e, Notify) for e in rule.effects), rule.id


@pytest.mark.parametrize("path", VIRAL, ids=lambda p: p.name)
def test_a_cost_in_score_says_points(path: Path) -> None:
    """Seen: "Buying a video game costs 20" while its price was 60 money: costs what?"""
    scenario = _load(path)
    unit = {"en": "points", "es": "puntos"}[scenario.language]
    cost = re.compile(r"\b(costs?|cuesta|quita)\b[^.:;]*?\d+", re.IGNORECASE)
    for rule in scenario.rules:
        if rule.description and cost.search(rule.description):
            assert unit in rule.description, (rule.id, rule.description)


HARD_WORDS = {
    "en": ["zealous", "debrief", "fast-track", "idle purchase", "by ant,", "maker of alipay"],
    "es": ["fanático", "resumen?", "exprés", "compra ociosa", "de ant,", "creadora de alipay"],
}


@pytest.mark.parametrize("path", VIRAL, ids=lambda p: p.name)
def test_no_hard_word_is_left_unexplained(path: Path) -> None:
    """Seen: zealous, debrief, fast-track visa, idle purchase, Ant/Alipay; and deposit, VPN and
    visa are each explained where the player first meets them (a perk, the shop)."""
    scenario = _load(path)
    lines = path.read_text("utf-8").lower().splitlines()
    said = [line for line in lines if not line.lstrip().startswith(("#", "note:"))]
    player_text = "\n".join(re.findall(r'"([^"]*)"', "\n".join(said)))  # quoted texts only
    for word in HARD_WORDS[scenario.language]:
        assert word not in player_text, word
    perks = {p.id: p.text for p in scenario.perks}
    explained = {"en": ("money they keep", "permission"), "es": ("dinero que guardan", "permiso")}
    deposit, visa = explained[scenario.language]
    assert deposit in perks["no-deposit"]
    assert visa in perks["fast-visa"]
    vpn = next(i for i in scenario.shop if i.id == "vpn")
    assert re.search("blocked|bloqueadas", vpn.name), vpn.name


@pytest.mark.parametrize(
    ("name", "words"),
    [("blacklists.yaml", "judgment defaulter"), ("commercial-score.yaml", "deposit")],
)
def test_the_briefing_explains_the_scenarios_key_word(name: str, words: str) -> None:
    """A word the whole week turns on is explained before day 1."""
    scenario = _load(SCENARIOS / name)
    assert any(words in line.lower() and " is " in line for line in scenario.briefing)
