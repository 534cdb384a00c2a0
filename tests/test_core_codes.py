"""The core speaks in codes: no sentence a player reads is written in the modules a game runs, and a
whole game of the Spanish scenario says everything in Spanish."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from test_vocabulary import keys_of

from game.core import commands as cmd
from game.core.checker import check_file
from game.core.codes import TEXT, Code
from game.core.explain.phrases import TABLES
from game.core.simulate import STRATEGIES, play

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "game" / "core"
RUNTIME = (
    "codes",
    "commands",
    "conditions",
    "debrief",
    "effects",
    "engine",
    "events",
    "game",
    "model",
    "views",
    "world",
)
"""The modules a running game uses to say things (``words.py``'s messages are the checker's, for
teachers; ``explain`` holds the words)."""
PROSE = re.compile(r"[A-Za-z]{2,}[,;:.']? +[A-Za-z]{2,}")


def _docstrings(tree: ast.AST) -> set[int]:
    """Strings standing alone as statements: docstrings, of modules, classes, functions and
    attributes."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def _text(node: ast.AST) -> str | None:
    """A string literal's text; an f-string's, its literal parts only (values left out)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(part) or "" for part in node.values)
    return None


def prose_in(source: str) -> list[str]:
    """String literals and f-strings that read like a sentence, docstrings left out."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    inner = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    texts = [_text(node) for node in ast.walk(tree) if id(node) not in skip | inner]
    return [t for t in texts if t is not None and PROSE.search(t)]


def test_the_scan_finds_prose_where_there_is_some() -> None:
    assert prose_in('x = f"Day {d} of {n}"\nraise ValueError("not enough money")') == [
        "Day  of ",
        "not enough money",
    ]
    assert prose_in('"""A docstring."""\nkey = "notice.day"\nfmt = "{name}: {text}"') == []


@pytest.mark.parametrize("module", RUNTIME)
def test_no_english_is_built_in_the_running_core(module: str) -> None:
    assert prose_in((CORE / f"{module}.py").read_text(encoding="utf-8")) == []


def _everything_said(game) -> list[Code]:
    said = [n.said for n in game.log] + [c.cause for c in game.history]
    said.append(game.end_reason)
    probes = [cmd.Like(10**6), cmd.Post(text=""), cmd.AddFriend("nobody"), cmd.EndDay()]
    probes += [cmd.Buy(item.id) for item in game.shop]
    said += [game.can(p) for p in probes if game.can(p) is not None]
    return said


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_a_whole_spanish_game_says_everything_in_spanish(strategy: str) -> None:
    scenario = check_file(ROOT / "scenarios" / "viral-score.es.yaml").scenario
    assert scenario is not None and scenario.language == "es"
    spanish = set(TABLES["es"])
    for seed in range(3):
        game = play(scenario, strategy, seed)
        assert game.over
        for code in _everything_said(game):
            assert keys_of(code) <= spanish, code
            if code.key == TEXT:
                assert isinstance(code.arg("text"), str)


def test_spanish_words_differ_from_english_wherever_there_are_words() -> None:
    en, es = TABLES["en"], TABLES["es"]
    same = [k for k in en if re.search(r"[A-Za-z]{2,}", re.sub(r"\{\w+\}", "", en[k]))]
    assert [k for k in same if es[k] == en[k]] == []
