"""Declarative shapes for checking YAML nodes, each of which also describes itself as JSON Schema.

A shape's ``check(node, ctx)`` returns the plain value (a ``Record`` for mappings) or ``INVALID``,
after reporting every problem it found to the context. The same shapes generate
``scenarios/scenario.schema.json``, so the editor's schema and the checker cannot drift apart.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from game.core.diagnostics import ERROR, WARNING, Diagnostic
from game.core.yamlsafe import MapNode, Mark, Node, ScalarNode, SeqNode

INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()
"""Returned by a shape when the node was wrong (the problem has already been reported)."""

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
CURLY_OPEN = "\u201c\u2018\u201e\u00ab"
CURLY_CLOSE = "\u201d\u2019\u201c\u00bb"
STRAIGHT_HINT = 'retype them with straight quotes: "like this"'
_ID = re.compile(ID_PATTERN)


def suggest(word: str, candidates: Sequence[str]) -> str | None:
    """A 'did you mean' hint naming the closest candidate, or None when nothing is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def known(kind: str, candidates: Sequence[str], limit: int = 12) -> str:
    """A hint listing the known names of a kind."""
    shown = ", ".join(candidates[:limit]) + (", ..." if len(candidates) > limit else "")
    return f"known {kind}: {shown}" if candidates else f"this scenario has no {kind}"


@dataclass
class Ctx:
    """Where diagnostics and references go while one file is checked."""

    path: str
    lines: Sequence[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    refs: list[tuple[str, str, str, Mark, Ctx]] = field(default_factory=list)
    rule: Any = None

    def report(self, severity: str, mark: Mark, message: str, hint: str | None = None) -> None:
        """Record a diagnostic at ``mark``, with the source line it points into."""
        line = self.lines[mark.line - 1] if 0 < mark.line <= len(self.lines) else None
        self.diagnostics.append(
            Diagnostic(self.path, mark.line, mark.col, severity, message, hint, line)
        )

    def error(self, mark: Mark, message: str, hint: str | None = None) -> None:
        """Record an error."""
        self.report(ERROR, mark, message, hint)

    def warning(self, mark: Mark, message: str, hint: str | None = None) -> None:
        """Record a warning."""
        self.report(WARNING, mark, message, hint)

    def refer(self, kind: str, value: str, mark: Mark, what: str) -> None:
        """Remember a reference to check once every id is known."""
        self.refs.append((kind, value, what, mark, self))

    def sibling(self, path: str, lines: Sequence[str]) -> Ctx:
        """A context for another file that shares this one's diagnostics and references."""
        return Ctx(path, lines, self.diagnostics, self.refs, self.rule)


class Shape(Protocol):
    """Checks a node and describes itself as JSON Schema."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        """The value, or INVALID after reporting what is wrong."""

    def schema(self) -> dict[str, Any]:
        """This shape as a JSON Schema fragment."""


def bad(value: Any) -> bool:
    """True for INVALID and for a record with problems."""
    return value is INVALID or (isinstance(value, Record) and not value.valid)


def describe_node(node: Node) -> str:
    """A short description of what a node is, for 'expected X, got Y' messages."""
    if isinstance(node, MapNode):
        return "a mapping"
    if isinstance(node, SeqNode):
        return "a list"
    value = node.value
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    return f"text ('{value[:30]}')"


def _expect(ctx: Ctx, node: Node, what: str, hint: str | None = None) -> Any:
    ctx.error(node.mark, f"expected {what}, got {describe_node(node)}", hint)
    return INVALID


@dataclass(frozen=True)
class Text:
    """A string of bounded length."""

    max_len: int = 2000
    pattern: str | None = None
    pattern_hint: str | None = None
    doc: str = ""
    what: str = "name"
    curly_error: str | None = None

    def check(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            hint = "put the text in quotes" if isinstance(node, ScalarNode) else None
            return _expect(ctx, node, "text", hint)
        value = node.value
        if not value.strip():
            ctx.error(node.mark, "this text is empty")
            return INVALID
        if len(value) > self.max_len:
            ctx.error(
                node.mark, f"text is too long ({len(value)} characters, at most {self.max_len})"
            )
            return INVALID
        if self.pattern and not re.match(self.pattern, value):
            hint = self.pattern_hint
            lower = re.sub(r"[^a-z0-9_-]+", "-", value.strip().lower()).strip("-_")
            if self.what == "id" and re.match(self.pattern, lower):
                hint = f"ids are lowercase, without spaces: write '{lower}'"
            ctx.error(node.mark, f"'{value[:40]}' is not a valid {self.what}", hint)
            return INVALID
        if value[0] in CURLY_OPEN and value[-1] in CURLY_CLOSE and len(value) > 1:
            shown = value if len(value) <= 40 else value[:38] + "\u2026"
            if self.curly_error:
                ctx.error(
                    node.mark, f"{shown} is in curly quotes, so {self.curly_error}", STRAIGHT_HINT
                )
                return INVALID
            ctx.warning(
                node.mark,
                f"{shown} is in curly quotes: players will see them around the text",
                STRAIGHT_HINT,
            )
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_len}
        if self.pattern:
            out["pattern"] = self.pattern
        if self.doc:
            out["description"] = self.doc
        return out


ID_HINT = "use lowercase letters, digits, '-' and '_', starting with a letter or digit (at most 40)"


def Ident(doc: str = "") -> Text:
    """An id: lowercase letters, digits, dashes and underscores."""
    return Text(max_len=40, pattern=ID_PATTERN, pattern_hint=ID_HINT, doc=doc, what="id")


@dataclass(frozen=True)
class Ref:
    """An id that must name something defined elsewhere in the scenario."""

    kind: str
    what: str
    doc: str = ""

    def check(self, node: Node, ctx: Ctx) -> Any:
        value = Ident().check(node, ctx)
        if value is not INVALID:
            ctx.refer(self.kind, value, node.mark, self.what)
        return value

    def schema(self) -> dict[str, Any]:
        return Ident(self.doc or f"the id of a {self.what}").schema()


@dataclass(frozen=True)
class Number:
    """A number within bounds; whole numbers only when ``whole``."""

    low: float
    high: float
    whole: bool = True
    doc: str = ""

    def check(self, node: Node, ctx: Ctx) -> Any:
        value = node.value if isinstance(node, ScalarNode) else None
        ok = isinstance(value, int) if self.whole else isinstance(value, int | float)
        if isinstance(value, bool) or not ok:
            what = "a whole number" if self.whole else "a number"
            hint = "remove the quotes" if isinstance(value, str) and _numeric(value) else None
            return _expect(ctx, node, what, hint)
        if value != value or not self.low <= value <= self.high:
            ctx.error(node.mark, f"{value} is out of range ({_fmt(self.low)} to {_fmt(self.high)})")
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "integer" if self.whole else "number",
            "minimum": self.low,
            "maximum": self.high,
        }
        if self.doc:
            out["description"] = self.doc
        return out


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _numeric(text: str) -> bool:
    return re.fullmatch(r"\s*[-+]?\d+(\.\d*)?\s*", text) is not None


@dataclass(frozen=True)
class Boolean:
    """true or false."""

    doc: str = ""

    def check(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode) and isinstance(node.value, bool):
            return node.value
        hint = "write true or false" if isinstance(node, ScalarNode) else None
        return _expect(ctx, node, "true or false", hint)

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean", **({"description": self.doc} if self.doc else {})}


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of words."""

    values: tuple[str, ...]
    doc: str = ""

    def check(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            return _expect(ctx, node, "one of: " + ", ".join(self.values))
        if node.value not in self.values:
            hint = suggest(node.value, self.values) or "choose one of: " + ", ".join(self.values)
            ctx.error(node.mark, f"'{node.value}' is not one of: {', '.join(self.values)}", hint)
            return INVALID
        return node.value

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values), **({"description": self.doc} if self.doc else {})}


@dataclass(frozen=True)
class ListOf:
    """A list of items of one shape; with ``or_single`` a lone item stands for a list of one."""

    item: Shape
    min_items: int = 0
    max_items: int = 1000
    or_single: bool = False
    doc: str = ""

    def check(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, SeqNode):
            if self.or_single and isinstance(node, ScalarNode):
                value = self.item.check(node, ctx)
                return INVALID if value is INVALID else (value,)
            return _expect(ctx, node, "a list", "start each item on its own line with '- '")
        if len(node.items) < self.min_items:
            ctx.error(node.mark, f"this list needs at least {self.min_items} item(s)")
            return INVALID
        if len(node.items) > self.max_items:
            ctx.error(node.mark, f"this list has {len(node.items)} items, at most {self.max_items}")
            return INVALID
        values = [self.item.check(item, ctx) for item in node.items]
        return tuple(v for v in values if v is not INVALID)

    def schema(self) -> dict[str, Any]:
        array: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            array["minItems"] = self.min_items
        array["maxItems"] = self.max_items
        out = {"anyOf": [self.item.schema(), array]} if self.or_single else array
        return {**out, **({"description": self.doc} if self.doc else {})}


class Record(dict[str, Any]):
    """A checked mapping: its values by key, with the mark of the mapping and of each key.

    A record with problems is still returned, with ``valid`` false and INVALID in the keys that
    were wrong, so the checker can go on to find the problems elsewhere.
    """

    def __init__(
        self, mark: Mark, marks: Mapping[str, Mark], values: Mapping[str, Any], valid: bool = True
    ):
        super().__init__(values)
        self.mark = mark
        self.marks = dict(marks)
        self.valid = valid

    def mark_of(self, key: str) -> Mark:
        """Where ``key`` was written, or the mapping's own mark when it was left out."""
        return self.marks.get(key, self.mark)


@dataclass(frozen=True)
class Field:
    """One key of a mapping."""

    shape: Shape
    required: bool = False
    default: Any = None


@dataclass(frozen=True)
class Obj:
    """A mapping with a fixed set of keys; unknown keys are errors with 'did you mean'."""

    fields: Mapping[str, Field]
    what: str = "mapping"
    doc: str = ""
    extra_check: Callable[[Record, Ctx], None] | None = None

    def check(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, MapNode):
            return _expect(ctx, node, f"a mapping ({self.what})", self._hint())
        values: dict[str, Any] = {}
        marks: dict[str, Mark] = {}
        unknown: dict[str, Mark] = {}
        ok = True
        for key_node, value_node in node.items:
            key = key_node.value
            if not isinstance(key, str) or key not in self.fields:
                names = list(self.fields)
                hint = suggest(str(key), names) or "known keys: " + ", ".join(names)
                ctx.error(key_node.mark, f"unknown key '{key}' in {self.what}", hint)
                unknown[str(key)] = key_node.mark
                ok = False
                continue
            marks[key] = key_node.mark
            value = self.fields[key].shape.check(value_node, ctx)
            ok = ok and not bad(value)
            values[key] = value
        for name, spec in self.fields.items():
            if name not in values:
                if spec.required:
                    typo = difflib.get_close_matches(name, list(unknown), n=1, cutoff=0.6)
                    hint = (
                        f"is it the '{typo[0]}' at line {unknown[typo[0]].line}? fix its spelling"
                        if typo
                        else None
                    )
                    ctx.error(node.mark, f"{self.what} is missing the required key '{name}'", hint)
                    ok = False
                    values[name] = INVALID
                else:
                    values[name] = spec.default
        record = Record(node.mark, marks, values, ok)
        if ok and self.extra_check is not None:
            errors = len(ctx.diagnostics)
            self.extra_check(record, ctx)
            record.valid = len(ctx.diagnostics) == errors
        return record

    def _hint(self) -> str:
        required = [name for name, spec in self.fields.items() if spec.required]
        return "it needs the keys: " + ", ".join(required) if required else ""

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {name: spec.shape.schema() for name, spec in self.fields.items()},
            "additionalProperties": False,
        }
        required = [name for name, spec in self.fields.items() if spec.required]
        if required:
            out["required"] = required
        if self.doc:
            out["description"] = self.doc
        return out


@dataclass(frozen=True)
class MapOf:
    """A mapping from ids to values of one shape (word lists, say)."""

    value: Shape
    what: str
    max_items: int = 200

    def check(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, MapNode):
            return _expect(ctx, node, f"a mapping of {self.what}")
        if len(node.items) > self.max_items:
            ctx.error(
                node.mark, f"too many {self.what} ({len(node.items)}, at most {self.max_items})"
            )
            return INVALID
        out: dict[str, Any] = {}
        marks: dict[str, Mark] = {}
        for key_node, value_node in node.items:
            key = Ident().check(key_node, ctx)
            value = self.value.check(value_node, ctx)
            if key is not INVALID and value is not INVALID:
                out[key] = value
                marks[key] = key_node.mark
        return Record(node.mark, marks, out)

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": self.value.schema(),
            "maxProperties": self.max_items,
        }


@dataclass(frozen=True)
class OneKey:
    """A mapping with exactly one key naming what it is (a condition or an effect)."""

    options: Mapping[str, Shape]
    what: str

    def check(self, node: Node, ctx: Ctx) -> Any:
        names = list(self.options)
        if not isinstance(node, MapNode) or len(node.items) != 1:
            got = describe_node(node)
            if isinstance(node, MapNode):
                keys = ", ".join(str(k.value) for k, _ in node.items)
                got = f"{len(node.items)} keys ({keys})" if node.items else "an empty mapping"
            hint = f"write one {self.what} per item, for example '- {names[0]}: ...'"
            ctx.error(node.mark, f"expected one {self.what} (a single key), got {got}", hint)
            return INVALID
        key_node, value_node = node.items[0]
        name = key_node.value
        if not isinstance(name, str) or name not in self.options:
            hint = suggest(str(name), names) or f"known {self.what}s: " + ", ".join(names)
            ctx.error(key_node.mark, f"unknown {self.what} '{name}'", hint)
            return INVALID
        value = self.options[name].check(value_node, ctx)
        return INVALID if bad(value) else (name, value, key_node.mark)

    def schema(self) -> dict[str, Any]:
        return {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {name: shape.schema()},
                    "required": [name],
                    "additionalProperties": False,
                }
                for name, shape in self.options.items()
            ]
        }


@dataclass(frozen=True)
class Either:
    """The first shape whose JSON type fits the node: used for 'a string or a mapping'."""

    scalar: Shape
    mapping: Shape

    def check(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar.check(node, ctx)
        return self.mapping.check(node, ctx)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [self.scalar.schema(), self.mapping.schema()]}


@dataclass(frozen=True)
class Lazy:
    """A shape defined later (conditions contain conditions)."""

    get: Callable[[], Shape]
    name: str

    def check(self, node: Node, ctx: Ctx) -> Any:
        return self.get().check(node, ctx)

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.name}"}
