"""How often things may happen: a scenario's action limits and a rule's ``once:``.

Nothing pays twice for being repeated. By default each ready-made post can be used once a day,
each friend can be reported once a game, a friend removed today cannot be re-added the same day,
and a post takes one comment; a scenario's ``limits:`` block can change those. A rule's ``once``
says that only the first time counts: ``per_game`` (or ``true``), ``per_day`` or ``per_friend``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.core.shapes import INVALID, Boolean, Ctx, Field, Number, Obj, Record, Shape
from game.core.words import normalize
from game.core.yamlsafe import Node, ScalarNode

ONCE_KINDS = ("per_game", "per_day", "per_friend")
"""What a rule's ``once`` may say (``true`` means ``per_game``, ``false`` no limit)."""


@dataclass(frozen=True)
class OnceShape:
    """A rule's ``once``: true, false, per_game, per_day or per_friend; built into the kind
    (``""`` for no limit)."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode) and isinstance(node.value, bool):
            return "per_game" if node.value else ""
        if isinstance(node, ScalarNode) and node.value in ONCE_KINDS:
            return node.value
        ctx.error(
            node.mark,
            f"'once' is {node.value!r}" if isinstance(node, ScalarNode) else "'once' is not a word",
            "write true (once a game), per_day, per_friend or per_game",
        )
        return INVALID

    def schema(self) -> dict[str, Any]:
        return {
            "anyOf": [{"type": "boolean"}, {"enum": list(ONCE_KINDS)}],
            "description": "only the first time counts: true or per_game, per_day, per_friend",
        }


def once_key(kind: str, rule_id: str, day: int, friend: str | None) -> tuple[object, ...]:
    """What a ``once`` rule remembers having fired for (the same key never fires again)."""
    if kind == "per_day":
        return (rule_id, "day", day)
    if kind == "per_friend" and friend is not None:
        return (rule_id, "friend", friend)
    return (rule_id,)


@dataclass(frozen=True, slots=True)
class Limits:
    """How often the player may repeat an action (0 means no limit)."""

    choice_per_day: int = 1
    """Times each ready-made post can be published in one day."""
    reports_per_friend: int = 1
    """Times each friend can be reported in one game."""
    comments_per_post: int = 0
    """Comments the player can write on one post (the same words never count twice)."""
    readd_same_day: bool = False
    """Whether a friend removed today can be added again the same day."""


@dataclass
class Usage:
    """What the player has already done that a limit counts (rebuilt by replaying a save)."""

    posts_today: dict[str, int] = field(default_factory=dict)
    """Ready-made posts (by id) and typed posts (by their words) published today."""
    reports: dict[str, int] = field(default_factory=dict)
    """Friends reported this game, and how often."""
    removed_today: set[str] = field(default_factory=set)
    """Friends removed today."""
    declined: int = 0
    """Friend requests turned down this game (they added no friend)."""
    refused: dict[str, int] = field(default_factory=dict)
    """Purchases refused this game, by item (the rules gave the whole price back)."""

    def copy(self) -> Usage:
        """An independent copy (for ``Game.fork``)."""
        return Usage(
            dict(self.posts_today),
            dict(self.reports),
            set(self.removed_today),
            self.declined,
            dict(self.refused),
        )

    def new_day(self) -> None:
        """Forget what only counts for one day."""
        self.posts_today.clear()
        self.removed_today.clear()


def post_key(choice: str | None, text: str | None) -> str:
    """What a post counts as: its choice id, or its words (case, accents and spacing ignored)."""
    if choice is not None:
        return "choice:" + choice
    return "text:" + normalize(text or "")


def _count(doc: str) -> Field:
    return Field(Number(0, 1000, doc=doc + " (0: no limit)"))


LIMITS: Shape = Obj(
    {
        "choice_per_day": _count("times each ready-made post can be used in a day; default 1"),
        "reports_per_friend": _count("times each friend can be reported in a game; default 1"),
        "comments_per_post": _count("comments the player can write on one post; default no limit"),
        "readd_same_day": Field(
            Boolean(doc="a friend removed today may be added again today; default false")
        ),
    },
    what="limits",
    doc="how often the player may repeat an action (nothing pays twice by default)",
)


def build_limits(record: Record | None) -> Limits:
    """The limits a checked ``limits:`` block sets, defaults for what it leaves out."""
    if record is None:
        return Limits()
    given = {key: value for key, value in record.items() if value is not None}
    return Limits(**given)
