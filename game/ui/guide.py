"""The first-day guide: three short steps (write a post, look at a friend, end the day) shown in a
strip under the feed until done or skipped, in the interface's language."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core import commands as cmd
from game.ui import theme as th
from game.ui.session import Session
from game.ui.strings import Strings
from game.ui.widgets import Button, UIContext

STEPS = ("post", "friend", "end")

BUTTONS = {"post": "post", "friend": "friends", "end": "end_day"}
"""The navigation button (its id) each step names."""


def step_text(step: str, strings: Strings, button: str) -> str:
    """The sentence of a guide step, naming its button by `button`, the label it shows now (so
    the guide and the button always agree, short labels in narrow windows too)."""
    return strings(f"guide.step.{step}", button=button)


@dataclass
class Guide:
    """Which steps the player has done; the strip shows the first one not done."""

    looked_at_friends: bool = False
    skipped: bool = False

    def step(self, session: Session) -> str | None:
        """The step to show now, or None when the guide is over."""
        game = session.game
        if self.skipped or game.day > 1 or game.over:
            return None
        if not any(isinstance(a, cmd.Post) for a in game.actions):
            return "post"
        if not self.looked_at_friends:
            return "friend"
        return "end"

    @staticmethod
    def text_width(width: int, skip: Button, ctx: UIContext) -> int:
        """How wide a step's sentence may be in a strip `width` wide (left of the skip button)."""
        return width - skip.measure(ctx)[0] - ctx.theme.px(34)

    @staticmethod
    def lines(text: str, width: int, ctx: UIContext) -> tuple[str, ...]:
        """A step's sentence wrapped to `width`: every line is shown (the button's name, at the
        end, is never cut off in a narrow window or at the largest text)."""
        return ctx.text.wrap(text, "body", width)

    def height(
        self, ctx: UIContext, strings: Strings, labels: dict[str, str], width: int, skip: Button
    ) -> int:
        """The strip's height in a strip `width` wide: room for the longest step's sentence
        (at least two lines), with each step naming its button by `labels` (step -> label), so
        the strip keeps its height from step to step."""
        inner = self.text_width(width, skip, ctx)
        most = max(len(self.lines(step_text(s, strings, labels[s]), inner, ctx)) for s in STEPS)
        return ctx.text.line_height("body") * max(2, most) + ctx.theme.px(28)

    def layout(self, rect: pygame.Rect, skip: Button, ctx: UIContext) -> None:
        """Place the skip button at the right end of the strip `rect`."""
        w, h = skip.measure(ctx)
        skip.rect = pygame.Rect(rect.right - w - ctx.theme.px(10), rect.centery - h // 2, w, h)

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        step: str,
        skip: Button,
        ctx: UIContext,
        strings: Strings,
        button: str,
    ) -> None:
        """The strip: the step's sentence (naming `button`, the label of the step's navigation
        button), wrapped, left of the skip button."""
        t = ctx.theme
        pygame.draw.rect(surface, th.PANEL, rect, border_radius=t.px(10))
        pygame.draw.rect(surface, th.ACCENT, rect, max(1, t.px(2)), border_radius=t.px(10))
        lines = self.lines(
            step_text(step, strings, button), self.text_width(rect.w, skip, ctx), ctx
        )
        lh = ctx.text.line_height("body")
        y = rect.centery - lh * len(lines) // 2
        for i, line in enumerate(lines):
            surface.blit(ctx.text.render(line, "body", th.TEXT), (rect.x + t.px(12), y + i * lh))
