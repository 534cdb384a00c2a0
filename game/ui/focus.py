"""Keyboard focus and pointer routing for one scene.

A scene lists its focusable things (buttons, card lists, text fields) in reading order; the ring
moves between them with Tab / Shift+Tab and arrows, hands other actions to the focused widget, and
turns pointer presses and releases into activations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import pygame

from game.ui import input as ia
from game.ui.widgets import Button, UIContext

Activate = Callable[[str, object], None]
"""Called with (widget or button id, payload) when the player activates something."""


class Widget(Protocol):
    """A focusable widget other than a plain button."""

    id: str
    rect: pygame.Rect

    def handle(self, action: ia.Action, focused: bool, activate: Activate) -> bool:
        """Handle an action; True when it was used."""
        ...

    def draw(self, surface: pygame.Surface, ctx: UIContext, focused: bool) -> None:
        """Draw the widget."""
        ...


Item = Button | Widget


class FocusRing:
    """The ordered focusable items of a scene and which one has focus."""

    def __init__(self) -> None:
        """Start empty."""
        self.items: list[Item] = []
        self.index = 0
        self.hover_id: str | None = None
        self._pressed: str | None = None
        self.keyboard = False  # focus ring shown only after keyboard use (or always when set)

    def set_items(self, items: Sequence[Item]) -> None:
        """Replace the items, keeping focus on the same id when it is still there."""
        current = self.current_id
        self.items = list(items)
        ids = [item.id for item in self.items]
        if current in ids:
            self.index = ids.index(current)
        else:
            self.index = min(self.index, max(0, len(self.items) - 1))
            self._skip_disabled(1)

    @property
    def current(self) -> Item | None:
        """The focused item, if any."""
        if not self.items:
            return None
        return self.items[self.index % len(self.items)]

    @property
    def current_id(self) -> str | None:
        """The id of the focused item."""
        item = self.current
        return item.id if item is not None else None

    def focus(self, item_id: str) -> None:
        """Move focus to the item with this id (if present)."""
        for i, item in enumerate(self.items):
            if item.id == item_id:
                self.index = i
                return

    def is_focused(self, item: Item) -> bool:
        """True when `item` has focus."""
        return self.current is item

    def _skip_disabled(self, step: int) -> None:
        for _ in range(len(self.items)):
            item = self.current
            if item is None or not isinstance(item, Button) or item.enabled:
                return
            self.index = (self.index + step) % len(self.items)

    def move(self, step: int) -> None:
        """Move focus forwards (1) or backwards (-1), skipping disabled buttons."""
        if not self.items:
            return
        self.index = (self.index + step) % len(self.items)
        self._skip_disabled(step)

    def handle(self, action: ia.Action, activate: Activate) -> bool:
        """Route one action; returns True when something used it."""
        item = self.current
        kind = action.kind
        if kind in (ia.NEXT, ia.PREV):
            self.keyboard = True
            self.move(1 if kind == ia.NEXT else -1)
            return True
        if kind in (ia.PRESS, ia.RELEASE, ia.MOVE, ia.SCROLL):
            return self._pointer(action, activate)
        widget = item if item is not None and not isinstance(item, Button) else None
        if widget is not None and widget.handle(action, True, activate):
            self.keyboard = True
            return True
        if kind in (ia.UP, ia.LEFT, ia.DOWN, ia.RIGHT):
            self.keyboard = True
            self.move(1 if kind in (ia.DOWN, ia.RIGHT) else -1)
            return True
        if kind in (ia.ACTIVATE, ia.SPACE) and isinstance(item, Button):
            self.keyboard = True
            if item.enabled:
                activate(item.id, None)
            return True
        return False

    def _pointer(self, action: ia.Action, activate: Activate) -> bool:
        hit = self.item_at(action.pos)
        if action.kind == ia.MOVE:
            self.hover_id = hit.id if hit is not None else None
        if action.kind == ia.SCROLL:
            target = hit if hit is not None and not isinstance(hit, Button) else None
            target = target or next((i for i in self.items if not isinstance(i, Button)), None)
            return target.handle(action, False, activate) if target is not None else False
        if action.kind == ia.PRESS:
            self._pressed = hit.id if hit is not None else None
            if hit is not None:
                self.keyboard = False
                self.focus(hit.id)
        used = False
        for item in self.items:
            if not isinstance(item, Button) and (item is hit or action.kind != ia.PRESS):
                used = item.handle(action, item is self.current, activate) or used
        if action.kind == ia.RELEASE:
            pressed, self._pressed = self._pressed, None
            if isinstance(hit, Button) and hit.id == pressed and hit.enabled:
                activate(hit.id, None)
                return True
        return used or hit is not None

    def item_at(self, pos: tuple[int, int]) -> Item | None:
        """The item under a screen position, if any."""
        for item in reversed(self.items):
            if item.rect.collidepoint(pos):
                return item
        return None

    def draw_buttons(self, surface: pygame.Surface, ctx: UIContext) -> None:
        """Draw every button of the ring (with hover and focus states) that reaches into the
        surface's clipping area (a focus ring reaches a little outside its button)."""
        clip = surface.get_clip()
        ring = 2 * ctx.theme.px(3) + 4
        for item in self.items:
            if isinstance(item, Button) and clip.colliderect(item.rect.inflate(ring, ring)):
                item.draw(
                    surface, ctx, focused=self.is_focused(item), hover=item.id == self.hover_id
                )
