"""Figures of the game idling in a real window: its CPU use and how often it shows a frame.

A child process runs the real loop (``main_async``) in a window on a private Xvfb screen, with
a driver (the loop's own hook) that opens the viral scenario's feed and, whenever the bench
sends SIGUSR1, prints how many frames it has drawn and shown so far. The bench reads the
child's CPU time from ``/proc`` at the same moments. Linux only; needs Debian's ``xvfb``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from game.bench.figures import Figure, at_most, missing

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "viral-score.yaml"
SIZE = (1280, 800)
SETTLE_S = 7.0  # the score bar's flash lasts 2.5 s (the start's toasts are cleared)
KEYS = ("idle_cpu_pct", "idle_flips_per_s")

# The child: the real game loop in a real window; the driver opens the feed, then only answers
# SIGUSR1 with "FRAMES <flips> <monotonic time>". The driver and the flip counter are the
# bench's (wrapping pygame.display.flip and update), not the game's.
_CHILD = """
import asyncio, signal, sys, time
import pygame
from game.core.checker import check_file
from game.ui.app import main_async
from game.ui.config import AppConfig

asked, flips = [], [0]

def counted(show):
    def wrapper(*args):
        flips[0] += 1
        return show(*args)
    return wrapper

pygame.display.flip = counted(pygame.display.flip)
pygame.display.update = counted(pygame.display.update)
signal.signal(signal.SIGUSR1, lambda *_: asked.append(1))
scenario = check_file(sys.argv[1]).scenario

def drive(app):
    if app.frames == 0:
        app.flow.start_game(scenario, sys.argv[1])
        app.top.activate("close", None)  # the briefing card's "Start day 1": the feed, guided
        app.flow.toasts.clear()  # the day's notices stay up to their reading time: not idle
        print("READY", flush=True)
    if asked:
        asked.clear()
        print("FRAMES", flips[0], time.monotonic(), flush=True)

asyncio.run(main_async(AppConfig(size=(%d, %d), seed=1, resizable=False), drive))
"""


def _missing(reason: str) -> list[Figure]:
    return [missing(KEYS[0], "%", reason, "<= 2"), missing(KEYS[1], "/s", reason, "<= 1")]


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_display() -> int:
    for n in range(90, 250):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise RuntimeError("no free X display number between :90 and :249")


@contextlib.contextmanager
def virtual_screen(size: tuple[int, int] = SIZE) -> Iterator[str]:
    """A private Xvfb screen of ``size`` for the duration; yields its DISPLAY (":N").

    Raises RuntimeError when Xvfb does not start within 15 seconds.
    """
    n = _free_display()
    screen = subprocess.Popen(
        ["Xvfb", f":{n}", "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if screen.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb :{n} did not start (exit code {screen.poll()})")
            time.sleep(0.1)
        yield f":{n}"
    finally:
        screen.terminate()
        screen.wait(timeout=10)


def idle(quick: bool) -> list[Figure]:
    """``idle_cpu_pct`` (share of one core) and ``idle_flips_per_s`` on the idle feed."""
    if shutil.which("Xvfb") is None:
        return _missing("n/a: Xvfb is not installed (apt-get install xvfb)")
    if not Path("/proc/self/stat").exists():
        return _missing("n/a: needs Linux's /proc to read the game's CPU time")
    try:
        with virtual_screen() as display:
            return _measure(display, 3.0 if quick else 10.0)
    except RuntimeError as err:
        return _missing(f"failed: {err}")


def _measure(display: str, seconds: float) -> list[Figure]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
    with tempfile.TemporaryDirectory(prefix="bench-idle-") as data:
        env.update(
            DISPLAY=display,
            SDL_AUDIODRIVER="dummy",
            PYGAME_HIDE_SUPPORT_PROMPT="1",
            MODEL_CITIZEN_DATA=data,
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        )
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD % SIZE, str(SCENARIO)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            return _sample(child, seconds)
        finally:
            child.kill()
            child.wait(timeout=10)


def _sample(child: subprocess.Popen[str], seconds: float) -> list[Figure]:
    assert child.stdout is not None
    if child.stdout.readline().strip() != "READY":
        return _missing("failed: the game did not open the feed in its window")
    time.sleep(SETTLE_S)

    def mark() -> tuple[float, float, int]:
        cpu = _cpu_seconds(child.pid)
        child.send_signal(signal.SIGUSR1)
        line = child.stdout.readline().split()  # type: ignore[union-attr]
        if len(line) != 3 or line[0] != "FRAMES":
            raise RuntimeError(f"the game answered {' '.join(line)!r}")
        return cpu, float(line[2]), int(line[1])

    cpu0, t0, drawn0 = mark()
    time.sleep(seconds)
    cpu1, t1, drawn1 = mark()
    wall = t1 - t0
    cpu_pct = 100.0 * (cpu1 - cpu0) / wall
    flips = (drawn1 - drawn0) / wall
    how = (
        f"the viral scenario's feed (briefing closed, first-day guide shown, the day's toasts "
        f"cleared) in a {SIZE[0]}x{SIZE[1]} window on Xvfb, nothing happening "
        f"for {wall:.1f} s after {SETTLE_S:.0f} s to settle; the real loop at 60 frames a second"
    )
    return [
        at_most(KEYS[0], cpu_pct, "%", 2, f"{how}; user + system CPU of the game from /proc"),
        at_most(KEYS[1], flips, "/s", 1, f"{how}; {drawn1 - drawn0} display flips and updates"),
    ]
