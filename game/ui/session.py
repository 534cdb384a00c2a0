"""One play-through as the interface sees it: the core's Game, where it came from, and its save.

No game rules here: commands go to ``Game.apply``, views are read back, saves use the core's
``game.core.saves``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core import saves
from game.core.checker import check_file
from game.core.codes import Code
from game.core.commands import Command, CommandError, EndDay
from game.core.diagnostics import Diagnostic
from game.core.game import Game
from game.core.model import Scenario
from game.core.quiz import Claim, check_ratings
from game.core.quizsave import load_quiz, quiz_to_json, sidecar
from game.core.views import Notice, ScoreChange
from game.ui import theme as th
from game.ui.avatars import Face, account_face
from game.ui.hud import HudState, main_change


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What F5 found: errors in the file (game kept), a replay failure, or success."""

    diagnostics: tuple[Diagnostic, ...] = ()
    replay_error: str | None = None
    replayed: int = 0

    @property
    def ok(self) -> bool:
        """True when the new scenario is in play."""
        return not self.diagnostics and self.replay_error is None


class Session:
    """A running game plus its scenario path and the store its autosaves go to."""

    def __init__(self, game: Game, path: str, store: saves.Store | None) -> None:
        """Wrap a started game; `store` None disables saving."""
        self.game = game
        self.path = path
        self.store = store
        self.version = 0
        self.perk_changes: list[tuple[int, str, str]] = []
        """(day, perk id, "gained" or "lost") seen between commands, oldest first."""
        self.claims: tuple[Claim, ...] = ()
        """The claim quiz of this game (none when there is no quiz)."""
        self.quiz: dict[str, dict[str, int]] = {"before": {}, "after": {}}
        """The player's ratings by round ("before", "after") and claim id."""
        self.nickname = ""
        self.ask_nickname = True
        self.when = "morning"
        """Where the bar's changes came from: "morning" until the player's first action of the
        day (the morning's changes), "action" after one, "evening" after the last day's end."""
        self.last_changes: tuple[ScoreChange, ...] = self._morning(0)
        """The player's score changes set off by their last action; when a day has just
        started, that morning's changes (so the bar never shows a number nothing explains)."""

    def _morning(self, since: int) -> tuple[ScoreChange, ...]:
        """The player's changes dated today among those after the first `since` changes."""
        game = self.game
        return tuple(c for c in game.history[since:] if c.who == "player" and c.day == game.day)

    @classmethod
    def new(cls, scenario: Scenario, path: str, seed: int, store: saves.Store | None) -> Session:
        """Start a new game of `scenario`."""
        return cls(Game(scenario, seed), path, store)

    @property
    def scenario(self) -> Scenario:
        """The scenario in play."""
        return self.game.scenario

    def can(self, command: Command) -> str | None:
        """None when `command` is allowed now, else the core's reason."""
        return self.game.can(command)

    def apply(self, command: Command) -> tuple[Notice, ...]:
        """Send a command to the game. Raises CommandError with the core's reason."""
        mark = len(self.game.history)
        notices = _apply_tracking(self.game, command, self.perk_changes)
        changes = self.game.history[mark:]
        ended = isinstance(command, EndDay)
        self.when = "action" if not ended else "evening" if self.game.over else "morning"
        if self.when == "morning":
            self.last_changes = self._morning(mark)
        else:
            self.last_changes = tuple(c for c in changes if c.who == "player")
        self.version += 1
        return notices

    def save(self) -> str | None:
        """Write the save now (and the quiz answers next to it); returns an error message, or
        None on success (or no store)."""
        if self.store is None:
            return None
        try:
            self.store.write(saves.save_to_json(self.game))
            quiz_store = sidecar(self.store)
            if quiz_store is not None and self.claims:
                quiz_store.write(quiz_to_json(self.quiz, self.nickname))
        except (OSError, ValueError, saves.SaveError) as err:
            return str(err)
        return None

    def restore_quiz(self, claims: tuple[Claim, ...]) -> None:
        """Take the quiz ``claims`` and the answers kept next to the save; answers that no
        longer fit the claims are dropped (the player is asked again)."""
        self.claims = claims
        quiz_store = sidecar(self.store)
        if not claims or quiz_store is None:
            return
        try:
            text = quiz_store.read()
            rounds, self.nickname = load_quiz(text) if text else (self.quiz, self.nickname)
        except saves.SaveError:
            return
        for name, ratings in rounds.items():
            try:
                check_ratings(claims, ratings)
            except ValueError:
                continue
            self.quiz[name] = ratings

    def reload(self) -> ReloadResult:
        """Re-read the scenario from disk and replay the actions so far (the F5 key).

        On errors in the file or a replay that no longer applies, the current game is kept.
        """
        result = check_file(self.path)
        if result.scenario is None or not result.ok:
            errors = tuple(d for d in result.diagnostics if d.is_error) or result.diagnostics
            return ReloadResult(diagnostics=errors)
        actions = self.game.actions
        game = Game(result.scenario, self.game.seed)
        changes: list[tuple[int, str, str]] = []
        try:
            replay(game, actions, changes)
        except CommandError as err:
            return ReloadResult(replay_error=str(err))
        self.game = game
        self.perk_changes = changes
        self.version += 1
        return ReloadResult(replayed=len(actions))

    def hud_state(self) -> HudState:
        """What the score bar shows now."""
        game = self.game
        player = game.player
        mine = [c for c in game.history if c.who == "player"]
        last = self.last_changes
        main = main_change(tuple((c.delta, c.cause) for c in last))
        tiers = game.scenario.tiers
        index = next((i for i, t in enumerate(tiers) if t.id == player.tier.id), 0)
        return HudState(
            score_name=game.scenario.score_name,
            score=player.score,
            tier=player.tier.name,
            day=game.day,
            days=game.days,
            money=player.money,
            last_delta=sum(c.delta for c in last) if last else None,
            last_reason=main[1] if main else None,
            changes=len(mine),
            tier_color=th.tier_color_of(tiers, index),
            player_name=player.name,
            bands=tuple((t.low, t.high, th.tier_color_of(tiers, i)) for i, t in enumerate(tiers)),
            display=game.scenario.score_format,
            money_text=game.scenario.show_money(player.money),
            breakdown=tuple((c.delta, c.cause) for c in last),
            when=self.when,
        )

    def face(self, friend_id: str | None) -> Face:
        """The avatar of a friend (their picture when the scenario names one)."""
        for person in self.game.scenario.friends:
            if person.id == friend_id:
                return Face(person.id, person.name, image=person.image)
        return Face(friend_id or "?", friend_id or "?")

    def platform_face(self) -> Face:
        """The avatar of the platform's own account (its notifications and messages)."""
        return account_face(self.game.scenario.score_name)

    def sender_face(self, notice: Notice) -> Face:
        """The avatar of whoever a notice comes from: a friend, an account that is not a friend
        (by name), else the platform itself."""
        if notice.friend:
            return self.face(notice.friend)
        return account_face(notice.sender) if notice.sender else self.platform_face()

    def friend_name(self, friend_id: str | None) -> str:
        """A friend's display name (the id when unknown, empty for None)."""
        if friend_id is None:
            return ""
        for person in self.game.scenario.friends:
            if person.id == friend_id:
                return person.name
        return friend_id


class ScenarioChanged(saves.SaveError):
    """The saved game's scenario file has changed since the save was made; ``title`` and
    ``scenario_path`` are the changed scenario's."""

    def __init__(self, title: str, scenario_path: str) -> None:
        super().__init__("the scenario has changed since this game was saved")
        self.title, self.scenario_path = title, scenario_path


def resume(text: str, store: saves.Store | None, allow_changed: bool = False) -> Session:
    """Rebuild a session from save text, replaying its commands.

    Raises ScenarioChanged when the scenario differs from the saved one (unless
    ``allow_changed``, which replays the commands on the new rules), SaveError for a damaged save
    or a scenario that no longer loads, CommandError when a command no longer applies.
    """
    data = saves.load_save(text)
    result = check_file(data.scenario_path)
    if result.scenario is None or not result.ok:
        first = next((d for d in result.diagnostics if d.is_error), None)
        raise saves.SaveError(first.message if first else "the scenario cannot be loaded")
    if saves.scenario_changed(data, result.scenario) and not allow_changed:
        raise ScenarioChanged(result.scenario.title, data.scenario_path)
    game = Game(result.scenario, data.seed)
    session = Session(game, data.scenario_path, store)
    replay(game, data.actions, session.perk_changes)
    return session


def replay(game: Game, actions: Sequence[Command], changes: list[tuple[int, str, str]]) -> None:
    """Apply `actions` one by one, noting perk changes. Raises CommandError like ``Game.replay``."""
    for index, action in enumerate(actions):
        try:
            _apply_tracking(game, action, changes)
        except CommandError as err:
            code = Code.of(
                "refuse.replay", index=index + 1, command=type(action).__name__, reason=err.code
            )
            raise CommandError(code) from None


def _apply_tracking(
    game: Game, command: Command, changes: list[tuple[int, str, str]]
) -> tuple[Notice, ...]:
    """Apply one command and append the perks it gained or lost (compared as views)."""
    day = game.day
    before = {p.id for p in game.player.perks}
    notices = game.apply(command)
    after = {p.id for p in game.player.perks}
    told = {n.perk: n.day for n in notices if n.perk is not None}  # the day it happened
    changes.extend((told.get(pid, day), pid, "gained") for pid in sorted(after - before))
    changes.extend((told.get(pid, day), pid, "lost") for pid in sorted(before - after))
    return notices


NOTABLE_KINDS = (
    "notify",
    "message",
    "unfriend",
    "befriend",
    "perk_gained",
    "perk_lost",
    "tier",
    "end",
    "budget",
    "bought",
    "filter",
)
"""Notices worth showing to the player (as toasts, and in the day's summary)."""


def notable(notices: Sequence[Notice]) -> list[Notice]:
    """The notices worth showing to the player as toasts (not score lines or day markers)."""
    return [n for n in notices if n.kind in NOTABLE_KINDS]
