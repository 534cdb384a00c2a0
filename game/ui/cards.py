"""Cards (a post, a friend, a shop item, a fact) and how one card is measured and painted.

A card is an immutable description; `CardPainter` turns it into a surface once per width and keeps
the result in a bounded cache, so a long list costs a few blits a frame. The surfaces of evicted
cards are painted over for the next cards of the same size: a new surface's memory is slow to
touch the first time (about a quarter of a millisecond for a feed card), an old one's is not.
A list may have the painter paint the next cards ahead, a step (a part) at a time, so that no
single frame pays for a whole card.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Hashable, Iterator
from dataclasses import dataclass, field

import pygame

from game.ui import theme as th
from game.ui.avatars import Face
from game.ui.text import LRU
from game.ui.theme import Color
from game.ui.widgets import Button, UIContext, delta_label, draw_badge, draw_delta, draw_icon, flow


@dataclass(frozen=True, slots=True)
class Line:
    """Wrapped text, optionally led by an icon."""

    text: str
    style: str = "body"
    color: Color = th.TEXT
    icon: str | None = None
    icon_color: Color | None = None


@dataclass(frozen=True, slots=True)
class Badges:
    """A row of outlined labels (source, tags, tier)."""

    items: tuple[tuple[str, Color], ...]
    lead: str = ""
    lead_style: str = "heading"
    icons: tuple[str | None, ...] = ()
    """For each label, an icon drawn inside its badge before the text (see `draw_icon`)."""


@dataclass(frozen=True, slots=True)
class Delta:
    """A signed score change with its cause (arrow + sign + colour); ``label`` is the change as
    the scenario shows scores ("+0.40 ★"), the plain signed number when empty."""

    delta: int
    text: str
    style: str = "body"
    label: str = ""
    icon: str | None = None
    """A small icon before the change saying what kind of thing caused it, or None."""
    chip: bool = False
    """Drawn as a notification: the icon in a round bubble, the text, and the change as a
    coloured chip (arrow and sign too) at the right."""
    faces: tuple[Face, ...] = ()
    """With ``chip``: the people the change came from, drawn as overlapping avatars in place of
    the bubble (the icon then sits small on the last avatar's corner)."""
    under: str = ""
    """A headline: the text, the change as a coloured chip right after its words, and this
    (e.g. "650 → 616") small and muted under them."""


@dataclass(frozen=True, slots=True)
class Gap:
    """Vertical space in design pixels."""

    size: float = 6.0


@dataclass(frozen=True, slots=True)
class Custom:
    """A drawn area of fixed design height; `key` identifies its content for caching."""

    key: Hashable
    height: float
    paint: Callable[[pygame.Surface, pygame.Rect, UIContext], None] = field(
        compare=False, hash=False
    )


@dataclass(frozen=True, slots=True)
class Author:
    """Who wrote a post or who a card is about: avatar, name (with badges), handle and time."""

    face: Face
    name: str
    handle: str
    badges: tuple[tuple[str, Color], ...] = ()
    size: float = 44.0
    ring: Color | None = None
    """A coloured ring around the avatar (the person's tier), or None."""
    link: str | None = None
    """Tapping the avatar or name activates this id (e.g. "profile"), or nothing."""
    name_lines: int = 1
    """How many lines the name may wrap to before its last line is cut ("…")."""


@dataclass(frozen=True, slots=True)
class Counts:
    """A row of icons with numbers: likes, shares, comments."""

    items: tuple[tuple[str, str, Color], ...]
    """(icon kind, label, colour) for each count."""
    links: tuple[str | None, ...] = ()
    """For each count, the id tapping it activates (e.g. "comments"), or None."""


@dataclass(frozen=True, slots=True)
class Bubble:
    """A chat message: wrapped text in a rounded bubble, with a small stamp (the day, or who
    writes) above."""

    text: str
    stamp: str = ""
    color: Color = th.CARD_HI
    face: Face | None = None
    """Who writes it: their avatar beside the bubble (in its indent), or nothing."""


Part = Line | Badges | Delta | Gap | Custom | Author | Counts | Bubble


@dataclass(frozen=True, slots=True)
class CardButton:
    """A button inside a card."""

    id: str
    label: str
    enabled: bool = True
    active: bool = False
    icon: str | None = None
    after: int | None = None
    """Place the button in a row right after this part (its index), not at the card's foot."""
    destructive: bool = False
    """True for an action against someone (remove, report): a card's focus never starts on it."""


@dataclass(frozen=True, slots=True)
class Card:
    """One card of a list; `key` must be unique in its list."""

    key: Hashable
    parts: tuple[Part, ...]
    buttons: tuple[CardButton, ...] = ()
    accent: Color | None = None
    plain: bool = False
    tile: bool = False
    """A tile: in a list with a tile width, tiles sit side by side (an app store's grid)."""


@dataclass(slots=True)
class Painted:
    """A painted card, where its buttons are and where its tappable areas (links) are,
    relative to the card."""

    surface: pygame.Surface
    buttons: list[Button]
    links: list[tuple[str, pygame.Rect]] = field(default_factory=list)

    def link_at(self, pos: tuple[int, int]) -> str | None:
        """The id of the tappable area at `pos` (card coordinates), or None."""
        return next((id for id, rect in self.links if rect.collidepoint(pos)), None)


class CardPainter:
    """Measures and paints cards with bounded caches."""

    def __init__(self, heights: int = 5000, surfaces: int = 16) -> None:
        """Caches for heights (one per card and width) and painted surfaces (`surfaces` cards);
        the surfaces of evicted cards are kept (as many) to paint the next cards on."""
        self.heights = LRU(heights)
        self.surfaces = LRU(surfaces)
        self.spares: list[pygame.Surface] = []
        self.max_spares = surfaces + 2
        self.started: dict[Hashable, tuple[Painted, Iterator[None]]] = {}
        """Cards being painted ahead (at most two): the surface so far and the steps left."""

    def height(self, card: Card, width: int, ctx: UIContext) -> int:
        """The card's height at `width`."""
        key = (card, width, ctx.theme.scale, ctx.theme.text_scale)
        value = self.heights.get(key)
        if value is None:
            value = self._layout(card, width, ctx, None)
            self.heights.put(key, value)
        return value  # type: ignore[return-value]

    def paint(
        self, card: Card, width: int, ctx: UIContext, background: Color | None = None
    ) -> Painted:
        """The card painted at `width` (cached). With `background` (the colour the card will
        be drawn on) the surface is opaque, which is faster to draw than a transparent one.
        A painted surface stays as it is until the painter evicts it (paints at least
        ``surfaces`` other cards)."""
        key = (card, width, ctx.theme.scale, ctx.theme.text_scale, background)
        painted = self.surfaces.get(key)
        if painted is None:
            started = self.started.pop(key, None) or self._start(card, width, ctx, background)
            painted = started[0]
            for _ in started[1]:
                pass
            self._keep(key, painted)
        return painted  # type: ignore[return-value]

    def paint_ahead(
        self, card: Card, width: int, ctx: UIContext, background: Color | None = None
    ) -> bool:
        """Do one step of painting `card` before it is needed (starting it, or one of its
        parts); False when there was nothing to do (it is painted)."""
        key = (card, width, ctx.theme.scale, ctx.theme.text_scale, background)
        if self.surfaces.get(key) is not None:
            return False
        started = self.started.get(key)
        if started is None:
            self.started[key] = self._start(card, width, ctx, background)
            while len(self.started) > 2:  # the oldest is no longer ahead: give up on it
                oldest = self.started.pop(next(iter(self.started)))[0].surface
                self.spares = [*self.spares, oldest.get_parent() or oldest][-self.max_spares :]
        else:
            try:
                next(started[1])
            except StopIteration:
                del self.started[key]
                self._keep(key, started[0])
        return True

    def reserve(self, size: tuple[int, int]) -> None:
        """Have opaque surfaces of at least `size` ready for every card the painter may hold
        (cached or painted ahead), so that painting cards no bigger never touches new memory
        in a frame: this call pays for it once (a quarter of a millisecond a feed card)."""
        fits = [s for s in self.spares if s.get_width() == size[0] and s.get_height() >= size[1]]
        missing = self.max_spares - len(self.surfaces) - len(fits)
        self.spares = fits + [pygame.Surface(size) for _ in range(max(0, missing))]

    def _start(
        self, card: Card, width: int, ctx: UIContext, background: Color | None
    ) -> tuple[Painted, Iterator[None]]:
        """A surface for the card with the card's shape on it, and the steps that paint its
        parts (a step a part, the buttons with the last)."""
        surface = self._surface((width, self.height(card, width, ctx)), background is None)
        if background is None or card.plain:
            surface.fill(background or (0, 0, 0, 0))
        else:  # the card's shape covers all but its rounded corners
            size = ctx.theme.px(10) + 1
            for x, y in ((0, 0), (width - size, 0)):
                surface.fill(background, (x, y, size, size))
                surface.fill(background, (x, surface.get_height() - size, size, size))
        painted = Painted(surface, [])
        self._shape(card, surface, ctx)
        return painted, self._walk(card, width, ctx, painted)

    def _keep(self, key: Hashable, painted: Painted) -> None:
        """Cache a painted card; the surfaces of the cards it evicts become spares."""
        for old in self.surfaces.put(key, painted):
            whole = old.surface.get_parent() or old.surface  # type: ignore[attr-defined]
            self.spares = [*self.spares, whole][-self.max_spares :]

    def _surface(self, size: tuple[int, int], alpha: bool) -> pygame.Surface:
        """A surface of `size` (per-pixel alpha or opaque): the top of the smallest spare one as
        wide and at least as tall when there is one, else a new one."""
        flags = pygame.SRCALPHA if alpha else 0
        fits = [
            s
            for s in self.spares
            if s.get_width() == size[0]
            and s.get_height() >= size[1]
            and s.get_flags() & pygame.SRCALPHA == flags
        ]
        if not fits:
            return pygame.Surface(size, flags)
        spare = min(fits, key=lambda s: s.get_height())
        self.spares.remove(spare)
        return spare.subsurface((0, 0, *size))

    def _shape(self, card: Card, surface: pygame.Surface, ctx: UIContext) -> None:
        """The card's rounded background and its accent bar (nothing for a plain card)."""
        if card.plain:
            return
        rect = surface.get_rect()
        radius = ctx.theme.px(10)
        pygame.draw.rect(surface, th.CARD, rect, border_radius=radius)
        if card.accent is not None:
            bar = pygame.Rect(0, 0, ctx.theme.px(6), rect.height)
            pygame.draw.rect(
                surface,
                card.accent,
                bar,
                border_top_left_radius=radius,
                border_bottom_left_radius=radius,
            )

    def _layout(self, card: Card, width: int, ctx: UIContext, target: Painted | None) -> int:
        """Walk the parts; measure only (target None) or also draw; returns the height."""
        steps = self._walk(card, width, ctx, target)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]

    def _walk(
        self, card: Card, width: int, ctx: UIContext, target: Painted | None
    ) -> Generator[None, None, int]:
        """Walk the parts, measuring only (target None) or also drawing; pauses after each
        part but gaps and the last; returns the card's height."""
        t = ctx.theme
        pad = 0 if card.plain else t.px(14)
        left = pad + (t.px(6) if card.accent is not None and not card.plain else 0)
        inner = max(20, width - left - pad)
        y = pad
        surface = target.surface if target is not None else None
        buttons = [
            Button(b.id, b.label, b.enabled, b.active, b.icon, style="meta") for b in card.buttons
        ]
        for index, part in enumerate(card.parts):
            if isinstance(part, Gap):
                y += t.px(part.size)
            elif not isinstance(part, Custom):
                top = y
                y = _PAINTERS[type(part)](part, ctx, left, y, inner, surface)
                if target is not None:
                    target.links += _links(part, ctx, pygame.Rect(left, top, inner, y - top))
            else:
                h = t.px(part.height)
                if surface is not None:
                    part.paint(surface, pygame.Rect(left, y, inner, h), ctx)
                y += h
            row = [
                button for button, b in zip(buttons, card.buttons, strict=True) if b.after == index
            ]
            if row:
                y = flow(row, ctx, left, y + t.px(4), inner) + t.px(8)
            if not isinstance(part, Gap) and index < len(card.parts) - 1:
                yield
        if card.buttons:
            foot = [
                button for button, b in zip(buttons, card.buttons, strict=True) if b.after is None
            ]
            if foot:
                y = flow(foot, ctx, left, y + t.px(8), inner)
            if target is not None:
                for button in buttons:
                    button.draw(target.surface, ctx)
                target.buttons.extend(buttons)
        return y + pad


def _line(
    part: Line, ctx: UIContext, x: int, y: int, width: int, surface: pygame.Surface | None
) -> int:
    lh = ctx.text.line_height(part.style)
    indent = lh if part.icon else 0
    lines = ctx.text.wrap(part.text, part.style, width - indent)
    if surface is not None:
        if part.icon:
            draw_icon(
                surface,
                part.icon,
                (x + lh // 2 - 2, y + lh // 2),
                lh * 2 // 3,
                part.icon_color or part.color,
            )
        for i, text in enumerate(lines):
            if text:
                surface.blit(
                    ctx.text.render(text, part.style, part.color), (x + indent, y + i * lh)
                )
    return y + lh * len(lines)


def _badges(
    part: Badges, ctx: UIContext, x: int, y: int, width: int, surface: pygame.Surface | None
) -> int:
    gap = ctx.theme.px(8)
    cx, bottom = x, y
    if part.lead:
        lead = ctx.text.fit(part.lead, part.lead_style, width)
        lh = ctx.text.line_height(part.lead_style)
        if surface is not None:
            surface.blit(ctx.text.render(lead, part.lead_style, th.TEXT), (x, y))
        cx += ctx.text.width(lead, part.lead_style) + gap
        bottom = y + lh
    row_y = y
    bh = ctx.text.line_height("small") + ctx.theme.px(4)
    if part.lead:
        row_y = y + max(0, (ctx.text.line_height(part.lead_style) - bh) // 2)
    for n, (label, color) in enumerate(part.items):
        icon = part.icons[n] if n < len(part.icons) else None
        w = ctx.text.width(label, "small") + ctx.theme.px(12) + (bh if icon else 0)
        if cx > x and cx + w > x + width:
            cx, row_y = x, max(bottom, row_y + bh) + ctx.theme.px(4)
        if surface is not None:
            draw_badge(surface, ctx, label, (cx, row_y), color, icon=icon)
        cx += w + gap
        bottom = max(bottom, row_y + bh)
    return bottom + ctx.theme.px(4)


def _delta(
    part: Delta, ctx: UIContext, x: int, y: int, width: int, surface: pygame.Surface | None
) -> int:
    if part.under:
        return _headline(part, ctx, x, y, width, surface)
    if part.chip:
        return _moment(part, ctx, x, y, width, surface)
    label = part.label or delta_label(part.delta)
    lh = ctx.text.line_height(part.style)
    kind = lh + ctx.theme.px(4) if part.icon else 0
    lead = kind + lh + ctx.theme.px(4) + ctx.text.width(label, part.style) + ctx.theme.px(10)
    lead = max(lead, ctx.theme.px(90) + kind)
    lines = ctx.text.wrap(part.text, part.style, max(20, width - lead))
    if surface is not None:
        if part.icon:
            draw_icon(surface, part.icon, (x + lh // 2, y + lh // 2), lh * 3 // 4, th.MUTED)
        draw_delta(surface, ctx, part.delta, (x + kind, y), part.style, label)
        for i, text in enumerate(lines):
            surface.blit(ctx.text.render(text, part.style, th.TEXT), (x + lead, y + i * lh))
    return y + lh * max(1, len(lines))


def _moment(
    part: Delta, ctx: UIContext, x: int, y: int, width: int, surface: pygame.Surface | None
) -> int:
    """A change as a notification: icon bubble (or the avatars of the people it came from),
    text, the change as a chip at the right."""
    t = ctx.theme
    label = part.label or delta_label(part.delta)
    lh = ctx.text.line_height(part.style)
    bubble = lh + t.px(8)
    faces = part.faces[:3] if ctx.avatars is not None else ()
    step = bubble * 2 // 3
    lead = bubble + step * max(0, len(faces) - 1)
    chip_w, chip_h = _chip_size(ctx, label)
    text_x = x + lead + t.px(10)
    lines = ctx.text.wrap(part.text, part.style, max(20, width - lead - chip_w - t.px(22)))
    height = max(bubble, chip_h, lh * max(1, len(lines)))
    if surface is not None:
        center = (x + bubble // 2, y + bubble // 2)
        if faces:
            for n, face in reversed(list(enumerate(faces))):
                cx = x + n * step
                pygame.draw.circle(surface, th.CARD, (cx + bubble // 2, center[1]), bubble // 2 + 2)
                surface.blit(ctx.avatars.get(face, bubble), (cx, y))
            small = max(8, bubble // 2)
            corner = (x + lead - small // 3, y + bubble - small // 3)
            pygame.draw.circle(surface, th.CARD_HI, corner, small // 2 + 1)
            draw_icon(surface, part.icon or "dot", corner, small * 3 // 4, th.TEXT)
        else:
            pygame.draw.circle(surface, th.CARD_HI, center, bubble // 2)
            draw_icon(surface, part.icon or "dot", center, lh * 3 // 4, th.TEXT)
        for i, text in enumerate(lines):
            surface.blit(ctx.text.render(text, part.style, th.TEXT), (text_x, y + i * lh))
        _chip(surface, ctx, part.delta, label, pygame.Rect(x + width - chip_w, y, chip_w, chip_h))
    return y + height


def name_lines(part: Author, ctx: UIContext, width: int) -> list[str]:
    """An author's name as drawn in `width`: wrapped to at most `part.name_lines` lines, the
    last cut short ("…") when the name needs more."""
    lines = list(ctx.text.wrap(part.name, "name", width))
    if len(lines) <= part.name_lines:
        return lines or [""]
    kept, rest = lines[: max(1, part.name_lines) - 1], part.name
    for line in kept:  # what the kept lines leave of the name, as written (no added spaces)
        rest = rest[rest.find(line) + len(line) :].lstrip()
    return [*kept, ctx.text.fit(rest, "name", width)]


def _chip_size(ctx: UIContext, label: str) -> tuple[int, int]:
    """The size of a change's chip showing `label`."""
    lh = ctx.text.line_height("name")
    return lh + ctx.theme.px(16) + ctx.text.width(label, "name"), lh + ctx.theme.px(6)


def _chip(
    surface: pygame.Surface, ctx: UIContext, delta: int, label: str, rect: pygame.Rect
) -> None:
    """A change as a pill: tinted in its colour, outlined, with its arrow and sign."""
    t = ctx.theme
    color = th.GAIN if delta > 0 else th.LOSS if delta < 0 else th.MUTED
    radius = rect.height // 2
    pygame.draw.rect(surface, th.lerp_color(th.CARD, color, 0.25), rect, border_radius=radius)
    pygame.draw.rect(surface, color, rect, max(1, t.px(1.5)), border_radius=radius)
    draw_delta(surface, ctx, delta, (rect.x + t.px(8), rect.y + t.px(3)), "name", label)


def _headline(
    part: Delta, ctx: UIContext, x: int, y: int, width: int, surface: pygame.Surface | None
) -> int:
    """A headline: its words, the change as a chip right after them (on the next line when
    it does not fit), and `part.under` small and muted below."""
    t = ctx.theme
    label = part.label or delta_label(part.delta)
    lh = ctx.text.line_height(part.style)
    chip_w, chip_h = _chip_size(ctx, label)
    gap = t.px(12)
    lines = ctx.text.wrap(part.text, part.style, width) or [""]
    end = ctx.text.width(lines[-1], part.style)
    row_h = max(lh, chip_h)
    inline = end + gap + chip_w <= width
    chip_y = y + row_h * (len(lines) - 1) if inline else y + row_h * len(lines)
    chip_x = x + end + gap if inline and lines[-1] else x
    bottom = chip_y + row_h
    unders = ctx.text.wrap(part.under, "small", width)
    if surface is not None:
        for i, text in enumerate(lines):
            ty = y + i * row_h + (row_h - lh) // 2
            surface.blit(ctx.text.render(text, part.style, th.TEXT), (x, ty))
        chip = pygame.Rect(chip_x, chip_y + (row_h - chip_h) // 2, chip_w, chip_h)
        _chip(surface, ctx, part.delta, label, chip)
        small = ctx.text.line_height("small")
        for i, text in enumerate(unders):
            surface.blit(
                ctx.text.render(text, "small", th.MUTED), (x, bottom + t.px(2) + i * small)
            )
    return bottom + t.px(2) + ctx.text.line_height("small") * len(unders)


def _author(
    part: Author, ctx: UIContext, x: int, y: int, width: int, surface: pygame.Surface | None
) -> int:
    t = ctx.theme
    size = t.px(part.size)
    tx = x + size + t.px(10)
    text_w = max(20, width - size - t.px(10))
    *above, name = name_lines(part, ctx, text_w)
    if surface is not None and ctx.avatars is not None:
        center = (x + size // 2, y + size // 2)
        if part.ring is not None:
            pygame.draw.circle(surface, part.ring, center, size // 2 + t.px(3))
        surface.blit(ctx.avatars.get(part.face, size), (x, y))
    lh = ctx.text.line_height("name")
    if surface is not None:
        for i, line in enumerate(above):
            surface.blit(ctx.text.render(line, "name", th.TEXT), (tx, y + i * lh))
    lead = Badges(part.badges, lead=name, lead_style="name")
    bottom = _badges(lead, ctx, tx, y + len(above) * lh, text_w, surface)
    if surface is not None:
        handle = ctx.text.fit(part.handle, "small", text_w)
        surface.blit(ctx.text.render(handle, "small", th.MUTED), (tx, bottom - t.px(2)))
    return max(y + size, bottom + ctx.text.line_height("small")) + t.px(4)


def _count_spans(part: Counts, ctx: UIContext, x: int, width: int) -> list[tuple[int, int]]:
    """Where each count that fits on the row starts and how wide it is."""
    lh = ctx.text.line_height("meta")
    spans, cx = [], x
    for _icon, label, _color in part.items:
        w = lh + ctx.theme.px(4) + ctx.text.width(label, "meta")
        if cx > x and cx + w > x + width:
            break
        spans.append((cx, w))
        cx += w + ctx.theme.px(18)
    return spans


def _counts(
    part: Counts, ctx: UIContext, x: int, y: int, width: int, surface: pygame.Surface | None
) -> int:
    t = ctx.theme
    lh = ctx.text.line_height("meta")
    if surface is not None:
        for (icon, label, color), (cx, _w) in zip(
            part.items, _count_spans(part, ctx, x, width), strict=False
        ):
            draw_icon(surface, icon, (cx + lh // 2, y + lh // 2), lh * 2 // 3, color)
            surface.blit(ctx.text.render(label, "meta", th.MUTED), (cx + lh + t.px(4), y))
    return y + lh


def _links(part: Part, ctx: UIContext, area: pygame.Rect) -> list[tuple[str, pygame.Rect]]:
    """The tappable areas of a drawn part: an author's avatar and name, a count."""
    if isinstance(part, Author) and part.link:
        size = ctx.theme.px(part.size)
        name_w = ctx.text.width(ctx.text.fit(part.name, "name", area.width), "name")
        width = min(area.width, size + ctx.theme.px(10) + name_w)
        return [(part.link, pygame.Rect(area.x, area.y, width, area.height))]
    if isinstance(part, Counts) and part.links:
        spans = _count_spans(part, ctx, area.x, area.width)
        return [
            (link, pygame.Rect(cx, area.y, w, area.height))
            for link, (cx, w) in zip(part.links, spans, strict=False)
            if link
        ]
    return []


def _bubble(
    part: Bubble, ctx: UIContext, x: int, y: int, width: int, surface: pygame.Surface | None
) -> int:
    t = ctx.theme
    pad = t.px(10)
    indent = t.px(54)
    inner = max(20, min(width - indent, t.px(560)) - 2 * pad)
    lines = ctx.text.wrap(part.text, "body", inner)
    lh = ctx.text.line_height("body")
    sh = ctx.text.line_height("small") if part.stamp else 0
    w = max(ctx.text.width(line, "body") for line in lines) + 2 * pad if lines else 2 * pad
    h = lh * len(lines) + 2 * pad
    face = min(t.px(40), indent - t.px(8)) if part.face is not None else 0
    if surface is not None:
        if part.face is not None and ctx.avatars is not None:
            surface.blit(ctx.avatars.get(part.face, face), (x, y + sh + max(0, h - face) // 2))
        if part.stamp:
            surface.blit(ctx.text.render(part.stamp, "small", th.MUTED), (x + indent, y))
        rect = pygame.Rect(x + indent, y + sh, w, h)
        pygame.draw.rect(surface, part.color, rect, border_radius=t.px(14))
        for i, line in enumerate(lines):
            surface.blit(
                ctx.text.render(line, "body", th.TEXT), (rect.x + pad, rect.y + pad + i * lh)
            )
    return y + sh + max(h, face) + t.px(6)


_PAINTERS = {
    Line: _line,
    Badges: _badges,
    Delta: _delta,
    Author: _author,
    Bubble: _bubble,
    Counts: _counts,
}
"""How each kind of part is measured (surface None) or drawn; each returns the y below it."""
