"""The shape of a whole scenario file (and of an included part), and its JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core.limits import LIMITS
from game.core.model import FORMAT_VERSION, PERK_KINDS, REACTIONS, SOURCES, VERDICTS
from game.core.rulespec import CONDITION, RuleShape
from game.core.shapes import (
    INVALID,
    Boolean,
    Choice,
    Ctx,
    Field,
    Ident,
    ListOf,
    MapOf,
    Number,
    Obj,
    Text,
)
from game.core.yamlsafe import Node, ScalarNode

SCORE_LIMIT = 1_000_000
URL_PATTERN = r"^https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]{1,5})?(/[^\s]*)?$"
"""An http(s) address with a dotted host name, an optional port and path, and no spaces."""


@dataclass(frozen=True)
class Include:
    """A sibling file name, kept with where it was written."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        value = Text(max_len=200).check(node, ctx)
        return INVALID if value is INVALID else (value, node.mark)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "description": "a file in the same folder"}


@dataclass(frozen=True)
class FormatVersion:
    """The ``format:`` number, which must be one this game reads."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode) and node.value == FORMAT_VERSION:
            return FORMAT_VERSION
        ctx.error(
            node.mark,
            f"unsupported format {getattr(node, 'value', '?')!r}",
            f"this game reads format {FORMAT_VERSION}: write 'format: {FORMAT_VERSION}'",
        )
        return INVALID

    def schema(self) -> dict[str, Any]:
        return {"const": FORMAT_VERSION}


TAGS = Field(ListOf(Ident(), max_items=20))
SCORE_VALUE = Number(-SCORE_LIMIT, SCORE_LIMIT)

PERK = Obj(
    {
        "id": Field(Ident(), required=True),
        "kind": Field(Choice(PERK_KINDS), required=True),
        "name": Field(Text(max_len=80), required=True),
        "text": Field(Text(), required=True),
    },
    what="perk",
)
FRIEND = Obj(
    {
        "id": Field(Ident(), required=True),
        "name": Field(Text(max_len=80), required=True),
        "score": Field(SCORE_VALUE, required=True),
        "friend": Field(Boolean("false for someone the player can add"), default=True),
        "bio": Field(Text(max_len=300)),
        "image": Field(
            Text(
                max_len=200,
                pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(png|jpg|jpeg)$",
                pattern_hint="name a .png or .jpg file in assets/images or next to the scenario",
                doc="a picture for this person (a file name; otherwise a face is drawn)",
                what="image file name",
            )
        ),
        "personality": Field(
            Obj(
                {
                    "posts_per_day": Field(Number(0, 10, whole=False), default=1.0),
                    "topics": Field(ListOf(Ident(), max_items=20)),
                    "reaction": Field(Choice(REACTIONS), default="loyal"),
                },
                what="personality",
            )
        ),
    },
    what="friend",
)
POST = Obj(
    {
        "id": Field(Ident(), required=True),
        "source": Field(Choice(SOURCES), required=True),
        "author": Field(Text(max_len=80)),
        "text": Field(Text(max_len=1000), required=True),
        "tags": TAGS,
        "day": Field(Number(1, 365)),
    },
    what="post",
)
CHOICE = Obj(
    {
        "id": Field(Ident(), required=True),
        "text": Field(Text(max_len=500), required=True),
        "tags": TAGS,
    },
    what="post choice",
)
ITEM = Obj(
    {
        "id": Field(Ident(), required=True),
        "name": Field(Text(max_len=80), required=True),
        "price": Field(Number(0, 1_000_000), required=True),
        "tags": TAGS,
    },
    what="shop item",
)
TIER = Obj(
    {
        "id": Field(Ident(), required=True),
        "name": Field(Text(max_len=80), required=True),
        "from": Field(SCORE_VALUE, required=True),
        "to": Field(SCORE_VALUE, required=True),
        "perks": Field(ListOf(Ident(), max_items=50)),
        "color": Field(
            Text(
                max_len=7,
                pattern=r"^#[0-9a-fA-F]{6}$",
                pattern_hint="write a colour as '#rrggbb', for example '#d63031'",
                doc="the tier's colour on badges, the score bar and the chart (#rrggbb)",
                what="colour",
            )
        ),
        "ending": Field(
            Text(max_len=600, doc="what ending the week in this tier means (the ending card)")
        ),
    },
    what="tier",
)
DISPLAY = Obj(
    {
        "scale": Field(
            Number(1e-6, 1e6, whole=False, doc="players see the score times this"), default=1
        ),
        "decimals": Field(Number(0, 6, doc="digits after the decimal mark"), default=0),
        "prefix": Field(Text(max_len=10, doc="shown before the number")),
        "suffix": Field(Text(max_len=10, doc="shown after the number, like ' ★'")),
        "decimal_mark": Field(Choice((".", ",")), default="."),
    },
    what="score display",
    doc="how players see the score: {scale: 0.01, decimals: 2, suffix: ' ★'} shows 460 as 4.60 ★",
)
SOURCE = Obj(
    {
        "title": Field(Text(max_len=300), required=True),
        "url": Field(
            Text(
                max_len=500,
                pattern=URL_PATTERN,
                pattern_hint="a whole web address without spaces, such as https://example.org/page",
                what="web address",
            )
        ),
        "year": Field(Number(1900, 2100)),
    },
    what="source",
)
FACT = Obj(
    {
        "id": Field(Ident("a name for this fact, so that a rule's 'about' can point to it")),
        "claim": Field(Text(), required=True),
        "verdict": Field(Choice(VERDICTS), required=True),
        "explanation": Field(Text(max_len=4000), required=True),
        "details": Field(
            Text(max_len=4000, doc="more for players who ask for it (shown after 'more')")
        ),
        "sources": Field(ListOf(SOURCE, min_items=1, max_items=20), required=True),
        "note": Field(Text(max_len=4000, doc="for the teacher only (how sure, what to watch for)")),
    },
    what="fact",
)
CLAIM = Obj(
    {
        "id": Field(Ident(), required=True),
        "claim": Field(Text(max_len=300), required=True),
        "answer": Field(Boolean("true for a true claim, false for a false one"), required=True),
        "source": Field(SOURCE, required=True),
    },
    what="quiz claim",
    doc="a statement players rate from 'definitely false' to 'definitely true'",
)
CLAIMS = ListOf(CLAIM, min_items=1, max_items=20, doc="the claim quiz, before and after play")
WORD = Text(max_len=100, curly_error="it never matches")
WORD_LISTS = MapOf(ListOf(WORD, min_items=1, max_items=2000), "word lists")
RULES = ListOf(RuleShape(), max_items=5000)

SECTIONS = {
    "perks": Field(ListOf(PERK, max_items=200)),
    "friends": Field(ListOf(FRIEND, max_items=10000)),
    "posts": Field(ListOf(POST, max_items=10000)),
    "shop": Field(ListOf(ITEM, max_items=500)),
    "word_lists": Field(WORD_LISTS),
    "rules": Field(RULES),
}

SCENARIO = Obj(
    {
        "format": Field(FormatVersion(), required=True),
        "title": Field(Text(max_len=120), required=True),
        "description": Field(Text(max_len=600), required=True),
        "language": Field(
            Text(
                max_len=10,
                pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                pattern_hint="a language code such as en, es or pt-BR",
                what="language code",
            ),
            required=True,
        ),
        "minutes": Field(Number(1, 120), required=True),
        "days": Field(Number(1, 60), required=True),
        "order": Field(
            Number(1, 1000, doc="place in the scenario picker, lowest first (default 100)"),
            default=100,
        ),
        "hidden": Field(
            Boolean("true keeps it out of the scenario picker (templates, drafts)"),
            default=False,
        ),
        "briefing": Field(
            ListOf(
                Text(max_len=300),
                min_items=1,
                max_items=8,
                doc="a few short lines before day 1: who you are, what the score is, what to try",
            )
        ),
        "limits": Field(LIMITS),
        "include": Field(ListOf(Include(), max_items=20)),
        "player": Field(
            Obj(
                {
                    "name": Field(Text(max_len=80), required=True),
                    "score": Field(SCORE_VALUE, required=True),
                    "money": Field(Number(0, 1_000_000_000), default=0),
                    "currency": Field(
                        Text(max_len=30, doc="what money is called, shown after amounts")
                    ),
                },
                what="player",
            ),
            required=True,
        ),
        "score": Field(
            Obj(
                {
                    "name": Field(Text(max_len=40), default="Score"),
                    "min": Field(SCORE_VALUE, required=True),
                    "max": Field(SCORE_VALUE, required=True),
                    "tiers": Field(ListOf(TIER, min_items=1, max_items=20), required=True),
                    "display": Field(DISPLAY),
                },
                what="score",
            ),
            required=True,
        ),
        "feed": Field(Obj({"per_day": Field(Number(0, 50), default=3)}, what="feed")),
        "player_posts": Field(
            Obj(
                {
                    "free_text": Field(Boolean(), default=True),
                    "choices": Field(ListOf(CHOICE, max_items=200)),
                },
                what="player_posts",
            )
        ),
        **SECTIONS,
        "claims": Field(CLAIMS),
        "debrief": Field(
            Obj(
                {
                    "summary": Field(Text(max_len=4000), required=True),
                    "facts": Field(ListOf(FACT, min_items=1, max_items=50), required=True),
                    "questions": Field(ListOf(Text(), min_items=1, max_items=20), required=True),
                },
                what="debrief",
            ),
            required=True,
        ),
    },
    what="scenario",
)

PART = Obj(
    {
        **SECTIONS,
        "player_posts": Field(
            Obj({"choices": Field(ListOf(CHOICE, max_items=200))}, what="player_posts")
        ),
    },
    what="included file",
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file, generated from the same shapes the checker uses."""
    schema = SCENARIO.schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "scenario.schema.json",
        "title": "Model Citizen scenario",
        **schema,
        "$defs": {"condition": CONDITION.schema()},
    }
