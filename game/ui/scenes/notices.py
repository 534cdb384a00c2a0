"""Every notice of the game, day by day, newest day first, to reread what a toast said."""

from __future__ import annotations

from game.ui import theme as th
from game.ui.cards import Card
from game.ui.present import heading_card, notice_card, text_card
from game.ui.scenes.panels import ListPanel
from game.ui.session import notable


class NoticesScene(ListPanel):
    """All notices so far, under the day they happened."""

    holds_toasts = True

    title_key = "notices.title"

    def cards(self) -> list[Card]:
        """A heading per day, then that day's notices in order."""
        game = self.app.session.game
        notices = notable(game.log)
        if not notices:
            return [text_card(self.s("notices.empty"), "empty", "meta", th.MUTED)]
        out: list[Card] = []
        for day in sorted({n.day for n in notices}, reverse=True):
            out.append(heading_card(self.s("notices.day", day=day), ("day", day), "body"))
            out += [
                notice_card(n, game.scenario, self.app.strings, ("notice", i))
                for i, n in enumerate(notices)
                if n.day == day
            ]
        return out
