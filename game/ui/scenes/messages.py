"""The messages view: a chat list with one conversation per friend who wrote, and the
platform's own notifications as a conversation of their own."""

from __future__ import annotations

from game.core.views import Notice
from game.ui import theme as th
from game.ui.avatars import Face
from game.ui.cards import Author, Bubble, Card
from game.ui.present import text_card
from game.ui.scenes.panels import ListPanel

PLATFORM_KINDS = frozenset({"notify", "unfriend", "befriend"})
"""Notices that come from the platform rather than from a friend."""

SHOWN = 6
"""How many of the latest messages a conversation shows."""


def conversations(log: tuple[Notice, ...] | list[Notice]) -> list[tuple[str | None, list[Notice]]]:
    """The log's messages by sender, the most recently active first; None is the platform, and
    accounts that are not friends (a message's ``sender``) write in the platform's thread."""
    threads: dict[str | None, list[Notice]] = {}
    last: dict[str | None, int] = {}
    for index, notice in enumerate(log):
        if notice.kind == "message" and notice.friend:
            sender: str | None = notice.friend
        elif notice.kind in PLATFORM_KINDS or (notice.kind == "message" and notice.sender):
            sender = None
        else:
            continue
        threads.setdefault(sender, []).append(notice)
        last[sender] = index
    return sorted(threads.items(), key=lambda item: -last[item[0]])


class MessagesScene(ListPanel):
    """Friends' and the platform's messages, newest conversation first."""

    title_key = "messages.title"

    def cards(self) -> list[Card]:
        """A card per conversation: the sender's avatar and name, then the last messages."""
        session = self.app.session
        s = self.app.strings
        threads = conversations(session.game.log)
        if not threads:
            return [text_card(s("messages.empty"), "empty", "body", th.MUTED)]
        out: list[Card] = [text_card(s("messages.read_only"), "read_only", "meta", th.MUTED)]
        for sender, notices in threads:
            if sender is None:
                face: Face = session.platform_face()
                name = s("messages.platform")
            else:
                face, name = session.face(sender), session.friend_name(sender)
            count = s("messages.one") if len(notices) == 1 else s("messages.count", n=len(notices))
            parts: list = [Author(face, name, count, link="profile" if sender else None)]
            day = None
            for notice in notices[-SHOWN:]:
                stamp = s("messages.day", day=notice.day) if notice.day != day else ""
                text = s.say(notice.said)
                if notice.sender:
                    text = f"{notice.sender}: {text}"
                parts.append(Bubble(text, stamp))
                day = notice.day
            accent = th.WARNING if sender is None else th.SOURCE_COLORS["friend"]
            out.append(Card(("thread", sender or ""), tuple(parts), accent=accent))
        return out

    def on_card(self, key: object, button: str) -> None:
        """Tapping a friend's name or avatar opens their profile."""
        from game.ui.scenes.person import PersonScene

        if button == "profile" and isinstance(key, tuple) and key[1]:
            self.app.push(PersonScene(self.app, str(key[1])))
