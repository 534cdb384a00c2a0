"""A person's profile page: who they are, their tier and score, and their posts in your feed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui import theme as th
from game.ui.cards import Card
from game.ui.present import friend_card, heading_card, post_card, profile_of, text_card, tier_color
from game.ui.scenes.panels import FriendsScene
from game.ui.scenes.play import act_on_post

if TYPE_CHECKING:
    from game.ui.flow import Flow


class PersonScene(FriendsScene):
    """One person's page: their card (add, remove, report) and their posts with the usual
    actions."""

    def __init__(self, app: Flow, friend_id: str) -> None:
        """The page of the person with `friend_id`."""
        self.friend_id = friend_id
        super().__init__(app)

    def title(self) -> str:
        """The person's name."""
        return self.app.session.friend_name(self.friend_id)

    def cards(self) -> list[Card]:
        """Their card, then their posts (newest first, as in the feed)."""
        session = self.app.session
        game = session.game
        s = self.app.strings
        person = next((p for p in game.friends if p.id == self.friend_id), None)
        out: list[Card] = []
        if person is not None:
            color = tier_color(person.tier, game.scenario)
            face = session.face(person.id)
            display = game.scenario.score_format
            out.append(friend_card(person, s, game.can, face, color, display, with_profile=False))
        out.append(heading_card(s("profile.posts"), "posts", "body"))
        me = profile_of(game.player, game.scenario)
        face = session.face(self.friend_id)
        posts = [p for p in game.feed if p.friend_id == self.friend_id and not p.by_player]
        out += [post_card(p, game.day, s, game.can, face, me) for p in posts]
        if not posts:
            out.append(
                text_card(s("profile.no_posts", name=self.title()), "none", "meta", th.MUTED)
            )
        return out

    def on_card(self, key: object, button: str) -> None:
        """Their card's buttons as in Friends; their posts' buttons as in the feed."""
        if button == "profile":
            return  # already on this page
        if isinstance(key, int):
            act_on_post(self.app, key, button)
        else:
            super().on_card(key, button)
