"""Drive the real app loop headless with posted pygame events (used by tests/test_ui_*.py).

A test writes a generator ``body(app)`` that posts events and ``yield``s to let frames run; the
app's own async loop calls it once per frame through its `driver` hook.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from game.core import saves
from game.core.scenariofiles import scenario_files
from game.ui.app import App, AppConfig, main_async

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
ARTIFACTS = ROOT / "tests" / "artifacts"

Body = Callable[[App], Generator[None, None, None]]


def shipped_scenarios() -> list[Path]:
    """Every scenario file in scenarios/ the picker offers (the core's ``scenario_files``: not
    includes), and not hidden like the template."""
    return [
        p for p in scenario_files(SCENARIOS) if "\nhidden: true" not in "\n" + p.read_text("utf-8")
    ]


class Script:
    """Runs `body` one step per frame; stops the app when it ends and keeps any exception."""

    def __init__(self, body: Body) -> None:
        self.body = body
        self.gen: Generator[None, None, None] | None = None
        self.error: BaseException | None = None
        self.app: App | None = None

    def __call__(self, app: App) -> None:
        self.app = app
        if self.gen is None:
            self.gen = self.body(app)
        try:
            next(self.gen)
        except StopIteration:
            app.running = False
        except BaseException as err:  # re-raised by run()
            self.error = err
            app.running = False


class RecordingLinks:
    """Stands in for the system browser and clipboard: a test run must not open a browser window
    on the machine, and the dummy video driver has no clipboard."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.copied: list[str] = []

    def open(self, url: str) -> bool:
        self.opened.append(url)
        return True

    def copy(self, text: str) -> bool:
        self.copied.append(text)
        return True


def config(tmp_path: Path, size: tuple[int, int] = (1280, 800), **kw: object) -> AppConfig:
    """A test config: saves in tmp_path, fixed seed, no frame cap, fixed time step."""
    values: dict[str, object] = {
        "size": size,
        "seed": 7,
        "fps": 0,
        "fixed_dt": 1 / 30,
        "store": saves.FileStore(tmp_path / "save.json"),
        "scenarios_dir": SCENARIOS,
    }
    values.update(kw)
    return AppConfig(**values)  # type: ignore[arg-type]


def run(cfg: AppConfig, body: Body, max_frames: int = 20000) -> App:
    """Run the real loop (``main_async``) with `body` as its driver; returns the app."""
    script = Script(body)
    asyncio.run(main_async(cfg, script, max_frames))
    if script.error is not None:
        raise script.error
    assert script.app is not None
    return script.app


# ----------------------------------------------------------------------------- events
def key(k: int, mod: int = 0, unicode: str = "") -> None:
    """Press and release a key."""
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)
    )
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0))


def letter(ch: str) -> None:
    """Press a letter key (shortcut)."""
    key(ord(ch), unicode=ch)


def type_text(text: str) -> None:
    """Type text the way SDL reports it: one TEXTINPUT event per character."""
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))


def click(pos: tuple[int, int]) -> None:
    """Move the mouse to `pos` and click the left button."""
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def tap(pos: tuple[int, int], size: tuple[int, int]) -> None:
    """A finger tap at a pixel position (FINGER events use 0..1 coordinates)."""
    x, y = pos[0] / size[0], pos[1] / size[1]
    common = {"touch_id": 1, "finger_id": 1, "pressure": 1.0}
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=x, y=y, dx=0.0, dy=0.0, **common))
    pygame.event.post(pygame.event.Event(pygame.FINGERUP, x=x, y=y, dx=0.0, dy=0.0, **common))


def drag(start: tuple[int, int], dy: int, size: tuple[int, int], steps: int = 5) -> None:
    """A finger drag from `start`, moving `dy` pixels vertically."""
    common = {"touch_id": 1, "finger_id": 1, "pressure": 1.0}
    x = start[0] / size[0]
    pygame.event.post(
        pygame.event.Event(pygame.FINGERDOWN, x=x, y=start[1] / size[1], dx=0.0, dy=0.0, **common)
    )
    for i in range(1, steps + 1):
        y = (start[1] + dy * i / steps) / size[1]
        pygame.event.post(
            pygame.event.Event(
                pygame.FINGERMOTION, x=x, y=y, dx=0.0, dy=dy / steps / size[1], **common
            )
        )
    end = (start[1] + dy) / size[1]
    pygame.event.post(pygame.event.Event(pygame.FINGERUP, x=x, y=end, dx=0.0, dy=0.0, **common))


def frames(n: int = 2) -> Iterator[None]:
    """Let `n` frames run."""
    for _ in range(n):
        yield


def shot(app: App, name: str) -> Path:
    """Save the current frame as tests/artifacts/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pygame.image.save(app.surface, str(path))
    return path


def new_game(app: App) -> Iterator[None]:
    """From the title: New game, past the briefing, into the feed."""
    key(pygame.K_RETURN)
    yield from frames(2)
    yield from past_briefing(app)
    assert scene(app) == "PlayScene"


def scene(app: App) -> str:
    """The class name of the top scene."""
    return type(app.top).__name__


def focus_to(app: App, item_id: str, limit: int = 40) -> Iterator[None]:
    """Press Tab until the item with `item_id` has focus (keyboard only)."""
    for _ in range(limit):
        if app.top.focus.current_id == item_id:
            return
        key(pygame.K_TAB)
        yield
    raise AssertionError(f"could not Tab to {item_id!r} in {scene(app)}")


def button_center(app: App, item_id: str) -> tuple[int, int]:
    """The centre of a focusable item of the top scene (for clicks and taps)."""
    for item in app.top.focus.items:
        if item.id == item_id:
            return item.rect.center
    raise AssertionError(f"no {item_id!r} in {scene(app)}")


def card_button(app: App, list_id: str, card_key: object, button: str) -> tuple[int, int]:
    """Scroll a card list so a card's button is visible and return its centre."""
    widget = next(i for i in app.top.focus.items if i.id == list_id)
    assert widget.select(card_key, button), f"no card {card_key!r} in {list_id}"
    rect = widget.button_rect(card_key, button)
    assert rect is not None, f"button {button!r} of {card_key!r} is not visible"
    return rect.center


def click_to_debrief(app: App) -> Iterator[None]:
    """Mouse only: end every day (and close each day's summary) until the debrief shows."""
    for _ in range(100):
        if scene(app) == "DebriefScene":
            return
        if scene(app) == "PlayScene":
            click(button_center(app, "end_day"))
            yield from frames(2)
            click(button_center(app, "end"))  # the box that asks first
            yield from frames(2)
        click(button_center(app, "close" if scene(app) == "EndingScene" else "next"))
        yield from frames(2)
    raise AssertionError("never reached the debrief")


def end_the_day(app: App) -> Iterator[None]:
    """Press E and confirm in the box that asks (keyboard only)."""
    letter("e")
    yield from frames(2)
    if scene(app) == "ConfirmScene":
        yield from focus_to(app, "end")
        key(pygame.K_RETURN)
        yield from frames(2)


def past_briefing(app: App) -> Iterator[None]:
    """Close the briefing card a new game starts with (Enter), if it is showing."""
    if scene(app) == "BriefingScene":
        key(pygame.K_RETURN)
        yield from frames(2)
