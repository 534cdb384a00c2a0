"""Panels over the feed: friends, perks and penalties, the shop, the score history."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core import commands as cmd
from game.ui import theme as th
from game.ui.avatars import Face
from game.ui.cards import Card, Line
from game.ui.listview import CardList
from game.ui.present import (
    friend_card,
    heading_card,
    item_card,
    perk_card,
    text_card,
    tier_card,
    tier_color,
)
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
from game.ui.scenes.confirm import ask

if TYPE_CHECKING:
    from game.ui.flow import Flow


ASKED = {
    "remove": ("ask.remove", "ask.remove_yes", cmd.RemoveFriend),
    "report": ("ask.report_friend", "ask.report", cmd.ReportFriend),
}
"""Friend buttons asked about first: (message key, answer key, command)."""


class ListPanel(Panel):
    """A panel with a title, a list of cards and a Close button."""

    title_key = ""
    fit = False
    """Size the sheet to its cards (a short text such as the briefing or the ending) instead
    of filling the window; it still scrolls when the cards are taller than the window."""

    def __init__(self, app: Flow) -> None:
        """An empty list; subclasses fill `cards`."""
        super().__init__(app)
        self.list = CardList("list")
        self.close = self.close_button()
        self.focus.set_items([self.list, self.close])

    def title(self) -> str:
        """The panel's title (the opening button's short name while it shows one)."""
        return self.named(self.s(self.title_key))

    def cards(self) -> list[Card]:
        """The cards to show, from the game's current views."""
        return []

    def panel_rect(self) -> pygame.Rect:
        """The whole window's sheet, or (``fit``) one as tall as its cards and button,
        centred."""
        rect = super().panel_rect()
        if not self.fit or self.app.session is None:
            return rect
        t = self.ctx.theme
        width = rect.width - 2 * t.pad - t.px(20)  # as wide as CardList paints its cards
        cards = self.cards()
        content = sum(self.list.painter.height(c, width, self.ctx) for c in cards)
        content += t.px(12) * max(0, len(cards) - 1) + 2 * t.px(6)  # CardList's gaps, margins
        button = self.close.measure(self.ctx)[1] + t.pad if self.close.label else 0
        h = min(rect.height, self.header_height() + t.px(10) + content + button + 2 * t.pad)
        return pygame.Rect(rect.x, rect.centery - h // 2, rect.width, h)

    def layout(self) -> None:
        """The list fills the sheet; the X sits in its title bar (a labelled button such as
        the summary's "Next day" sits below the list)."""
        inner = self.inner_rect()
        t = self.ctx.theme
        bottom = inner.bottom
        if self.close.label:
            w, h = self.close.measure(self.ctx)
            self.close.rect = pygame.Rect(inner.x, inner.bottom - h, w, h)
            bottom = self.close.rect.y - t.pad
        else:
            self.place_close(self.close)
        top = self.content_top()
        self.list.set_rect(pygame.Rect(inner.x, top, inner.width, bottom - top), self.ctx)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the game's views. When the list first shows and none of its cards has a
        safe button to start on (a profile with only Remove and Report), the focus starts on
        the close button instead."""
        if self.app.session is not None:
            first = not self.list.cards
            self.list.set_cards(self.cards(), self.ctx)
            if first and self.focus.current is self.list and not self.list.starts_safe:
                self.focus.focus("close")

    def activate(self, id: str, payload: object) -> None:
        """Close; subclasses handle list buttons in `on_card`."""
        if id == "close":
            self.app.pop()
        elif id == "list" and isinstance(payload, tuple):
            self.on_card(payload[0], str(payload[1]))

    def on_card(self, key: object, button: str) -> None:
        """A button in a card was pressed."""

    def draw(self, surface: pygame.Surface) -> None:
        """Panel, list, buttons."""
        self.draw_panel(surface, self.title())
        self.draw_widgets(surface)


class FriendsScene(ListPanel):
    """Everyone in the player's world: friends first, then people who could be added."""

    title_key = "friends.title"

    def __init__(self, app: Flow) -> None:
        """The list, ordered when it first shows (see `cards`)."""
        self.order: list[str] = []
        """Person ids in the order shown: set when the panel opens, kept while it is open."""
        self.were_friends: set[str] = set()
        """The player's friends when the panel opened."""
        self.removed: set[str] = set()
        """Friends the player removed while the panel is open (the others who are gone left)."""
        super().__init__(app)

    def cards(self) -> list[Card]:
        """A card per person: their profile; friends first when the panel opens, and the same
        order while it stays open (adding or removing someone never moves the button under
        the pointer to another person)."""
        game = self.app.session.game
        if not self.order:
            self.order = [f.id for f in sorted(game.friends, key=lambda f: not f.is_friend)]
            self.were_friends = {f.id for f in game.friends if f.is_friend}
        by_id = {f.id: f for f in game.friends}
        self.order += [fid for fid in by_id if fid not in self.order]
        people = [by_id[fid] for fid in self.order if fid in by_id]
        session = self.app.session
        return [
            friend_card(
                p,
                self.app.strings,
                game.can,
                session.face(p.id),
                tier_color(p.tier, game.scenario),
                game.scenario.score_format,
                left=p.id in self.were_friends and not p.is_friend and p.id not in self.removed,
            )
            for p in people
        ]

    def on_card(self, key: object, button: str) -> None:
        """Open a profile or add a friend at once; remove or report only after "Are you
        sure?"."""
        from game.ui.scenes.person import PersonScene

        friend = str(key[1]) if isinstance(key, tuple) else str(key)
        name = self.app.session.friend_name(friend)
        if button == "profile":
            self.app.push(PersonScene(self.app, friend))
        elif button == "add":
            self.app.command(cmd.AddFriend(friend))
        elif button in ASKED:
            key, yes, command = ASKED[button]
            if button == "remove":
                self.removed.add(friend)
            ask(
                self.app,
                self.s(f"{key}.title", name=name),
                self.s(key, name=name),
                self.s(yes),
                lambda: self.app.command(command(friend)),
            )


class PerksScene(ListPanel):
    """The perks and penalties in force, what just changed, and what each tier brings."""

    title_key = "perks.title"

    def cards(self) -> list[Card]:
        """What applies to the player now, each with why (the tier, or something they did),
        the tier's own perks a rule took away, those that just ended, then every tier."""
        game = self.app.session.game
        s = self.app.strings
        player = game.player
        out: list[Card] = [text_card(s("perks.intro"), "intro", "meta", th.MUTED)]
        changed: dict[str, str] = {}
        gained_on: dict[str, int] = {}
        for day, perk_id, change in self.app.session.perk_changes:
            if change == "gained":
                gained_on[perk_id] = day
            if day >= game.day - 1:
                changed[perk_id] = change
        for perk in player.perks:
            new = "gained" if changed.get(perk.id) == "gained" else None
            out.append(perk_card(perk, s, self.why(perk.id, gained_on), new))
        for perk in player.taken:
            out.append(perk_card(perk, s, s("perks.taken", tier=player.tier.name), "lost"))
        if not player.perks:
            out.append(text_card(s("perks.none"), "none"))
        lost = [
            p
            for p in game.scenario.perks
            if changed.get(p.id) == "lost" and p not in player.perks and p not in player.taken
        ]
        for perk in lost:
            out.append(perk_card(perk, s, s("perks.ended"), "lost"))
        out.append(heading_card(s("perks.tiers"), "tiers", "body"))
        scenario = game.scenario
        low, high = (scenario.show_score(v) for v in (scenario.score_min, scenario.score_max))
        out.append(text_card(s("perks.scale", low=low, high=high), "scale", "meta", th.MUTED))
        you = Face("player", player.name)
        out += [  # a ladder: the top tier on the top step, the player on theirs
            tier_card(t, game.scenario, s, t.id == player.tier.id, you, player.score)
            for t in reversed(game.scenario.tiers)
        ]
        return out

    def why(self, perk_id: str, gained_on: dict[str, int]) -> str:
        """Why a perk in force applies: the player's tier, or a rule (since the day it came)."""
        player = self.app.session.game.player
        if perk_id not in player.by_rule:
            return self.s("perks.from_tier", tier=player.tier.name)
        if perk_id in gained_on:
            return self.s("perks.from_rule.day", day=gained_on[perk_id])
        return self.s("perks.from_rule")


TILE_WIDTH = 360.0
"""The least width of a shop tile (design pixels): two a row at 1280x800, one at 800x600."""


class ShopScene(ListPanel):
    """Items for sale; buying moves the score as the scenario says."""

    title_key = "shop.title"

    def __init__(self, app: Flow) -> None:
        """The list shows the items as tiles, side by side where the window is wide."""
        super().__init__(app)
        self.list.tile_width = TILE_WIDTH

    def cards(self) -> list[Card]:
        """The money line, then one card per item."""
        game = self.app.session.game
        s = self.app.strings
        money = game.scenario.show_money
        out = [
            text_card(s("shop.money", money=money(game.player.money)), "money", "meta", th.MUTED)
        ]
        out += [
            item_card(item, s, game.can, money, game.purchases(item.id), game.refused(item.id))
            for item in game.shop
        ]
        if not game.shop:
            out.append(text_card(s("shop.empty"), "empty"))
        return out

    def on_card(self, key: object, button: str) -> None:
        """Buy the item."""
        if button == "buy" and isinstance(key, tuple):
            self.app.command(cmd.Buy(str(key[1])))


class HistoryScene(ListPanel):
    """The player's score as an activity feed: the score now and the week's line, then each
    day's story (newest first) headed in words with its change, and its moments, grouped and
    biggest first; a morning's changes are told with the day before (as in its summary)."""

    holds_toasts = True

    title_key = "history.title"

    def cards(self) -> list[Card]:
        """The week card, then per day a heading with the day's change and a row per cause."""
        game = self.app.session.game
        s = self.app.strings
        scenario = game.scenario
        mine = [c for c in game.history if c.who == "player"]
        if not mine:
            return [heading_card(s("history.empty"), "empty", "body")]
        display = scenario.score_format
        now = game.player.score
        start = scenario.player_score
        here = (game.day - 0.5, now) if game.day not in dict(game.score_series) else None
        week = [
            *score_badge(now, scenario, s),
            spark(game.score_series, here, scenario, game.days),
            Line(s("recap.started", score=display.show(start)), "meta", th.MUTED),
        ]
        out = [Card("week", tuple(week), accent=tier_color(scenario.tier_for(now), scenario))]
        teacher = self.app.config.teacher
        told = {story.day: story for story in stories(mine, game.mornings, start)}
        for day in range(max([game.day, *told]), 0, -1):
            story = told.get(day)
            if story is None:  # a quiet day is shown too, so no day seems to be missing
                if day < game.day or game.over:
                    line = Line(s("recap.quiet", day=day), "body", th.MUTED, icon="moon")
                    out.append(Card(("quiet", day), (line,)))
                continue
            today = day == game.day and not game.over
            label = s("recap.today", day=day) if today else mood(s, day, story.after - story.before)
            head = span(s, label, story.before, story.after, display, "name")
            accent = th.GAIN if story.after >= story.before else th.LOSS
            out.append(Card(("day", day), (head,), accent=accent))
            late = morning_label(s, day, tomorrow=False)
            out += [
                group_card(g, s, scenario, teacher, morning=late if g.day != day else "")
                for g in groups(story.changes)
            ]
        return out
