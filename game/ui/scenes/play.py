"""The feed: the main screen of a game, with the navigation to every other panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core import commands as cmd
from game.ui import input as ia
from game.ui import theme as th
from game.ui.cards import Card, CardButton, Line
from game.ui.guide import BUTTONS, STEPS, Guide
from game.ui.listview import CardList
from game.ui.present import post_card, profile_of
from game.ui.scene import Panel, Scene
from game.ui.widgets import Button, flow

NAV = ("post", "friends", "messages", "perks", "shop", "history", "end_day", "menu")
NAV_ICONS = {"post": "plus", "end_day": "check", "messages": "comment"}
FEED_PAGE = 100  # feed cards built at a time: a huge feed costs a page, not every post
MORE = "more"  # the key of the card that shows the next page
SHORT = frozenset({"post", "perks", "history", "end_day", "messages"})
"""Buttons with a shorter label for narrow windows (``nav.short.*``)."""
SHORTCUTS = {
    "p": "post",
    "f": "friends",
    "m": "messages",
    "k": "perks",
    "s": "shop",
    "h": "history",
    "e": "end_day",
    "n": "notices",
}

if TYPE_CHECKING:
    from game.ui.flow import Flow


class PlayScene(Scene):
    """The social feed with like / share / comment / report on every post."""

    shows_hud = True

    def __init__(self, app: Flow) -> None:
        """The feed of the app's current session."""
        super().__init__(app)
        self.nav = [Button(n, self.s(f"nav.{n}"), icon=NAV_ICONS.get(n), style="meta") for n in NAV]
        self.feed = CardList("feed")
        self.feed.background = th.BG
        self.version = -1
        self.shown = FEED_PAGE
        self.focus.set_items([*self.nav, self.feed])
        self.focus.focus("feed")
        self.guide: Guide | None = None
        """The first-day guide, for a new game (None when off, done or skipped)."""
        self.skip = Button("guide_skip", self.s("guide.skip"), style="meta")
        self.guide_rect = pygame.Rect(0, 0, 0, 0)
        self.short = False
        """True while the navigation shows its short labels (a narrow window, large text)."""

    def start_guide(self) -> None:
        """Show the first-day guide under the feed."""
        self.guide = Guide()
        self.focus.set_items([*self.nav, self.feed, self.skip])
        self.layout()

    def guide_button_label(self, step: str) -> str:
        """The label the guide step's navigation button shows now."""
        return next(b.label for b in self.nav if b.id == BUTTONS[step])

    def toast_floor(self) -> int | None:
        """Toasts stay above the guide's strip while it shows (under a sheet too)."""
        return self.guide_rect.y if self.guide_step() is not None else None

    def keep_clear(self) -> list[pygame.Rect]:
        """The navigation buttons and the buttons of the posts in view: toasts never cover
        them."""
        return [pygame.Rect(b.rect) for b in self.nav] + self.feed.visible_buttons()

    def guide_step(self) -> str | None:
        """The guide's step to show now, if any."""
        session = self.app.session
        if self.guide is None or session is None:
            return None
        return self.guide.step(session)

    def layout(self) -> None:
        """Navigation buttons in one row on top (shorter labels when the full ones do not fit),
        the feed column below."""
        a = self.area()
        t = self.ctx.theme
        width = min(a.width - 2 * t.pad, t.px(1100))
        x = a.centerx - width // 2
        one_row = a.y + t.pad + self.nav[0].measure(self.ctx)[1]
        for short in (False, True):
            for button, n in zip(self.nav, NAV, strict=True):
                key = f"nav.short.{n}" if short and n in SHORT else f"nav.{n}"
                button.label = self.s(key)
            bottom = flow(self.nav, self.ctx, x, a.y + t.pad, width)
            if bottom <= one_row:
                break
        self.short = short
        column = min(width, t.content_width)
        strip = 0
        if self.guide is not None and self.guide_step() is not None:
            self.skip.label = self.s("guide.skip")
            labels = {step: self.guide_button_label(step) for step in STEPS}
            height = self.guide.height(self.ctx, self.app.strings, labels, column, self.skip)
            strip = height + t.pad
            self.guide_rect = pygame.Rect(
                a.centerx - column // 2, a.bottom - t.pad - height, column, height
            )
            self.guide.layout(self.guide_rect, self.skip, self.ctx)
        elif self.skip in self.focus.items:
            self.focus.set_items([*self.nav, self.feed])
        rect = pygame.Rect(
            a.centerx - column // 2, bottom + t.pad, column, a.bottom - bottom - 2 * t.pad - strip
        )
        self.feed.set_rect(rect, self.ctx)
        self.refresh_cards(force=True)

    def refresh(self) -> None:
        """Rebuild the cards when the game changed (and drop the guide when it is over)."""
        if self.skip in self.focus.items and self.guide_step() is None:
            self.layout()
        self.refresh_cards()

    def refresh_cards(self, force: bool = False) -> None:
        """Turn the feed view into cards (only when the game changed)."""
        session = self.app.session
        if session is None or (not force and session.version == self.version):
            return
        self.version = session.version
        game = session.game
        posts = game.feed
        me = profile_of(game.player, game.scenario)
        shown = posts[: self.shown]  # cards are built a page at a time, newest first
        cards = [
            post_card(
                p,
                game.day,
                self.app.strings,
                game.can,
                session.face(p.friend_id) if p.friend_id else None,
                me,
            )
            for p in shown
        ]
        if len(posts) > len(shown):
            older = Line(self.s("feed.older", n=len(posts) - len(shown)), "meta", th.MUTED)
            more = CardButton(MORE, self.s("feed.more"), icon="plus")
            cards.append(Card(MORE, (older,), (more,)))
        first = self.feed.cards[0].key if self.feed.cards else None
        self.feed.set_cards(cards, self.ctx)
        if cards and first is not None and cards[0].key != first:
            self.feed.select(cards[0].key)  # something new on top (a post, a new day): show it
            old = next((i for i, card in enumerate(cards) if card.key == first), None)
            if old is not None and not self.ctx.reduced_motion:
                self.feed.scroll = float(self.feed.offsets[old])  # the new posts slide in

    def activate(self, id: str, payload: object) -> None:
        """Navigation buttons open panels; feed buttons send commands."""
        from game.ui.scenes import panels
        from game.ui.scenes.composer import ComposerScene
        from game.ui.scenes.endday import ask_end_day
        from game.ui.scenes.messages import MessagesScene
        from game.ui.scenes.notices import NoticesScene
        from game.ui.scenes.summary import MenuScene

        if id == "feed" and isinstance(payload, tuple):
            if payload[0] == MORE:
                self.shown += FEED_PAGE
                self.refresh_cards(force=True)
                return
            act_on_post(self.app, int(payload[0]), str(payload[1]))
            return
        if id == "guide_skip" and self.guide is not None:
            self.guide.skipped = True
            self.layout()
            self.focus.focus("feed")
            return
        if id == "friends" and self.guide is not None:
            self.guide.looked_at_friends = True
        scenes = {
            "notices": lambda: NoticesScene(self.app),
            "post": lambda: ComposerScene(self.app),
            "friends": lambda: panels.FriendsScene(self.app),
            "messages": lambda: MessagesScene(self.app),
            "perks": lambda: panels.PerksScene(self.app),
            "shop": lambda: panels.ShopScene(self.app),
            "history": lambda: panels.HistoryScene(self.app),
            "menu": lambda: MenuScene(self.app),
        }
        if id in scenes:
            sheet = scenes[id]()
            if id in SHORT and isinstance(sheet, Panel):
                sheet.short_name = lambda: self.s(f"nav.short.{id}") if self.short else ""
            self.app.push(sheet)
        elif id == "end_day":
            ask_end_day(self.app)

    def handle(self, action: ia.Action) -> None:
        """Esc opens the menu; everything else goes through the focus ring."""
        if action.kind == ia.BACK:
            self.activate("menu", None)
            return
        if action.kind == ia.RELEASE and self.app.hud.rect.collidepoint(action.pos):
            self.activate("history", None)  # clicking or tapping the score shows its history
            return
        super().handle(action)

    def shortcut(self, key: str) -> None:
        """Letter shortcuts for the navigation (P, F, M, K, S, H, E)."""
        if key.lower() in SHORTCUTS:
            self.activate(SHORTCUTS[key.lower()], None)
            if hasattr(self.app.stack[-1], "echo"):  # the key's own text input is not typing
                self.app.stack[-1].echo = key

    def covered(self) -> list[pygame.Rect]:
        """The feed paints all of its rectangle (cards on the plain background)."""
        return [self.feed.rect] if self.feed.opaque else []

    def draw(self, surface: pygame.Surface) -> None:
        """Navigation, feed and (when empty) a hint."""
        step = self.guide_step()
        if self.guide is not None and step is not None:
            label = self.guide_button_label(step)
            self.guide.draw(
                surface, self.guide_rect, step, self.skip, self.ctx, self.app.strings, label
            )
        self.draw_widgets(surface)
        if not self.feed.cards:
            img = self.ctx.text.render(self.s("feed.empty"), "body", th.MUTED)
            surface.blit(img, self.feed.rect.topleft)


def act_on_post(app: Flow, uid: int, action: str) -> None:
    """A post's button or link was pressed: like and share at once (light, shown at once on the
    post), report after "Are you sure?", comment and "N comments" open the comments, the
    author's name or avatar opens their profile."""
    from game.ui.scenes.composer import ComposerScene
    from game.ui.scenes.confirm import ask
    from game.ui.scenes.person import PersonScene

    post = next((p for p in app.session.game.feed if p.uid == uid), None)
    if action == "like":
        app.command(cmd.Like(uid))
    elif action == "share":
        app.command(cmd.Share(uid))
    elif action == "report":
        name = post.author_name if post is not None else "?"
        ask(
            app,
            app.strings("ask.report_post.title"),
            app.strings("ask.report_post", name=name),
            app.strings("ask.report"),
            lambda: app.command(cmd.ReportPost(uid)),
        )
    elif action in ("comment", "comments"):
        app.push(ComposerScene(app, comment_on=uid))
    elif action == "profile" and post is not None and post.friend_id:
        app.push(PersonScene(app, post.friend_id))
