"""Tests for game.core.expr: the safe expression language of scenario conditions."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from game.core.expr import ExprError, Type, describe, parse, parse_condition

NAMES: dict[str, Type] = {
    "player.score": "number",
    "player.money": "number",
    "friend.score": "number",
    "friends.average": "number",
    "day": "number",
    "friend.reaction": "string",
    "friend.id": "string",
    "friend.is_friend": "bool",
}
KNOWN = [*NAMES, "counters.times-warned", "flags.warned"]


def name_type(name: str) -> Type | None:
    if name.startswith("counters.") and len(name) > 9:
        return "number"
    if name.startswith("flags.") and len(name) > 6:
        return "bool"
    return NAMES.get(name)


def ev(source: str, **values: Any) -> object:
    """Parse and evaluate ``source``; in keyword names '__' stands for '.'."""
    table = {k.replace("__", "."): v for k, v in values.items()}
    return parse(source, name_type, KNOWN).evaluate(lambda name: table[name])


def err(source: str) -> ExprError:
    with pytest.raises(ExprError) as info:
        parse(source, name_type, KNOWN)
    return info.value


# --- operators and literals -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 < 2", True),
        ("2 < 2", False),
        ("2 <= 2", True),
        ("3 <= 2", False),
        ("3 > 2", True),
        ("2 > 2", False),
        ("2 >= 2", True),
        ("1 >= 2", False),
        ("2 == 2.0", True),
        ("2 != 2", False),
        ("'a' == \"a\"", True),
        ("'a' != 'b'", True),
        ("true == false", False),
        ("true != false", True),
        ("1 + 2", 3),
        ("5 - 7", -2),
        ("3 * 4", 12),
        ("7 / 2", 3.5),
        ("-3", -3),
        ("- -3", 3),
        ("-(1 + 2)", -3),
        ("1.25 + 0.75", 2.0),
        ("true and true", True),
        ("true and false", False),
        ("false or true", True),
        ("false or false", False),
        ("not true", False),
        ("not not true", True),
        ("true", True),
        ("'it\\'s'", "it's"),
        ('"say \\"hi\\""', 'say "hi"'),
        ("'back\\\\slash'", "back\\slash"),
    ],
)
def test_operators(source: str, expected: object) -> None:
    result = ev(source)
    assert result == expected
    assert type(result) is type(expected) or {type(result), type(expected)} <= {int, float}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("not flags__a and flags__b", False),  # (not a) and b
        ("flags__a or flags__b and flags__b", True),  # a or (b and b)
        ("not 1 == 2", True),  # not (1 == 2)
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("8 / 4 / 2", 1.0),
        ("-2 * 3 + 1", -5),
        ("2 * -3", -6),
        ("1 + 2 < 2 * 2 and 1 == 1", True),
    ],
)
def test_precedence(source: str, expected: object) -> None:
    src = source.replace("__", ".")
    table = {"flags.a": True, "flags.b": False}
    assert parse(src, name_type).evaluate(table.__getitem__) == expected


def test_names_lookup_and_attributes() -> None:
    expr = parse("friend.score < 550 and player.score > 700 or friend.score == 1", name_type)
    assert expr.type == "bool"
    assert expr.names == ("friend.score", "player.score")
    assert expr.source.startswith("friend.score")
    assert expr.evaluate({"friend.score": 500, "player.score": 800}.__getitem__) is True
    assert expr.evaluate({"friend.score": 600, "player.score": 800}.__getitem__) is False
    assert parse("player.score + 1", name_type).type == "number"
    assert parse("friend.reaction", name_type).type == "string"
    assert expr == parse(expr.source, name_type)
    with pytest.raises(dataclasses.FrozenInstanceError):
        expr.type = "number"  # type: ignore[misc]


def test_dash_in_names() -> None:
    values = {"counters.times-warned": 4, "player.score": 10}
    assert parse("counters.times-warned >= 3", name_type).evaluate(values.__getitem__) is True
    assert parse("player.score - 4 == 6", name_type).evaluate(values.__getitem__) is True
    assert parse("player.score -4 == 6", name_type).evaluate(values.__getitem__) is True
    e = err("player.score-4 == 6")
    assert (e.message, e.col) == ("unknown name 'player.score-4'", 1)
    assert e.hint == "to subtract, put spaces around '-': player.score - 4"
    # A dash never joins the first segment: "day-1" is day - 1.
    assert parse("day-1 > 0", name_type).evaluate({"day": 2}.__getitem__) is True


def test_division_by_zero_gives_zero() -> None:
    assert ev("player.score / 0", player__score=5) == 0
    assert ev("1 / (player.score - 5) == 0", player__score=5) is True
    assert ev("0 / 0") == 0


def test_short_circuit() -> None:
    calls: list[str] = []

    def lookup(name: str) -> object:
        calls.append(name)
        return {"flags.a": False, "flags.b": True}[name]

    assert parse("flags.a and flags.b", name_type).evaluate(lookup) is False
    assert calls == ["flags.a"]
    calls.clear()
    assert parse("flags.b or flags.a", name_type).evaluate(lookup) is True
    assert calls == ["flags.b"]
    calls.clear()
    assert parse("flags.a and 1 / 0 == 0", name_type).evaluate(lookup) is False
    assert calls == ["flags.a"]


def test_overflow_is_an_expr_error() -> None:
    big = "*".join(["999999999999999"] * 25)  # about 10**375
    expr = parse(f"{big} / 7 > 1", name_type)
    with pytest.raises(ExprError, match="too large"):
        expr.evaluate(lambda name: 0)


# --- type errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "col", "message"),
    [
        ("player.score and flags.x", 1, "'and' needs true/false on both sides, but "),
        ("flags.x or 5", 12, "'or' needs true/false on both sides, but '5' is a number"),
        ("not player.score", 5, "'not' needs true/false, but 'player.score' is a number"),
        ("player.score < 'a'", 16, "'<' compares numbers, but 'a' is text"),
        ("true >= 1", 1, "'>=' compares numbers, but 'true' is true/false"),
        ("player.score == 'x'", 17, "'==' compares values of the same type"),
        ("friend.reaction != 3", 20, "'!=' compares values of the same type"),
        ("flags.x + 1", 1, "'+' needs numbers, but 'flags.x' is true/false"),
        ("2 * 'a'", 5, "'*' needs numbers, but 'a' is text"),
        ("-flags.x", 2, "'-' needs a number, but 'flags.x' is true/false"),
        ("1 + (2 < 3)", 5, "'+' needs numbers, but '(2 < 3)' is true/false"),
    ],
)
def test_type_errors(source: str, col: int, message: str) -> None:
    e = err(source)
    assert e.col == col
    assert e.message.startswith(message)


def test_type_error_hints() -> None:
    assert err("player.score and true").hint == "compare it, for example: player.score > 0"
    assert err("player.score == '700'").hint == "remove the quotes: 700"
    assert err("player.score == 'abc'").hint is None


def test_parse_condition() -> None:
    assert parse_condition("flags.x", name_type).type == "bool"
    with pytest.raises(ExprError) as info:
        parse_condition("player.score + 1", name_type)
    assert info.value.message == "this expression gives a number, not true/false"
    assert info.value.hint == "compare it, for example: player.score + 1 > 0"
    with pytest.raises(ExprError, match="gives text, not true/false"):
        parse_condition("friend.reaction", name_type)


# --- rejected constructs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "col", "message", "hint"),
    [
        ("player.score ** 2 > 1", 14, "'**' is not allowed", None),
        ("player.score % 2 == 0", 14, "'%' is not allowed", None),
        ("player.score // 2 == 0", 14, "'//' is not allowed", "use / to divide"),
        ("max(player.score) > 1", 4, "function calls like f(x) are not supported", None),
        ("(player.score)(1)", 15, "unexpected '('", "use an operator before '('"),
        ("friends[0] > 1", 8, "subscripts like a[0] are not supported", None),
        ("player.__class__", 1, "'player.__class__': names may not start with '_'", None),
        ("player._secret", 1, "'player._secret': names may not start with '_'", None),
        ("_x", 1, "'_x': names may not start with '_'", None),
        ("lambda: 1", 1, "lambda is not allowed", None),
        ("1 if true else 2", 3, "'if' expressions are not supported", None),
        ("player.score = 3", 14, "'=' is not a comparison", "use == to compare"),
        ("flags.a && flags.b", 9, "'&&' is not allowed", "use and/or"),
        ("flags.a || flags.b", 9, "'||' is not allowed", "use and/or"),
        ("!flags.a", 1, "'!' is not allowed", "use not"),
        ("player.score => 3", 14, "'=>' is not allowed", "use >= to compare"),
        ("'abc", 1, "this text is missing its closing quote", "end it with '"),
        ('friend.id == "ana', 14, "this text is missing its closing quote", 'end it with "'),
        ("'a\\n'", 3, "only \\\" \\' and \\\\ may follow a '\\' in text", None),
        ("player.score > 3 $", 18, "unexpected character '$'", None),
        ("player.score > 3 ;", 18, "unexpected character ';'", None),
        ("{{ player.score > 3 }}", 1, "'{{' is not allowed", "write the expression without {{ }}"),
        ("${{ flags.a }}", 1, "'${{' is not allowed", "write the expression without {{ }}"),
        ("player.score < 1 < 2", 18, "chain comparisons with 'and'", None),
        ("1 == 1 == 1", 8, "chain comparisons with 'and'", None),
        ("x is 3", 3, "'is' is not supported", "use =="),
        ("'a' in friend.id", 5, "'in' is not supported", None),
        ("True", 1, "'True' must be written in lowercase", "write true"),
        ("Player.score > 1", 1, "'Player.score' must be written in lowercase", None),
        ("5. > 3", 2, "write decimal numbers like 1.5, not '5.'", None),
        (".5 > 3", 1, "unexpected character '.'", None),
        ("3abc > 1", 2, "unexpected 'a' right after the number 3", None),
        ("1234567890123456 > 1", 1, "this number is too large", None),
        ("(1 + 2", 7, "expected ')' but found the end of the expression", None),
        ("1 + 2)", 6, "this ')' has no matching '('", None),
        ("1 2", 3, "unexpected '2'", None),
        ("", 1, "the expression is empty", None),
        ("   ", 1, "the expression is empty", None),
        ("1 +", 4, "expected a value after '+', but the expression ends", None),
        ("and true", 1, "expected a value but found 'and'", None),
        ("player.score > not flags.a", 16, "put 'not' and what follows in parentheses", None),
        ("player.scor > 1", 1, "unknown name 'player.scor'", "did you mean 'player.score'?"),
        ("friend.reaction == anxious", 20, "unknown name 'anxious'", None),
    ],
)
def test_rejected(source: str, col: int, message: str, hint: str | None) -> None:
    e = err(source)
    assert e.message.startswith(message), e.message
    assert e.col == col
    if hint is not None:
        assert e.hint is not None and hint in e.hint


def test_unknown_name_hints() -> None:
    assert err("friend.reaction == anxious").hint == (
        'to compare with the text anxious, put it in quotes: "anxious"'
    )
    assert err("counters.times - warned > 1").hint == (
        "write the name without spaces: counters.times-warned"
    )
    assert err("friends.avrage > 1").hint == "did you mean 'friends.average'?"
    assert err("zzz.qqq > 1").hint is None


def test_non_string_source() -> None:
    with pytest.raises(ExprError, match="must be text"):
        parse(5, name_type)  # type: ignore[arg-type]


# --- bounds ---------------------------------------------------------------------------------


def test_length_bound() -> None:
    ok = " " * 486 + "player.score>1"
    assert len(ok) == 500
    assert parse(ok, name_type).type == "bool"
    e = err(ok + " ")
    assert e.col == 501 and "longer than 500" in e.message


def test_token_bound() -> None:
    assert parse("1 + " * 99 + "1", name_type).evaluate(lambda n: 0) == 100
    e = err("1 + " * 100 + "1")
    assert e.col == 401 and "more than 200" in e.message


@pytest.mark.parametrize(
    "source",
    [
        "(" * 10_000 + "1" + ")" * 10_000,
        "(" * 33 + "true" + ")" * 33,
        "not " * 40 + "true",
        "- " * 40 + "1 > 0",
        "(not " * 20 + "true" + ")" * 20,
    ],
)
def test_nesting_bound(source: str) -> None:
    with pytest.raises(ExprError):
        parse(source, name_type)


def test_nesting_just_inside_bound() -> None:
    assert parse("(" * 32 + "true" + ")" * 32, name_type).evaluate(lambda n: 0) is True
    assert err("(" * 33 + "true" + ")" * 33).col == 33


# --- describe -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "english"),
    [
        (
            "friend.score < 550 and player.score > 700",
            "the friend's score is below 550 and your score is above 700",
        ),
        ("friends.average <= 600", "your friends' average score is at most 600"),
        ("counters.times-warned >= 3", "counter 'times-warned' is at least 3"),
        ("flags.warned", "flag 'warned' is set"),
        ("not flags.warned", "flag 'warned' is not set"),
        ("flags.warned == false", "flag 'warned' is false"),
        ("day == 3 or day != 5", "the day is 3 or the day is not 5"),
        ("not (day < 3)", "the day is not below 3"),
        ("friend.reaction == 'anxious'", 'the friend\'s reaction is "anxious"'),
        (
            "flags.a or flags.b and flags.c",
            "flag 'a' is set or (flag 'b' is set and flag 'c' is set)",
        ),
        ("not (flags.a and flags.b)", "not (flag 'a' is set and flag 'b' is set)"),
        ("(player.score + 10) * 2 > 5", "(your score plus 10) times 2 is above 5"),
        ("player.score - (day - 1) > -5", "your score minus (the day minus 1) is above -5"),
        ("-player.score / 2 < 1", "minus your score divided by 2 is below 1"),
        ("friend.is_friend", "the person is your friend"),
        ("not friend.is_friend", "the person is not your friend"),
        ("player.money > 5", "your money is above 5"),
    ],
)
def test_describe(source: str, english: str) -> None:
    assert describe(parse(source, name_type)) == english


# --- hypothesis -----------------------------------------------------------------------------

ALPHABET = "abcdeflnorstuy_.-0123456789 ()<>=!+*/%&|[]{}$\"'\\,:;~^@#`\t\nTF"
NAME_POOL: dict[Type, list[str]] = {
    "number": ["player.score", "friend.score", "day", "counters.times-warned"],
    "string": ["friend.reaction", "friend.id"],
    "bool": ["flags.warned", "friend.is_friend"],
}


@given(st.text(alphabet=ALPHABET, max_size=80) | st.text(max_size=40))
@settings(max_examples=1500)
def test_parse_only_raises_expr_error(source: str) -> None:
    try:
        expr = parse(source, name_type, KNOWN)
    except ExprError as e:
        assert 1 <= e.col <= len(source) + 1
        assert e.message
    else:
        assert expr.type in ("number", "string", "bool")
        describe(expr)


PREC = {"or": 1, "and": 2, "<": 4, "<=": 4, ">": 4, ">=": 4, "==": 4, "!=": 4}
PREC |= {"+": 5, "-": 5, "*": 6, "/": 6}


def prec(tree: tuple[Any, ...]) -> int:
    return {"not": 3, "neg": 7, "bin": 0}.get(tree[0], 9) or PREC[tree[1]]


@st.composite
def tree_of(draw: st.DrawFn, t: Type, depth: int) -> tuple[tuple[Any, ...], str]:
    """A random well-typed tree and its source text (minimal parentheses plus random extra)."""
    tree, text = _tree(draw, t, depth)
    if draw(st.booleans()) and draw(st.booleans()):
        text = f"({text})"
    return tree, text


def _tree(draw: st.DrawFn, t: Type, depth: int) -> tuple[tuple[Any, ...], str]:
    compound = depth > 0 and t != "string" and draw(st.integers(0, 2)) > 0
    if not compound:
        if draw(st.booleans()):
            name = draw(st.sampled_from(NAME_POOL[t]))
            return ("name", name), name
        if t == "number":
            whole = draw(st.integers(0, 1000))
            if draw(st.booleans()):
                frac = draw(st.integers(0, 99))
                return ("const", float(f"{whole}.{frac}")), f"{whole}.{frac}"
            return ("const", whole), str(whole)
        if t == "bool":
            v = draw(st.booleans())
            return ("const", v), "true" if v else "false"
        value = draw(st.text(alphabet="ab '\"\\", max_size=5))
        quote = draw(st.sampled_from("'\""))
        escaped = value.replace("\\", "\\\\").replace(quote, "\\" + quote)
        return ("const", value), quote + escaped + quote
    if t == "number":
        if draw(st.integers(0, 4)) == 0:
            arg, atext = draw(tree_of("number", depth - 1))
            node = ("neg", arg)
            return node, "-" + (f"({atext})" if prec(arg) < 7 else atext)
        op = draw(st.sampled_from("+-*/"))
        return _binary(draw, op, "number", depth)
    kind = draw(st.sampled_from(["not", "and", "or", "cmp", "eq"]))
    if kind == "not":
        arg, atext = draw(tree_of("bool", depth - 1))
        return ("not", arg), "not " + (f"({atext})" if prec(arg) < 3 else atext)
    if kind in ("and", "or"):
        return _binary(draw, kind, "bool", depth)
    if kind == "cmp":
        return _binary(draw, draw(st.sampled_from(["<", "<=", ">", ">="])), "number", depth)
    side: Type = draw(st.sampled_from(["number", "string", "bool"]))
    return _binary(draw, draw(st.sampled_from(["==", "!="])), side, depth)


def _binary(draw: st.DrawFn, op: str, side: Type, depth: int) -> tuple[tuple[Any, ...], str]:
    left, ltext = draw(tree_of(side, depth - 1))
    right, rtext = draw(tree_of(side, depth - 1))
    node = ("bin", op, left, right)
    p = PREC[op]
    if prec(left) < p or (p == 4 and prec(left) <= 4):
        ltext = f"({ltext})"
    if prec(right) <= p:
        rtext = f"({rtext})"
    gap = " " if op in ("and", "or", "-") else draw(st.sampled_from(["", " ", "  "]))
    return node, f"{ltext}{gap}{op}{gap}{rtext}"


def reference(tree: tuple[Any, ...], values: dict[str, Any]) -> Any:
    """A plain tree-walking evaluator, written independently of game.core.expr."""
    kind = tree[0]
    if kind == "const":
        return tree[1]
    if kind == "name":
        return values[tree[1]]
    if kind == "not":
        return not reference(tree[1], values)
    if kind == "neg":
        return -reference(tree[1], values)
    op, a = tree[1], reference(tree[2], values)
    if op == "and":
        return a and reference(tree[3], values)
    if op == "or":
        return a or reference(tree[3], values)
    b = reference(tree[3], values)
    if op == "/":
        return 0 if b == 0 else a / b
    table = {
        "<": lambda: a < b,
        "<=": lambda: a <= b,
        ">": lambda: a > b,
        ">=": lambda: a >= b,
        "==": lambda: a == b,
        "!=": lambda: a != b,
        "+": lambda: a + b,
        "-": lambda: a - b,
        "*": lambda: a * b,
    }
    return table[op]()


def names_in(tree: tuple[Any, ...]) -> list[str]:
    if tree[0] == "name":
        return [tree[1]]
    return [n for child in tree[1:] if isinstance(child, tuple) for n in names_in(child)]


small_numbers = st.integers(-1000, 1000) | st.floats(-1000, 1000).map(lambda x: round(x, 2))
VALUES = st.fixed_dictionaries(
    {
        "player.score": small_numbers,
        "friend.score": small_numbers,
        "day": st.integers(0, 60),
        "counters.times-warned": st.integers(0, 10),
        "friend.reaction": st.sampled_from(["anxious", "loyal", "a", "b'"]),
        "friend.id": st.text(alphabet="ab '\"\\", max_size=3),
        "flags.warned": st.booleans(),
        "friend.is_friend": st.booleans(),
    }
)


TYPED_TREES = st.sampled_from(["number", "string", "bool"]).flatmap(
    lambda t: st.tuples(st.just(t), tree_of(t, 4))
)


@given(TYPED_TREES, VALUES)
@settings(max_examples=1000, deadline=None)
def test_random_expressions_match_reference(
    generated: tuple[Type, tuple[tuple[Any, ...], str]], values: dict[str, Any]
) -> None:
    t, (tree, source) = generated
    assume(len(source) <= 500)
    expr = parse(source, name_type, KNOWN)
    assert expr.names == tuple(dict.fromkeys(names_in(tree)))
    result = expr.evaluate(values.__getitem__)
    expected = reference(tree, values)
    assert expr.type == t
    assert result == expected
    assert isinstance(result, {"number": (int, float), "string": str, "bool": bool}[t])
    assert isinstance(result, bool) == isinstance(expected, bool)
    assert isinstance(describe(expr), str)
