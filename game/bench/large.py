"""Large but legal inputs that once stalled the tools or the game (issue 9), as figures.

``python -m game bench --large`` times each case once (each takes seconds, the goal is 10 s):

- ``large.simulate_friends_10000``: ``simulate`` (its defaults: 3 strategies, 10 runs each) with
  10,000 friends;
- ``large.simulate_posts_3000_choices_100``: ``simulate`` with 3,000 day-1 posts, 100 choices;
- ``large.check_unknown_posts_1000``: ``check`` of a file naming 1,000 unknown posts;
- ``large.command_flip_rule``: one post set off by a rule that crosses its own threshold back and
  forth (its events double each round until the work budget stops them);
- ``large.command_rules_pair``: the same with two rules that set each other off;
- ``large.start_for_each_3000``: the start of a game with 3,000 friends and a ``for_each:
  friend`` rule changing all friends' scores;
- ``large.click_feed_9900``: one Like in the window with 9,900 posts in the feed;
- ``large.error_screen_line_1m``: the error screen (layout and one frame) for a file whose
  bad line is 1,000,000 characters long.

The scenario texts come from :func:`cases`, which the tests use too.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.bench.figures import Figure, at_most, missing

if TYPE_CHECKING:
    from game.core.model import Scenario

GOAL_MS = 10_000
BASE = """\
format: 1
title: "Large case"
description: "A legal scenario that is large in one way."
language: en
minutes: 5
days: {days}
player: {{name: "You", score: 650, money: 50}}
score:
  min: 350
  max: 950
  tiers:
    - {{id: low, name: "Low", from: 350, to: 599}}
    - {{id: high, name: "High", from: 600, to: 950}}
friends:
{friends}
posts:
{posts}
player_posts:
  choices:
{choices}
rules:
{rules}
debrief:
  summary: "A summary."
  facts:
    - claim: "A claim."
      verdict: myth
      explanation: "Why."
      sources: [{{title: "A source", year: 2015}}]
  questions: ["A question?"]
"""
PUSH = """\
  - id: push
    when: player_posts
    then: [{change_score: {who: player, by: 10}}]
"""
FLIP = """\
  - id: flip
    when: score_crosses
    threshold: 655
    then: [{change_score: {who: player, by: -10}}, {change_score: {who: player, by: 10}}]
"""
PAIR = """\
  - id: ping
    when: score_crosses
    threshold: 655
    direction: up
    then: [{change_score: {who: player, by: -20}}, {change_score: {who: player, by: 20}},
           {change_score: {who: player, by: -20}}]
  - id: pong
    when: score_crosses
    threshold: 652
    direction: down
    then: [{change_score: {who: player, by: 20}}, {change_score: {who: player, by: -20}},
           {change_score: {who: player, by: 20}}]
"""
EACH = """\
  - id: everyone
    when: game_starts
    for_each: friend
    then: [{change_score: {who: friends, by: 1}}]
"""
QUIET = """\
  - id: quiet
    when: game_starts
    then: [{set_flag: started}]
"""


MAIN = "main.yaml"
CHUNK = 2000  # friends or posts per included file (a file holds at most 100,000 values)


def scenario(
    friends: int = 1,
    posts: int = 1,
    choices: int = 1,
    rules: str = QUIET,
    days: int = 3,
    post_day: int | None = None,
    rate: float = 0,
) -> dict[str, str]:
    """A scenario's files (name -> YAML text; the main one is ``MAIN``) with this many friends,
    pool posts (dated ``post_day``, if given) and choices, and these rules (a YAML list,
    indented two spaces). Friends and posts beyond ``CHUNK`` go to included files."""
    people = [
        f'  - {{id: f{i}, name: "Friend {i}", score: {500 + i % 400}, '
        f"personality: {{posts_per_day: {rate}}}}}"
        for i in range(friends)
    ]
    day = f", day: {post_day}" if post_day is not None else ""
    pool = [
        f'  - {{id: p{i}, source: news, text: "News item number {i}.", tags: [t{i % 7}]{day}}}'
        for i in range(posts)
    ]
    picks = "\n".join(
        f'    - {{id: c{i}, text: "Choice number {i}.", tags: [t{i % 5}]}}' for i in range(choices)
    )
    files: dict[str, str] = {}
    for key, lines in (("friends", people), ("posts", pool)):
        for n, start in enumerate(range(CHUNK, len(lines), CHUNK)):
            files[f"{key}-{n}.yaml"] = f"{key}:\n" + "\n".join(lines[start : start + CHUNK])
    main = BASE.format(
        days=days,
        friends="\n".join(people[:CHUNK]),
        posts="\n".join(pool[:CHUNK]),
        choices=picks,
        rules=rules,
    )
    if files:
        main += "include: [" + ", ".join(sorted(files)) + "]\n"
    return {MAIN: main, **files}


def unknown_posts(count: int = 1000) -> dict[str, str]:
    """A scenario whose rules name ``count`` posts that do not exist (each an error)."""
    rules = "".join(
        f"  - {{id: r{i}, when: player_posts, then: [{{add_post: missing-post-{i}}}]}}\n"
        for i in range(count)
    )
    return scenario(posts=50, rules=rules)


def cases() -> dict[str, dict[str, str]]:
    """Each large case's files (see :func:`scenario`), by figure name."""
    return {
        "simulate_friends_10000": scenario(friends=10_000, rate=0.5),
        "simulate_posts_3000_choices_100": scenario(posts=3000, choices=100, post_day=1),
        "check_unknown_posts_1000": unknown_posts(),
        "command_flip_rule": scenario(rules=PUSH + FLIP),
        "command_rules_pair": scenario(rules=PUSH + PAIR),
        "start_for_each_3000": scenario(friends=3000, rules=EACH),
        "click_feed_9900": scenario(posts=9900, post_day=1),
    }


def write(files: dict[str, str], folder: Path) -> Path:
    """Write a case's files into ``folder``; returns the main file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder / MAIN


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000.0


def figures(quick: bool) -> list[Figure]:
    """Time every case once (``quick``: only the cases that take under a second)."""
    from game.core import commands as cmd
    from game.core.checker import check_file
    from game.core.game import Game
    from game.core.simulate import STRATEGIES, simulate

    out: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        paths = {name: write(files, Path(folder) / name) for name, files in cases().items()}

        def loaded(name: str) -> Scenario:
            scenario = check_file(paths[name]).scenario
            assert scenario is not None, name
            return scenario

        steps: dict[str, tuple[Callable[[], object], str]] = {
            "simulate_friends_10000": (
                lambda: simulate(loaded("simulate_friends_10000"), STRATEGIES, 10, 1),
                "check + simulate as the command's defaults: 3 strategies x 10 runs, 3 days",
            ),
            "simulate_posts_3000_choices_100": (
                lambda: simulate(loaded("simulate_posts_3000_choices_100"), STRATEGIES, 10, 1),
                "check + simulate as the command's defaults: 3 strategies x 10 runs, 3 days",
            ),
            "check_unknown_posts_1000": (
                lambda: check_file(paths["check_unknown_posts_1000"]),
                "1,000 errors, 'did you mean' worked out for the first 20",
            ),
            "command_flip_rule": (
                lambda: Game(loaded("command_flip_rule")).apply(cmd.Post(choice="c0")),
                "check + start + one post; the work budget stops the rules",
            ),
            "command_rules_pair": (
                lambda: Game(loaded("command_rules_pair")).apply(cmd.Post(choice="c0")),
                "check + start + one post; the work budget stops the rules",
            ),
            "start_for_each_3000": (
                lambda: Game(loaded("start_for_each_3000")),
                "check + start; the work budget stops the rules",
            ),
        }
        slow = {"simulate_friends_10000", "simulate_posts_3000_choices_100", "start_for_each_3000"}
        for name, (run, note) in steps.items():
            key = f"large.{name}_ms"
            if quick and name in slow:
                out.append(missing(key, "ms", "skipped by --quick", f"<= {GOAL_MS}"))
                continue
            out.append(at_most(key, _timed(run), "ms", GOAL_MS, note))
        out += _window_figures(paths["click_feed_9900"], quick)
    return out


def _window_figures(feed_path: Path, quick: bool) -> list[Figure]:
    """The two cases that need the window (off-screen, SDL's dummy driver)."""
    keys = ("large.click_feed_9900_ms", "large.error_screen_line_1m_ms")
    if quick:
        return [missing(k, "ms", "skipped by --quick", f"<= {GOAL_MS}") for k in keys]
    from game.bench.ui import headless

    with tempfile.TemporaryDirectory() as data, headless(data):
        import pygame

        from game.core import commands as cmd
        from game.core.checker import check_file
        from game.core.diagnostics import Diagnostic
        from game.ui.app import App, AppConfig, init_pygame
        from game.ui.scenes.error import ErrorScene

        init_pygame()
        try:
            size = (1280, 800)
            app = App(AppConfig(size=size, seed=1, fps=0), surface=pygame.Surface(size))
            result = check_file(feed_path)
            assert result.scenario is not None
            app.flow.start_game(result.scenario, str(feed_path))

            def click() -> None:
                post = app.session.game.feed[0]
                app.flow.command(cmd.Like(post.uid))
                app.update(1 / 60)
                app.draw(app.surface)

            line = "title: " + "x" * 1_000_000
            bad = Diagnostic("big.yaml", 1, 999_990, "error", "a problem at the end", None, line)

            def error_screen() -> None:
                app.push(ErrorScene(app.flow, "big.yaml", [bad], keep_game=True))
                app.update(1 / 60)
                app.draw(app.surface)

            return [
                at_most(keys[0], _timed(click), "ms", GOAL_MS, "one Like + one frame"),
                at_most(keys[1], _timed(error_screen), "ms", GOAL_MS, "layout + one frame"),
            ]
        finally:
            pygame.quit()
