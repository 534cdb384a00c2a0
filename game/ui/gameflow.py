"""The game's flow: title, a new or restored game, F5, the day's end, the debrief, errors.

``GameFlow`` implements ``game.ui.flow.Flow`` for the scenes; it holds the running session, the
score bar, the toasts and the interface language, and changes the app's scene stack. The app
(``game.ui.app.App``) stays the window, the loop and the stack.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game.core import saves
from game.core.checker import check_file
from game.core.commands import Command, CommandError, EndDay
from game.core.diagnostics import Diagnostic
from game.core.model import Scenario
from game.core.views import Notice, PlayerView
from game.ui import settings as st
from game.ui import theme as th
from game.ui.audio import Audio
from game.ui.config import AppConfig
from game.ui.hud import Hud
from game.ui.links import Links, SystemLinks
from game.ui.present import notice_text
from game.ui.scene import Scene
from game.ui.scenes.title import TitleScene
from game.ui.session import Session, notable
from game.ui.strings import Strings
from game.ui.toasts import Toasts
from game.ui.widgets import UIContext

if TYPE_CHECKING:
    from game.ui.app import App

OWN = ("bought", "filter")
"""Notices that answer the player's own action: their toasts go first."""
IMPORTANT = ("notify", "tier", "perk_gained", "perk_lost", "end", "unfriend", "bought", "filter")
"""Notice kinds whose toasts are never pushed out by minor ones (who unfriended you, too: a
scenario's "your friend list just got shorter" must not show without the name; and a purchase's
receipt and what the word filter picked out answer the player's own act: they must not be lost)."""


class GameFlow:
    """What happens next in the game, on the app's scene stack (see ``Flow``)."""

    def __init__(self, app: App) -> None:
        """The flow of games shown by ``app``; nothing running yet."""
        self.app = app
        self.config: AppConfig = app.config
        self.strings = Strings()
        self.session: Session | None = None
        self.hud = Hud()
        self.toasts = Toasts(app.settings.notice_seconds)
        self.links: Links = app.config.links or SystemLinks()
        self.profile: str | None = None
        """The name of the player whose profile is in use (profile mode)."""
        self.quit_warned = False
        self.rng = random.Random()

    # ----------------------------------------------------------------- the app's parts
    @property
    def ctx(self) -> UIContext:
        """The app's drawing context."""
        return self.app.ctx

    @property
    def size(self) -> tuple[int, int]:
        """The window's size."""
        return self.app.size

    @property
    def stack(self) -> Sequence[Scene]:
        """The app's scenes, bottom first."""
        return self.app.stack

    @property
    def settings(self) -> st.Settings:
        """The player's settings (the app's)."""
        return self.app.settings

    @property
    def audio(self) -> Audio:
        """The app's sounds."""
        return self.app.audio

    def apply_settings(self, settings: st.Settings) -> str | None:
        """Use and remember new settings (see ``App.apply_settings``)."""
        return self.app.apply_settings(settings)

    def push(self, scene: Scene) -> None:
        """Put a scene on top."""
        self.app.push(scene)

    def pop(self) -> Scene:
        """Remove the top scene."""
        return self.app.pop()

    def reset(self, scene: Scene) -> None:
        """Replace every scene with this one."""
        self.app.reset(scene)

    # ----------------------------------------------------------------- flow
    def begin(self) -> None:
        """The first screen: the title, or the given scenario's errors."""
        self.app.reset(TitleScene(self))
        path = self.config.scenario_path
        if path is not None:
            result = check_file(path)
            if result.scenario is None or not result.ok:
                self.show_errors(path, result.diagnostics, keep_game=False)
            else:
                self.set_language(result.scenario.language)
                self.app.top.layout()

    def set_language(self, language: str) -> None:
        """Switch the interface language (scenario's `language`)."""
        self.strings = Strings(language)
        self.toasts.set_more(self.strings("notices.more"))

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
        self.app.motion.clear()
        self.ctx.avatars.set_scenario_folder(Path(path).parent)
        self.hud = Hud()
        self.hud.set_state(self.session.hud_state(), animate=False)
        self.app.reset(PlayScene(self))
        from game.ui.scenes.briefing import BriefingScene

        if self.session.claims:  # the day's news waits until the quiz is answered
            from game.ui.scenes.quiz import QuizScene

            self.app.push(QuizScene(self, "before"))
        self.app.push(BriefingScene(self, first=True))  # first the briefing, then the quiz or news

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
        self.app.motion.clear()
        self.ctx.avatars.set_scenario_folder(Path(session.path).parent)
        self.hud = Hud()
        self.hud.set_state(session.hud_state(), animate=False)
        self.app.reset(PlayScene(self))
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
        if self.session is not None and not self.session.game.over:
            error = self.session.save()
            if error is not None:
                message = self.strings("title.save_failed", reason=error)
        self.session = None
        self.toasts.clear()
        self.app.motion.clear()
        self.app.reset(TitleScene(self, message=message))

    def show_errors(self, path: str, diagnostics: Sequence[Diagnostic], keep_game: bool) -> None:
        """Show a scenario's located errors (over the game when `keep_game`)."""
        from game.ui.scenes.error import ErrorScene

        self.toasts.clear()
        self.app.push(ErrorScene(self, path, diagnostics, keep_game=keep_game))

    def show_debrief(self) -> None:
        """Replace the game screens with the debrief."""
        from game.ui.scenes.debrief import DebriefScene

        assert self.session is not None
        self.session.save()
        self.app.motion.clear()
        self.toasts.clear()  # the debrief says it all; the last day's notices would cover it
        self.app.reset(DebriefScene(self))

    def command(self, command: Command) -> tuple[Notice, ...] | None:
        """Send a command; show its notices, refresh the scenes. None (and a toast) when refused."""
        if self.session is None:
            return None
        before = self.session.game.player
        try:
            notices = self.session.apply(command)
        except CommandError as err:
            reason = self.strings.say(err.code)
            self.toasts.add(
                self.strings("toast.cannot", reason=reason), "minus", th.WARNING, own=True
            )
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
        while len(self.app.stack) > 1:
            self.app.pop()
        self.app.push(SummaryScene(self, self.session.game.day, saved=error is None))

    def announce(self, before: PlayerView, day_ended: bool) -> None:
        """Sound and motion for what a command changed: the score (a float and a sound), the
        tier (a banner and a sound), the end of a day (a sound)."""
        assert self.session is not None
        player = self.session.game.player
        delta = player.score - before.score
        audio, motion = self.app.audio, self.app.motion
        if player.tier.id != before.tier.id:
            up = player.score > before.score
            tiers = self.session.scenario.tiers
            index = next(i for i, t in enumerate(tiers) if t.id == player.tier.id)
            motion.tier(
                self.strings("look.tier_banner", tier=player.tier.name),
                self.strings("look.tier_up" if up else "look.tier_down", score=player.score),
                th.tier_color_of(tiers, index),
                up,
            )
            audio.play("tier")
        elif delta:
            audio.play("score_up" if delta > 0 else "score_down")
            if motion.banner is not None:
                key = "look.tier_up" if motion.banner.up else "look.tier_down"
                motion.restate(self.strings(key, score=player.score))
        if delta:
            shown = self.session.game.scenario.score_format.show_change(delta)
            motion.score(delta, self.app.pointer or self.hud.number_pos, shown)
        if day_ended:
            audio.play("day_end")

    def after_change(self) -> None:
        """Re-read the game's views everywhere after the game changed."""
        if self.session is None:
            return
        self.hud.set_state(self.session.hud_state(), animate=not self.settings.reduced_motion)
        for scene in self.app.stack:
            scene.refresh()
        self.app.redraw.everything()

    def show_notices(self, notices: Sequence[Notice]) -> None:
        """Turn notable notices into toasts."""
        if self.session is None:
            return
        news = False
        for notice in notable(notices):
            text = notice_text(notice, self.session.friend_name, self.strings)
            icon, color, face = "dot", th.ACCENT, None
            if notice.kind == "message":
                face, news = self.session.sender_face(notice), True
            elif notice.kind in ("perk_gained", "perk_lost"):
                good = (notice.kind == "perk_gained") == (notice.who != "penalty")
                icon, color = ("up", th.GAIN) if good else ("down", th.LOSS)
            elif notice.kind in ("unfriend", "notify", "budget"):
                icon, color, news = "flag", th.WARNING, True
                if notice.kind != "budget":
                    face = self.session.sender_face(notice)  # the friend who left, or the app
            elif notice.kind == "filter":  # the app speaks
                face = self.session.platform_face()
            elif notice.kind == "bought":
                icon = "check"
            self.toasts.add(
                text,
                icon,
                color,
                face,
                important=notice.kind in IMPORTANT,
                own=notice.kind in OWN,
                still=self.still_holds(notice),
            )
        if news:
            self.app.audio.play("notify")

    def still_holds(self, notice: Notice) -> Callable[[], bool] | None:
        """For a tier or perk notice: whether its news still holds (the tier reached is still
        the player's, the perk gained still in force, the one lost still gone); None for the
        others."""
        session = self.session
        if session is None:
            return None
        if notice.kind == "tier":
            tier = session.game.player.tier.id
            return lambda: session.game.player.tier.id == tier
        if notice.kind in ("perk_gained", "perk_lost") and notice.perk is not None:
            gained, perk = notice.kind == "perk_gained", notice.perk
            return lambda: any(p.id == perk for p in session.game.player.perks) == gained
        return None

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
        self.app.running = False
