"""Every event a rule's ``when`` may name fires from the command or game phase that causes it.

Each case writes a real scenario with one rule for the event (counting how often it fired, often
with a condition that pins down what the event carries), starts a game and does what should
cause the event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import counter, end_days, feed_post, friends_yaml, make_scenario

from game.core import commands as cmd
from game.core.game import Game
from game.core.vocabulary import EVENTS

POSTING_ANA = friends_yaml(ana=1)


@dataclass(frozen=True)
class Case:
    """A rule for ``event`` (``extra`` goes between ``when`` and ``then``), and how to cause it."""

    event: str
    extra: str
    cause: Callable[[Game], object]
    before: int = 0
    after: int = 1
    more_rules: str = ""
    overrides: dict[str, str] | None = None


def _post_uid(pool_id: str) -> Callable[[Game], int]:
    return lambda game: feed_post(game, pool_id).uid


def _like(game: Game) -> object:
    return game.apply(cmd.Like(_post_uid("gov-honesty")(game)))


def _share(game: Game) -> object:
    return game.apply(cmd.Share(_post_uid("gov-honesty")(game)))


def _report(game: Game) -> object:
    return game.apply(cmd.ReportPost(_post_uid("gov-honesty")(game)))


def _comment(game: Game) -> object:
    return game.apply(cmd.Comment(_post_uid("gov-honesty")(game), "Stop the censorship!"))


CASES = [
    Case("game_starts", "", lambda game: None, before=1, after=1),
    Case("game_ends", "", lambda game: end_days(game, 3)),
    Case("day_starts", "", lambda game: game.apply(cmd.EndDay()), before=1, after=2),
    Case("day_ends", "", lambda game: game.apply(cmd.EndDay())),
    Case(
        "player_posts",
        "if: {choice: protest}",
        lambda game: game.apply(cmd.Post(choice="protest")),
    ),
    Case(
        "player_posts",
        "if: {text_uses: political}",
        lambda game: game.apply(cmd.Post(text="We need free speech.")),
    ),
    Case("player_likes", "if: {post: gov-honesty}", _like),
    Case("player_shares", "if: {post: gov-honesty}", _share),
    Case("player_comments", "if: [{post: gov-honesty}, {text_uses: political}]", _comment),
    Case("player_reports_post", "if: {post: gov-honesty}", _report),
    Case(
        "player_reports_friend",
        "if: {friend: {id: bo}}",
        lambda game: game.apply(cmd.ReportFriend("bo")),
    ),
    Case("player_buys", "if: {item: textbook}", lambda game: game.apply(cmd.Buy("textbook"))),
    Case(
        "player_adds_friend",
        "if: {friend: {id: cy}}",
        lambda game: game.apply(cmd.AddFriend("cy")),
    ),
    Case(
        "player_removes_friend",
        "if: {friend: {id: bo}}",
        lambda game: game.apply(cmd.RemoveFriend("bo")),
    ),
    # Ana posts once a day and has one post to draw from: she posts it as day 1 starts.
    Case(
        "friend_posts",
        "if: [{friend: {id: ana}}, {post: ana-noodles}, {has_tag: daily}]",
        lambda game: None,
        before=1,
        after=1,
        overrides={"friends": POSTING_ANA},
    ),
    Case(
        "friend_unfriends",
        "if: {friend: {id: ana}}",
        lambda game: game.apply(cmd.Post(choice="lunch")),
        more_rules="""
- id: ana-leaves
  when: player_posts
  then: [{unfriend: ana}]
""",
    ),
    Case(
        "score_crosses",
        "threshold: 700",
        lambda game: game.apply(cmd.Post(choice="praise")),
        more_rules="""
- id: praise-pays
  when: player_posts
  if: {choice: praise}
  then: [{change_score: {who: player, by: 60}}]
""",
    ),
    # Ana starts at 720: a post that costs her 300 takes her below 500, with her bound.
    Case(
        "friend_score_crosses",
        "threshold: 500\n  direction: down\n  if: {friend: {id: ana}}",
        lambda game: game.apply(cmd.Post(choice="praise")),
        more_rules="""
- id: ana-pays
  when: player_posts
  then: [{change_score: {who: ana, by: -300}}, {change_score: {who: bo, by: 10}}]
""",
    ),
]


def test_every_event_has_a_case() -> None:
    assert {case.event for case in CASES} == set(EVENTS)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.event}-{i}" for i, c in enumerate(CASES)])
def test_event_fires_from_what_causes_it(tmp_path, case: Case) -> None:
    rules = f"""
- id: counts
  when: {case.event}
  {case.extra}
  then: [{{add_to_counter: {{name: hits}}}}]
{case.more_rules}"""
    game = Game(make_scenario(tmp_path, rules, **(case.overrides or {})), seed=3)
    assert counter(game, "hits") == case.before
    case.cause(game)
    assert counter(game, "hits") == case.after
    assert game.rule_fire_counts["counts"] == case.after


def test_game_starts_fires_once_before_the_first_day(tmp_path) -> None:
    rules = """
- id: hello
  when: game_starts
  if: "day == 1"
  then: [{add_to_counter: {name: starts}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    end_days(game, 2)
    assert counter(game, "starts") == 1


def test_game_ends_fires_once_when_the_last_day_ends(tmp_path) -> None:
    rules = """
- id: bye
  when: game_ends
  then: [{add_to_counter: {name: ends}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    end_days(game, 2)
    assert counter(game, "ends") == 0
    game.apply(cmd.EndDay())
    assert game.over
    assert counter(game, "ends") == 1


def test_day_starts_and_ends_carry_the_day(tmp_path) -> None:
    rules = """
- id: start-2
  when: day_starts
  if: "day == 2"
  then: [{add_to_counter: {name: started-2}}]
- id: end-2
  when: day_ends
  if: "day == 2"
  then: [{add_to_counter: {name: ended-2}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.EndDay())
    assert (counter(game, "started-2"), counter(game, "ended-2")) == (1, 0)
    game.apply(cmd.EndDay())
    assert (counter(game, "started-2"), counter(game, "ended-2")) == (1, 1)


def test_a_free_text_post_has_no_choice(tmp_path) -> None:
    rules = """
- id: typed
  when: player_posts
  if: {not: {any: [{choice: praise}, {choice: protest}, {choice: lunch}]}}
  then: [{add_to_counter: {name: typed}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "typed") == 0
    game.apply(cmd.Post(text="My own words"))
    assert counter(game, "typed") == 1


def test_a_chosen_post_carries_the_choice_tags(tmp_path) -> None:
    rules = """
- id: tagged
  when: player_posts
  if: {has_tag: political}
  then: [{change_score: {who: player, by: -40}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="praise"))
    assert game.player.score == 650
    game.apply(cmd.Post(choice="protest"))
    assert game.player.score == 610


def test_liking_a_friends_post_binds_that_friend(tmp_path) -> None:
    rules = """
- id: liked-friend
  when: player_likes
  then: [{change_score: {who: friend, by: 5}}]
"""
    game = Game(make_scenario(tmp_path, rules, friends=POSTING_ANA), seed=1)
    game.apply(cmd.Like(feed_post(game, "ana-noodles").uid))
    assert {f.id: f.score for f in game.friends} == {"ana": 725, "bo": 500, "cy": 600}


def test_liking_an_official_post_binds_no_friend(tmp_path) -> None:
    rules = """
- id: liked-friend
  when: player_likes
  then: [{change_score: {who: friend, by: 5}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Like(feed_post(game, "gov-honesty").uid))
    assert game.history == ()


def test_a_comment_is_matched_on_the_comment_not_the_post(tmp_path) -> None:
    rules = """
- id: political-comment
  when: player_comments
  if: {text_uses: political}
  then: [{add_to_counter: {name: flagged}}]
"""
    game = Game(make_scenario(tmp_path, rules, friends=friends_yaml(bo=1)))
    rant = feed_post(game, "bo-rant")  # "Censorship again."
    game.apply(cmd.Comment(rant.uid, "Nice weather today"))
    assert counter(game, "flagged") == 0
    game.apply(cmd.Comment(rant.uid, "  Tiananmen  "))
    assert counter(game, "flagged") == 1
    assert feed_post(game, "bo-rant").comments == ("Nice weather today", "Tiananmen")


def test_reporting_a_friend_binds_the_friend(tmp_path) -> None:
    rules = """
- id: snitch
  when: player_reports_friend
  then: [{change_score: {who: friend, by: -30}}, {change_score: {who: player, by: 10}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.ReportFriend("ana"))
    assert (game.player.score, game.friends[0].score) == (660, 690)


def test_buying_carries_tags_and_price(tmp_path) -> None:
    rules = """
- id: studious
  when: player_buys
  if: [{has_tag: education}, "player.money == 60"]
  then: [{change_score: {who: player, by: 15}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Buy("textbook"))
    assert (game.player.money, game.player.score) == (60, 665)


def test_adding_and_removing_friends_changes_friendship(tmp_path) -> None:
    rules = """
- id: added
  when: player_adds_friend
  if: {friend: {is_friend: true}}
  then: [{add_to_counter: {name: added}}]
- id: removed
  when: player_removes_friend
  if: {friend: {is_friend: false}}
  then: [{add_to_counter: {name: removed}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.AddFriend("cy"))
    game.apply(cmd.RemoveFriend("ana"))
    assert {f.id: f.is_friend for f in game.friends} == {"ana": False, "bo": True, "cy": True}
    assert (counter(game, "added"), counter(game, "removed")) == (1, 1)


def test_removing_a_friend_yourself_is_not_a_friend_unfriending_you(tmp_path) -> None:
    rules = """
- id: left
  when: friend_unfriends
  then: [{add_to_counter: {name: left}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.RemoveFriend("ana"))
    assert counter(game, "left") == 0


def test_friend_posts_fire_for_each_post_a_friend_publishes(tmp_path) -> None:
    rules = """
- id: ana-posted
  when: friend_posts
  if: {friend: {id: ana}}
  then: [{add_to_counter: {name: ana-posts}}]
"""
    friends = friends_yaml(ana=2)
    posts = """
        - {id: ana-1, source: friend, author: ana, text: "One.", tags: [daily]}
        - {id: ana-2, source: friend, author: ana, text: "Two.", tags: [daily]}
        - {id: ana-3, source: friend, author: ana, text: "Three.", tags: [daily]}
        - {id: gov-honesty, source: official, text: "Keep promises.", day: 1}
    """
    game = Game(make_scenario(tmp_path, rules, friends=friends, posts=posts), seed=2)
    assert counter(game, "ana-posts") == 2
    game.apply(cmd.EndDay())
    assert counter(game, "ana-posts") == 3  # only one fresh post was left for day 2


def test_friend_unfriends_fires_when_a_rule_unfriends(tmp_path) -> None:
    rules = """
- id: shunned
  when: player_posts
  if: {choice: protest}
  for_each: friend
  then: [{unfriend: friend}]
- id: left
  when: friend_unfriends
  then: [{add_to_counter: {name: left}}, {change_score: {who: friend, by: 1}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="protest"))
    assert counter(game, "left") == 2
    assert [(f.id, f.is_friend, f.score) for f in game.friends] == [
        ("ana", False, 721),
        ("bo", False, 501),
        ("cy", False, 600),
    ]


# -- score_crosses ------------------------------------------------------------------------------

MOVES = """
- id: up
  when: player_posts
  if: {choice: praise}
  then: [{change_score: {who: player, by: 60}}]
- id: down
  when: player_posts
  if: {choice: lunch}
  then: [{change_score: {who: player, by: -60}}]
- id: nudge
  when: player_posts
  if: {choice: protest}
  then: [{change_score: {who: player, by: 10}}]
"""


def _crossing_game(tmp_path, direction: str) -> Game:
    rules = f"""
- id: crossed
  when: score_crosses
  threshold: 700
  direction: {direction}
  then: [{{add_to_counter: {{name: crossed}}}}]
{MOVES}"""
    return Game(make_scenario(tmp_path, rules))


@pytest.mark.parametrize(
    ("direction", "after_up", "after_down"),
    [("up", 1, 1), ("down", 0, 1), ("either", 1, 2)],
)
def test_score_crosses_respects_direction(tmp_path, direction, after_up, after_down) -> None:
    game = _crossing_game(tmp_path, direction)
    game.apply(cmd.Post(choice="praise"))  # 650 -> 710
    assert counter(game, "crossed") == after_up
    game.apply(cmd.Post(choice="lunch"))  # 710 -> 650
    assert counter(game, "crossed") == after_down


def test_direction_defaults_to_either(tmp_path) -> None:
    rules = f"""
- id: crossed
  when: score_crosses
  threshold: 700
  then: [{{add_to_counter: {{name: crossed}}}}]
{MOVES}"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="praise"))
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "crossed") == 2


def test_a_move_that_stays_on_one_side_does_not_cross(tmp_path) -> None:
    game = _crossing_game(tmp_path, "either")
    game.apply(cmd.Post(choice="protest"))  # 650 -> 660
    game.apply(cmd.Post(choice="protest"))  # 660 -> 670
    assert game.player.score == 670
    assert counter(game, "crossed") == 0


def test_reaching_the_threshold_exactly_is_crossing_up(tmp_path) -> None:
    rules = """
- id: crossed-up
  when: score_crosses
  threshold: 700
  direction: up
  then: [{add_to_counter: {name: up}}]
- id: crossed-down
  when: score_crosses
  threshold: 700
  direction: down
  then: [{add_to_counter: {name: down}}]
- id: to-700
  when: player_posts
  if: {choice: praise}
  then: [{change_score: {who: player, by: 50}}]
- id: one-less
  when: player_posts
  if: {choice: lunch}
  then: [{change_score: {who: player, by: -1}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="praise"))  # 650 -> 700
    assert (game.player.score, counter(game, "up"), counter(game, "down")) == (700, 1, 0)
    game.apply(cmd.Post(choice="lunch"))  # 700 -> 699
    assert (game.player.score, counter(game, "up"), counter(game, "down")) == (699, 1, 1)


def test_two_thresholds_crossed_by_one_move_both_fire(tmp_path) -> None:
    rules = f"""
- id: past-680
  when: score_crosses
  threshold: 680
  then: [{{add_to_counter: {{name: t680}}}}]
- id: past-700
  when: score_crosses
  threshold: 700
  then: [{{add_to_counter: {{name: t700}}}}]
{MOVES}"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="praise"))  # 650 -> 710
    assert (counter(game, "t680"), counter(game, "t700")) == (1, 1)


def test_a_friends_score_crossing_is_not_the_players(tmp_path) -> None:
    rules = """
- id: crossed
  when: score_crosses
  threshold: 700
  then: [{add_to_counter: {name: crossed}}]
- id: ana-drops
  when: player_posts
  then: [{change_score: {who: ana, by: -100}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    assert game.friends[0].score == 620
    assert counter(game, "crossed") == 0


def test_crossings_caused_by_a_day_phase_fire_too(tmp_path) -> None:
    rules = """
- id: crossed-down
  when: score_crosses
  threshold: 600
  direction: down
  then: [{set_flag: fell}]
- id: daily-drain
  when: day_ends
  then: [{change_score: {who: player, by: -30}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.EndDay())  # 650 -> 620
    assert "fell" not in game.world.flags
    game.apply(cmd.EndDay())  # 620 -> 590
    assert "fell" in game.world.flags
