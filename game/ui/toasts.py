"""Short-lived messages in a corner: notifications, friends' messages, perks gained or lost.

A toast stays long enough to read (by its length), is never clipped (a very long one says where to
read the rest: the notices panel keeps every notice), and important toasts (instructions, tier
changes, perks, the end) are never pushed out by minor ones: only minor toasts are dropped when too
many arrive, and toasts that do not fit on screen wait their turn (so do all but the first few
in line: a handful of notices never stack over the screen).

Feedback stays timely: the toast for the player's own action (``own``: a receipt, a refusal, the
word filter) goes first in line; while toasts wait, the ones showing are shortened so none
waits more than MAX_WAIT; a toast whose news no longer holds when its turn comes (``still``: a
tier left again, a penalty gone) is dropped (the notices panel keeps it). A reading sheet
(``held``) holds back every toast but the player's own. In a small window toasts are compact
(one line and where to read the rest) and all of them together take at most AREA_SHARE of the
window below the bar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.ui import theme as th
from game.ui.avatars import Face
from game.ui.widgets import UIContext, draw_icon

TOAST_SECONDS = 5.0
FADE_SECONDS = 0.5
READ_CHARS_PER_SECOND = 12.0
MAX_TOASTS = 4
MAX_SHOWN = 3
"""At most this many toasts show at once (the others wait; All notices keeps every one)."""
MAX_LINES = 6
MAX_WAIT = 2.0
"""No toast waits longer than this for its turn (the ones showing are cut short)."""
MIN_SHOWN = 1.5
"""A toast cut short for a waiting one still shows this long."""
AREA_SHARE = 0.125
"""All toasts together cover at most this share of the window below the score bar."""
COMPACT = (1000, 700)
"""In a window narrower or lower than this, toasts are compact: one line and where the rest is."""


def reading_seconds(text: str) -> float:
    """How long a toast with `text` stays: at least TOAST_SECONDS, longer for longer texts."""
    return max(TOAST_SECONDS, 2.0 + len(text) / READ_CHARS_PER_SECOND)


@dataclass(slots=True)
class Toast:
    """One message; `icon` is drawn before it ("up", "down", "flag", "dot", ...)."""

    text: str
    icon: str = "dot"
    color: th.Color = th.ACCENT
    ttl: float = TOAST_SECONDS
    face: Face | None = None
    important: bool = False
    own: bool = False
    """Feedback for the player's own action: first in line, and shown on reading sheets."""
    still: Callable[[], bool] | None = None
    """False when the toast's news no longer holds (it is dropped if not shown yet)."""
    shown: bool = False
    """True once the toast has been on screen."""
    age: float = 0.0
    """Seconds on screen."""
    waited: float = 0.0
    """Seconds waited for room (not counting time held back by a reading sheet)."""
    rect: pygame.Rect | None = None
    """Where it was last drawn (None: not drawn, or no room for it: it waits and does not
    age)."""


class Toasts:
    """A small queue of toasts drawn bottom-right, newest at the bottom.

    ``changed`` turns true when a toast is added or the toasts are cleared (the whole screen
    must be drawn again); fading and expiring redraw only the toasts' own rectangles (the whole
    screen when a toast that waited for room may show now).
    """

    def __init__(self, seconds: float = TOAST_SECONDS) -> None:
        """Start empty; each toast stays `seconds` (the player's setting)."""
        self.items: list[Toast] = []
        self.seconds = seconds
        self.changed = False
        self.held = False
        """A reading sheet is in front: only the player's own toasts show."""
        self._more = "..."
        """The last line of a toast too long to show whole (set by the app in its language)."""

    def set_more(self, text: str) -> None:
        """The line that ends a toast too long to show whole ("more in All notices")."""
        self._more = text

    def add(
        self,
        text: str,
        icon: str = "dot",
        color: th.Color = th.ACCENT,
        face: Face | None = None,
        important: bool = False,
        own: bool = False,
        still: Callable[[], bool] | None = None,
    ) -> None:
        """Show a message for as long as it takes to read (scaled by the player's setting),
        with the sender's avatar when `face` is given; drop the oldest minor toast when there
        are too many (an important one is never dropped). An `own` toast (feedback for what
        the player just did) goes before every toast not shown yet, and the oldest showing
        one fades out at once to make room; `still` says whether its news still holds."""
        if not text:
            return
        ttl = reading_seconds(text) * self.seconds / TOAST_SECONDS
        toast = Toast(text, icon, color, ttl, face, important or own, own, still)
        if own:
            at = next((i for i, t in enumerate(self.items) if not t.shown), len(self.items))
            self.items.insert(at, toast)
            showing = [t for t in self.items if t.rect is not None]
            if len(showing) >= MAX_SHOWN:
                showing[0].ttl = min(showing[0].ttl, FADE_SECONDS)
        else:
            self.items.append(toast)
        while len(self.items) > MAX_TOASTS:
            minor = next((t for t in self.items if not t.important), None)
            if minor is None:
                break
            self.items.remove(minor)
        self.changed = True

    def lines(self, text: str, ctx: UIContext, width: int, compact: bool = False) -> list[str]:
        """The lines a toast shows: all of `text`, or (when longer than MAX_LINES, or than one
        line when `compact`) its start and a last line saying where to read the rest."""
        lines = list(ctx.text.wrap(text, "meta", width))
        if compact and len(lines) > 1:
            return [ctx.text.fit(text, "meta", width), ctx.text.fit(self._more, "meta", width)]
        if len(lines) > MAX_LINES:
            lines = [*lines[: MAX_LINES - 1], ctx.text.fit(self._more, "meta", width)]
        return lines

    def clear(self) -> None:
        """Remove every toast."""
        if self.items:
            self.changed = True
        self.items.clear()

    def update(self, dt: float) -> list[pygame.Rect]:
        """Age the toasts and drop the expired ones; returns the parts of the screen that
        changed: a fading toast's rectangle, or all the toasts' when one went away."""
        for toast in self.items:
            if toast.rect is not None:  # only a toast on screen ages; the others wait
                toast.ttl -= dt
                toast.age += dt
            elif not self.held or toast.own:
                toast.waited += dt
        self.hurry()
        kept = [
            toast
            for toast in self.items
            if toast.ttl > 0 and (toast.shown or toast.still is None or toast.still())
        ]
        if len(kept) != len(self.items):
            drawn = [toast.rect for toast in self.items if toast.rect is not None]
            self.items = kept
            if any(toast.rect is None for toast in kept):
                self.changed = True  # a waiting toast may fit now, anywhere in its corner
            return drawn
        return [
            toast.rect
            for toast in self.items
            if toast.ttl < FADE_SECONDS and toast.rect is not None
        ]

    def hurry(self) -> None:
        """Cut short the toasts showing so that each waiting one gets its turn within
        MAX_WAIT: the n-th waiting toast takes the place of the n-th oldest showing one."""
        showing = [t for t in self.items if t.rect is not None]
        waiting = [t for t in self.items if t.rect is None and (not self.held or t.own)]
        for shown, waits in zip(showing, waiting, strict=False):
            left = max(MIN_SHOWN - shown.age, MAX_WAIT - waits.waited, FADE_SECONDS / 2)
            shown.ttl = min(shown.ttl, left)

    def draw(
        self,
        surface: pygame.Surface,
        ctx: UIContext,
        top: int = 0,
        at_top: bool = False,
        bottom: int | None = None,
        avoid: Sequence[pygame.Rect] = (),
    ) -> None:
        """Draw the first toasts in line (at most MAX_SHOWN) in the bottom-right corner, above
        `bottom` (top-right, below `top`, with `at_top`: so they never cover a text box at the
        bottom), never over a rectangle of `avoid` (the buttons in front: a toast moves past
        them). The others, and toasts that do not fit, wait their turn.
        A toast is drawn whole or not at all: one that shows somewhere new outside the part of
        the screen drawn now waits for the next (full) frame."""
        before = {id(toast): toast.rect for toast in self.items}
        lines = self.place(surface.get_size(), ctx, top, at_top, bottom, avoid)
        clip = surface.get_clip()
        for toast in self.items:
            old, new = before.get(id(toast)), toast.rect
            if old != new and not all(r is None or clip.contains(r) for r in (old, new)):
                self.changed = True  # moved, went or came outside this frame: draw all next
                if new is not None and not clip.contains(new):
                    continue  # never a piece of a toast on screen
            if new is not None:
                self.draw_one(surface, ctx, toast, new, lines[id(toast)])

    def place(
        self,
        size: tuple[int, int],
        ctx: UIContext,
        top: int,
        at_top: bool,
        bottom: int | None,
        avoid: Sequence[pygame.Rect],
    ) -> dict[int, list[str]]:
        """Set each toast's ``rect`` (None: it waits) for a screen of `size` (see `draw`);
        returns the lines of each placed toast, by ``id``."""
        t = ctx.theme
        compact = size[0] < COMPACT[0] or size[1] < COMPACT[1]
        width = min(t.px(320 if compact else 420), size[0] - 2 * t.pad)
        lh = ctx.text.line_height("meta")
        floor = size[1] if bottom is None else bottom
        budget = AREA_SHARE * size[0] * max(0, floor - top)
        y = top + t.pad if at_top else floor - t.pad
        first = [x for x in self.items if not self.held or x.own][:MAX_SHOWN]
        order = first if at_top else list(reversed(first))
        for toast in self.items:
            toast.rect = None
        placed: dict[int, list[str]] = {}
        for toast in order:
            lines = self.lines(toast.text, ctx, width - lh - t.px(24), compact)
            h = lh * len(lines) + t.px(16)
            x = size[0] - t.pad - width
            rect = free_spot(
                pygame.Rect(x, y if at_top else y - h, width, h),
                avoid,
                (top + t.pad, floor - t.pad),
                at_top,
                t.px(8),
            )
            if rect is None:
                break
            budget -= rect.width * rect.height
            if toast is not order[0] and budget < 0:
                break  # the others wait: toasts never cover much of the screen
            half = size[1] // 2
            if toast is not order[0] and (rect.bottom > half if at_top else rect.y < half):
                break  # older toasts wait rather than cover half the screen
            toast.shown = True
            toast.rect = rect
            placed[id(toast)] = lines
            y = rect.bottom + t.px(8) if at_top else rect.y - t.px(8)
        return placed

    @staticmethod
    def draw_one(
        surface: pygame.Surface, ctx: UIContext, toast: Toast, rect: pygame.Rect, lines: list[str]
    ) -> None:
        """Draw `toast` with its `lines` in `rect` (fading out in its last half second)."""
        t = ctx.theme
        lh = ctx.text.line_height("meta")
        alpha = 255 if toast.ttl > FADE_SECONDS else int(255 * toast.ttl / FADE_SECONDS)
        box = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(box, (*th.PANEL, 240), box.get_rect(), border_radius=t.px(8))
        pygame.draw.rect(box, toast.color, box.get_rect(), max(1, t.px(2)), border_radius=t.px(8))
        if toast.face is not None and ctx.avatars is not None:
            box.blit(ctx.avatars.get(toast.face, lh), (t.px(8), t.px(8)))
        else:
            draw_icon(
                box, toast.icon, (t.px(8) + lh // 2, t.px(8) + lh // 2), lh * 2 // 3, toast.color
            )
        for i, line in enumerate(lines):
            box.blit(ctx.text.render(line, "meta", th.TEXT), (t.px(12) + lh, t.px(8) + i * lh))
        box.set_alpha(alpha)
        surface.blit(box, rect)


def free_spot(
    rect: pygame.Rect,
    avoid: Sequence[pygame.Rect],
    span: tuple[int, int],
    downwards: bool,
    gap: int,
) -> pygame.Rect | None:
    """`rect` moved up (down with `downwards`) until it touches none of `avoid` (`gap` pixels
    apart) while staying within the vertical `span` (top, bottom); None when there is no room."""
    spot = pygame.Rect(rect)
    while span[0] <= spot.y and spot.bottom <= span[1]:
        hits = [r for r in avoid if spot.colliderect(r.inflate(2 * gap, 2 * gap))]
        if not hits:
            return spot
        if downwards:
            spot.y = max(r.bottom for r in hits) + gap
        else:
            spot.bottom = min(r.y for r in hits) - gap
    return None
