"""Benchmark hooks: feed frame times with many posts, and the cost of a cold start.

Both run off-screen (no window needed); the caller sets ``SDL_VIDEODRIVER=dummy`` when headless.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pygame

from game.core.checker import check_file
from game.core.views import FeedPost
from game.ui import input as ia
from game.ui.app import App, AppConfig, init_pygame


def many_posts(feed: tuple[FeedPost, ...], count: int) -> tuple[FeedPost, ...]:
    """`count` posts made by repeating `feed` with fresh uids (newest first, as the core gives)."""
    if not feed or count <= 0:
        return ()
    out = []
    for i in range(count):
        post = feed[i % len(feed)]
        out.append(dataclasses.replace(post, uid=10_000_000 + i, liked=bool(i % 3 == 0)))
    return tuple(out)


def _app(scenario_path: str, size: tuple[int, int]) -> App:
    init_pygame()
    result = check_file(scenario_path)
    if result.scenario is None or not result.ok:
        raise ValueError(f"{scenario_path} has errors; run `python -m game check` on it")
    app = App(
        AppConfig(scenario_path=scenario_path, size=size, seed=1, fps=0),
        surface=pygame.Surface(size),
    )
    app.start_game(result.scenario, scenario_path)
    return app


def frame_times(
    scenario_path: str | Path,
    posts: int = 1000,
    frames: int = 300,
    size: tuple[int, int] = (1280, 800),
) -> list[float]:
    """Milliseconds per frame of the feed with `posts` posts, scrolling and animating the score.

    Each frame is the real one (actions, update, draw of the whole stack and the score bar) into
    an off-screen surface. Raises ValueError when the scenario has errors.
    """
    from game.ui.scenes.play import PlayScene

    app = _app(str(scenario_path), size)
    try:
        scene = app.top
        assert isinstance(scene, PlayScene)
        scene.posts_override = many_posts(app.session.game.feed, posts)
        scene.shown = posts  # every card built, as if the player had shown them all
        scene.refresh_cards(force=True)
        app.toasts.clear()
        base = app.session.hud_state()
        times: list[float] = []
        direction = 1.0
        for frame in range(frames):
            start = time.perf_counter()
            if scene.feed.scroll >= scene.feed.max_scroll - 1:
                direction = -1.0
            elif scene.feed.scroll <= 0:
                direction = 1.0
            app.dispatch(ia.Action(ia.SCROLL, dy=direction * 45.0, pos=scene.feed.rect.center))
            if frame % 45 == 0:
                delta = 25 if (frame // 45) % 2 == 0 else -25
                state = dataclasses.replace(
                    base, score=base.score + delta, last_delta=delta, changes=frame
                )
                app.hud.set_state(state)
            app.update(1 / 60)
            app.draw(app.surface)
            times.append((time.perf_counter() - start) * 1000.0)
        return times
    finally:
        pygame.quit()


def cold_start(scenario_path: str | Path, size: tuple[int, int] = (1280, 800)) -> dict[str, float]:
    """Seconds per start-up step: pygame init, checking the scenario, first game, first frame."""
    marks: dict[str, float] = {}
    t0 = time.perf_counter()
    init_pygame()
    marks["init_pygame"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    result = check_file(str(scenario_path))
    marks["check_scenario"] = time.perf_counter() - t1
    if result.scenario is None or not result.ok:
        pygame.quit()
        raise ValueError(f"{scenario_path} has errors")
    t2 = time.perf_counter()
    app = App(
        AppConfig(scenario_path=str(scenario_path), size=size, seed=1, fps=0),
        surface=pygame.Surface(size),
    )
    app.start_game(result.scenario, str(scenario_path))
    marks["start_game"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    app.update(1 / 60)
    app.draw(app.surface)
    marks["first_frame"] = time.perf_counter() - t3
    marks["total"] = time.perf_counter() - t0
    pygame.quit()
    return marks
