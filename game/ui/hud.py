"""The score bar, always on screen during play: number, tier, last change and its cause."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.codes import Code
from game.core.model import PLAIN_SCORE, ScoreFormat
from game.ui import theme as th
from game.ui.avatars import Face
from game.ui.present import count
from game.ui.strings import Strings
from game.ui.widgets import UIContext, draw_badge, draw_delta

ANIM_SECONDS = 0.9
GAUGE_HEIGHT_PX = 6
FLASH_SECONDS = 2.5


@dataclass(frozen=True, slots=True)
class HudState:
    """What the bar shows, read from the game's views."""

    score_name: str
    score: int
    tier: str
    day: int
    days: int
    money: int
    last_delta: int | None
    last_reason: Code | None
    changes: int
    tier_color: th.Color = th.ACCENT
    player_name: str = ""
    bands: tuple[tuple[int, int, th.Color], ...] = ()
    """Every tier as (low, high, colour), low to high: the gauge under the bar."""
    display: ScoreFormat = PLAIN_SCORE
    money_text: str = ""
    breakdown: tuple[tuple[int, Code], ...] = ()
    """Every change of the player's score that their last action set off, in order."""
    when: str = "action"
    """Where the changes shown came from: "action" (the player's last), "morning" (the day's
    first changes, before any action) or "evening" (the last day's end)."""


class Hud:
    """Draws the score bar and animates the number when the score changes."""

    def __init__(self) -> None:
        """Start with nothing to show."""
        self.state: HudState | None = None
        self.shown = 0.0
        self.start = 0.0
        self.anim = 1.0
        self.flash = 0.0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.number_pos = (0, 0)
        """Where the score's number is drawn (score changes float up from there)."""
        self.details: pygame.Rect | None = None
        """Where the breakdown under the bar was last drawn (None: not shown)."""
        self.look: tuple[object, ...] = ()
        """What the animation showed last: state, number and colour."""

    def height(self, ctx: UIContext) -> int:
        """The bar's height at the current scale."""
        return (
            ctx.text.line_height("small")
            + ctx.text.line_height("big")
            + ctx.theme.px(14)
            + GAUGE_HEIGHT_PX * 2
        )

    def set_state(self, state: HudState, animate: bool = True) -> None:
        """Show `state`; starts the count animation when the score changed."""
        old = self.state
        self.state = state
        if old is None or not animate:
            self.shown = float(state.score)
            self.anim = 1.0
            return
        if state.score != old.score or state.changes != old.changes:
            self.start = self.shown
            self.anim = 0.0
            self.flash = FLASH_SECONDS

    def update(self, dt: float) -> bool:
        """Advance the animation; True when the bar looks different now (the number shown or
        the background's colour fading back after a change: not every frame moves them)."""
        if self.state is None or (self.anim >= 1.0 and self.flash <= 0.0):
            return False
        self.anim = min(1.0, self.anim + dt / ANIM_SECONDS)
        eased = 1 - (1 - self.anim) ** 3
        self.shown = self.start + (self.state.score - self.start) * eased
        self.flash = max(0.0, self.flash - dt)
        look = (self.state, round(self.shown), self.background())
        changed, self.look = look != self.look, look
        return changed

    def background(self) -> th.Color:
        """The bar's colour now: tinted by the last change (gain or loss), fading back."""
        state = self.state
        if state is None or self.flash <= 0 or not state.last_delta:
            return th.PANEL
        tint = th.GAIN if state.last_delta > 0 else th.LOSS
        return th.lerp_color(th.PANEL, tint, 0.35 * min(1.0, self.flash / FLASH_SECONDS))

    @property
    def animating(self) -> bool:
        """True while the number is still moving."""
        return self.anim < 1.0

    def draw(
        self, surface: pygame.Surface, ctx: UIContext, strings: Strings, details: bool = True
    ) -> None:
        """Draw the bar across the top of `surface`; with `details`, the breakdown of the last
        changes below it while the pointer is on the bar (without: a sheet is open, whose
        title and close X the breakdown would cover). Nothing when the surface's clipping
        area leaves out the bar and the breakdown."""
        state = self.state
        if state is None:
            self.details = None
            return
        t = ctx.theme
        self.rect = pygame.Rect(0, 0, surface.get_width(), self.height(ctx))
        pointed = self.rect.collidepoint(pygame.mouse.get_pos())
        if not (details and pointed and state.breakdown) and not (
            surface.get_clip().colliderect(self.rect)
        ):
            return  # nothing of the bar in this part of the window: all stays as drawn
        self.details = None
        pygame.draw.rect(surface, self.background(), self.rect)
        self._gauge(surface, ctx, state)
        pad = t.pad
        x, y = pad, t.px(6)
        if ctx.avatars is not None and state.player_name:
            size = ctx.text.line_height("small") + ctx.text.line_height("big") - t.px(4)
            center = (x + size // 2, y + t.px(2) + size // 2)
            pygame.draw.circle(surface, state.tier_color, center, size // 2 + t.px(3))
            face = Face("player", state.player_name)
            surface.blit(ctx.avatars.get(face, size), (x, y + t.px(2)))
            x += size + t.px(14)
        small = ctx.text.line_height("small")
        label = ctx.text.fit(state.score_name, "small", t.px(180))
        surface.blit(ctx.text.render(label, "small", th.MUTED), (x, y))
        number = ctx.text.render(state.display.show(round(self.shown)), "big", th.TEXT)
        surface.blit(number, (x, y + small))
        self.number_pos = (x + number.get_width(), y + small)
        left_w = max(
            number.get_width(),
            ctx.text.width(label, "small"),
            ctx.text.width(state.display.show(950), "big"),
        )
        # right block: day and money
        day = strings("hud.day", day=min(state.day, state.days), days=state.days)
        money = strings("hud.money", money=state.money_text or state.money)
        right_w = max(ctx.text.width(day, "meta"), ctx.text.width(money, "meta"))
        rx = self.rect.right - pad - right_w
        surface.blit(ctx.text.render(day, "meta", th.TEXT), (rx, y + t.px(4)))
        surface.blit(
            ctx.text.render(money, "meta", th.MUTED),
            (rx, y + t.px(4) + ctx.text.line_height("meta")),
        )
        # middle: tier, last change, cause
        mx = x + left_w + t.px(24)
        mid_w = max(40, rx - t.px(16) - mx)
        tier_rect = draw_badge(
            surface,
            ctx,
            strings("hud.tier", tier=state.tier),
            (mx, y + t.px(4)),
            state.tier_color,
            "meta",
            fill=0.45,
        )
        cause_y = tier_rect.bottom + t.px(6)
        said, line, more = change_words(state, strings)
        if said:
            label = ctx.text.render(said, "meta", th.MUTED)
            lx = tier_rect.right + t.px(14)
            surface.blit(label, (lx, tier_rect.y + t.px(2)))
            draw_delta(
                surface,
                ctx,
                state.last_delta,
                (lx + label.get_width() + t.px(8), tier_rect.y + t.px(2)),
                "meta",
                state.display.show_change(state.last_delta),
            )
        cause = ctx.text.fit(f"{line} {more}" if more else line, "meta", mid_w)
        if more and ctx.text.width(more, "meta") < mid_w // 2:  # the count is never cut off
            room = mid_w - ctx.text.width(f" {more}", "meta")
            cause = f"{ctx.text.fit(line, 'meta', room)} {more}"
        surface.blit(ctx.text.render(cause, "meta", th.TEXT), (mx, cause_y))
        if details and self.rect.collidepoint(pygame.mouse.get_pos()) and state.breakdown:
            at = (mx, self.rect.bottom)
            self.details = draw_breakdown(surface, ctx, strings, state.breakdown, at)

    def _gauge(self, surface: pygame.Surface, ctx: UIContext, state: HudState) -> None:
        """A strip along the bar's bottom edge: every tier in its colour, a marker at the score
        (so where the player stands reads from position, not from colour alone)."""
        if not state.bands:
            return
        t = ctx.theme
        h = t.px(GAUGE_HEIGHT_PX)
        low, high = state.bands[0][0], state.bands[-1][1]
        span = max(1, high - low + 1)
        strip = pygame.Rect(0, self.rect.bottom - h, self.rect.width, h)
        for band_low, band_high, color in state.bands:
            x0 = strip.x + (band_low - low) * strip.width // span
            x1 = strip.x + (band_high + 1 - low) * strip.width // span
            pygame.draw.rect(surface, color, (x0, strip.y, max(1, x1 - x0), h))
            pygame.draw.line(surface, th.BG, (x0, strip.y), (x0, strip.bottom), 1)
        x = strip.x + (round(self.shown) - low) * strip.width // span
        x = max(strip.x + h, min(strip.right - h, x))
        pygame.draw.polygon(
            surface, th.TEXT, [(x - h, strip.y - h), (x + h, strip.y - h), (x, strip.y + h // 2)]
        )


def main_change(breakdown: tuple[tuple[int, Code], ...]) -> tuple[int, Code] | None:
    """The change that moved the score most (the largest amount either way; of equal ones, the
    first), or None when there is none."""
    return max(breakdown, key=lambda change: abs(change[0]), default=None)


def change_words(state: HudState, strings: Strings) -> tuple[str, str, str]:
    """The bar's words about the last change: the label before its net number (empty when no
    number shows: no change, or changes that add up to nothing in the morning or evening),
    the line below (the cause of the change that moved the score most, or why there is none)
    and what follows it (how many more changes the breakdown lists, or where to see changes
    that cancelled out; may be empty). When the changes went both ways, the line starts with
    the biggest one's amount and the count ends with what the others added up to, so the
    numbers shown add up to the net."""
    when, delta, n = state.when, state.last_delta, len(state.breakdown)
    main = main_change(state.breakdown)
    if delta is None or main is None:
        key = {"action": "hud.no_effect", "evening": "hud.evening_none"}.get(when)
        return "", strings(key or ("hud.new_day" if state.changes else "hud.no_changes")), ""
    if delta == 0 and when != "action":
        return "", strings(f"hud.{when}_even"), strings("hud.more")
    label, line = strings(f"hud.{when}"), strings.say(main[1])
    if n == 1:
        return label, line, ""
    if not (any(d > 0 for d, _ in state.breakdown) and any(d < 0 for d, _ in state.breakdown)):
        return label, line, count(strings, "hud.more_changes", n - 1)
    rest = state.display.show_change(sum(d for d, _ in state.breakdown) - main[0])
    key = "hud.more_changes_both.1" if n == 2 else "hud.more_changes_both"
    more = strings(key, n=n - 1, rest=rest)
    return label, f"{state.display.show_change(main[0])}: {line}", more


def draw_breakdown(
    surface: pygame.Surface,
    ctx: UIContext,
    strings: Strings,
    breakdown: tuple[tuple[int, Code], ...],
    at: tuple[int, int],
) -> pygame.Rect:
    """Below the bar: each change the last action set off, with its points and cause; returns
    the rectangle drawn."""
    t = ctx.theme
    lh = ctx.text.line_height("meta")
    width = min(t.px(640), surface.get_width() - at[0] - t.pad)
    rows = [
        (delta, ctx.text.fit(strings.say(cause), "meta", width - t.px(90)))
        for delta, cause in breakdown
    ]
    rect = pygame.Rect(at[0], at[1], width, lh * (len(rows) + 1) + t.px(16))
    pygame.draw.rect(surface, th.PANEL, rect, border_radius=t.px(8))
    pygame.draw.rect(surface, th.BORDER, rect, max(1, t.px(2)), border_radius=t.px(8))
    y = rect.y + t.px(8)
    surface.blit(
        ctx.text.render(strings("hud.breakdown"), "meta", th.MUTED), (rect.x + t.px(10), y)
    )
    for delta, cause in rows:
        y += lh
        draw_delta(surface, ctx, delta, (rect.x + t.px(10), y), "meta")
        surface.blit(ctx.text.render(cause, "meta", th.TEXT), (rect.x + t.px(80), y))
    return rect
