"""``python -m game simulate``: scripted players; the same seed gives the same report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, friends_yaml, line_of, make_scenario, write_scenario

from game.cli import main
from game.core import commands as cmd
from game.core.game import Game
from game.core.simulate import play, simulate

RULES = """
- id: political-speech
  when: player_posts
  if: {text_uses: political}
  then:
    - change_score: {who: player, by: -40}   # speech-line
    - change_score: {who: friends, by: -10}
- id: praise-pays
  when: player_posts
  if: {choice: praise}
  then: [{change_score: {who: player, by: 10}}]
- id: like-gov
  when: player_likes
  if: {has_tag: official}
  then: [{change_score: {who: player, by: 2}}]
- id: luck
  when: day_starts
  if: {chance: 0.4}
  then: [{change_score: {who: player, by: -6}}]
- id: snitch
  when: player_reports_friend
  then: [{change_score: {who: player, by: 30}}]
- id: rich-kid
  when: player_buys
  if: {item: phone}
  then: [{change_score: {who: player, by: 50}}]
"""


@pytest.fixture
def scenario(tmp_path):
    return make_scenario(tmp_path, RULES, friends=friends_yaml(ana=1, bo=0.5), days="5")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["simulate", *args])
    out, err = capsys.readouterr()
    return code, out, err


ALL_3_5 = ("--strategy", "all", "--runs", "3", "--seed", "5")


def test_same_seed_same_text_report(scenario, capsys) -> None:
    first = _run(capsys, scenario.path, *ALL_3_5)
    second = _run(capsys, scenario.path, *ALL_3_5)
    assert first[0] == 0
    assert first[1].encode() == second[1].encode()
    assert "conform" in first[1] and "dissent" in first[1] and "random" in first[1]


def test_same_seed_same_json_report(scenario, capsys) -> None:
    first = _run(capsys, scenario.path, *ALL_3_5, "--json")
    second = _run(capsys, scenario.path, *ALL_3_5, "--json")
    assert first[0] == 0
    assert first[1].encode() == second[1].encode()
    report = json.loads(first[1])
    assert (report["runs"], report["seed"], sorted(report["strategies"])) == (
        3,
        5,
        ["conform", "dissent", "farm", "random"],
    )


def test_the_report_is_the_same_in_another_process_with_other_hashing(scenario) -> None:
    outputs = set()
    for hash_seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run(
            [sys.executable, "-m", "game", "simulate", scenario.path, *ALL_3_5, "--log"],
            capture_output=True,
            env=env,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr.decode()
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def test_a_different_seed_may_give_a_different_report(scenario, capsys) -> None:
    reports = {
        _run(capsys, scenario.path, "--runs", "3", "--seed", str(s), "--json")[1] for s in range(4)
    }
    finals = {json.dumps(json.loads(r)["strategies"]) for r in reports}
    assert len(finals) > 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--strategy", "bold"), "invalid choice"),
        (("--strategy",), "expected one argument"),
        (("--runs", "0"), "--runs must be between 1 and 10000"),
        (("--runs", "10001"), "--runs must be between 1 and 10000"),
        (("--runs", "-3"), "--runs must be between 1 and 10000"),
        (("--runs", "many"), "invalid int value"),
        (("--seed", "x"), "invalid int value"),
    ],
)
def test_usage_errors_exit_2(scenario, capsys, args, message) -> None:
    code, out, err = _run(capsys, scenario.path, *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_no_file_is_a_usage_error(capsys) -> None:
    code, _, err = _run(capsys)
    assert code == 2
    assert "FILE" in err or "file" in err


def test_a_broken_scenario_exits_1_with_its_errors(tmp_path, capsys) -> None:
    path = write_scenario(tmp_path, RULES.replace("political}", "politics}"))
    code, out, err = _run(capsys, str(path), "--runs", "1")
    assert code == 1
    assert out == ""
    assert f"{path}:" in err and "politics" in err


def test_conform_beats_dissent_when_speech_costs_points(scenario, capsys) -> None:
    code, out, _ = _run(capsys, scenario.path, "--runs", "5", "--seed", "2", "--json")
    assert code == 0
    strategies = json.loads(out)["strategies"]
    conform, dissent = strategies["conform"]["final"], strategies["dissent"]["final"]
    assert conform["min"] > dissent["max"]
    assert dissent["max"] < 650 < conform["min"]


def test_the_text_report_lists_rules_that_never_fired(scenario, capsys) -> None:
    code, out, _ = _run(capsys, scenario.path, *ALL_3_5)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Test Town ({scenario.path}): 3 run(s) per strategy, seed 5"
    assert lines[1].split() == ["strategy", "min", "median", "max", "final", "tiers"]
    # Nobody can afford the phone (1000, with 100 in the pocket).
    assert "never fired in any run: rich-kid" in lines
    assert any(
        line.startswith("never fired (conform): ") and "political-speech" in line for line in lines
    )


def test_one_strategy_reports_only_that_strategy(scenario, capsys) -> None:
    code, out, _ = _run(capsys, scenario.path, "--strategy", "dissent", "--runs", "2", "--json")
    assert code == 0
    assert list(json.loads(out)["strategies"]) == ["dissent"]


def test_the_rule_log_names_rule_file_and_line(scenario, capsys) -> None:
    code, out, _ = _run(capsys, scenario.path, "--strategy", "dissent", "--runs", "1", "--log")
    assert code == 0
    where = f"[political-speech at {scenario.path}:{line_of(scenario, 'speech-line')}]"
    speech = [line for line in out.splitlines() if line.strip().endswith(where)]
    assert speech
    assert "(-40: your post used a word from 'political')" in speech[0]


def test_every_scripted_player_finishes_the_game(scenario) -> None:
    for strategy in ("conform", "dissent", "random"):
        game = play(scenario, strategy, seed=3)
        assert game.over, strategy
        assert game.day == 5


def test_simulate_counts_every_run(scenario) -> None:
    reports = simulate(scenario, ("conform", "random"), runs=4, seed=1)
    assert [(r.name, len(r.finals), sum(n for _, n in r.tiers)) for r in reports] == [
        ("conform", 4, 4),
        ("random", 4, 4),
    ]


def test_the_rule_log_also_shows_tiers_perks_and_notices(capsys) -> None:
    template = str(Path(__file__).resolve().parents[1] / "scenarios" / "template.yaml")
    code, out, _ = _run(capsys, template, "--strategy", "conform", "--runs", "1", "--log")
    assert code == 0
    kinds = {line.split(": ")[1] for line in out.splitlines() if line.startswith("  day ")}
    assert {"tier", "perk_gained", "end"} <= kinds


def test_at_the_top_of_the_scale_the_farmer_tries_nothing(tmp_path, monkeypatch) -> None:
    player = 'name: "Mina"\nscore: 950\nmoney: 100\n'
    top = make_scenario(tmp_path, RULES, friends=friends_yaml(ana=1, bo=0.5), player=player)
    scores_when_tried = []
    tried = Game._try

    def counted(self: Game, command: cmd.Command) -> int:
        scores_when_tried.append(self.score)
        return tried(self, command)

    monkeypatch.setattr(Game, "_try", counted)
    game = play(top, "farm", 1)
    assert game.over and game.score == 950
    assert scores_when_tried and 950 not in scores_when_tried  # moves are weighed only below it


def test_at_the_top_of_the_scale_side_moves_are_not_weighed(tmp_path, monkeypatch) -> None:
    player = 'name: "Mina"\nscore: 950\nmoney: 100\n'
    top = make_scenario(tmp_path, RULES, friends=friends_yaml(ana=1, bo=0.5), player=player)
    side = (cmd.Buy, cmd.AddFriend, cmd.RemoveFriend, cmd.ReportFriend)
    weighed_at_top = []
    tried = Game._try

    def counted(self: Game, command: cmd.Command) -> int:
        if isinstance(command, side) and self.score == 950:
            weighed_at_top.append(command)
        return tried(self, command)

    monkeypatch.setattr(Game, "_try", counted)
    game = play(top, "conform", 1)
    assert game.over and 950 in [score for _, score in game.score_series]
    assert weighed_at_top == []  # buying or changing friends cannot raise a score at the top
