"""What happened: the events rules react to, with the facts each one carries."""

from __future__ import annotations

from typing import NamedTuple


class Event(NamedTuple):
    """One event. Fields an event does not carry stay empty. A named tuple, immutable and
    cheap to build (a day step makes about a thousand); its fields are read by name.

    ``text`` is what word lists are matched against: the post's text, or the comment's text for a
    comment (the commented post's text is then in ``post_text``).
    """

    kind: str
    day: int
    text: str = ""
    tags: tuple[str, ...] = ()
    choice: str | None = None
    item: str | None = None
    price: int = 0
    post: str | None = None
    post_uid: int | None = None
    post_text: str = ""
    friend: str | None = None
    old_score: int | None = None
    new_score: int | None = None
