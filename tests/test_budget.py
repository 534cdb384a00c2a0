"""Causes 4, 5 and 7 of issue 9: rules whose work explodes, large legal scenarios, silent typos.

The engine stops a command's rules at a work budget (a ``budget`` notice; the game goes on);
``check`` warns about the rules that would do so and about values in expressions that exist
nowhere; the tools finish on the issue's large cases (their speed is in ``bench --large``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_scenario, write_scenario

from game.bench.large import EACH, FLIP, PUSH, cases, scenario, unknown_posts, write
from game.core import commands as cmd
from game.core.checker import MAX_HINTS, check_file
from game.core.engine import MAX_CHECKS, MAX_WORK
from game.core.game import Game
from game.core.simulate import MAX_CANDIDATES, STRATEGIES, simulate
from game.ui.present import notice_words
from game.ui.strings import Strings

BIG = "*".join(["999999999999999"] * 25)  # about 10**375: overflows a float when divided


def _case(tmp_path: Path, name: str) -> Game:
    result = check_file(write(cases()[name], tmp_path / name))
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    return Game(result.scenario, 1)


@pytest.mark.parametrize("name", ["command_flip_rule", "command_rules_pair"])
def test_rules_that_double_their_events_stop_at_the_budget(tmp_path: Path, name: str) -> None:
    game = _case(tmp_path, name)
    notices = game.apply(cmd.Post(choice="c0"))
    assert notices[-1].kind == "budget"
    assert sum(game.rule_fire_counts.values()) <= MAX_WORK
    game.apply(cmd.EndDay())  # the game goes on, with a fresh budget
    assert game.day == 2 and not game.over


def test_for_each_friend_on_all_friends_stops_at_the_budget(tmp_path: Path) -> None:
    game = _case(tmp_path, "start_for_each_3000")
    kinds = [n.kind for n in game.log]
    assert kinds.count("budget") == 1
    assert len(game.history) <= MAX_WORK + 3000  # the budget is checked between effects
    game.apply(cmd.Post(choice="c0"))
    assert game.log[-1].kind != "budget"


def test_rule_checks_have_their_own_budget(tmp_path: Path) -> None:
    watcher = """\
  - id: watch
    when: score_crosses
    threshold: 655
    for_each: friend
    if: "friend.score > 5000"
    then: [{notify: "never"}]
"""
    files = scenario(friends=2000, rules=PUSH + FLIP + watcher)
    result = check_file(write(files, tmp_path / "checks"))
    assert result.scenario is not None
    game = Game(result.scenario, 1)
    notices = game.apply(cmd.Post(choice="c0"))
    assert notices[-1].kind == "budget"
    assert game.engine.checks == MAX_CHECKS + 1 and game.engine.spent < MAX_WORK


def test_the_budget_notice_is_in_the_players_language(tmp_path: Path) -> None:
    game = _case(tmp_path, "command_flip_rule")
    notice = game.apply(cmd.Post(choice="c0"))[-1]
    english, spanish = notice_words(notice, Strings("en")), notice_words(notice, Strings("es"))
    assert english != spanish and "flip" not in english + spanish and "rule '" not in english


def test_a_budgeted_game_replays_identically(tmp_path: Path) -> None:
    game = _case(tmp_path, "command_rules_pair")
    game.apply(cmd.Post(choice="c0"))
    again = Game(game.scenario, 1)
    again.replay(game.actions)
    assert (again.player.score, len(again.log)) == (game.player.score, len(game.log))


def test_an_expression_that_overflows_is_false_and_reported_once(tmp_path: Path) -> None:
    rules = f"""
    - id: huge
      when: player_posts
      if: "{BIG} / 7 > player.score"
      then: [{{change_score: {{who: player, by: 50}}}}]
    """
    game = Game(make_scenario(tmp_path, rules), 1)
    first = game.apply(cmd.Post(choice="lunch"))
    second = game.apply(cmd.Post(choice="lunch"))
    errors = [n for n in first + second if n.kind == "rule_error"]
    assert len(errors) == 1 and errors[0].rule_id == "huge" and errors[0].line > 1
    assert game.player.score == 650 and game.rule_fire_counts["huge"] == 0
    report = simulate(game.scenario, STRATEGIES, 2, 1)
    assert all("huge" in r.never_fired for r in report)


def _warnings(tmp_path: Path, rules: str, **sections: object) -> list[str]:
    result = check_file(write_scenario(tmp_path, rules, **sections))
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    return [d.message for d in result.diagnostics if not d.is_error]


def test_check_warns_about_a_rule_feeding_itself(tmp_path: Path) -> None:
    found = _warnings(tmp_path, "- " + FLIP.strip()[2:].replace("\n  ", "\n"))
    assert any("back across its own threshold" in m for m in found)


def test_check_warns_about_two_rules_setting_each_other_off(tmp_path: Path) -> None:
    rules = """
    - {id: ping, when: score_crosses, threshold: 700, direction: up,
       then: [{change_score: {who: player, by: -30}}]}
    - {id: pong, when: score_crosses, threshold: 690, direction: down,
       then: [{change_score: {who: player, by: 30}}]}
    - {id: calm, when: score_crosses, threshold: 800, direction: up,
       then: [{change_score: {who: player, by: 5}}]}
    """
    found = _warnings(tmp_path, rules)
    pairs = [m for m in found if "set each other off" in m]
    assert pairs == [
        "rules 'ping' and 'pong' set each other off: each one's score change can "
        "cross the other's threshold"
    ]


def test_check_warns_about_for_each_with_all_friends(tmp_path: Path) -> None:
    found = _warnings(tmp_path, "- " + EACH.strip()[2:].replace("\n  ", "\n"))
    assert any("runs for each friend and changes all friends' scores" in m for m in found)


def test_shipped_kinds_of_rules_give_no_loop_warning(tmp_path: Path) -> None:
    rules = """
    - {id: bonus, when: score_crosses, threshold: 700, direction: up,
       then: [{change_score: {who: player, by: 10}}]}
    - {id: fall, when: score_crosses, threshold: 600, direction: down,
       then: [{change_score: {who: player, by: -10}}]}
    - {id: each, when: day_starts, for_each: friend,
       then: [{change_score: {who: friend, by: 1}}]}
    """
    assert not [m for m in _warnings(tmp_path, rules) if "set" in m or "work" in m]


@pytest.mark.parametrize(
    ("expression", "value", "hint"),
    [
        ('player.tier == "godo"', "godo", "did you mean 'good'?"),
        ('friend.id == "anna"', "anna", "did you mean 'ana'?"),
        ('"angry" == friend.reaction', "angry", "known reaction values"),
        ('friend.name != "Ana Lee"', "Ana Lee", "did you mean 'Ana Li'?"),
        ('friend.score > 3 and (day == 2 or player.tier == "rich")', "rich", "known tier values"),
    ],
)
def test_check_warns_about_values_in_expressions_that_exist_nowhere(
    tmp_path: Path, expression: str, value: str, hint: str
) -> None:
    rules = f"""
    - id: typo
      when: friend_posts
      if: '{expression}'
      then: [{{notify: "Seen."}}]
    """
    result = check_file(write_scenario(tmp_path, rules))
    (warning,) = [d for d in result.diagnostics if f'"{value}"' in d.message]
    assert not warning.is_error and warning.line > 1 and hint in (warning.hint or "")


def test_known_values_in_expressions_give_no_warning(tmp_path: Path) -> None:
    rules = """
    - id: fine
      when: friend_posts
      if: 'player.tier == "good" and friend.id == "ana" and friend.reaction == "loyal"'
      then: [{notify: "Seen."}]
    """
    assert not [m for m in _warnings(tmp_path, rules) if "compares" in m]


def test_check_of_1000_unknown_posts_lists_all_with_few_hints(tmp_path: Path) -> None:
    result = check_file(write(unknown_posts(1000), tmp_path))
    errors = [d for d in result.diagnostics if "unknown post" in d.message]
    assert len(errors) == 1000
    assert sum("did you mean" in (d.hint or "") for d in errors) <= MAX_HINTS
    assert all(d.hint for d in errors)


def test_simulate_samples_candidates_on_a_huge_menu(tmp_path: Path) -> None:
    game = _case(tmp_path, "simulate_posts_3000_choices_100")
    assert len(game.feed) == 3000 and len(game.choices) == 100
    assert len(game.feed) * len(game.choices) > MAX_CANDIDATES
    first = simulate(game.scenario, STRATEGIES, 1, 1)
    assert first == simulate(game.scenario, STRATEGIES, 1, 1)  # the sample is seeded
    assert [r.name for r in first] == list(STRATEGIES)


def test_simulate_finishes_with_10000_friends(tmp_path: Path) -> None:
    game = _case(tmp_path, "simulate_friends_10000")
    (report,) = simulate(game.scenario, ("conform",), 1, 1)
    assert len(report.finals) == 1


def test_the_feed_builds_a_page_of_cards_at_a_time(tmp_path: Path) -> None:
    import pygame
    from ui_helpers import config, frames, key, past_briefing, run

    from game.ui.scenes.play import FEED_PAGE, MORE

    path = write(cases()["click_feed_9900"], tmp_path / "feed")

    def body(app):
        yield from frames(2)
        key(pygame.K_RETURN)  # New game (the scenario given is listed first)
        yield from frames(2)
        yield from past_briefing(app)
        feed = app.top.feed
        assert len(feed.cards) == FEED_PAGE + 1 and feed.cards[-1].key == MORE
        app.top.activate("feed", (MORE, MORE))
        assert len(feed.cards) == 2 * FEED_PAGE + 1
        post = app.session.game.feed[0]
        app.top.activate("feed", (post.uid, "like"))
        yield from frames(2)
        assert app.session.game.feed[0].liked

    run(config(tmp_path, scenario_path=str(path)), body)


def test_the_budget_shows_as_a_toast_in_player_words(tmp_path: Path) -> None:
    import pygame
    from ui_helpers import config, frames, key, run, shot

    path = write(cases()["command_flip_rule"], tmp_path / "flip")

    def body(app):
        yield from frames(2)
        key(pygame.K_RETURN)
        yield from frames(2)
        app.flow.command(cmd.Post(choice="c0"))
        yield from frames(2)
        texts = [t.text for t in app.flow.toasts.items]
        assert Strings("en")("notice.budget") in texts
        assert not any("flip" in t or ".yaml" in t for t in texts)
        shot(app, "budget-toast")

    run(config(tmp_path, scenario_path=str(path)), body)


def test_far_apart_thresholds_do_not_set_each_other_off(tmp_path: Path) -> None:
    rules = """
    - {id: audit, when: score_crosses, threshold: 900, direction: up,
       then: [{change_score: {who: player, by: -50}}]}
    - {id: amnesty, when: score_crosses, threshold: 400, direction: down,
       then: [{change_score: {who: player, by: 50}}]}
    """
    assert not [m for m in _warnings(tmp_path, rules) if "set each other off" in m]
