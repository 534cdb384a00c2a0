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
