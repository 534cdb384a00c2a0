"""The game: what the player may do and why not, the day cycle, friends' posts, determinism."""

from __future__ import annotations

import pytest
from conftest import end_days, feed_post, friends_yaml, make_scenario

from game.core import commands as cmd
from game.core.checker import check_file
from game.core.commands import CommandError
from game.core.game import MAX_POST_CHARS, Game

RULES = """
- id: political-speech
  when: player_posts
  if: {text_uses: political}
  then:
    - change_score: {who: player, by: -40}
    - change_score: {who: friends, by: -10}
- id: praise-pays
  when: player_posts
  if: {choice: praise}
  then: [{change_score: {who: player, by: 15}}]
- id: like-gov
  when: player_likes
  if: {has_tag: official}
  then: [{change_score: {who: player, by: 5}}]
- id: friend-drag
  when: day_ends
  for_each: friend
  if: "friend.score < 550"
  then: [{change_score: {who: player, by: -5}}]
- id: luck
  when: day_starts
  if: {chance: 0.5}
  then: [{change_score: {who: player, by: 3}}, {notify: "Lucky day, {player.name}."}]
"""

MANY_POSTS = """
    - {id: gov-honesty, source: official, author: "Credit Office", text: "Keep promises.",
       tags: [official], day: 1}
    - {id: news-1, source: news, text: "News one.", tags: [news]}
    - {id: news-2, source: news, text: "News two.", tags: [news]}
    - {id: news-3, source: news, text: "News three.", tags: [news]}
    - {id: ad-1, source: ad, text: "Ad one.", tags: [ad]}
    - {id: ad-2, source: ad, text: "Ad two.", tags: [ad]}
    - {id: daily-1, source: friend, text: "Daily one.", tags: [daily]}
    - {id: daily-2, source: friend, text: "Daily two.", tags: [daily]}
    - {id: daily-3, source: friend, text: "Daily three.", tags: [daily]}
    - {id: daily-4, source: friend, text: "Daily four.", tags: [daily]}
    - {id: pol-1, source: friend, text: "Political one.", tags: [political]}
    - {id: pol-2, source: friend, text: "Political two.", tags: [political]}
    - {id: pol-3, source: friend, text: "Political three.", tags: [political]}
    - {id: ana-own, source: friend, author: ana, text: "Ana's own.", tags: [political]}
"""


@pytest.fixture
def game(tmp_path) -> Game:
    return Game(make_scenario(tmp_path, RULES), seed=11)


# -- can() and CommandError -------------------------------------------------------------------


def test_buying_without_enough_money_is_refused(game) -> None:
    assert str(game.can(cmd.Buy("phone"))) == "not enough money"
    with pytest.raises(CommandError, match="not enough money"):
        game.apply(cmd.Buy("phone"))
    assert game.player.money == 100


def test_buying_what_you_can_afford_spends_the_price(game) -> None:
    assert game.can(cmd.Buy("textbook")) is None
    game.apply(cmd.Buy("textbook"))
    game.apply(cmd.Buy("textbook"))
    assert game.player.money == 20
    assert str(game.can(cmd.Buy("textbook"))) == "not enough money"


@pytest.mark.parametrize(
    "command",
    [cmd.Like(999), cmd.Share(999), cmd.ReportPost(999), cmd.Comment(999, "hello")],
    ids=lambda c: type(c).__name__,
)
def test_a_post_not_in_the_feed_is_refused(game, command) -> None:
    assert str(game.can(command)) == "no such post"
    with pytest.raises(CommandError, match="no such post"):
        game.apply(command)


@pytest.mark.parametrize("kind", [cmd.Like, cmd.Share, cmd.ReportPost])
def test_liking_sharing_or_reporting_twice_is_refused(game, kind) -> None:
    uid = feed_post(game, "gov-honesty").uid
    game.apply(kind(uid))
    assert str(game.can(kind(uid))) == "already done"
    with pytest.raises(CommandError, match="already done"):
        game.apply(kind(uid))


def test_liking_marks_the_post_liked_and_nothing_else(game) -> None:
    uid = feed_post(game, "gov-honesty").uid
    game.apply(cmd.Like(uid))
    post = feed_post(game, "gov-honesty")
    assert (post.liked, post.shared, post.reported) == (True, False, False)
    assert game.can(cmd.Share(uid)) is None


def test_your_own_post_may_be_liked_but_not_shared_or_reported(game) -> None:
    game.apply(cmd.Post(text="Hello town"))
    own = feed_post(game, by_player=True)
    assert str(game.can(cmd.Share(own.uid))) == "that is your own post"
    assert str(game.can(cmd.ReportPost(own.uid))) == "that is your own post"
    assert game.can(cmd.Like(own.uid)) is None


def test_everything_is_refused_once_the_game_is_over(game) -> None:
    end_days(game, 3)
    uid = game.feed[0].uid
    for command in (cmd.EndDay(), cmd.Post(choice="praise"), cmd.Like(uid), cmd.Buy("textbook")):
        assert str(game.can(command)) == "the game is over"
    with pytest.raises(CommandError, match="the game is over"):
        game.apply(cmd.Post(choice="praise"))


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (cmd.Post(choice="nope"), "no such post"),
        (cmd.Post(), "write something first"),
        (cmd.Post(text="   "), "write something first"),
        (cmd.Post(text="x" * (MAX_POST_CHARS + 1)), f"at most {MAX_POST_CHARS} characters"),
        (cmd.ReportFriend("cy"), "not your friend"),
        (cmd.RemoveFriend("cy"), "not your friend"),
        (cmd.AddFriend("zed"), "no such person"),
        (cmd.AddFriend("ana"), "already your friend"),
        (cmd.Buy("nope"), "no such item"),
    ],
)
def test_refusal_reasons(game, command, reason) -> None:
    assert str(game.can(command)) == reason


def test_a_post_of_exactly_the_limit_is_allowed(game) -> None:
    assert game.can(cmd.Post(text="x" * MAX_POST_CHARS)) is None


def test_an_empty_comment_is_refused(game) -> None:
    uid = feed_post(game, "gov-honesty").uid
    assert str(game.can(cmd.Comment(uid, "  "))) == "write something first"


def test_free_text_can_be_switched_off(tmp_path) -> None:
    choices_only = """
        free_text: false
        choices:
          - {id: praise, text: "Proud of our city's progress!", tags: [patriotic]}
    """
    game = Game(make_scenario(tmp_path, player_posts=choices_only))
    assert str(game.can(cmd.Post(text="My own words"))) == (
        "this scenario only lets you pick a ready-made post"
    )
    assert game.can(cmd.Post(choice="praise")) is None


def test_a_refused_command_changes_nothing(game) -> None:
    before = (repr(game.log), repr(game.feed), game.actions, game.version)
    with pytest.raises(CommandError):
        game.apply(cmd.Buy("phone"))
    assert (repr(game.log), repr(game.feed), game.actions, game.version) == before


def test_apply_records_the_command_and_returns_its_notices(game) -> None:
    notices = game.apply(cmd.Post(choice="protest"))
    assert game.actions == (cmd.Post(choice="protest"),)
    assert game.version == 1
    assert [(n.kind, n.who, n.delta) for n in notices] == [
        ("filter", None, None),  # what the word filter picked out, first (added on purpose)
        ("score", "player", -40),
        ("score", "ana", -10),
        ("score", "bo", -10),
        ("tier", None, None),
        ("perk_lost", "perk", None),
    ]


def test_a_post_appears_on_top_of_the_feed(game) -> None:
    game.apply(cmd.Post(text="  Hello town  "))
    top = game.feed[0]
    assert (top.by_player, top.text, top.author_name, top.source) == (
        True,
        "Hello town",
        "Mina",
        "player",
    )


def test_a_comment_is_kept_on_the_post(game) -> None:
    uid = feed_post(game, "gov-honesty").uid
    game.apply(cmd.Comment(uid, "Agreed."))
    assert feed_post(game, "gov-honesty").comments == ("Agreed.",)


# -- the day cycle ---------------------------------------------------------------------------


def test_a_game_starts_on_day_one(game) -> None:
    assert (game.day, game.days, game.over, game.end_reason) == (1, 3, False, None)
    assert (game.log[0].kind, str(game.log[0].said)) == ("day", "Day 1 of 3")


def test_ending_a_day_starts_the_next(game) -> None:
    notices = game.apply(cmd.EndDay())
    assert game.day == 2
    assert ("day", "Day 2 of 3") in [(n.kind, str(n.said)) for n in notices]


def test_ending_the_last_day_ends_the_game(game) -> None:
    end_days(game, 3)
    assert (game.day, game.over, str(game.end_reason)) == (3, True, "The last day is over.")


def test_score_series_holds_the_start_and_each_days_end(tmp_path) -> None:
    rules = """
- id: daily
  when: day_ends
  then: [{change_score: {who: player, by: -10}}]
- id: praise-pays
  when: player_posts
  if: {choice: praise}
  then: [{change_score: {who: player, by: 15}}]
"""
    game = Game(make_scenario(tmp_path, rules))
    assert game.score_series == ((0, 650),)
    game.apply(cmd.Post(choice="praise"))
    game.apply(cmd.EndDay())
    assert game.score_series == ((0, 650), (1, 655))
    end_days(game, 2)
    assert game.score_series == ((0, 650), (1, 655), (2, 645), (3, 635))


def test_score_series_ends_where_a_rule_ended_the_game(tmp_path) -> None:
    rules = """
- id: quit
  when: player_posts
  then: [{change_score: {who: player, by: -20}}, {end_game: "Gone."}]
"""
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.EndDay())
    game.apply(cmd.Post(choice="lunch"))
    assert game.score_series == ((0, 650), (1, 650), (2, 630))


def test_dated_posts_appear_on_their_day(game) -> None:
    game.apply(cmd.EndDay())
    assert "gov-warning" not in [p.pool_id for p in game.feed]
    game.apply(cmd.EndDay())
    assert [p.day for p in game.feed if p.pool_id == "gov-warning"] == [3]


def test_each_day_draws_per_day_undated_pool_posts_never_twice(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, posts=MANY_POSTS, feed="{per_day: 2}", days="4"))
    end_days(game, 3)
    undated = {"news-1", "news-2", "news-3", "ad-1", "ad-2"}
    drawn = [(p.day, p.pool_id) for p in reversed(game.feed) if p.pool_id in undated]
    assert [day for day, _ in drawn] == [1, 1, 2, 2, 3]  # the pool runs out on day 3
    assert {pool_id for _, pool_id in drawn} == undated


def test_the_feed_is_newest_first(game) -> None:
    game.apply(cmd.EndDay())
    game.apply(cmd.Post(choice="lunch"))
    uids = [p.uid for p in game.feed]
    assert uids == sorted(uids, reverse=True)
    assert game.feed[0].by_player


# -- friends' posts --------------------------------------------------------------------------


def _friend_posts(game: Game) -> list[tuple[int, str, str]]:
    """(day, friend id, pool id) of every friend post in the feed, oldest first."""
    return [(p.day, p.friend_id, p.pool_id) for p in reversed(game.feed) if p.friend_id]


def _play(game: Game, days: int) -> Game:
    for _ in range(days):
        if not game.over:
            game.apply(cmd.EndDay())
    return game


def test_a_friend_posts_as_often_as_their_personality_says(tmp_path) -> None:
    scenario = make_scenario(tmp_path, friends=friends_yaml(ana=2), posts=MANY_POSTS, days="2")
    game = Game(scenario, seed=5)
    per_day = [sum(1 for d, f, _ in _friend_posts(game) if d == day) for day in (1,)]
    assert per_day == [2]
    game.apply(cmd.EndDay())
    assert sum(1 for d, _, _ in _friend_posts(game) if d == 2) == 2


def test_a_friend_who_posts_zero_times_a_day_never_posts(tmp_path) -> None:
    scenario = make_scenario(tmp_path, friends=friends_yaml(ana=3), posts=MANY_POSTS)
    game = _play(Game(scenario, seed=5), 3)
    assert {f for _, f, _ in _friend_posts(game)} == {"ana"}


def test_a_fractional_rate_posts_on_some_days(tmp_path) -> None:
    posts = "\n".join(
        f'    - {{id: d{i}, source: friend, text: "Day post {i}.", tags: [daily]}}'
        for i in range(40)
    )
    scenario = make_scenario(
        tmp_path, friends=friends_yaml(ana=0.5), posts="\n" + posts + "\n", days="30"
    )
    total = sum(len(_friend_posts(_play(Game(scenario, seed=s), 30))) for s in range(4))
    assert 30 <= total <= 90  # 120 days at 0.5 a day


def test_friends_post_only_on_their_topics_or_their_own_posts(tmp_path) -> None:
    scenario = make_scenario(
        tmp_path, friends=friends_yaml(ana=1, bo=1), posts=MANY_POSTS, days="5"
    )
    game = _play(Game(scenario, seed=9), 5)
    posts = _friend_posts(game)
    ana = {p for _, f, p in posts if f == "ana"}
    bo = {p for _, f, p in posts if f == "bo"}
    assert ana and bo
    assert ana <= {"daily-1", "daily-2", "daily-3", "daily-4", "ana-own"}
    assert bo <= {"pol-1", "pol-2", "pol-3"}
    assert len(posts) == len({p for _, _, p in posts})  # a pool post is posted once


def test_a_friends_post_shows_the_friends_name(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, friends=friends_yaml(ana=1)))
    post = feed_post(game, "ana-noodles")
    assert (post.author_name, post.friend_id, post.source) == ("Ana Li", "ana", "friend")


def test_only_friends_post_and_a_new_friend_posts_from_the_next_day(tmp_path) -> None:
    scenario = make_scenario(tmp_path, friends=friends_yaml(cy=1), posts=MANY_POSTS)
    game = Game(scenario, seed=1)
    assert _friend_posts(game) == []
    game.apply(cmd.AddFriend("cy"))
    assert _friend_posts(game) == []
    game.apply(cmd.EndDay())
    assert [(d, f) for d, f, _ in _friend_posts(game)] == [(2, "cy")]


def test_a_friend_removed_stops_posting(tmp_path) -> None:
    scenario = make_scenario(tmp_path, friends=friends_yaml(ana=1), posts=MANY_POSTS)
    game = Game(scenario, seed=1)
    game.apply(cmd.RemoveFriend("ana"))
    _play(game, 2)
    assert [d for d, _, _ in _friend_posts(game)] == [1]


# -- determinism ------------------------------------------------------------------------------


def _scripted(scenario, seed: int) -> Game:
    """A fixed script of play; each command depends only on what the game shows."""
    game = Game(scenario, seed)
    for day in range(5):
        if game.over:
            break
        game.apply(cmd.Post(choice=("protest", "praise", "lunch")[day % 3]))
        game.apply(cmd.Post(text=f"Day {day}: free speech now"))
        others = [p for p in game.feed if not p.by_player and p.day == game.day]
        if others:
            game.apply(cmd.Like(others[0].uid))
            game.apply(cmd.Comment(others[-1].uid, "censorship?"))
        if game.can(cmd.Buy("textbook")) is None:
            game.apply(cmd.Buy("textbook"))
        game.apply(cmd.EndDay())
    return game


def _fingerprint(game: Game) -> tuple[str, ...]:
    return (
        repr(game.log),
        repr(game.history),
        repr(game.feed),
        repr(game.player),
        repr(game.friends),
        repr(game.score_series),
        repr(game.rule_fire_counts),
    )


def _busy_scenario(tmp_path):
    return make_scenario(
        tmp_path,
        RULES,
        friends=friends_yaml(ana=1.5, bo=0.7),
        posts=MANY_POSTS,
        days="5",
        feed="{per_day: 2}",
    )


def test_same_seed_and_actions_give_the_same_game(tmp_path) -> None:
    scenario = _busy_scenario(tmp_path)
    first = _scripted(scenario, seed=42)
    second = _scripted(check_file(scenario.path).scenario, seed=42)  # read afresh
    assert first.over
    assert _fingerprint(first)[:2] != ("()", "()")
    assert _fingerprint(first) == _fingerprint(second)


def test_different_seeds_give_different_games(tmp_path) -> None:
    scenario = _busy_scenario(tmp_path)
    feeds = {repr(_scripted(scenario, seed=s).feed) for s in range(6)}
    assert len(feeds) > 1


# -- fork -------------------------------------------------------------------------------------


def _state(game: Game) -> tuple:
    w = game.world
    return (
        *_fingerprint(game),
        game.actions,
        game.version,
        game.day,
        game.over,
        sorted(w.flags),
        sorted(w.counters.items()),
        sorted(w.perk_overrides.items()),
        w.rng.getstate(),
    )


def test_fork_leaves_the_original_untouched(tmp_path) -> None:
    rules = (
        RULES
        + """
- id: marks
  when: player_posts
  then:
    - set_flag: posted
    - add_to_counter: {name: posts}
    - unlock_perk: vip
    - unfriend: bo
"""
    )
    game = Game(make_scenario(tmp_path, rules, friends=friends_yaml(ana=1.5)), seed=3)
    game.apply(cmd.Post(choice="praise"))
    before = _state(game)
    trial = game.fork()
    trial.apply(cmd.Post(choice="protest"))
    trial.apply(cmd.Like(feed_post(trial, "gov-honesty").uid))
    trial.apply(cmd.AddFriend("cy"))
    end_days(trial, 3)
    assert trial.over
    assert _state(game) == before


def test_a_fork_plays_on_exactly_like_the_original(tmp_path) -> None:
    game = Game(_busy_scenario(tmp_path), seed=8)
    game.apply(cmd.Post(choice="praise"))
    trial = game.fork()
    for g in (game, trial):
        g.apply(cmd.Post(choice="protest"))
        end_days(g, 2)
    assert _fingerprint(trial) == _fingerprint(game)


def test_a_friends_dated_post_appears_on_its_day_whatever_their_rate(tmp_path) -> None:
    posts = """
        - {id: ana-noodles, source: friend, author: ana, text: "Best noodles in town!",
           tags: [daily]}
        - {id: ana-birthday, source: friend, author: ana, text: "My birthday!", day: 2}
        - {id: news-rain, source: news, text: "Rain expected.", tags: [weather]}
    """
    scenario = make_scenario(tmp_path, posts=posts)
    game = Game(scenario, seed=3)
    assert "ana-birthday" not in [p.pool_id for p in game.feed]
    game.apply(cmd.EndDay())
    today = [p.pool_id for p in game.feed if p.day == 2]
    assert today.count("ana-birthday") == 1
