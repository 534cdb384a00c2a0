"""An item that costs nothing reads as what it is, not "Buy for 0" (seen in a player trial on the
commercial scenario's loan, "Borrow 200 with shopping credit (repay by day 7)")."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import SCENARIOS, card_button, click, config, frames, new_game, run

from game.core.model import Item
from game.ui.cards import Author
from game.ui.present import item_card
from game.ui.strings import Strings


def _words(item: Item, language: str, bought: int = 0) -> tuple[str, str, list[str]]:
    """(price line, button label, badges) of the item's shop card."""
    card = item_card(item, Strings(language), lambda command: None, str, bought)
    author = next(p for p in card.parts if isinstance(p, Author))
    return author.handle, card.buttons[0].label, [text for text, _ in author.badges]


@pytest.mark.parametrize(
    ("language", "price", "button", "badge", "paid"),
    [
        ("en", "Nothing to pay now", "Get it", "Taken", ("", "Buy · 40", "Bought")),
        (
            "es",
            "Nada que pagar ahora",
            "Obtener",
            "Obtenido",
            ("", "Comprar · 40", "Comprado"),
        ),
    ],
)
def test_a_free_item_is_got_not_bought_for_0(language, price, button, badge, paid) -> None:
    loan = Item("borrow", "Borrow 200 (repay by day 7)", 0, ("credit",))
    assert _words(loan, language)[:2] == (price, button)
    assert badge in _words(loan, language, bought=1)[2]
    book = Item("book", "Book", 40)
    said, label, badges = _words(book, language, bought=1)
    assert (said, label, badges[0]) == paid


def test_the_commercial_loan_says_get_it_and_is_taken_with_a_click(tmp_path: Path) -> None:
    def body(app):
        yield from new_game(app)
        app.top.activate("shop", None)
        yield from frames(2)
        money = app.session.game.player.money
        loan = next(c for c in app.top.cards() if c.key == ("item", "borrow"))
        assert loan.buttons[0].label == "Get it"
        assert not any("for 0" in getattr(p, "handle", "") for p in loan.parts)
        click(card_button(app, "list", ("item", "borrow"), "buy"))
        yield from frames(2)
        assert app.session.game.player.money == money + 200  # the loan, as the story says
        app.running = False

    run(config(tmp_path, scenario_path=str(SCENARIOS / "commercial-score.yaml")), body)
