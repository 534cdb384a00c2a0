"""The settings panel: text size, reduced motion, sound and volume, how long notices stay.

Every change applies at once (the layout reflows for a new text size) and is remembered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import theme as th
from game.ui.scene import Panel
from game.ui.settings import NOTICE_SECONDS, VOLUMES, Settings
from game.ui.widgets import Button, flow

if TYPE_CHECKING:
    from game.ui.app import App

ROWS = ("text_size", "reduced_motion", "sound", "volume", "notices")

_STEPS = {
    "text_size": ("settings.smaller", "settings.larger"),
    "volume": ("settings.quieter", "settings.louder"),
    "notices": ("settings.shorter", "settings.longer"),
}


class SettingsScene(Panel):
    """One row per setting: what it is now, and buttons to change it."""

    def __init__(self, app: App) -> None:
        """Buttons for every row and a Close button."""
        super().__init__(app)
        self.rows: dict[str, list[Button]] = {}
        for name in ROWS:
            if name in _STEPS:
                less, more = _STEPS[name]
                self.rows[name] = [
                    Button(f"{name}:-1", self.s(less), icon="minus", style="meta"),
                    Button(f"{name}:+1", self.s(more), icon="plus", style="meta"),
                ]
            else:
                self.rows[name] = [
                    Button(f"{name}:toggle", self.s("settings.toggle"), style="meta")
                ]
        self.close = self.close_button()
        self.focus.set_items([b for row in self.rows.values() for b in row] + [self.close])
        self.labels: dict[str, int] = {}
        self.message = ""

    def label(self, name: str) -> str:
        """The row's text with the current value."""
        st: Settings = self.app.settings
        on_off = {True: self.s("settings.on"), False: self.s("settings.off")}
        if name == "text_size":
            return self.s("settings.text_size", value=self.s(f"settings.size.{st.text_size}"))
        if name == "reduced_motion":
            return self.s("settings.motion", value=on_off[st.reduced_motion])
        if name == "sound":
            return self.s("settings.sound", value=on_off[st.sound])
        if name == "volume":
            return self.s("settings.volume", value=VOLUMES[st.volume])
        return self.s("settings.notices", value=NOTICE_SECONDS[st.notices])

    def layout(self) -> None:
        """Rows top to bottom: the label, then its buttons; the sample text; Close."""
        inner = self.inner_rect()
        t = self.ctx.theme
        y = self.content_top()
        for name, buttons in self.rows.items():
            self.labels[name] = y
            y += self.ctx.text.line_height("body") + t.px(4)
            y = flow(buttons, self.ctx, inner.x, y, inner.width) + t.px(12)
        self.sample_y = y
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

    def draw(self, surface: pygame.Surface) -> None:
        """Panel, rows, a sample line in every script, buttons."""
        self.draw_panel(surface, self.s("settings.title"))
        inner = self.inner_rect()
        for name, y in self.labels.items():
            text = self.ctx.text.fit(self.label(name), "body", inner.width)
            surface.blit(self.ctx.text.render(text, "body", th.TEXT), (inner.x, y))
        if self.sample_y + self.ctx.text.line_height("body") < self.close.rect.y:
            sample = self.ctx.text.fit(self.s("settings.sample"), "body", inner.width)
            surface.blit(self.ctx.text.render(sample, "body", th.MUTED), (inner.x, self.sample_y))
        if self.message:
            img = self.ctx.text.render(self.message, "meta", th.WARNING)
            surface.blit(img, (self.close.rect.right + self.ctx.theme.pad, self.close.rect.y))
        self.draw_widgets(surface)
