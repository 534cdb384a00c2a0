"""Ending a day asks first: the player sees what is left to do, and "Keep playing" has the focus,
so Enter pressed twice (or held) after a summary can never skip a day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core import commands as cmd
from game.ui.scenes.confirm import ConfirmScene

if TYPE_CHECKING:
    from game.ui.flow import Flow


def left_today(app: Flow) -> tuple[int, int]:
    """How many ready-made posts the player can still publish today, and how many of today's
    posts they have not reacted to."""
    game = app.session.game
    posts = sum(1 for c in game.choices if game.can(cmd.Post(choice=c.id)) is None)
    unread = sum(
        1
        for p in game.feed
        if p.day == game.day and not p.by_player and not (p.liked or p.shared or p.comments)
    )
    return posts, unread


def counted(app: Flow, key: str, n: int) -> str:
    """`n` things in the player's language, singular for one ("1 ready-made post"), plural else."""
    return app.strings(f"{key}.one") if n == 1 else app.strings(f"{key}.many", n=n)


def left_text(app: Flow, posts: int, unread: int) -> str:
    """The sentence telling what is left to do today: that the player can still post (when
    `posts` ready-made posts are left; never how many, which reads like a quota) and how many of
    today's posts they have not reacted to (singular and plural); empty when nothing is left."""
    unread_words = counted(app, "endday.unread", unread)
    if posts and unread:
        return app.strings("endday.left", unread=unread_words)
    if posts:
        return app.strings("endday.left.posts")
    return app.strings("endday.left.unread", unread=unread_words) if unread else ""


def ask_end_day(app: Flow) -> None:
    """Ask before ending the day: "End day N" or "Keep playing" (focused; Esc keeps playing).
    On the last day the question says that the week ends."""
    from game.ui.scenes.summary import end_day

    game = app.session.game
    day = game.day
    posts, unread = left_today(app)
    last = day == game.days
    question = app.strings("endday.confirm.last" if last else "endday.confirm", day=day)
    left = left_text(app, posts, unread)
    answers = (("end", app.strings("endday.end", day=day)), ("keep", app.strings("endday.keep")))

    def answer(id: str) -> None:
        if id == "end":
            end_day(app)

    text = f"{question} {left}".strip()
    app.push(ConfirmScene(app, app.strings("endday.title"), text, answers, answer, ("end",)))
