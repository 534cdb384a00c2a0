"""Read the class's results from files, folders and pasted codes; list what could not be read.

Inputs are results files (``*.json``), folders of them (and of code lists), and text or CSV
files of pasted results codes (any cell or line starting with MC counts as a code, so a form's
export with names and timestamps works as it is). Nothing here stops on a bad input: each
becomes a ``Problem`` with where it was and why.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.core.model import Scenario
from game.core.quiz import Claim
from game.core.resultcode import CodeError, decode, encode
from game.core.results import MAX_RESULTS_BYTES, Results, ResultsError, load_results
from game.core.safeio import ReadError, read_bounded

CODE_FILES = (".txt", ".csv", ".tsv")
MAX_INPUTS = 5000


@dataclass(frozen=True, slots=True)
class Player:
    """One player's results and where they came from (a file, or a file and line)."""

    results: Results
    source: str
    row: str = ""
    """For a pasted code: the other cells of its line in the form's export (a name, a time)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that was left out, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Intake:
    """Everything read: the players, in input order, and the problems."""

    players: tuple[Player, ...]
    problems: tuple[Problem, ...]


def read_inputs(
    inputs: Sequence[str | Path],
    scenarios: Sequence[Scenario] = (),
    claim_sets: Sequence[Sequence[Claim]] = (),
) -> Intake:
    """Read every input. ``scenarios`` and ``claim_sets`` name what codes only key; results
    files add their own claims to the claim sets. Never raises."""
    files: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in (".json", *CODE_FILES)
            )
            if not found:
                problems.append(Problem(str(path), "no results files or code lists in this folder"))
            files += [(p, str(p)) for p in found]
        elif path.is_file():
            files.append((path, str(path)))
        else:
            problems.append(Problem(str(path), "no such file or folder"))
    loaded: list[Player] = []
    codes: list[tuple[str, str, str]] = []
    for path, shown in files[:MAX_INPUTS]:
        text = _read(path)
        if isinstance(text, Problem):
            problems.append(text)
        elif path.suffix.lower() == ".json":
            try:
                loaded.append(Player(load_results(text), shown))
            except ResultsError as err:
                problems.append(Problem(shown, str(err)))
        elif path.suffix.lower() in CODE_FILES:
            codes += [(code, f"{shown}:{line}", row) for code, line, row in find_codes(text)]
        else:
            problems.append(Problem(shown, "not a results file (.json) or a list of codes"))
    if len(files) > MAX_INPUTS:
        problems.append(Problem(str(files[MAX_INPUTS][1]), f"more than {MAX_INPUTS} files"))
    sets = [*claim_sets, *{p.results.claims for p in loaded if p.results.claims}]
    for code, where, row in codes:
        try:
            loaded.append(Player(decode(code, scenarios, sets), where, row))
        except CodeError as err:
            problems.append(Problem(where, str(err)))
    players, duplicates = _unique(loaded)
    return Intake(tuple(players), tuple(problems + duplicates))


def find_codes(text: str) -> list[tuple[str, int, str]]:
    """The results codes in a text or CSV file, with their line numbers and the line's other
    cells (a form's name and time columns, joined by " | "): every cell that starts with MC
    (in any case), after trimming spaces and quotes."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        values = [
            part.strip().strip("'\"")
            for cell in next(csv.reader(io.StringIO(line), skipinitialspace=True), [])
            for part in cell.replace("\t", ";").split(";")
        ]
        codes = [v for v in values if v[:2].upper() == "MC"]
        row = " | ".join(v for v in values if v and v not in codes)
        out += [(code, number, row) for code in codes]
    return out


def _read(path: Path) -> str | Problem:
    try:
        data = read_bounded(path, MAX_RESULTS_BYTES)
    except ReadError as err:
        reason = "the file is too large to be results" if "too large" in str(err) else str(err)
        return Problem(str(path), reason)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Problem(str(path), "the file is not text (UTF-8)")


def _unique(players: list[Player]) -> tuple[list[Player], list[Problem]]:
    """The players without repeats (the same game sent twice, as a file or as a code)."""
    seen: dict[str, str] = {}
    kept: list[Player] = []
    problems: list[Problem] = []
    for player in players:
        key = encode(player.results)
        if key in seen:
            problems.append(Problem(player.source, f"duplicate of {seen[key]}"))
        else:
            seen[key] = player.source
            kept.append(player)
    return kept, problems
