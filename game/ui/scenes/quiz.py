"""The claim quiz: each claim rated from 1 (definitely false) to 6 (definitely true).

Shown before day 1 (over the feed) and after the debrief (then the results card follows).
The claims come in a random order fixed by the game's seed, a different one each round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.quiz import SCALE, shuffled
from game.ui import theme as th
from game.ui.cards import Card, CardButton, Line
from game.ui.listview import CardList
from game.ui.scene import Scene
from game.ui.widgets import Button, flow

if TYPE_CHECKING:
    from game.ui.flow import Flow

ROUNDS = ("before", "after")


class QuizScene(Scene):
    """One round of the quiz; Done stores the ratings in the session and moves on."""

    def __init__(self, app: Flow, round: str) -> None:
        """The ``round`` ("before" or "after") of the session's quiz."""
        super().__init__(app)
        session = app.session
        self.round = round
        self.claims = shuffled(session.claims, session.game.seed * 2 + ROUNDS.index(round))
        self.ratings: dict[str, int] = dict(session.quiz[round])
        self.list = CardList("claims")
        self.done = Button("done", self.s("quiz.done"), icon="check")
        self.focus.set_items([self.list, self.done])
        self.rects: dict[str, pygame.Rect] = {}

    def cards(self) -> list[Card]:
        """One card per claim with the six ratings as buttons (the chosen one marked)."""
        return [
            Card(
                claim.id,
                (Line(claim.text, "body"),),
                tuple(
                    CardButton(
                        str(n), self.s(f"quiz.rate.{n}"), active=self.ratings.get(claim.id) == n
                    )
                    for n in SCALE
                ),
                accent=th.ACCENT if claim.id in self.ratings else th.BORDER,
            )
            for claim in self.claims
        ]

    def layout(self) -> None:
        """Title and intro on top, the claims, then the progress and Done at the bottom."""
        t = self.ctx.theme
        a = self.area()
        width = min(a.width - 2 * t.pad, t.px(1000))
        x = a.centerx - width // 2
        title_h = self.ctx.text.line_height("heading") + t.px(8)
        intro_h = self.ctx.text.line_height("meta") * 2 + t.px(8)
        self.rects["title"] = pygame.Rect(x, a.y + t.pad, width, title_h)
        self.rects["intro"] = pygame.Rect(x, a.y + t.pad + title_h, width, intro_h)
        button_h = self.done.measure(self.ctx)[1]
        bottom = a.bottom - t.pad - button_h
        flow([self.done], self.ctx, x + width - self.done.measure(self.ctx)[0], bottom, width)
        self.rects["progress"] = pygame.Rect(x, bottom, width // 2, button_h)
        top = self.rects["intro"].bottom
        self.list.set_rect(pygame.Rect(x, top, width, bottom - t.pad - top), self.ctx)
        self.list.set_cards(self.cards(), self.ctx)

    def refresh(self) -> None:
        """Redraw the cards with the current ratings."""
        self.list.set_cards(self.cards(), self.ctx)

    def activate(self, id: str, payload: object) -> None:
        """A rating button sets that claim's rating; Done moves on when every claim is rated."""
        if id == "claims" and isinstance(payload, tuple) and len(payload) == 2:
            claim_id, rating = payload
            if str(rating).isdigit() and int(rating) in SCALE:
                self.ratings[str(claim_id)] = int(rating)
                self.refresh()
        elif id == "done":
            self.finish()

    def finish(self) -> None:
        """Store the ratings and go on: back to the game, or to the results card."""
        left = len(self.claims) - len(self.ratings)
        if left:
            self.app.toasts.add(self.s("quiz.missing", n=left), "minus", th.WARNING, own=True)
            return
        session = self.app.session
        session.quiz[self.round] = dict(self.ratings)
        session.save()  # the answers are kept even if the game is closed now
        if self.round == "before":
            self.app.pop()
            self.app.show_notices(session.game.log)
        else:
            from game.ui.scenes.results import ResultsScene

            self.app.reset(ResultsScene(self.app))

    def back(self) -> None:
        """Esc does not skip the quiz: it says what is left."""
        self.finish()

    def draw(self, surface: pygame.Surface) -> None:
        """Title, intro, claims, progress and Done."""
        key = "quiz.title_before" if self.round == "before" else "quiz.title_after"
        self.draw_title(surface, self.s(key), self.rects["title"])
        intro = self.rects["intro"]
        y = intro.y
        for line in self.ctx.text.wrap(self.s("quiz.intro"), "meta", intro.width)[:2]:
            surface.blit(self.ctx.text.render(line, "meta", th.MUTED), (intro.x, y))
            y += self.ctx.text.line_height("meta")
        progress = self.s("quiz.progress", n=len(self.ratings), total=len(self.claims))
        rect = self.rects["progress"]
        text = self.ctx.text.render(progress, "meta", th.MUTED)
        surface.blit(text, (rect.x, rect.centery - text.get_height() // 2))
        self.draw_widgets(surface)


def open_results(app: Flow) -> None:
    """From the debrief: the second quiz round when there is a quiz, else the results card."""
    session = app.session
    if session.claims and not session.quiz["after"] and session.quiz["before"]:
        app.reset(QuizScene(app, "after"))
        return
    from game.ui.scenes.results import ResultsScene

    app.reset(ResultsScene(app))
