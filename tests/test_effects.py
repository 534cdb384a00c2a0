"""Every effect a rule's ``then`` may apply, the cause each score change records, and cascades."""

from __future__ import annotations

import threading

import pytest
from conftest import counter, end_days, line_of, make_scenario

from game.core import commands as cmd
from game.core.commands import CommandError
from game.core.engine import MAX_CASCADE
from game.core.game import Game
from game.core.vocabulary import EFFECTS

COVERED = {
    "change_score",
    "set_score",
    "pull_to_friends",
    "notify",
    "message",
    "add_post",
    "unfriend",
    "befriend",
    "set_flag",
    "clear_flag",
    "add_to_counter",
    "set_counter",
    "change_money",
    "unlock_perk",
    "lock_perk",
    "end_game",
}


def _reason(change) -> str:
    """A score change as the history shows it: signed points, then the cause in English."""
    return f"{change.delta:+d}: {change.cause}"


def test_every_effect_is_covered_here() -> None:
    assert set(EFFECTS) == COVERED


def _on_post(effects: str, extra: str = "") -> str:
    return f"""
- id: effect
  when: player_posts
  {extra}
  then: {effects}
"""


def _scores(game: Game) -> dict[str, int]:
    return {"player": game.player.score, **{f.id: f.score for f in game.friends}}


def _after_post(tmp_path, effects: str, extra: str = "", **overrides) -> Game:
    game = Game(make_scenario(tmp_path, _on_post(effects, extra), **overrides))
    game.apply(cmd.Post(choice="lunch"))
    return game


# -- change_score ---------------------------------------------------------------------------------

START = {"player": 650, "ana": 720, "bo": 500, "cy": 600}


@pytest.mark.parametrize(
    ("change", "changed"),
    [
        ("{who: player, by: -40}", {"player": 610}),
        ("{who: player, by: 25}", {"player": 675}),
        ("{who: player, percent: -10}", {"player": 585}),
        ("{who: ana, by: -20}", {"ana": 700}),
        ("{who: ana, percent: 10}", {"ana": 792}),
        ("{who: cy, by: 5}", {"cy": 605}),
        ("{who: friends, by: -10}", {"ana": 710, "bo": 490}),
        ("{who: friends, percent: -50}", {"ana": 360, "bo": 350}),
        ("{who: player, by: -1000}", {"player": 350}),
        ("{who: player, by: 1000}", {"player": 950}),
        ("{who: player, percent: 1000}", {"player": 950}),
        ("{who: friends, by: 300}", {"ana": 950, "bo": 800}),
        ('{who: friends, by: -10, where: "friend.score < 600"}', {"bo": 490}),
        ("{who: friends, by: 7, where: {friend: {reaction: anxious}}}", {"ana": 727}),
    ],
)
def test_change_score(tmp_path, change, changed) -> None:
    game = _after_post(tmp_path, f"[{{change_score: {change}}}]")
    assert _scores(game) == {**START, **changed}


def test_change_score_of_the_bound_friend(tmp_path) -> None:
    game = _after_post(
        tmp_path, "[{change_score: {who: friend, by: -15}}]", extra="for_each: friend"
    )
    assert _scores(game) == {**START, "ana": 705, "bo": 485}


def test_where_sees_each_friends_score_as_it_is_then(tmp_path) -> None:
    effects = """
    - change_score: {who: bo, by: 300}
    - change_score: {who: friends, by: 1, where: "friend.score > 700"}
"""
    game = _after_post(tmp_path, effects)
    assert _scores(game) == {**START, "ana": 721, "bo": 801}


def test_a_clamped_change_records_the_points_really_moved(tmp_path) -> None:
    game = _after_post(tmp_path, "[{change_score: {who: player, by: -1000}}]")
    assert [(c.who, c.before, c.after, c.delta) for c in game.history] == [
        ("player", 650, 350, -300)
    ]


def test_a_change_that_cannot_move_the_score_records_nothing(tmp_path) -> None:
    effects = "[{change_score: {who: player, by: -1000}}, {change_score: {who: player, by: -5}}]"
    game = _after_post(tmp_path, effects)
    assert game.player.score == 350
    assert len(game.history) == 1


def test_friends_means_current_friends(tmp_path) -> None:
    rules = """
- id: punish-all
  when: player_posts
  then: [{change_score: {who: friends, by: -10}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.RemoveFriend("ana"))
    game.apply(cmd.AddFriend("cy"))
    game.apply(cmd.Post(choice="lunch"))
    assert _scores(game) == {"player": 650, "ana": 720, "bo": 490, "cy": 590}


# -- the cause of a score change ----------------------------------------------------------------

POLITICAL = """
- id: political-speech
  when: player_posts
  if: {text_uses: political}
  then:
    - change_score: {who: player, by: -40}   # player-line
    - change_score: {who: friends, by: -10}  # friends-line
    - notify: "Your post was flagged, {player.name}."   # notify-line
"""


def test_a_score_change_records_rule_file_and_line(tmp_path) -> None:
    scenario = make_scenario(tmp_path, POLITICAL)
    game = Game(scenario)
    game.apply(cmd.Post(text="End the censorship"))
    player_line, friends_line = line_of(scenario, "player-line"), line_of(scenario, "friends-line")
    assert [(c.who, c.rule_id, c.path, c.line) for c in game.history] == [
        ("player", "political-speech", scenario.path, player_line),
        ("ana", "political-speech", scenario.path, friends_line),
        ("bo", "political-speech", scenario.path, friends_line),
    ]
    assert scenario.path == str(tmp_path / "town.yaml")


def test_a_score_change_says_why_in_plain_words(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, POLITICAL))
    game.apply(cmd.Post(text="End the censorship"))
    assert _reason(game.history[0]) == "-40: your post used a word from 'political'"
    assert _reason(game.history[1]) == "-10: your post used a word from 'political'"


def test_a_rules_description_is_its_reason(tmp_path) -> None:
    rules = """
- id: bonus
  description: "Model citizens are rewarded."
  when: day_ends
  then: [{change_score: {who: player, by: 5}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.EndDay())
    assert _reason(game.history[0]) == "+5: Model citizens are rewarded."


def test_score_notices_carry_the_cause(tmp_path) -> None:
    scenario = make_scenario(tmp_path, POLITICAL)
    game = Game(scenario)
    notices = game.apply(cmd.Post(text="End the censorship"))
    score = [n for n in notices if n.kind == "score" and n.who == "player"]
    assert len(score) == 1
    assert (score[0].delta, score[0].rule_id, score[0].path, score[0].line) == (
        -40,
        "political-speech",
        scenario.path,
        line_of(scenario, "player-line"),
    )


def test_history_is_numbered_in_order_with_the_day(tmp_path) -> None:
    rules = """
- id: daily
  when: day_ends
  then: [{change_score: {who: player, by: 3}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    end_days(game, 2)
    assert [(c.seq, c.day, c.before, c.after) for c in game.history] == [
        (1, 1, 650, 653),
        (2, 2, 653, 656),
    ]


# -- pull_to_friends ------------------------------------------------------------------------------


@pytest.mark.parametrize(("weight", "score"), [("0.5", 630), ("1", 610), ("0.25", 640), ("0", 650)])
def test_pull_to_friends_moves_toward_the_friends_average(tmp_path, weight, score) -> None:
    # Friends Ana 720 and Bo 500 average 610; Cy is not a friend.
    game = _after_post(tmp_path, f"[{{pull_to_friends: {{weight: {weight}}}}}]")
    assert game.player.score == score


def test_pull_to_friends_without_friends_does_nothing(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, _on_post("[{pull_to_friends: {weight: 1}}]")))
    game.apply(cmd.RemoveFriend("ana"))
    game.apply(cmd.RemoveFriend("bo"))
    game.apply(cmd.Post(choice="lunch"))
    assert game.player.score == 650


def test_pull_to_friends_records_its_cause(tmp_path) -> None:
    game = _after_post(tmp_path, "[{pull_to_friends: {weight: 0.5}}]")
    assert [(c.who, c.rule_id, c.delta) for c in game.history] == [("player", "effect", -20)]


# -- notify and message ---------------------------------------------------------------------------


def _texts(notices, kind: str) -> list[str]:
    return [str(n.said) for n in notices if n.kind == kind]


def test_notify_fills_in_the_players_name_and_score(tmp_path) -> None:
    effects = '[{notify: "{player.name}, your score is {player.score}."}]'
    game = _after_post(tmp_path, effects)
    assert _texts(game.log, "notify") == ["Mina, your score is 650."]


def test_notify_fills_in_the_bound_friend(tmp_path) -> None:
    effects = '[{notify: "{friend.name} has {friend.score}."}]'
    game = _after_post(tmp_path, effects, extra="for_each: friend")
    assert _texts(game.log, "notify") == ["Ana Li has 720.", "Bo Wang has 500."]


def test_notify_leaves_other_braces_alone(tmp_path) -> None:
    effects = '[{notify: "{player.money} {friend.name} {player.name}"}]'
    game = _after_post(tmp_path, effects)
    assert _texts(game.log, "notify") == ["{player.money} {friend.name} Mina"]


def test_notify_is_returned_by_the_command_with_its_cause(tmp_path) -> None:
    scenario = make_scenario(tmp_path, POLITICAL)
    game = Game(scenario)
    notices = game.apply(cmd.Post(choice="protest"))
    notify = [n for n in notices if n.kind == "notify"]
    assert [(str(n.said), n.rule_id, n.line) for n in notify] == [
        ("Your post was flagged, Mina.", "political-speech", line_of(scenario, "notify-line"))
    ]


def test_message_from_the_bound_friend(tmp_path) -> None:
    effects = '[{message: {from: friend, text: "Delete that post, {player.name}!"}}]'
    game = _after_post(tmp_path, effects, extra="for_each: friend")
    messages = [(n.friend, str(n.said)) for n in game.log if n.kind == "message"]
    assert messages == [("ana", "Delete that post, Mina!"), ("bo", "Delete that post, Mina!")]


def test_message_from_a_named_friend(tmp_path) -> None:
    game = _after_post(tmp_path, '[{message: {from: cy, text: "Hi, I am new."}}]')
    assert [(n.friend, str(n.said)) for n in game.log if n.kind == "message"] == [
        ("cy", "Hi, I am new.")
    ]


# -- add_post ------------------------------------------------------------------------------------


def test_add_post_puts_the_pool_post_on_top_of_the_feed(tmp_path) -> None:
    game = _after_post(tmp_path, "[{add_post: gov-warning}]")
    top = game.feed[0]
    assert (top.pool_id, top.text, top.source, top.day) == (
        "gov-warning",
        "Think before you post.",
        "official",
        1,
    )
    assert [str(n.said) for n in game.log if n.kind == "post"] == ["Think before you post."]


def test_an_added_friend_post_is_by_that_friend_and_can_be_liked(tmp_path) -> None:
    rules = """
- id: show-rant
  when: player_posts
  then: [{add_post: bo-rant}]
- id: liked-bo
  when: player_likes
  if: {friend: {id: bo}}
  then: [{add_to_counter: {name: liked-bo}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    top = game.feed[0]
    assert (top.pool_id, top.author_name, top.friend_id) == ("bo-rant", "Bo Wang", "bo")
    game.apply(cmd.Like(top.uid))
    assert counter(game, "liked-bo") == 1


# -- unfriend and befriend ------------------------------------------------------------------------


def test_unfriend_removes_the_friend_and_says_so(tmp_path) -> None:
    game = _after_post(tmp_path, "[{unfriend: ana}]")
    assert [f.id for f in game.friends if f.is_friend] == ["bo"]
    assert [(n.friend, str(n.said)) for n in game.log if n.kind == "unfriend"] == [
        ("ana", "Ana Li unfriended you.")
    ]


def test_befriend_adds_the_person_and_says_so(tmp_path) -> None:
    game = _after_post(tmp_path, "[{befriend: cy}]")
    assert [f.id for f in game.friends if f.is_friend] == ["ana", "bo", "cy"]
    assert [(n.friend, str(n.said)) for n in game.log if n.kind == "befriend"] == [
        ("cy", "Cy Zhao is now your friend.")
    ]


FRIENDSHIP_EVENTS = """
- id: left
  when: friend_unfriends
  then: [{add_to_counter: {name: left}}]
"""


def test_unfriend_causes_friend_unfriends_with_the_friend_bound(tmp_path) -> None:
    rules = (
        _on_post("[{unfriend: bo}]")
        + FRIENDSHIP_EVENTS
        + """
- id: bo-left
  when: friend_unfriends
  if: "friend.id == \\"bo\\" and not friend.is_friend"
  then: [{notify: "{friend.name} left you."}]
"""
    )
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "left") == 1
    assert [str(n.said) for n in game.log if n.kind == "notify"] == ["Bo Wang left you."]


def test_befriend_does_not_cause_friend_unfriends(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, _on_post("[{befriend: cy}]") + FRIENDSHIP_EVENTS))
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "left") == 0


def test_unfriending_someone_who_is_not_a_friend_does_nothing(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, _on_post("[{unfriend: cy}]") + FRIENDSHIP_EVENTS))
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "left") == 0
    assert [n for n in game.log if n.kind == "unfriend"] == []


def test_the_bound_friend_unfriends(tmp_path) -> None:
    rules = """
- id: zealots-leave
  when: player_posts
  for_each: friend
  if: {friend: {reaction: zealous}}
  then: [{unfriend: friend}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    assert [f.id for f in game.friends if f.is_friend] == ["ana"]


# -- flags, counters, money -----------------------------------------------------------------------


def test_set_and_clear_flags(tmp_path) -> None:
    effects = "[{set_flag: warned}, {set_flag: seen}, {clear_flag: seen}, {clear_flag: never}]"
    game = _after_post(tmp_path, effects)
    assert game.world.flags == {"warned"}


def test_counters_add_and_set(tmp_path) -> None:
    effects = """
    - add_to_counter: {name: a}
    - add_to_counter: {name: a}
    - add_to_counter: {name: b, by: -2}
    - set_counter: {name: c, value: 7}
    - add_to_counter: {name: c, by: 3}
"""
    game = _after_post(tmp_path, effects)
    assert game.world.counters == {"a": 2, "b": -2, "c": 10}


@pytest.mark.parametrize(("by", "money"), [(50, 150), (-30, 70), (-100, 0), (-500, 0)])
def test_change_money_never_goes_below_zero(tmp_path, by, money) -> None:
    game = _after_post(tmp_path, f"[{{change_money: {{by: {by}}}}}]")
    assert game.player.money == money


# -- perks and tiers ------------------------------------------------------------------------------


def _perks(game: Game) -> list[str]:
    return [p.id for p in game.player.perks]


def test_unlock_perk_adds_it_and_tells_the_player(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, _on_post("[{unlock_perk: vip}]")))
    assert _perks(game) == ["no-deposit"]
    notices = game.apply(cmd.Post(choice="lunch"))
    assert _perks(game) == ["no-deposit", "vip"]
    assert [(n.kind, str(n.said), n.who) for n in notices if n.kind.startswith("perk")] == [
        ("perk_gained", "VIP lounge: Free airport lounge.", "perk")
    ]


def test_lock_perk_removes_even_a_tiers_own_perk(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, _on_post("[{lock_perk: no-deposit}]")))
    notices = game.apply(cmd.Post(choice="lunch"))
    assert _perks(game) == []
    assert [(n.kind, str(n.said)) for n in notices if n.kind.startswith("perk")] == [
        ("perk_lost", "No longer applies: No deposit.")
    ]


def test_unlocking_a_perk_the_tier_gives_already_says_nothing(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, _on_post("[{unlock_perk: no-deposit}]")))
    notices = game.apply(cmd.Post(choice="lunch"))
    assert [n for n in notices if n.kind.startswith("perk")] == []


def test_falling_a_tier_swaps_its_perks_and_penalties(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, _on_post("[{change_score: {who: player, by: -150}}]")))
    notices = game.apply(cmd.Post(choice="lunch"))
    assert game.player.tier.id == "poor"
    assert _perks(game) == ["train-ban"]
    assert [
        (n.kind, str(n.said), n.who)
        for n in notices
        if n.kind in ("tier", "perk_gained", "perk_lost")
    ] == [
        ("tier", "You are now in the tier 'Poor'.", None),
        ("perk_gained", "Train ban: No train tickets for you.", "penalty"),
        ("perk_lost", "No longer applies: No deposit.", "perk"),
    ]


def test_a_change_that_ends_in_the_same_tier_says_nothing_about_tiers(tmp_path) -> None:
    effects = "[{change_score: {who: player, by: -150}}, {change_score: {who: player, by: 150}}]"
    game = Game(make_scenario(tmp_path, _on_post(effects)))
    notices = game.apply(cmd.Post(choice="lunch"))
    assert [n for n in notices if n.kind in ("tier", "perk_gained", "perk_lost")] == []


# -- end_game ------------------------------------------------------------------------------------

ENDING = """
- id: expelled
  when: player_posts
  if: {choice: protest}
  then:
    - end_game: "{player.name} was expelled at {player.score}."
    - change_score: {who: player, by: -10}
- id: after-the-end
  when: player_posts
  then: [{add_to_counter: {name: later-rules}}]
- id: goodbye
  when: game_ends
  then: [{add_to_counter: {name: ends}}, {end_game: "Another reason."}]
"""


def test_end_game_ends_the_game_with_its_reason(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, ENDING))
    game.apply(cmd.Post(choice="protest"))
    assert game.over
    assert str(game.end_reason) == "Mina was expelled at 650."


def test_end_game_lets_the_current_event_finish(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, ENDING))
    game.apply(cmd.Post(choice="protest"))
    assert game.player.score == 640
    assert counter(game, "later-rules") == 1


def test_game_ends_fires_once_and_the_end_is_told_last(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, ENDING))
    notices = game.apply(cmd.Post(choice="protest"))
    assert counter(game, "ends") == 1
    assert (notices[-1].kind, str(notices[-1].said)) == ("end", "Mina was expelled at 650.")


def test_no_command_is_allowed_after_the_end(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, ENDING))
    game.apply(cmd.Post(choice="protest"))
    with pytest.raises(CommandError, match="the game is over"):
        game.apply(cmd.EndDay())
    assert counter(game, "ends") == 1


def test_end_game_on_day_end_stops_the_calendar(tmp_path) -> None:
    rules = """
- id: short
  when: day_ends
  if: "day == 2"
  then: [{end_game: "Cut short."}]
- id: bye
  when: game_ends
  then: [{add_to_counter: {name: ends}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    end_days(game, 2)
    assert (game.over, game.day, str(game.end_reason), counter(game, "ends")) == (
        True,
        2,
        "Cut short.",
        1,
    )


def test_the_last_day_ends_the_game_once(tmp_path) -> None:
    rules = """
- id: bye
  when: game_ends
  then: [{add_to_counter: {name: ends}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    end_days(game, 3)
    assert (game.over, str(game.end_reason), counter(game, "ends")) == (
        True,
        "The last day is over.",
        1,
    )


# -- once ----------------------------------------------------------------------------------------


def test_a_once_rule_fires_only_once_per_game(tmp_path) -> None:
    rules = """
- id: first-post
  when: player_posts
  once: true
  for_each: friend
  then: [{change_score: {who: friend, by: 10}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    game.apply(cmd.Post(choice="lunch"))
    assert _scores(game) == {**START, "ana": 730}
    assert game.rule_fire_counts["first-post"] == 1


# -- cascades ------------------------------------------------------------------------------------

PING_PONG = """
- id: push
  when: player_posts
  then: [{change_score: {who: player, by: 10}}]
- id: ping
  when: score_crosses
  threshold: 655
  direction: up
  then: [{change_score: {who: player, by: -10}}]
- id: pong
  when: score_crosses
  threshold: 655
  direction: down
  then: [{change_score: {who: player, by: 10}}]
"""


def test_rules_that_keep_triggering_each_other_stop(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, PING_PONG))
    done: list[tuple] = []
    worker = threading.Thread(
        target=lambda: done.append(game.apply(cmd.Post(choice="lunch"))), daemon=True
    )
    worker.start()
    worker.join(timeout=10)
    assert done, "the command did not finish: the cascade hangs"
    notices = done[0]
    assert any(n.kind == "notify" and "kept setting each other off" in str(n.said) for n in notices)
    fired = game.rule_fire_counts
    assert fired["ping"] + fired["pong"] <= MAX_CASCADE


def test_after_a_stopped_cascade_the_game_goes_on(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, PING_PONG))
    game.apply(cmd.Post(choice="lunch"))
    game.apply(cmd.EndDay())
    assert game.day == 2
    assert 650 <= game.player.score <= 670


def test_many_friends_leaving_at_once_is_not_a_runaway_cascade(tmp_path) -> None:
    # 70 friends unfriend the player in one event: 70 friend_unfriends events, none of which
    # sets anything else off. That is breadth, not rules setting each other off.
    friends = "".join(
        f"""
        - id: f{i}
          name: "Friend {i}"
          score: 600
          personality: {{posts_per_day: 0}}"""
        for i in range(70)
    )
    posts = """
        - {id: gov-honesty, source: official, text: "Keep promises.", day: 1}
    """
    rules = """
- id: mass-exodus
  when: player_posts
  for_each: friend
  then: [{unfriend: friend}]
- id: left
  when: friend_unfriends
  then: [{add_to_counter: {name: left}}]
"""
    game = Game(make_scenario(tmp_path, rules, friends=friends + "\n", posts=posts))
    notices = game.apply(cmd.Post(choice="lunch"))
    assert [f.id for f in game.friends if f.is_friend] == []
    assert counter(game, "left") == 70
    assert not any("kept setting each other off" in str(n.said) for n in notices)
