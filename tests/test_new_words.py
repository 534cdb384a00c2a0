"""The words teachers asked for: a score display format, a currency name, ``friend_score_crosses``,
``set_score``, messages from accounts that are not friends, and custom texts when friends leave."""

from __future__ import annotations

from conftest import BASE, check_file, make_scenario, write_scenario

from game.core import commands as cmd
from game.core.explain import explain, explain_rule
from game.core.game import Game
from game.core.model import ScoreFormat

STARS = BASE["score"].replace(
    'name: "Citizen Score"',
    'name: "Stars"\n        display: {scale: 0.01, decimals: 2, suffix: " ★"}',
)
COINS = BASE["player"].replace("money: 100", 'money: 100\n        currency: "yuan"')


def _on_post(effects: str) -> str:
    return f"""
- id: on-post
  when: player_posts
  then: {effects}
"""


def _notices(game: Game, kind: str) -> list[str]:
    return [str(n.said) for n in game.log if n.kind == kind]


# -- the score display format ------------------------------------------------------------------


def test_a_score_format_scales_rounds_and_decorates() -> None:
    stars = ScoreFormat(0.01, 2, "", " \u2605")
    assert (stars.show(460), stars.show_change(-40), stars.show_change(5)) == (
        "4.60 \u2605",
        "\u22120.40 \u2605",
        "+0.05 \u2605",
    )
    assert ScoreFormat(0.01, 2, "", "", ",").show(460) == "4,60"
    assert ScoreFormat(prefix="$").show(3) == "$3"
    assert ScoreFormat().show_change(0) == "0"


def test_the_display_reaches_placeholders_and_explain(tmp_path) -> None:
    rules = _on_post('[{notify: "You have {player.score}; Ana has {friend.score}."}]')
    rules = rules.replace(
        "when: player_posts", "when: player_posts\n  for_each: friend\n  if: {friend: {id: ana}}"
    )
    scenario = make_scenario(tmp_path, rules, score=STARS)
    game = Game(scenario)
    game.apply(cmd.Post(choice="lunch"))
    assert _notices(game, "notify") == ["You have 6.50 \u2605; Ana has 7.20 \u2605."]
    assert "Players see the score 950 as 9.50 \u2605." in explain(scenario)
    assert scenario.tiers[0].low == 350  # the rules keep whole numbers


def test_a_bad_display_is_a_located_error(tmp_path) -> None:
    bad = STARS.replace("decimals: 2", "decimals: 9")
    result = check_file(write_scenario(tmp_path, "[]", score=bad))
    assert [d.message for d in result.diagnostics if d.is_error] == ["9 is out of range (0 to 6)"]


def test_the_chart_shows_the_tiers_the_score_reached(tmp_path) -> None:
    from game.ui.chart import chart_data

    scenario = make_scenario(tmp_path, score=STARS)
    data = chart_data(((0, 650), (1, 600), (2, 560)), scenario, 3, "Day", "Score")
    assert [t.id for t in data.tiers] == ["fair", "good"]
    assert (data.low, data.high) == (550, 950)
    assert data.display == scenario.score_format
    low = chart_data(((0, 650), (1, 400)), scenario, 3, "Day", "Score")
    assert ([t.id for t in low.tiers], low.low, low.high) == (["poor", "fair", "good"], 350, 950)


def test_the_hud_shows_score_and_money_as_the_scenario_says(tmp_path) -> None:
    from game.ui.session import Session

    scenario = make_scenario(tmp_path, score=STARS, player=COINS)
    state = Session(Game(scenario), scenario.path, None).hud_state()
    assert state.display.show(state.score) == "6.50 \u2605"
    assert state.money_text == "100 yuan"


# -- a currency name ---------------------------------------------------------------------------


def test_money_has_the_scenarios_name(tmp_path) -> None:
    scenario = make_scenario(tmp_path, player=COINS)
    assert (scenario.currency, scenario.show_money(12)) == ("yuan", "12 yuan")
    assert "Money is called yuan." in explain(scenario)
    assert make_scenario(tmp_path, name="plain.yaml").show_money(12) == "12"


# -- set_score ---------------------------------------------------------------------------------


def test_set_score_puts_a_score_at_a_value_within_the_range(tmp_path) -> None:
    rules = _on_post("[{set_score: {who: player, to: 400}}, {set_score: {who: ana, to: 5000}}]")
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    assert game.player.score == 400
    assert next(f.score for f in game.friends if f.id == "ana") == 950
    assert [(c.who, c.before, c.after, c.rule_id) for c in game.history] == [
        ("player", 650, 400, "on-post"),
        ("ana", 720, 950, "on-post"),
    ]


def test_set_score_to_the_same_value_changes_nothing(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, _on_post("[{set_score: {who: player, to: 650}}]")))
    game.apply(cmd.Post(choice="lunch"))
    assert game.history == ()


def test_set_score_on_the_friend_needs_a_friend(tmp_path) -> None:
    result = check_file(write_scenario(tmp_path, _on_post("[{set_score: {who: friend, to: 1}}]")))
    assert any("needs a friend" in d.message for d in result.diagnostics if d.is_error)


def test_set_score_explains_itself(tmp_path) -> None:
    scenario = make_scenario(tmp_path, _on_post("[{set_score: {who: ana, to: 400}}]"))
    assert ": ana's score is set to 400." in explain_rule(scenario.rules[0])
    assert "la puntuación de ana pasa a 400" in explain_rule(scenario.rules[0], "es")


# -- friend_score_crosses ----------------------------------------------------------------------

CROSSING = """
- id: ana-drops
  when: player_posts
  if: {choice: lunch}
  then: [{change_score: {who: ana, by: -300}}]
- id: ana-back
  when: player_posts
  if: {choice: praise}
  then: [{change_score: {who: ana, by: 300}}]
- id: watch
  when: friend_score_crosses
  threshold: 500
  direction: DIRECTION
  then:
    - message: {from: friend, text: "{friend.name} now has {friend.score}."}
"""


def test_friend_score_crosses_binds_the_friend_and_respects_the_direction(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, CROSSING.replace("DIRECTION", "down")))
    game.apply(cmd.Post(choice="lunch"))
    game.apply(cmd.Post(choice="praise"))
    assert [(n.friend, str(n.said)) for n in game.log if n.kind == "message"] == [
        ("ana", "Ana Li now has 420.")
    ]


def test_friend_score_crosses_either_way_fires_both_times(tmp_path) -> None:
    game = Game(make_scenario(tmp_path, CROSSING.replace("DIRECTION", "either")))
    game.apply(cmd.Post(choice="lunch"))
    game.apply(cmd.Post(choice="praise"))
    assert _notices(game, "message") == ["Ana Li now has 420.", "Ana Li now has 720."]


def test_the_players_score_never_fires_friend_score_crosses(tmp_path) -> None:
    watch = CROSSING[CROSSING.index("- id: watch") :].replace("DIRECTION", "either")
    rules = _on_post("[{change_score: {who: player, by: -300}}]") + watch
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    assert game.player.score == 350
    assert _notices(game, "message") == []


def test_friend_score_crosses_needs_a_threshold(tmp_path) -> None:
    rules = "- id: watch\n  when: friend_score_crosses\n  then: [{set_flag: x}]\n"
    result = check_file(write_scenario(tmp_path, rules))
    assert [d.message for d in result.diagnostics if d.is_error] == [
        "a 'friend_score_crosses' rule needs 'threshold: N'"
    ]


# -- messages from accounts, and custom texts when friends leave -------------------------------


def test_a_message_from_an_account_that_is_not_a_friend(tmp_path) -> None:
    effect = '[{message: {account: "City Credit Office", text: "Your score: {player.score}."}}]'
    game = Game(make_scenario(tmp_path, _on_post(effect), score=STARS))
    (notice,) = [n for n in game.apply(cmd.Post(choice="lunch")) if n.kind == "message"]
    assert (notice.friend, notice.sender, str(notice.said)) == (
        None,
        "City Credit Office",
        "Your score: 6.50 \u2605.",
    )


def test_a_message_names_exactly_one_sender(tmp_path) -> None:
    both = '[{message: {from: ana, account: "Office", text: "Hi"}}]'
    neither = '[{message: {text: "Hi"}}]'
    for effects in (both, neither):
        result = check_file(write_scenario(tmp_path, _on_post(effects)))
        assert [d.message for d in result.diagnostics if d.is_error] == [
            "a message needs exactly one of 'from' (a friend) or 'account' (a name)"
        ]


def test_a_friend_leaving_can_say_what_really_happened(tmp_path) -> None:
    effect = '[{unfriend: {who: bo, text: "{friend.name}\'s account was deactivated."}}]'
    rules = (
        _on_post(effect)
        + """
- id: gone
  when: friend_unfriends
  then: [{add_to_counter: {name: left}}]
"""
    )
    game = Game(make_scenario(tmp_path, rules))
    game.apply(cmd.Post(choice="lunch"))
    assert [(n.friend, str(n.said)) for n in game.log if n.kind == "unfriend"] == [
        ("bo", "Bo Wang's account was deactivated.")
    ]
    assert not next(f for f in game.friends if f.id == "bo").is_friend
    assert game.rule_fire_counts["gone"] == 1


def test_befriend_with_a_text(tmp_path) -> None:
    effect = '[{befriend: {who: cy, text: "The app matched you with {friend.name}."}}]'
    game = Game(make_scenario(tmp_path, _on_post(effect)))
    game.apply(cmd.Post(choice="lunch"))
    assert _notices(game, "befriend") == ["The app matched you with Cy Zhao."]


# -- the JSON Schema knows the new words too ----------------------------------------------------


def test_the_schema_accepts_the_new_words_and_rejects_their_mistakes(tmp_path) -> None:
    import jsonschema

    from game.core.scenariospec import json_schema
    from game.core.yamlsafe import load_yaml, to_plain

    validator = jsonschema.Draft202012Validator(json_schema())
    rules = _on_post(
        '[{set_score: {who: player, to: 400}}, {message: {account: "Office", text: "Hi"}},'
        ' {unfriend: {who: bo, text: "Gone."}}]'
    )
    rules += "- id: w\n  when: friend_score_crosses\n  threshold: 500\n  then: [{set_flag: x}]\n"
    good = write_scenario(tmp_path, rules, score=STARS, player=COINS)
    assert check_file(good).ok
    assert list(validator.iter_errors(to_plain(load_yaml(good.read_bytes())))) == []
    bad = write_scenario(
        tmp_path, _on_post("[{set_score: {who: player, by: 4}}]"), "bad.yaml", score=STARS
    )
    assert not check_file(bad).ok
    assert list(validator.iter_errors(to_plain(load_yaml(bad.read_bytes()))))


def test_an_accounts_message_is_in_the_platforms_conversation() -> None:
    from game.core.codes import text
    from game.core.views import Notice
    from game.ui.scenes.messages import conversations

    log = [
        Notice("message", text("hi"), 1, friend="mei"),
        Notice("message", text("Your score is public."), 1, sender="City Credit Office"),
    ]
    threads = conversations(log)
    assert [(sender, [n.sender for n in notices]) for sender, notices in threads] == [
        (None, ["City Credit Office"]),
        ("mei", [None]),
    ]
