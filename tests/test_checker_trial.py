"""The mistakes of the teacher trial (a new scenario written from the guide alone): each gets a
located message whose hint leads to the fix."""

from __future__ import annotations

from pathlib import Path

from game.core.checker import check_text
from game.core.diagnostics import Diagnostic

TEMPLATE = (Path(__file__).resolve().parents[1] / "scenarios" / "template.yaml").read_text("utf-8")
STRAIGHT = 'retype them with straight quotes: "like this"'


def _check(old: str, new: str) -> list[Diagnostic]:
    assert old in TEMPLATE
    return list(check_text(TEMPLATE.replace(old, new, 1).encode(), "t.yaml").diagnostics)


def _line(text: str) -> int:
    return TEMPLATE[: TEMPLATE.index(text)].count("\n") + 1


def test_a_word_in_curly_quotes_is_an_error_at_the_word() -> None:
    old = 'rude: ["boring", "unfair", "stupid"]'
    (d,) = _check(old, 'rude: ["boring", \u201cunfair\u201d, "stupid"]')
    assert (d.severity, d.line, d.col) == ("error", _line(old), 20)
    assert d.message == "\u201cunfair\u201d is in curly quotes, so it never matches"
    assert d.hint == STRAIGHT


def test_an_expression_in_curly_quotes_is_an_error() -> None:
    old = "if: {text_uses: rude}              #"
    (d,) = _check(old, "if: \u201cplayer.score > 40\u201d  #")
    assert (d.severity, d.line, d.col, d.hint) == ("error", _line(old), 9, STRAIGHT)


def test_curly_quotes_inside_an_expression_are_an_error_where_they_are() -> None:
    old = "if: {text_uses: rude}              #"
    (d,) = _check(old, 'if: "player.tier == \u2018ok\u2019"  #')
    assert (d.severity, d.col, d.hint) == ("error", 25, STRAIGHT)
    assert "curly quotes" in d.message


def test_a_text_in_curly_quotes_is_a_warning() -> None:
    (d,) = _check('name: "You"', "name: \u201cYou\u201d")
    assert (d.severity, d.line, d.col, d.hint) == ("warning", _line('name: "You"'), 9, STRAIGHT)
    assert "players will see them" in d.message


def test_a_colon_in_a_flow_mapping_text_gets_a_hint_to_quote_it() -> None:
    old = 'text: "Double maths on a Friday is so unfair."}'
    (d,) = _check(old, "text: Note: double maths on a Friday.}")
    assert (d.severity, d.line) == ("error", _line(old))
    quoted = 'text: "Note: double maths on a Friday."'
    assert d.hint == f'a text with ": " inside {{...}} needs double quotes: {quoted}'


def test_score_in_an_expression_is_player_score() -> None:
    (d,) = _check("if: {text_uses: rude}              #", "if: score > 460  #")
    assert d.message == "in expression: unknown name 'score'"
    assert d.hint == "did you mean 'player.score'?"


def test_a_comparison_written_as_a_mapping_is_shown_as_an_expression() -> None:
    (d,) = _check("if: {text_uses: rude}              #", "if: {score: > 460}  #")
    assert d.severity == "error"
    assert d.hint == 'write a comparison as an expression in quotes: if: "player.score > 460"'


def test_a_choice_caught_by_a_word_list_for_typed_posts_is_warned_about() -> None:
    old = "tags: [complaint, rude]"
    (d,) = _check(old, "tags: [complaint]")
    assert (d.severity, d.line) == ("warning", _line(old))
    assert "'complain' uses 'unfair' from the word list 'rude'" in d.message
    assert "rule 'rude-post'" in d.message
    assert "add the tag 'rude'" in d.hint


def test_a_choice_caught_by_several_rules_is_warned_about_once() -> None:
    rule = "  - id: polite-post"
    second = "  - id: rude-again\n    when: player_posts\n    if: {text_uses: rude}\n"
    second += "    then:\n      - set_flag: cheeky\n\n"
    text = TEMPLATE.replace("tags: [complaint, rude]", "tags: [complaint]")
    text = text.replace(rule, second + rule, 1)
    (d,) = check_text(text.encode(), "t.yaml").diagnostics
    assert "so rule 'rude-post' (and 1 more) fires" in d.message


def test_a_choice_with_a_tag_the_rules_test_is_classified_on_purpose() -> None:
    text = TEMPLATE.replace("tags: [complaint, rude]", "tags: [complaint, points]")
    assert check_text(text.encode(), "t.yaml").diagnostics == ()


def test_a_choice_tagged_with_the_list_or_tested_by_the_rule_is_meant() -> None:
    assert _check("tags: [complaint, rude]", "tags: [complaint, rude]") == []
    rule = "if: {text_uses: rude}              #"
    tested = "if: {any: [{text_uses: rude}, {has_tag: complaint}]}  #"
    both = TEMPLATE.replace("tags: [complaint, rude]", "tags: [complaint]").replace(rule, tested)
    assert check_text(both.encode(), "t.yaml").diagnostics == ()


INDENTED_TOO_FAR = (
    "this line is indented further than the key above it, so YAML reads it as part of that "
    "key's value: line it up with the key above (if the line is the rest of a text, put the "
    "whole text in quotes instead)"
)


def test_a_key_indented_too_far_gets_an_indentation_hint_not_a_quoting_one() -> None:
    for old in ("    if: {text_uses: rude}              #", "    threshold: 70    "):
        (d,) = _check(old, "  " + old)
        assert (d.severity, d.line) == ("error", _line(old))
        assert d.hint == INDENTED_TOO_FAR


def test_a_colon_inside_a_plain_text_still_gets_the_quoting_hint() -> None:
    quote = "a ': ' inside a value starts a new key: put the whole value in quotes"
    (d,) = _check('name: "You"', "name: Note: you")
    assert (d.line, d.hint) == (_line('name: "You"'), quote)
    old = 'description: "'
    line = next(x for x in TEMPLATE.splitlines() if x.lstrip().startswith(old))
    (d,) = _check(line, line.split('"')[0] + "A long text\n  that goes on: here")
    assert d.hint == quote  # a text's next line with ': ' in it: quote the text
    (d,) = _check(line, line.split('"')[0] + "A week in a town.\n  Warning: some posts upset.")
    assert d.hint == quote  # a capitalised word is a text's, never one of the format's keys


def test_a_threshold_at_the_lowest_score_is_said_to_be_uncrossable_not_outside() -> None:
    (d,) = _check("    threshold: 70    ", "    threshold: 0    ")
    assert d.severity == "warning"
    assert d.message == (
        "this rule can never fire: the threshold 0 is the lowest score (the range is 0 to 100), "
        "and no score can go below it to cross it"
    )
    (d,) = _check("    threshold: 70    ", "    threshold: 101    ")
    assert d.message.endswith("the threshold 101 is outside the score range 0 to 100")
