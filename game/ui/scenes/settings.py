"""The settings sheet: text size, reduced motion, sound and volume, how long notices stay.

On/off settings are switches; stepped ones show their value with Smaller/Larger buttons that grey
out at the ends. Every change applies at once (the layout reflows for a new text size) and is
remembered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import theme as th
from game.ui.avatars import Face
from game.ui.cards import Author, Card, CardPainter, Line
from game.ui.scene import Panel
from game.ui.settings import NOTICE_SECONDS, VOLUMES, Settings
from game.ui.theme import TEXT_SIZES
from game.ui.widgets import Button, flow

if TYPE_CHECKING:
    from game.ui.flow import Flow

LINES = (("text_size",), ("reduced_motion", "sound"), ("volume", "notices"))
"""The rows, line by line: two to a line after the text size, so that its preview and every
row fit in an 800x600 window at the largest text."""
ROWS = tuple(name for line in LINES for name in line)

_STEPS = {
    "text_size": ("settings.smaller", "settings.larger", len(TEXT_SIZES)),
    "volume": ("settings.quieter", "settings.louder", len(VOLUMES)),
    "notices": ("settings.shorter", "settings.longer", len(NOTICE_SECONDS)),
}


class SettingsScene(Panel):
    """One row per setting: a switch, or what it is now and buttons to change it."""

    holds_toasts = True

    def __init__(self, app: Flow) -> None:
        """Buttons for every row and the X."""
        super().__init__(app)
        self.rows: dict[str, list[Button]] = {}
        for name in ROWS:
            if name in _STEPS:
                less, more, _count = _STEPS[name]
                self.rows[name] = [
                    Button(f"{name}:-1", self.s(less), icon="minus", style="meta"),
                    Button(f"{name}:+1", self.s(more), icon="plus", style="meta"),
                ]
            else:
                self.rows[name] = [Button(f"{name}:toggle", self.s(f"settings.{name}.name"))]
        self.close = self.close_button()
        self.focus.set_items([b for row in self.rows.values() for b in row] + [self.close])
        self.labels: dict[str, int] = {}
        self.boxes: dict[str, pygame.Rect] = {}
        self.message = ""
        self.sample_y = 0
        self.painter = CardPainter()
        """Paints the preview post at the chosen text size."""

    def label(self, name: str) -> str:
        """A stepped row's text with the current value."""
        st: Settings = self.app.settings
        if name == "text_size":
            return self.s("settings.text_size", value=self.s(f"settings.size.{st.text_size}"))
        if name == "volume":
            return self.s("settings.volume", value=VOLUMES[st.volume])
        return self.s("settings.notices", value=NOTICE_SECONDS[st.notices])

    def layout(self) -> None:
        """The text size row, the preview post right under it (in view at every text size and
        window size), then the other rows two to a line, each in its own box; the X on top."""
        inner = self.inner_rect()
        t = self.ctx.theme
        gap = t.px(8)
        y = self.content_top()
        for line in LINES:
            width = (inner.width - gap * (len(line) - 1)) // len(line)
            bottoms = [
                self._place(name, pygame.Rect(inner.x + i * (width + gap), y, width, 0))
                for i, name in enumerate(line)
            ]
            y = max(bottoms)
            for name in line:  # boxes side by side are as tall as each other
                self.boxes[name].height = y - self.boxes[name].y
            y += gap
            if line == LINES[0]:  # the preview right under the size it shows
                self.sample_y = y
                y += self.painter.height(self.preview(), inner.width, self.ctx) + gap
        self.place_close(self.close)

    def _place(self, name: str, box: pygame.Rect) -> int:
        """Lay out the row `name` in `box` (from its top, at its width); returns its bottom."""
        t = self.ctx.theme
        st: Settings = self.app.settings
        buttons = self.rows[name]
        y = box.y
        if name in _STEPS:
            value = getattr(st, name)
            buttons[0].enabled = value > 0
            buttons[1].enabled = value < _STEPS[name][2] - 1
            self.labels[name] = y + t.px(8)
            y += t.px(8) + self.ctx.text.line_height("body") + t.px(6)
            y = flow(buttons, self.ctx, box.x + t.px(10), y, box.width - t.px(20))
            y += t.px(8)
        else:
            buttons[0].switch = bool(getattr(st, name))
            h = buttons[0].measure(self.ctx)[1]
            buttons[0].rect = pygame.Rect(box.x, y, box.width, h)
            y += h
        self.boxes[name] = pygame.Rect(box.x, box.y, box.width, y - box.y)
        return y

    def activate(self, id: str, payload: object) -> None:
        """Change a setting (applied and stored at once) or close."""
        if id == "close":
            self.app.pop()
            return
        name, _, how = id.partition(":")
        st: Settings = self.app.settings
        new = st.toggle(name) if how == "toggle" else st.step(name, int(how))
        error = self.app.apply_settings(new)
        self.message = self.s("settings.cannot_save", reason=error) if error else ""
        if name == "sound" and new.sound:
            self.app.audio.play("notify")
        self.layout()

    def preview(self) -> Card:
        """A friend's post as the feed shows it, at the chosen text size (when it fits)."""
        name = self.s("settings.preview_name")
        face = Face("settings:preview", name)
        stamp = self.s("post.today")
        return Card(
            "preview",
            (
                Author(face, name, stamp, ((self.s("source.friend"), th.SOURCE_COLORS["friend"]),)),
                Line(self.s("settings.preview_text")),
            ),
            accent=th.SOURCE_COLORS["friend"],
        )

    def preview_rect(self) -> pygame.Rect:
        """Where the preview post is drawn."""
        inner = self.inner_rect()
        height = self.painter.height(self.preview(), inner.width, self.ctx)
        return pygame.Rect(inner.x, self.sample_y, inner.width, height)

    def keep_clear(self) -> list[pygame.Rect]:
        """The buttons and the preview post: a toast never covers the sample the player
        reads to choose a text size."""
        return [*super().keep_clear(), self.preview_rect()]

    def draw(self, surface: pygame.Surface) -> None:
        """Sheet, row boxes, values, a preview post at the chosen text size, buttons."""
        self.draw_panel(surface, self.s("settings.title"))
        inner = self.inner_rect()
        t = self.ctx.theme
        for name, box in self.boxes.items():
            if name in _STEPS:
                pygame.draw.rect(surface, th.CARD, box, border_radius=t.px(8))
        for name, y in self.labels.items():
            box = self.boxes[name]
            text = self.ctx.text.fit(self.label(name), "body", box.width - t.px(20))
            surface.blit(self.ctx.text.render(text, "body", th.TEXT), (box.x + t.px(10), y))
        painted = self.painter.paint(self.preview(), inner.width, self.ctx)
        surface.blit(painted.surface, (inner.x, self.sample_y))
        if self.message:
            img = self.ctx.text.render(self.message, "meta", th.WARNING)
            surface.blit(img, (inner.x, inner.bottom - img.get_height()))
        self.draw_widgets(surface)
