"""The composer: pick a ready-made post or type one (also used to comment on a post)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from game.core import commands as cmd
from game.core.game import MAX_POST_CHARS
from game.core.model import Choice
from game.core.views import FeedPost
from game.ui import input as ia
from game.ui import theme as th
from game.ui.cards import Author, Badges, Bubble, Card, CardButton, Line
from game.ui.listview import CardList
from game.ui.present import heading_card, post_card, profile_of, refusal_lines, text_card
from game.ui.scene import Panel
from game.ui.textfield import TextField, text_input
from game.ui.widgets import Button, flow

if TYPE_CHECKING:
    from game.ui.flow import Flow


class ComposerScene(Panel):
    """Post choices as cards, a free-text field with a character count, Send and Close."""

    toasts_at_top = True
    """Toasts go to the top while the composer is open, never over its text box or count."""

    def __init__(self, app: Flow, comment_on: int | None = None) -> None:
        """A post composer, or a comment box for the post with uid `comment_on`."""
        super().__init__(app)
        self.comment_on = comment_on
        game = app.session.game
        self.free = comment_on is not None or game.free_text
        self.choices = CardList("choices")
        self.thread = CardList("thread")
        """The post being answered and the player's comments on it (comment mode)."""
        self.field = TextField("text", MAX_POST_CHARS, self.s("composer.placeholder"))
        send = "composer.send_comment" if comment_on is not None else "composer.send"
        self.send = Button("send", self.s(send), icon="check")
        self.close = self.close_button()
        self.labels: dict[str, pygame.Rect] = {}
        self.text_input: bool | None = None
        self.echo = ""
        """A character a key press already put in the box; the TEXTINPUT that follows it is
        the same character and is dropped once."""
        items: list = [self.thread] if comment_on is not None else []
        if comment_on is None and game.choices:
            items.append(self.choices)
        if self.free:
            items += [self.field, self.send]
        items.append(self.close)
        self.focus.set_items(items)
        if comment_on is not None:
            self.focus.focus("text")

    def shortcut(self, key: str) -> None:
        """Typing starts writing: focus the text box and put the letter in it."""
        if self.free:
            self.focus.focus("text")
            self.field.insert(key)
            self.echo = key

    def handle(self, action: ia.Action) -> None:
        """Typed text and input-method text always reach the text box, focused or not, so no
        character typed before or after it has focus is lost ("#", "!", "¿", accents, IME)."""
        echo, self.echo = self.echo, ""
        if action.kind == ia.TEXT and echo and action.text == echo:
            return
        typing = action.kind == ia.EDIT or (action.kind == ia.TEXT and action.text.strip())
        if self.free and typing and self.focus.current is not self.field:
            self.focus.focus("text")
        super().handle(action)

    def back(self) -> None:
        """Esc closes the composer."""
        self.leave()

    def leave(self) -> None:
        """Close the composer and stop text input (the on-screen keyboard goes away)."""
        self.text_input = text_input(False, self.text_input)
        self.app.pop()

    def title(self) -> str:
        """The panel's title."""
        if self.comment_on is None:
            return self.s("composer.title")
        post = self.post()
        return self.s("comments.title", author=post.author_name if post else "?")

    def post(self) -> FeedPost | None:
        """The post being commented on (comment mode), or None."""
        return next((p for p in self.app.session.game.feed if p.uid == self.comment_on), None)

    def thread_cards(self) -> list[Card]:
        """The post (without its buttons), the player's comments as chat bubbles, and a word on
        whose comments are shown."""
        session = self.app.session
        game = session.game
        post = self.post()
        if post is None:
            return []
        face = session.face(post.friend_id) if post.friend_id else None
        me = profile_of(game.player, game.scenario)
        card = post_card(replace(post, comments=()), game.day, self.app.strings, None, face, me)
        out = [replace(card, buttons=())]
        out.append(heading_card(self.s("comments.yours"), "yours", "body"))
        if post.comments:
            bubbles = tuple(Bubble(text) for text in post.comments)
            out.append(
                Card("mine", (Author(me.face, self.s("post.by_you"), "", size=32.0), *bubbles))
            )
        else:
            out.append(text_card(self.s("comments.none"), "none", "meta", th.MUTED))
        out.append(text_card(self.s("comments.others"), "others", "small", th.MUTED))
        return out

    def choice_card(self, choice: Choice) -> Card:
        """A ready-made post: its words, its tags and "Use this", greyed out with the reason
        (in player words) when it cannot be posted now."""
        reason = self.app.session.game.can(cmd.Post(choice=choice.id))
        badges = Badges(tuple((f"#{tag}", th.BORDER) for tag in choice.tags))
        use = CardButton("use", self.s("composer.use"), reason is None, icon="check")
        parts = (Line(choice.text), badges, *refusal_lines(self.app.strings, [reason]))
        return Card(choice.id, parts, (use,))

    def layout(self) -> None:
        """Choices on top, then the text field, count and buttons."""
        inner = self.inner_rect()
        t = self.ctx.theme
        y = self.content_top()
        self.place_close(self.close)
        lh = self.ctx.text.line_height("meta")
        button_h = self.close.measure(self.ctx)[1]
        field_h = self.field.height_for(self.ctx, inner.width, 3) if self.free else 0
        free_h = (lh + t.px(6) + field_h + lh + t.px(8)) if self.free else 0
        bottom = inner.bottom - button_h - t.pad - free_h
        game = self.app.session.game
        if self.choices in self.focus.items:
            self.labels["choices"] = pygame.Rect(inner.x, y, inner.width, lh)
            y += lh + t.px(6)
            cards = [self.choice_card(c) for c in game.choices]
            self.choices.set_rect(
                pygame.Rect(inner.x, y, inner.width, max(t.px(60), bottom - y)), self.ctx
            )
            self.choices.set_cards(cards, self.ctx)
            y = self.choices.rect.bottom + t.pad
        if self.comment_on is not None:
            self.thread.set_rect(
                pygame.Rect(inner.x, y, inner.width, max(t.px(60), bottom - y)), self.ctx
            )
            self.thread.set_cards(self.thread_cards(), self.ctx)
            y = self.thread.rect.bottom + t.pad
        if self.free:
            self.labels["free"] = pygame.Rect(inner.x, y, inner.width, lh)
            y += lh + t.px(6)
            self.field.rect = pygame.Rect(inner.x, y, inner.width, field_h)
            y = self.field.rect.bottom + t.px(4)
            self.labels["count"] = pygame.Rect(inner.x, y, inner.width, lh)
        if self.free:
            flow([self.send], self.ctx, inner.x, inner.bottom - button_h, inner.width)

    def refresh(self) -> None:
        """Nothing to re-read while open (the choices do not change)."""

    def activate(self, id: str, payload: object) -> None:
        """Post a choice, send the typed text, or close."""
        if id == "close":
            self.leave()
        elif id == "choices" and isinstance(payload, tuple):
            self.send_command(cmd.Post(choice=str(payload[0])))
        elif id in ("send", "text"):
            text = self.field.text.strip()
            if not text:
                self.app.toasts.add(self.s("composer.empty"), "minus", th.WARNING)
                return
            command = (
                cmd.Comment(self.comment_on, text)
                if self.comment_on is not None
                else cmd.Post(text=text)
            )
            self.send_command(command)

    def send_command(self, command: cmd.Command) -> None:
        """Close the composer and send; reopen it (text kept) when the core refuses."""
        self.leave()
        if self.app.command(command) is None:
            self.app.push(self)

    def update(self, dt: float) -> list[pygame.Rect]:
        """Caret blink and list scrolling; returns what changed on screen."""
        changed = super().update(dt)
        want = self.free and self.app.stack[-1] is self  # typing reaches the box even unfocused
        self.text_input = text_input(want, self.text_input)
        return changed

    def draw(self, surface: pygame.Surface) -> None:
        """The panel with its parts."""
        self.draw_panel(surface, self.title())
        if "choices" in self.labels:
            surface.blit(
                self.ctx.text.render(self.s("composer.choices"), "meta", th.MUTED),
                self.labels["choices"],
            )
        if self.free:
            key = "composer.free_comment" if self.comment_on is not None else "composer.free"
            surface.blit(self.ctx.text.render(self.s(key), "meta", th.MUTED), self.labels["free"])
            n = len(self.field.text)
            color = th.WARNING if n >= MAX_POST_CHARS else th.MUTED
            count = self.ctx.text.render(
                self.s("composer.count", n=n, max=MAX_POST_CHARS), "meta", color
            )
            surface.blit(
                count, (self.labels["count"].right - count.get_width(), self.labels["count"].y)
            )
        self.draw_widgets(surface)
