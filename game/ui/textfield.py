"""A multi-line text box fed by pygame's TEXTINPUT events (so accents and IMEs work)."""

from __future__ import annotations

import pygame

from game.ui import input as ia
from game.ui import theme as th
from game.ui.focus import Activate
from game.ui.widgets import UIContext, draw_focus


class TextField:
    """Editable text with a caret, Backspace/Delete, Left/Right/Home/End and a length limit.

    Enter activates (reported as (id, "submit")); Up/Down leave the field.
    """

    def __init__(self, id: str, max_chars: int, placeholder: str = "") -> None:
        """An empty field holding at most `max_chars` characters."""
        self.id = id
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.text = ""
        self.caret = 0
        self.max_chars = max_chars
        self.placeholder = placeholder
        self.blink = 0.0
        self.caret_area: pygame.Rect | None = None
        """Where the caret was last drawn (None when the field was drawn without focus)."""
        self.composing = ""
        """Text an input method (IME) is still composing, shown at the caret until typed."""

    def insert(self, text: str) -> None:
        """Insert text at the caret, cut to the length limit."""
        room = self.max_chars - len(self.text)
        text = text.replace("\r", "").replace("\n", " ")[: max(0, room)]
        if text:
            self.text = self.text[: self.caret] + text + self.text[self.caret :]
            self.caret += len(text)
        self.blink = 0.0

    def handle(self, action: ia.Action, focused: bool, activate: Activate) -> bool:
        """Edit on text and editing keys; True when used."""
        kind = action.kind
        if kind == ia.PRESS:
            return self.rect.collidepoint(action.pos)
        if not focused:
            return False
        if kind == ia.EDIT:
            self.composing = action.text
            return True
        if kind == ia.TEXT:
            self.composing = ""
            self.insert(action.text)
        elif kind == ia.BACKSPACE:
            if self.caret > 0:
                self.text = self.text[: self.caret - 1] + self.text[self.caret :]
                self.caret -= 1
        elif kind == ia.DELETE:
            self.text = self.text[: self.caret] + self.text[self.caret + 1 :]
        elif kind == ia.LEFT:
            self.caret = max(0, self.caret - 1)
        elif kind == ia.RIGHT:
            self.caret = min(len(self.text), self.caret + 1)
        elif kind == ia.HOME:
            self.caret = 0
        elif kind == ia.END:
            self.caret = len(self.text)
        elif kind in (ia.SPACE, ia.KEY):
            return True  # the TEXTINPUT event carries the character itself
        elif kind == ia.ACTIVATE:
            activate(self.id, "submit")
        else:
            return False
        self.blink = 0.0
        return True

    def update(self, dt: float) -> pygame.Rect | None:
        """Advance the caret blink; returns the caret's rectangle when it appears or hides."""
        shown = self.caret_on
        self.blink += dt
        return self.caret_area if self.caret_on != shown else None

    @property
    def caret_on(self) -> bool:
        """True in the part of the blink when the caret shows."""
        return (self.blink % 1.0) < 0.6

    def height_for(self, ctx: UIContext, width: int, lines: int = 3) -> int:
        """The height of the box showing `lines` lines."""
        return ctx.text.line_height("body") * lines + ctx.theme.px(16)

    def draw(self, surface: pygame.Surface, ctx: UIContext, focused: bool) -> None:
        """Draw the box, the wrapped text, the caret (when focused) and the focus ring."""
        t = ctx.theme
        pygame.draw.rect(surface, (20, 22, 30), self.rect, border_radius=t.px(6))
        pygame.draw.rect(
            surface,
            th.ACCENT if focused else th.BORDER,
            self.rect,
            max(1, t.px(2)),
            border_radius=t.px(6),
        )
        inner = self.rect.inflate(-t.px(16), -t.px(16))
        lh = ctx.text.line_height("body")
        if not self.text and not self.composing:
            surface.blit(ctx.text.render(self.placeholder, "body", th.MUTED), inner.topleft)
        shown = self.text[: self.caret] + self.composing + self.text[self.caret :]
        lines = ctx.text.wrap(shown, "body", inner.width) if shown else ("",)
        upto = self.caret + len(self.composing)
        before = ctx.text.wrap(shown[:upto], "body", inner.width) if upto else ("",)
        caret_line, caret_x = len(before) - 1, ctx.text.width(before[-1], "body")
        visible = max(1, inner.height // lh)
        first = max(0, caret_line - visible + 1)
        clip = surface.get_clip()
        surface.set_clip(inner.clip(clip))
        for i, line in enumerate(lines[first : first + visible]):
            if line:
                surface.blit(ctx.text.render(line, "body", th.TEXT), (inner.x, inner.y + i * lh))
        surface.set_clip(clip)
        x = inner.x + min(caret_x, inner.width - 2)
        y = inner.y + (caret_line - first) * lh
        self.caret_area = pygame.Rect(x, y, max(2, t.px(2)), lh) if focused else None
        if focused and self.caret_on:
            pygame.draw.rect(surface, th.FOCUS, (x, y, max(2, t.px(2)), lh))
        if focused:
            draw_focus(surface, self.rect, ctx)
            pygame.key.set_text_input_rect(self.rect)


def text_input(want: bool, current: bool | None) -> bool:
    """Turn SDL's text input on while a text field has focus (for accents and IMEs) and off
    otherwise, only when that changes; returns the new state for the caller to keep."""
    if want != current:
        (pygame.key.start_text_input if want else pygame.key.stop_text_input)()
    return want
