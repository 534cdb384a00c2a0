"""``python -m game explain``: a scenario's rules in plain English, for teachers."""

from __future__ import annotations

import pytest
from conftest import line_of, make_scenario, write_scenario

from game.cli import main
from game.core.explain import cause_phrase, explain, explain_rule

POLITICAL = """
- id: political-speech
  when: player_posts
  if: {text_uses: political}
  then:
    - change_score: {who: player, by: -40}
    - change_score: {who: friends, by: -10}
"""


def _sentence(tmp_path, rules: str, rule_id: str | None = None) -> str:
    scenario = make_scenario(tmp_path, rules)
    rule = (
        scenario.rules[0] if rule_id is None else next(r for r in scenario.rules if r.id == rule_id)
    )
    return explain_rule(rule)


def test_political_speech_reads_as_plain_english(tmp_path) -> None:
    sentence = _sentence(tmp_path, POLITICAL)
    assert sentence.startswith("When you post, if the text uses a word from 'political': ")
    assert "your score drops by 40 and each friend's score drops by 10" in sentence


def test_the_sentence_says_where_the_rule_is_written(tmp_path) -> None:
    scenario = make_scenario(tmp_path, POLITICAL)
    sentence = explain_rule(scenario.rules[0])
    line = line_of(scenario, "- id: political-speech")
    assert sentence.endswith(f"[rule 'political-speech', {scenario.path}:{line}]")


def test_friend_drag_reads_as_plain_english(tmp_path) -> None:
    rules = """
- id: friend-drag
  when: day_ends
  for_each: friend
  if: "friend.score < 550 and player.score > 700"
  then: [{change_score: {who: player, by: -5}}]
"""
    sentence = _sentence(tmp_path, rules)
    assert sentence.startswith("When a day ends, for each friend, if ")
    assert "the friend's score is below 550" in sentence
    assert "your score is above 700" in sentence
    assert ": your score drops by 5." in sentence


@pytest.mark.parametrize(
    ("when", "phrase"),
    [
        ("threshold: 700\n  direction: up", "When your score rises to 700:"),
        ("threshold: 550\n  direction: down", "When your score falls below 550:"),
        ("threshold: 600", "When your score crosses 600:"),
    ],
)
def test_score_crossings_say_which_way(tmp_path, when, phrase) -> None:
    rules = f"""
- id: crossing
  when: score_crosses
  {when}
  then: [{{notify: "Crossed."}}]
"""
    assert _sentence(tmp_path, rules).startswith(phrase)


def test_a_once_rule_says_so(tmp_path) -> None:
    rules = """
- id: welcome
  when: game_starts
  once: true
  then: [{notify: "Welcome."}]
"""
    assert 'When the game starts: you see "Welcome." (only once).' in _sentence(tmp_path, rules)


@pytest.mark.parametrize(
    ("effect", "phrase"),
    [
        ("change_score: {who: player, by: 25}", "your score rises by 25"),
        ("change_score: {who: player, percent: -10}", "your score drops by 10%"),
        ("change_score: {who: friend, by: -3}", "that friend's score drops by 3"),
        ("change_score: {who: ana, by: 4}", "ana's score rises by 4"),
        (
            "change_score: {who: friends, by: -1, where: {friend: {reaction: zealous}}}",
            "each friend's score (friends where the friend reacts as 'zealous') drops by 1",
        ),
        (
            "pull_to_friends: {weight: 0.2}",
            "your score moves 20% of the way to your friends' average",
        ),
        ('notify: "Careful now."', 'you see "Careful now."'),
        ('message: {from: friend, text: "Why?"}', 'that friend messages you "Why?"'),
        ('message: {from: bo, text: "Hi"}', 'bo messages you "Hi"'),
        ("add_post: gov-warning", "the post 'gov-warning' appears in your feed"),
        ("unfriend: friend", "that friend unfriends you"),
        ("befriend: cy", "cy befriends you"),
        ("set_flag: warned", "flag 'warned' is set"),
        ("clear_flag: warned", "flag 'warned' is cleared"),
        ("add_to_counter: {name: reports}", "counter 'reports' goes up by 1"),
        ("add_to_counter: {name: reports, by: -2}", "counter 'reports' goes down by 2"),
        ("set_counter: {name: reports, value: 0}", "counter 'reports' is set to 0"),
        ("change_money: {by: -50}", "you lose 50 money"),
        ("change_money: {by: 30}", "you gain 30 money"),
        ("unlock_perk: vip", "you gain the perk 'vip'"),
        ("lock_perk: vip", "you lose the perk 'vip'"),
        ('end_game: "Expelled."', 'the game ends ("Expelled.")'),
    ],
)
def test_each_effect_in_plain_words(tmp_path, effect, phrase) -> None:
    rules = f"""
- id: effect
  when: player_reports_friend
  then:
    - {effect}
"""
    assert f": {phrase}." in _sentence(tmp_path, rules)


@pytest.mark.parametrize(
    ("condition", "phrase"),
    [
        ("{text_uses: [political, rumours]}", "the text uses a word from 'political' or 'rumours'"),
        ("{has_tag: [daily, official]}", "it is tagged 'daily' or 'official'"),
        ("{post: gov-honesty}", "the post is 'gov-honesty'"),
        (
            "{score: {of: player, at_least: 600, below: 700}}",
            "your score is at least 600 and is below 700",
        ),
        ("{score: {of: friend, below: 550}}", "the friend's score is below 550"),
        (
            "{score: {of: friends_average, at_least: 600}}",
            "your friends' average score is at least 600",
        ),
        ("{friend: {id: ana, is_friend: true}}", "the friend is 'ana' and is your friend"),
        ("{friend: {has_topic: daily}}", "the friend posts about 'daily'"),
        ("{flag: warned}", "flag 'warned' is set"),
        ("{counter: {name: reports, equals: 2}}", "counter 'reports' is 2"),
        ("{chance: 0.25}", "a 25% chance comes up"),
        ("{not: {flag: warned}}", "not (flag 'warned' is set)"),
        ("{any: [{flag: a}, {flag: b}]}", "either flag 'a' is set or flag 'b' is set"),
        ("[{flag: a}, {flag: b}]", "flag 'a' is set and flag 'b' is set"),
    ],
)
def test_each_condition_in_plain_words(tmp_path, condition, phrase) -> None:
    rules = f"""
- id: condition
  when: player_likes
  for_each: friend
  if: {condition}
  then: [{{set_flag: seen}}]
"""
    assert f", if {phrase}: " in _sentence(tmp_path, rules)


@pytest.mark.parametrize(
    ("condition", "phrase"),
    [
        ("{choice: protest}", "you picked the post 'protest'"),
        ("{item: textbook}", "the item is 'textbook'"),
    ],
)
def test_choice_and_item_conditions_in_plain_words(tmp_path, condition, phrase) -> None:
    when = "player_posts" if "choice" in condition else "player_buys"
    rules = f"""
- id: condition
  when: {when}
  if: {condition}
  then: [{{set_flag: seen}}]
"""
    assert f", if {phrase}: " in _sentence(tmp_path, rules)


def test_different_conditions_read_differently(tmp_path) -> None:
    # "(A or B) and C" and "A or (B and C)" must not explain as the same sentence.
    rules = """
- id: grouped-first
  when: player_posts
  if: [{any: [{flag: a}, {flag: b}]}, {flag: c}]
  then: [{set_flag: seen}]
- id: grouped-last
  when: player_posts
  if: {any: [{flag: a}, {all: [{flag: b}, {flag: c}]}]}
  then: [{set_flag: seen}]
"""
    scenario = make_scenario(tmp_path, rules)
    first, last = (explain_rule(r).split(": ")[0] for r in scenario.rules)
    assert first != last


def test_a_rules_description_comes_first_in_the_explanation(tmp_path) -> None:
    # The description is shown first; the sentence from the rule itself follows it.
    rules = """
- id: bonus
  description: "Model citizens are rewarded every evening."
  when: day_ends
  if: {score: {at_least: 800}}
  then: [{change_score: {who: player, percent: 2}}]
"""
    sentence = _sentence(tmp_path, rules)
    assert sentence.startswith('"Model citizens are rewarded every evening." When a day ends')
    assert "your score rises by 2%" in sentence


def test_score_change_causes_name_what_happened(tmp_path) -> None:
    rules = """
- id: comment
  when: player_comments
  if: {text_uses: political}
  then: [{change_score: {who: player, by: -5}}]
- id: crossed
  when: score_crosses
  threshold: 600
  then: [{change_score: {who: player, by: -5}}]
- id: posted
  when: player_posts
  if: {choice: protest}
  then: [{change_score: {who: player, by: -5}}]
"""
    scenario = make_scenario(tmp_path, rules)
    assert [cause_phrase(r) for r in scenario.rules] == [
        "your comment used a word from 'political'",
        "your score crossed 600",
        "you posted (you picked the post 'protest')",
    ]


def test_explain_lists_score_tiers_and_rules(tmp_path) -> None:
    scenario = make_scenario(tmp_path, POLITICAL)
    lines = explain(scenario)
    assert lines[:4] == [
        "Test Town: 3 days, Citizen Score from 350 to 950, you start at 650.",
        "Tier Poor (350 to 549): penalty 'Train ban'.",
        "Tier Fair (550 to 649).",
        "Tier Good (650 to 950): perk 'No deposit'.",
    ]
    assert lines[4] == explain_rule(scenario.rules[0])
    assert len(lines) == 5


def test_the_explain_command_prints_the_explanation(tmp_path, capsys) -> None:
    scenario = make_scenario(tmp_path, POLITICAL)
    assert main(["explain", scenario.path]) == 0
    out, err = capsys.readouterr()
    assert out == "\n".join(explain(scenario)) + "\n"
    assert err == ""


def test_the_explain_command_refuses_a_broken_scenario(tmp_path, capsys) -> None:
    path = write_scenario(tmp_path, POLITICAL.replace("by: -40", "by: lots"))
    assert main(["explain", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{path}:" in err and "error" in err


def test_the_explain_command_needs_a_file(capsys) -> None:
    assert main(["explain"]) == 2
    assert "FILE" in capsys.readouterr().err
