"""Players see player language only: every string drawn during a full headless play of each
shipped scenario is scanned for rule ids, file names, line numbers and rule logic."""

from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest
from ui_helpers import config, frames, key, letter, run, scene, shipped_scenarios

from game.core import commands as cmd
from game.core.checker import check_file
from game.core.explain import condition_phrase
from game.core.model import Scenario
from game.ui.text import TextCache

LOGIC = re.compile(
    r"\.yaml|\.yml|:\d+\)|\brule [a-z0-9_-]+ \(|friend\.score|player\.score|friends\.average"
    r"|counters\.|flags\.|\bflag '|\bcounter '|\bReaction:|\bReacción:"
)
"""Text that only rule logic or a teacher's view would show."""


def _forbidden(scenario: Scenario) -> set[str]:
    """Rule ids that cannot be ordinary words (they hold a dash or an underscore) and the
    sentences the rules' conditions become in explain."""
    out = {r.id for r in scenario.rules if "-" in r.id or "_" in r.id}
    for rule in scenario.rules:
        if rule.condition is not None:
            phrase = condition_phrase(rule.condition, scenario.language)
            if len(phrase) > 25:
                out.add(phrase)
    return out


def _visit_everything(app):
    """Open every panel and the menu's cards, hover the score bar; then close them again."""
    for shortcut in ("p", "f", "k", "s", "h", "n"):
        letter(shortcut)
        yield from frames(2)
        key(pygame.K_END)
        yield from frames(1)
        key(pygame.K_ESCAPE)
        yield from frames(2)
    bar = app.flow.hud.rect.center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=bar, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.mouse.set_pos(bar)
    yield from frames(2)
    key(pygame.K_ESCAPE)
    yield from frames(2)
    for item in ("briefing", "notices"):
        app.top.activate(item, None)
        yield from frames(2)
        key(pygame.K_ESCAPE)
        yield from frames(2)
        if scene(app) == "MenuScene":
            key(pygame.K_ESCAPE)
            yield from frames(2)
        letter("x")  # nothing: a stray key
        key(pygame.K_ESCAPE)
        yield from frames(2)
        if scene(app) == "MenuScene":
            key(pygame.K_ESCAPE)
            yield from frames(2)


def _act(app) -> None:
    """A few actions that set rules off: a post, a reaction, a report, a purchase, friends."""
    game = app.session.game
    options: list[cmd.Command] = [cmd.Post(choice=c.id) for c in game.choices[:2]]
    today = [p for p in game.feed if p.day == game.day and not p.by_player]
    for post in today[:2]:
        options += [cmd.Like(post.uid), cmd.ReportPost(post.uid)]
    options += [cmd.Buy(i.id) for i in game.shop[:3]]
    options += [cmd.ReportFriend(f.id) for f in game.friends if f.is_friend][:1]
    options += [cmd.AddFriend(f.id) for f in game.friends if not f.is_friend][:1]
    for command in options:
        if game.over:
            return
        if game.can(command) is None:
            app.flow.command(command)


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_no_rule_id_file_or_logic_reaches_the_player(tmp_path: Path, monkeypatch, path) -> None:
    drawn: set[str] = set()
    real = TextCache.render

    def recording(self, text, style, color):  # the real renderer, noting what it draws
        drawn.add(text)
        return real(self, text, style, color)

    monkeypatch.setattr(TextCache, "render", recording)
    scenario = check_file(path).scenario
    assert scenario is not None

    def body(app):
        yield
        app.flow.open_scenario(str(path))
        yield from frames(3)
        assert scene(app) == "BriefingScene"
        key(pygame.K_RETURN)
        yield from frames(2)
        for _ in range(scenario.days + 1):
            if app.session.game.over or scene(app) != "PlayScene":
                break
            _act(app)
            yield from frames(2)
            if scene(app) == "PlayScene":
                yield from _visit_everything(app)
                letter("e")
                yield from frames(2)
                if scene(app) == "ConfirmScene":
                    app.top.activate("end", None)
                    yield from frames(2)
            key(pygame.K_END)
            yield from frames(2)
            if scene(app) == "SummaryScene":
                app.top.activate("next", None)
                yield from frames(3)
        for _ in range(5):
            if scene(app) == "SummaryScene":
                app.top.activate("next", None)
            elif scene(app) == "EndingScene":
                app.top.activate("close", None)
            yield from frames(3)
        assert scene(app) == "DebriefScene"
        for _ in range(40):
            key(pygame.K_PAGEDOWN)
            yield from frames(1)

    run(config(tmp_path), body)
    assert len(drawn) > 100
    text = "\n".join(sorted(drawn))
    leaks = sorted(m.group(0) for m in LOGIC.finditer(text))
    assert leaks == [], [line for line in drawn if LOGIC.search(line)][:5]
    found = sorted(word for word in _forbidden(scenario) if word in text)
    assert found == [], [line for line in drawn if any(w in line for w in found)][:5]
