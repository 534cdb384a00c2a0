"""The rule vocabulary: one entry per word, read by the checker, the schema and ``explain``, and
phrased in every shipped language."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_scenario

from game.core import conditions as c
from game.core import effects as e
from game.core.codes import Code
from game.core.explain import cause_code, explain, rule_code, say
from game.core.explain.phrases import TABLES
from game.core.rulespec import CONDITION_OPTIONS, EFFECT_OPTIONS
from game.core.scenariospec import json_schema
from game.core.vocabulary import (
    ALL_FACTS,
    CONDITION_WORDS,
    EFFECT_WORDS,
    EVENT_WORDS,
    ConditionWord,
    EffectWord,
    condition_facts,
    effect_facts,
    message_keys,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("language", sorted(TABLES))
def test_every_word_has_every_phrase_in_every_shipped_language(language: str) -> None:
    missing = sorted(message_keys() - set(TABLES[language]))
    assert missing == []


@pytest.mark.parametrize("language", sorted(set(TABLES) - {"en"}))
def test_every_language_has_every_key_english_has(language: str) -> None:
    assert sorted(set(TABLES["en"]) - set(TABLES[language])) == []


def test_every_phrase_is_used_by_a_word_or_the_game() -> None:
    """No phrase is left behind when a word goes (keys the game and explain use are listed)."""
    own = {"text", "name", "group", "list.or", "list.and", "list.series", "list.series.last"}
    own |= {"list.join", "list.perks", "cause.text_uses", "cause.event_if"}
    own |= {"cause.bought", "cause.item"}
    prefixes = ("rule.", "scenario.", "notice.", "end.", "refuse.", "save.")
    unused = {
        k for k in TABLES["en"] if k not in message_keys() | own and not k.startswith(prefixes)
    }
    assert unused == set()


def test_the_checker_and_the_schema_offer_exactly_the_registered_words() -> None:
    assert set(CONDITION_OPTIONS) == set(CONDITION_WORDS) - {"expression"}
    assert set(EFFECT_OPTIONS) == set(EFFECT_WORDS)
    schema = json_schema()
    condition_names = {
        name
        for option in schema["$defs"]["condition"]["anyOf"][1]["oneOf"]
        for name in option["required"]
    }
    assert condition_names == set(CONDITION_OPTIONS)
    rule = schema["properties"]["rules"]["items"]
    assert set(rule["properties"]["when"]["enum"]) == set(EVENT_WORDS)
    effect_names = {
        name
        for option in rule["properties"]["then"]["items"]["oneOf"]
        for name in option["required"]
    }
    assert effect_names == set(EFFECT_WORDS)


def _rule_for_every_effect() -> str:
    """One rule per effect, each written the way the guide writes it."""
    values = {
        "change_score": "{who: player, by: -5}",
        "set_score": "{who: player, to: 400}",
        "pull_to_friends": "{weight: 0.5}",
        "notify": '"Hi"',
        "message": '{from: ana, text: "Hi"}',
        "add_post": "gov-warning",
        "unfriend": "ana",
        "befriend": "cy",
        "set_flag": "seen",
        "clear_flag": "seen",
        "add_to_counter": "{name: n}",
        "set_counter": "{name: n, value: 2}",
        "change_money": "{by: 5}",
        "unlock_perk": "no-deposit",
        "lock_perk": "no-deposit",
        "end_game": '"Over"',
    }
    assert set(values) == set(EFFECT_WORDS), "add the new effect here"
    return "".join(
        f"\n- id: {name.replace('_', '-')}\n  when: player_posts\n  then: [{{{name}: {value}}}]\n"
        for name, value in values.items()
    )


def test_each_effect_builds_its_own_runtime_class_never_another(tmp_path) -> None:
    scenario = make_scenario(tmp_path, _rule_for_every_effect())
    for rule in scenario.rules:
        name = rule.id.replace("-", "_")
        (effect,) = rule.effects
        assert type(effect) is EFFECT_WORDS[name].runtime, name
        assert not isinstance(effect, e.EndGame) or name == "end_game"


def test_an_unknown_effect_is_an_error_not_another_effect(tmp_path) -> None:
    from game.core.checker import check_text

    source = (ROOT / "scenarios" / "template.yaml").read_bytes()
    broken = source.replace(b"- notify:", b"- notifi:", 1)
    assert broken != source
    result = check_text(broken, "t.yaml")
    assert result.scenario is None
    assert any("unknown effect 'notifi'" in d.message for d in result.diagnostics)


def test_every_word_says_which_event_facts_it_reads() -> None:
    """The scripted players' "alike moves" shortcut reads ``facts`` from the registry: a word
    left on the conservative default would make it try every move (correct, but slow)."""
    default_c = ConditionWord.__dataclass_fields__["facts"].default
    default_e = EffectWord.__dataclass_fields__["facts"].default
    assert [n for n, w in CONDITION_WORDS.items() if w.facts is default_c] == []
    assert [n for n, w in EFFECT_WORDS.items() if w.facts is default_e] == []


def test_event_facts_follow_the_friend_the_words_and_the_where() -> None:
    political = c.AllOf((c.TextUses(("political",)), c.NotThis(c.ScoreIs("friend", 500, None))))
    assert condition_facts(political) == {"text", "friend"}
    assert condition_facts(c.ScoreIs("player", 500, None)) == set()
    assert effect_facts(e.Notify("Well done, {friend.name}.", 1)) == {"friend"}
    assert effect_facts(e.Notify("Well done.", 1)) == set()
    where = c.HasTag(("gaming",))
    change = e.ChangeScore("player", 1, by=-5, where=where)
    assert effect_facts(change) == {"tags"}
    assert condition_facts(None) == set() and {"text", "friend", "post"} <= ALL_FACTS


def test_each_condition_word_names_its_runtime_class() -> None:
    classes = {word.runtime for word in CONDITION_WORDS.values()}
    assert classes == {
        c.TextUses,
        c.HasTag,
        c.ChoiceIs,
        c.ItemIs,
        c.PostIs,
        c.ScoreIs,
        c.FriendIs,
        c.FlagSet,
        c.CounterIs,
        c.Chance,
        c.AllOf,
        c.AnyOf,
        c.NotThis,
        c.Expression,
    }


def keys_of(code: object) -> set[str]:
    """Every message key in a code and the codes inside it."""
    if isinstance(code, tuple):
        return set().union(*(keys_of(x) for x in code)) if code else set()
    if not isinstance(code, Code):
        return set()
    return {code.key}.union(*(keys_of(v) for _, v in code.args))


@pytest.mark.parametrize("language", sorted(TABLES))
@pytest.mark.parametrize("name", ["viral-score.yaml", "commercial-score.yaml", "template.yaml"])
def test_explain_says_every_rule_with_keys_the_language_has(name: str, language: str) -> None:
    from game.core.checker import check_file

    scenario = check_file(ROOT / "scenarios" / name).scenario
    assert scenario is not None
    for rule in scenario.rules:
        assert keys_of(rule_code(rule)) <= set(TABLES[language]), rule.id
        assert keys_of(cause_code(rule)) <= set(TABLES[language]), rule.id
    extra = 1 if scenario.currency else 0
    assert len(explain(scenario, language)) == 1 + extra + len(scenario.tiers) + len(scenario.rules)


def test_a_code_is_said_in_each_language_and_english_fills_a_gap() -> None:
    day = Code.of("notice.day", day=2, days=7)
    assert (say(day, "en"), say(day, "es"), say(day, "es-MX")) == (
        "Day 2 of 7",
        "Día 2 de 7",
        "Día 2 de 7",
    )
    assert say(day, "fr") == "Day 2 of 7"
    assert say(Code.of("no.such.key")) == "no.such.key"
