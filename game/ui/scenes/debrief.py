"""The debrief about this player's week, as a game's end: the week's badge (the tier it ends in,
the score, its line), their three biggest changes and what was real about each, then the week's
line in the app's style, then the other facts and myths as cards with a big verdict stamp (their
sources under a "Sources (2)" fold), then the questions as a friend's chat bubbles.

What to show is computed in `game.core.debrief`; this scene only lays it out. A fact's details and
sources stay folded until the player presses its "More" button; each source with a web address
can be opened (system browser, or a new tab in the browser build) and copied.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import pygame

from game.core.debrief import Highlight, PersonalDebrief, personal_debrief
from game.core.model import PLAIN_SCORE, Fact, ScoreFormat
from game.ui import theme as th
from game.ui.cards import Bubble, Card, CardButton, Custom, Delta, Gap, Line
from game.ui.chart import chart_data, paint_chart
from game.ui.listview import CardList
from game.ui.present import count, heading_card, text_card, tier_color
from game.ui.recap import kind_icon, score_badge, spark
from game.ui.scene import Scene
from game.ui.strings import Strings
from game.ui.widgets import Button, flow

VERDICT_COLORS = {"fact": th.GAIN, "myth": th.LOSS, "partly": th.WARNING}
VERDICT_ICONS = {"fact": "check", "myth": "x", "partly": "dot"}

if TYPE_CHECKING:
    from game.ui.flow import Flow


class DebriefScene(Scene):
    """A scrolling page of the debrief, with Play again / Choose another always at the bottom."""

    holds_toasts = True

    def __init__(self, app: Flow) -> None:
        """The debrief of the app's (finished) session; every fact starts folded."""
        super().__init__(app)
        self.list = CardList("debrief")
        self.again = Button("again", self.s("debrief.again"), icon="check")
        self.other = Button("other", self.s("debrief.other"))
        self.results = Button("results", self.s("debrief.results"))
        self.buttons = [self.again, self.other, self.results]
        self.focus.set_items([self.list, *self.buttons])
        self.open: set[Hashable] = set()
        game = app.session.game
        self.page: PersonalDebrief = personal_debrief(game.scenario, game.history)

    def layout(self) -> None:
        """Title on top, buttons at the bottom, the page between."""
        t = self.ctx.theme
        a = self.area()
        width = min(a.width - 2 * t.pad, t.px(1000))
        x = a.centerx - width // 2
        buttons_h = flow(self.buttons, self.ctx, x, 0, width)
        flow(self.buttons, self.ctx, x, a.bottom - t.pad - buttons_h, width)
        top = a.y + t.pad + self.ctx.text.line_height("heading") + t.px(8)
        self.list.set_rect(
            pygame.Rect(x, top, width, a.bottom - 2 * t.pad - buttons_h - top), self.ctx
        )
        self.list.set_cards(self.cards(), self.ctx)

    def refresh(self) -> None:
        """The game is over: nothing changes."""

    def cards(self) -> list[Card]:
        """Everything the debrief shows, in reading order (folded facts show only their claim)."""
        game = self.app.session.game
        s = self.app.strings
        scenario = game.scenario
        out: list[Card] = []
        if game.ended_early and game.end_reason:
            out.append(
                text_card(
                    s("debrief.ended", reason=s.say(game.end_reason)), "ended", "body", th.WARNING
                )
            )
        out.append(self.badge())
        out.append(heading_card(s("debrief.biggest"), "biggest"))
        for i, highlight in enumerate(self.page.highlights):
            is_open = ("mine", i) in self.open
            icon = kind_icon(highlight.rule_id, scenario)
            out.append(
                highlight_card(highlight, ("mine", i), is_open, s, scenario.score_format, icon)
            )
        if not self.page.highlights:
            out.append(text_card(s("debrief.no_changes"), "nochange", "meta", th.MUTED))
        data = chart_data(
            game.score_series,
            scenario,
            game.days,
            s("debrief.chart_days"),
            s("debrief.chart_start"),
        )
        chart = Custom(data, 220, lambda surf, rect, ctx: paint_chart(surf, rect, ctx, data))
        out.append(Card("chart", (Line(s("debrief.chart"), "heading"), chart)))
        if self.page.others:
            out.append(heading_card(s("debrief.facts"), "facts"))
        for i, fact in enumerate(self.page.others):
            out.append(fact_card(fact, ("fact", i), ("fact", i) in self.open, s))
        out.append(self.talk())
        return out

    def talk(self) -> Card:
        """The questions as a friend's chat: "Mei asks:" over the first bubble, her avatar
        beside it, the other questions as her next bubbles under it (the first friend still a
        friend, else the first person; "Talk about it" over plain bubbles when the scenario has
        nobody)."""
        game = self.app.session.game
        questions = self.page.questions
        people = sorted(game.friends, key=lambda f: not f.is_friend)
        if not people or not people[0].name.split():
            heading = Line(self.s("debrief.questions"), "heading")
            return Card(("heading", "questions"), (heading, *(Bubble(q) for q in questions)))
        friend = people[0]
        name = self.s("debrief.asks", name=friend.name.split()[0])
        face = self.app.session.face(friend.id)
        bubbles = tuple(
            Bubble(q, name if i == 0 else "", face=face if i == 0 else None)
            for i, q in enumerate(questions)
        )
        return Card(("heading", "questions"), bubbles or (Line(name, "name"),), plain=True)

    def badge(self) -> Card:
        """The week's badge: the tier the player ends in, the final score in big numbers, the
        week's line, and what this scenario was about."""
        game = self.app.session.game
        scenario = game.scenario
        score = game.player.score
        parts = (
            *score_badge(score, scenario, self.app.strings, "recap.final"),
            spark(game.score_series, None, scenario, game.days),
            Line(scenario.debrief.summary, "meta"),
        )
        return Card("badge", parts, accent=tier_color(scenario.tier_for(score), scenario))

    def activate(self, id: str, payload: object) -> None:
        """See the results, play again, choose another, fold or unfold a fact, open or copy
        a source."""
        if id == "results":
            from game.ui.scenes.quiz import open_results

            open_results(self.app)
        elif id == "again":
            self.app.open_scenario(self.app.session.path)
        elif id == "other":
            self.app.to_title()
        elif id == "debrief" and isinstance(payload, tuple) and len(payload) == 2:
            key, button = payload
            if button == "more":
                self.open.symmetric_difference_update({key})
                self.list.set_cards(self.cards(), self.ctx)
                self.list.select(key, "more")
            elif isinstance(button, str) and ":" in button:
                self._source(key, button)

    def _source(self, key: Hashable, button: str) -> None:
        """Open or copy the source a button names ("open:2", "copy:2") and say what happened."""
        action, _, index = button.partition(":")
        fact = self._fact(key)
        if fact is None or not index.isdigit() or int(index) >= len(fact.sources):
            return
        url = fact.sources[int(index)].url
        if not url:
            return
        links, toasts, s = self.app.links, self.app.toasts, self.app.strings
        if action == "open":
            done = links.open(url)
            toasts.add(
                s("debrief.opened" if done else "debrief.open_failed", url=url), "check", own=True
            )
        elif action == "copy":
            done = links.copy(url)
            toasts.add(
                s("debrief.copied" if done else "debrief.copy_failed", url=url), "check", own=True
            )

    def _fact(self, key: Hashable) -> Fact | None:
        """The fact a card key shows."""
        if not isinstance(key, tuple) or len(key) != 2 or not isinstance(key[1], int):
            return None
        kind, i = key
        if kind == "mine" and i < len(self.page.highlights):
            return self.page.highlights[i].fact
        if kind == "fact" and i < len(self.page.others):
            return self.page.others[i]
        return None

    def back(self) -> None:
        """Esc goes to the title screen."""
        self.app.to_title()

    def draw(self, surface: pygame.Surface) -> None:
        """Title, page and buttons."""
        t = self.ctx.theme
        a = self.area()
        title = self.s("debrief.title")
        self.draw_title(
            surface, title, pygame.Rect(self.list.rect.x, a.y + t.pad, self.list.rect.width, 10)
        )
        self.draw_widgets(surface)


def verdict(fact: Fact, s: Strings) -> tuple[Line, Line]:
    """The verdict as a stamp (its word in big type, in its colour) and the claim led by the
    verdict's icon: the icon shows once, the word says it without colour."""
    color = VERDICT_COLORS.get(fact.verdict, th.ACCENT)
    icon = VERDICT_ICONS.get(fact.verdict)
    return (
        Line(s(f"verdict.{fact.verdict}"), "heading", color),
        Line(fact.claim, "name", icon=icon, icon_color=color),
    )


def site(url: str) -> str:
    """The site a web address is on, as people say it: "https://www.bbc.com/news/x" ->
    "bbc.com"."""
    host = url.split("://", 1)[-1].split("/", 1)[0].split("@")[-1].split(":")[0].lower()
    return host.removeprefix("www.") or url


def toggle_label(fact: Fact, s: Strings, is_open: bool, sources_only: bool) -> str:
    """The fold button: "Less" when open; "Sources" when it folds only the sources
    (`sources_only`: the explanation is shown), else "More". (No count in the label: the
    debrief's words stay under two minutes of reading.)"""
    if is_open:
        return s("debrief.less")
    if sources_only and fact.sources:
        return s("debrief.sources_fold")
    return s("debrief.more")


def unfolded(fact: Fact, s: Strings, start: int) -> tuple[list, tuple[CardButton, ...]]:
    """A fact's details and its sources as small article cards (title, the site it is on and
    its year, the web address small under it, with Open and Copy link right under that), and
    the sources' buttons; `start` is the index the first part will have in its card."""
    parts: list = []
    if fact.details:
        parts += [Gap(4), Line(fact.details, "meta")]
    parts += [Gap(4), Line(s("debrief.sources"), "small", th.MUTED)]
    buttons: list[CardButton] = []
    for n, source in enumerate(fact.sources):
        where = [site(source.url)] if source.url else []
        where += [str(source.year)] if source.year else []
        title = "  \u00b7  ".join([source.title, *where])
        parts.append(Line(title, "small", th.TEXT, icon="share", icon_color=th.ACCENT))
        if source.url:
            parts.append(Line(source.url, "small", th.MUTED))
            after = start + len(parts) - 1
            buttons.append(CardButton(f"open:{n}", s("debrief.open"), icon="share", after=after))
            buttons.append(CardButton(f"copy:{n}", s("debrief.copy"), after=after))
        parts.append(Gap(4))
    return parts, tuple(buttons)


def highlight_card(
    highlight: Highlight,
    key: Hashable,
    is_open: bool,
    s: Strings,
    display: ScoreFormat = PLAIN_SCORE,
    icon: str | None = None,
) -> Card:
    """One of the player's biggest changes (points as ``display`` shows scores, `icon` for
    what kind of thing it was), and what was real about it (sources under "More")."""
    label = display.show_change(highlight.total)
    parts: list = [Delta(highlight.total, s.say(highlight.cause), label=label, icon=icon)]
    if highlight.times > 1:
        parts.append(Line(count(s, "count.times", highlight.times), "small", th.MUTED))
    fact = highlight.fact
    accent = th.GAIN if highlight.total >= 0 else th.LOSS
    if fact is None:
        return Card(key, tuple(parts), accent=accent)
    parts += [Gap(6), *verdict(fact, s)]
    if highlight.repeat:
        parts.append(Line(s("debrief.same_fact"), "meta", th.MUTED))
        return Card(key, tuple(parts), accent=accent)
    parts.append(Line(fact.explanation, "meta"))
    buttons: tuple[CardButton, ...] = ()
    if is_open:
        more, buttons = unfolded(fact, s, len(parts))
        parts += more
    toggle = CardButton("more", toggle_label(fact, s, is_open, True), active=is_open)
    return Card(key, tuple(parts), (toggle, *buttons), accent=accent)


def fact_card(fact: Fact, key: Hashable, is_open: bool, s: Strings) -> Card:
    """A claim with its verdict; "More" unfolds the explanation, details and sources."""
    parts: list = [*verdict(fact, s)]
    buttons: tuple[CardButton, ...] = ()
    if is_open:
        parts += [Gap(4), Line(fact.explanation, "meta")]
        more, buttons = unfolded(fact, s, len(parts))
        parts += more
    toggle = CardButton("more", toggle_label(fact, s, is_open, False), active=is_open)
    color = VERDICT_COLORS.get(fact.verdict, th.ACCENT)
    return Card(key, tuple(parts), (toggle, *buttons), accent=color)
