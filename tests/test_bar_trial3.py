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
    ("es", "down"): "abajo",
    ("es", "up"): "arriba",
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


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_interface_text_shows_a_times_sign_or_a_file_name(language) -> None:
    """Seen: "−5 × 2" under a summary row and "results-Sam-97ac-903703028.json" in a notice."""
    from game.ui.strings import TABLES

    for key, words in TABLES[language].items():
        if key in ("history.rule", "teacher.rule"):
            continue  # the teacher view names rules by file and line, on purpose
        assert "\u00d7" not in words and "{file}" not in words, key
    s = Strings(language)
    assert (
        s("recap.each", each="\u22125", n=2)
        == {"en": "2 times \u22125", "es": "2 veces \u22125"}[language]
    )
    home = s("results.in_home", name="sam")
    told = s("results.exported_to", folder=home, file="results-Sam-1.json")
    assert ".json" not in told and "home folder" not in told
    assert ("teacher" if language == "en" else "profesor") in told


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_briefing_says_once_what_a_tier_is(language) -> None:
    s = Strings(language)
    for key in ("briefing.score", "briefing.score_moved"):
        said = s(key, name="Citizen Score", start=650, score=640, tier="Ordinary")
        assert {"en": "groups called tiers", "es": "se agrupan en niveles"}[language] in said


def test_spanish_counts_and_rules_read_naturally() -> None:
    from game.ui.present import count

    s = Strings("es")
    assert count(s, "count.shares", 0) == "0 compartidos"
    assert count(s, "count.shares", 1) == "1 compartido"
    text = VIRAL["es"].read_text(encoding="utf-8")
    assert "fan de la nota" not in text and "obsesionado con la nota" in text
    assert "lo que denuncias mueven tu puntuación" in text
    assert "amigo bajo 600" not in text


def test_viral_player_texts_use_no_court_jargon_and_no_watch_label() -> None:
    """Seen: "judgments", "Under watch" and "idle" puzzled a 15-year-old."""
    lines = [
        line
        for line in VIRAL["en"].read_text(encoding="utf-8").splitlines()
        if "{title:" not in line and not line.lstrip().startswith("#")
    ]
    assert not [line for line in lines if "judgment" in line.lower()]
    assert not [line for line in lines if "under watch" in line.lower()]
    commercial = (SCENARIOS / "commercial-score.yaml").read_text(encoding="utf-8")
    assert "judged idle' (lazy)" in commercial


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", ["Citizen Score", "Class points", "Lists you are not on"])
def test_the_briefing_reads_with_any_score_label(language, name) -> None:
    """Seen: "Your Lists you are not on starts at 2." The label is named as the score's name,
    so a plural or a phrase reads as well as "Citizen Score"."""
    s = Strings(language)
    for key in ("briefing.score", "briefing.score_moved"):
        said = s(key, name=name, start=2, score=1, tier="On one list")
        named = {"en": "Your score, \u201c", "es": "Tu puntuación, \u201c"}[language]
        assert said.startswith(f"{named}{name}\u201d, ")
