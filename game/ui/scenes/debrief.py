"""The debrief: the score chart, the changes that mattered, facts and myths, questions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.model import Fact
from game.ui import theme as th
from game.ui.cards import Badges, Card, Custom, Gap, Line
from game.ui.chart import ChartData, paint_chart
from game.ui.listview import CardList
from game.ui.present import change_card, heading_card, text_card
from game.ui.scene import Scene
from game.ui.widgets import Button, flow

VERDICT_COLORS = {"fact": th.GAIN, "myth": th.LOSS, "partly": th.WARNING}
VERDICT_ICONS = {"fact": "check", "myth": "minus", "partly": "dot"}
BIGGEST = 5

if TYPE_CHECKING:
    from game.ui.app import App


class DebriefScene(Scene):
    """A scrolling page of the debrief, with Play again / Choose another always at the bottom."""

    def __init__(self, app: App) -> None:
        """The debrief of the app's (finished) session."""
        super().__init__(app)
        self.list = CardList("debrief")
        self.again = Button("again", self.s("debrief.again"), icon="check")
        self.other = Button("other", self.s("debrief.other"))
        self.focus.set_items([self.list, self.again, self.other])

    def layout(self) -> None:
        """Title on top, buttons at the bottom, the page between."""
        t = self.ctx.theme
        a = self.area()
        width = min(a.width - 2 * t.pad, t.px(1000))
        x = a.centerx - width // 2
        buttons_h = flow([self.again, self.other], self.ctx, x, 0, width)
        flow([self.again, self.other], self.ctx, x, a.bottom - t.pad - buttons_h, width)
        top = a.y + t.pad + self.ctx.text.line_height("heading") + t.px(8)
        self.list.set_rect(
            pygame.Rect(x, top, width, a.bottom - 2 * t.pad - buttons_h - top), self.ctx
        )
        self.list.set_cards(self.cards(), self.ctx)

    def refresh(self) -> None:
        """The game is over: nothing changes."""

    def cards(self) -> list[Card]:
        """Everything the debrief shows, in reading order."""
        session = self.app.session
        game = session.game
        s = self.app.strings
        scenario = game.scenario
        player = game.player
        out: list[Card] = []
        if game.end_reason:
            out.append(
                text_card(s("debrief.ended", reason=game.end_reason), "ended", "body", th.WARNING)
            )
        out.append(
            text_card(
                s("debrief.final", score=player.score, tier=player.tier.name), "final", "body"
            )
        )
        data = ChartData(
            game.score_series,
            scenario.tiers,
            scenario.score_min,
            scenario.score_max,
            game.days,
            s("debrief.chart_days"),
            s("debrief.chart_score"),
        )
        out.append(
            Card(
                "chart",
                (
                    Line(s("debrief.chart"), "heading"),
                    Custom(data, 320, lambda surf, rect, ctx: paint_chart(surf, rect, ctx, data)),
                ),
            )
        )
        out.append(text_card(scenario.debrief.summary, "summary"))
        out.append(heading_card(s("debrief.biggest"), "biggest"))
        mine = [c for c in game.history if c.who == "player"]
        biggest = sorted(mine, key=lambda c: (-abs(c.delta), c.seq))[:BIGGEST]
        out += [change_card(c, s) for c in sorted(biggest, key=lambda c: c.seq)]
        if not mine:
            out.append(text_card(s("debrief.no_changes"), "nochange", "meta", th.MUTED))
        out.append(heading_card(s("debrief.facts"), "facts"))
        out += [fact_card(f, i, s) for i, f in enumerate(scenario.debrief.facts)]
        out.append(heading_card(s("debrief.questions"), "questions"))
        out += [
            Card(("q", i), (Line(f"{i + 1}. {q}"),))
            for i, q in enumerate(scenario.debrief.questions)
        ]
        return out

    def activate(self, id: str, payload: object) -> None:
        """Play the same scenario again, or go to the picker."""
        if id == "again":
            session = self.app.session
            self.app.open_scenario(session.path)
        elif id == "other":
            self.app.to_title()

    def back(self) -> None:
        """Esc goes to the title screen."""
        self.app.to_title()

    def draw(self, surface: pygame.Surface) -> None:
        """Title, page and buttons."""
        t = self.ctx.theme
        a = self.area()
        title = self.s("debrief.title", title=self.app.session.scenario.title)
        self.draw_title(
            surface, title, pygame.Rect(self.list.rect.x, a.y + t.pad, self.list.rect.width, 10)
        )
        self.draw_widgets(surface)


def fact_card(fact: Fact, index: int, s) -> Card:
    """A claim with its verdict (word + icon + colour), the explanation and the sources."""
    color = VERDICT_COLORS.get(fact.verdict, th.ACCENT)
    verdict = s(f"verdict.{fact.verdict}")
    parts: list = [
        Badges(((verdict, color),)),
        Line(fact.claim, "body", icon=VERDICT_ICONS.get(fact.verdict), icon_color=color),
        Gap(4),
        Line(fact.explanation, "meta"),
    ]
    if fact.sources:
        parts.append(Line(s("debrief.sources"), "small", th.MUTED))
        for source in fact.sources:
            bits = [source.title]
            if source.year:
                bits.append(f"({source.year})")
            if source.url:
                bits.append(source.url)
            parts.append(Line(" ".join(bits), "small", th.MUTED, icon="dot", icon_color=th.MUTED))
    return Card(("fact", index), tuple(parts), accent=color)
