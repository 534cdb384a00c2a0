"""The rule vocabulary: one self-describing entry per event, condition and effect.

Each entry says, in one place, its name, its YAML shape (which the checker and the JSON Schema
both read), how a checked value becomes its runtime object, which events it fits, what it reads
or sets for the usage report, and the message keys that put it in words (``explain`` and the
interface own the words themselves, in every shipped language). Adding a word means adding one
entry here and its phrases; ``tests/test_vocabulary.py`` fails when a phrase is missing.

Modelled on Ren'Py's ``register_statement(name, parse=, lint=, execute=)`` and Tuxemon's named
plugin classes; words that hold words find their shapes by name (``ruleshapes.Named``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from game.core import conditions as c
from game.core import effects as e
from game.core.codes import Code
from game.core.expr import describe
from game.core.model import REACTIONS
from game.core.ruleshapes import Named, Who
from game.core.shapes import (
    Boolean,
    Choice,
    Ctx,
    Either,
    Field,
    Ident,
    ListOf,
    Number,
    Obj,
    Record,
    Ref,
    Shape,
    Text,
)

Uses = tuple[tuple[str, str], ...]
"""What a word reads or sets, as (kind, name) pairs: ("counter", "warnings"), ("flag", "x")..."""


# -- events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventWord:
    """An event a rule's ``when`` may name, and what the event carries.

    ``friend`` is "always", "maybe" (when the post is a friend's) or "never". Message keys:
    ``event.NAME`` (present, for ``explain``), ``event.NAME.past`` (for causes) and, for events
    with text, ``event.NAME.yours`` ("your post") for causes about words used.
    """

    name: str
    friend: str = "never"
    text: bool = False
    tags: bool = False
    choice: bool = False
    item: bool = False
    post: bool = False
    threshold: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        """The message keys this event needs in every language."""
        keys = [f"event.{self.name}", f"event.{self.name}.past"]
        if self.text:
            keys.append(f"event.{self.name}.yours")
        if self.threshold:
            keys += [f"event.{self.name}.up", f"event.{self.name}.down"]
        return tuple(keys)


def _post_event(name: str) -> EventWord:
    return EventWord(name, friend="maybe", text=True, tags=True, post=True)


_EVENTS = (
    EventWord("game_starts"),
    EventWord("game_ends"),
    EventWord("day_starts"),
    EventWord("day_ends"),
    EventWord("player_posts", text=True, tags=True, choice=True),
    _post_event("player_likes"),
    _post_event("player_shares"),
    _post_event("player_comments"),
    _post_event("player_reports_post"),
    EventWord("player_reports_friend", friend="always"),
    EventWord("player_buys", tags=True, item=True),
    EventWord("player_adds_friend", friend="always"),
    EventWord("player_removes_friend", friend="always"),
    EventWord("friend_posts", friend="always", text=True, tags=True, post=True),
    EventWord("friend_unfriends", friend="always"),
    EventWord("score_crosses", threshold=True),
    EventWord("friend_score_crosses", friend="always", threshold=True),
)


# -- conditions ------------------------------------------------------------------------------


EVENT_FACTS = (
    "text",
    "tags",
    "choice",
    "item",
    "price",
    "post",
    "post_uid",
    "post_text",
    "friend",
    "old_score",
    "new_score",
)
"""The facts (``Event`` fields) that may differ between two events of one kind on one day."""

ALL_FACTS = frozenset(EVENT_FACTS)
"""What a word reads when nobody said: every fact (so a new word can never be read too little)."""

NO_FACTS: frozenset[str] = frozenset()
FRIEND_FACT = frozenset({"friend"})
"""The event's friend: also the friend a ``for_each`` rule binds."""


def _none(_: object) -> Uses:
    return ()


def _reads(*facts: str) -> Callable[[Any], frozenset[str]]:
    fixed = frozenset(facts)
    return lambda value: fixed


def _no_parts(_: object) -> tuple[c.Condition, ...]:
    return ()


@dataclass(frozen=True)
class ConditionWord:
    """A condition a rule's ``if`` (or an effect's ``where``) may hold.

    ``fits`` says which events it can hold for (None: any); ``needs_friend`` whether a value needs
    a bound friend; ``phrase`` puts a runtime condition in a ``Code`` (keys in ``keys``);
    ``parts`` gives the conditions it holds; ``uses`` what it reads, for the usage report;
    ``facts`` which facts of the event it reads itself (``EVENT_FACTS``; its parts add theirs).
    """

    name: str
    shape: Shape | None
    build: Callable[[Any], c.Condition]
    runtime: type
    phrase: Callable[[Any], Code]
    keys: tuple[str, ...]
    fits: Callable[[EventWord], bool] | None = None
    needs_friend: Callable[[Any], bool] = lambda value: False
    parts: Callable[[Any], tuple[c.Condition, ...]] = _no_parts
    uses: Callable[[Any], Uses] = _none
    facts: Callable[[Any], frozenset[str]] = lambda value: ALL_FACTS


def _bounds_check(record: Record, ctx: Ctx) -> None:
    if all(record.get(k) is None for k in ("below", "at_least", "equals")):
        ctx.error(
            record.mark,
            "give a bound: 'below', 'at_least'" + (" or 'equals'" if "equals" in record else ""),
        )


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def names(key: str, values: tuple[str, ...]) -> Code:
    """Names joined by ``list.or`` or ``list.and`` (``key``), each quoted."""
    return Code.of(key, items=tuple(Code.of("name", name=v) for v in values))


def _bounds(
    subject: Code, below: float | None, at_least: float | None, equals: float | None
) -> Code:
    parts = []
    if equals is not None:
        parts.append(Code.of("bound.equals", n=_num(equals)))
    if at_least is not None:
        parts.append(Code.of("bound.at_least", n=_num(at_least)))
    if below is not None:
        parts.append(Code.of("bound.below", n=_num(below)))
    return Code.of("cond.bounds", subject=subject, bounds=Code.of("list.and", items=tuple(parts)))


def _friend_prop(key: str, value: object) -> Code:
    if key == "is_friend":
        return Code.of("friend.is_friend" if value else "friend.not_friend")
    return Code.of(f"friend.{key}", value=value)


def condition_code(cond: c.Condition) -> Code:
    """A runtime condition as a Code (its entry's phrase)."""
    return CONDITION_CLASSES[type(cond)].phrase(cond)


def _grouped(cond: c.Condition) -> Code:
    phrase = condition_code(cond)
    return Code.of("group", inner=phrase) if isinstance(cond, c.AllOf | c.AnyOf) else phrase


def _fits(attribute: str) -> Callable[[EventWord], bool]:
    return lambda event: bool(getattr(event, attribute))


def _counter_uses(cond: Any) -> Uses:
    return (("counter", cond.name),)


def _expression_uses(cond: Any) -> Uses:
    out = []
    for name in cond.expr.names:
        head, _, tail = name.partition(".")
        if head in ("counters", "flags"):
            out.append((head[:-1], tail))
    return tuple(out)


def _is(name: str, what: str, runtime: type) -> ConditionWord:
    """A condition that the event is about one thing the scenario defines (a choice, an item or a
    post), named by id; it fits the events that carry that thing."""
    return ConditionWord(
        name,
        Ref(name, what),
        runtime,
        runtime,
        lambda x: Code.of(f"cond.{name}", **{name: getattr(x, name)}),
        (f"cond.{name}",),
        fits=_fits(name),
        uses=lambda x: ((name, getattr(x, name)),),
        facts=_reads(name),
    )


_SCORE_KEYS = ("whose.player", "whose.friend", "whose.friends_average")
_BOUND_KEYS = ("cond.bounds", "bound.equals", "bound.at_least", "bound.below", "list.and")

_CONDITIONS = (
    ConditionWord(
        "text_uses",
        ListOf(Ref("word_list", "word list"), min_items=1, or_single=True),
        lambda v: c.TextUses(v),
        c.TextUses,
        lambda x: Code.of("cond.text_uses", lists=names("list.or", x.lists)),
        ("cond.text_uses", "list.or", "name"),
        fits=_fits("text"),
        uses=lambda x: tuple(("word_list", n) for n in x.lists),
        facts=_reads("text"),
    ),
    ConditionWord(
        "has_tag",
        ListOf(Ident(), min_items=1, or_single=True),
        lambda v: c.HasTag(v),
        c.HasTag,
        lambda x: Code.of("cond.has_tag", tags=names("list.or", x.tags)),
        ("cond.has_tag", "list.or", "name"),
        fits=_fits("tags"),
        uses=lambda x: tuple(("tag", t) for t in x.tags),
        facts=_reads("tags"),
    ),
    _is("choice", "player post choice", c.ChoiceIs),
    _is("item", "shop item", c.ItemIs),
    _is("post", "post", c.PostIs),
    ConditionWord(
        "score",
        Obj(
            {
                "of": Field(Choice(("player", "friend", "friends_average")), default="player"),
                "below": Field(Number(-1e6, 1e6, whole=False)),
                "at_least": Field(Number(-1e6, 1e6, whole=False)),
            },
            what="score condition",
            extra_check=_bounds_check,
        ),
        lambda v: c.ScoreIs(v["of"], v["below"], v["at_least"]),
        c.ScoreIs,
        lambda x: _bounds(Code.of(f"whose.{x.of}"), x.below, x.at_least, None),
        _SCORE_KEYS + _BOUND_KEYS,
        needs_friend=lambda v: v["of"] == "friend",
        facts=lambda x: FRIEND_FACT if x.of == "friend" else NO_FACTS,
    ),
    ConditionWord(
        "friend",
        Obj(
            {
                "id": Field(Ref("friend", "friend")),
                "reaction": Field(Choice(REACTIONS)),
                "is_friend": Field(Boolean()),
                "has_topic": Field(Ident()),
            },
            what="friend condition",
        ),
        lambda v: c.FriendIs(tuple((k, x) for k, x in v.items() if x is not None)),
        c.FriendIs,
        lambda x: Code.of(
            "cond.friend",
            props=Code.of("list.and", items=tuple(_friend_prop(k, v) for k, v in x.properties)),
        ),
        (
            "cond.friend",
            "friend.id",
            "friend.is_friend",
            "friend.not_friend",
            "friend.has_topic",
            "friend.reaction",
            "list.and",
        ),
        needs_friend=lambda v: True,
        facts=_reads("friend"),
    ),
    ConditionWord(
        "flag",
        Ident(),
        lambda v: c.FlagSet(v),
        c.FlagSet,
        lambda x: Code.of("cond.flag", flag=x.flag),
        ("cond.flag",),
        uses=lambda x: (("flag", x.flag),),
        facts=_reads(),
    ),
    ConditionWord(
        "counter",
        Obj(
            {
                "name": Field(Ident(), required=True),
                "below": Field(Number(-1e9, 1e9)),
                "at_least": Field(Number(-1e9, 1e9)),
                "equals": Field(Number(-1e9, 1e9)),
            },
            what="counter condition",
            extra_check=_bounds_check,
        ),
        lambda v: c.CounterIs(v["name"], v["below"], v["at_least"], v["equals"]),
        c.CounterIs,
        lambda x: _bounds(Code.of("counter", name=x.name), x.below, x.at_least, x.equals),
        ("counter", *_BOUND_KEYS),
        uses=_counter_uses,
        facts=_reads(),
    ),
    ConditionWord(
        "chance",
        Number(0, 1, whole=False),
        lambda v: c.Chance(float(v)),
        c.Chance,
        lambda x: Code.of("cond.chance", percent=f"{x.probability:.0%}"),
        ("cond.chance",),
        facts=_reads(),
    ),
    ConditionWord(
        "all",
        ListOf(Named("condition"), min_items=1),
        lambda v: c.AllOf(v),
        c.AllOf,
        lambda x: Code.of("list.and", items=tuple(_grouped(p) for p in x.parts)),
        ("list.and", "group"),
        parts=lambda x: x.parts,
        facts=_reads(),
    ),
    ConditionWord(
        "any",
        ListOf(Named("condition"), min_items=1),
        lambda v: c.AnyOf(v),
        c.AnyOf,
        lambda x: Code.of(
            "cond.any", parts=Code.of("list.or", items=tuple(_grouped(p) for p in x.parts))
        ),
        ("cond.any", "list.or", "group"),
        parts=lambda x: x.parts,
        facts=_reads(),
    ),
    ConditionWord(
        "not",
        Named("condition"),
        lambda v: c.NotThis(v),
        c.NotThis,
        lambda x: Code.of("cond.not", part=condition_code(x.part)),
        ("cond.not",),
        parts=lambda x: (x.part,),
        facts=_reads(),
    ),
    ConditionWord(
        "expression",
        None,
        lambda v: v,
        c.Expression,
        lambda x: Code.of("cond.expression", text=describe(x.expr)),
        ("cond.expression",),
        uses=_expression_uses,
        facts=lambda x: (
            FRIEND_FACT if any(n.split(".")[0] == "friend" for n in x.expr.names) else NO_FACTS
        ),
    ),
)
"""Every condition; ``expression`` is written as a plain string, so it has no one-key shape."""


# -- effects ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EffectWord:
    """An effect a rule's ``then`` may apply.

    ``build(value, line)`` makes the runtime effect; ``texts(value)`` gives the texts a player
    reads (checked for placeholders); ``phrase`` puts a runtime effect in a Code (keys in
    ``keys``); ``sets`` says what it sets, for the usage report; ``where`` gives the condition
    it filters with, if any; ``moves_score`` whether it changes scores; ``facts`` which facts of
    the event it reads itself (``EVENT_FACTS``; its ``where`` adds its own).
    """

    name: str
    shape: Shape
    build: Callable[[Any, int], e.Effect]
    runtime: type
    phrase: Callable[[Any], Code]
    keys: tuple[str, ...]
    texts: Callable[[Any], tuple[str, ...]] = lambda value: ()
    sets: Callable[[Any], Uses] = _none
    where: Callable[[Any], c.Condition | None] = lambda effect: None
    moves_score: bool = False
    facts: Callable[[Any], frozenset[str]] = lambda value: ALL_FACTS


def _one_amount(record: Record, ctx: Ctx) -> None:
    if (record["by"] is None) == (record["percent"] is None):
        ctx.error(record.mark, "change_score needs exactly one of 'by' (points) or 'percent'")


def _who(who: str) -> Code:
    if who in ("player", "friends", "friend"):
        return Code.of(f"who.{who}")
    return Code.of("who.id", id=who)


def _change_score_code(x: e.ChangeScore) -> Code:
    amount = x.by if x.by is not None else x.percent or 0
    unit = "" if x.by is not None else "%"
    subject = _who(x.who)
    if x.where is not None:
        subject = Code.of("effect.where", subject=subject, condition=condition_code(x.where))
    verb = "effect.change_score.drops" if amount < 0 else "effect.change_score.rises"
    return Code.of(verb, subject=subject, amount=f"{_num(abs(amount))}{unit}")


def _person(who: str) -> object:
    return Code.of("person.that_friend") if who == "friend" else who


def _counter_code(x: e.ChangeCounter) -> Code:
    if x.value is not None:
        return Code.of("effect.set_counter", name=x.name, value=x.value)
    key = "effect.add_to_counter.up" if (x.by or 0) >= 0 else "effect.add_to_counter.down"
    return Code.of(key, name=x.name, n=abs(x.by or 0))


def _flag_code(x: e.SetFlag) -> Code:
    return Code.of("effect.set_flag" if x.value else "effect.clear_flag", name=x.name)


def _perk_code(x: e.SetPerk) -> Code:
    return Code.of("effect.unlock_perk" if x.unlocked else "effect.lock_perk", perk=x.perk)


def _friendship_code(x: e.SetFriendship) -> Code:
    key = "effect.befriend" if x.is_friend else "effect.unfriend"
    code = Code.of(key, who=_person(x.who))
    return code if x.text is None else Code.of("effect.with_text", effect=code, text=x.text)


def _exactly_one_sender(record: Record, ctx: Ctx) -> None:
    if (record["from"] is None) == (record["account"] is None):
        ctx.error(
            record.mark,
            "a message needs exactly one of 'from' (a friend) or 'account' (a name)",
            'from: mei for a friend; account: "City Credit Office" for anyone else',
        )


def _message_code(x: e.Message) -> Code:
    sender = x.sender if x.from_account else _person(x.sender)
    return Code.of("effect.message", sender=sender, text=x.text)


def _friendship(is_friend: bool) -> Callable[[Any, int], e.Effect]:
    def build(value: Any, line: int) -> e.Effect:
        if isinstance(value, str):
            return e.SetFriendship(value, is_friend, line)
        return e.SetFriendship(value["who"], is_friend, line, value["text"])

    return build


def _friendship_shape(what: str) -> Shape:
    return Either(
        Who(("friend",)),
        Obj(
            {"who": Field(Who(("friend",)), required=True), "text": Field(Text(), required=True)},
            what=what,
        ),
    )


def _friendship_texts(value: Any) -> tuple[str, ...]:
    return () if isinstance(value, str) else (value["text"],)


def _who_facts(who: str) -> frozenset[str]:
    return FRIEND_FACT if who == "friend" else NO_FACTS


def _text_facts(text: str | None) -> frozenset[str]:
    """A text that names the event's friend (``{friend.name}``) reads it."""
    return FRIEND_FACT if text is not None and "{friend." in text else NO_FACTS


_WHO_KEYS = ("who.player", "who.friends", "who.friend", "who.id", "effect.where")

_EFFECTS = (
    EffectWord(
        "change_score",
        Obj(
            {
                "who": Field(Who(("player", "friend", "friends")), required=True),
                "by": Field(Number(-100000, 100000)),
                "percent": Field(Number(-100, 1000, whole=False)),
                "where": Field(Named("where")),
            },
            what="change_score",
            extra_check=_one_amount,
        ),
        lambda v, line: e.ChangeScore(v["who"], line, v["by"], v["percent"], v["where"]),
        e.ChangeScore,
        _change_score_code,
        ("effect.change_score.drops", "effect.change_score.rises", *_WHO_KEYS),
        where=lambda x: x.where,
        moves_score=True,
        facts=lambda x: _who_facts(x.who),
    ),
    EffectWord(
        "set_score",
        Obj(
            {
                "who": Field(Who(("player", "friend")), required=True),
                "to": Field(Number(-1_000_000, 1_000_000), required=True),
            },
            what="set_score",
        ),
        lambda v, line: e.SetScore(v["who"], v["to"], line),
        e.SetScore,
        lambda x: Code.of("effect.set_score", subject=_who(x.who), value=x.value),
        ("effect.set_score", "who.player", "who.friend", "who.id"),
        moves_score=True,
        facts=lambda x: _who_facts(x.who),
    ),
    EffectWord(
        "pull_to_friends",
        Obj({"weight": Field(Number(0, 1, whole=False), required=True)}, what="pull_to_friends"),
        lambda v, line: e.PullToFriends(float(v["weight"]), line),
        e.PullToFriends,
        lambda x: Code.of("effect.pull_to_friends", percent=f"{x.weight:.0%}"),
        ("effect.pull_to_friends",),
        moves_score=True,
        facts=_reads(),
    ),
    EffectWord(
        "notify",
        Text(),
        lambda v, line: e.Notify(v, line),
        e.Notify,
        lambda x: Code.of("effect.notify", text=x.text),
        ("effect.notify",),
        texts=lambda v: (v,),
        facts=lambda x: _text_facts(x.text),
    ),
    EffectWord(
        "message",
        Obj(
            {
                "from": Field(Who(("friend",))),
                "account": Field(Text(max_len=80, doc="the name of an account that is no friend")),
                "text": Field(Text(), required=True),
            },
            what="message",
            extra_check=_exactly_one_sender,
        ),
        lambda v, line: e.Message(
            v["from"] or v["account"], v["text"], line, v["account"] is not None
        ),
        e.Message,
        _message_code,
        ("effect.message", "person.that_friend"),
        texts=lambda v: (v["text"],),
        facts=(
            lambda x: (NO_FACTS if x.from_account else _who_facts(x.sender)) | _text_facts(x.text)
        ),
    ),
    EffectWord(
        "add_post",
        Ref("post", "post"),
        lambda v, line: e.AddPost(v, line),
        e.AddPost,
        lambda x: Code.of("effect.add_post", post=x.post),
        ("effect.add_post",),
        facts=_reads(),
    ),
    EffectWord(
        "unfriend",
        _friendship_shape("unfriend"),
        _friendship(False),
        e.SetFriendship,
        _friendship_code,
        ("effect.unfriend", "person.that_friend", "effect.with_text"),
        texts=_friendship_texts,
        facts=_reads("friend"),
    ),
    EffectWord(
        "befriend",
        _friendship_shape("befriend"),
        _friendship(True),
        e.SetFriendship,
        _friendship_code,
        ("effect.befriend", "person.that_friend", "effect.with_text"),
        texts=_friendship_texts,
        facts=_reads("friend"),
    ),
    EffectWord(
        "set_flag",
        Ident(),
        lambda v, line: e.SetFlag(v, True, line),
        e.SetFlag,
        _flag_code,
        ("effect.set_flag",),
        sets=lambda x: (("flag", x.name),) if x.value else (),
        facts=_reads(),
    ),
    EffectWord(
        "clear_flag",
        Ident(),
        lambda v, line: e.SetFlag(v, False, line),
        e.SetFlag,
        _flag_code,
        ("effect.clear_flag",),
        facts=_reads(),
    ),
    EffectWord(
        "add_to_counter",
        Obj(
            {"name": Field(Ident(), required=True), "by": Field(Number(-1e6, 1e6), default=1)},
            what="add_to_counter",
        ),
        lambda v, line: e.ChangeCounter(v["name"], line, by=v["by"]),
        e.ChangeCounter,
        _counter_code,
        ("effect.add_to_counter.up", "effect.add_to_counter.down"),
        sets=lambda x: (("counter", x.name),),
        facts=_reads(),
    ),
    EffectWord(
        "set_counter",
        Obj(
            {
                "name": Field(Ident(), required=True),
                "value": Field(Number(-1e9, 1e9), required=True),
            },
            what="set_counter",
        ),
        lambda v, line: e.ChangeCounter(v["name"], line, value=v["value"]),
        e.ChangeCounter,
        _counter_code,
        ("effect.set_counter",),
        sets=lambda x: (("counter", x.name),),
        facts=_reads(),
    ),
    EffectWord(
        "change_money",
        Obj({"by": Field(Number(-1e9, 1e9), required=True)}, what="change_money"),
        lambda v, line: e.ChangeMoney(v["by"], line),
        e.ChangeMoney,
        lambda x: Code.of(
            "effect.change_money.gain" if x.by >= 0 else "effect.change_money.lose", n=abs(x.by)
        ),
        ("effect.change_money.gain", "effect.change_money.lose"),
        facts=_reads(),
    ),
    EffectWord(
        "unlock_perk",
        Ref("perk", "perk"),
        lambda v, line: e.SetPerk(v, True, line),
        e.SetPerk,
        _perk_code,
        ("effect.unlock_perk",),
        sets=lambda x: (("perk", x.perk),),
        facts=_reads(),
    ),
    EffectWord(
        "lock_perk",
        Ref("perk", "perk"),
        lambda v, line: e.SetPerk(v, False, line),
        e.SetPerk,
        _perk_code,
        ("effect.lock_perk",),
        sets=lambda x: (("perk", x.perk),),
        facts=_reads(),
    ),
    EffectWord(
        "end_game",
        Text(),
        lambda v, line: e.EndGame(v, line),
        e.EndGame,
        lambda x: Code.of("effect.end_game", text=x.text),
        ("effect.end_game",),
        texts=lambda v: (v,),
        facts=lambda x: _text_facts(x.text),
    ),
)


# -- the registry ----------------------------------------------------------------------------


def _by_name(words: tuple[Any, ...]) -> Mapping[str, Any]:
    table = {word.name: word for word in words}
    assert len(table) == len(words), "two words share a name"
    return MappingProxyType(table)


EVENT_WORDS: Mapping[str, EventWord] = _by_name(_EVENTS)
CONDITION_WORDS: Mapping[str, ConditionWord] = _by_name(_CONDITIONS)
EFFECT_WORDS: Mapping[str, EffectWord] = _by_name(_EFFECTS)
CONDITION_CLASSES: Mapping[type, ConditionWord] = MappingProxyType(
    {word.runtime: word for word in _CONDITIONS}
)
EFFECT_CLASSES: Mapping[type, EffectWord] = MappingProxyType(
    {word.runtime: word for word in reversed(_EFFECTS)}
)
"""Runtime class -> an entry for it (words sharing a class share its phrase and uses)."""

EVENTS: tuple[str, ...] = tuple(EVENT_WORDS)
"""Every event a rule's ``when`` may name, in the guide's order."""
CONDITIONS: tuple[str, ...] = tuple(CONDITION_WORDS)
"""Every kind of condition (``expression`` is written as a plain string)."""
EFFECTS: tuple[str, ...] = tuple(EFFECT_WORDS)
"""Every effect name a rule's ``then`` may use."""


def events_where(test: Callable[[EventWord], bool]) -> frozenset[str]:
    """The names of the events for which ``test`` holds."""
    return frozenset(name for name, word in EVENT_WORDS.items() if test(word))


def effect_code(effect: e.Effect) -> Code:
    """A runtime effect as a Code (its entry's phrase)."""
    return EFFECT_CLASSES[type(effect)].phrase(effect)


def reads(cond: c.Condition | None) -> Uses:
    """What a condition and every condition inside it read, as (kind, name) pairs."""
    return tuple(pair for part in walk(cond) for pair in CONDITION_CLASSES[type(part)].uses(part))


def walk(cond: c.Condition | None) -> Iterator[c.Condition]:
    """A condition and every condition inside it, outermost first."""
    if cond is None:
        return
    yield cond
    for part in CONDITION_CLASSES[type(cond)].parts(cond):
        yield from walk(part)


def condition_facts(cond: c.Condition | None) -> frozenset[str]:
    """The event facts a condition and every condition inside it read."""
    return frozenset().union(*(CONDITION_CLASSES[type(p)].facts(p) for p in walk(cond)))


def effect_facts(effect: e.Effect) -> frozenset[str]:
    """The event facts an effect reads: its own and its ``where`` condition's."""
    word = EFFECT_CLASSES[type(effect)]
    return word.facts(effect) | condition_facts(word.where(effect))


def message_keys() -> frozenset[str]:
    """Every message key the vocabulary needs in each shipped language."""
    return frozenset(
        key for words in (_EVENTS, _CONDITIONS, _EFFECTS) for word in words for key in word.keys
    )
