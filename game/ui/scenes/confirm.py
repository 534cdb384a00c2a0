"""A question with a few answers, over the current screen (Esc is the last answer: cancel)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import theme as th
from game.ui.scene import Panel
from game.ui.widgets import Button, flow

if TYPE_CHECKING:
    from game.ui.flow import Flow


class ConfirmScene(Panel):
    """Shows ``message`` and one button per answer; choosing closes it and calls ``on_answer``."""

    def __init__(
        self,
        app: Flow,
        title: str,
        message: str,
        answers: Sequence[tuple[str, str]],
        on_answer: Callable[[str], None],
        destructive: Collection[str] = (),
    ) -> None:
        """``answers`` are (id, label) pairs, the safe one last (Esc picks it); the ids in
        `destructive` cannot be undone, and the focus starts on the first answer that can."""
        super().__init__(app)
        self.title = title
        self.message = message
        self.buttons = [Button(id, label, destructive=id in destructive) for id, label in answers]
        self.on_answer = on_answer
        self.focus.set_items(self.buttons)
        self.focus.focus(next(b.id for b in self.buttons if not b.destructive))
        self.text_top = 0

    def panel_rect(self) -> pygame.Rect:
        """A smaller panel than a full list: the message and the buttons."""
        a = self.area()
        t = self.ctx.theme
        width = min(a.width - 2 * t.pad, t.px(720))
        lines = len(self.ctx.text.wrap(self.message, "body", width - 2 * t.pad))
        height = (
            self.header_height()
            + t.px(10)
            + lines * self.ctx.text.line_height("body")
            + self.buttons[0].measure(self.ctx)[1] * 2
            + 2 * t.pad
        )
        return pygame.Rect(a.centerx - width // 2, a.centery - height // 2, width, height)

    def layout(self) -> None:
        """Message on top, answers at the bottom."""
        inner = self.inner_rect()
        height = flow(self.buttons, self.ctx, inner.x, 0, inner.width)
        flow(self.buttons, self.ctx, inner.x, inner.bottom - height, inner.width)
        self.text_top = self.content_top()

    def activate(self, id: str, payload: object) -> None:
        """Close, then act on the answer."""
        self.app.pop()
        self.on_answer(id)

    def back(self) -> None:
        """Esc: the last (safe) answer."""
        self.activate(self.buttons[-1].id, None)

    def draw(self, surface: pygame.Surface) -> None:
        """The panel, the message and the answers."""
        self.draw_panel(surface, self.title)
        inner = self.inner_rect()
        y = self.text_top
        for line in self.ctx.text.wrap(self.message, "body", inner.width):
            surface.blit(self.ctx.text.render(line, "body", th.TEXT), (inner.x, y))
            y += self.ctx.text.line_height("body")
        self.draw_widgets(surface)


def ask(app: Flow, title: str, message: str, yes: str, on_yes: Callable[[], None]) -> None:
    """Ask before a big one-click action: ``yes`` does it (calls ``on_yes``), Cancel and Esc
    do nothing. Cancel has the focus, so pressing Enter twice never does it by accident. What
    the action changes floats up from where it was asked for (the post's or friend's card), not
    from the dialog's button, which sat over something else once the dialog closed."""
    origin = app.app.pointer

    def answer(id: str) -> None:
        if id == "yes":
            app.app.pointer = origin
            on_yes()

    answers = [("yes", yes), ("cancel", app.strings("ask.cancel"))]
    app.push(ConfirmScene(app, title, message, answers, answer, destructive=("yes",)))
