"""The engine tries only the rules an event can fire, and still fires them in file order."""

from __future__ import annotations

from pathlib import Path

from conftest import counter, make_scenario

from game.core import commands as cmd
from game.core.engine import index_rules
from game.core.events import Event
from game.core.game import Game
from game.core.world import TextMatches, WorldState, passes

RULES = """
- id: any-post
  when: player_posts
  then: [{add_to_counter: {name: order, by: 1}}]
- id: political-tag
  when: player_posts
  if: [{has_tag: [political, official]}, {chance: 1.0}]
  then: [{set_counter: {name: order, value: 10}}]
- id: rumour-words
  when: player_posts
  if: {text_uses: rumours}
  then: [{add_to_counter: {name: order, by: 100}}]
- id: lunch-choice
  when: player_posts
  if: {choice: lunch}
  then: [{add_to_counter: {name: order, by: 1000}}]
- id: zealots
  when: day_ends
  for_each: friend
  if: 'friend.reaction == "zealous" and friend.score > 0'
  then: [{add_to_counter: {name: zealots, by: 1}}]
- id: anxious
  when: day_ends
  for_each: friend
  if: {friend: {reaction: anxious}}
  then: [{add_to_counter: {name: anxious, by: 1}}]
"""


def _tried(tmp_path: Path, event: Event) -> list[str]:
    scenario = make_scenario(tmp_path, RULES)
    rules = index_rules(scenario)[event.kind]
    world = WorldState.start(scenario, 1)
    return [p.rule.id for p in rules.candidates(event, TextMatches(event.text), world)]


def test_a_rule_whose_first_condition_cannot_match_is_never_tried(tmp_path: Path) -> None:
    daily = Event("player_posts", 1, "Had noodles for lunch.", ("daily",), choice="other")
    assert _tried(tmp_path, daily) == ["any-post"]
    political = Event("player_posts", 1, "Free speech now", ("political",))
    assert _tried(tmp_path, political) == ["any-post", "political-tag"]
    rumour = Event("player_posts", 1, "A rumour about a CRASH", ("official", "political"))
    assert _tried(tmp_path, rumour) == ["any-post", "political-tag", "rumour-words"]
    lunch = Event("player_posts", 1, "Had noodles for lunch.", ("daily",), choice="lunch")
    assert _tried(tmp_path, lunch) == ["any-post", "lunch-choice"]


def test_indexed_rules_still_run_in_file_order(tmp_path: Path) -> None:
    game = Game(make_scenario(tmp_path, RULES), seed=3)
    game.apply(cmd.Post(choice="protest"))  # political: +1, then set to 10
    assert counter(game, "order") == 10
    game.apply(cmd.Post(text="They say a rumour is going round"))  # +1, +100
    assert counter(game, "order") == 111


def test_a_for_each_rule_visits_only_friends_with_the_fixed_property(tmp_path: Path) -> None:
    scenario = make_scenario(tmp_path, RULES)
    prepared = {p.rule.id: p for p in index_rules(scenario)["day_ends"].always}
    assert prepared["zealots"].people == ("bo",)
    assert prepared["anxious"].people == ("ana",)
    game = Game(scenario, seed=3)
    game.apply(cmd.EndDay())
    assert (counter(game, "zealots"), counter(game, "anxious")) == (1, 1)
    game.apply(cmd.RemoveFriend("bo"))
    game.apply(cmd.EndDay())
    assert (counter(game, "zealots"), counter(game, "anxious")) == (1, 2)


def test_a_fork_is_independent_and_plays_on_like_the_original(tmp_path: Path) -> None:
    game = Game(make_scenario(tmp_path, RULES), seed=5)
    game.apply(cmd.Post(choice="lunch"))
    trial = game.fork()
    trial.apply(cmd.EndDay())
    assert game.day == 1 and trial.day == 2
    assert counter(game, "zealots") == 0 and counter(trial, "zealots") == 1
    game.apply(cmd.EndDay())
    assert game.feed == trial.feed and game.log == trial.log
    assert game.rule_fire_counts == trial.rule_fire_counts


CROSSINGS = """
- id: past-700
  when: score_crosses
  threshold: 700
  then: [{add_to_counter: {name: crossed}}]
- id: up-10
  when: player_posts
  if: {choice: lunch}
  then: [{change_score: {who: player, by: 10}}]
- id: up-60
  when: player_posts
  if: {choice: protest}
  then: [{change_score: {who: player, by: 60}}]
"""


def test_a_score_change_that_passes_no_threshold_queues_no_crossing(tmp_path: Path) -> None:
    game = Game(make_scenario(tmp_path, CROSSINGS), seed=1)
    assert game.world.watched == {"score_crosses": (700,)}
    game.apply(cmd.Post(choice="lunch"))  # 650 -> 660: passes no threshold
    assert game.engine.spent == 2  # the post's event and its one effect: no crossing event
    game.apply(cmd.Post(choice="protest"))  # 660 -> 720: passes 700
    assert counter(game, "crossed") == 1
    assert game.engine.spent == 4  # the post's event and effect, the crossing and its effect


def test_passes_finds_a_mark_between_two_scores_either_way() -> None:
    watched = (600.0, 700.0)
    assert passes(watched, 650, 700) and passes(watched, 700, 650) and passes(watched, 599, 601)
    assert not passes(watched, 700, 750) and not passes(watched, 610, 690)
    assert not passes((), 1, 1000) and passes(None, 650, 651)


def test_with_an_indexed_crossing_rule_every_change_is_tried_and_thresholds_still_fire(
    tmp_path: Path,
) -> None:
    rules = (
        CROSSINGS
        + """
- id: tagged-crossing
  when: score_crosses
  threshold: 900
  if: {has_tag: never}
  then: [{add_to_counter: {name: tagged}}]
- id: friend-past-700
  when: friend_score_crosses
  threshold: 700
  then: [{add_to_counter: {name: friend_crossed}}]
- id: ana-drops
  when: player_posts
  if: {choice: praise}
  then: [{change_score: {who: ana, by: -30}}]
"""
    )
    game = Game(make_scenario(tmp_path, rules), seed=1)
    assert game.world.watched == {"score_crosses": None, "friend_score_crosses": (700,)}
    game.apply(cmd.Post(choice="lunch"))  # 650 -> 660: a crossing event, though none fires
    assert game.engine.spent == 3 and counter(game, "crossed") == 0
    game.apply(cmd.Post(choice="protest"))  # 660 -> 720: the plain threshold rule still fires
    assert counter(game, "crossed") == 1 and counter(game, "tagged") == 0
    game.apply(cmd.Post(choice="praise"))  # Ana 720 -> 690 passes her watched 700
    assert counter(game, "friend_crossed") == 1
