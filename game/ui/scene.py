"""The scene base class: handle / update / draw, with a focus ring. Drawing never changes state."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui import input as ia
from game.ui import theme as th
from game.ui.focus import FocusRing
from game.ui.widgets import Button, UIContext

if TYPE_CHECKING:
    from game.ui.flow import Flow


class Scene:
    """One screen on the stack. Subclasses fill `layout`, `activate`, `draw` (and maybe more).

    `opaque` scenes hide everything below them; overlays (not opaque) are drawn over the scene
    beneath. `shows_hud` scenes get the score bar on top and lay out below it.
    """

    opaque = True
    shows_hud = False
    holds_toasts = False
    """A reading surface (results, history, settings, debrief, summary): toasts wait until it
    closes, but the feedback for the player's own action on it."""

    def __init__(self, app: Flow) -> None:
        """Bind the scene to the flow it runs in (``app``: what the scene may use, never the
        window and loop themselves)."""
        self.app = app
        self.focus = FocusRing()

    @property
    def ctx(self) -> UIContext:
        """The drawing context (theme, text cache)."""
        return self.app.ctx

    def s(self, key: str, **values: object) -> str:
        """An interface string in the current language."""
        return self.app.strings(key, **values)

    def area(self) -> pygame.Rect:
        """The part of the window this scene may use (below the score bar when shown)."""
        w, h = self.app.size
        top = self.app.hud.height(self.ctx) if self.shows_hud and self.app.session else 0
        return pygame.Rect(0, top, w, h - top)

    def layout(self) -> None:
        """Compute rectangles for the current window size (called on enter and on resize)."""

    def refresh(self) -> None:
        """Re-read the game's views after something changed (default: lay out again)."""
        self.layout()

    def handle(self, action: ia.Action) -> None:
        """Route an action through the focus ring; Esc calls `back`."""
        if self.focus.handle(action, self.activate):
            return
        if action.kind == ia.BACK:
            self.back()
        elif action.kind == ia.KEY:
            self.shortcut(action.text)

    def shortcut(self, key: str) -> None:
        """A letter or digit key that nothing else used (as typed: 'W', not 'w')."""

    def back(self) -> None:
        """Esc: close this scene (default: pop it)."""
        if len(self.app.stack) > 1:
            self.app.pop()

    def activate(self, id: str, payload: object) -> None:
        """A button or widget with `id` was activated."""

    def update(self, dt: float) -> list[pygame.Rect]:
        """Advance animations by `dt` seconds; returns the parts of the screen that changed
        (empty when nothing visible did: then no frame is drawn; an override that returns None
        gets everything redrawn every frame). A widget's ``update`` returns the part it
        changed, or None."""
        changed = []
        for item in self.focus.items:
            updater = getattr(item, "update", None)
            if updater is not None and not isinstance(item, Button):
                area = updater(dt)
                if area is not None:
                    changed.append(area)
        return changed

    def keep_clear(self) -> list[pygame.Rect]:
        """The rectangles toasts must not cover (none: a full screen lets toasts wait for
        room in their corner)."""
        return []

    def covered(self) -> list[pygame.Rect]:
        """Parts of the window `draw` paints edge to edge with opaque pixels, so the app need
        not clear them first (default: none)."""
        return []

    def prepare(self, deadline: float) -> None:
        """Use the time left until `deadline` (``time.perf_counter``) to prepare what may be
        drawn next (the widgets that can: lists paint the cards about to come into view)."""
        for item in self.focus.items:
            prepare = getattr(item, "prepare", None)
            if prepare is not None:
                prepare(deadline)

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the scene (must not change game state)."""

    def draw_widgets(self, surface: pygame.Surface) -> None:
        """Draw the buttons and widgets of the focus ring."""
        self.focus.draw_buttons(surface, self.ctx)
        for item in self.focus.items:
            if not isinstance(item, Button):
                item.draw(surface, self.ctx, self.focus.is_focused(item))

    def draw_title(self, surface: pygame.Surface, text: str, rect: pygame.Rect) -> int:
        """A heading at the top of `rect`; returns the y below it."""
        fitted = self.ctx.text.fit(text, "heading", rect.width)
        surface.blit(self.ctx.text.render(fitted, "heading", th.TEXT), rect.topleft)
        return rect.y + self.ctx.text.line_height("heading") + self.ctx.theme.px(6)


class Panel(Scene):
    """An overlay below the score bar drawn as an app sheet: a card with a title bar, an X in its
    corner (the ``close`` button, placed by `place_close`) and the content below."""

    opaque = False
    shows_hud = True
    short_name: Callable[[], str] | None = None
    """The short name the button that opened this sheet shows now ("" when it shows its full
    name); set by the feed so the sheet is called what its button says ("Chats")."""

    def named(self, title: str) -> str:
        """The sheet's title: `title`, or the opening button's short name while it shows one."""
        short = self.short_name() if self.short_name is not None else ""
        return short or title

    def panel_rect(self) -> pygame.Rect:
        """The panel's rectangle: the area below the bar, inset a little."""
        a = self.area()
        t = self.ctx.theme
        width = min(a.width - 2 * t.pad, t.px(900))
        return pygame.Rect(a.centerx - width // 2, a.y + t.pad, width, a.height - 2 * t.pad)

    def keep_clear(self) -> list[pygame.Rect]:
        """Every button and widget of the sheet a player can reach now (a list's card buttons
        in view): toasts never cover them, so the sheet can always be used and closed."""
        rects: list[pygame.Rect] = []
        for item in self.focus.items:
            visible = getattr(item, "visible_buttons", None)
            if visible is not None:
                rects += visible()
            elif item.rect.width and item.rect.height:
                rects.append(pygame.Rect(item.rect))
        return rects

    def close_button(self) -> Button:
        """The sheet's close button: an X (Esc does the same)."""
        return Button("close", "", icon="x")

    def header_height(self) -> int:
        """The height of the sheet's title bar."""
        return self.ctx.text.line_height("heading") + 2 * self.ctx.theme.px(10)

    def place_close(self, button: Button) -> None:
        """Put `button` (an X) in the title bar's right corner."""
        rect = self.panel_rect()
        size = min(button.measure(self.ctx)[1], self.header_height() - self.ctx.theme.px(8))
        top = rect.y + (self.header_height() - size) // 2
        button.rect = pygame.Rect(rect.right - self.ctx.theme.px(10) - size, top, size, size)

    def draw_panel(self, surface: pygame.Surface, title: str) -> pygame.Rect:
        """Dim the scene below, draw the sheet, its title bar and title; returns the inner
        rectangle."""
        a = self.area()
        shade = pygame.Surface(a.size, pygame.SRCALPHA)
        shade.fill(th.OVERLAY)
        surface.blit(shade, a.topleft)
        rect = self.panel_rect()
        t = self.ctx.theme
        radius = t.px(14)
        pygame.draw.rect(surface, th.PANEL, rect, border_radius=radius)
        bar = pygame.Rect(rect.x, rect.y, rect.width, self.header_height())
        pygame.draw.rect(
            surface, th.CARD, bar, border_top_left_radius=radius, border_top_right_radius=radius
        )
        pygame.draw.line(
            surface, th.BORDER, (bar.x, bar.bottom - 1), (bar.right - 1, bar.bottom - 1)
        )
        pygame.draw.rect(surface, th.BORDER, rect, max(1, t.px(2)), border_radius=radius)
        inner = rect.inflate(-2 * t.pad, -2 * t.pad)
        title_w = inner.width - self.header_height()
        head = pygame.Rect(inner.x, bar.y + t.px(10), title_w, bar.height)
        self.draw_title(surface, title, head)
        return inner

    def inner_rect(self) -> pygame.Rect:
        """The sheet's inner rectangle (inside its padding, below the title bar)."""
        t = self.ctx.theme
        rect = self.panel_rect()
        top = rect.y + self.header_height() + t.px(10)
        return pygame.Rect(rect.x + t.pad, top, rect.width - 2 * t.pad, rect.bottom - t.pad - top)

    def content_top(self) -> int:
        """The y where content starts below the sheet's title bar."""
        return self.inner_rect().y
