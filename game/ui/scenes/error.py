"""The error screen: a scenario's located problems as the checker reports them (no traceback)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.core.diagnostics import SHOWN_MESSAGE, Diagnostic, sort_key
from game.core.printable import printable
from game.ui import input as ia
from game.ui import theme as th
from game.ui.cards import Card, Custom, Line
from game.ui.listview import CardList
from game.ui.scene import Scene
from game.ui.widgets import Button, UIContext, flow

if TYPE_CHECKING:
    from game.ui.flow import Flow


def diagnostic_card(d: Diagnostic, index: int) -> Card:
    """The lines of ``Diagnostic.format()``: headline, source line, a caret at the column, hint."""
    color = th.ERROR if d.is_error else th.WARNING
    parts: list = [Line(d.headline(), "meta", color, icon="flag", icon_color=color)]
    source = d.shown_source() or ""  # cut as the checker prints it: a huge line wraps fast
    if source:
        parts.append(Line(source, "meta", th.TEXT))
        parts.append(
            Custom(
                ("caret", source, d.col),
                14,
                lambda surf, rect, ctx: _caret(surf, rect, ctx, source, d.col),
            )
        )
    hint = d.shown_hint()
    if hint:
        parts.append(Line(f"hint: {hint}", "meta", th.MUTED))
    return Card(("diag", index), tuple(parts), accent=color)


def _caret(
    surface: pygame.Surface, rect: pygame.Rect, ctx: UIContext, source: str, col: int
) -> None:
    """A caret under column `col` of the (first wrapped line of the) source line."""
    lines = ctx.text.wrap(source, "meta", rect.width)
    prefix = source[: min(max(0, col - 1), len(source))]
    x = rect.x + min(ctx.text.width(prefix, "meta"), rect.width - 4) if len(lines) <= 1 else rect.x
    size = rect.height
    pygame.draw.polygon(
        surface, th.ERROR, [(x, rect.y), (x + size // 2, rect.bottom), (x - size // 2, rect.bottom)]
    )


class ErrorScene(Scene):
    """Lists the checker's messages; Back returns (to the kept game or the title); F5 retries."""

    def __init__(
        self, app: Flow, path: str, diagnostics: Sequence[Diagnostic], keep_game: bool
    ) -> None:
        """Errors for `path`; `keep_game` when shown over a game in progress (after F5)."""
        super().__init__(app)
        self.path = path
        self.diagnostics = tuple(sorted(diagnostics, key=sort_key))
        self.keep_game = keep_game
        self.list = CardList("errors")
        self.back_button = Button("back", self.s("error.back"))
        self.retry = Button("retry", self.s("error.retry"), icon="check")
        self.focus.set_items([self.list, self.retry, self.back_button])
        self.focus.focus("retry")

    @property
    def lines(self) -> list[str]:
        """Every diagnostic's ``format()`` text, as shown."""
        return [d.format() for d in self.diagnostics]

    def layout(self) -> None:
        """Title and intro, the list, buttons at the bottom."""
        t = self.ctx.theme
        a = self.area()
        width = min(a.width - 2 * t.pad, t.px(1100))
        x = a.centerx - width // 2
        h = flow([self.retry, self.back_button], self.ctx, x, 0, width)
        flow([self.retry, self.back_button], self.ctx, x, a.bottom - t.pad - h, width)
        top = a.y + t.pad + self.ctx.text.line_height("heading") + t.px(8)
        top += len(self.intro(width)) * self.ctx.text.line_height("meta") + t.px(8)
        self.list.set_rect(pygame.Rect(x, top, width, a.bottom - 2 * t.pad - h - top), self.ctx)
        self.list.set_cards(
            [diagnostic_card(d, i) for i, d in enumerate(self.diagnostics)], self.ctx
        )

    def intro(self, width: int) -> tuple[str, ...]:
        """The wrapped lines under the title."""
        errors = sum(d.is_error for d in self.diagnostics)
        path = printable(self.path)[:SHOWN_MESSAGE]
        text = f"{self.s('error.count', n=errors)} - {path}\n{self.s('error.intro')}"
        if self.keep_game:
            text += " " + self.s("error.keep")
        return self.ctx.text.wrap(text, "meta", width)

    def refresh(self) -> None:
        """Nothing to re-read."""

    def activate(self, id: str, payload: object) -> None:
        """Back, or reload the file."""
        if id == "back":
            self.back()
        elif id == "retry":
            self.retry_load()

    def handle(self, action: ia.Action) -> None:
        """F5 here retries (also when no game is running)."""
        if action.kind == ia.RELOAD:
            self.retry_load()
            return
        super().handle(action)

    def retry_load(self) -> None:
        """Check the file again: on success continue the kept game (replayed) or start it."""
        if self.keep_game and self.app.session is not None:
            self.app.pop()
            self.app.reload()
            return
        self.app.pop()
        self.app.open_scenario(self.path)

    def back(self) -> None:
        """Return to the game (kept) or to the title screen."""
        if self.keep_game:
            self.app.pop()
        else:
            self.app.to_title()

    def draw(self, surface: pygame.Surface) -> None:
        """Title, intro, list, buttons."""
        t = self.ctx.theme
        a = self.area()
        x, w = self.list.rect.x, self.list.rect.width
        y = self.draw_title(surface, self.s("error.title"), pygame.Rect(x, a.y + t.pad, w, 10))
        for line in self.intro(w):
            surface.blit(self.ctx.text.render(line, "meta", th.MUTED), (x, y))
            y += self.ctx.text.line_height("meta")
        self.draw_widgets(surface)
