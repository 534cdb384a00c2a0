"""What pops up over the game never hides what the player needs: the score's breakdown under the
bar stays off a sheet's title and close X, floating score changes land on empty space (never on
text, a button or the first-day guide).

Seen in a player trial: the breakdown over "Write a post" at 800x600; "−50" floating over the
guide's strip (s06) and "+10" over the Shop's "Price: 15" (s14).
"""

from __future__ import annotations

import pygame
import pytest
import ui_helpers as h

from game.ui.scene import Panel

SIZES = [(800, 600), (1280, 800), (1920, 1080)]
SHEETS = ("post", "shop", "friends", "history", "menu")


def title_bar(sheet: Panel) -> pygame.Rect:
    """The sheet's title bar (its title and its close X)."""
    rect = sheet.panel_rect()
    return pygame.Rect(rect.x, rect.y, rect.width, sheet.header_height())


@pytest.mark.parametrize("size", SIZES)
def test_the_breakdown_never_covers_a_sheets_title_or_x(tmp_path, size) -> None:
    """With the pointer on the score bar (the dummy video driver keeps it at the top-left
    corner), the feed shows the breakdown of the morning's changes; over a sheet it stays off
    the sheet's title bar."""

    def body(app):
        yield from h.new_game(app)
        yield from h.frames(2)
        assert app.flow.hud.details is not None, "the pointer on the bar shows the breakdown"
        for sheet in SHEETS:
            app.top.activate(sheet, None)
            yield from h.frames(2)
            assert isinstance(app.top, Panel), sheet
            details = app.flow.hud.details
            bar = title_bar(app.top)
            assert details is None or not details.colliderect(bar), (sheet, details, bar)
            h.key(pygame.K_ESCAPE)
            yield from h.frames(2)
            assert h.scene(app) == "PlayScene", sheet

    h.run(h.config(tmp_path, size=size), body)


def plain(surface: pygame.Surface, rect: pygame.Rect) -> bool:
    """True when every pixel of `rect` on `surface` has one colour (no text, icon or edge)."""
    area = surface.subsurface(rect)
    same = pygame.mask.from_threshold(area, area.get_at((0, 0)), (1, 1, 1, 255))
    return same.count() == rect.width * rect.height


def check_float(app, where: str) -> None:
    """The newest float lies on plain background of the frame drawn without it, off the top
    scene's buttons, the toasts, the breakdown and the first-day guide."""
    spots = [f.spot for f in app.motion.floats if f.spot is not None]
    assert spots, f"{where}: the score change should float somewhere near"
    spot = spots[-1]
    floats, app.motion.floats = app.motion.floats, []
    frame = pygame.Surface(app.size)
    app.draw(frame)
    app.motion.floats = floats
    assert plain(frame, spot), f"{where}: the float at {spot} covers something drawn"
    play = app.stack[0]
    blocked = [*app.top.keep_clear(), *(t.rect for t in app.flow.toasts.items if t.rect)]
    if play.guide_step() is not None:
        blocked.append(play.guide_rect)
    hit = [r for r in blocked if spot.colliderect(r)]
    assert not hit, f"{where}: the float at {spot} covers {hit}"


@pytest.mark.parametrize("size", SIZES)
def test_a_score_change_floats_on_empty_space(tmp_path, size) -> None:
    """Posting a ready-made post (clicked in the composer, which closes: the feed and the guide
    are under the pointer) and buying the flag in the Shop (a click under its price): each
    change floats near the click, on empty space, while the feed settles and after."""

    def body(app):
        yield from h.new_game(app)
        game = app.session.game
        h.letter("p")
        yield from h.frames(2)
        choices = app.top.choices
        first = choices.cards[0].key
        choices.select(first, "use")
        yield from h.frames(12)
        before = game.player.score
        h.click(choices.button_rect(first, "use").center)
        yield from h.frames(2)
        assert h.scene(app) == "PlayScene" and game.player.score != before
        for n in range(3):
            check_float(app, f"posted, frame {n}")
            yield from h.frames(8)
        app.motion.clear()
        h.letter("s")
        yield from h.frames(2)
        shop = app.top.list
        shop.select(("item", "flag"), "buy")
        yield from h.frames(20)
        before = game.player.score
        h.click(shop.button_rect(("item", "flag"), "buy").center)
        yield from h.frames(2)
        assert game.player.score != before, "buying the flag earns points"
        for n in range(3):
            check_float(app, f"bought, frame {n}")
            yield from h.frames(8)

    h.run(h.config(tmp_path, size=size), body)
