"""What the game claims is tied to checked facts: rules name their fact or myth, sources have real
web addresses, the Spanish file says the same thing as the English one, and the debrief about a
player's week opens with that player's biggest changes and the facts behind them."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from game.core import commands as cmd
from game.core.checker import check_file
from game.core.debrief import count_words, personal_debrief
from game.core.effects import ChangeScore, PullToFriends
from game.core.game import Game
from game.core.model import Scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
SHIPPED = [
    p for p in sorted(SCENARIOS.glob("*.yaml")) if "\nformat:" in "\n" + p.read_text("utf-8")
]


def _load(path: Path) -> Scenario:
    result = check_file(path)
    assert result.scenario is not None, [d.headline() for d in result.diagnostics]
    return result.scenario


def _moves_scores(rule) -> bool:
    return any(isinstance(e, ChangeScore | PullToFriends) for e in rule.effects)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_score_moving_rule_is_tied_to_a_fact_or_myth(path: Path) -> None:
    scenario = _load(path)
    moving = [r for r in scenario.rules if _moves_scores(r)]
    assert moving
    untied = [r.id for r in moving if scenario.fact(r.about) is None]
    assert untied == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_source_url_is_a_well_formed_web_address(path: Path) -> None:
    scenario = _load(path)
    urls = [s.url for f in scenario.debrief.facts for s in f.sources if s.url]
    assert urls
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https"), url
        assert "." in parts.hostname and not parts.hostname.startswith("."), url
        assert not any(ch.isspace() for ch in url), url
        assert parts.fragment == "", url
    for fact in scenario.debrief.facts:
        assert any(s.url for s in fact.sources), fact.claim


def _warnings(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "edited.yaml"
    path.write_text(text, "utf-8")
    return [(d.line, d.message) for d in check_file(path).diagnostics if d.severity == "warning"]


def test_the_checker_warns_about_a_big_rule_tied_to_nothing(tmp_path: Path) -> None:
    text = (SCENARIOS / "viral-score.yaml").read_text("utf-8")
    assert _warnings(tmp_path, text) == []
    untied = text.replace(
        "  - id: political-post\n    about: political-posts\n", "  - id: political-post\n"
    )
    line = untied.splitlines().index("  - id: political-post") + 1
    assert _warnings(tmp_path, untied) == [
        (
            line,
            "rule 'political-post' changes a score by a large amount but is tied to no fact "
            "or myth",
        )
    ]
    small = text.replace("  - id: boast\n    about: public-scores\n", "  - id: boast\n")
    assert _warnings(tmp_path, small) == []  # 5 points of 600 is not large


def test_the_checker_warns_about_a_fact_nobody_can_check(tmp_path: Path) -> None:
    lines = (SCENARIOS / "viral-score.yaml").read_text("utf-8").splitlines()
    start = lines.index("    - id: reporting")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("    - id: "))
    for i in range(start, end):
        lines[i] = re.sub(r',? url: "[^"]*"', "", lines[i])
    assert _warnings(tmp_path, "\n".join(lines) + "\n") == [
        (start + 1, "this fact or myth has no source with a web address, so nobody can check it")
    ]


def test_a_rule_about_an_unknown_fact_is_a_located_error(tmp_path: Path) -> None:
    text = (SCENARIOS / "viral-score.yaml").read_text("utf-8")
    text = text.replace("    about: train-ban\n", "    about: trains-ban\n", 1)
    path = tmp_path / "edited.yaml"
    path.write_text(text, "utf-8")
    result = check_file(path)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert result.scenario is None
    assert [d.message for d in errors] == ["unknown fact or myth 'trains-ban'"]
    assert errors[0].hint == "did you mean 'train-ban'?"
    assert text.splitlines()[errors[0].line - 1].strip() == "about: trains-ban"


# ---- the Spanish file says the same as the English one --------------------------------------
TEXT = {
    "title",
    "description",
    "language",
    "name",
    "text",
    "bio",
    "summary",
    "claim",
    "explanation",
    "details",
    "note",
    "notify",
    "end_game",
    "account",
    "questions",
    "briefing",
    "ending",
}
HASHTAGS = {"tags", "topics", "has_tag"}
SAME_IN_SPANISH = {"internet"}


def _same_shape(en, es, where: str, tags: dict[str, str]) -> list[str]:
    """Where the two trees differ in anything but text (hashtags must translate one to one)."""
    key = where.rsplit(".", 1)[-1].split("[")[0]
    if key in TEXT:
        ok = isinstance(en, str) and isinstance(es, str) and bool(es.strip())
        if isinstance(en, list):
            ok = isinstance(es, list) and len(en) == len(es)
        return [] if ok else [f"{where}: {en!r} / {es!r}"]
    if key in HASHTAGS:
        pairs = zip(en, es, strict=False) if isinstance(en, list) else [(en, es)]
        if isinstance(en, list) and len(en) != len(es):
            return [f"{where}: {en} / {es}"]
        problems = []
        for a, b in pairs:
            if tags.setdefault(a, b) != b:
                problems.append(f"{where}: #{a} is #{tags[a]} elsewhere, #{b} here")
        return problems
    if isinstance(en, dict) and isinstance(es, dict):
        if key == "word_lists":
            return [] if en.keys() == es.keys() else [f"{where}: {sorted(en)} / {sorted(es)}"]
        if en.keys() != es.keys():
            return [f"{where}: keys {sorted(en)} / {sorted(es)}"]
        problems = []
        for k in en:
            if k == "author" and en.get("source") != "friend":
                continue
            if k == "order":  # the place in the scenario picker, not part of the story
                continue
            problems += _same_shape(en[k], es[k], f"{where}.{k}", tags)
        return problems
    if isinstance(en, list) and isinstance(es, list):
        if len(en) != len(es):
            return [f"{where}: {len(en)} items / {len(es)}"]
        return [
            p
            for i, (a, b) in enumerate(zip(en, es, strict=True))
            for p in _same_shape(a, b, f"{where}[{i}]", tags)
        ]
    if key == "notify" or (isinstance(en, str) and key in ("message",)):
        return []
    return [] if en == es else [f"{where}: {en!r} / {es!r}"]


def test_the_spanish_viral_scenario_differs_from_the_english_one_only_in_text() -> None:
    en = yaml.safe_load((SCENARIOS / "viral-score.yaml").read_text("utf-8"))
    es = yaml.safe_load((SCENARIOS / "viral-score.es.yaml").read_text("utf-8"))
    tags: dict[str, str] = {}
    assert _same_shape(en, es, "scenario", tags) == []
    assert tags, "no hashtags compared"
    assert len(set(tags.values())) == len(tags), "two hashtags became one"
    untranslated = sorted(t for t, s in tags.items() if t == s and t not in SAME_IN_SPANISH)
    assert untranslated == []
    assert "por defecto" in (SCENARIOS / "viral-score.es.yaml").read_text("utf-8").lower()


def test_the_shape_check_notices_a_changed_number_and_a_lost_rule() -> None:
    en = yaml.safe_load((SCENARIOS / "viral-score.yaml").read_text("utf-8"))
    es = yaml.safe_load((SCENARIOS / "viral-score.es.yaml").read_text("utf-8"))
    es["rules"][3]["then"][0]["change_score"]["by"] = -9
    assert _same_shape(en, es, "scenario", {}) != []
    es = yaml.safe_load((SCENARIOS / "viral-score.es.yaml").read_text("utf-8"))
    del es["rules"][-1]
    assert _same_shape(en, es, "scenario", {}) != []


# ---- the debrief about this player's week ----------------------------------------------------
def _scripted_viral_game() -> Game:
    """A week with a VPN, a political post, a reported friend and two low-scoring friends."""
    game = Game(_load(SCENARIOS / "viral-score.yaml"), seed=3)
    game.apply(cmd.Buy("vpn"))
    game.apply(cmd.Post(choice="ask-crash"))
    game.apply(cmd.ReportFriend("kai"))
    while not game.over:
        game.apply(cmd.EndDay())
    return game


def test_the_personal_debrief_opens_with_the_three_biggest_changes_and_their_facts() -> None:
    game = _scripted_viral_game()
    page = personal_debrief(game.scenario, game.history)
    totals: dict[str, int] = {}
    for change in game.history:
        if change.who == "player":
            totals[change.rule_id] = totals.get(change.rule_id, 0) + change.delta
    expected = sorted(totals, key=lambda r: -abs(totals[r]))[:3]
    assert [h.rule_id for h in page.highlights] == expected
    assert "buy-vpn" in expected
    for h in page.highlights:
        assert h.total == totals[h.rule_id]
        assert h.fact is not None and h.fact.id == game.scenario.rule(h.rule_id).about
        assert 2 <= h.fact.explanation.count(". ") + 1 <= 3
    vpn = next(h for h in page.highlights if h.rule_id == "buy-vpn")
    assert vpn.fact.id == "good-buys" and vpn.total < -50
    shown = {h.fact.id for h in page.highlights}
    assert [f.id for f in page.others] == [
        f.id for f in game.scenario.debrief.facts if f.id not in shown
    ]


def test_a_rule_that_fires_often_counts_with_its_total() -> None:
    scenario = _load(SCENARIOS / "viral-score.yaml")
    game = Game(scenario, seed=3)
    while not game.over:
        game.apply(cmd.EndDay())
    page = personal_debrief(scenario, game.history)
    drag = [c.delta for c in game.history if c.who == "player" and c.rule_id == "friend-drag"]
    assert len(drag) > 1
    first = page.highlights[0]
    assert first.rule_id == "friend-drag" and first.times == len(drag)
    assert first.total == sum(drag)


def test_words_are_counted_like_a_reader_counts_them() -> None:
    assert count_words(["Final score 612 (Ordinary).", "It's a well-known myth: no!"]) == 9
    assert count_words(["", "  ", "—"]) == 0


def test_two_facts_with_one_id_is_a_located_error(tmp_path: Path) -> None:
    text = (SCENARIOS / "viral-score.yaml").read_text("utf-8")
    text = text.replace("    - id: reporting\n", "    - id: perks\n", 1)
    path = tmp_path / "edited.yaml"
    path.write_text(text, "utf-8")
    result = check_file(path)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    first = text.splitlines().index("    - id: perks") + 1
    assert errors[0].message == f"duplicate fact id 'perks' (first at line {first})"
    assert text.splitlines()[errors[0].line - 1].strip() == "- id: perks"
