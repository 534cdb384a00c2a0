"""A whole headless play of the Spanish scenario, through the real window loop, draws no English
interface text: every string the interface renders after the scenario is picked is recorded."""

from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest
from test_ui_play import pick_scenario, play_to_debrief, select_card
from ui_helpers import SCENARIOS, config, focus_to, frames, key, letter, run, scene

from game.core import commands as cmd
from game.core.explain.phrases import TABLES as CORE_TABLES
from game.ui import text as ui_text
from game.ui.strings import TABLES as UI_TABLES

SPANISH = SCENARIOS / "viral-score.es.yaml"


def english_fragments() -> set[str]:
    """Literal pieces of every English interface text that Spanish says differently, long
    enough (five letters or more) not to be a Spanish word or a name too. They are looked for as
    whole words (a rule id shown on the history screen, like friends-posts-cost-you, is not
    interface text)."""
    out = set()
    for tables in (UI_TABLES, CORE_TABLES):
        en, es = tables["en"], tables["es"]
        for name, text in en.items():
            if es.get(name) == text:
                continue
            for piece in re.split(r"\{[^{}]*\}", text):
                piece = piece.strip(" .:,;!?()'\"-")
                if len(re.sub(r"[^A-Za-z]", "", piece)) >= 5:
                    out.add(piece)
    return out


def test_the_fragments_catch_english_and_spare_spanish() -> None:
    found = english_fragments()
    assert {"End the day", "not enough money", "unfriended you"} <= found
    assert not any(f in "Terminar el día. No tienes bastante dinero." for f in found)


def test_a_spanish_game_draws_no_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    recording = [False]
    original = ui_text.TextCache.render

    def render(self, text: str, style: str, color):  # type: ignore[no-untyped-def]
        if recording[0]:
            drawn.append(text)
        return original(self, text, style, color)

    monkeypatch.setattr(ui_text.TextCache, "render", render)

    def body(app):
        yield
        yield from pick_scenario(app, SPANISH)
        recording[0] = True
        game = app.session.game
        yield from frames(2)
        target = next(p for p in game.feed if not p.by_player)
        yield from select_card(app, "feed", target.uid, 3)
        key(pygame.K_RETURN)
        yield from frames(2)
        yield from focus_to(app, "yes")  # a report is asked about first
        key(pygame.K_RETURN)
        yield from frames(2)
        assert cmd.ReportPost(target.uid) in app.session.game.actions
        for shortcut in ("f", "s", "k", "h", "p"):
            letter(shortcut)
            yield from frames(3)
            key(pygame.K_ESCAPE)
            yield from frames(2)
        yield from play_to_debrief(app, "es-english-check")
        yield from frames(3)
        assert scene(app) == "DebriefScene"

    run(config(tmp_path), body)
    assert len(drawn) > 50
    english = [(f, re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])")) for f in english_fragments()]
    leaks = sorted({(f, t) for t in drawn for f, pattern in english if pattern.search(t)})
    assert leaks == []
