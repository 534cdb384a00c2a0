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

ROWS = ("text_size", "reduced_motion", "sound", "volume", "notices")

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
        """Rows top to bottom, each in its own box; then the preview post; the X on top."""
        inner = self.inner_rect()
        t = self.ctx.theme
        st: Settings = self.app.settings
        y = self.content_top()
        for name, buttons in self.rows.items():
            top = y
            if name in _STEPS:
                value = getattr(st, name)
                buttons[0].enabled = value > 0
                buttons[1].enabled = value < _STEPS[name][2] - 1
                self.labels[name] = y + t.px(8)
                y += t.px(8) + self.ctx.text.line_height("body") + t.px(6)
                y = flow(buttons, self.ctx, inner.x + t.px(10), y, inner.width - t.px(20))
                y += t.px(8)
            else:
                buttons[0].switch = bool(getattr(st, name))
                h = buttons[0].measure(self.ctx)[1]
                buttons[0].rect = pygame.Rect(inner.x, y, inner.width, h)
                y += h
            self.boxes[name] = pygame.Rect(inner.x, top, inner.width, y - top)
            y += t.px(8)
        self.sample_y = y + t.px(4)
        self.place_close(self.close)

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
            text = self.ctx.text.fit(self.label(name), "body", inner.width - t.px(20))
            surface.blit(self.ctx.text.render(text, "body", th.TEXT), (inner.x + t.px(10), y))
        bottom = inner.bottom - (self.ctx.text.line_height("meta") if self.message else 0)
        preview = self.preview()
        if self.sample_y + self.painter.height(preview, inner.width, self.ctx) < bottom:
            painted = self.painter.paint(preview, inner.width, self.ctx)
            surface.blit(painted.surface, (inner.x, self.sample_y))
        if self.message:
            img = self.ctx.text.render(self.message, "meta", th.WARNING)
            surface.blit(img, (inner.x, inner.bottom - img.get_height()))
        self.draw_widgets(surface)
