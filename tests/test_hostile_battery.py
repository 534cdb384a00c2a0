"""A battery of hostile scenarios, includes, saves and player input, beyond issue 9's examples.

Written as a student who wants to break the class's game would write them. Each case must meet
one contract: ``check`` finishes (within seconds) with a scenario or located errors, never an
exception, on both parsers; its printed diagnostics hold nothing a terminal would obey; a
scenario that checks clean can be explained, simulated and played to the end, and everything it
says prints and draws safely. Saves must load or be refused with a SaveError.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest
from conftest import finishes, scenario_text

from game.core import commands as cmd
from game.core import saves
from game.core.checker import CheckResult, check_file
from game.core.explain import explain
from game.core.game import Game
from game.core.printable import printable
from game.core.simulate import STRATEGIES, format_text, simulate

_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def rules(text: str) -> Callable[[], str]:
    return lambda: scenario_text(text)


def section(**values: object) -> Callable[[], str]:
    return lambda: scenario_text("[]", **values)


def replace(old: str, new: str, rules_yaml: str = "[]") -> Callable[[], str]:
    def make() -> str:
        text = scenario_text(rules_yaml)
        assert old in text, old
        return text.replace(old, new, 1)

    return make


MANY_FRIENDS = (
    "\n" + "\n".join(f'- {{id: p{i}, name: "P{i}", score: 600}}' for i in range(1500)) + "\n"
)

SCENARIOS: dict[str, Callable[[], str]] = {
    # text that is legal but nasty to show
    "title-100k-chars": replace('"Test Town"', '"' + "W" * 99_000 + '"'),
    "title-zalgo": replace('"Test Town"', '"' + "T\u0336\u0337\u0338e\u0301\u0302" * 17 + '"'),
    "title-rtl-override": replace('"Test Town"', '"\u202eevil\u202c town"'),
    "title-zero-width": replace('"Test Town"', '"Te\u200b\u200d\ufeffst"'),
    "name-line-separator": replace('name: "Ana Li"', 'name: "Ana\u2028Li"'),
    "id-emoji": replace("id: ana\n", 'id: "🙂"\n'),
    "id-with-newline": replace("id: ana\n", 'id: "a\\nna"\n'),
    "notice-format-attack": rules(
        '- {id: f, when: player_posts, then: [{notify: "{0.__class__} {player.name!r} %s %n {"}]}'
    ),
    "notice-placeholder-loop": replace(
        'name: "Mina"',
        'name: "{player.name}{friend.name}"',
        '- {id: f, when: player_posts, then: [{notify: "Hi {player.name}"}]}',
    ),
    "key-homoglyph": replace("title:", "t\u0456tle:"),
    "key-case-twin": replace('title: "Test Town"', 'title: "Test Town"\nTitle: "Other"'),
    # YAML tricks
    "billion-laughs": replace('title: "Test Town"', 'title: &a "x"\ndescription2: *a'),
    "python-tag": replace('title: "Test Town"', 'title: !!python/object:os.system "ls"'),
    "merge-key": replace('name: "Mina"', 'name: "Mina"\n  <<: {money: 1}'),
    "two-documents": lambda: scenario_text("[]") + "---\ntitle: again\n",
    "yaml-1.1-booleans": replace("language: en", "language: no"),
    "only-comments": lambda: "# nothing here\n# at all\n",
    "a-list-at-top": lambda: "- format: 1\n- title: x\n",
    "deep-flow": lambda: scenario_text("[]") + "x: " + "[" * 5000 + "]" * 5000 + "\n",
    "tabs-for-indent": replace('  name: "Mina"', '\tname: "Mina"'),
    # numbers at the edges
    "score-huge-int": replace("score: 650", "score: 99999999999999999999999999"),
    "score-float": replace("score: 650", "score: 650.5"),
    "score-inf": replace("score: 650", "score: .inf"),
    "money-negative": replace("money: 100", "money: -100"),
    "days-zero": section(days="0"),
    "days-huge": section(days="100000"),
    "min-equals-max": replace("max: 950", "max: 350"),
    "rate-inf": replace(
        "posts_per_day: 0, topics: [daily]", "posts_per_day: .inf, topics: [daily]"
    ),
    "rate-nan": replace(
        "posts_per_day: 0, topics: [daily]", "posts_per_day: .nan, topics: [daily]"
    ),
    "rate-huge": replace("posts_per_day: 0, topics: [daily]", "posts_per_day: 1e308, topics: []"),
    "percent-inf": rules(
        "- {id: p, when: player_posts, then: [{change_score: {who: player, percent: .inf}}]}"
    ),
    "by-10-to-18": rules(
        "- {id: p, when: player_posts, "
        "then: [{change_score: {who: player, by: 1000000000000000000}}]}"
    ),
    "pull-weight-huge": rules(
        "- {id: p, when: player_posts, then: [{pull_to_friends: {weight: 1e300}}]}"
    ),
    "chance-above-one": rules(
        "- {id: c, when: player_posts, if: {chance: 2.0}, then: [{notify: x}]}"
    ),
    "price-negative": replace("price: 40", "price: -40000"),
    "threshold-outside": rules(
        "- {id: t, when: score_crosses, threshold: 100000, then: [{notify: x}]}"
    ),
    "post-day-far": replace("day: 3}", "day: 1000000}"),
    # expressions
    "expr-deep-parens": rules(
        "- {id: e, when: player_posts, if: '"
        + "(" * 3000
        + "day > 1"
        + ")" * 3000
        + "', then: [{notify: x}]}"
    ),
    "expr-divide-by-zero": rules(
        "- {id: e, when: player_posts, if: 'player.score / 0 > 1', then: [{notify: x}]}"
    ),
    "expr-overflow": rules(
        "- {id: e, when: player_posts, if: '"
        + "*".join(["999999999999999"] * 25)
        + " / 7 > 1', then: [{notify: x}]}"
    ),
    "expr-python-escape": rules(
        '- {id: e, when: player_posts, if: \'__import__("os").system("ls")\', then: [{notify: x}]}'
    ),
    "expr-attribute-walk": rules(
        "- {id: e, when: player_posts, if: 'player.score.__class__ == 1', then: [{notify: x}]}"
    ),
    "expr-typo-tier": rules(
        "- {id: e, when: player_posts, if: 'player.tier == \"gooood\"', then: [{notify: x}]}"
    ),
    # word lists that try to be slow
    "words-wildcard-storm": replace(
        'rumours: ["rumour", "crash"]',
        'rumours: ["' + "*" * 99 + '", "a*a*a*a*a*a*a*a*a*a*a*", "(a+)+$", ".*"]',
        "- {id: w, when: player_posts, if: {text_uses: rumours}, then: [{notify: x}]}",
    ),
    "words-prefix-storm": replace(
        'rumours: ["rumour", "crash"]',
        "rumours: [" + ", ".join(f'"{"a" * i}*"' for i in range(1, 99)) + "]",
        "- {id: w, when: player_posts, if: {text_uses: rumours}, then: [{notify: x}]}",
    ),
    "words-10000": replace(
        'rumours: ["rumour", "crash"]',
        "rumours: [" + ", ".join(f"w{i}" for i in range(9000)) + "]",
        "- {id: w, when: player_posts, if: {text_uses: rumours}, then: [{notify: x}]}",
    ),
    # rules that fight the game
    "end-at-start": rules(
        '- {id: e, when: game_starts, then: [{end_game: "Over before it began."}]}'
    ),
    "unfriend-all-then-befriend": rules(
        """
        - {id: go, when: game_starts, for_each: friend, then: [{unfriend: friend}]}
        - {id: back, when: friend_unfriends, then: [{befriend: friend}]}
        """
    ),
    "quadratic-friend-posts": lambda: scenario_text(
        "- {id: q, when: day_starts, for_each: friend, "
        "then: [{change_score: {who: friends, by: 1}}]}",
        friends=MANY_FRIENDS,
        posts=None,
    ),
    "ten-thousand-rules": rules(
        "\n".join(
            f"- {{id: r{i}, when: player_posts, then: [{{change_score: {{who: player, by: 1}}}}]}}"
            for i in range(3000)
        )
    ),
    "message-from-stranger": rules(
        '- {id: m, when: player_posts, then: [{message: {from: cy, text: "psst"}}]}'
    ),
    "once-and-for-each": rules(
        "- {id: o, when: day_starts, once: true, for_each: friend, then: [{notify: x}]}"
    ),
}

INCLUDES: dict[str, dict[str, bytes]] = {
    "include-self": {"main.yaml": b""},
    "include-cycle": {"a.yaml": b"include: [main.yaml]\n"},
    "include-binary": {"a.yaml": bytes(range(256)) * 10},
    "include-utf16": {"a.yaml": "rules: []\n".encode("utf-16")},
    "include-huge": {"a.yaml": b"# " + b"x" * (2 << 20)},
    "include-a-folder": {"a.yaml/": b""},
    "include-10000-names": {},
    "include-absolute": {},
    "include-control-name": {},
}


def _safe_to_print(text: str) -> None:
    assert not _TERMINAL_UNSAFE.search(text), repr(_TERMINAL_UNSAFE.search(text))


def _contract(result: CheckResult) -> None:
    """What every checked file must give: located diagnostics, safe output, a playable game."""
    for d in result.diagnostics:
        assert d.line >= 1 and d.col >= 1 and d.message
        for line in d.format().splitlines():
            _safe_to_print(line)
            assert len(line) < 1000
    if result.scenario is None:
        assert any(d.is_error for d in result.diagnostics)
        return
    for line in explain(result.scenario):
        _safe_to_print(printable(line))
    reports = simulate(result.scenario, STRATEGIES, 1, 1, with_log=True)
    for line in format_text(result.scenario, reports, 1, 1).splitlines():
        _safe_to_print(line)
    game = Game(result.scenario, 5)
    for _ in range(result.scenario.days + 1):
        if game.over:
            break
        if game.can(cmd.Post(choice="lunch")) is None:
            game.apply(cmd.Post(choice="lunch"))
        game.apply(cmd.EndDay())
    assert game.over
    _drawable([str(n.said) for n in game.log] + [result.scenario.title])


def _drawable(texts: list[str]) -> None:
    from game.ui.text import TextCache
    from game.ui.theme import Theme

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.font.init()
    cache = TextCache(Theme.for_size(800, 600))
    for text in texts[:200]:
        cache.wrap(text[:2000], "body", 400)
        cache.render(cache.fit(text[:2000], "body", 400), "body", (0, 0, 0))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_hostile_scenario_is_checked_played_and_shown_safely(
    tmp_path: Path, name: str, parser: bool
) -> None:
    path = tmp_path / "main.yaml"
    path.write_text(SCENARIOS[name](), encoding="utf-8")
    _contract(finishes(lambda: check_file(path)))


def _include_case(tmp_path: Path, name: str) -> Path:
    files = dict(INCLUDES[name])
    includes = [n.rstrip("/") for n in files]
    if name == "include-10000-names":
        includes = [f"n{i}.yaml" for i in range(10_000)]
    elif name == "include-absolute":
        includes = ["/etc/passwd", "C:\\\\windows\\\\win.ini", "~/x.yaml"]
    elif name == "include-control-name":
        includes = ["a\\x1b[2J.yaml", "b\\r.yaml", "c\\u202e.yaml"]
    for file, data in files.items():
        if file.endswith("/"):
            (tmp_path / file).mkdir()
        elif file != "main.yaml":
            (tmp_path / file).write_bytes(data)
    listed = ", ".join(json.dumps(n) for n in includes)
    text = scenario_text("[]").replace("days: 3\n", f"days: 3\ninclude: [{listed}]\n")
    (tmp_path / "main.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "main.yaml"


@pytest.mark.parametrize("name", sorted(INCLUDES))
def test_a_hostile_include_is_a_located_error(tmp_path: Path, name: str, parser: bool) -> None:
    path = _include_case(tmp_path, name)
    result = finishes(lambda: check_file(path))
    _contract(result)
    assert result.scenario is None


SAVES: dict[str, Callable[[dict], object]] = {
    "not-an-object": lambda d: [d],
    "deeply-nested": lambda d: "[" * 200_000,
    "actions-not-dicts": lambda d: {**d, "actions": ["EndDay"] * 10},
    "action-with-extra-code": lambda d: {
        **d,
        "actions": [{"type": "EndDay", "__class__": "os.system"}],
    },
    "unknown-command": lambda d: {**d, "actions": [{"type": "DeleteEverything"}]},
    "too-many-end-days": lambda d: {**d, "actions": [{"type": "EndDay"}] * 50},
    "post-uid-huge": lambda d: {**d, "actions": [{"type": "Like", "post": 10**18}]},
    "path-to-dev-zero": lambda d: {**d, "scenario_path": "/dev/zero"},
    "path-to-passwd": lambda d: {**d, "scenario_path": "/etc/passwd"},
    "path-to-folder": lambda d: {**d, "scenario_path": "/"},
    "path-relative-escape": lambda d: {**d, "scenario_path": "../../../../etc/hostname"},
    "path-with-escape": lambda d: {**d, "scenario_path": "\x1b[2J.yaml"},
    "seed-negative-huge": lambda d: {**d, "seed": -(10**40)},
    "bool-seed": lambda d: {**d, "seed": True},
    "nan-score": lambda d: "NaN-" + json.dumps(d),
    "bom-prefixed": lambda d: "\ufeff" + json.dumps(d),
}


@pytest.mark.parametrize("name", sorted(SAVES))
def test_a_hostile_save_loads_or_is_refused_cleanly(tmp_path: Path, name: str) -> None:
    from game.ui.session import resume

    scenario_path = tmp_path / "main.yaml"
    scenario_path.write_text(scenario_text("[]"), encoding="utf-8")
    game = Game(check_file(scenario_path).scenario, 1)
    data = json.loads(saves.save_to_json(game))
    made = SAVES[name](data)
    text = made if isinstance(made, str) else json.dumps(made)
    store = saves.FileStore(tmp_path / "save.json")
    store.write(text)
    try:
        session = finishes(lambda: resume(store.read(), store))
    except (saves.SaveError, cmd.CommandError) as err:
        _safe_to_print(printable(str(err)))
        assert len(str(err)) < 2000
    else:
        assert session.game.scenario.path == str(scenario_path)


@pytest.mark.parametrize(
    "text", ["\0", "\ud83d lone", "\x1b[2J", "\u202e" * 280, "Z\u0336" * 140, "\r\n" * 140]
)
def test_hostile_typed_posts_are_kept_or_refused_and_draw(tmp_path: Path, text: str) -> None:
    path = tmp_path / "main.yaml"
    path.write_text(scenario_text("[]"), encoding="utf-8")
    game = Game(check_file(path).scenario, 1)
    if game.can(cmd.Post(text=text)) is None:
        game.apply(cmd.Post(text=text))
        saved = saves.save_to_json(game)
        assert saves.load_save(saved).actions == game.actions
    _drawable([p.text for p in game.feed])
