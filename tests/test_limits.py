"""Nothing pays twice for being repeated: action limits, a rule's once:, and the farming player."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from conftest import counter, make_scenario, write_scenario

from game.cli import main
from game.core import commands as cmd
from game.core.checker import check_file
from game.core.commands import CommandError
from game.core.explain import explain_rule
from game.core.game import Game
from game.core.simulate import simulate

ROOT = Path(__file__).resolve().parent.parent
VIRAL = ROOT / "scenarios" / "viral-score.yaml"
SHIPPED = sorted(p for p in (ROOT / "scenarios").glob("*.yaml"))


def _viral() -> Game:
    result = check_file(str(VIRAL))
    assert result.scenario is not None
    return Game(result.scenario, seed=3)


def test_removing_and_readding_a_high_scorer_no_longer_pays() -> None:
    """Seen: 615 -> 675 in three clicks by removing and re-adding a high scorer (+20 each)."""
    game = _viral()
    game.apply(cmd.RemoveFriend("jun"))  # Jun scores 840
    with pytest.raises(CommandError, match="tomorrow"):
        game.apply(cmd.AddFriend("jun"))
    game.apply(cmd.EndDay())
    mark = len(game.history)
    game.apply(cmd.AddFriend("jun"))
    game.apply(cmd.RemoveFriend("jun"))
    game.apply(cmd.EndDay())
    game.apply(cmd.AddFriend("jun"))
    paid = [c.delta for c in game.history[mark:] if c.rule_id == "add-high-scorer"]
    assert paid == [20]  # once for Jun, however often the loop is repeated


def test_tao_only_accepts_players_who_score_750_or_more() -> None:
    """Seen: Tao "only adds people who score high" but accepted a player at 575."""
    game = _viral()
    assert game.player.score < 750
    score = game.player.score
    game.apply(cmd.AddFriend("tao"))
    assert (game.world.is_friend["tao"], game.player.score) == (False, score)


def test_posting_the_same_patriotic_line_again_no_longer_pays() -> None:
    """Seen: posting the same patriotic line again gives +15 each time (hold Enter)."""
    game = _viral()
    game.apply(cmd.Post(choice="praise-city"))
    with pytest.raises(CommandError, match="already posted that today"):
        game.apply(cmd.Post(choice="praise-city"))
    score = game.player.score
    game.apply(cmd.Post(text="Proud of how much our city has grown, truly proud!"))
    assert game.player.score == score  # a second patriotic post the same day earns nothing
    with pytest.raises(CommandError, match="those words"):
        game.apply(cmd.Post(text="proud of how much our city has GROWN, truly proud!"))


def test_reporting_the_same_friend_again_no_longer_pays() -> None:
    """Seen: reporting the same friend again gives +25 and cash each time."""
    game = _viral()
    friend = next(f.id for f in game.friends if f.is_friend and f.reaction == "loyal")
    game.apply(cmd.ReportFriend(friend))
    score, money = game.player.score, game.player.money
    with pytest.raises(CommandError, match="already reported"):
        game.apply(cmd.ReportFriend(friend))
    assert (game.player.score, game.player.money) == (score, money)
    game.apply(cmd.EndDay())
    assert game.can(cmd.ReportFriend(friend)) is not None  # once a game, not once a day


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_buying_the_same_thing_again_the_same_day_never_pays_twice(path: Path) -> None:
    """Seen in a new-player trial: buying the balcony flag gave +10 every time (683 -> 803)."""
    result = check_file(str(path))
    assert result.scenario is not None
    for item in result.scenario.shop:
        for seed in range(3):
            game = Game(result.scenario, seed=seed)
            game.world.money = 10**6  # money is not what stops a farmer here
            raised = 0
            for _ in range(5):
                if game.over or game.can(cmd.Buy(item.id)) is not None:
                    break
                before = game.player.score
                game.apply(cmd.Buy(item.id))
                raised += game.player.score > before
            assert raised <= 1, f"buying {item.id!r} five times in a day paid {raised} times"


def test_a_scenario_can_set_its_own_limits(tmp_path) -> None:
    free = make_scenario(tmp_path, limits="{choice_per_day: 2, readd_same_day: true}")
    game = Game(free)
    game.apply(cmd.Post(choice="praise"))
    game.apply(cmd.Post(choice="praise"))
    assert game.can(cmd.Post(choice="praise")) is not None
    game.apply(cmd.RemoveFriend("ana"))
    game.apply(cmd.AddFriend("ana"))
    assert game.world.is_friend["ana"]


def test_default_limits_apply_when_the_scenario_sets_none(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, limits=None))
    game.apply(cmd.Post(choice="praise"))
    assert "today" in str(game.can(cmd.Post(choice="praise")))
    game.apply(cmd.EndDay())
    assert game.can(cmd.Post(choice="praise")) is None  # a new day, a new chance


def test_the_same_comment_twice_on_one_post_is_refused(tmp_path) -> None:
    game = Game(make_scenario(tmp_path))
    uid = game.feed[0].uid
    game.apply(cmd.Comment(uid, "Nice"))
    with pytest.raises(CommandError, match="already wrote that"):
        game.apply(cmd.Comment(uid, " nice "))


ONCE_RULES = """
- id: daily
  when: player_posts
  once: per_day
  then: [{add_to_counter: {name: daily}}]
- id: each-friend
  when: player_removes_friend
  once: per_friend
  then: [{add_to_counter: {name: removed}}]
- id: first
  when: player_posts
  once: per_game
  then: [{add_to_counter: {name: first}}]
"""


def test_once_per_day_per_friend_and_per_game(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, ONCE_RULES))
    game.apply(cmd.Post(choice="praise"))
    game.apply(cmd.Post(choice="lunch"))
    game.apply(cmd.RemoveFriend("ana"))
    game.apply(cmd.RemoveFriend("bo"))
    game.apply(cmd.EndDay())
    game.apply(cmd.Post(choice="praise"))
    game.apply(cmd.AddFriend("ana"))
    game.apply(cmd.RemoveFriend("ana"))
    assert (counter(game, "daily"), counter(game, "removed"), counter(game, "first")) == (2, 2, 1)


def test_once_true_still_means_once_a_game(tmp_path) -> None:
    rules = ONCE_RULES.replace("once: per_game", "once: true")
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="praise"))
    game.apply(cmd.EndDay())
    game.apply(cmd.Post(choice="praise"))
    assert counter(game, "first") == 1


EVERY_FRIEND_ONCE = """
- id: first-friend
  when: player_posts
  for_each: friend
  once: per_game
  then: [{add_to_counter: {name: first}}]
"""


def test_a_rule_that_already_had_its_once_is_not_tried_again(tmp_path) -> None:
    """Once a game, for every friend: it counts for the first friend only, and afterwards it is
    not even tried (the work budget counts only rules tried)."""
    game = Game(make_scenario(tmp_path, EVERY_FRIEND_ONCE))
    game.apply(cmd.Post(choice="praise"))
    assert counter(game, "first") == 1
    game.apply(cmd.Post(choice="lunch"))
    assert counter(game, "first") == 1 and game.engine.checks == 0


def test_a_fork_remembers_the_onces_and_limits_apart_from_its_game(tmp_path) -> None:
    """Forks (a scripted player's tries) are shallow copies: what once and the limits remember
    must be copied, never shared."""
    game = Game(make_scenario(tmp_path, ONCE_RULES))
    game.apply(cmd.Post(choice="praise"))
    fork = game.fork()
    fork.apply(cmd.RemoveFriend("ana"))
    fork.apply(cmd.Post(choice="lunch"))
    assert (counter(fork, "first"), counter(fork, "removed"), counter(fork, "daily")) == (1, 1, 1)
    assert game.usage.removed_today == set() and "choice:lunch" not in game.usage.posts_today
    assert len(game.engine.fired_once) == 2  # daily and first, not the fork's each-friend
    game.apply(cmd.RemoveFriend("ana"))
    assert counter(game, "removed") == 1


def test_explain_says_how_often_a_rule_counts(tmp_path) -> None:
    scenario = make_scenario(tmp_path, ONCE_RULES)
    said = [explain_rule(rule) for rule in scenario.rules]
    assert "(only once a day)" in said[0]
    assert "(only once for each friend)" in said[1]
    assert "(only once)" in said[2]


def test_the_checker_locates_a_wrong_once(tmp_path) -> None:
    path = write_scenario(tmp_path, ONCE_RULES.replace("once: per_day", "once: per_week"))
    result = check_file(str(path))
    errors = [d for d in result.diagnostics if d.is_error]
    assert len(errors) == 1
    assert "per_week" in errors[0].message and "per_day" in (errors[0].hint or "")
    lines = path.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "once: per_week" in text)
    assert errors[0].line == line


def test_the_checker_locates_a_wrong_limit(tmp_path) -> None:
    path = write_scenario(tmp_path, ONCE_RULES, limits="{choice_per_dya: 2}")
    errors = [d for d in check_file(str(path)).diagnostics if d.is_error]
    assert len(errors) == 1 and "choice_per_day" in (errors[0].hint or "")


def test_the_farming_player_never_repeats_its_way_past_conform() -> None:
    """In every shipped scenario farm's median final score is at most one tier above conform's."""
    for path in SHIPPED:
        scenario = check_file(str(path)).scenario
        assert scenario is not None, path
        width = max(t.high - t.low + 1 for t in scenario.tiers)
        conform, farm = simulate(scenario, ("conform", "farm"), runs=3, seed=1)
        gap = statistics.median(farm.finals) - statistics.median(conform.finals)
        assert gap <= width, (path.name, gap, width)


def test_simulate_has_a_farm_strategy(capsys) -> None:
    code = main(["simulate", str(VIRAL), "--strategy", "farm", "--runs", "2"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[2].startswith("farm ")


def test_under_watch_costs_something() -> None:
    """Seen: the penalty "Under watch" changed nothing."""
    game = _viral()
    game.apply(cmd.Post(choice="ask-1989"))  # political: flagged, under watch
    assert "under-watch" in [p.id for p in game.player.perks]
    game.apply(cmd.Post(choice="dumplings"))
    causes = [c.rule_id for c in game.history if c.who == "player"][-2:]
    assert "watched-posts" in causes
