"""A generated cause for a purchase names what was bought, in the player's language.

Seen in a player trial: the commercial scenario's day summary said "you bought something" for a
late bill, without saying which.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_scenario
from ui_helpers import SCENARIOS, card_button, click, config, end_the_day, frames, new_game, run

from game.core.causes import player_cause
from game.core.checker import check_file
from game.core.explain import say

SHOP = """
        - {id: textbook, name: "Physics textbook", price: 40, tags: [education]}
        - {id: atlas, name: "School atlas", price: 30, tags: [education]}
        - {id: phone, name: "New phone", price: 1000, tags: [luxury]}
        - {id: case, name: "Phone case", price: 10, tags: [luxury]}
        - {id: charger, name: "Charger", price: 10, tags: [luxury]}
        - {id: cable, name: "Cable", price: 5, tags: [luxury]}
"""

RULES = """
- id: one-item
  when: player_buys
  if: {all: [{item: textbook}, {score: {at_least: 600}}]}
  then: [{change_score: {who: player, by: 5}}]
- id: either
  when: player_buys
  if: {any: [{item: textbook}, {item: phone}]}
  then: [{change_score: {who: player, by: 5}}]
- id: by-tag
  when: player_buys
  if: {has_tag: education}
  then: [{change_score: {who: player, by: 5}}]
- id: too-many
  when: player_buys
  if: {has_tag: luxury}
  then: [{change_score: {who: player, by: -5}}]
- id: anything
  when: player_buys
  then: [{change_score: {who: player, by: 1}}]
- id: described
  description: "Books earn 5."
  when: player_buys
  if: {item: textbook}
  then: [{change_score: {who: player, by: 5}}]
"""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "You chose \u201cPhysics textbook\u201d in the shop.",
                "You chose \u201cPhysics textbook\u201d or \u201cNew phone\u201d in the shop.",
                "You chose \u201cPhysics textbook\u201d or \u201cSchool atlas\u201d in the shop.",
                "you bought something",
                "you bought something",
                "Books earn 5.",
            ],
        ),
        (
            "es",
            [
                "Elegiste «Physics textbook» en la tienda.",
                "Elegiste «Physics textbook» o «New phone» en la tienda.",
                "Elegiste «Physics textbook» o «School atlas» en la tienda.",
                "compraste algo",
                "compraste algo",
                "Books earn 5.",
            ],
        ),
    ],
)
def test_a_purchase_cause_names_the_items_the_rule_is_about(tmp_path, language, expected) -> None:
    """Named from the rule's ``item:`` and ``has_tag:`` (with ``all``/``any``); a rule that
    fits any purchase, or more than three items, cannot name one; a description wins."""
    scenario = make_scenario(tmp_path, RULES, shop=SHOP)
    said = [say(player_cause(rule, scenario.shop), language) for rule in scenario.rules]
    assert said == expected


def test_the_shipped_spanish_scenario_names_the_ticket() -> None:
    scenario = check_file(SCENARIOS / "viral-score.es.yaml").scenario
    rule = next(r for r in scenario.rules if r.id == "train-refused")
    assert say(player_cause(rule, scenario.shop), "es") == (
        "Elegiste «Billete de tren a la costa» en la tienda."
    )


def test_the_days_summary_names_what_was_bought(tmp_path: Path) -> None:
    """The commercial scenario in the real loop: pay the phone bill with a click in the Shop,
    end the day, and the summary says which purchase moved the score."""
    seen: list[str] = []

    def body(app):
        yield from new_game(app)
        app.top.activate("shop", None)
        yield from frames(2)
        click(card_button(app, "list", ("item", "phone-bill"), "buy"))
        yield from frames(2)
        app.top.back()
        yield from frames(2)
        yield from end_the_day(app)
        assert type(app.top).__name__ == "SummaryScene"
        seen.extend(p.text for card in app.top.cards() for p in card.parts if hasattr(p, "text"))
        app.running = False

    run(config(tmp_path, scenario_path=str(SCENARIOS / "commercial-score.yaml")), body)
    summary = "\n".join(seen)
    assert "You chose \u201cPay phone bill\u201d in the shop." in summary
    assert "you bought something" not in summary
