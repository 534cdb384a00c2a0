"""Every condition a rule's ``if`` may hold, checked through real scenarios and whole games."""

from __future__ import annotations

import pytest
from conftest import counter, end_days, feed_post, make_scenario

from game.core import commands as cmd
from game.core.game import Game
from game.core.vocabulary import CONDITIONS

COVERED = {
    "text_uses",
    "has_tag",
    "choice",
    "item",
    "post",
    "score",
    "friend",
    "flag",
    "counter",
    "chance",
    "all",
    "any",
    "not",
    "expression",
}


def test_every_condition_is_covered_here() -> None:
    assert set(CONDITIONS) == COVERED


def _post_rule(condition: str) -> str:
    return f"""
- id: hit
  when: player_posts
  if: {condition}
  then: [{{add_to_counter: {{name: hits}}}}]
"""


def _hits_after_post(tmp_path, condition: str, post: cmd.Post, **overrides) -> int:
    game = Game(make_scenario(tmp_path, _post_rule(condition), **overrides))
    game.apply(post)
    return counter(game, "hits")


# -- text_uses ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("I support the protest.", True),
        ("PROTEST!", True),
        ("Remember Tiānānmén", True),
        ("TIANANMEN square", True),
        ("We need free   speech", True),
        ("Free\tSpeech", True),
        ("The protestant church is old", False),
        ("counterprotest", False),
        ("freespeech", False),
        ("free speeches", False),
        ("Nice weather today", False),
    ],
)
def test_text_uses_is_case_accent_and_word_aware(tmp_path, text, flagged) -> None:
    hits = _hits_after_post(tmp_path, "{text_uses: political}", cmd.Post(text=text))
    assert hits == (1 if flagged else 0)


def test_text_uses_with_several_lists_holds_for_any_of_them(tmp_path) -> None:
    condition = "{text_uses: [political, rumours]}"
    assert _hits_after_post(tmp_path, condition, cmd.Post(text="The crash is coming")) == 1


def test_text_uses_looks_at_a_chosen_posts_text(tmp_path) -> None:
    # The 'protest' choice reads "Why is nobody talking about the censorship?"
    assert _hits_after_post(tmp_path, "{text_uses: political}", cmd.Post(choice="protest")) == 1
    assert _hits_after_post(tmp_path, "{text_uses: political}", cmd.Post(choice="praise")) == 0


def test_text_uses_matches_accented_list_entries_without_accents(tmp_path) -> None:
    lists = """
        political: ["protest"]
        rumours: ["Café Niño"]
    """
    text = cmd.Post(text="meet me at the cafe nino")
    assert _hits_after_post(tmp_path, "{text_uses: rumours}", text, word_lists=lists) == 1


# -- has_tag, choice, item, post ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "choice", "hits"),
    [
        ("{has_tag: political}", "protest", 1),
        ("{has_tag: political}", "praise", 0),
        ("{has_tag: [official, patriotic]}", "praise", 1),
        ("{choice: protest}", "protest", 1),
        ("{choice: protest}", "lunch", 0),
    ],
)
def test_tags_and_choice_of_a_post(tmp_path, condition, choice, hits) -> None:
    assert _hits_after_post(tmp_path, condition, cmd.Post(choice=choice)) == hits


def test_item_holds_for_that_item_only(tmp_path) -> None:
    rules = """
- id: bought-pen
  when: player_buys
  if: {item: pen}
  then: [{add_to_counter: {name: pens}}]
- id: bought-school-stuff
  when: player_buys
  if: {has_tag: education}
  then: [{add_to_counter: {name: school}}]
"""
    shop = """
        - {id: textbook, name: "Physics textbook", price: 40, tags: [education]}
        - {id: pen, name: "Pen", price: 2, tags: [education, cheap]}
    """
    game = Game(make_scenario(tmp_path, rules, shop=shop))
    game.apply(cmd.Buy("textbook"))
    assert (counter(game, "pens"), counter(game, "school")) == (0, 1)
    game.apply(cmd.Buy("pen"))
    assert (counter(game, "pens"), counter(game, "school")) == (1, 2)


def test_post_holds_for_that_pool_post_only(tmp_path) -> None:
    rules = """
- id: liked-gov
  when: player_likes
  if: {post: gov-honesty}
  then: [{add_to_counter: {name: hits}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    other = next(p for p in game.feed if p.pool_id != "gov-honesty")
    game.apply(cmd.Like(other.uid))
    assert counter(game, "hits") == 0
    game.apply(cmd.Like(feed_post(game, "gov-honesty").uid))
    assert counter(game, "hits") == 1


def test_post_never_holds_for_the_players_own_post(tmp_path) -> None:
    rules = """
- id: liked-gov
  when: player_likes
  if: {not: {post: gov-honesty}}
  then: [{add_to_counter: {name: hits}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(text="Keep promises."))
    game.apply(cmd.Like(feed_post(game, by_player=True).uid))
    assert counter(game, "hits") == 1


# -- score ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bounds", "hits"),
    [
        ("below: 651", 1),
        ("below: 650", 0),
        ("at_least: 650", 1),
        ("at_least: 651", 0),
        ("at_least: 600, below: 700", 1),
        ("at_least: 660, below: 700", 0),
    ],
)
def test_score_of_the_player_within_bounds(tmp_path, bounds, hits) -> None:
    condition = f"{{score: {{of: player, {bounds}}}}}"
    assert _hits_after_post(tmp_path, condition, cmd.Post(choice="lunch")) == hits


def test_score_of_defaults_to_the_player(tmp_path) -> None:
    assert _hits_after_post(tmp_path, "{score: {below: 651}}", cmd.Post(choice="lunch")) == 1


def _touched_friends(tmp_path, condition: str, **overrides) -> list[str]:
    """Ids of the friends a day_ends rule for each friend touched, with ``condition``."""
    rules = f"""
- id: touch
  when: day_ends
  for_each: friend
  if: {condition}
  then: [{{change_score: {{who: friend, by: 1}}}}]
"""
    game = Game(make_scenario(tmp_path, rules, **overrides))
    before = {f.id: f.score for f in game.friends}
    game.apply(cmd.EndDay())
    return [f.id for f in game.friends if f.score != before[f.id]]


def test_score_of_the_bound_friend(tmp_path) -> None:
    assert _touched_friends(tmp_path, "{score: {of: friend, below: 600}}") == ["bo"]


@pytest.mark.parametrize(("bounds", "hits"), [("at_least: 610", 1), ("at_least: 611", 0)])
def test_score_of_friends_average(tmp_path, bounds, hits) -> None:
    # Current friends: Ana 720 and Bo 500 (Cy, 600, is not a friend): average 610.
    condition = f"{{score: {{of: friends_average, {bounds}}}}}"
    assert _hits_after_post(tmp_path, condition, cmd.Post(choice="lunch")) == hits


def test_friends_average_follows_who_is_a_friend(tmp_path) -> None:
    game = Game(
        make_scenario(tmp_path, _post_rule("{score: {of: friends_average, at_least: 700}}"))
    )
    game.apply(cmd.Post(choice="lunch"))
    game.apply(cmd.RemoveFriend("bo"))
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "hits") == 1


def test_friends_average_never_holds_without_friends(tmp_path) -> None:
    rules = _post_rule(
        "{any: [{score: {of: friends_average, below: 10000}}, "
        "{score: {of: friends_average, at_least: -10000}}]}"
    )
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.RemoveFriend("ana"))
    game.apply(cmd.RemoveFriend("bo"))
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "hits") == 0


def test_friends_average_in_an_expression_never_holds_without_friends(tmp_path) -> None:
    # Like {score: {of: friends_average}}: the average of nobody is no number, not 0, so a
    # player without friends is not "below 550" (nor "at least 0").
    rules = _post_rule('"friends.average < 550 or friends.min >= 0"')
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.RemoveFriend("ana"))
    game.apply(cmd.RemoveFriend("bo"))
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "hits") == 0


def test_friends_count_is_zero_without_friends(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, _post_rule('"friends.count == 0"')))
    game.apply(cmd.RemoveFriend("ana"))
    game.apply(cmd.RemoveFriend("bo"))
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "hits") == 1


# -- friend --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("properties", "touched"),
    [
        ("{id: ana}", ["ana"]),
        ("{reaction: zealous}", ["bo"]),
        ("{has_topic: political}", ["bo"]),
        ("{has_topic: daily}", ["ana"]),
        ("{is_friend: true}", ["ana", "bo"]),
        ("{id: ana, reaction: anxious}", ["ana"]),
        ("{id: ana, reaction: zealous}", []),
    ],
)
def test_friend_properties(tmp_path, properties, touched) -> None:
    assert _touched_friends(tmp_path, f"{{friend: {properties}}}") == touched


def test_friend_is_friend_false_after_the_player_removes_them(tmp_path) -> None:
    rules = """
- id: gone
  when: player_removes_friend
  if: {friend: {is_friend: false, id: bo}}
  then: [{add_to_counter: {name: hits}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.RemoveFriend("bo"))
    assert counter(game, "hits") == 1


# -- flag and counter -----------------------------------------------------------------------------


def test_flag_holds_once_a_rule_set_it_and_not_after_it_is_cleared(tmp_path) -> None:
    rules = """
- id: warn
  when: player_posts
  if: {choice: protest}
  then: [{set_flag: warned}]
- id: forgive
  when: player_posts
  if: {choice: praise}
  then: [{clear_flag: warned}]
- id: punish
  when: day_ends
  if: {flag: warned}
  then: [{change_score: {who: player, by: -50}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.EndDay())
    assert game.player.score == 650
    game.apply(cmd.Post(choice="protest"))
    game.apply(cmd.EndDay())
    assert game.player.score == 600
    game.apply(cmd.Post(choice="praise"))
    game.apply(cmd.EndDay())
    assert game.player.score == 600


@pytest.mark.parametrize(
    ("bounds", "held"),
    [
        ("below: 2", [0, 1]),
        ("at_least: 3", [3, 4]),
        ("equals: 2", [2]),
        ("at_least: 1, below: 4", [1, 2, 3]),
    ],
)
def test_counter_bounds(tmp_path, bounds, held) -> None:
    """Over five posts the counter reads 0, 1, 2, 3, 4 when checked (it counts after)."""
    rules = f"""
- id: reset
  when: player_posts
  then: [{{set_counter: {{name: seen, value: 0}}}}]
- id: check
  when: player_posts
  if: {{counter: {{name: posts, {bounds}}}}}
  then: [{{set_counter: {{name: seen, value: 1}}}}]
- id: count
  when: player_posts
  then: [{{add_to_counter: {{name: posts}}}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    seen = []
    for value in range(5):
        game.apply(cmd.Post(choice="lunch"))
        if counter(game, "seen"):
            seen.append(value)
    assert seen == held


def test_an_unknown_counter_is_zero(tmp_path) -> None:
    condition = "{counter: {name: never-set, equals: 0}}"
    assert _hits_after_post(tmp_path, condition, cmd.Post(choice="lunch")) == 1


# -- chance --------------------------------------------------------------------------------------


def _chance_days(tmp_path, probability: float, seed: int, name: str = "town.yaml") -> list[int]:
    """The days of a 20-day game on which a ``chance`` rule held."""
    rules = f"""
- id: lucky
  when: day_starts
  if: {{chance: {probability}}}
  then: [{{add_to_counter: {{name: lucky}}}}]
"""
    game = Game(make_scenario(tmp_path, rules, name=name, days="20"), seed=seed)
    lucky = []
    for day in range(1, 21):
        if counter(game, "lucky") > len(lucky):
            lucky.append(day)
        if not game.over:
            game.apply(cmd.EndDay())
    return lucky


def test_chance_is_the_same_for_the_same_seed(tmp_path) -> None:
    assert _chance_days(tmp_path, 0.5, seed=7) == _chance_days(tmp_path, 0.5, seed=7, name="b.yaml")


def test_chance_differs_between_seeds(tmp_path) -> None:
    outcomes = {tuple(_chance_days(tmp_path, 0.5, seed=s)) for s in range(8)}
    assert len(outcomes) > 1


def test_chance_holds_about_as_often_as_it_says(tmp_path) -> None:
    lucky = sum(len(_chance_days(tmp_path, 0.5, seed=s)) for s in range(10))
    assert 60 <= lucky <= 140  # 200 draws at 0.5


def test_chance_one_always_holds(tmp_path) -> None:
    assert _chance_days(tmp_path, 1, seed=3) == list(range(1, 21))


def test_chance_zero_never_holds(tmp_path) -> None:
    assert _chance_days(tmp_path, 0, seed=3) == []


# -- all, any, not, lists -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "choice", "hits"),
    [
        ("{all: [{has_tag: political}, {text_uses: political}]}", "protest", 1),
        ("{all: [{has_tag: political}, {choice: praise}]}", "protest", 0),
        ("{any: [{choice: praise}, {choice: protest}]}", "protest", 1),
        ("{any: [{choice: praise}, {choice: lunch}]}", "protest", 0),
        ("{not: {choice: protest}}", "protest", 0),
        ("{not: {choice: protest}}", "praise", 1),
        ("[{has_tag: political}, {choice: protest}]", "protest", 1),
        ("[{has_tag: political}, {choice: praise}]", "protest", 0),
        ("{not: {any: [{choice: praise}, {all: [{choice: protest}, {flag: nope}]}]}}", "lunch", 1),
    ],
)
def test_combinations(tmp_path, condition, choice, hits) -> None:
    assert _hits_after_post(tmp_path, condition, cmd.Post(choice=choice)) == hits


# -- expressions ---------------------------------------------------------------------------------

HIGH_PLAYER = """
    name: "Mina"
    score: 720
    money: 100
"""


def test_friend_drag_expression(tmp_path) -> None:
    rules = """
- id: friend-drag
  when: day_ends
  for_each: friend
  if: "friend.score < 550 and player.score > 700"
  then: [{change_score: {who: player, by: -5}}]
"""
    high = Game(make_scenario(tmp_path, rules, player=HIGH_PLAYER, name="high.yaml"))
    high.apply(cmd.EndDay())
    assert high.player.score == 715  # only Bo (500) drags
    low = Game(make_scenario(tmp_path, rules, name="low.yaml"))
    low.apply(cmd.EndDay())
    assert low.player.score == 650  # 650 is not above 700


@pytest.mark.parametrize(
    ("expression", "holds"),
    [
        ("player.score == 650", True),
        ("player.money >= 100 and player.money < 101", True),
        ('player.tier == "good"', True),
        ('player.tier == "fair"', False),
        ("day == 1 and days == 3", True),
        ("friends.count == 2", True),
        ("friends.average == 610", True),
        ("friends.min == 500 and friends.max == 720", True),
        ("counters.never == 0 and not flags.never", True),
        ("(player.score - 50) / 2 == 300", True),
        ("player.score * 2 > 1300 or day == 1", True),
        ("not (player.score > 600)", False),
        ("player.score != 650", False),
        ("true", True),
        ("false", False),
        ("1.5 + 1.5 == 3", True),
    ],
)
def test_expressions_about_the_player_and_the_game(tmp_path, expression, holds) -> None:
    condition = '"' + expression.replace('"', '\\"') + '"'
    assert _hits_after_post(tmp_path, condition, cmd.Post(choice="lunch")) == int(holds)


@pytest.mark.parametrize(
    ("expression", "touched"),
    [
        ('friend.reaction == "anxious"', ["ana"]),
        ('friend.id == "bo"', ["bo"]),
        ("friend.posts_per_day == 0 and friend.is_friend", ["ana", "bo"]),
        ("player.score - friend.score > 100", ["bo"]),
        ("friend.score >= friends.average", ["ana"]),
    ],
)
def test_expressions_about_the_bound_friend(tmp_path, expression, touched) -> None:
    condition = '"' + expression.replace('"', '\\"') + '"'
    assert _touched_friends(tmp_path, condition) == touched


def test_expressions_see_counters_and_flags_set_by_rules(tmp_path) -> None:
    rules = """
- id: count
  when: player_posts
  then: [{add_to_counter: {name: posts, by: 2}}, {set_flag: posted}]
- id: busy
  when: day_ends
  if: "counters.posts >= 4 and flags.posted"
  then: [{change_score: {who: player, by: 25}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    game.apply(cmd.EndDay())
    assert game.player.score == 650
    game.apply(cmd.Post(choice="lunch"))
    game.apply(cmd.EndDay())
    assert game.player.score == 675


def test_game_with_many_conditions_plays_to_the_end(tmp_path) -> None:
    rules = """
- id: mixed
  when: day_ends
  for_each: friend
  if:
    - any: [{friend: {reaction: anxious}}, "friend.score < 550"]
    - not: {flag: stop}
    - {chance: 0.5}
  then: [{change_score: {who: friend, by: -3}}]
"""
    game = Game(make_scenario(tmp_path, rules), seed=4)
    end_days(game, 3)
    assert game.over
    assert all(change.rule_id == "mixed" and change.delta == -3 for change in game.history)
