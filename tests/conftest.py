"""Shared fixtures for the core's behaviour tests: small, real scenario files written to tmp_path.

``make_scenario(tmp_path, rules_yaml, **overrides)`` writes a complete scenario YAML file whose
``rules:`` section is ``rules_yaml`` (a YAML list, dedented here), checks it with the real checker
and returns the checked ``Scenario``. Any top-level section of the base scenario below can be
replaced with a keyword argument: a multi-line string is a YAML block for that section, a one-line
string is written after the key as is, and anything else is written as JSON (which YAML reads).
``None`` leaves the section out.
"""

from __future__ import annotations

import json
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `pytest` run without the package installed
    sys.path.insert(0, str(ROOT))

from game.core import commands as cmd  # noqa: E402
from game.core import yamlsafe  # noqa: E402
from game.core.checker import check_file  # noqa: E402
from game.core.game import Game  # noqa: E402
from game.core.model import Scenario  # noqa: E402
from game.core.views import FeedPost  # noqa: E402

HEADER = """\
# yaml-language-server: $schema=scenario.schema.json
format: 1
title: "Test Town"
description: "A small scenario written by the tests."
language: en
minutes: 5
"""

# The base scenario, section by section, in file order. Friends do not post unless a test says
# so (posts_per_day 0), so day 1's feed holds the dated 'gov-honesty' and one of the two undated
# posts ('news-rain', 'ad-tea'); 'gov-warning' appears on day 3.
BASE: dict[str, str] = {
    "days": "3",
    "player": """
        name: "Mina"
        score: 650
        money: 100
    """,
    "score": """
        name: "Citizen Score"
        min: 350
        max: 950
        tiers:
          - {id: poor, name: "Poor", from: 350, to: 549, perks: [train-ban]}
          - {id: fair, name: "Fair", from: 550, to: 649}
          - {id: good, name: "Good", from: 650, to: 950, perks: [no-deposit]}
    """,
    "perks": """
        - {id: no-deposit, kind: perk, name: "No deposit", text: "Hotels skip the deposit."}
        - {id: train-ban, kind: penalty, name: "Train ban", text: "No train tickets for you."}
        - {id: vip, kind: perk, name: "VIP lounge", text: "Free airport lounge."}
    """,
    "friends": "",  # filled in below by friends_yaml()
    "posts": """
        - {id: ana-noodles, source: friend, author: ana, text: "Best noodles in town!",
           tags: [daily]}
        - {id: bo-rant, source: friend, author: bo, text: "Censorship again.", tags: [political]}
        - {id: gov-honesty, source: official, author: "Credit Office", text: "Keep promises.",
           tags: [official], day: 1}
        - {id: gov-warning, source: official, text: "Think before you post.", tags: [official],
           day: 3}
        - {id: news-rain, source: news, text: "Rain expected.", tags: [weather]}
        - {id: ad-tea, source: ad, author: "Tea Shop", text: "Tea, half price.", tags: [ad]}
    """,
    "feed": "{per_day: 1}",
    # The engine tests post the same ready-made post several times a day; the limit tests
    # (test_limits.py) pass limits=None to get the default of once a day.
    "limits": "{choice_per_day: 0}",
    "player_posts": """
        free_text: true
        choices:
          - {id: praise, text: "Proud of our city's progress!", tags: [patriotic]}
          - {id: protest, text: "Why is nobody talking about the censorship?", tags: [political]}
          - {id: lunch, text: "Had noodles for lunch.", tags: [daily]}
    """,
    "shop": """
        - {id: textbook, name: "Physics textbook", price: 40, tags: [education]}
        - {id: phone, name: "New phone", price: 1000, tags: [luxury]}
    """,
    "word_lists": """
        political: ["protest", "tiananmen", "censorship", "free speech"]
        rumours: ["rumour", "crash"]
    """,
    "debrief": """
        summary: "What this test scenario shows."
        facts:
          - claim: "Tests catch bugs."
            verdict: partly
            explanation: "Only the bugs they look for."
            sources: [{title: "Experience", url: "https://example.org/bugs", year: 2024}]
        questions: ["Which bug did no test look for?"]
    """,
}


def friends_yaml(ana: float = 0, bo: float = 0, cy: float = 0) -> str:
    """The base friends, posting this many times a day: Ana (720, anxious, topic daily) and Bo
    (500, zealous, topic political) are friends; Cy (600, loyal, topic daily) is not yet."""
    return f"""
        - id: ana
          name: "Ana Li"
          score: 720
          personality: {{posts_per_day: {ana}, topics: [daily], reaction: anxious}}
        - id: bo
          name: "Bo Wang"
          score: 500
          personality: {{posts_per_day: {bo}, topics: [political], reaction: zealous}}
        - id: cy
          name: "Cy Zhao"
          score: 600
          friend: false
          personality: {{posts_per_day: {cy}, topics: [daily], reaction: loyal}}
    """


BASE["friends"] = friends_yaml()

SAY_NOTHING = """
- id: quiet
  when: game_starts
  then: [{set_flag: started}]
"""


def _section(key: str, value: object) -> str:
    if isinstance(value, str) and "\n" in value:
        return f"{key}:\n" + textwrap.indent(textwrap.dedent(value).strip("\n"), "  ") + "\n"
    if isinstance(value, str):
        return f"{key}: {value.strip()}\n"
    return f"{key}: {json.dumps(value)}\n"


def scenario_text(rules_yaml: str, **overrides: object) -> str:
    """The whole YAML text of the base scenario with these rules and sections."""
    unknown = set(overrides) - set(BASE)
    assert not unknown, f"not a section of the base scenario: {sorted(unknown)}"
    sections = {**BASE, **overrides}
    parts = [HEADER]
    parts += [_section(key, value) for key, value in sections.items() if value is not None]
    parts.append(_section("rules", textwrap.dedent(rules_yaml).strip("\n") + "\n"))
    return "".join(parts)


def write_scenario(
    tmp_path: Path, rules_yaml: str, name: str = "town.yaml", **overrides: object
) -> Path:
    """Write the scenario file and return its path (not checked)."""
    path = tmp_path / name
    path.write_text(scenario_text(rules_yaml, **overrides), encoding="utf-8")
    return path


def make_scenario(
    tmp_path: Path, rules_yaml: str = SAY_NOTHING, name: str = "town.yaml", **overrides: object
) -> Scenario:
    """Write the scenario, check it with the real checker, assert it has no errors, return it."""
    path = write_scenario(tmp_path, rules_yaml, name, **overrides)
    result = check_file(path)
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert not errors, "the test scenario has errors:\n" + "\n".join(errors)
    assert result.scenario is not None
    return result.scenario


def line_of(scenario: Scenario, marker: str) -> int:
    """The 1-based line of the scenario file that contains ``marker`` (exactly one must)."""
    lines = Path(scenario.path).read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if marker in line]
    assert len(found) == 1, f"{marker!r} is on lines {found}"
    return found[0]


def feed_post(game: Game, pool_id: str | None = None, *, by_player: bool = False) -> FeedPost:
    """The newest post in the feed from this pool post (or the player's newest post)."""
    for post in game.feed:
        if (by_player and post.by_player) or (pool_id is not None and post.pool_id == pool_id):
            return post
    raise AssertionError(f"no post {pool_id!r} in the feed: {[p.pool_id for p in game.feed]}")


def counter(game: Game, name: str) -> int:
    """A rule counter's value (0 when no rule touched it)."""
    return game.world.counters.get(name, 0)


def end_days(game: Game, count: int) -> None:
    """End ``count`` days."""
    for _ in range(count):
        game.apply(cmd.EndDay())


@pytest.fixture
def scenario_factory(tmp_path: Path):
    """``make_scenario`` bound to this test's tmp_path."""

    def factory(rules_yaml: str = SAY_NOTHING, **overrides: object) -> Scenario:
        return make_scenario(tmp_path, rules_yaml, **overrides)

    return factory


@pytest.fixture(params=[pytest.param(True, id="libyaml"), pytest.param(False, id="pure")])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run the test with the C parser, then with the pure-Python one (the web build's)."""
    monkeypatch.setattr(yamlsafe, "HAS_LIBYAML", request.param and yamlsafe.HAS_LIBYAML)
    return request.param


def finishes(call: Callable[[], object], seconds: float = 60) -> object:
    """``call()``'s result (or its exception); fails the test if it has not returned within
    ``seconds`` (a read that blocks, work that never ends)."""
    box: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            box.append(call())
        except BaseException as err:  # re-raised below
            errors.append(err)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "it did not finish: it blocked or ran away"
    if errors:
        raise errors[0]
    return box[0]


@pytest.fixture
def ctx():
    """A UI context (a 1280x800 theme and its text cache) for tests that paint without a
    window; pygame's display and fonts are started for the test and stopped after it."""
    import pygame

    from game.ui.text import TextCache
    from game.ui.theme import Theme
    from game.ui.widgets import UIContext

    pygame.display.init()
    pygame.font.init()
    theme = Theme.for_size(1280, 800)
    yield UIContext(theme, TextCache(theme))
    pygame.quit()
