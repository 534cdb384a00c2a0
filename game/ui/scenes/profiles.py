"""Who is playing? Choose your profile or type your name to make one (lab computers: several
players, several games each)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.core import saves
from game.ui import theme as th
from game.ui.cards import Card, CardButton, Line
from game.ui.listview import CardList
from game.ui.scene import Panel
from game.ui.textfield import TextField, text_input
from game.ui.widgets import Button, flow

if TYPE_CHECKING:
    from game.ui.flow import Flow


class ProfileScene(Panel):
    """The profiles on this machine as cards, a name field for a new one, and Close."""

    def __init__(self, app: Flow, then: Callable[[], None] | None = None) -> None:
        """Choosing a profile sets ``app.profile``, closes, and calls ``then``."""
        super().__init__(app)
        self.then = then
        self.names = app.config.book.profiles() if app.config.book else []
        self.list = CardList("profiles")
        self.field = TextField("name", 30, self.s("profile.placeholder"))
        self.start = Button("start", self.s("profile.start"), icon="check")
        self.close = self.close_button()
        items: list = [self.list] if self.names else []
        self.focus.set_items([*items, self.field, self.start, self.close])
        if not self.names:
            self.focus.focus("name")
        self.labels: dict[str, pygame.Rect] = {}
        self.text_input: bool | None = None

    def layout(self) -> None:
        """Profiles on top, the name field and the buttons below."""
        inner = self.inner_rect()
        t = self.ctx.theme
        lh = self.ctx.text.line_height("meta")
        button_h = self.close.measure(self.ctx)[1]
        field_h = self.field.height_for(self.ctx, inner.width, 1)
        bottom = inner.bottom - button_h - t.pad
        self.field.rect = pygame.Rect(inner.x, bottom - field_h, inner.width, field_h)
        self.labels["new"] = pygame.Rect(inner.x, self.field.rect.y - lh - t.px(4), inner.width, lh)
        flow([self.start], self.ctx, inner.x, inner.bottom - button_h, inner.width)
        self.place_close(self.close)
        top = self.content_top()
        self.list.set_rect(
            pygame.Rect(
                inner.x, top, inner.width, max(t.px(40), self.labels["new"].y - t.pad - top)
            ),
            self.ctx,
        )
        self.list.set_cards(
            [
                Card(
                    name,
                    (Line(name, "body"),),
                    (CardButton("play", self.s("profile.play"), icon="check"),),
                )
                for name in self.names
            ],
            self.ctx,
        )

    def refresh(self) -> None:
        """Nothing changes while open."""

    def shortcut(self, key: str) -> None:
        """Typing starts a new name."""
        self.focus.focus("name")
        self.field.insert(key)

    def activate(self, id: str, payload: object) -> None:
        """Play as a listed profile, or as the typed name; or close."""
        if id == "profiles" and isinstance(payload, tuple):
            self.choose(str(payload[0]))
        elif id in ("start", "name"):
            name = self.field.text.strip()
            if not name:
                self.app.toasts.add(self.s("profile.empty"), "minus", th.WARNING, own=True)
                return
            self.choose(name)
        elif id == "close":
            self.app.pop()

    def choose(self, name: str) -> None:
        """Make the profile (if new), close, go on."""
        book = self.app.config.book
        try:
            if book is not None:
                book.add_profile(name)
        except (ValueError, saves.SaveError) as err:
            self.app.toasts.add(self.s("profile.failed", reason=err), "flag", th.ERROR, own=True)
            return
        self.app.profile = name.strip()
        self.app.pop()
        if self.then is not None:
            self.then()

    def update(self, dt: float) -> list[pygame.Rect]:
        """Caret blink; text input on while the name field has focus."""
        changed = super().update(dt)
        want = self.focus.current is self.field
        self.text_input = text_input(want, self.text_input)
        return changed

    def draw(self, surface: pygame.Surface) -> None:
        """The panel with its parts."""
        self.draw_panel(surface, self.s("profile.title"))
        label = self.ctx.text.render(self.s("profile.new"), "meta", th.MUTED)
        surface.blit(label, self.labels["new"])
        self.draw_widgets(surface)
