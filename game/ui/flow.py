"""What a scene receives: the screen it draws on, the scene stack, and the game's flow.

Scenes depend on this protocol, never on the window and loop (``game.ui.app``): the flow
(``game.ui.gameflow.GameFlow``) decides what comes next (title, a new or restored game, F5,
the day's end, the debrief, a scenario's errors) and the app only runs frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from game.ui.audio import Audio
from game.ui.config import AppConfig
from game.ui.hud import Hud
from game.ui.links import Links
from game.ui.settings import Settings
from game.ui.strings import Strings
from game.ui.toasts import Toasts
from game.ui.widgets import UIContext

if TYPE_CHECKING:
    from game.core.commands import Command
    from game.core.diagnostics import Diagnostic
    from game.core.model import Scenario
    from game.core.saves import Store
    from game.core.views import Notice
    from game.ui.scene import Scene
    from game.ui.session import Session


class Flow(Protocol):
    """The services and the game flow a scene may use."""

    config: AppConfig
    strings: Strings
    session: Session | None
    hud: Hud
    toasts: Toasts
    links: Links
    profile: str | None
    """The name of the player whose profile is in use (class play), else None."""

    @property
    def settings(self) -> Settings:
        """The player's settings."""
        ...

    @property
    def audio(self) -> Audio:
        """The game's sounds."""
        ...

    def apply_settings(self, settings: Settings) -> str | None:
        """Use and remember new settings; an error message when they cannot be stored."""
        ...

    @property
    def ctx(self) -> UIContext:
        """The drawing context (theme, text cache)."""
        ...

    @property
    def size(self) -> tuple[int, int]:
        """The window's size in pixels."""
        ...

    @property
    def stack(self) -> Sequence[Scene]:
        """The scenes on screen, bottom first."""
        ...

    def push(self, scene: Scene) -> None:
        """Put a scene on top."""
        ...

    def pop(self) -> Scene:
        """Remove the top scene."""
        ...

    def reset(self, scene: Scene) -> None:
        """Replace every scene with this one."""
        ...

    def start_game(self, scenario: Scenario, path: str, store: Store | None = None) -> None:
        """Start a new game of ``scenario`` (saved in ``store``, else where new games go)."""
        ...

    def resume(self, session: Session) -> None:
        """Continue a restored game."""
        ...

    def open_scenario(self, path: str) -> None:
        """Check a scenario file and start it, or show its errors."""
        ...

    def to_title(self, message: str = "") -> None:
        """Save the game in progress and go back to the title screen."""
        ...

    def show_errors(self, path: str, diagnostics: Sequence[Diagnostic], keep_game: bool) -> None:
        """Show a scenario's located errors (over the game when ``keep_game``)."""
        ...

    def show_debrief(self) -> None:
        """Replace the game's screens with the debrief."""
        ...

    def command(self, command: Command) -> tuple[Notice, ...] | None:
        """Send a command to the game; its notices, or None (and a toast) when refused."""
        ...

    def show_notices(self, notices: Sequence[Notice]) -> None:
        """Turn the notable notices into toasts."""
        ...

    def reload(self) -> None:
        """F5: read the scenario again and replay the game so far."""
        ...

    def quit(self) -> None:
        """Save the game in progress and close the window."""
        ...
