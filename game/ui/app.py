"""The window, the one async main loop and the scene stack.

Every frame, in this order: driver (tests) -> events -> actions -> update -> draw -> flip ->
``await asyncio.sleep(0)`` (pygbag needs that yield once per frame; there is no other loop).
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.core import saves
from game.core.checker import check_file
from game.core.classfile import CLASS_NAME, ClassPlan, check_class_file
from game.core.commands import Command, CommandError, EndDay
from game.core.diagnostics import Diagnostic
from game.core.model import Scenario
from game.core.profiles import SaveBook, default_book
from game.core.views import Notice, PlayerView
from game.ui import input as ia
from game.ui import settings as st
from game.ui import theme as th
from game.ui.audio import Audio
from game.ui.avatars import Avatars
from game.ui.hud import Hud
from game.ui.links import Links, SystemLinks
from game.ui.motion import Motion
from game.ui.present import notice_text
from game.ui.scene import Scene
from game.ui.session import Session, notable
from game.ui.strings import Strings
from game.ui.text import TextCache
from game.ui.theme import Theme, fit_window
from game.ui.toasts import Toasts
from game.ui.widgets import UIContext

Driver = Callable[["App"], None]
"""Called once per frame before events are read; tests use it to post events and check state."""

PROJECT_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class AppConfig:
    """Settings read once at start (from arguments and the environment)."""

    scenario_path: str | None = None
    size: tuple[int, int] = (1280, 800)
    scenarios_dir: Path = field(default_factory=lambda: PROJECT_DIR / "scenarios")
    seed: int | None = None
    fps: int = 60
    fixed_dt: float | None = None
    store: saves.Store | None = None
    resizable: bool = True
    max_frames: int | None = None
    links: Links | None = None
    """Where the debrief opens and copies sources (None: the system browser and clipboard)."""
    class_plan: ClassPlan | None = None
    book: SaveBook | None = None
    """Profiles and their games (class play: lab computers); None keeps the single save of
    ``store``."""
    settings_store: saves.Store | None = None

    @classmethod
    def from_env(
        cls,
        scenario_path: str | None = None,
        size: tuple[int, int] = (1280, 800),
        class_plan: ClassPlan | None = None,
    ) -> AppConfig:
        """Config from the environment: MODEL_CITIZEN_DATA (save folder, read by the core),
        MODEL_CITIZEN_SEED (fixed seed), MODEL_CITIZEN_SCENARIOS (scenario folder),
        MODEL_CITIZEN_EXIT_AFTER_FIRST_FRAME=1 (quit after the first frame, for the bench).
        A ``class.yaml`` in the scenario folder (a class's web build) gives the class plan."""
        seed = os.environ.get("MODEL_CITIZEN_SEED")
        folder = os.environ.get("MODEL_CITIZEN_SCENARIOS")
        scenarios_dir = Path(folder) if folder else PROJECT_DIR / "scenarios"
        if class_plan is None and (scenarios_dir / CLASS_NAME).is_file():
            class_plan = check_class_file(scenarios_dir / CLASS_NAME, flat=True).plan
        return cls(
            scenario_path=scenario_path,
            size=size,
            scenarios_dir=scenarios_dir,
            seed=int(seed) if seed and seed.lstrip("-").isdigit() else None,
            store=saves.default_store(),
            settings_store=st.default_store(),
            max_frames=1 if os.environ.get("MODEL_CITIZEN_EXIT_AFTER_FIRST_FRAME") == "1" else None,
            class_plan=class_plan,
            book=default_book() if class_plan is not None else None,
        )


class App:
    """Owns the window, the scene stack, the running session, and the loop."""

    def __init__(self, config: AppConfig, surface: pygame.Surface | None = None) -> None:
        """Open the window (or use `surface`, e.g. an off-screen one for benchmarks)."""
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
        self.strings = Strings()
        self.input = ia.InputMapper()
        self.input.scale = self.ctx.theme.scale
        self.stack: list[Scene] = []
        self.session: Session | None = None
        self.hud = Hud()
        self.toasts = Toasts(self.settings.notice_seconds)
        self.links: Links = config.links or SystemLinks()
        self.audio = Audio(self.settings.volume_level)
        self.motion = Motion(self.settings.reduced_motion)
        self.pointer: tuple[int, int] | None = None
        """Where the player last clicked or tapped (score changes float up from there)."""
        self.running = True
        self.quit_warned = False
        self.frames = 0
        self.rng = random.Random()
        self.profile: str | None = None
        """The name of the player whose profile is in use (profile mode)."""

    # ----------------------------------------------------------------- stack
    @property
    def top(self) -> Scene:
        """The scene receiving input."""
        return self.stack[-1]

    def push(self, scene: Scene) -> None:
        """Put a scene on top."""
        self.stack.append(scene)
        scene.layout()

    def pop(self) -> Scene:
        """Remove the top scene; the one below is refreshed."""
        scene = self.stack.pop()
        if self.stack:
            self.top.refresh()
        return scene

    def reset(self, scene: Scene) -> None:
        """Replace the whole stack with one scene."""
        self.stack = []
        self.push(scene)

    # ----------------------------------------------------------------- game flow
    def set_language(self, language: str) -> None:
        """Switch the interface language (scenario's `language`)."""
        self.strings = Strings(language)

    def new_seed(self) -> int:
        """The seed for a new game (fixed by config for tests)."""
        return self.config.seed if self.config.seed is not None else self.rng.randrange(1, 2**31)

    def start_game(self, scenario: Scenario, path: str, store: saves.Store | None = None) -> None:
        """Start a new game of `scenario` (saved in `store`, else the config's) and show it."""
        from game.ui.scenes.play import PlayScene

        store = store if store is not None else self.store_for_new_game()
        self.session = Session.new(scenario, path, self.new_seed(), store)
        plan = self.config.class_plan
        self.session.claims = plan.claims_for(scenario) if plan else ()
        self.session.ask_nickname = plan.ask_nickname if plan else True
        self.set_language(scenario.language)
        self.toasts.clear()
        self.motion.clear()
        self.ctx.avatars.set_scenario_folder(Path(path).parent)
        self.hud = Hud()
        self.hud.set_state(self.session.hud_state(), animate=False)
        self.reset(PlayScene(self))
        if self.session.claims:  # the day's news waits until the quiz is answered
            from game.ui.scenes.quiz import QuizScene

            self.push(QuizScene(self, "before"))
        else:
            self.show_notices(self.session.game.log)

    def store_for_new_game(self) -> saves.Store | None:
        """Where a new game is saved: a new slot of the player's profile (the oldest finished
        game makes room when the profile is full), else the config's single save."""
        book, profile = self.config.book, self.profile
        if book is None or profile is None:
            return self.config.store
        try:
            return book.new_game(profile)
        except saves.SaveError as err:
            self.toasts.add(self.strings("profile.save_failed", reason=err), "flag", th.ERROR)
            return None

    def resume(self, session: Session) -> None:
        """Continue a restored session."""
        from game.ui.scenes.play import PlayScene

        self.session = session
        plan = self.config.class_plan
        session.restore_quiz(plan.claims_for(session.scenario) if plan else ())
        session.ask_nickname = plan.ask_nickname if plan else True
        self.set_language(session.scenario.language)
        self.toasts.clear()
        self.motion.clear()
        self.ctx.avatars.set_scenario_folder(Path(session.path).parent)
        self.hud = Hud()
        self.hud.set_state(session.hud_state(), animate=False)
        self.reset(PlayScene(self))
        if session.game.over:
            self.show_debrief()

    def open_scenario(self, path: str) -> None:
        """Check a scenario file and start it, or show its errors."""
        result = check_file(path)
        if result.scenario is None or not result.ok:
            self.show_errors(path, result.diagnostics, keep_game=False)
            return
        self.start_game(result.scenario, path)

    def to_title(self, message: str = "") -> None:
        """Save (if playing) and go back to the title screen."""
        from game.ui.scenes.title import TitleScene

        if self.session is not None and not self.session.game.over:
            error = self.session.save()
            if error is not None:
                message = self.strings("title.save_failed", reason=error)
        self.session = None
        self.toasts.clear()
        self.motion.clear()
        self.reset(TitleScene(self, message=message))

    def show_errors(self, path: str, diagnostics: Sequence[Diagnostic], keep_game: bool) -> None:
        """Show a scenario's located errors (over the game when `keep_game`)."""
        from game.ui.scenes.error import ErrorScene

        self.toasts.clear()
        self.push(ErrorScene(self, path, diagnostics, keep_game=keep_game))

    def show_debrief(self) -> None:
        """Replace the game screens with the debrief."""
        from game.ui.scenes.debrief import DebriefScene

        assert self.session is not None
        self.session.save()
        self.motion.clear()
        self.toasts.clear()  # the debrief says it all; the last day's notices would cover it
        self.reset(DebriefScene(self))

    def command(self, command: Command) -> tuple[Notice, ...] | None:
        """Send a command; show its notices, refresh the scenes. None (and a toast) when refused."""
        if self.session is None:
            return None
        before = self.session.game.player
        try:
            notices = self.session.apply(command)
        except CommandError as err:
            reason = self.strings.say(err.code)
            self.toasts.add(self.strings("toast.cannot", reason=reason), "minus", th.WARNING)
            return None
        self.after_change()
        self.show_notices(notices)
        self.announce(before, isinstance(command, EndDay))
        if self.session.game.over and not isinstance(command, EndDay):
            self.game_ended_by_rule()
        return notices

    def game_ended_by_rule(self) -> None:
        """A rule ended the game mid-day: close the panels and show the day's summary."""
        from game.ui.scenes.summary import SummaryScene

        assert self.session is not None
        error = self.session.save()
        del self.stack[1:]
        self.push(SummaryScene(self, self.session.game.day, saved=error is None))

    def announce(self, before: PlayerView, day_ended: bool) -> None:
        """Sound and motion for what a command changed: the score (a float and a sound), the
        tier (a banner and a sound), the end of a day (a sound)."""
        assert self.session is not None
        player = self.session.game.player
        delta = player.score - before.score
        if player.tier.id != before.tier.id:
            up = player.score > before.score
            tiers = self.session.scenario.tiers
            index = next(i for i, t in enumerate(tiers) if t.id == player.tier.id)
            self.motion.tier(
                self.strings("look.tier_banner", tier=player.tier.name),
                self.strings("look.tier_up" if up else "look.tier_down", score=player.score),
                th.tier_color_of(tiers, index),
                up,
            )
            self.audio.play("tier")
        elif delta:
            self.audio.play("score_up" if delta > 0 else "score_down")
        if delta:
            pos = self.pointer or self.hud.number_pos
            shown = self.session.game.scenario.score_format.show_change(delta)
            self.motion.score(delta, pos, shown)
        if day_ended:
            self.audio.play("day_end")

    def apply_settings(self, settings: st.Settings) -> str | None:
        """Use and remember new settings; returns an error message when they cannot be stored."""
        old, self.settings = self.settings, settings
        self.audio.set_volume(settings.volume_level)
        self.motion.reduced = self.ctx.reduced_motion = settings.reduced_motion
        self.toasts.seconds = settings.notice_seconds
        if settings.text_scale != old.text_scale:
            self.set_theme(Theme.for_size(*self.size, settings.text_scale))
        return st.save(self.config.settings_store, settings)

    def after_change(self) -> None:
        """Re-read the game's views everywhere after the game changed."""
        if self.session is None:
            return
        self.hud.set_state(self.session.hud_state(), animate=not self.settings.reduced_motion)
        for scene in self.stack:
            scene.refresh()

    def show_notices(self, notices: Sequence[Notice]) -> None:
        """Turn notable notices into toasts."""
        if self.session is None:
            return
        news = False
        for notice in notable(notices):
            text = notice_text(notice, self.session.friend_name, self.strings)
            icon, color, face = "dot", th.ACCENT, None
            if notice.kind == "message":
                face, news = self.session.face(notice.friend), True
            elif notice.kind in ("perk_gained", "perk_lost"):
                good = (notice.kind == "perk_gained") == (notice.who != "penalty")
                icon, color = ("up", th.GAIN) if good else ("down", th.LOSS)
            elif notice.kind in ("unfriend", "notify", "budget"):
                icon, color, news = "flag", th.WARNING, True
                face = self.session.platform_face() if notice.kind == "notify" else None
            self.toasts.add(text, icon, color, face)
        if news:
            self.audio.play("notify")

    def reload(self) -> None:
        """F5: re-read the scenario and replay (errors shown, old game kept)."""
        if self.session is None:
            return
        result = self.session.reload()
        if result.diagnostics:
            self.show_errors(self.session.path, result.diagnostics, keep_game=True)
            return
        if result.replay_error:
            self.toasts.add(
                self.strings("error.replay", reason=result.replay_error), "flag", th.ERROR
            )
            return
        self.set_language(self.session.scenario.language)
        self.toasts.add(self.strings("reload.done", n=result.replayed), "check", th.GAIN)
        self.after_change()

    def quit(self) -> None:
        """Stop the loop after this frame (saving the game in progress). When the save fails,
        say so and stay, once: quitting again leaves without saving."""
        if self.session is not None and not self.session.game.over:
            error = self.session.save()
            if error is not None and not self.quit_warned:
                self.quit_warned = True
                self.toasts.add(self.strings("toast.save_failed", reason=error), "flag", th.ERROR)
                return
        self.running = False

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

    def dispatch(self, action: ia.Action) -> None:
        """Send one action where it belongs."""
        if action.kind in (ia.PRESS, ia.RELEASE):
            self.pointer = action.pos
        elif action.kind in (ia.ACTIVATE, ia.SPACE, ia.KEY):
            self.pointer = None  # a keyboard action: changes float up from the score
        if action.kind == ia.QUIT:
            self.quit()
        elif action.kind == ia.RESIZE:
            self.resize(action.size)
        elif action.kind == ia.RELOAD and self.session is not None:
            self.reload()
        elif self.stack:
            self.top.handle(action)

    def step(self, dt: float) -> None:
        """Read events, update and draw one frame (without flipping)."""
        if self.windowed:
            self.surface = pygame.display.get_surface()
            if self.surface.get_size() != self.size:
                self.resize(self.surface.get_size())
        surface = self.surface
        for event in pygame.event.get():
            for action in self.input.map(event, self.size):
                self.dispatch(action)
                if not self.running:
                    return
        self.update(dt)
        self.draw(surface)

    def update(self, dt: float) -> None:
        """Advance animations."""
        self.ctx.time += dt
        self.hud.update(dt)
        self.toasts.update(dt)
        self.motion.update(dt)
        if self.stack:
            self.top.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the stack bottom-up from the last opaque scene, then the score bar and toasts."""
        surface.fill(th.BG)
        first = 0
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].opaque:
                first = i
                break
        for scene in self.stack[first:]:
            scene.draw(surface)
        if self.stack and self.stack[-1].shows_hud and self.session is not None:
            self.hud.draw(surface, self.ctx, self.strings)
        self.toasts.draw(surface, self.ctx)
        self.motion.draw(surface, self.ctx)

    async def run(self, driver: Driver | None = None, max_frames: int | None = None) -> int:
        """The main loop; returns the exit code. `driver` runs before each frame's events."""
        clock = pygame.time.Clock()
        max_frames = max_frames if max_frames is not None else self.config.max_frames
        while self.running:
            ms = clock.tick(self.config.fps) if self.config.fps else clock.tick()
            dt = self.config.fixed_dt if self.config.fixed_dt is not None else min(ms / 1000.0, 0.1)
            if driver is not None:
                driver(self)
            if not self.running:
                break
            self.step(dt)
            if self.windowed:
                pygame.display.flip()
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


def first_scene(app: App) -> None:
    """Title screen, or the given scenario's errors."""
    from game.ui.scenes.title import TitleScene

    app.reset(TitleScene(app))
    path = app.config.scenario_path
    if path is not None:
        result = check_file(path)
        if result.scenario is None or not result.ok:
            app.show_errors(path, result.diagnostics, keep_game=False)
        else:
            app.set_language(result.scenario.language)
            app.top.layout()


async def main_async(
    config: AppConfig, driver: Driver | None = None, max_frames: int | None = None
) -> int:
    """Open the window, run the game until it is closed, return the exit code."""
    init_pygame()
    try:
        app = App(config)
        first_scene(app)
        return await app.run(driver, max_frames)
    finally:
        pygame.quit()


def play(
    scenario_path: str | None = None,
    *,
    size: tuple[int, int] = (1280, 800),
    class_plan: ClassPlan | None = None,
) -> int:
    """Play the game in a window (``python -m game play [SCENARIO | --class FILE]``); returns
    the exit code. With a class plan the picker shows only the class's scenarios."""
    if scenario_path is not None and not Path(scenario_path).exists():
        print(f"no such scenario file: {scenario_path}", file=sys.stderr)
        return 2
    return asyncio.run(main_async(AppConfig.from_env(scenario_path, size, class_plan)))
