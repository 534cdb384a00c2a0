"""Safe, bounded YAML loading for untrusted scenario files written by teachers.

:func:`load_yaml` turns bytes into a tree of nodes that remember where each value starts, or
raises :class:`YamlError` with a 1-based line and column. It reads PyYAML's parser *events* only
(C parser when compiled in, else pure Python): nothing is ever constructed, no ``yaml.load``.
Enforced: at most :data:`MAX_BYTES` of UTF-8 text (a UTF-8 BOM is fine; NUL, UTF-16/32 and
control characters are not); one document; no tags, anchors or aliases; unique scalar keys
(compared in their :func:`to_plain` form, so ``1`` and ``"1"`` clash), no ``<<`` merge keys;
bounds on depth, node count, collection length and string length, checked as events stream in;
YAML 1.2 layout rules that PyYAML and libyaml let through (see :class:`_Layout`). Plain scalars
resolve by the YAML 1.2 core schema: ``yes``/``no``/``on``/``off``, ``1:30``, ``1_000`` and
dates stay strings; ``012`` is the integer 12 (the 1.2 core schema reads leading zeros as
decimal, not octal); ``0o17`` and ``0x1f`` are integers; ``3.10`` is the float 3.1.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from game.core.safeio import ReadError, read_bounded

MAX_BYTES = 1 << 20  # largest accepted file, in bytes
MAX_DEPTH = 64  # most nested collections
MAX_NODES = 100_000  # most nodes (scalars, keys and collections) in a file
MAX_ITEMS = 10_000  # most entries in one list or mapping
MAX_STRING = 100_000  # longest scalar, in characters
MAX_NUMBER_CHARS = 1_000  # longest plain scalar read as a number
_DEPTH_MESSAGE = f"values are nested more than {MAX_DEPTH} levels deep"
HAS_LIBYAML = hasattr(yaml, "CSafeLoader")  # True when PyYAML's C parser is compiled in

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT_DEC = re.compile(r"[-+]?[0-9]+")
_INT_OCT = re.compile(r"0o[0-7]+")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# what no scalar may hold once escapes are decoded: C0 but tab and newline, DEL, C1, surrogates
UNSAFE_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what PyYAML and libyaml count as breaks
_LEAD = re.compile("( *)[ \t]*([^ \t\r\n\x85\u2028\u2029]?)")
_SPACE_OR_BREAK = frozenset(" \t\r\n\x85\u2028\u2029")
_COMMENT = re.compile("#[^\r\n\x85\u2028\u2029]*")
_BLOCK_HEADER = re.compile("[|>](?=[-+]?([1-9]?))[-+1-9]*")
_LONE_DASH = frozenset({"-,", "-]", "-}", "-[", "-{"})
_HASH = "put a space before '#', or quote the value if the '#' belongs to it"
_INDENT = "indent it further than the key or '-' the value belongs to"
_TOKEN = re.compile(r"'?<([a-z ]+)>'?")
_TOKEN_NAMES = MappingProxyType(
    {
        "block end": "the end of an indented block",
        "block mapping start": "a new indented mapping",
        "block sequence start": "a new indented list",
        "stream end": "the end of the file",
        "document start": "'---'",
        "document end": "'...'",
        "scalar": "a value",
    }
)


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a node starts: 1-based line and column (columns count characters)."""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class ScalarNode:
    """A scalar value; ``quoted`` is true for quoted and block (``|``/``>``) scalars, which are
    always strings."""

    value: str | int | float | bool | None
    mark: Mark
    quoted: bool


@dataclass(frozen=True, slots=True)
class SeqNode:
    """A list of nodes."""

    items: tuple[Node, ...]
    mark: Mark


@dataclass(frozen=True, slots=True)
class MapNode:
    """A mapping as (key, value) pairs in file order; keys are unique scalars."""

    items: tuple[tuple[ScalarNode, Node], ...]
    mark: Mark


Node = ScalarNode | SeqNode | MapNode


class YamlError(Exception):
    """A file that cannot be loaded: ``message`` says what is wrong, ``line``/``col`` (1-based;
    1, 1 when unknown) where, ``hint`` how to fix it (or None) and ``path`` which file."""

    def __init__(
        self, message: str, line: int = 1, col: int = 1, hint: str | None = None, path: str = ""
    ) -> None:
        super().__init__(message)
        self.message, self.line, self.col, self.hint, self.path = message, line, col, hint, path

    def __str__(self) -> str:
        where = f"{self.path or '<string>'}:{self.line}:{self.col}"
        return f"{where}: {self.message}" + (f" (hint: {self.hint})" if self.hint else "")


def resolve_plain(text: str) -> str | int | float | bool | None:
    """Return the YAML 1.2 core-schema value of a plain (unquoted) scalar's text.

    Raises YamlError (at 1:1; :func:`load_yaml` re-raises it at the scalar) for a number longer
    than :data:`MAX_NUMBER_CHARS` characters.
    """
    if text in _NULL:
        return None
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    if not text or text[0] not in "0123456789+-.":
        return text
    is_number = bool(_INT_DEC.fullmatch(text) or _INT_OCT.fullmatch(text) or _FLOAT.fullmatch(text))
    if len(text) > MAX_NUMBER_CHARS and (is_number or _INT_HEX.fullmatch(text)):
        raise YamlError(f"number is too long (more than {MAX_NUMBER_CHARS} characters)")
    if _INT_DEC.fullmatch(text):
        return int(text, 10)
    if _INT_OCT.fullmatch(text):
        return int(text[2:], 8)
    if _INT_HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return -math.inf if text[0] == "-" else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return text


def _plain_key(value: object) -> str:
    """The string a scalar key becomes in :func:`to_plain` (as ``json.dumps`` would write it)."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return repr(value)


def to_plain(node: Node | None) -> object:
    """Turn a node tree into plain dicts, lists and scalars (for JSON Schema validation).

    Mapping keys become strings the way ``json.dumps`` writes them (``1`` -> ``"1"``, ``true`` ->
    ``"true"``, an empty key -> ``"null"``). Trees from :func:`load_yaml` are at most
    :data:`MAX_DEPTH` deep, so the recursion is bounded. Never raises for such trees.
    """
    if node is None:
        return None
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SeqNode):
        return [to_plain(item) for item in node.items]
    return {_plain_key(key.value): to_plain(value) for key, value in node.items}


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting breaks as the YAML parsers do."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


_KEY_ALONE = re.compile(r"\s*(-\s+)?[a-z_][a-z0-9_]*")
"""A line's text up to a ':' that YAML refused, when it is one key name alone (the format's keys
are lower case, like ``if`` or ``threshold``): the line is most likely a key indented under
another key's value, not a ': ' inside a text ("Warning:" at the start of a text's second line
is the text's)."""


def _before(text: str, mark: Mark) -> str:
    """The text of ``mark``'s line before it ("" past the end)."""
    lines = text.splitlines()
    return lines[mark.line - 1][: mark.col - 1] if mark.line <= len(lines) else ""


def _char_at(text: str, mark: Mark) -> str:
    """The character at ``mark`` in ``text`` ("" past the end)."""
    lines = text.splitlines()
    return lines[mark.line - 1][mark.col - 1 : mark.col] if mark.line <= len(lines) else ""


def _decode(data: bytes, path: str) -> str:
    """Check size and encoding and return the text without its BOM; raise YamlError if bad."""
    if len(data) > MAX_BYTES:
        raise YamlError(
            f"file is too large ({len(data)} bytes; the limit is {MAX_BYTES} bytes)",
            hint="split it with `include:` or remove unused content",
            path=path,
        )
    try:
        text = data.decode("utf-8")
        bad = data.find(b"\0")
    except UnicodeDecodeError as exc:
        text, bad = "", exc.start
        nul = data.find(b"\0", 0, bad)
        bad = nul if nul >= 0 else bad
    if bad >= 0:
        prefix = data[:bad].decode("utf-8", "replace").removeprefix("\ufeff")
        hint = "save the file with the UTF-8 encoding"
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] == b"\0\0\xfe\xff":
            hint = "the file looks like UTF-16 or UTF-32 text: " + hint
        raise YamlError("file is not UTF-8 text", *_line_col(prefix, len(prefix)), hint, path)
    text = text.removeprefix("\ufeff")
    found = _NOT_PRINTABLE.search(text)
    if found:
        raise YamlError(
            f"control character U+{ord(found.group()):04X} is not allowed",
            *_line_col(text, found.start()),
            "delete it (it is often invisible; retype the text around it)",
            path,
        )
    return text


def _parser_error(exc: yaml.YAMLError, text: str, path: str) -> YamlError:
    """Turn a PyYAML scanner/parser error into a YamlError with a one-sentence message."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "nesting depth" in problem:  # libyaml >= 0.2.6 stops deep nesting itself
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return YamlError(_DEPTH_MESSAGE, line, col, None, path)
    context_mark = getattr(exc, "context_mark", None)
    message = problem
    if context and context != problem:
        message += f" {context}"
        if context_mark is not None and mark is not None and context_mark.line != mark.line:
            message += f" that started at line {context_mark.line + 1}"
    message = _TOKEN.sub(lambda m: _TOKEN_NAMES.get(m[1], f"a {m[1]}"), message)
    message = " ".join(message.replace("of stream", "of the file").split())
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    hint = None
    if _char_at(text, Mark(line, col)) == "\t" or "'\\t'" in problem:
        hint = "YAML does not allow tabs for indentation: use spaces"
    elif "mapping values are not allowed" in problem and not _KEY_ALONE.fullmatch(
        _before(text, Mark(line, col))
    ):
        hint = "a ': ' inside a value starts a new key: put the whole value in quotes"
    elif "mapping values are not allowed" in problem:  # a key alone: indented too far
        hint = (
            "this line is indented further than the key above it, so YAML reads it as part of "
            "that key's value: line it up with the key above (if the line is the rest of a "
            "text, put the whole text in quotes instead)"
        )
    elif "end of stream" in problem and "quoted" in (context or ""):
        hint = "a quote is not closed: add the closing quote"
    elif "expected" in problem and ("block" in (context or "") + problem or "key" in problem):
        hint = "check the indentation of this line and the line above"
    return YamlError(message, line, col, hint, path)


class _Frame:
    """A collection being composed: its items so far and, for a mapping, the pending key."""

    __slots__ = ("is_map", "items", "key", "mark", "seen")

    def __init__(self, is_map: bool, mark: Mark) -> None:
        self.is_map, self.mark = is_map, mark
        self.items: list = []
        self.key: ScalarNode | None = None
        self.seen: dict[str, int] = {}


def _compose(loader: yaml.SafeLoader, text: str, path: str) -> Node | None:
    """Build the node tree from the loader's events, enforcing every rule; raise YamlError."""
    stack: list[_Frame] = []
    root: Node | None = None
    documents = nodes = 0

    def fail(message: str, mark: Mark, hint: str | None = None) -> YamlError:
        return YamlError(message, mark.line, mark.col, hint, path)

    while True:
        event = loader.get_event()
        start = event.start_mark
        mark = Mark(start.line + 1, start.column + 1)
        if isinstance(event, yaml.StreamEndEvent):
            return root
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise fail("only one YAML document per file", mark, "remove the extra '---'")
            continue
        if isinstance(event, yaml.AliasEvent):
            raise fail("anchors and aliases are not allowed", mark, "write the value out again")
        if isinstance(event, yaml.NodeEvent):
            if event.anchor is not None and (event.tag is None or _char_at(text, mark) == "&"):
                raise fail("anchors and aliases are not allowed", mark, "remove the '&' anchor")
            if event.tag is not None:
                hint = "remove the '!' tag; put the value in quotes if it must stay text"
                raise fail("tags are not allowed", mark, hint)
            nodes += 1
            if nodes > MAX_NODES:
                raise fail(f"the file has more than {MAX_NODES} values", mark)
        node: Node
        if isinstance(event, yaml.CollectionStartEvent):
            if stack and stack[-1].is_map and stack[-1].key is None:
                kind = "a list" if isinstance(event, yaml.SequenceStartEvent) else "a mapping"
                hint = (
                    'an expression goes in quotes and without braces: if: "friend.score < 550"'
                    if kind == "a mapping"
                    else "put the text in quotes"
                )
                raise fail(f"a mapping key must be a single value, not {kind}", mark, hint)
            if len(stack) >= MAX_DEPTH:
                raise fail(_DEPTH_MESSAGE, mark)
            stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), mark))
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            frame = stack.pop()
            if frame.is_map:
                node = MapNode(tuple(frame.items), frame.mark)
            else:
                node = SeqNode(tuple(frame.items), frame.mark)
        elif isinstance(event, yaml.ScalarEvent):
            value = event.value
            if len(value) > MAX_STRING:
                raise fail(f"text is longer than {MAX_STRING} characters", mark)
            bad = UNSAFE_CHAR.search(value)
            if bad is not None:
                raise fail(
                    f"the text holds the control character U+{ord(bad.group()):04X}",
                    mark,
                    "remove the escape that makes it (like \\0, \\e, \\r or \\x1b)",
                )
            if event.style:
                node = ScalarNode(value, mark, True)
            else:
                try:
                    node = ScalarNode(resolve_plain(value), mark, False)
                except YamlError as exc:
                    raise fail(exc.message, mark) from None
        else:  # StreamStart, DocumentEnd
            continue
        if not stack:
            empty = isinstance(event, yaml.ScalarEvent) and not event.style and not event.value
            root = None if empty else node
            continue
        top = stack[-1]
        if top.is_map and top.key is None:
            assert isinstance(node, ScalarNode)
            if node.value == "<<" and not node.quoted:
                raise fail("merge keys ('<<') are not allowed", mark, "write the keys out")
            key = _plain_key(node.value)
            if key in top.seen:
                raise fail(f"duplicate key {key!r} (first at line {top.seen[key]})", mark)
            top.seen[key] = mark.line
            top.key = node
            continue
        if len(top.items) >= MAX_ITEMS:
            kind = "mapping" if top.is_map else "list"
            raise fail(f"{kind} has more than {MAX_ITEMS} entries", node.mark)
        top.items.append((top.key, node) if top.is_map else node)
        top.key = None


class _Layout:
    """Checks layout that YAML 1.2 forbids but PyYAML and libyaml accept, one token at a time.

    :meth:`feed` raises YamlError for: a '#' comment glued to the text before it; a line inside a
    flow collection or a multi-line quoted/plain scalar indented no deeper than the enclosing
    block key or '-' (a closing bracket may sit at that indent, as editors allow); a lone '-'
    inside [ ] or { }; a block scalar whose leading blank lines have more spaces than its text.
    """

    def __init__(self, text: str, path: str) -> None:
        self.text, self.path = text, path
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.blocks, self.flow, self.cursor, self.last_line = [-1], 0, 0, 0

    def indent(self, line: int) -> int:
        """Leading spaces of a 0-based line; -1 for a blank one."""
        lead = _LEAD.match(self.text, self.starts[line])
        return len(lead.group(1)) if lead.group(2) else -1

    def fail(self, message: str, index: int, hint: str) -> YamlError:
        return YamlError(message, *_line_col(self.text, index), hint, self.path)

    def comments(self, begin: int, end: int) -> None:
        if self.text.find("#", begin, end) < 0:
            return
        for comment in _COMMENT.finditer(self.text, begin, end):
            if comment.start() and self.text[comment.start() - 1] not in _SPACE_OR_BREAK:
                raise self.fail("a comment needs a space before the '#'", comment.start(), _HASH)

    def feed(self, token: yaml.Token) -> None:
        """Check the next token (tokens must come in file order)."""
        start, end, kind = token.start_mark, token.end_mark, type(token)
        text, blocks = self.text, self.blocks
        self.comments(self.cursor, max(self.cursor, start.index))
        if kind in (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken):
            blocks.append(start.column)
        elif kind is yaml.BlockEndToken:
            blocks.pop()
        closing = kind in (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
        first_on_line = self.flow and start.line > self.last_line
        if first_on_line and self.indent(start.line) < blocks[-1] + 1 - closing:
            message = "this line inside [ ] or { } is not indented enough"
            raise self.fail(message, start.index, _INDENT)
        if kind is yaml.ScalarToken and token.style in ("|", ">"):
            header = _BLOCK_HEADER.match(text, start.index)
            self.comments(header.end(), header.end() + 1)
            line, deepest = start.line + 1, (-1, 0)
            while line < len(self.starts) and self.indent(line) < 0 and not header.group(1):
                deepest = max(deepest, (len(_LEAD.match(text, self.starts[line]).group(1)), line))
                line += 1
            if line < len(self.starts) and blocks[-1] < self.indent(line) < deepest[0]:
                message = "a blank line at the start of a text block has more spaces than its text"
                raise self.fail(message, self.starts[deepest[1]], "remove the blank lines' spaces")
        elif kind is yaml.ScalarToken:
            for line in range(start.line + 1, end.line + 1):
                if 0 <= self.indent(line) <= blocks[-1]:
                    message = "this line of a multi-line value is not indented enough"
                    raise self.fail(message, self.starts[line] + self.indent(line), _INDENT)
            if self.flow and not token.style and text[start.index : start.index + 2] in _LONE_DASH:
                message = "a lone '-' is not a value inside [ ] or { }"
                raise self.fail(message, start.index, "put it in quotes: '-'")
        self.flow += (kind in (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)) - closing
        self.last_line, self.cursor = end.line, max(self.cursor, end.index)
        if kind is yaml.StreamEndToken:
            self.comments(self.cursor, len(text))


class _CheckedLoader(yaml.SafeLoader):
    """The pure-Python SafeLoader, feeding each token its parser consumes to a :class:`_Layout`.

    The first layout error is kept in ``layout_error`` and raised only once the events are
    composed, so both parsers report parser and rule errors before layout ones.
    """

    def __init__(self, stream: str, layout: _Layout) -> None:
        super().__init__(stream)
        self.layout, self.layout_error = layout, None

    def get_token(self) -> yaml.Token:
        token = super().get_token()
        if self.layout_error is None:
            try:
                self.layout.feed(token)
            except YamlError as exc:
                self.layout_error = exc
        return token


def _check_layout_c(layout: _Layout) -> None:
    """Run the layout check on a second, C-speed scan (libyaml does not expose its tokens)."""
    scanner = yaml.CSafeLoader(layout.text)
    try:
        while scanner.check_token():
            layout.feed(scanner.get_token())
    finally:
        scanner.dispose()


def load_yaml(data: bytes, path: str = "<string>", *, use_libyaml: bool = True) -> Node | None:
    """Parse one untrusted YAML document from ``data`` into a node tree.

    Returns None when the file holds no document or an empty one (only comments, or ``---``).
    ``use_libyaml=False`` forces the pure-Python parser (the C one is used when compiled in).
    Raises YamlError (and nothing else) for anything that is not a valid, bounded, single YAML
    document under this module's rules; its ``path`` is ``path``. TypeError if data is not bytes.
    """
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"load_yaml takes bytes, not {type(data).__name__}")
    text = _decode(bytes(data), path)
    use_c = use_libyaml and HAS_LIBYAML
    loader = None
    try:
        layout = _Layout(text, path)
        loader = yaml.CSafeLoader(text) if use_c else _CheckedLoader(text, layout)
        root = _compose(loader, text, path)
        if use_c:
            _check_layout_c(layout)
        elif loader.layout_error is not None:
            raise loader.layout_error
        return root
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _parser_error(exc, text, path) from None
    except Exception as exc:  # ReaderError, RecursionError, MemoryError, ...
        message = f"the YAML parser failed on this file ({type(exc).__name__})"
        raise YamlError(message, path=path) from None
    finally:
        if loader is not None:
            loader.dispose()


def load_yaml_file(path: str | Path) -> Node | None:
    """Read ``path`` with :func:`~game.core.safeio.read_bounded` and :func:`load_yaml` it.

    Raises YamlError when the file cannot be read safely (missing, not a regular file, larger
    than MAX_BYTES), or fails to load.
    """
    try:
        data = read_bounded(path, MAX_BYTES)
    except ReadError as exc:
        raise YamlError(str(exc), path=str(path)) from None
    return load_yaml(data, str(path))
