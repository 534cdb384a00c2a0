"""Figures of the interface and the web build: frame time, cold start, F5 reload, archive size.

All of it runs headless (``SDL_VIDEODRIVER=dummy``); pygame is imported only inside the
functions, and the environment is restored afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from game.bench.figures import (
    Figure,
    at_most,
    median,
    missing,
    percentile,
    timings,
    with_bytecode,
)
from game.bench.scenarios import Spec, generate, load
from game.core import commands as cmd
from game.core.checker import check_file
from game.core.game import Game
from game.core.model import Scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SIZE = (1280, 800)
REPLAY_DAYS = 30
FEED_POSTS = 1000

# Run in a child process: report the moment of the first flip (the title screen's first drawn
# frame) on the same clock as the parent, then leave at once. The hook is the bench's own: the
# game itself has no benchmark switch.
_FIRST_FLIP = """
import os, sys, time
import pygame
_flip = pygame.display.flip
def _first_flip(*args):
    _flip(*args)
    sys.stdout.write("FIRST_FRAME %r\\n" % time.monotonic())
    sys.stdout.flush()
    os._exit(0)
pygame.display.flip = _first_flip
from game.cli import main
main(["play"])
"""
_IMPORT_ONLY = "import time, game.ui.app; print('FIRST_FRAME %r' % time.monotonic())"


@contextlib.contextmanager
def headless(data_dir: str | None = None) -> Iterator[None]:
    """SDL's dummy drivers (and a private save folder) for the duration; then as before."""
    wanted = {
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
    }
    if data_dir is not None:
        wanted["MODEL_CITIZEN_DATA"] = data_dir
    saved = {key: os.environ.get(key) for key in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def richest_scenario() -> Path | None:
    """The shipped scenario with the most rules, posts, friends and words (that checks clean)."""
    best: tuple[tuple[int, int], Path] | None = None
    for path in sorted(SCENARIOS.glob("*.yaml")):
        scenario = check_file(path).scenario
        if scenario is None:
            continue
        words = sum(len(w.words) for w in scenario.word_lists)
        size = len(scenario.rules) + len(scenario.posts) + len(scenario.friends) + words
        if best is None or (size, path.stat().st_size) > best[0]:
            best = ((size, path.stat().st_size), path)
    return best[1] if best else None


def frames(quick: bool) -> list[Figure]:
    """``frame_ms.p50`` / ``.p99`` from ``frame_times`` (medians over runs).

    Outside ``--quick`` the note adds the machine's noise: the p99 of a fixed CPU loop as long
    as a median frame. On a shared machine the wall clock's p99 is mostly noise.
    """
    runs, count = (1, 120) if quick else (5, 600)
    p50s, p99s = [], []
    with headless():
        for _ in range(runs):
            times = frame_times(posts=FEED_POSTS, frames=count, size=SIZE)
            p50s.append(percentile(times, 50))
            p99s.append(percentile(times, 99))
    note = (
        f"frame_times: the feed of a generated scenario after {FEED_POSTS:,}+ posts, the mouse "
        f"wheel scrolling it 45 px a frame, the score counting every 45 frames; the real loop "
        f"(App.run with the bench as its driver) in a {SIZE[0]}x{SIZE[1]} window of SDL's dummy "
        f"video driver: events, update, draw, show; wall clock between frames, median over "
        f"{runs} runs of {count} frames"
    )
    spread = f"p99 of each run: {', '.join(f'{v:.2f}' for v in p99s)}"
    if not quick:
        floor = noise_floor(median(p50s), count)
        spread += f"; machine noise: a fixed {median(p50s):.2f} ms CPU loop has p99 {floor:.2f} ms"
    return [
        Figure("frame_ms.p50", median(p50s), "ms", None, None, note),
        at_most("frame_ms.p99", median(p99s), "ms", 1, spread),
    ]


def feed_scenario(folder: Path, posts: int) -> tuple[Scenario, str]:
    """A generated scenario (real YAML in ``folder``, checked) whose friends post ``posts``
    times in a week or so. Raises ValueError when it does not check clean."""
    spec = Spec(friends=max(40, posts // 3), rules=20, posts=posts + 200, days=30)
    result = load(generate(spec), folder)
    if result.scenario is None or not result.ok:
        raise ValueError("the generated feed scenario has errors")
    return result.scenario, str(folder / "bench.yaml")


def frame_times(
    posts: int = FEED_POSTS, frames: int = 300, size: tuple[int, int] = SIZE
) -> list[float]:
    """Milliseconds per frame of a feed of at least ``posts`` posts, scrolled by the mouse
    wheel every frame, the score counting now and then.

    Runs the real loop (``main_async``) with this function as its driver: the driver starts a
    game, ends days until the feed is long enough, then posts a wheel event each frame and
    notes the time since the last frame. Needs a video driver (``headless()`` gives SDL's dummy).
    """
    import pygame

    from game.ui import input as ia
    from game.ui.app import App, main_async
    from game.ui.config import AppConfig

    times: list[float] = []
    state = {"last": 0.0, "frame": -1, "direction": 1.0}

    def drive(app: App) -> None:
        now = time.perf_counter()
        state["frame"] += 1
        if state["frame"] == 0:
            app.flow.start_game(scenario, path)
            while len(app.stack) > 1:  # the briefing card: the bench measures the feed below it
                app.pop()
            while app.session is not None and len(app.session.game.feed) < posts:
                if app.flow.command(cmd.EndDay()) is None or app.session.game.over:
                    raise ValueError(f"the game ended before its feed had {posts} posts")
            app.top.shown = posts  # type: ignore[attr-defined]  # every page of the feed shown
            app.top.refresh_cards(force=True)  # type: ignore[attr-defined]
            app.flow.toasts.clear()
        else:
            if state["frame"] > 1:
                times.append((now - state["last"]) * 1000.0)
            if len(times) >= frames:
                app.running = False
                return
            _scroll_and_count(app, state, int(state["frame"]))
        state["last"] = time.perf_counter()

    def _scroll_and_count(app: App, state: dict[str, float], frame: int) -> None:
        feed = app.top.feed  # type: ignore[attr-defined]
        if feed.scroll >= feed.max_scroll - 1:
            state["direction"] = -1.0
        elif feed.scroll <= 0:
            state["direction"] = 1.0
        notches = state["direction"] * 45.0 / (ia.WHEEL_STEP * app.ctx.theme.scale)
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=0, precise_x=0.0, precise_y=-notches)
        )
        if frame % 45 == 0 and app.session is not None:
            base = app.session.hud_state()
            delta = 25 if (frame // 45) % 2 == 0 else -25
            app.flow.hud.set_state(
                dataclasses.replace(base, score=base.score + delta, last_delta=delta, changes=frame)
            )

    with tempfile.TemporaryDirectory(prefix="bench-feed-") as folder:
        scenario, path = feed_scenario(Path(folder), posts)
        config = AppConfig(size=size, seed=1, fps=0, store=None, resizable=False)
        asyncio.run(main_async(config, drive))
    return times


def startup_steps(scenario_path: str | Path, size: tuple[int, int] = SIZE) -> dict[str, float]:
    """Seconds per start-up step, through the real loop: pygame, the window and the title
    screen (to the driver's first call); checking and starting the scenario; the first frame
    of the feed (to the driver's next call); and the total. Raises ValueError on errors."""
    from game.ui.app import App, main_async
    from game.ui.config import AppConfig

    marks: dict[str, float] = {}
    start = time.perf_counter()

    def drive(app: App) -> None:
        now = time.perf_counter()
        if not marks:
            marks["window_and_title"] = now - start
            result = check_file(str(scenario_path))
            if result.scenario is None or not result.ok:
                raise ValueError(f"{scenario_path} has errors")
            marks["check_scenario"] = time.perf_counter() - now
            began = time.perf_counter()
            app.flow.start_game(result.scenario, str(scenario_path))
            marks["start_game"] = time.perf_counter() - began
            marks["_feed"] = time.perf_counter()
        else:
            marks["first_frame"] = now - marks.pop("_feed")
            marks["total"] = now - start
            app.running = False

    config = AppConfig(size=size, seed=1, fps=0, store=None, resizable=False)
    asyncio.run(main_async(config, drive))
    return marks


def noise_floor(ms: float, count: int) -> float:
    """The p99 wall-clock time of ``count`` runs of a fixed CPU loop that takes ``ms``."""

    def loop(n: int) -> None:
        total = 0
        for i in range(n):
            total += i * i

    n, took = 1000, 0.0
    while took < 0.002:  # calibrate on at least 2 ms of work
        n *= 2
        start = time.thread_time()
        loop(n)
        took = time.thread_time() - start
    n = max(1, int(n * ms / 1000 / took))
    return percentile(timings(lambda _: loop(n), count), 99)


def _child_env(data_dir: str, pycache: str | None) -> dict[str, str]:
    """The environment of a child game: headless, its own save folder, the project importable.

    ``pycache``: a folder for bytecode caches (as an installed game has them, without writing
    into the source tree); None: no bytecode written, so the game's modules compile each time.
    """
    env = dict(os.environ)
    env.update(
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        MODEL_CITIZEN_DATA=data_dir,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    return with_bytecode(env, pycache)


def _stamp(script: str, env: dict[str, str]) -> float | None:
    """Milliseconds from starting a child Python running ``script`` to the time it prints."""
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = re.search(r"FIRST_FRAME ([0-9.]+)", proc.stdout)
    return (float(found.group(1)) - start) * 1000 if found else None


def _median_ms(values: list[float | None]) -> str:
    done = [v for v in values if v is not None]
    return f"{median(done):.0f} ms" if done else "n/a"


def cold_start(quick: bool) -> Figure:
    """``cold_start_ms``: a new process, from its start to the title screen's first flip.

    Bytecode caches are warm (as after an install, which compiles them), kept in a temporary
    folder; the note adds the figure without them (this source tree has none) and the time to
    just import ``game.ui.app``.
    """
    key = "cold_start_ms"
    runs = 2 if quick else 7
    how = (
        "`game.cli.main(['play'])` in a new process, from its start to the title screen's "
        "first pygame.display.flip"
    )
    start = functools.partial(_stamp, _FIRST_FLIP)

    with tempfile.TemporaryDirectory(prefix="bench-data-") as data:
        warm = _child_env(data, str(Path(data) / "pycache"))
        start(warm)  # compiles the bytecode caches once, as installing the game does
        starts = [start(warm) for _ in range(runs)]
        imports = [_stamp(_IMPORT_ONLY, warm) for _ in range(runs)]
        uncached = [start(_child_env(data, None)) for _ in range(1 if quick else 3)]
    done = [v for v in starts if v is not None]
    extra = (
        f"; without bytecode caches: {_median_ms(uncached)}; process start to "
        f"`import game.ui.app` done: {_median_ms(imports)}"
    )
    if not done:
        return missing(key, "ms", f"the child never drew a frame ({how})" + extra, "<= 500")
    note = f"{how}; dummy video driver, empty save folder, median of {len(done)}" + extra
    return at_most(key, median(done), "ms", 500, note)


def hot_reload(quick: bool) -> Figure:
    """``hot_reload_ms``: F5 on an edited scenario, 30 days of actions replayed, to the next
    drawn frame, through the real ``App`` (reload action, update, draw)."""
    key = "hot_reload_ms"
    source = richest_scenario()
    if source is None:
        return missing(key, "ms", "no shipped scenario checks clean", "<= 100")
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as folder, headless(folder):
        for path in SCENARIOS.glob("*.yaml"):  # includes, if any, travel with it
            (Path(folder) / path.name).write_bytes(path.read_bytes())
        target = Path(folder) / source.name
        text = re.sub(r"(?m)^days: *\d+", f"days: {REPLAY_DAYS + 1}", target.read_text("utf-8"))
        target.write_text(text, encoding="utf-8")
        return _reload_runs(key, target, text, 2 if quick else 9)


def _reload_runs(key: str, target: Path, text: str, reps: int) -> Figure:
    """Time F5 through the real loop: the driver edits the file and presses F5 (a key event);
    the time runs to the driver's next call, once that frame was handled, drawn and shown."""
    import pygame

    from game.ui.app import App, main_async
    from game.ui.config import AppConfig
    from game.ui.scenes.play import PlayScene

    result = check_file(target)
    if result.scenario is None:
        return missing(key, "ms", f"{target.name} with {REPLAY_DAYS + 1} days has errors")
    scenario = result.scenario
    runs: list[float] = []
    seen: dict[str, int] = {}
    pressed: list[float] = []

    def drive(app: App) -> None:
        now = time.perf_counter()
        if not seen:
            app.flow.start_game(scenario, str(target))
            while len(app.stack) > 1:  # the briefing card: F5 is measured on the feed
                app.pop()
            assert app.session is not None
            seen["days"] = play_days(app.session.game, REPLAY_DAYS)
            app.flow.after_change()
            app.flow.toasts.clear()
            seen["version"] = app.session.version
            seen["actions"] = len(app.session.game.actions)
            return
        if pressed:
            runs.append((now - pressed.pop()) * 1000.0)
        if len(runs) >= reps or not isinstance(app.top, PlayScene):
            seen["feed"] = len(app.session.game.feed) if app.session else 0
            seen["reloaded"] = app.session.version - seen["version"] if app.session else 0
            app.running = False
            return
        minutes = 1 + len(runs) % 100
        edited = re.sub(r"(?m)^minutes: *\d+", f"minutes: {minutes}", text)
        target.write_text(edited, encoding="utf-8")
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F5, mod=0, unicode=""))
        pressed.append(time.perf_counter())

    config = AppConfig(scenario_path=str(target), size=SIZE, seed=1, fps=0, resizable=False)
    asyncio.run(main_async(config, drive))
    if seen.get("reloaded") != len(runs) or not runs:
        return missing(key, "ms", "F5 did not bring the game back (an error screen?)")
    note = (
        f"F5 (a key event through the real loop: reload, update, draw, show) on {target.name} "
        f"edited and set to {REPLAY_DAYS + 1} days: {seen['days']} days, {seen['actions']} "
        f"actions replayed, {seen['feed']} posts in the feed; {SIZE[0]}x{SIZE[1]} window of "
        f"SDL's dummy driver; median of {len(runs)}"
    )
    return at_most(key, median(runs), "ms", 100, note)


def play_days(game: Game, days: int) -> int:
    """Play ``days`` days as a careful player might: the post that scores best, likes, a share
    and a comment that cost nothing, then the end of the day; never an action that would end
    the game. Returns the days played."""

    def outcome(command: cmd.Command) -> int | None:
        trial = game.fork()
        trial.apply(command)
        return None if trial.over else trial.player.score

    for day in range(days):
        posts = [cmd.Post(choice=c.id) for c in game.choices if game.can(cmd.Post(c.id)) is None]
        scored = [(s, p) for p in posts if (s := outcome(p)) is not None]
        plan: list[cmd.Command] = [max(scored, key=lambda sp: sp[0])[1]] if scored else []
        today = [p for p in game.feed if p.day == game.day and not p.by_player]
        plan += [cmd.Like(p.uid) for p in today[:2]] + [cmd.Share(p.uid) for p in today[2:3]]
        plan += [cmd.Comment(p.uid, "Interesting, thanks for sharing.") for p in today[:1]]
        for command in plan:
            if game.can(command) is not None:
                continue
            after = outcome(command)
            if after is not None and (isinstance(command, cmd.Post) or after >= game.player.score):
                game.apply(command)
        if game.can(cmd.EndDay()) is not None or outcome(cmd.EndDay()) is None:
            return day
        game.apply(cmd.EndDay())
    return days


def apk(quick: bool) -> Figure:
    """``apk_bytes``: the web build's archive, built by ``python -m game web build``."""
    key = "apk_bytes"
    if not (ROOT / "game" / "web" / "command.py").exists():
        return missing(key, "bytes", "n/a: game.web is not there yet", "<= 1 MiB")
    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        out = Path(folder) / "web"
        env = _child_env(folder, None)
        proc = subprocess.run(
            [sys.executable, "-m", "game", "web", "build", "--out", str(out)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        found = sorted(out.glob("*.apk")) if out.exists() else []
        if proc.returncode != 0 or not found:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            return missing(key, "bytes", f"the web build failed: {last}", "<= 1 MiB")
        size = found[0].stat().st_size
    note = f"{found[0].name} from `python -m game web build` (1 MiB = 1,048,576 bytes)"
    return at_most(key, size, "bytes", 1 << 20, note, goal="<= 1 MiB")
