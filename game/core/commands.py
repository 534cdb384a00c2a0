"""What the player can do: one frozen dataclass per command, serialisable for saves and replays."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from game.core.codes import Code


class CommandError(Exception):
    """A command the game cannot carry out now; ``code`` says why (``str`` gives it in English,
    for logs; the interface says it in the player's language)."""

    def __init__(self, code: Code) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return str(self.code)


@dataclass(frozen=True, slots=True)
class Post:
    """Publish a ready-made choice (``choice``) or typed text (``text``)."""

    choice: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Like:
    """Like a post in the feed (by its uid)."""

    post: int


@dataclass(frozen=True, slots=True)
class Share:
    """Share a post in the feed."""

    post: int


@dataclass(frozen=True, slots=True)
class Comment:
    """Comment on a post in the feed."""

    post: int
    text: str


@dataclass(frozen=True, slots=True)
class ReportPost:
    """Report a post to the authorities."""

    post: int


@dataclass(frozen=True, slots=True)
class ReportFriend:
    """Report a friend to the authorities."""

    friend: str


@dataclass(frozen=True, slots=True)
class Buy:
    """Buy an item from the shop."""

    item: str


@dataclass(frozen=True, slots=True)
class AddFriend:
    """Befriend someone."""

    friend: str


@dataclass(frozen=True, slots=True)
class RemoveFriend:
    """Unfriend someone."""

    friend: str


@dataclass(frozen=True, slots=True)
class EndDay:
    """End the day."""


Command = (
    Post
    | Like
    | Share
    | Comment
    | ReportPost
    | ReportFriend
    | Buy
    | AddFriend
    | RemoveFriend
    | EndDay
)

COMMANDS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Post,
        Like,
        Share,
        Comment,
        ReportPost,
        ReportFriend,
        Buy,
        AddFriend,
        RemoveFriend,
        EndDay,
    )
}


def to_dict(command: Command) -> dict[str, Any]:
    """The command as a JSON-ready dict: ``{"type": "Like", "post": 3}``."""
    return {"type": type(command).__name__, **asdict(command)}


def from_dict(data: object) -> Command:
    """The command a dict describes. Raises CommandError for anything malformed."""
    if not isinstance(data, dict) or data.get("type") not in COMMANDS:
        raise CommandError(Code.of("save.not_command", data=str(data)[:60]))
    cls = COMMANDS[data["type"]]
    names = {f.name: f.type for f in fields(cls)}
    args = {k: v for k, v in data.items() if k != "type"}
    if set(args) - set(names):
        extra = str(sorted(set(args) - set(names)))
        raise CommandError(Code.of("save.extra_fields", command=data["type"], fields=extra))
    for key, value in args.items():
        expected = names[key]
        ok = {
            "int": isinstance(value, int) and not isinstance(value, bool),
            "str": isinstance(value, str),
            "str | None": value is None or isinstance(value, str),
        }.get(str(expected), False)
        if not ok:
            raise CommandError(Code.of("save.wrong_type", command=data["type"], field=key))
    try:
        return cls(**args)
    except TypeError as err:
        raise CommandError(Code.of("save.incomplete", command=data["type"], error=err)) from None
