"""A real window: Xvfb, ``python main.py``, keys, clicks and typed text from xdotool, screenshots.

Needs Debian's xvfb, xdotool and imagemagick (``import``); fails (never skips) when one is missing.
Screenshots go to tests/artifacts/window-*.png.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pygame
import pytest
from ui_helpers import (
    ARTIFACTS,
    ROOT,
    SCENARIOS,
    button_center,
    config,
    focus_to,
    frames,
    past_briefing,
    run,
)

from game.bench.window import virtual_screen

SIZE = (1280, 800)
TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool", "import": "imagemagick"}


def _require_tools() -> None:
    missing = [
        f"{tool} (apt-get install {pkg})"
        for tool, pkg in TOOLS.items()
        if shutil.which(tool) is None
    ]
    if missing:
        pytest.fail("the real-window test needs: " + ", ".join(missing), pytrace=False)


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A virtual X screen of 1280x800, started for this test and stopped after it."""
    _require_tools()
    with contextlib.ExitStack() as stack:
        try:
            display = stack.enter_context(virtual_screen(SIZE))
        except RuntimeError as err:
            pytest.fail(str(err), pytrace=False)
        yield display


def _x(display: str, *args: str, timeout: float = 20) -> str:
    env = {**os.environ, "DISPLAY": display}
    done = subprocess.run(
        args, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def _shot(display: str, name: str) -> bytes:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"window-{name}.png"
    _x(display, "import", "-window", "root", str(path))
    return pygame.image.tobytes(pygame.image.load(str(path)), "RGB")


def _layout_positions() -> dict[str, tuple[int, int]]:
    """Where the feed's buttons are at 1280x800, from the same layout code run headless."""
    found: dict[str, tuple[int, int]] = {}

    def body(app):
        yield
        yield from focus_to(app, "new")
        found["new"] = button_center(app, "new")
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r")
        )
        yield from frames(2)
        yield from past_briefing(app)
        for name in ("friends", "shop"):
            found[name] = button_center(app, name)
        found["feed"] = app.top.feed.rect.center

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        run(config(Path(tmp), size=SIZE), body)
    return found


def start_main(
    display: str, data: Path, *args: str, **sdl: str
) -> tuple[subprocess.Popen[bytes], IO[str]]:
    """main.py (with `args`) on X display `display`: saves in `data`, seed 7, the shipped
    scenarios, only the SDL settings given in `sdl`; the process and its open log,
    data/game.log (the caller closes it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
    env.update(
        DISPLAY=display,
        MODEL_CITIZEN_DATA=str(data),
        MODEL_CITIZEN_SEED="7",
        MODEL_CITIZEN_SCENARIOS=str(SCENARIOS),
        **sdl,
    )
    log = (data / "game.log").open("w")
    game = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    return game, log


def test_real_window_plays_with_keys_clicks_and_typed_text(xvfb: str, tmp_path: Path) -> None:
    """main.py in Xvfb: keys, typing, wheel and clicks all change the screen; it stays alive."""
    where = _layout_positions()
    game, log = start_main(xvfb, tmp_path, SDL_AUDIODRIVER="dummy")

    def alive(step: str) -> None:
        if game.poll() is not None:
            log.flush()
            pytest.fail(
                f"the game exited ({game.returncode}) {step}:\n"
                + (tmp_path / "game.log").read_text(),
                pytrace=False,
            )

    try:
        window = _x(xvfb, "xdotool", "search", "--sync", "--pid", str(game.pid)).split()[0]
        time.sleep(1.0)
        alive("after opening its window")
        geometry = _x(xvfb, "xdotool", "getwindowgeometry", window)
        pos = geometry.split("Position:")[1].split()[0].split(",")
        ox, oy = int(pos[0]), int(pos[1])
        before = _shot(xvfb, "1-title")

        def click(name: str) -> None:
            x, y = where[name]
            _x(xvfb, "xdotool", "mousemove", str(ox + x), str(oy + y), "click", "1")
            time.sleep(0.6)

        def keys(*names: str) -> None:
            _x(xvfb, "xdotool", "key", "--window", window, "--delay", "80", *names)
            time.sleep(0.6)

        click("new")
        briefing = _shot(xvfb, "2-briefing")
        assert briefing != before, "clicking New game did not show the briefing"
        keys("Return")  # Start day 1
        feed = _shot(xvfb, "2-feed")
        alive("after clicking New game")
        assert feed != before, "clicking New game did not change the screen"
        _x(
            xvfb,
            "xdotool",
            "mousemove",
            str(ox + where["feed"][0]),
            str(oy + where["feed"][1]),
            "click",
            "5",
            "click",
            "5",
            "click",
            "5",
        )
        time.sleep(0.8)
        scrolled = _shot(xvfb, "3-feed-scrolled")
        assert scrolled != feed, "the mouse wheel did not scroll the feed"
        keys("p")
        composer = _shot(xvfb, "4-composer")
        assert composer != scrolled, "the P key did not open the composer"
        keys("Tab")
        _x(xvfb, "xdotool", "type", "--delay", "60", "Hola senor, que tal")
        time.sleep(0.6)
        typed = _shot(xvfb, "5-typed")
        alive("after typing")
        assert typed != composer, "typed text did not show"
        keys("Return")
        posted = _shot(xvfb, "6-posted")
        assert posted != typed, "Enter did not post"
        click("friends")
        friends = _shot(xvfb, "7-friends")
        assert friends != posted, "clicking Friends did not open the panel"
        keys("Escape", "e", "Tab", "Return")
        summary = _shot(xvfb, "8-summary")
        assert summary != friends, "E did not end the day"
        keys("Return", "Escape", "Down", "Return")
        title = _shot(xvfb, "9-title-continue")
        alive("after going back to the title")
        assert title != summary
        assert (tmp_path / "save.json").exists(), "ending the day did not autosave"
    finally:
        if game.poll() is None:
            game.terminate()
            try:
                game.wait(timeout=10)
            except subprocess.TimeoutExpired:
                game.kill()
        log.close()
