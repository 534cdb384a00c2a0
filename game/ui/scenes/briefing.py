"""The briefing card before day 1 (and from the menu): who you are, what the score is, what to
try first, in the scenario's own words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui import theme as th
from game.ui.cards import Card
from game.ui.present import text_card
from game.ui.scenes.panels import ListPanel

if TYPE_CHECKING:
    from game.ui.flow import Flow


class BriefingScene(ListPanel):
    """The scenario's briefing lines and where the player's score starts; one button to go on."""

    fit = True

    def __init__(self, app: Flow, first: bool) -> None:
        """`first` for the card before day 1 (its button starts the day and the guide)."""
        super().__init__(app)
        self.first = first
        self.close.label = self.s("briefing.start" if first else "briefing.close")
        self.close.icon = "check" if first else None
        self.focus.focus("close")

    def title(self) -> str:
        """The scenario's title."""
        return self.app.session.scenario.title

    def cards(self) -> list[Card]:
        """One card per briefing line, then the score and tier the bar shows (and where the
        score started, when the first morning has already moved it)."""
        scenario = self.app.session.scenario
        out = [text_card(line, ("line", i)) for i, line in enumerate(scenario.briefing)]
        start, now = scenario.player_score, self.app.session.game.player.score
        line = self.s(
            "briefing.score" if now == start else "briefing.score_moved",
            name=scenario.score_name,
            score=scenario.show_score(now),
            start=scenario.show_score(start),
            tier=scenario.tier_for(now).name,
        )
        out.append(text_card(line, "score", "meta", th.MUTED))
        return out

    def activate(self, id: str, payload: object) -> None:
        """Close the card; before day 1, show the day's notices and start the guide."""
        if id != "close":
            return
        from game.ui.scenes.play import PlayScene

        self.app.pop()
        if self.first and self.app.session is not None:
            play = self.app.stack[0] if self.app.stack else None
            if isinstance(play, PlayScene):
                play.start_guide()
                play.feed.disarm()  # a second Enter likes no post the player did not choose
            if not self.app.session.claims:  # else the quiz shows them once answered
                self.app.show_notices(self.app.session.game.log)

    def back(self) -> None:
        """Esc does the same as the button."""
        self.activate("close", None)
