"""Ending a day (with its summary and the autosave) and the in-game menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core import commands as cmd
from game.ui import theme as th
from game.ui.cards import Card
from game.ui.listview import CardList
from game.ui.present import heading_card, notice_card, text_card, tier_color
from game.ui.recap import (
    group_card,
    groups,
    mood,
    morning_label,
    score_badge,
    span,
    spark,
    stories,
)
from game.ui.scene import Panel
from game.ui.scenes.panels import ListPanel
from game.ui.session import NOTABLE_KINDS
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.flow import Flow


def end_day(app: Flow) -> None:
    """End the day through the core, autosave, and show the day's summary."""
    session = app.session
    if session is None:
        return
    day = session.game.day
    if app.command(cmd.EndDay()) is None:
        return
    error = session.save()
    app.toasts.clear()
    app.push(SummaryScene(app, day, saved=error is None))


class SummaryScene(ListPanel):
    """What changed on the day that just ended; then the next day or the debrief."""

    holds_toasts = True

    def __init__(self, app: Flow, day: int, saved: bool) -> None:
        """The summary of `day`; `saved` says whether the autosave worked."""
        self.day = day
        self.saved = saved
        super().__init__(app)
        over = app.session.game.over
        label = (
            self.s("summary.to_debrief")
            if over
            else self.s("summary.next", day=app.session.game.day)
        )
        self.close = Button("next", label, icon="check")
        self.focus.set_items([self.list, self.close])
        self.focus.focus("next")

    def title(self) -> str:
        """ "End of day N"."""
        return self.s("summary.title", day=self.day)

    def cards(self) -> list[Card]:
        """The day's story: the score now (the bar's number) with its tier, the week's line so
        far, the day's headline in words with its change (from after this day's morning to
        after the next: the next morning's changes are told here, once, marked "the next
        morning", and the next day's story starts after them), the day's moments biggest
        first, and what happened."""
        game = self.app.session.game
        s = self.app.strings
        scenario = game.scenario
        display = scenario.score_format
        now = game.player.score
        mine = [c for c in game.history if c.who == "player"]
        told = stories(mine, game.mornings, scenario.player_score)
        story = next((t for t in told if t.day == self.day), None)
        before = story.before if story else now
        here = (self.day + 0.25, now) if now != dict(game.score_series).get(self.day, now) else None
        hero: list = [
            *score_badge(now, scenario, s),
            spark(game.score_series, here, scenario, game.days),
            span(s, mood(s, self.day, now - before), before, now, display, "name"),
        ]
        color = tier_color(scenario.tier_for(now), scenario)
        out: list[Card] = [Card("score", tuple(hero), accent=color)]
        early = game.ended_early and game.end_reason is not None
        if early:  # the last day's end needs no headline: "What happened" says it once
            out.append(
                text_card(
                    s("debrief.ended", reason=s.say(game.end_reason)), "ended", "body", th.WARNING
                )
            )
        out.append(heading_card(s("summary.changes"), "changes", "body"))
        if story is not None:
            late = morning_label(s, self.day, tomorrow=True)
            out += [
                group_card(g, s, scenario, morning=late if g.day != self.day else "")
                for g in groups(story.changes)
            ]
        else:
            out.append(text_card(s("summary.none"), "none", "meta", th.MUTED))
        events = [
            n
            for n in game.log
            if n.day == self.day and n.kind in NOTABLE_KINDS and not (early and n.kind == "end")
        ]
        if events:
            out.append(heading_card(s("summary.events"), "events", "body"))
            out += [notice_card(n, game.scenario, s, ("notice", i)) for i, n in enumerate(events)]
        if self.saved:
            out.append(text_card(s("summary.saved"), "saved", "small", th.MUTED))
        elif self.app.session.store is not None:
            out.append(text_card(s("summary.not_saved"), "saved", "small", th.ERROR))
        return out

    def activate(self, id: str, payload: object) -> None:
        """Next day (show the new day's notices) or the debrief."""
        if id != "next":
            return
        session = self.app.session
        if session.game.over:
            from game.ui.scenes.ending import EndingScene

            self.app.push(EndingScene(self.app))
            return
        self.app.pop()
        play = self.app.stack[-1]
        play.focus.focus("feed")  # never on "End the day": Enter twice skips nothing
        if isinstance(play.focus.current, CardList):
            play.focus.current.disarm()  # nor acts on a post the player did not choose
        today = [n for n in session.game.log if n.day == session.game.day]
        self.app.show_notices(today)

    def back(self) -> None:
        """Esc does the same as the button."""
        self.activate("next", None)


class MenuScene(Panel):
    """Esc during play: back to the game, save and quit, settings, the briefing, all notices."""

    def __init__(self, app: Flow) -> None:
        """Five buttons and the X."""
        super().__init__(app)
        self.resume = Button("resume", self.s("menu.resume"))
        self.title_button = Button("title", self.s("menu.save_quit"))
        self.settings_button = Button("settings", self.s("menu.settings"))
        self.briefing = Button("briefing", self.s("menu.briefing"))
        self.notices = Button("notices", self.s("menu.notices"))
        self.buttons = [
            self.resume,
            self.title_button,
            self.settings_button,
            self.briefing,
            self.notices,
        ]
        self.close = self.close_button()
        self.focus.set_items([*self.buttons, self.close])

    def panel_rect(self) -> pygame.Rect:
        """A small sheet in the middle, as tall as its buttons."""
        a = self.area()
        t = self.ctx.theme
        w = min(a.width - 2 * t.pad, t.px(520))
        button_h = self.resume.measure(self.ctx)[1] + t.px(10)
        rows = len(self.buttons)
        h = min(a.height - 2 * t.pad, self.header_height() + t.px(10) + rows * button_h + t.pad)
        return pygame.Rect(a.centerx - w // 2, a.centery - h // 2, w, h)

    def layout(self) -> None:
        """Buttons stacked, all as wide as the sheet; the X in the title bar."""
        inner = self.inner_rect()
        y = self.content_top()
        for button in self.buttons:
            h = button.measure(self.ctx)[1]
            button.rect = pygame.Rect(inner.x, y, inner.width, h)
            y += h + self.ctx.theme.px(10)
        self.place_close(self.close)

    def activate(self, id: str, payload: object) -> None:
        """Resume, leave, settings, or reread the briefing or the notices."""
        from game.ui.scenes.briefing import BriefingScene
        from game.ui.scenes.notices import NoticesScene

        if id in ("resume", "close"):
            self.app.pop()
        elif id == "title":
            self.app.to_title()
        elif id == "settings":
            from game.ui.scenes.settings import SettingsScene

            self.app.push(SettingsScene(self.app))
        elif id == "briefing":
            self.app.pop()
            self.app.push(BriefingScene(self.app, first=False))
        elif id == "notices":
            self.app.pop()
            self.app.push(NoticesScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        """The box and its buttons."""
        self.draw_panel(surface, self.s("menu.title"))
        self.draw_widgets(surface)
