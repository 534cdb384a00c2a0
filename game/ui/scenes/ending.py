"""The ending card after the last day, before the debrief: what the week amounted to for this
player (their tier and what it now means, who is still their friend), in the scenario's words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui import theme as th
from game.ui.cards import Card
from game.ui.present import text_card
from game.ui.scenes.panels import ListPanel

if TYPE_CHECKING:
    from game.ui.flow import Flow


class EndingScene(ListPanel):
    """Tier and its ending, friends kept and lost; the button goes on to the debrief."""

    fit = True

    title_key = "ending.title"

    def __init__(self, app: Flow) -> None:
        """The ending of the session's finished game."""
        super().__init__(app)
        self.close.label = self.s("ending.next")
        self.close.icon = "check"
        self.focus.focus("close")

    def cards(self) -> list[Card]:
        """Why it ended (if a rule ended it), the tier and its meaning, friends kept and lost."""
        game = self.app.session.game
        scenario = game.scenario
        player = game.player
        s = self.app.strings
        out: list[Card] = []
        if game.ended_early and game.end_reason is not None:  # else the title says it
            out.append(text_card(s.say(game.end_reason), "reason", "body", th.WARNING))
        line = s("ending.tier", tier=player.tier.name, name=scenario.score_name, score=player.score)
        out.append(text_card(line, "tier", "heading"))
        if player.tier.ending:
            out.append(text_card(player.tier.ending, "meaning"))
        kept = [f.name for f in game.friends if f.is_friend]
        start = {f.id for f in scenario.friends if f.is_friend}
        lost = [f.name for f in game.friends if f.id in start and not f.is_friend]
        names = ", ".join(kept)
        out.append(
            text_card(s("ending.friends", names=names) if kept else s("ending.no_friends"), "kept")
        )
        if lost:
            out.append(text_card(s("ending.lost", names=", ".join(lost)), "lost", "body", th.LOSS))
        return out

    def activate(self, id: str, payload: object) -> None:
        """On to the debrief."""
        if id == "close":
            self.app.show_debrief()

    def back(self) -> None:
        """Esc does the same as the button."""
        self.activate("close", None)
