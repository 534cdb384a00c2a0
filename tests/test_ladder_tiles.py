"""Perks & penalties as a tier ladder and the shop as an app store's tiles (a new-player trial
called them "a rules table" and "a catalogue"): the ladder has the top tier on top, the player's
avatar and score on their step, and each tier's perks and penalties as badges told apart by icon
and colour; the shop's tiles sit side by side where the window is wide, one a row at 800x600,
and a tile's one button buys its item through a real click, in English and in Spanish."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from ui_helpers import (
    button_center,
    card_button,
    click,
    config,
    frames,
    key,
    new_game,
    run,
    shipped_scenarios,
    shot,
)

from game.ui import theme as th
from game.ui.cards import Author, Badges, CardPainter, Custom
from game.ui.scenes.panels import PerksScene
from game.ui.strings import Strings
from game.ui.text import ELLIPSIS, TextCache

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
FILES = {"en": "viral-score.yaml", "es": "viral-score.es.yaml"}


def _config(tmp_path: Path, language: str, size: tuple[int, int] = (1280, 800)):
    return config(tmp_path, size, scenario_path=str(SCENARIOS / FILES[language]))


def _perks_sheet(tmp_path: Path, language: str, name: str) -> dict[str, object]:
    """Open Perks & penalties on day 1 (1280x800), save a screenshot as `name`; the game and
    the sheet's cards."""
    seen: dict[str, object] = {}

    def body(app):
        yield from new_game(app)
        app.push(PerksScene(app.flow))
        yield from frames(2)
        seen["game"] = app.session.game
        seen["cards"] = app.top.list.cards
        shot(app, name)

    run(_config(tmp_path, language), body)
    return seen


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_ladder_marks_the_players_step_and_each_tiers_perks(tmp_path, language) -> None:
    s = Strings(language)
    seen = _perks_sheet(tmp_path, language, f"ladder-perks-{language}-1280x800")
    game = seen["game"]
    scenario, player = game.scenario, game.player
    steps = [c for c in seen["cards"] if c.key[0] == "tier"]
    assert [c.key[1] for c in steps] == [t.id for t in reversed(scenario.tiers)]  # top on top
    for step, tier in zip(steps, reversed(scenario.tiers), strict=True):
        assert any(isinstance(p, Custom) for p in step.parts)  # the coloured step
        you = [p for p in step.parts if isinstance(p, Author)]
        if tier.id == player.tier.id:
            assert [(a.face.key, a.name, a.handle) for a in you] == [
                ("player", s("perks.here"), scenario.show_score(player.score))
            ]
        else:
            assert you == []
        perks = [scenario.perk(p) for p in tier.perks]
        badges = [p for p in step.parts if isinstance(p, Badges) and not p.lead]
        if perks:
            (row,) = badges
            assert [label for label, _ in row.items] == [p.name for p in perks]
            for perk, (_, color), icon in zip(perks, row.items, row.icons, strict=True):
                assert (icon, color) == (
                    ("minus", th.LOSS) if perk.is_penalty else ("plus", th.GAIN)
                )
        else:
            assert badges == []
    assert any(scenario.perk(p).is_penalty for t in scenario.tiers for p in t.perks)
    assert any(not scenario.perk(p).is_penalty for t in scenario.tiers for p in t.perks)


@pytest.mark.parametrize(
    ("language", "size", "per_row"),
    [("en", (1280, 800), 2), ("es", (1920, 1080), 2), ("en", (800, 600), 1)],
)
def test_shop_tiles_sit_side_by_side_and_one_button_buys(tmp_path, language, size, per_row):
    s = Strings(language)
    seen: dict[str, object] = {}

    def body(app):
        yield from new_game(app)
        click(button_center(app, "shop"))
        yield from frames(2)
        shop = app.top.list
        tiles = [i for i, c in enumerate(shop.cards) if c.tile]
        first_row = [i for i in tiles if shop.offsets[i] == shop.offsets[tiles[0]]]
        seen["per_row"] = len(first_row)
        last = shop.cards[first_row[-1]]
        (button,) = last.buttons
        seen["label"] = button.label
        item = next(i for i in app.session.game.shop if ("item", i.id) == last.key)
        seen["price"] = item.price
        at = card_button(app, "list", last.key, "buy")
        rect = shop.button_rect(last.key, "buy")
        seen["reported"] = rect in shop.visible_buttons()
        seen["kept_clear"] = any(r.contains(rect) for r in app.top.keep_clear())
        before = app.session.game.purchases(item.id)
        click(at)
        yield from frames(2)
        seen["bought"] = app.session.game.purchases(item.id) - before
        shot(app, f"ladder-shop-{language}-{size[0]}x{size[1]}")
        # the keyboard reaches the tile beside: Right from a tile's only button moves on
        shop.select(shop.cards[tiles[0]].key, "buy")
        key(pygame.K_RIGHT)
        yield from frames(1)
        seen["right"] = shop.cards[shop.selected].key == shop.cards[tiles[1]].key

    run(_config(tmp_path, language, size), body)
    assert seen["per_row"] == per_row
    assert seen["label"] == s("shop.buy_for", price=seen["price"])
    assert seen["label"] == f"{'Buy' if language == 'en' else 'Comprar'} · {seen['price']}"
    assert seen["reported"] and seen["kept_clear"]
    assert seen["bought"] == 1
    assert seen["right"]


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.name)
def test_no_shop_tile_cuts_its_items_name(tmp_path, monkeypatch, path, size) -> None:
    """Seen in the fourth trial: "VPN app for blocked websites, one…", and no way to read the
    rest. Each shipped scenario's shop (English and Spanish) paints every tile at the width the
    list gives it; the name lines drawn say the whole name, with no "…"."""
    drawn: list[str] = []
    real_render = TextCache.render

    def render(self, text, style, color):
        if style == "name":
            drawn.append(text)
        return real_render(self, text, style, color)

    seen: dict[str, object] = {}

    def body(app):
        yield from new_game(app)
        click(button_center(app, "shop"))
        yield from frames(2)
        shop = app.top.list
        monkeypatch.setattr(TextCache, "render", render)
        names = {("item", i.id): i.name for i in app.session.game.shop}
        for card, width in zip(shop.cards, shop.widths, strict=True):
            if card.key in names:
                drawn.clear()
                CardPainter().paint(card, width, shop._ctx)
                seen[names[card.key]] = list(drawn)
        monkeypatch.undo()
        shot(app, f"shop-names-{path.stem}-{size[0]}x{size[1]}")

    run(config(tmp_path, size, scenario_path=str(path)), body)
    assert seen, "no shop items"
    for name, lines in seen.items():
        assert not any(line.endswith(ELLIPSIS) for line in lines), (name, lines)
        assert " ".join(lines[:2]).split() == name.split(), (name, lines)


def _segment(card, width: int = 600, height: int = 12) -> tuple[int, int, int | None]:
    """Paint a ladder step's bar into `width` pixels: where its tier-coloured segment starts
    and ends, and where the marker's tip is (None without one)."""
    (step,) = [p for p in card.parts if isinstance(p, Custom)]
    color = card.accent
    surface = pygame.Surface((width, height * 2))
    surface.fill(th.CARD)
    step.paint(surface, pygame.Rect(0, height // 2, width, height), None)
    row = height // 2 + height // 2  # the bar's middle row
    colored = [x for x in range(width) if tuple(surface.get_at((x, row)))[:3] == color]
    marker = [x for x in range(width) if tuple(surface.get_at((x, row)))[:3] == th.TEXT]
    tip = round(sum(marker) / len(marker)) if marker else None
    return min(colored), max(colored) + 1, tip


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_ladder_step_shows_its_range_on_the_whole_scale(tmp_path, language) -> None:
    """Seen in the fourth trial: the steps' bars were longer the higher the tier (350-549
    looked smaller than 550-699) and nothing said what a length meant. Every step's bar is the
    whole score scale; its tier's range is the coloured segment, starting and ending in
    proportion to the range; the player's marker sits at their score; a line says so."""
    s = Strings(language)
    seen = _perks_sheet(tmp_path, language, f"ladder-scale-{language}-1280x800")
    game = seen["game"]
    scenario, player = game.scenario, game.player
    low, high, width = scenario.score_min, scenario.score_max, 600
    for card in seen["cards"]:
        if card.key[0] != "tier":
            continue
        tier = next(t for t in scenario.tiers if t.id == card.key[1])
        start, end, tip = _segment(card, width)
        assert abs(start - width * (tier.low - low) / (high - low)) <= 2, (tier.id, start)
        expected_end = width * (min(tier.high + 1, high) - low) / (high - low)
        assert abs(end - expected_end) <= 2, (tier.id, end, expected_end)
        if tier.id == player.tier.id:
            assert tip is not None
            assert abs(tip - width * (player.score - low) / (high - low)) <= 3
        else:
            assert tip is None
    said = s("perks.scale", low=scenario.show_score(low), high=scenario.show_score(high))
    texts = [getattr(p, "text", "") for c in seen["cards"] for p in c.parts]
    assert said in texts
