"""The title screen: Continue, New game, and the scenario picker."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.core import saves
from game.core.checker import check_file
from game.core.classfile import ClassPlan
from game.core.commands import CommandError
from game.core.diagnostics import Diagnostic
from game.core.model import Scenario
from game.core.profiles import GameEntry, describe_save
from game.core.scenariofiles import scenario_files
from game.ui import theme as th
from game.ui.cards import Badges, Card, CardButton, Line
from game.ui.listview import CardList
from game.ui.scene import Scene
from game.ui.scenes.confirm import ConfirmScene
from game.ui.scenes.profiles import ProfileScene
from game.ui.session import ScenarioChanged, Session, resume
from game.ui.widgets import Button, flow

MAX_CONTINUE = 3
"""Unfinished games of the player offered on the title screen, newest first."""

if TYPE_CHECKING:
    from game.ui.flow import Flow


@dataclass(frozen=True, slots=True)
class Entry:
    """A scenario file found on disk, checked."""

    path: str
    scenario: Scenario | None
    diagnostics: tuple[Diagnostic, ...]


def find_scenarios(folder: Path, first: str | None = None) -> list[Entry]:
    """Every scenario file in `folder` (``scenariofiles.scenario_files``: not includes), checked,
    in the order their ``order:`` keys give (broken files last). Hidden scenarios (templates,
    drafts: ``hidden: true``) are left out. Only the first ``scenariofiles.MAX_FILES`` YAML files
    (by name) are looked at; FIFOs, devices and files over 1 MiB are skipped.

    `first` (a path) is listed first even when it lives elsewhere, hidden or not.
    """
    paths = scenario_files(folder)
    if first is not None:
        chosen = Path(first)
        paths = [chosen] + [p for p in paths if p.resolve() != chosen.resolve()]
    out = []
    for path in paths:
        result = check_file(path)
        ok = result.scenario is not None and result.ok
        out.append(Entry(str(path), result.scenario if ok else None, result.diagnostics))
    head = out[:1] if first is not None else []
    rest = [e for e in out[len(head) :] if e.scenario is None or not e.scenario.hidden]
    return head + sorted(rest, key=lambda e: e.scenario.order if e.scenario else 1000)


def class_scenarios(plan: ClassPlan) -> list[Entry]:
    """The scenarios of a class, in the class file's order (already checked, never hidden)."""
    return [Entry(s.path, s, ()) for s in plan.scenarios]


class TitleScene(Scene):
    """Continue (when a save exists), New game, Quit, and a list of scenarios to choose from."""

    def __init__(self, app: Flow, message: str = "") -> None:
        """Scan the scenario folder and the save."""
        super().__init__(app)
        self.message = message
        plan = app.config.class_plan
        self.entries = (
            class_scenarios(plan)
            if plan is not None
            else find_scenarios(app.config.scenarios_dir, app.config.scenario_path)
        )
        self._read_elsewhere: dict[str, Scenario | None] = {}
        """Scenarios of saves that are not in the list, read once from their files."""
        self.save: saves.Save | None = None
        self.save_text: str | None = None
        self.changed: tuple[str, saves.Store, str] | None = None
        """A save whose scenario changed: its text, its store and the scenario's path."""
        self._read_save()
        self.continue_button = Button("continue", self.s("title.continue"), icon="check")
        self.games: list[GameEntry] = []
        self.player_button = Button("player", self.s("title.player_none"))
        if app.config.book is not None:
            self._read_games()
        self.new_button = Button("new", self.s("title.new"), icon="plus")
        self.quit_button = Button("quit", self.s("title.quit"))
        self.settings_button = Button("settings", self.s("menu.settings"))
        self.again_button = Button("again", self.s("title.again"), icon="plus")
        self.picker = CardList("picker")
        buttons = [self.new_button, self.settings_button]
        self.finished = self._save_is_finished()
        if self.save is not None:
            buttons.insert(0, self.continue_button)
        if app.config.book is not None:
            buttons = [
                self.player_button,
                *(
                    Button(f"game-{i}", self._game_label(g), icon="check")
                    for i, g in enumerate(self.games[:MAX_CONTINUE])
                ),
                *buttons,
            ]
        if self.finished:  # one "Play again"; other scenarios start from the picker below
            buttons[buttons.index(self.new_button)] = self.again_button
        if sys.platform != "emscripten":
            buttons.append(self.quit_button)
        self.buttons = buttons
        self.focus.set_items([*buttons, self.picker])
        self.rects: dict[str, pygame.Rect] = {}

    def _read_games(self) -> None:
        """The unfinished games of the player in use (profile mode)."""
        book, profile = self.app.config.book, self.app.profile
        self.games = book.unfinished(profile) if book is not None and profile else []
        if profile:
            self.player_button.label = self.s("title.player", name=profile)

    def _game_label(self, game: GameEntry) -> str:
        return self.s("title.continue_game", title=game.title, day=game.day, days=game.days)

    def _save_is_finished(self) -> bool:
        """True when the saved game is over (offered as its debrief, or to play again)."""
        if self.save_text is None:
            return False
        try:
            return resume(self.save_text, None).game.over
        except (saves.SaveError, CommandError, OSError):
            return False

    def _read_save(self) -> None:
        store = self.app.config.store
        if store is None:
            return
        try:
            text = store.read()
            if text is None:
                return
            self.save = saves.load_save(text)
            self.save_text = text
        except saves.SaveError as err:
            self._set_aside(store, str(err))

    def _set_aside(self, store: saves.Store, reason: str) -> None:
        try:
            aside = store.set_aside() or "-"
        except (OSError, saves.SaveError) as err:
            aside = f"- ({err})"
        self.save = None
        self.save_text = None
        self.message = self.s("title.save_damaged", reason=reason, aside=aside)

    def saved_scenario(self, path: str) -> Scenario | None:
        """The scenario at `path`: from the listed ones, else read from the file itself (a save
        of a scenario not in the list); None when it cannot be read."""
        for entry in self.entries:
            if entry.scenario is not None and Path(entry.path).resolve() == Path(path).resolve():
                return entry.scenario
        if path not in self._read_elsewhere:
            self._read_elsewhere[path] = check_file(path).scenario
        return self._read_elsewhere[path]

    def entry_title(self, path: str) -> str:
        """The title of the scenario at `path`, or a player sentence when it cannot be read
        (never a file name)."""
        scenario = self.saved_scenario(path)
        return scenario.title if scenario is not None else self.s("title.unknown_game")

    def cards(self) -> list[Card]:
        """A card per scenario: title, description, language, minutes; or a note on its errors."""
        out = []
        for i, entry in enumerate(self.entries):
            sc = entry.scenario
            if sc is None:
                parts = (
                    Badges((), lead=Path(entry.path).name),
                    Line(
                        self.s("title.scenario_broken"),
                        "meta",
                        th.ERROR,
                        icon="flag",
                        icon_color=th.ERROR,
                    ),
                )
                out.append(
                    Card(
                        ("scenario", i),
                        parts,
                        (CardButton("errors", self.s("error.title"), icon="flag"),),
                        accent=th.ERROR,
                    )
                )
                continue
            meta = self.s(
                "title.scenario_meta",
                language=self.app.strings.language_name(sc.language),
                minutes=sc.minutes,
                days=sc.days,
            )
            parts = (
                Badges(((sc.language.upper(), th.ACCENT),), lead=sc.title),
                Line(sc.description, "meta"),
                Line(meta, "small", th.MUTED),
            )
            out.append(
                Card(
                    ("scenario", i),
                    parts,
                    (CardButton("play", self.s("title.start"), icon="plus"),),
                    accent=th.ACCENT,
                )
            )
        return out

    def layout(self) -> None:
        """Title block, message, buttons, picker."""
        t = self.ctx.theme
        a = self.area()
        width = min(a.width - 2 * t.pad, t.px(1000))
        x = a.centerx - width // 2
        y = a.y + t.px(20)
        self.rects["title"] = pygame.Rect(x, y, width, self.ctx.text.line_height("title"))
        y += self.ctx.text.line_height("title")
        tagline = self.ctx.text.wrap(self.s("app.tagline"), "meta", width)
        self.rects["tagline"] = pygame.Rect(
            x, y, width, len(tagline) * self.ctx.text.line_height("meta")
        )
        y = self.rects["tagline"].bottom + t.pad
        if self.message:
            lines = self.ctx.text.wrap(self.message, "meta", width)
            self.rects["message"] = pygame.Rect(
                x, y, width, len(lines) * self.ctx.text.line_height("meta")
            )
            y = self.rects["message"].bottom + t.pad
        if self.save is not None and self.finished:
            self.continue_button.label = (
                self.s("title.finished")
                + "  -  "
                + self.s("title.finished_detail", title=self.entry_title(self.save.scenario_path))
            )
        elif self.save is not None:
            scenario = self.saved_scenario(self.save.scenario_path)
            detail = (
                self.s("title.continue_unknown", day=self.save.day)
                if scenario is None
                else self.s(
                    "title.continue_detail",
                    title=scenario.title,
                    day=self.save.day,
                    days=scenario.days,
                )
            )
            self.continue_button.label = self.s("title.continue") + "  -  " + detail
        y = self.place_buttons(x, y, width) + t.pad
        self.rects["pick"] = pygame.Rect(x, y, width, self.ctx.text.line_height("heading"))
        y += self.ctx.text.line_height("heading") + t.px(4)
        hint_h = self.ctx.text.line_height("small") + t.px(6)
        self.picker.set_rect(pygame.Rect(x, y, width, a.bottom - y - t.pad - hint_h), self.ctx)
        self.picker.set_cards(self.cards(), self.ctx)
        self.rects["hint"] = pygame.Rect(
            x, a.bottom - t.pad - self.ctx.text.line_height("small"), width, 10
        )

    def place_buttons(self, x: int, y: int, width: int) -> int:
        """The buttons in one row when they fit; otherwise Continue (the game in progress)
        alone on a full-width first row and the others in a row under it, so no button is
        left alone on a row of its own. Returns the bottom y."""
        gap = self.ctx.theme.px(10)
        total = sum(b.measure(self.ctx)[0] for b in self.buttons) + gap * (len(self.buttons) - 1)
        first = self.buttons[0] if self.buttons else None
        if total <= width or first is not self.continue_button:
            return flow(self.buttons, self.ctx, x, y, width)
        h = first.measure(self.ctx)[1]
        first.rect = pygame.Rect(x, y, width, h)
        return flow(self.buttons[1:], self.ctx, x, y + h + gap, width)

    def activate(self, id: str, payload: object) -> None:
        """Continue, start the chosen scenario, show a broken one's errors, or quit."""
        if id == "continue":
            self.continue_game()
        elif id == "player":
            self.app.push(ProfileScene(self.app, then=self.app.to_title))
        elif id.startswith("game-"):
            self.continue_entry(self.games[int(id[5:])])
        elif id == "replay_new":
            self.replay_changed()
        elif id == "restart":
            self.start_again()
        elif id == "again" and self.save is not None:
            self.play_again(self.save.scenario_path)
        elif id == "new":
            index = self.picker.selected
            if self.entries:
                self.choose(index)
        elif id == "quit":
            self.app.quit()
        elif id == "settings":
            from game.ui.scenes.settings import SettingsScene

            self.app.push(SettingsScene(self.app))
        elif id == "picker" and isinstance(payload, tuple):
            self.choose(int(payload[0][1]))

    def choose(self, index: int) -> None:
        """Start the scenario at `index` (or show its errors). With profiles: ask who is
        playing first, offer to continue an unfinished game of the same scenario, and never
        replace an unfinished game without asking."""
        entry = self.entries[index]
        book, profile = self.app.config.book, self.app.profile
        if entry.scenario is None:
            self.app.show_errors(entry.path, entry.diagnostics, keep_game=False)
        elif book is None:
            self.replace_single_save(index)
        elif profile is None:
            self.app.push(ProfileScene(self.app, then=lambda: self.choose(index)))
        else:
            self.offer_same(index)

    def replace_single_save(self, index: int) -> None:
        """Without profiles there is one save: ask before a new game replaces an unfinished
        one (continue it, replace it, or cancel)."""
        entry = self.entries[index]
        info = describe_save(self.save) if self.save is not None else None
        if info is None or info.finished:
            self.app.start_game(entry.scenario, entry.path)
            return

        def answer(choice: str) -> None:
            if choice == "continue":
                self.continue_game()
            elif choice == "replace":
                self.app.start_game(entry.scenario, entry.path)

        text = self.s("confirm.single", title=info.title, day=info.day, days=info.days)
        answers = [
            ("continue", self.s("confirm.continue")),
            ("replace", self.s("confirm.replace_new")),
            ("cancel", self.s("confirm.cancel")),
        ]
        self.app.push(
            ConfirmScene(self.app, self.s("confirm.title"), text, answers, answer, ("replace",))
        )

    def offer_same(self, index: int) -> None:
        """An unfinished game of this scenario: continue it, or start another (it is kept)."""
        entry = self.entries[index]
        same = next(
            (
                g
                for g in self.games
                if Path(g.scenario_path).resolve() == Path(entry.path).resolve()
            ),
            None,
        )
        if same is None:
            self.make_room(index)
            return

        def answer(choice: str) -> None:
            if choice == "continue":
                self.continue_entry(same)
            elif choice == "new":
                self.make_room(index)

        text = self.s("confirm.same", title=same.title, day=same.day, days=same.days)
        answers = [
            ("continue", self.s("confirm.continue")),
            ("new", self.s("confirm.new")),
            ("cancel", self.s("confirm.cancel")),
        ]
        self.app.push(ConfirmScene(self.app, self.s("confirm.title"), text, answers, answer))

    def make_room(self, index: int) -> None:
        """Start the game in a free slot; ask before it replaces an unfinished game."""
        entry = self.entries[index]
        book, profile = self.app.config.book, self.app.profile
        victim = book.to_replace(profile)

        def start(replace: bool) -> None:
            try:
                store = book.new_game(profile, replace_unfinished=replace)
            except saves.SaveError as err:
                self.app.toasts.add(self.s("profile.save_failed", reason=err), "flag", th.ERROR)
                return
            self.app.start_game(entry.scenario, entry.path, store)

        if victim is None or victim.finished:
            start(False)
            return
        text = self.s("confirm.full", title=victim.title, day=victim.day, days=victim.days)
        answers = [("replace", self.s("confirm.replace")), ("cancel", self.s("confirm.cancel"))]
        self.app.push(
            ConfirmScene(
                self.app,
                self.s("confirm.title"),
                text,
                answers,
                lambda choice: start(True) if choice == "replace" else None,
                ("replace",),
            )
        )

    def continue_entry(self, game: GameEntry) -> None:
        """Resume one of the profile's games (see :meth:`resume_save`)."""
        store = self.app.config.book.store(game)
        try:
            text = store.read()
        except saves.SaveError as err:
            self._set_aside(store, str(err))
            self.app.to_title(self.message)
            return
        if text is None:
            self._set_aside(store, "the game is gone")
            self.app.to_title(self.message)
            return
        self.resume_save(text, store)

    def play_again(self, path: str) -> None:
        """Start the finished game's scenario anew (or show its errors)."""
        for index, entry in enumerate(self.entries):
            if Path(entry.path).resolve() == Path(path).resolve():
                self.choose(index)
                return
        self.app.open_scenario(path)

    def continue_game(self) -> None:
        """Resume the single save (see :meth:`resume_save`)."""
        store = self.app.config.store
        if self.save_text is not None and store is not None:
            self.resume_save(self.save_text, store)

    def resume_save(self, text: str, store: saves.Store, allow_changed: bool = False) -> None:
        """Resume a saved game. A changed scenario offers "replay with the new rules" or "start
        again"; a save that no longer loads is reported and set aside."""
        try:
            session: Session = resume(text, store, allow_changed)
        except ScenarioChanged as changed:
            self._offer_changed(changed, text, store)
            return
        except (saves.SaveError, CommandError, OSError) as err:
            self._set_aside(store, str(err))
            if self.app.config.book is not None:
                self.app.to_title(self.message)
                return
            self._drop_continue()
            return
        self.app.resume(session)

    def _offer_changed(self, changed: ScenarioChanged, text: str, store: saves.Store) -> None:
        """Swap Continue for the two ways on after the scenario changed, and say why."""
        self.changed = (text, store, changed.scenario_path)
        self.message = self.s("title.save_changed", title=changed.title)
        self._drop_continue()
        replay = Button("replay_new", self.s("title.replay_new"), icon="check")
        restart = Button("restart", self.s("title.start_again"), icon="plus")
        self.buttons[:0] = [replay, restart]
        self.focus.set_items([*self.buttons, self.picker])
        self.focus.focus("replay_new")
        self.layout()

    def replay_changed(self) -> None:
        """Replay the saved moves on the changed scenario."""
        if self.changed is not None:
            text, store, _ = self.changed
            self.resume_save(text, store, allow_changed=True)

    def start_again(self) -> None:
        """Start the changed scenario afresh in the same save (replaced at its next save)."""
        if self.changed is None:
            return
        _, store, path = self.changed
        result = check_file(path)
        if result.scenario is None or not result.ok:
            self.app.show_errors(path, result.diagnostics, keep_game=False)
            return
        self.app.start_game(result.scenario, path, store)

    def _drop_continue(self) -> None:
        if self.continue_button in self.buttons:
            self.buttons.remove(self.continue_button)
        self.focus.set_items([*self.buttons, self.picker])
        self.layout()

    def back(self) -> None:
        """Esc on the title does nothing (Quit is a button)."""

    def draw(self, surface: pygame.Surface) -> None:
        """Everything on the title screen."""
        text = self.ctx.text
        surface.blit(
            text.render(
                text.fit(self.s("app.title"), "title", self.rects["title"].width), "title", th.TEXT
            ),
            self.rects["title"],
        )
        y = self.rects["tagline"].y
        for line in text.wrap(self.s("app.tagline"), "meta", self.rects["tagline"].width):
            surface.blit(text.render(line, "meta", th.MUTED), (self.rects["tagline"].x, y))
            y += text.line_height("meta")
        if "message" in self.rects and self.message:
            y = self.rects["message"].y
            for line in text.wrap(self.message, "meta", self.rects["message"].width):
                surface.blit(text.render(line, "meta", th.WARNING), (self.rects["message"].x, y))
                y += text.line_height("meta")
        surface.blit(text.render(self.s("title.pick"), "heading", th.TEXT), self.rects["pick"])
        if not self.entries:
            folder = str(self.app.config.scenarios_dir)
            surface.blit(
                text.render(self.s("title.no_scenarios", folder=folder), "body", th.MUTED),
                self.picker.rect,
            )
        hint = text.fit(self.s("title.hint"), "small", self.rects["hint"].width)
        surface.blit(text.render(hint, "small", th.MUTED), self.rects["hint"])
        self.draw_widgets(surface)
