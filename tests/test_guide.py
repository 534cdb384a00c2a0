"""Every YAML example in the teacher's guide (scenarios/README.md) goes through the checker.

Conventions of the guide (stated in its "About the examples" section):
- A ```yaml block whose first line is the schema modeline is a complete scenario: checked as is.
- A block whose first line starts with ``# fragment`` is added to scenarios/template.yaml: its list
  sections (rules, posts, friends, perks, shop) and word lists are appended to the template's,
  any other section replaces the template's.
- A block whose first line is ``# file: NAME.yaml`` is a file other examples include: it is written
  next to them and not checked on its own.
- In the "common errors" section each example is followed by a ```text block with the checker's
  output; the example must produce exactly the messages quoted there, and no other errors.
Everywhere else an example must check with no errors and no warnings.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from game.core.checker import check_text

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "scenarios" / "README.md"
TEMPLATE = ROOT / "scenarios" / "template.yaml"
MODELINE = "# yaml-language-server: $schema=scenario.schema.json"
APPENDED = {"rules", "posts", "friends", "perks", "shop", "word_lists"}
HEADLINE = re.compile(r"^\S+:\d+:\d+: (error|warning): (.*)$")
SECTION = re.compile(r"^([a-z_]+):(.*)$")


@dataclass
class Example:
    """One ```yaml block of the guide, its section, and the checker output quoted after it."""

    line: int
    heading: str
    text: str
    expected: list[tuple[str, str]]

    @property
    def kind(self) -> str:
        first = self.text.split("\n", 1)[0]
        if first.startswith("# fragment"):
            return "fragment"
        if first.startswith("# file:"):
            return "file"
        if first == MODELINE:
            return "complete"
        return "unmarked"

    @property
    def in_errors_section(self) -> bool:
        return "common errors" in self.heading.lower()


def parse_guide(text: str) -> list[Example]:
    """The guide's yaml blocks, each with its section (## heading) and the quoted output after."""
    examples: list[Example] = []
    heading = ""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("# ") or line.startswith("## "):
            heading = line.lstrip("#").strip()
        fence = line.strip()
        if fence.startswith("```"):
            lang = fence[3:].strip()
            start = i + 1
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                i += 1
            body = "\n".join(lines[start:i]) + "\n"
            if lang == "yaml":
                examples.append(Example(start + 1, heading, body, []))
            elif lang == "text" and examples and examples[-1].heading == heading:
                for out in body.split("\n"):
                    match = HEADLINE.match(out.strip())
                    if match:
                        examples[-1].expected.append((match.group(1), match.group(2)))
        i += 1
    return examples


def _sections(text: str) -> list[tuple[str | None, list[str]]]:
    """Split YAML text into top-level sections: (key or None for leading comments, lines)."""
    out: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.split("\n"):
        match = SECTION.match(line)
        if match:
            out.append((match.group(1), [line]))
        else:
            out[-1][1].append(line)
    return out


def wrap(fragment: str, template: str) -> str:
    """The template with a fragment's sections appended (lists) or substituted (the rest)."""
    sections = _sections(template)
    keys = [key for key, _ in sections]
    for key, lines in _sections(fragment):
        if key is None:
            continue
        if key in keys:
            index = keys.index(key)
            _, old = sections[index]
            inline = SECTION.match(lines[0]).group(2).split("#", 1)[0].strip()
            if key in APPENDED and not inline:
                sections[index] = (key, old + lines[1:])
            else:
                sections[index] = (key, lines)
        else:
            sections.append((key, lines))
            keys.append(key)
    return "\n".join(line for _, lines in sections for line in lines) + "\n"


def source_of(example: Example) -> str:
    """The full scenario text an example stands for."""
    if example.kind == "fragment":
        return wrap(example.text, TEMPLATE.read_text(encoding="utf-8"))
    return example.text


EXAMPLES = parse_guide(GUIDE.read_text(encoding="utf-8")) if GUIDE.exists() else []
CHECKED = [e for e in EXAMPLES if e.kind != "file"]


def _check(example: Example, folder: Path):
    for other in EXAMPLES:
        if other.kind == "file":
            name = other.text.split("\n", 1)[0].split(":", 1)[1].strip()
            (folder / name).write_text(other.text, encoding="utf-8")
    data = source_of(example).encode("utf-8")
    return check_text(data, f"guide-line-{example.line}.yaml", folder=folder).diagnostics


def test_the_guide_has_examples() -> None:
    assert len(CHECKED) >= 30
    assert sum(e.in_errors_section for e in CHECKED) >= 10


@pytest.mark.parametrize("example", CHECKED, ids=lambda e: f"line{e.line}")
def test_every_example_is_marked(example: Example) -> None:
    assert example.kind in ("complete", "fragment"), (
        f"README.md line {example.line}: start a yaml example with the modeline, "
        "'# fragment' or '# file: NAME.yaml'"
    )


@pytest.mark.parametrize(
    "example", [e for e in CHECKED if not e.in_errors_section], ids=lambda e: f"line{e.line}"
)
def test_example_checks_cleanly(example: Example, tmp_path: Path) -> None:
    diagnostics = _check(example, tmp_path)
    assert [d.headline() for d in diagnostics] == [], f"README.md line {example.line}"


@pytest.mark.parametrize(
    "example", [e for e in CHECKED if e.in_errors_section], ids=lambda e: f"line{e.line}"
)
def test_error_example_gives_the_quoted_message(example: Example, tmp_path: Path) -> None:
    assert example.expected, f"README.md line {example.line}: quote the checker's output after it"
    diagnostics = _check(example, tmp_path)
    got = [(d.severity, d.message) for d in diagnostics]
    for expected in example.expected:
        assert expected in got, f"README.md line {example.line}: {expected} not in {got}"
    unexpected = [g for g in got if g[0] == "error" and g not in example.expected]
    assert unexpected == [], f"README.md line {example.line}: other errors {unexpected}"


def test_wrap_appends_lists_and_replaces_the_rest() -> None:
    template = "format: 1\ndays: 3\nrules:\n  - id: a\nword_lists:\n  x: [y]\n"
    fragment = "# fragment\ndays: 5\nrules:\n  - id: b\nword_lists:\n  z: [w]\n"
    assert yaml.safe_load(wrap(fragment, template)) == {
        "format": 1,
        "days": 5,
        "rules": [{"id": "a"}, {"id": "b"}],
        "word_lists": {"x": ["y"], "z": ["w"]},
    }


BALANCED = [
    "viral-score.yaml",
    "viral-score.es.yaml",
    "commercial-score.yaml",
    "blacklists.yaml",
    "template.yaml",
]


def balance_rows() -> list[str]:
    """The guide's balance table rows, from ``simulate --strategy all --runs 20 --seed 1``."""
    from game.core.checker import check_file
    from game.core.simulate import ALL_STRATEGIES, simulate

    rows = []
    for name in BALANCED:
        scenario = check_file(ROOT / "scenarios" / name).scenario
        assert scenario is not None, name
        names = {t.id: t.name for t in scenario.tiers}
        cells = []
        for report in simulate(scenario, ALL_STRATEGIES, runs=20, seed=1):
            finals = sorted(report.finals)
            mid = statistics.median(finals)
            mid_text = str(int(mid)) if mid == int(mid) else f"{mid:.1f}"
            tiers = ", ".join(f"{names[t]} ×{n}" for t, n in report.tiers)
            cells.append(f"{finals[0]} / {mid_text} / {finals[-1]}: {tiers}")
        rows.append(f"| `{name}` | " + " | ".join(cells) + " |")
    return rows


def test_the_balance_table_matches_simulate() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    expected = balance_rows()
    missing = [row for row in expected if row not in text]
    assert missing == [], "update section 23 of the guide with these rows:\n" + "\n".join(expected)


def _kinds(node) -> set[str]:
    """Condition types used in an ``if`` or ``where`` tree."""
    if isinstance(node, str):
        return {"expression"}
    if isinstance(node, list):
        return set().union(*(_kinds(n) for n in node)) if node else set()
    ((key, value),) = node.items()
    return {key} | (_kinds(value) if key in ("all", "any", "not") else set())


def test_the_reference_has_an_example_of_every_event_condition_and_effect() -> None:
    from game.core.vocabulary import CONDITIONS, EFFECTS, EVENTS

    events, conditions, effects = set(), set(), set()
    reference = [e for e in CHECKED if not e.in_errors_section and e.kind == "fragment"]
    for example in reference:
        for rule in (yaml.safe_load(example.text) or {}).get("rules", []):
            events.add(rule["when"])
            if "if" in rule:
                conditions |= _kinds(rule["if"])
            for effect in rule["then"]:
                ((name, args),) = effect.items()
                effects.add(name)
                if isinstance(args, dict) and "where" in args:
                    conditions |= _kinds(args["where"])
    assert set(EVENTS) - events == set()
    assert set(CONDITIONS) - conditions == set()
    assert set(EFFECTS) - effects == set()
