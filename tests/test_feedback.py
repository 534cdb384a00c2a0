"""The game tells the player about their own act: a refused purchase is no purchase (the shop and
the results say so), every purchase leaves a receipt with its price and what it did to the
score, and a post or comment that a scoring word filter read says which of the player's words it
picked out, or that nothing was flagged, in English and in Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core import commands as cmd
from game.core.checker import check_file
from game.core.explain import say
from game.core.game import Game
from game.core.model import Scenario
from game.core.results import from_game
from game.ui.cards import Author
from game.ui.present import item_card
from game.ui.strings import Strings

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
VIRAL = {"en": SCENARIOS / "viral-score.yaml", "es": SCENARIOS / "viral-score.es.yaml"}


def _scenario(path: Path) -> Scenario:
    result = check_file(path)
    assert result.scenario is not None
    return result.scenario


def _said(notices, kind: str, language: str) -> list[str]:
    return [say(n.said, language) for n in notices if n.kind == kind]


def _untrustworthy(language: str) -> Game:
    """A viral game whose player fell to the lowest tier with two political posts, money kept."""
    game = Game(_scenario(VIRAL[language]), 1)
    game.apply(cmd.Post(choice="ask-crash"))
    game.apply(cmd.Post(choice="question-score"))
    assert game.player.tier.id == "untrustworthy"
    return game


def _badges(card) -> list[str]:
    author = next(part for part in card.parts if isinstance(part, Author))
    return [label for label, _colour in author.badges]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_refused_purchase_is_no_purchase(language: str) -> None:
    """Seen: the train ticket wore "Bought" while the notice said "Booking refused... money
    returned", and the results counted it among "4 purchases"."""
    game = _untrustworthy(language)
    money = game.player.money
    notices = game.apply(cmd.Buy("train-ticket"))
    assert game.player.money == money
    assert (game.purchases("train-ticket"), game.refused("train-ticket")) == (0, 1)
    assert not _said(notices, "bought", language)  # no receipt for what was not sold
    s = Strings(language)
    item = next(i for i in game.shop if i.id == "train-ticket")
    card = item_card(item, s, game.can, bought=game.purchases(item.id), refused=1)
    assert s("shop.refused") in _badges(card)
    assert s("shop.bought") not in _badges(card)
    game.apply(cmd.Buy("flag"))
    assert from_game(game).choices["purchases"] == 1


def test_a_purchase_that_goes_through_is_counted_and_badged() -> None:
    game = Game(_scenario(VIRAL["en"]), 1)
    game.apply(cmd.Buy("train-ticket"))
    assert (game.purchases("train-ticket"), game.refused("train-ticket")) == (1, 0)
    s = Strings("en")
    item = next(i for i in game.shop if i.id == "train-ticket")
    card = item_card(item, s, game.can, bought=1, refused=0)
    assert _badges(card)[0] == s("shop.bought")
    assert from_game(game).choices["purchases"] == 1


@pytest.mark.parametrize(
    ("language", "first", "again"),
    [
        (
            "en",
            "You bought Physics textbook for 40. Score change: +15.",
            "You bought Physics textbook again, for 40. No change to your score this time.",
        ),
        (
            "es",
            "Has comprado Libro de física por 40. Cambio en tu puntuación: +15.",
            "Has vuelto a comprar Libro de física, por 40. Esta vez tu puntuación no ha cambiado.",
        ),
    ],
)
def test_every_purchase_leaves_a_receipt_first(language: str, first: str, again: str) -> None:
    """Seen: buying the textbook a second time took 40 money and said nothing at all."""
    game = Game(_scenario(VIRAL[language]), 1)
    notices = game.apply(cmd.Buy("textbook"))
    assert notices[0].kind == "bought"  # the receipt, then what the rules said
    assert _said(notices, "bought", language) == [first]
    assert _said(game.apply(cmd.Buy("textbook")), "bought", language) == [again]


def test_a_purchase_that_moves_no_score_says_so() -> None:
    game = Game(_scenario(VIRAL["en"]), 1)
    said = _said(game.apply(cmd.Buy("vegetables")), "bought", "en")
    assert said == ["You bought Box of local vegetables for 20. Score change: +5."]
    said = _said(game.apply(cmd.Buy("coaching")), "bought", "en")
    assert said[0].startswith("You bought Score coaching session for 50. ")


@pytest.mark.parametrize(
    ("language", "flagged", "clear"),
    [
        (
            "en",
            "The app's word filter flagged 'free speech' in your post.",
            "The app checked your post: nothing in it was flagged.",
        ),
        (
            "es",
            "El filtro de palabras de la app ha marcado «libertad de expresión» en tu publicación.",
            "La app ha revisado tu publicación: no ha marcado nada.",
        ),
    ],
)
def test_a_typed_post_says_what_the_word_filter_picked_out(
    language: str, flagged: str, clear: str
) -> None:
    """Seen: "The government should let people say what they think" cost nothing and "Free
    speech matters" cost 50, and nothing told the player why: the same idea, different words."""
    game = Game(_scenario(VIRAL[language]), 1)
    same_idea = {
        "en": ("The government should let people say what they think", "Free speech matters."),
        "es": (
            "El gobierno debería dejar que la gente diga lo que piensa",
            "La libertad de expresión importa.",
        ),
    }[language]
    score = game.score
    notices = game.apply(cmd.Post(text=same_idea[0]))
    assert _said(notices, "filter", language) == [clear]
    assert game.score == score
    notices = game.apply(cmd.Post(text=same_idea[1]))
    assert notices[0].kind == "filter"  # before the rules' "your post was flagged"
    assert _said(notices, "filter", language) == [flagged]
    assert game.score < score


def test_praise_is_picked_out_too_and_comments_are_read() -> None:
    game = Game(_scenario(VIRAL["en"]), 1)
    said = _said(game.apply(cmd.Post(text="So proud and grateful today")), "filter", "en")
    assert said == [
        "The app's word filter noticed 'proud' and 'grateful' in your post: it liked that."
    ]
    post = next(p for p in game.feed if not p.by_player)
    said = _said(game.apply(cmd.Comment(post.uid, "what about democracy?")), "filter", "en")
    assert said == ["The app's word filter flagged 'democracy' in your comment."]


@pytest.mark.parametrize(
    ("language", "praise", "liked"),
    [
        (
            "en",
            "So proud today",
            "The app's word filter noticed 'proud' in your post: it liked that.",
        ),
        (
            "es",
            "Hoy estoy muy orgulloso",
            "El filtro de palabras de la app se ha fijado en «orgulloso» en tu publicación: le ha "
            "gustado.",
        ),
    ],
)
def test_the_filter_line_says_which_way_it_went(language: str, praise: str, liked: str) -> None:
    """Seen: "word filter picked out 'proud'" read like a penalty, but the post earned +15: the
    line says it by the direction of the change, never as a charge when the score rose."""
    game = Game(_scenario(VIRAL[language]), 1)
    score = game.score
    said = _said(game.apply(cmd.Post(text=praise)), "filter", language)
    assert game.score > score
    assert said == [liked]


def test_a_post_moved_by_another_rule_only_is_not_called_clear() -> None:
    """Under watch, every post costs 5 whatever its words: the bar names that cause, and the
    filter line must not claim the post changed nothing."""
    game = _untrustworthy("en")
    notices = game.apply(cmd.Post(text="Nice weather today"))
    assert [n.delta for n in notices if n.kind == "score"] == [-5]
    assert not _said(notices, "filter", "en")


@pytest.mark.parametrize("name", ["commercial-score.yaml", "blacklists.yaml"])
def test_no_filter_line_where_no_word_filter_moves_the_score(name: str) -> None:
    """These scenarios read words only to send a message ("the score does not read posts"): a
    word-filter line there would teach the myth they correct."""
    game = Game(_scenario(SCENARIOS / name), 1)
    for text in ("protest against censorship", "nice weather"):
        assert not _said(game.apply(cmd.Post(text=text)), "filter", "en")


def test_in_the_window_receipts_are_never_pushed_out_and_refused_reads_refused(
    tmp_path: Path,
) -> None:
    """Seen: the second textbook took 40 money and said nothing, while four other notices
    (tier, perks) filled the corner; and the refused ticket wore "Bought". Clicked for real."""
    from ui_helpers import button_center, card_button, click, config, frames, new_game, run, shot

    def body(app):
        yield from new_game(app)
        game = app.session.game
        for choice in ("ask-crash", "question-score"):  # down to Untrustworthy, money kept
            app.flow.command(cmd.Post(choice=choice))
        assert game.player.tier.id == "untrustworthy"
        click(button_center(app, "shop"))
        yield from frames(2)
        click(card_button(app, "list", ("item", "train-ticket"), "buy"))
        yield from frames(2)
        card = next(c for c in app.top.list.cards if c.key == ("item", "train-ticket"))
        assert "Refused" in _badges(card) and "Bought" not in _badges(card)
        for _ in range(2):  # the first moves the tier back up: four notices at once
            click(card_button(app, "list", ("item", "textbook"), "buy"))
            yield from frames(2)
        texts = [t.text for t in app.flow.toasts.items]
        assert "You bought Physics textbook for 40. Score change: +15." in texts
        assert (
            "You bought Physics textbook again, for 40. No change to your score this time." in texts
        )
        shot(app, "feedback-receipts-1280x800")

    run(config(tmp_path), body)
