"""A scrolling list of cards that draws only what is visible.

Keyboard: Up/Down choose a card (or scroll when no card has buttons), Left/Right choose a button,
Enter/Space press it, Page Up/Down and Home/End jump. Mouse: wheel, drag, click. Touch: drag, tap.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Hashable, Sequence

import pygame

from game.ui import input as ia
from game.ui import theme as th
from game.ui.cards import Card, CardPainter, Painted
from game.ui.focus import Activate
from game.ui.text import LRU
from game.ui.theme import Color
from game.ui.widgets import UIContext, draw_focus, fill

DRAG_THRESHOLD = 8
AHEAD_GRACE = 0.0002
"""Seconds past its time a frame may still paint the next card ahead when the list moved
further than was painted ahead."""

TILE_LEAST = 400
"""The least width of a tile on screen, in pixels, however small the scale: a narrower one
crowds its name and button (an 800x600 window shows one tile a row)."""

MOVES = frozenset({ia.UP, ia.DOWN, ia.LEFT, ia.RIGHT, ia.PAGE_UP, ia.PAGE_DOWN, ia.HOME, ia.END})
"""Keys that move within a list: after one, Enter acts on what the player moved to."""


class CardList:
    """A virtualised, scrollable list of `Card`s; activations report (card key, button id)."""

    def __init__(self, id: str, painter: CardPainter | None = None) -> None:
        """An empty list; share a `painter` between lists to share its caches."""
        self.id = id
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.painter = painter or CardPainter()
        self.background: Color | None = None
        """The colour under the list, when it is one plain colour: cards then paint opaque and
        the list paints the background between them (see `opaque`)."""
        self.cards: tuple[Card, ...] = ()
        self.offsets: list[int] = []
        """Each card's top, from the top of the list (tiles in one row share theirs)."""
        self.xs: list[int] = []
        """Each card's left edge, from the list's left."""
        self.widths: list[int] = []
        """Each card's width (a tile is narrower than a row-wide card)."""
        self.heights: list[int] = []
        self.tile_width = 0.0
        """The least width (design pixels) of a tile (a card with ``tile``): tiles sit side by
        side, as many a row as fit (at least one); 0 puts every card on its own row."""
        self.total = 0
        self.scroll = 0.0
        self.target = 0.0
        self.selected = 0
        self.button = 0
        self.armed = True
        """False after :meth:`disarm`: Enter does nothing until the player moves in the list."""
        self.gap = 0
        self.margin = 0
        self._press: tuple[int, int] | None = None
        self._press_scroll = 0.0
        self._dragging = False
        self._ctx: UIContext | None = None
        self._width = 0
        self._owed = 0
        """Pixels the list moved since cards were painted ahead for them (less, once more
        was painted ahead than it moved): what `prepare` must paint even without time."""
        self._ready: tuple[int, float] | None = None
        """(scroll offset, target) at which the cards around the view were all painted."""
        self._pills = LRU(4)
        """The scroll bar's track and thumb, drawn once per size."""

    # ----------------------------------------------------------------- layout
    def set_cards(self, cards: Sequence[Card], ctx: UIContext) -> None:
        """Show `cards`, keeping the selected card (by key) when it is still there."""
        key = (
            self.cards[self.selected].key
            if self.cards and self.selected < len(self.cards)
            else None
        )
        self.cards = tuple(cards)
        if key is not None:
            for i, card in enumerate(self.cards):
                if card.key == key:
                    self.selected = i
                    break
        else:  # the first cards: start on a card with a safe button (a person's profile
            safe = (i for i in range(len(self.cards)) if self._safe(i))  # starts on a post)
            self.selected = next(safe, 0)
            self.button = self._first_safe(self.selected)
        self.selected = min(self.selected, max(0, len(self.cards) - 1))
        if not self._selectable(self.selected):
            self.selected = self._next_selectable(self.selected, 1, wrap=False) or self.selected
        self._relayout(ctx)

    def set_rect(self, rect: pygame.Rect, ctx: UIContext) -> None:
        """Place the list on screen."""
        self.rect = pygame.Rect(rect)
        self._relayout(ctx)

    def _relayout(self, ctx: UIContext) -> None:
        self._ctx = ctx
        self.gap = ctx.theme.px(12)
        self.margin = ctx.theme.px(6)
        self._width = max(40, self.rect.width - ctx.theme.px(14) - self.margin)
        per_row = 1
        if self.tile_width:
            least = max(TILE_LEAST, ctx.theme.px(self.tile_width * ctx.theme.text_scale))
            per_row = max(1, (self._width + self.gap) // (least + self.gap))
        tile = (self._width - self.gap * (per_row - 1)) // per_row
        self.offsets, self.xs, self.widths, self.heights = [], [], [], []
        y, column, row_h = self.margin, 0, 0
        for card in self.cards:
            if column and (not card.tile or column == per_row):  # the row is full: a new one
                y, column, row_h = y + row_h + self.gap, 0, 0
            width = tile if card.tile else self._width
            h = self.painter.height(card, width, ctx)
            self.offsets.append(y)
            self.xs.append(self.margin + column * (tile + self.gap))
            self.widths.append(width)
            self.heights.append(h)
            row_h = max(row_h, h)
            if card.tile:
                column += 1
            else:
                y, row_h = y + h + self.gap, 0
        y += row_h + (self.gap if column else 0)
        self.total = max(0, y - self.gap + self.margin)
        self._ready = None
        self._clamp()
        if self.background is not None and self.total > self.rect.height:
            for width in set(self.widths):
                tallest = max(
                    h for h, w in zip(self.heights, self.widths, strict=True) if w == width
                )
                self.painter.reserve((width, min(tallest, self.rect.height)))

    @property
    def max_scroll(self) -> float:
        """How far the list can scroll."""
        return float(max(0, self.total - self.rect.height))

    def _clamp(self) -> None:
        self.target = max(0.0, min(self.max_scroll, self.target))
        self.scroll = max(0.0, min(self.max_scroll, self.scroll))

    def _card_height(self, i: int) -> int:
        return self.heights[i]

    def _paint(self, i: int) -> Painted:
        """Card `i` painted at its width (cached by the painter)."""
        assert self._ctx is not None
        return self.painter.paint(self.cards[i], self.widths[i], self._ctx, self.background)

    def _row_start(self, i: int) -> int:
        """The first card of the row card `i` is in."""
        while i > 0 and self.offsets[i - 1] == self.offsets[i]:
            i -= 1
        return i

    def _at(self, pos: tuple[int, int]) -> int | None:
        """The index of the card at a screen position, or None."""
        if not self.rect.collidepoint(pos) or not self.offsets or self._ctx is None:
            return None
        x, y = pos[0] - self.rect.x, pos[1] - self.rect.y + round(self.scroll)
        last = bisect_right(self.offsets, y) - 1
        if last < 0:
            return None
        for i in range(self._row_start(last), last + 1):
            top, left = self.offsets[i], self.xs[i]
            if left <= x < left + self.widths[i] and y <= top + self.heights[i]:
                return i
        return None

    # ----------------------------------------------------------------- selection
    def _selectable(self, i: int) -> bool:
        return 0 <= i < len(self.cards) and bool(self.cards[i].buttons)

    def _next_selectable(self, start: int, step: int, wrap: bool = False) -> int | None:
        i = start + step
        while 0 <= i < len(self.cards):
            if self._selectable(i):
                return i
            i += step
        return None

    def _safe(self, i: int) -> bool:
        """True when card `i` has a button that is not destructive."""
        return 0 <= i < len(self.cards) and any(not b.destructive for b in self.cards[i].buttons)

    def _first_safe(self, i: int) -> int:
        """The button a card's focus starts on: its first enabled one that is not destructive
        (remove and report never have the focus first), else its first safe one, else 0."""
        buttons = self.cards[i].buttons if 0 <= i < len(self.cards) else ()
        safe = [n for n, b in enumerate(buttons) if not b.destructive]
        return next((n for n in safe if buttons[n].enabled), safe[0] if safe else 0)

    @property
    def starts_safe(self) -> bool:
        """True when the focused button of the selected card is not destructive (or the list
        has no buttons at all)."""
        if not self.has_selection:
            return True
        buttons = self.cards[self.selected].buttons
        return bool(buttons) and not buttons[min(self.button, len(buttons) - 1)].destructive

    @property
    def has_selection(self) -> bool:
        """True when some card has buttons to choose."""
        return any(card.buttons for card in self.cards)

    def select(self, key: Hashable, button: str | None = None) -> bool:
        """Select the card with `key` (and a button by id) and scroll it into view."""
        for i, card in enumerate(self.cards):
            if card.key == key:
                self.selected = i
                ids = [b.id for b in card.buttons]
                self.button = ids.index(button) if button in ids else self._first_safe(i)
                self.reveal(i, instant=True)
                return True
        return False

    def reveal(self, i: int, instant: bool = False) -> None:
        """Scroll so card `i` is visible."""
        if not self.offsets:
            return
        top, h = self.offsets[i], self._card_height(i)
        if top < self.target:
            self.target = top
        elif top + h > self.target + self.rect.height:
            self.target = min(top, top + h - self.rect.height)
        self._clamp()
        if instant:
            self.scroll = self.target

    def button_rect(self, key: Hashable, button: str) -> pygame.Rect | None:
        """Where a card's button is on screen now (None when not visible)."""
        for i, card in enumerate(self.cards):
            if card.key == key and self._ctx is not None:
                for b in self._paint(i).buttons:
                    if b.id == button:
                        r = b.rect.move(
                            self.rect.x + self.xs[i],
                            self.rect.y + self.offsets[i] - round(self.scroll),
                        )
                        return r if self.rect.contains(r) else None
        return None

    def visible_buttons(self) -> list[pygame.Rect]:
        """The on-screen rectangles of the card buttons in view now (cut to the list's
        rectangle; what a pointer can reach)."""
        if self._ctx is None or not self.offsets:
            return []
        top = round(self.scroll)
        out: list[pygame.Rect] = []
        i = self._row_start(max(0, bisect_right(self.offsets, top) - 1))
        while i < len(self.cards) and self.offsets[i] < top + self.rect.height:
            if self.cards[i].buttons:
                for b in self._paint(i).buttons:
                    x, y = self.rect.x + self.xs[i], self.rect.y + self.offsets[i] - top
                    r = b.rect.move(x, y).clip(self.rect)
                    if r.width and r.height:
                        out.append(r)
            i += 1
        return out

    # ----------------------------------------------------------------- input
    def disarm(self) -> None:
        """Enter (or Space) does nothing here until the player moves within the list (arrows,
        paging; a click acts as ever): a key pressed twice to close a card before the list never
        acts on a post the player did not choose."""
        self.armed = False

    def handle(self, action: ia.Action, focused: bool, activate: Activate) -> bool:
        """Handle an action (see the module docstring); True when used."""
        kind = action.kind
        if kind in (ia.ACTIVATE, ia.SPACE) and not self.armed:
            return True
        if kind in MOVES:
            self.armed = True
        if kind == ia.SCROLL:
            self.target += action.dy
            self._clamp()
            return True
        if kind in (ia.PRESS, ia.MOVE, ia.RELEASE):
            return self._pointer(action, activate)
        page = max(40, self.rect.height - self.gap * 4)
        if kind in (ia.PAGE_UP, ia.PAGE_DOWN, ia.HOME, ia.END):
            if kind == ia.PAGE_UP:
                self.target -= page
            elif kind == ia.PAGE_DOWN:
                self.target += page
            else:
                self.target = 0.0 if kind == ia.HOME else self.max_scroll
            self._clamp()
            self._select_visible()
            return True
        if not self.has_selection:
            if kind in (ia.UP, ia.DOWN):
                step = self._ctx.theme.px(60) if self._ctx else 40
                before = self.target
                self.target += -step if kind == ia.UP else step
                self._clamp()
                return self.target != before
            return False
        if kind in (ia.UP, ia.DOWN):
            nxt = self._next_selectable(self.selected, -1 if kind == ia.UP else 1)
            if nxt is None:
                return False
            self.selected, self.button = nxt, self._first_safe(nxt)
            self.reveal(nxt)
            return True
        card = self.cards[self.selected] if self.cards else None
        if card is None or not card.buttons:
            return False
        if kind in (ia.LEFT, ia.RIGHT):
            step = -1 if kind == ia.LEFT else 1
            beyond = not 0 <= self.button + step < len(card.buttons)
            nxt = self._next_selectable(self.selected, step)
            if beyond and card.tile and nxt is not None and self.cards[nxt].tile:
                self.selected, self.button = nxt, self._first_safe(nxt)  # the tile beside
                self.reveal(nxt)
                return True
            self.button = max(0, min(len(card.buttons) - 1, self.button + step))
            self.reveal(self.selected)
            return True
        if kind in (ia.ACTIVATE, ia.SPACE):
            self.button = min(self.button, len(card.buttons) - 1)
            b = card.buttons[self.button]
            if b.enabled:
                activate(self.id, (card.key, b.id))
            return True
        return False

    def _select_visible(self) -> None:
        for i, top in enumerate(self.offsets):
            if top >= self.target and self._selectable(i):
                self.selected, self.button = i, self._first_safe(i)
                return

    def _pointer(self, action: ia.Action, activate: Activate) -> bool:
        if action.kind == ia.PRESS:
            if not self.rect.collidepoint(action.pos):
                return False
            self._press, self._press_scroll, self._dragging = action.pos, self.scroll, False
            return True
        if self._press is None:
            return False
        if action.kind == ia.MOVE:
            if not action.held:
                return False
            dy = action.pos[1] - self._press[1]
            if abs(dy) > DRAG_THRESHOLD:
                self._dragging = True
            if self._dragging:
                self.scroll = self.target = self._press_scroll - dy
                self._clamp()
            return True
        press, self._press = self._press, None
        if self._dragging or not self.rect.collidepoint(action.pos):
            return True
        hit = self.hit(action.pos)
        if hit is not None and hit == self.hit(press):
            i, b = hit
            if self._selectable(i):
                self.selected = i
            if b is not None:
                self.button = b
                button = self.cards[i].buttons[b]
                if button.enabled:
                    activate(self.id, (self.cards[i].key, button.id))
            elif (link := self.link_at(action.pos)) is not None:
                activate(self.id, (self.cards[i].key, link))
        return True

    def link_at(self, pos: tuple[int, int]) -> str | None:
        """The id of the tappable area (a name, a count) at a screen position, or None."""
        i = self._at(pos)
        if i is None:
            return None
        y = pos[1] - self.rect.y + round(self.scroll)
        return self._paint(i).link_at((pos[0] - self.rect.x - self.xs[i], y - self.offsets[i]))

    def link_rect(self, key: Hashable, link: str) -> pygame.Rect | None:
        """Where a card's tappable area is on screen now (None when not visible)."""
        for i, card in enumerate(self.cards):
            if card.key == key and self._ctx is not None:
                for id, rect in self._paint(i).links:
                    if id == link:
                        r = rect.move(
                            self.rect.x + self.xs[i],
                            self.rect.y + self.offsets[i] - round(self.scroll),
                        )
                        return r if self.rect.contains(r) else None
        return None

    def hit(self, pos: tuple[int, int]) -> tuple[int, int | None] | None:
        """(card index, button index or None) at a screen position."""
        i = self._at(pos)
        if i is None:
            return None
        y = pos[1] - self.rect.y + round(self.scroll)
        local = (pos[0] - self.rect.x - self.xs[i], y - self.offsets[i])
        for b_index, b in enumerate(self._paint(i).buttons):
            if b.rect.collidepoint(local):
                return i, b_index
        return i, None

    # ----------------------------------------------------------------- frame
    def update(self, dt: float) -> pygame.Rect | None:
        """Ease the scroll position towards its target; returns the list's rectangle while
        the drawn position moves (None once it rests)."""
        if self._press is not None and self._dragging:
            return None
        before = round(self.scroll)
        diff = self.target - self.scroll
        if abs(diff) < 0.5:
            self.scroll = self.target
        else:
            self.scroll += diff * min(1.0, dt * 18.0)
        moved = abs(round(self.scroll) - before)
        self._owed += moved
        return self.rect if moved else None

    def prepare(self, deadline: float) -> None:
        """Paint the cards just out of view, a step (a part) at a time, first those the list
        moves towards, until `deadline` (``time.perf_counter``); on the next card, while the
        list's moves call for more (about four steps a card), until ``AHEAD_GRACE`` past it.
        A card scrolling into view is then painted already, and no frame pays for a whole
        card."""
        top = round(self.scroll)
        if self._ctx is None or not self.cards or self._ready == (top, self.target):
            return
        below = bisect_right(self.offsets, top + self.rect.height)
        above = bisect_right(self.offsets, top) - 2
        ahead = (
            [below, below + 1, below + 2, above] if self.target >= self.scroll else [above, below]
        )
        step = max(1, self.total // (4 * len(self.cards)))  # pixels of cards a step paints
        late = False
        for i in ahead:
            while 0 <= i < len(self.cards) and not late:
                owed = i == ahead[0] and self._owed >= step
                late = time.perf_counter() >= deadline + (AHEAD_GRACE if owed else 0.0)
                if late or not self.painter.paint_ahead(
                    self.cards[i], self.widths[i], self._ctx, self.background
                ):
                    break
                self._owed -= step
        if not late:  # all painted: nothing owed, no need to look again here
            self._owed, self._ready = 0, (top, self.target)

    @property
    def opaque(self) -> bool:
        """True when `draw` paints all of the list's rectangle (it has a plain background)."""
        return self.background is not None

    def draw(self, surface: pygame.Surface, ctx: UIContext, focused: bool) -> None:
        """Draw the visible cards (and, with a background, the background around them), the
        scroll bar and (when focused) the focus ring."""
        if ctx is not self._ctx:
            self._relayout(ctx)
        clip = surface.get_clip()
        if not clip.colliderect(self.rect):
            return  # everything the list draws is inside its rectangle
        surface.set_clip(self.rect.clip(clip))
        top = round(self.scroll)
        first = self._row_start(max(0, bisect_right(self.offsets, top) - 1))
        cards: list[pygame.Rect] = []
        for i in range(first, len(self.cards)):
            y = self.rect.y + self.offsets[i] - top
            if y > self.rect.bottom:
                break
            x = self.rect.x + self.xs[i]
            painted = self._paint(i)
            cards.append(surface.blit(painted.surface, (x, y)))
            if focused and self.armed and i == self.selected and painted.buttons:
                b = painted.buttons[min(self.button, len(painted.buttons) - 1)]
                r = b.rect.move(x, y)
                pygame.draw.rect(
                    surface,
                    th.FOCUS,
                    pygame.Rect(x, y, self.widths[i], painted.surface.get_height()),
                    max(1, ctx.theme.px(2)),
                    border_radius=ctx.theme.px(10),
                )
                draw_focus(surface, r, ctx)
        if self.background is not None:
            fill(surface, self.background, self.rect, cards)
        surface.set_clip(clip)
        self._draw_scrollbar(surface, ctx)
        if focused and not self.has_selection:
            draw_focus(surface, self.rect.inflate(-2 * ctx.theme.px(4), -2 * ctx.theme.px(4)), ctx)

    def _draw_scrollbar(self, surface: pygame.Surface, ctx: UIContext) -> None:
        if self.total <= self.rect.height:
            return
        w = ctx.theme.px(6)
        h = max(ctx.theme.px(30), round(self.rect.height * self.rect.height / self.total))
        y = self.rect.y + round((self.rect.height - h) * (self.scroll / max(1.0, self.max_scroll)))
        x = self.rect.right - w
        surface.blit(self._pill((w, self.rect.height), th.PANEL), (x, self.rect.y))
        surface.blit(self._pill((w, h), th.MUTED), (x, y))

    def _pill(self, size: tuple[int, int], color: Color) -> pygame.Surface:
        """A bar of `size` with round ends in `color`, on a transparent image (cached)."""
        image = self._pills.get((size, color))
        if image is None:
            image = pygame.Surface(size, pygame.SRCALPHA)
            pygame.draw.rect(image, color, image.get_rect(), border_radius=size[0] // 2)
            self._pills.put((size, color), image)
        return image  # type: ignore[return-value]
