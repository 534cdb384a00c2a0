"""Words a third new-player trial found wrong, in English and Spanish: the friends' average rule
that moved the score most and was never explained, hard words, developer-looking text and Spanish
that read oddly."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.checker import check_file
from game.core.simulate import play
from game.ui.strings import Strings

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
VIRAL = {"en": SCENARIOS / "viral-score.yaml", "es": SCENARIOS / "viral-score.es.yaml"}
WAY = {
    ("en", "down"): "yours down",
    ("en", "up"): "yours up",
    ("es", "down"): "baj",
    ("es", "up"): "sub",
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("strategy", "seed", "rule", "way"),
    [("conform", 2, "low-circle", "down"), ("random", 5, "circle-pulls-up", "up")],
)
def test_the_friends_average_says_which_way_it_moved_the_score_and_to_what(
    language, strategy, seed, rule, way
) -> None:
    """Seen in a player trial: "A friends' average under 650 pulls you up to it" gave +106 over
    the week, unexplained. The evening it first moves the score, its notice says which way and
    the score it moved to; its description (the bar, the day's summary) says which way too."""
    scenario = check_file(VIRAL[language]).scenario
    game = play(scenario, strategy, seed)
    change = next(c for c in game.history if c.rule_id == rule and c.who == "player")
    notice = next(n for n in game.log if n.rule_id == rule and n.kind == "notify")
    assert notice.day == change.day and (change.after > change.before) == (way == "up")
    said = Strings(language).say(notice.said)
    assert str(change.after) in said and WAY[language, way] in said, said
    described = next(r for r in scenario.rules if r.id == rule).description
    assert WAY[language, way] in described and "650" in described, described
    assert "to it" not in described and "tira de ti" not in described
