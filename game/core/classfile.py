"""Class files: which scenarios a class plays, in which order, its quiz and its options.

A class file is YAML, read with the same safe loader and checked with the same located
diagnostics as a scenario; its shape (:data:`CLASS`) also yields ``scenarios/class.schema.json``.
``check_class_file`` never raises: whatever the bytes, it returns a plan or the problems.

    format: 1
    class: "10B civics, Tuesday"
    language: en
    scenarios: [../viral-score.yaml]      # files, relative to the class file
    claims: [...]                         # optional; else each scenario's own claims
    options: {quiz: true, quiz_with: ../viral-score.yaml, nickname: true, lesson_minutes: 45}

The quiz is asked with one scenario of the lesson (``quiz_with``; by default the first that has
claims), so a student rates the claims once before and once after, not once per scenario.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.core import checker
from game.core.diagnostics import Diagnostic, has_errors
from game.core.model import Scenario
from game.core.quiz import Claim
from game.core.scenariospec import CLAIMS, FormatVersion
from game.core.shapes import INVALID, Boolean, Ctx, Field, ListOf, Number, Obj, Record, Text
from game.core.yamlsafe import MapNode, Mark, Node, ScalarNode, SeqNode

LANGUAGE = Text(
    max_len=10,
    pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    pattern_hint="a language code such as en, es or pt-BR",
    what="language code",
)


@dataclass(frozen=True)
class ScenarioFile:
    """A scenario's file name relative to the class file, kept with where it was written."""

    def check(self, node: Node, ctx: Ctx) -> Any:
        value = Text(
            max_len=300,
            pattern=r"^[^\\:]+\.ya?ml$",
            pattern_hint="a file name ending in .yaml, relative to this file, with '/' only",
            what="scenario file",
        ).check(node, ctx)
        return INVALID if value is INVALID else (value, node.mark)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"\.ya?ml$", "description": "a scenario file"}


CLASS = Obj(
    {
        "format": Field(FormatVersion(), required=True),
        "class": Field(Text(max_len=120), required=True),
        "language": Field(LANGUAGE, required=True),
        "scenarios": Field(
            ListOf(
                ScenarioFile(),
                min_items=1,
                max_items=20,
                doc="the scenarios students see, in this order (paths relative to this file)",
            ),
            required=True,
        ),
        "claims": Field(CLAIMS),
        "options": Field(
            Obj(
                {
                    "quiz": Field(
                        Boolean("ask the claim quiz before and after play"), default=True
                    ),
                    "quiz_with": Field(
                        Text(
                            max_len=300,
                            doc="the scenario (one of 'scenarios', written the same way) that "
                            "carries the quiz; default: the first one with claims",
                        )
                    ),
                    "nickname": Field(
                        Boolean("ask for an optional nickname on the results card"),
                        default=True,
                    ),
                    "lesson_minutes": Field(
                        Number(20, 180, doc="length of the lesson, for the lesson plan"),
                        default=45,
                    ),
                    "send_to": Field(
                        Text(
                            max_len=200,
                            doc="where students paste their results code (a form's address, "
                            "the name of an LMS assignment)",
                        )
                    ),
                },
                what="options",
            )
        ),
    },
    what="class file",
)


@dataclass(frozen=True, slots=True)
class ClassPlan:
    """A checked class file with its scenarios loaded."""

    path: str
    title: str
    language: str
    scenarios: tuple[Scenario, ...]
    claims: tuple[Claim, ...] = ()
    quiz: bool = True
    ask_nickname: bool = True
    lesson_minutes: int = 45
    send_to: str | None = None
    quiz_index: int | None = None
    """Which of ``scenarios`` carries the quiz (None: no quiz in this lesson)."""

    @property
    def quiz_scenario(self) -> Scenario | None:
        """The scenario played with the quiz, or None when the lesson has no quiz."""
        return None if self.quiz_index is None else self.scenarios[self.quiz_index]

    def claims_for(self, scenario: Scenario) -> tuple[Claim, ...]:
        """The quiz for ``scenario``: the class's claims, else the scenario's; none for the
        lesson's other scenarios or when the quiz is off."""
        chosen = self.quiz_scenario
        if chosen is None or Path(chosen.path).resolve() != Path(scenario.path).resolve():
            return ()
        return self.claims or scenario.claims

    @property
    def quiz_claims(self) -> tuple[Claim, ...]:
        """The lesson's one quiz (none when it has none)."""
        chosen = self.quiz_scenario
        return () if chosen is None else self.claims_for(chosen)


@dataclass(frozen=True)
class ClassResult:
    """A plan (None when there are errors) and every diagnostic, the scenarios' included."""

    plan: ClassPlan | None
    diagnostics: tuple[Diagnostic, ...]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a class file, from the same shapes the checker uses."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "class.schema.json",
        "title": "Model Citizen class file",
        **CLASS.schema(),
    }


CLASS_NAME = "class.yaml"
"""The class file's name inside a web build, where its scenarios sit next to it."""


def check_class_file(path: str | Path, flat: bool = False) -> ClassResult:
    """Read and check a class file and every scenario it names. Never raises.

    ``flat``: look each scenario up by its bare file name next to the class file (as a web
    build stores them) instead of by its relative path."""
    result = _check_class_file(Path(path), flat)
    curly = {(d.path, d.line) for d in result.diagnostics if "curly quote" in d.message}
    kept = tuple(
        d for d in result.diagnostics if "curly quote" in d.message or (d.path, d.line) not in curly
    )
    return ClassResult(result.plan, kept)


def _check_class_file(path: Path, flat: bool) -> ClassResult:
    """:func:`check_class_file`, with every diagnostic (a curly quote's consequences too)."""
    data = checker.read_bytes(path)
    if isinstance(data, Diagnostic):
        return ClassResult(None, (data,))
    ctx = Ctx(str(path), data.decode("utf-8", errors="replace").splitlines())
    curly_quotes(ctx)
    root = checker.parse(data, ctx)
    if root is None:
        ctx.error(Mark(1, 1), "the file is empty", "start from scenarios/classes/example.yaml")
    if root is None or root is INVALID:
        return ClassResult(None, tuple(ctx.diagnostics))
    if _is_scenario(root):
        ctx.error(
            root.mark,
            "this is a scenario file, not a class file",
            "a class file lists a lesson's scenarios: start from "
            "scenarios/classes/example.yaml (to check a scenario, leave out --class)",
        )
        return ClassResult(None, tuple(ctx.diagnostics))
    record = CLASS.check(root, ctx)
    claims = checker.build_claims(
        record.get("claims") if isinstance(record, Record) else None,
        record.mark_of("claims") if isinstance(record, Record) else Mark(1, 1),
        ctx,
    )
    listed = _scenarios(record, path.parent, ctx, flat) if isinstance(record, Record) else []
    scenarios = tuple(scenario for _name, scenario in listed)
    if isinstance(record, Record):
        _check_answers(record, scenarios, ctx)
        _check_languages(record, listed, ctx)
    if has_errors(ctx.diagnostics) or not isinstance(record, Record) or not record.valid:
        return ClassResult(None, tuple(ctx.diagnostics))
    options = record["options"] or {
        "quiz": True,
        "quiz_with": None,
        "nickname": True,
        "lesson_minutes": 45,
        "send_to": None,
    }
    quiz_index = _quiz_index(record, listed, claims, options, ctx)
    if has_errors(ctx.diagnostics):
        return ClassResult(None, tuple(ctx.diagnostics))
    plan = ClassPlan(
        str(path),
        record["class"],
        record["language"],
        scenarios,
        claims,
        options["quiz"],
        options["nickname"],
        options["lesson_minutes"],
        options["send_to"],
        quiz_index,
    )
    return ClassResult(plan, tuple(ctx.diagnostics))


_CURLY = re.compile(r"(?:^\s*-\s+|:\s+|[\[{,]\s*)([“”„‘’‚«»])")
"""A value that starts with a typographic quote (as word processors type them)."""


def curly_quotes(ctx: Ctx) -> None:
    """An error on each line where a value starts with a curly quote (“ ” ‘ ’), pasted from a
    word processor: YAML reads it as part of the text, or stumbles on the ': ' inside."""
    for number, line in enumerate(ctx.lines, start=1):
        match = _CURLY.search(line.split(" #")[0])
        if match:
            ctx.error(
                Mark(number, match.start(1) + 1),
                f"this value starts with a curly quote {match.group(1)}, which YAML does not "
                "read as a quote",
                "retype the quotes around it as straight quotes: \" (or ')",
            )


def _keys(root: Any) -> dict[str, Mark]:
    """The top-level keys of a parsed file and where each is written (none if not a mapping)."""
    if not isinstance(root, MapNode):
        return {}
    return {str(key.value): key.mark for key, _value in root.items}


def _is_scenario(root: Any) -> bool:
    """True when a parsed file is plainly a scenario: it has days and no ``class:`` key."""
    keys = _keys(root)
    return "class" not in keys and "days" in keys


def class_file_mistake(path: str | Path, command: str) -> Diagnostic | None:
    """An error when ``path``, given where a scenario belongs, is plainly a class file (it has
    a top-level ``class:`` key and no ``days:``), with how ``command`` takes a class file; None
    otherwise (the scenario check then says what is wrong). Never raises."""
    path = Path(path)
    data = checker.read_bytes(path)
    if isinstance(data, Diagnostic):
        return None
    keys = _keys(checker.parse(data, Ctx(str(path), [])))
    if "class" not in keys or "days" in keys:
        return None
    mark = keys["class"]
    shown = path.as_posix()
    message, hint = {
        "check": ("this is a class file: use --class", f"python -m game check --class {shown}"),
        "simulate": (
            "this is a class file, not a scenario: use --class",
            f"python -m game simulate SCENARIO --class {shown}",
        ),
    }.get(
        command,
        (
            "this is a class file, not a scenario",
            f"{command} takes one of the scenario files this class file lists",
        ),
    )
    lines = data.decode("utf-8", errors="replace").splitlines()
    line = lines[mark.line - 1] if 0 < mark.line <= len(lines) else None
    return Diagnostic(str(path), mark.line, mark.col, "error", message, hint, line)


def _scenarios(record: Record, folder: Path, ctx: Ctx, flat: bool) -> list[tuple[str, Scenario]]:
    """The listed scenarios that load and can be played, each with its name as written."""
    names = record.get("scenarios")
    if not isinstance(names, tuple):
        return []
    out: list[tuple[str, Scenario]] = []
    seen: set[Path] = set()
    for name, mark in names:
        target = (folder / (Path(name).name if flat else name)).resolve()
        if target in seen:
            ctx.error(mark, f"'{name}' is listed twice")
            continue
        seen.add(target)
        if not target.is_file():
            above = f"../{name}"
            ctx.error(
                mark,
                f"no scenario file '{name}' next to this class file",
                f"did you mean '{above}'? paths are relative to the class file's folder"
                if not flat and (folder / above).is_file()
                else "two lines were read as one: indent every '- ' of 'scenarios' the same"
                if " - " in name
                else "paths are relative to the class file's folder",
            )
            continue
        result = checker.check_file(target)
        if result.scenario is None:
            errors = [d for d in result.diagnostics if d.is_error]
            ctx.error(
                mark,
                f"scenario '{name}' has {len(errors)} error(s), first: "
                f"{errors[0].headline() if errors else 'unreadable'}",
                f"run: python -m game check {target}",
            )
            continue
        if result.scenario.hidden:
            ctx.error(
                mark,
                f"scenario '{name}' is hidden ('hidden: true'), so students cannot play it",
                "list a playable scenario, or remove 'hidden: true' from it",
            )
            continue
        out.append((name, result.scenario))
    return out


def _quiz_index(
    record: Record,
    listed: list[tuple[str, Scenario]],
    claims: tuple[Claim, ...],
    options: Any,
    ctx: Ctx,
) -> int | None:
    """Which scenario carries the quiz: ``quiz_with``, else the first with claims. Warns when
    the quiz is on but the chosen scenario (or every scenario) has no claims."""
    if not options["quiz"]:
        return None
    where = options.mark_of("quiz") if isinstance(options, Record) else record.mark_of("scenarios")
    wanted = options["quiz_with"]
    if wanted is not None:
        names = [name for name, _s in listed]
        if wanted not in names:
            ctx.error(
                options.mark_of("quiz_with"),
                f"'quiz_with' names '{wanted}', which is not in this class's 'scenarios'",
                "write it exactly as in 'scenarios': " + ", ".join(names),
            )
            return None
        index = names.index(wanted)
        if not claims and not listed[index][1].claims:
            ctx.warning(
                options.mark_of("quiz_with"),
                f"'{wanted}' has no claims, so this lesson asks no quiz",
                "add 'claims:' to the class file, or name a scenario with claims",
            )
            return None
        return index
    for index, (_name, scenario) in enumerate(listed):
        if claims or scenario.claims:
            return index
    ctx.warning(
        where,
        "'quiz: true' but no scenario of this class has claims, so no quiz is asked",
        "add 'claims:' to the class file, or set 'quiz: false'",
    )
    return None


def _check_answers(record: Record, scenarios: tuple[Scenario, ...], ctx: Ctx) -> None:
    """Warn when a class claim's answer contradicts a scenario's claim or debrief verdict on
    the same claim (same id or same text)."""
    records = record.get("claims")
    if not isinstance(records, tuple):
        return
    known: dict[str, tuple[bool, str]] = {}
    for scenario in scenarios:
        where = Path(scenario.path).name
        for fact in scenario.debrief.facts:
            if fact.verdict in ("fact", "myth"):
                answer = fact.verdict == "fact"
                text = f"its debrief calls it a {fact.verdict} ({where})"
                for key in (fact.id, _plain(fact.claim)):
                    if key:
                        known.setdefault(key, (answer, text))
        for claim in scenario.claims:
            text = f"the scenario's own claim says {str(claim.true).lower()} ({where})"
            known[claim.id] = known[_plain(claim.text)] = (claim.true, text)
    for item in records:
        if not isinstance(item, Record) or not item.valid:
            continue
        for key in (item["id"], _plain(item["claim"])):
            if key in known and known[key][0] != item["answer"]:
                ctx.warning(
                    item.mark_of("answer"),
                    f"claim '{item['id']}' has answer: {str(item['answer']).lower()}, but "
                    + known[key][1],
                    "check the answer: it goes on the teacher's answer sheet as written",
                )
                break


MATERIALS_LANGUAGES = ("en", "es")
"""The languages the lesson plan and the handout are written in (``game.teacher.words``)."""


def _check_languages(record: Record, listed: list[tuple[str, Scenario]], ctx: Ctx) -> None:
    """Warn when the lesson materials cannot be in the class's language, and when a scenario
    is in another language than the class."""
    language = record.get("language")
    if not isinstance(language, str):
        return
    base = language.split("-")[0].lower()
    if base not in MATERIALS_LANGUAGES:
        ctx.warning(
            record.mark_of("language"),
            f"the lesson plan and handout have no '{language}' version: they will be in English",
            "write en or es",
        )
    written = record.get("scenarios")
    marks = (
        dict(item for item in written if isinstance(item, tuple))
        if isinstance(written, tuple)
        else {}
    )
    for name, scenario in listed:
        if scenario.language.split("-")[0].lower() != base:
            ctx.warning(
                marks.get(name, record.mark_of("scenarios")),
                f"scenario '{name}' is in '{scenario.language}', but the class is in '{language}'",
                "list the scenario in the class's language, or change 'language'",
            )


def _plain(text: str) -> str:
    """Claim text compared loosely: lower case, single spaces, no final full stop."""
    return " ".join(text.lower().split()).rstrip(".")


def included_files(scenario_path: str | Path) -> list[Path]:
    """The files a scenario includes (its ``include:`` list), as paths next to it; none when
    the scenario cannot be read. Never raises."""
    path = Path(scenario_path)
    data = checker.read_bytes(path)
    if isinstance(data, Diagnostic):
        return []
    root = checker.parse(data, Ctx(str(path), []))
    if not isinstance(root, MapNode):
        return []
    for key, value in root.items:
        if key.value == "include" and isinstance(value, SeqNode):
            return [
                path.parent / str(item.value)
                for item in value.items
                if isinstance(item, ScalarNode)
            ]
    return []
