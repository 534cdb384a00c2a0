"""Safe expressions for scenario conditions, e.g. ``friend.score < 550 and player.score > 700``.

The teacher's text is tokenized and parsed here by hand (never ``eval``, ``compile`` or ``ast``),
type-checked against the names the caller knows, and compiled once into nested closures.

Names are ``[a-z_][a-z0-9_]*`` segments joined by dots. After the first dot a segment may contain
dashes, but only *directly* between letters, digits or underscores, so ``counters.times-warned`` is
one name. ``a - b`` (spaces around the dash) and ``player.score -1`` are subtractions;
``player.score-1`` is the name ``player.score-1`` (unknown, and the error hint says to add spaces).

Evaluation: numbers are Python ``int``/``float``; ``/`` is true division and **dividing by zero
gives 0**; ``and``/``or`` short-circuit.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Type = Literal["number", "string", "bool"]
Lookup = Callable[[str], object]
_Fn = Callable[[Lookup], object]

MAX_SOURCE = 500
MAX_TOKENS = 200
MAX_DEPTH = 32


class ExprError(Exception):
    """A problem in an expression: ``message``, 1-based ``col`` in its source, optional ``hint``."""

    def __init__(self, message: str, col: int = 1, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.col = col
        self.hint = hint


class _Tok(NamedTuple):
    kind: str  # num str name kw op eof
    text: str
    pos: int  # 0-based offset
    value: object = None


_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*)*")
_NUM_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_OPS = ("<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")")
_KEYWORDS = {"and", "or", "not", "true", "false"}
_BRACES = "write the expression without {{ }}"
_BAD_OPS: dict[str, str | None] = {  # rejected operator -> hint
    "${{": _BRACES, "{{": _BRACES, "}}": _BRACES,
    "{": "write names without { }: friend.score < 25", "}": "write names without { }",
    "**": None, "%": None, "//": "use / to divide", "&&": "use and/or", "||": "use and/or",
    "&": "use and/or", "|": "use and/or", "!": "use not", "=": "use == to compare",
    "=>": "use >= to compare", "=<": "use <= to compare", "<>": "use != to compare",
}  # fmt: skip
_RESERVED: dict[str, tuple[str, str | None]] = {
    "if": ("'if' expressions are not supported", "combine conditions with and/or"),
    "else": ("'if' expressions are not supported", "combine conditions with and/or"),
    "lambda": ("lambda is not allowed", None), "is": ("'is' is not supported", "use =="),
    "in": ("'in' is not supported", "use the text_uses or has_tag conditions"),
    "for": ("'for' is not supported", None), "none": ("'none' is not a value", None),
    "null": ("'null' is not a value", None),
}  # fmt: skip


def _tokenize(src: str) -> list[_Tok]:
    """Split ``src`` into tokens; raise ExprError for anything outside the language."""
    toks: list[_Tok] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c in " \t\r\n":
            i += 1
            continue
        if len(toks) >= MAX_TOKENS:
            raise ExprError(f"the expression is too long (more than {MAX_TOKENS} parts)", i + 1)
        if c.isascii() and (c.isalpha() or c == "_"):
            m = _NAME_RE.match(src, i)
            assert m is not None
            text = m.group()
            low = text.lower()
            if text != low:
                raise ExprError(f"'{text}' must be written in lowercase", i + 1, f"write {low}")
            if any(s.startswith("_") or "__" in s for s in text.split(".")):
                raise ExprError(f"'{text}': names may not start with '_' or contain '__'", i + 1)
            if text in _RESERVED:
                msg, hint = _RESERVED[text]
                raise ExprError(msg, i + 1, hint)
            toks.append(_Tok("kw" if text in _KEYWORDS else "name", text, i))
            i = m.end()
        elif c.isascii() and c.isdigit():
            m = _NUM_RE.match(src, i)
            assert m is not None
            text, i0, i = m.group(), i, m.end()
            if i < n and src[i] == ".":
                raise ExprError(f"write decimal numbers like 1.5, not '{text}.'", i + 1)
            if i < n and (src[i].isalnum() or src[i] == "_"):
                raise ExprError(f"unexpected '{src[i]}' right after the number {text}", i + 1)
            if len(text.partition(".")[0]) > 15:
                raise ExprError("this number is too large", i0 + 1)
            toks.append(_Tok("num", text, i0, float(text) if "." in text else int(text)))
        elif c in "\"'":
            j, out = i + 1, []
            while j < n and src[j] != c:
                if src[j] == "\\":
                    if j + 1 >= n or src[j + 1] not in "\"'\\":
                        raise ExprError("only \\\" \\' and \\\\ may follow a '\\' in text", j + 1)
                    j += 1
                out.append(src[j])
                j += 1
            if j >= n:
                raise ExprError("this text is missing its closing quote", i + 1, f"end it with {c}")
            toks.append(_Tok("str", src[i : j + 1], i, "".join(out)))
            i = j + 1
        else:
            for size in (3, 2, 1):
                piece = src[i : i + size]
                if size < 3 and piece in _OPS:
                    toks.append(_Tok("op", piece, i))
                    i += size
                    break
                if piece in _BAD_OPS:
                    what = (
                        "'=' is not a comparison" if piece == "=" else f"'{piece}' is not allowed"
                    )
                    raise ExprError(what, i + 1, _BAD_OPS[piece])
                if piece in ("[", "]"):
                    raise ExprError("subscripts like a[0] are not supported", i + 1)
            else:
                raise ExprError(f"unexpected character {c!r}", i + 1)
    toks.append(_Tok("eof", "", n))
    return toks


@dataclass(frozen=True)
class _Node:
    kind: str  # const name not neg bin
    type: Type
    start: int
    end: int
    text: str = ""  # literal text, name, or operator
    value: object = None
    left: _Node | None = None
    right: _Node | None = None


_BIN_PREC = {"or": 1, "and": 2, "<": 4, "<=": 4, ">": 4, ">=": 4, "==": 4, "!=": 4}
_BIN_PREC.update({"+": 5, "-": 5, "*": 6, "/": 6})
_NOT_PREC, _NEG_PREC = 3, 7
_KIND_PREC = {"not": _NOT_PREC, "neg": _NEG_PREC}
_SHOW = {"number": "a number", "string": "text", "bool": "true/false"}


class _Parser:
    def __init__(self, src: str, name_type: Callable[[str], Type | None], known: Sequence[str]):
        self.src, self.toks, self.i = src, _tokenize(src), 0
        self.name_type, self.known = name_type, known
        self.types: dict[str, Type | None] = {}
        self.names: dict[str, None] = {}

    def snip(self, n: _Node) -> str:
        s = self.src[n.start : n.end]
        s = s if len(s) <= 30 else s[:29] + "…"
        return s if s[0] in "'\"" else f"'{s}'"

    def want(self, n: _Node, t: Type, what: str) -> None:
        if n.type != t:
            number = t == "bool" and n.type == "number" and n.kind != "const"
            hint = f"compare it, for example: {self.snip(n)[1:-1]} > 0" if number else None
            msg = f"{what}, but {self.snip(n)} is {_SHOW[n.type]}"
            raise ExprError(msg, n.start + 1, hint)

    def expr(self, min_prec: int, depth: int) -> _Node:
        left = self.prefix(min_prec, depth)
        chained = False
        while True:
            tok = self.toks[self.i]
            prec = _BIN_PREC.get(tok.text, 0) if tok.kind in ("op", "kw") else 0
            if tok.text == "(" and tok.kind == "op":
                raise ExprError("unexpected '('", tok.pos + 1, "use an operator before '('")
            if prec < max(min_prec, 1):
                return left
            if prec == 4 and chained:
                hint = "write a < b and b < c instead of a < b < c"
                raise ExprError("chain comparisons with 'and'", tok.pos + 1, hint)
            self.i += 1
            right = self.expr(prec + 1, depth)
            left, chained = self.binary(tok, left, right), prec == 4

    def binary(self, tok: _Tok, a: _Node, b: _Node) -> _Node:
        op, t = tok.text, "bool"
        if op in ("and", "or"):
            self.want(a, "bool", f"'{op}' needs true/false on both sides")
            self.want(b, "bool", f"'{op}' needs true/false on both sides")
        elif op in ("==", "!="):
            if a.type != b.type:
                text = b if a.type == "number" else a
                quoted = text.kind == "const" and a.type != "bool" != b.type
                numeric = quoted and _NUM_RE.fullmatch(str(text.value))
                hint = f"remove the quotes: {text.value}" if numeric else None
                msg = f"'{op}' compares values of the same type, but {self.snip(a)} is "
                msg += f"{_SHOW[a.type]} and {self.snip(b)} is {_SHOW[b.type]}"
                raise ExprError(msg, b.start + 1, hint)
        else:
            what = f"'{op}' {'compares' if _BIN_PREC[op] == 4 else 'needs'} numbers"
            self.want(a, "number", what)
            self.want(b, "number", what)
            t = "bool" if _BIN_PREC[op] == 4 else "number"
        return _Node("bin", t, a.start, b.end, op, None, a, b)

    def prefix(self, min_prec: int, depth: int) -> _Node:
        tok = self.toks[self.i]
        col = tok.pos + 1
        if depth >= MAX_DEPTH and tok.text in ("(", "not", "-") and tok.kind in ("op", "kw"):
            raise ExprError(f"the expression is nested too deeply (over {MAX_DEPTH} levels)", col)
        self.i += 1
        if tok.kind in ("num", "str"):
            t: Type = "number" if tok.kind == "num" else "string"
            return _Node("const", t, tok.pos, tok.pos + len(tok.text), tok.text, tok.value)
        if tok.kind == "name":
            return self.name(tok)
        if tok.text in ("true", "false"):
            end = tok.pos + len(tok.text)
            return _Node("const", "bool", tok.pos, end, tok.text, tok.text == "true")
        if tok.text == "(":
            inner = self.expr(0, depth + 1)
            close = self.toks[self.i]
            if close.text != ")" or close.kind != "op":
                hint = f"the '(' at column {col} is not closed"
                raise ExprError(f"expected ')' but found {self.show(close)}", close.pos + 1, hint)
            self.i += 1
            return _Node(inner.kind, inner.type, tok.pos, close.pos + 1, inner.text, inner.value,
                         inner.left, inner.right)  # fmt: skip
        if tok.text in ("not", "-") and tok.kind in ("kw", "op"):
            prec = _NOT_PREC if tok.text == "not" else _NEG_PREC
            if prec < min_prec:
                raise ExprError(f"put '{tok.text}' and what follows in parentheses", col)
            arg = self.expr(prec, depth + 1)
            if tok.text == "not":
                self.want(arg, "bool", "'not' needs true/false")
                return _Node("not", "bool", tok.pos, arg.end, "not", None, arg)
            self.want(arg, "number", "'-' needs a number")
            if arg.kind == "const":  # fold -5 into a literal
                text = arg.text[1:] if arg.text.startswith("-") else "-" + arg.text
                return _Node("const", "number", tok.pos, arg.end, text, -arg.value)  # type: ignore[operator]
            return _Node("neg", "number", tok.pos, arg.end, "-", None, arg)
        if tok.kind == "eof":
            before = self.toks[self.i - 2].text if self.i >= 2 else ""
            where = f" after '{before}'" if before else ""
            raise ExprError(f"expected a value{where}, but the expression ends", col)
        raise ExprError(f"expected a value but found {self.show(tok)}", col)

    def name(self, tok: _Tok) -> _Node:
        name, col = tok.text, tok.pos + 1
        after = self.toks[self.i]
        if after.text == "(" and after.kind == "op":
            raise ExprError("function calls like f(x) are not supported", after.pos + 1)
        if name not in self.types:
            self.types[name] = self.name_type(name)
        t = self.types[name]
        if t is None:
            raise ExprError(f"unknown name '{name}'", col, self.unknown_hint(name))
        self.names.setdefault(name)
        return _Node("name", t, tok.pos, tok.pos + len(name), name)

    def unknown_hint(self, name: str) -> str | None:
        head, dash, tail = name.partition("-")
        if dash and "." in head and self.name_type(head) is not None:
            return f"to subtract, put spaces around '-': {head} - {tail}"
        prev = self.toks[self.i - 3 : self.i - 1]
        if len(prev) == 2 and prev[0].kind == "name" and prev[1].text == "-":
            joined = f"{prev[0].text}-{name}"
            if self.name_type(joined) is not None:
                return f"write the name without spaces: {joined}"
        close = difflib.get_close_matches(name, list(self.known), n=1)
        if close:
            return f"did you mean '{close[0]}'?"
        fuller = [k for k in self.known if k.endswith(f".{name}")]
        if fuller:
            return "did you mean " + " or ".join(f"'{k}'" for k in fuller) + "?"
        if "." not in name:
            return f'to compare with the text {name}, put it in quotes: "{name}"'
        return None

    @staticmethod
    def show(tok: _Tok) -> str:
        return "the end of the expression" if tok.kind == "eof" else f"'{tok.text}'"


def _div(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        return 0


_FUNCS: dict[str, Callable[[object, object], object]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "==": operator.eq, "!=": operator.ne,
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": _div,
}  # fmt: skip


def _compile(n: _Node) -> _Fn:
    """Turn a checked tree into one closure; names and constants under an operator are inlined."""
    if n.kind == "const":
        v = n.value
        return lambda lk: v
    if n.kind == "name":
        name = n.text
        return lambda lk: lk(name)
    left, right = n.left, n.right
    assert left is not None
    if n.kind == "bin" and n.text in _FUNCS:
        assert right is not None
        f, kinds = _FUNCS[n.text], (left.kind, right.kind)
        if kinds == ("name", "const"):
            x, y = left.text, right.value
            return lambda lk: f(lk(x), y)
        if kinds == ("name", "name"):
            x, y = left.text, right.text
            return lambda lk: f(lk(x), lk(y))
        if kinds == ("const", "name"):
            x, y = left.value, right.text
            return lambda lk: f(x, lk(y))
    a = _compile(left)
    if n.kind == "not":
        return lambda lk: not a(lk)
    if n.kind == "neg":
        return lambda lk: -a(lk)  # type: ignore[operator]
    b = _compile(right)  # type: ignore[arg-type]
    if n.text == "and":
        return lambda lk: a(lk) and b(lk)
    if n.text == "or":
        return lambda lk: a(lk) or b(lk)
    f = _FUNCS[n.text]
    return lambda lk: f(a(lk), b(lk))


@dataclass(frozen=True)
class Expr:
    """A parsed, type-checked expression. Build it with :func:`parse`."""

    source: str
    type: Type
    names: tuple[str, ...]
    _fn: _Fn = field(repr=False, compare=False)
    _tree: _Node = field(repr=False, compare=False)

    def evaluate(self, lookup: Lookup) -> object:
        """Compute the value; ``lookup(name)`` must return a value of the name's declared type.

        Raises ExprError if the arithmetic overflows a float (absurdly large numbers), and
        whatever ``lookup`` raises; nothing else.
        """
        try:
            return self._fn(lookup)
        except OverflowError:
            raise ExprError("the numbers in this expression got too large") from None


def parse(
    source: str, name_type: Callable[[str], Type | None], known_names: Sequence[str] = ()
) -> Expr:
    """Parse and type-check ``source``. ``name_type(name)`` gives a name's type, or None if unknown.

    ``known_names`` only feeds "did you mean" hints. Raises ExprError (never anything else for
    any ``source`` string) with the 1-based column of the offending token.
    """
    if not isinstance(source, str):
        raise ExprError("an expression must be text")
    if len(source) > MAX_SOURCE:
        raise ExprError(f"the expression is longer than {MAX_SOURCE} characters", MAX_SOURCE + 1)
    p = _Parser(source, name_type, known_names)
    if p.toks[0].kind == "eof":
        raise ExprError("the expression is empty")
    tree = p.expr(0, 0)
    tok = p.toks[p.i]
    if tok.kind != "eof":
        if tok.text == ")":
            raise ExprError("this ')' has no matching '('", tok.pos + 1)
        hint = "join the parts with an operator such as and, or, ==, +"
        raise ExprError(f"unexpected {p.show(tok)}", tok.pos + 1, hint)
    return Expr(source, tree.type, tuple(p.names), _compile(tree), tree)


def parse_condition(
    source: str, name_type: Callable[[str], Type | None], known_names: Sequence[str] = ()
) -> Expr:
    """Like :func:`parse`, but also raise ExprError unless the expression gives true/false."""
    expr = parse(source, name_type, known_names)
    if expr.type != "bool":
        got = _SHOW[expr.type]
        hint = f"compare it, for example: {source.strip()[:30]} > 0" if got != "text" else None
        raise ExprError(f"this expression gives {got}, not true/false", 1, hint)
    return expr


_NOUNS = {
    "player.score": "your score", "player.money": "your money", "player.tier": "your tier",
    "day": "the day", "days": "the number of days", "friend.score": "the friend's score",
    "friends.count": "your number of friends", "friends.average": "your friends' average score",
    "friends.min": "your friends' lowest score", "friends.max": "your friends' highest score",
    "friend.is_friend": "whether the person is your friend",
}  # fmt: skip
_BARE = {"friend.is_friend": ("the person is your friend", "the person is not your friend")}
_WORDS = {"<": "is below", "<=": "is at most", ">": "is above", ">=": "is at least", "==": "is",
          "!=": "is not", "+": "plus", "-": "minus", "*": "times", "/": "divided by"}  # fmt: skip
_NOT_WORDS = {"<": "is not below", "<=": "is not at most", ">": "is not above",
              ">=": "is not at least", "==": "is not", "!=": "is"}  # fmt: skip


def _noun(name: str) -> str:
    head, _, rest = name.partition(".")
    if name in _NOUNS:
        return _NOUNS[name]
    if head in ("counters", "flags") and rest:
        return f"{head[:-1]} '{rest}'"
    if head in ("friend", "player") and rest:
        return ("the friend's " if head == "friend" else "your ") + rest.replace("_", " ")
    return name


def _bare(name: str, negated: bool) -> str:
    if name in _BARE:
        return _BARE[name][negated]
    if name.startswith("flags."):
        return f"{_noun(name)} is {'not set' if negated else 'set'}"
    return f"{_noun(name)} is {'false' if negated else 'true'}"


def _prec(n: _Node) -> int:
    return _BIN_PREC[n.text] if n.kind == "bin" else _KIND_PREC.get(n.kind, 9)


def _say(n: _Node, top: bool = False) -> str:
    if n.kind == "const":
        if n.type == "string":
            return f"'{n.value}'" if '"' in str(n.value) else f'"{n.value}"'
        return n.text
    if n.kind == "name":
        return _bare(n.text, False) if n.type == "bool" and top else _noun(n.text)
    a = n.left
    assert a is not None
    if n.kind == "neg":
        return "minus " + _wrap(a, _prec(a) < _NEG_PREC)
    if n.kind == "not":
        if a.kind == "name":
            return _bare(a.text, True)
        if a.kind == "bin" and a.text in _NOT_WORDS:
            return _binary(a, _NOT_WORDS[a.text])
        return f"not ({_say(a, True)})"
    if n.text in ("and", "or"):
        return f"{_side(a, n.text)} {n.text} {_side(n.right, n.text)}"  # type: ignore[arg-type]
    return _binary(n, _WORDS[n.text])


def _binary(n: _Node, words: str) -> str:
    a, b, p = n.left, n.right, _prec(n)
    assert a is not None and b is not None
    left = _wrap(a, _prec(a) < p or (p == 4 and _prec(a) <= 4))
    return f"{left} {words} {_wrap(b, _prec(b) <= p)}"


def _side(n: _Node, op: str) -> str:
    mixed = n.kind == "bin" and n.text in ("and", "or") and n.text != op
    return f"({_say(n, True)})" if mixed else _say(n, True)


def _wrap(n: _Node, paren: bool) -> str:
    return f"({_say(n)})" if paren else _say(n)


def describe(expr: Expr) -> str:
    """Render ``expr`` in plain English, e.g. "your score is above 700 and flag 'warned' is set"."""
    return _say(expr._tree, top=True)


def literal_comparisons(expr: Expr) -> list[tuple[str, str]]:
    """Each ``name == "text"`` or ``name != "text"`` in the expression (either side first), as
    (name, text) pairs in source order, so a checker can look the text up."""
    found: list[tuple[str, str]] = []
    stack = [expr._tree]
    while stack:
        node = stack.pop()
        if node.kind == "bin" and node.text in ("==", "!=") and node.left and node.right:
            sides = (node.left, node.right)
            names = [n.text for n in sides if n.kind == "name"]
            texts = [n.value for n in sides if n.kind == "const" and isinstance(n.value, str)]
            if names and texts:
                found.append((names[0], texts[0]))
        stack += [n for n in (node.right, node.left) if n is not None]
    return found


def required_values(expr: Expr) -> dict[str, object]:
    """The names ``expr`` needs to equal a constant to hold: its ``name == constant`` parts
    joined by ``and`` at the top level (``{}`` when there are none). Used to index rules."""
    found: dict[str, object] = {}
    parts = [expr._tree]
    while parts:
        node = parts.pop()
        if node.kind == "bin" and node.text == "and":
            parts += [node.left, node.right]  # type: ignore[list-item]
        elif node.kind == "bin" and node.text == "==":
            sides = (node.left, node.right)
            names = [s for s in sides if s is not None and s.kind == "name"]
            consts = [s for s in sides if s is not None and s.kind == "const"]
            if len(names) == 1 and len(consts) == 1:
                found.setdefault(names[0].text, consts[0].value)
    return found
