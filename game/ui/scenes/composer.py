"""The composer, as an app has it: the text box first, the ready-made posts as suggestions
under it (one tap posts one); also used to comment on a post (the thread, then the box)."""

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
from game.ui.cards import Author, Bubble, Card, CardButton, Line
from game.ui.listview import CardList
from game.ui.present import heading_card, post_card, profile_of, refusal_lines, text_card
from game.ui.scene import Panel
from game.ui.textfield import TextField, text_input
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.flow import Flow


class ComposerScene(Panel):
    """A text box with a character count and Post it, ready-made posts as suggestions below,
    and Close."""

    def __init__(self, app: Flow, comment_on: int | None = None) -> None:
        """A post composer, or a comment box for the post with uid `comment_on`."""
        super().__init__(app)
        self.comment_on = comment_on
        self.toasts_at_top = comment_on is not None
        """Toasts never cover the text box, its count or its button: a comment's box is at the
        bottom (toasts go to the top), a post's at the top (toasts stay at the bottom)."""
        game = app.session.game
        self.free = comment_on is not None or game.free_text
        self.choices = CardList("choices")
        self.thread = CardList("thread")
        """The post being answered and the player's comments on it (comment mode)."""
        reads = game.reads_words(comment=comment_on is not None)
        hint = "composer.placeholder.read" if reads else "composer.placeholder"
        self.field = TextField("text", MAX_POST_CHARS, self.s(hint))
        send = "composer.send_comment" if comment_on is not None else "composer.send"
        self.send = Button("send", self.s(send), icon="check")
        self.close = self.close_button()
        self.labels: dict[str, pygame.Rect] = {}
        self.text_input: bool | None = None
        self.echo = ""
        """A character a key press already put in the box; the TEXTINPUT that follows it is
        the same character and is dropped once."""
        items: list = [self.thread] if comment_on is not None else []
        if self.free:
            items += [self.field, self.send]
        if comment_on is None and game.choices:
            items.append(self.choices)
        items.append(self.close)
        self.focus.set_items(items)  # Tab goes in reading order: box, Post it, suggestions
        if comment_on is not None:
            self.focus.focus("text")
        elif game.choices:
            self.focus.focus("choices")  # typing still goes to the box (see `handle`)

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
            return self.named(self.s("composer.title"))
        post = self.post()
        if post is not None and post.by_player:
            return self.s("comments.title.yours")
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
        card = post_card(post, game.day, self.app.strings, None, face, me, inline_comments=False)
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
        """A ready-made post as a suggestion: its words with its hashtags, and "Post this",
        greyed out with the reason (in player words) when it cannot be posted now."""
        reason = self.app.session.game.can(cmd.Post(choice=choice.id))
        tags = " ".join(f"#{tag}" for tag in choice.tags)
        use = CardButton("use", self.s("composer.use"), reason is None, icon="check")
        words = f"{choice.text}  {tags}" if tags else choice.text
        parts = (Line(words), *refusal_lines(self.app.strings, [reason]))
        return Card(choice.id, parts, (use,))

    def layout(self) -> None:
        """A post: the text box first (with the player's avatar), its count and Post it, then
        the ready-made posts as suggestions below. A comment: the thread, then the box."""
        inner = self.inner_rect()
        t = self.ctx.theme
        self.place_close(self.close)
        self.labels.clear()
        y = self.content_top()
        if self.comment_on is None:
            if self.free:
                y = self.layout_box(inner, y, 2) + t.pad
            if self.choices in self.focus.items:
                lh = self.ctx.text.line_height("meta")
                key = "composer.choices" if self.free else "composer.choices_only"
                self.labels[key] = pygame.Rect(inner.x, y, inner.width, lh)
                y += lh + t.px(6)
                self.choices.set_rect(
                    pygame.Rect(inner.x, y, inner.width, max(t.px(60), inner.bottom - y)), self.ctx
                )
                self.choices.set_cards(
                    [self.choice_card(c) for c in self.app.session.game.choices], self.ctx
                )
            return
        button_h = self.send.measure(self.ctx)[1]
        field_h = self.field.height_for(self.ctx, inner.width, 3)
        bottom = inner.bottom - field_h - button_h - 2 * t.pad
        self.thread.set_rect(
            pygame.Rect(inner.x, y, inner.width, max(t.px(60), bottom - y)), self.ctx
        )
        self.thread.set_cards(self.thread_cards(), self.ctx)
        self.layout_box(inner, self.thread.rect.bottom + t.pad, 3)

    def layout_box(self, inner: pygame.Rect, y: int, lines: int) -> int:
        """The text box at `y` (`lines` tall; a post's with the avatar at its left), and under
        it the character count at the left and the send button at the right; returns the y
        below them."""
        t = self.ctx.theme
        x = inner.x
        if self.comment_on is None:
            self.labels["avatar"] = pygame.Rect(x, y, t.px(40), t.px(40))
            x += t.px(40) + t.px(10)
        field_h = self.field.height_for(self.ctx, inner.right - x, lines)
        self.field.rect = pygame.Rect(x, y, inner.right - x, field_h)
        y = self.field.rect.bottom + t.px(6)
        w, h = self.send.measure(self.ctx)
        self.send.rect = pygame.Rect(inner.right - w, y, w, h)
        lh = self.ctx.text.line_height("meta")
        self.labels["count"] = pygame.Rect(x, y + (h - lh) // 2, inner.right - x - w, lh)
        return y + h

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
                self.app.toasts.add(self.s("composer.empty"), "minus", th.WARNING, own=True)
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
        text = self.ctx.text
        for key in ("composer.choices", "composer.choices_only"):
            if key in self.labels:
                surface.blit(text.render(self.s(key), "meta", th.MUTED), self.labels[key])
        avatar = self.labels.get("avatar")
        if avatar is not None and self.ctx.avatars is not None:
            game = self.app.session.game
            me = profile_of(game.player, game.scenario)
            pygame.draw.circle(surface, me.color, avatar.center, avatar.width // 2 + 3)
            surface.blit(self.ctx.avatars.get(me.face, avatar.width), avatar)
        if self.free:
            n = len(self.field.text)
            color = th.WARNING if n >= MAX_POST_CHARS else th.MUTED
            count = text.render(self.s("composer.count", n=n, max=MAX_POST_CHARS), "meta", color)
            surface.blit(count, self.labels["count"].topleft)
        self.draw_widgets(surface)
