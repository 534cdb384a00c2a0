"""The window, the one async main loop and the scene stack.

Every frame, in this order: driver (tests, the benchmark) -> events -> actions -> update -> draw
and show, only when something changed -> ``await asyncio.sleep(0)`` (pygbag needs that yield
once per frame, drawn or not; there is no other loop). What comes next in the game (title, new
game, F5, debrief, errors) is the flow's business (``game.ui.gameflow``), not the app's.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.core.classfile import ClassPlan
from game.ui import input as ia
from game.ui import settings as st
from game.ui import theme as th
from game.ui.audio import Audio
from game.ui.avatars import Avatars
from game.ui.config import AppConfig
from game.ui.gameflow import GameFlow
from game.ui.motion import Motion
from game.ui.redraw import Redraw
from game.ui.scene import Scene
from game.ui.session import Session
from game.ui.strings import Strings
from game.ui.text import TextCache
from game.ui.theme import Theme, fit_window
from game.ui.widgets import UIContext, fill

PREPARE_SECONDS = 0.0006
"""A frame drawn faster than this spends the rest of it preparing what may come next (the
cards about to scroll into view), so no later frame pays for all of it at once."""

Driver = Callable[["App"], None]
"""Called once per frame before events are read; tests and the benchmark use it to post events
and check state."""


class App:
    """Owns the window, the scene stack and the loop; the game's flow is ``self.flow``."""

    def __init__(self, config: AppConfig, surface: pygame.Surface | None = None) -> None:
        """Open the window (or use `surface`, an off-screen one)."""
        self.config = config
        self.windowed = surface is None
        if surface is None:
            flags = pygame.RESIZABLE if config.resizable else 0
            real = pygame.display.get_driver() not in ("dummy", "offscreen")
            size = fit_window(config.size, pygame.display.get_desktop_sizes() if real else [])
            surface = pygame.display.set_mode(size, flags)
            pygame.display.set_caption(Strings()("app.title"))
        self.surface = surface
        self.size = surface.get_size()
        self.settings = st.load(config.settings_store)
        theme = Theme.for_size(*self.size, self.settings.text_scale)
        text = TextCache(theme)
        self.ctx = UIContext(
            theme, text, avatars=Avatars(text), reduced_motion=self.settings.reduced_motion
        )
        self.input = ia.InputMapper()
        self.input.scale = self.ctx.theme.scale
        self.audio = Audio(self.settings.volume_level)
        self.motion = Motion(self.settings.reduced_motion)
        self.pointer: tuple[int, int] | None = None
        """Where the player last clicked or tapped (score changes float up from there)."""
        self.stack: list[Scene] = []
        self.redraw = Redraw()
        self.running = True
        self.frames = 0
        self.drawn = 0
        """Frames drawn and shown (whole or in part); ``frames`` counts every loop turn."""
        self.drawn_area: pygame.Rect | None = None
        """The part of the screen the last drawn frame drew and showed (the rectangle around
        the areas it drew apart)."""
        self.moving: list[pygame.Rect] = []
        """The parts of the screen the top scene is animating now (a list easing to a post):
        a score change does not float there."""
        self.flow = GameFlow(self)

    @property
    def session(self) -> Session | None:
        """The running game's session (the flow's), for drivers and tests."""
        return self.flow.session

    # ----------------------------------------------------------------- stack
    @property
    def top(self) -> Scene:
        """The scene receiving input."""
        return self.stack[-1]

    def push(self, scene: Scene) -> None:
        """Put a scene on top."""
        self.stack.append(scene)
        scene.layout()
        self.redraw.everything()

    def pop(self) -> Scene:
        """Remove the top scene; the one below is refreshed."""
        scene = self.stack.pop()
        if self.stack:
            self.top.refresh()
        self.redraw.everything()
        return scene

    def reset(self, scene: Scene) -> None:
        """Replace the whole stack with one scene."""
        self.stack = []
        self.push(scene)

    # ----------------------------------------------------------------- frame
    def resize(self, size: tuple[int, int]) -> None:
        """Adopt a new window size: new scale, new layout for every scene."""
        size = (max(320, size[0]), max(240, size[1]))
        if size == self.size:
            return
        self.size = size
        self.set_theme(Theme.for_size(*size, self.settings.text_scale))

    def set_theme(self, theme: Theme) -> None:
        """Use a new theme (window size or text size changed): every scene is laid out again."""
        self.ctx.theme = theme
        self.ctx.text.set_theme(theme)
        self.input.scale = theme.scale
        for scene in self.stack:
            scene.layout()
        self.redraw.everything()

    def apply_settings(self, settings: st.Settings) -> str | None:
        """Use and remember new settings; returns an error message when they cannot be stored."""
        old, self.settings = self.settings, settings
        self.audio.set_volume(settings.volume_level)
        self.motion.reduced = self.ctx.reduced_motion = settings.reduced_motion
        self.flow.toasts.seconds = settings.notice_seconds
        if settings.text_scale != old.text_scale:
            self.set_theme(Theme.for_size(*self.size, settings.text_scale))
        self.redraw.everything()
        return st.save(self.config.settings_store, settings)

    def dispatch(self, action: ia.Action) -> None:
        """Send one action where it belongs."""
        if action.kind in (ia.PRESS, ia.RELEASE):
            self.pointer = action.pos
        elif action.kind in (ia.ACTIVATE, ia.SPACE, ia.KEY):
            self.pointer = None  # a keyboard action: changes float up from the score
        if action.kind == ia.QUIT:
            self.flow.quit()
        elif action.kind == ia.RESIZE:
            self.resize(action.size)
        elif action.kind == ia.RELOAD and self.flow.session is not None:
            self.flow.reload()
        elif self.stack:
            self.top.handle(action)

    def step(self, dt: float) -> None:
        """Read events, update, and draw and show the frame if something changed.

        Any event redraws everything, but the mouse wheel: it only moves a list's scroll target,
        and the list's easing (its ``update``) redraws the list alone, frame by frame. A frame
        done within ``PREPARE_SECONDS`` spends the rest preparing what may come next.
        """
        start = time.perf_counter()
        if self.windowed:
            self.surface = pygame.display.get_surface()
            if self.surface.get_size() != self.size:
                self.resize(self.surface.get_size())
        for event in pygame.event.get():
            actions = self.input.map(event, self.size)
            if not actions or any(action.kind != ia.SCROLL for action in actions):
                self.redraw.everything()  # input, or the window shown, exposed or resized
            for action in actions:
                self.dispatch(action)
                if not self.running:
                    return
        self.update(dt)
        self.show(self.redraw.take_areas(self.surface.get_rect()))
        if self.stack:
            self.top.prepare(start + PREPARE_SECONDS)

    def show(self, areas: list[pygame.Rect]) -> None:
        """Draw these areas of the window (each apart; none: nothing) and show them."""
        if not areas:
            return
        whole = areas[0].size == self.surface.get_size()
        for area in areas:
            self.draw(self.surface, None if whole else area)
        self.drawn += 1
        self.drawn_area = areas[0].unionall(areas[1:])
        if self.windowed:
            if whole:
                pygame.display.flip()
            else:
                pygame.display.update(areas)

    def update(self, dt: float) -> None:
        """Advance animations and timers; note what they changed on screen."""
        self.ctx.time += dt
        flow = self.flow
        if flow.hud.update(dt) and self.hud_shown:
            self.redraw.part(flow.hud.rect)
        held = bool(self.stack) and self.top.holds_toasts
        if held != flow.toasts.held:
            flow.toasts.held = held
            self.redraw.everything()
        self.redraw.parts_of(flow.toasts.update(dt))
        if flow.toasts.changed:
            flow.toasts.changed = False
            self.redraw.everything()
        self.redraw.parts_of(self.motion.update(dt, self.ctx, self.size))
        if self.stack:
            changed = self.top.update(dt)
            if changed is None:  # a scene that does not say what it changed: assume everything
                self.redraw.everything()
            else:
                self.redraw.parts_of(changed)
            self.moving = [self.surface.get_rect()] if changed is None else list(changed)

    @property
    def hud_shown(self) -> bool:
        """True when the score bar is on screen."""
        return bool(self.stack) and self.stack[-1].shows_hud and self.flow.session is not None

    def draw(self, surface: pygame.Surface, area: pygame.Rect | None = None) -> None:
        """Draw the stack bottom-up from the last opaque scene, then the score bar and toasts;
        only inside ``area`` when given (everything else on ``surface`` is left as it was)."""
        surface.set_clip(area)
        first = 0
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].opaque:
                first = i
                break
        flow = self.flow
        holes = self.stack[first].covered() if self.stack else []
        if self.hud_shown and flow.hud.state is not None:  # the bar paints all of its own
            holes.append(pygame.Rect(0, 0, surface.get_width(), flow.hud.height(self.ctx)))
        fill(surface, th.BG, holes=holes)
        for scene in self.stack[first:]:
            scene.draw(surface)
        if self.hud_shown:
            flow.hud.draw(surface, self.ctx, flow.strings, details=self.stack[-1].opaque)
        self.draw_popups(surface, self.stack[first:])
        surface.set_clip(None)

    def draw_popups(self, surface: pygame.Surface, shown: list[Scene]) -> None:
        """Toasts, then floating score changes, over the `shown` scenes and the bar: off what
        the top scene keeps clear and above any scene's floor (the first-day guide's strip)."""
        flow = self.flow
        top = flow.hud.height(self.ctx) if flow.session is not None else 0
        at_top = bool(shown) and getattr(shown[-1], "toasts_at_top", False)
        floors = [f() for s in shown if (f := getattr(s, "toast_floor", None))]
        floor = min((y for y in floors if y is not None), default=None)
        avoid = shown[-1].keep_clear() if shown else []
        flow.toasts.draw(surface, self.ctx, top, at_top, floor, avoid)
        toasts = [t.rect for t in flow.toasts.items if t.rect is not None]
        details = [flow.hud.details] if flow.hud.details is not None and self.hud_shown else []
        self.motion.draw(surface, self.ctx, [*avoid, *toasts, *details, *self.moving], floor)

    async def run(self, driver: Driver | None = None, max_frames: int | None = None) -> int:
        """The main loop; returns the exit code. `driver` runs before each frame's events."""
        clock = pygame.time.Clock()
        while self.running:
            ms = clock.tick(self.config.fps) if self.config.fps else clock.tick()
            dt = self.config.fixed_dt if self.config.fixed_dt is not None else min(ms / 1000.0, 0.1)
            if driver is not None:
                driver(self)
            if not self.running:
                break
            self.step(dt)
            self.frames += 1
            if max_frames is not None and self.frames >= max_frames:
                break
            await asyncio.sleep(0)
        return 0


def init_pygame() -> None:
    """Start the pygame parts the game uses (sound starts with the first sound played)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    pygame.display.init()
    pygame.font.init()


async def main_async(
    config: AppConfig, driver: Driver | None = None, max_frames: int | None = None
) -> int:
    """Open the window, run the game until it is closed, return the exit code."""
    init_pygame()
    try:
        app = App(config)
        app.flow.begin()
        return await app.run(driver, max_frames)
    finally:
        pygame.quit()


def play(
    scenario_path: str | None = None,
    *,
    size: tuple[int, int] = (1280, 800),
    class_plan: ClassPlan | None = None,
    teacher: bool = False,
) -> int:
    """Play the game in a window (``python -m game play [SCENARIO | --class FILE]``); returns
    the exit code. With a class plan the picker shows only the class's scenarios."""
    if scenario_path is not None and not Path(scenario_path).exists():
        print(f"no such scenario file: {scenario_path}", file=sys.stderr)
        return 2
    config = AppConfig.from_env(scenario_path, size, class_plan, teacher)
    return asyncio.run(main_async(config))


__all__ = ["App", "AppConfig", "Driver", "init_pygame", "main_async", "play"]
