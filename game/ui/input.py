"""The one place where pygame events become UI actions.

Keyboard, mouse and touch all end up as the same small set of `Action`s, so every scene handles
input once and works the same with any device.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import pygame

# Action kinds.
NEXT = "next"  # Tab
PREV = "prev"  # Shift+Tab
UP = "up"
DOWN = "down"
LEFT = "left"
RIGHT = "right"
ACTIVATE = "activate"  # Enter / keypad Enter / Space (outside text fields)
BACK = "back"  # Esc
PAGE_UP = "page_up"
PAGE_DOWN = "page_down"
HOME = "home"
END = "end"
SCROLL = "scroll"  # dy in pixels, positive = content moves up (towards later items)
PRESS = "press"  # pointer down at pos
MOVE = "move"  # pointer moved to pos (rel = movement); `held` when dragging
RELEASE = "release"  # pointer up at pos
TEXT = "text"  # typed text (from TEXTINPUT)
EDIT = "edit"  # text an input method is still composing (from TEXTEDITING), not yet typed
BACKSPACE = "backspace"
DELETE = "delete"
SPACE = "space"
KEY = "key"  # a plain letter/digit key, for shortcuts (text is the lowercase character)
COPY = "copy"  # Ctrl+C (Cmd+C on a Mac)
RELOAD = "reload"  # F5
QUIT = "quit"  # window closed
RESIZE = "resize"  # size = new window size

WHEEL_STEP = 60  # design pixels per wheel notch


@dataclass(frozen=True, slots=True)
class Action:
    """One thing the player asked for, independent of the device used."""

    kind: str
    pos: tuple[int, int] = (0, 0)
    rel: tuple[int, int] = (0, 0)
    dy: float = 0.0
    text: str = ""
    held: bool = False
    size: tuple[int, int] = (0, 0)
    touch: bool = False


_KEYS: MappingProxyType[int, str] = MappingProxyType(
    {
        pygame.K_UP: UP,
        pygame.K_DOWN: DOWN,
        pygame.K_LEFT: LEFT,
        pygame.K_RIGHT: RIGHT,
        pygame.K_RETURN: ACTIVATE,
        pygame.K_KP_ENTER: ACTIVATE,
        pygame.K_ESCAPE: BACK,
        pygame.K_AC_BACK: BACK,
        pygame.K_PAGEUP: PAGE_UP,
        pygame.K_PAGEDOWN: PAGE_DOWN,
        pygame.K_HOME: HOME,
        pygame.K_END: END,
        pygame.K_BACKSPACE: BACKSPACE,
        pygame.K_DELETE: DELETE,
        pygame.K_SPACE: SPACE,
        pygame.K_F5: RELOAD,
    }
)


class InputMapper:
    """Turns pygame events into `Action`s; keeps the little state touch and drags need."""

    def __init__(self) -> None:
        """Start with no pointer held."""
        self.pointer_down = False
        self.scale = 1.0

    def map(self, event: pygame.event.Event, window: tuple[int, int]) -> list[Action]:
        """The actions for one event (often none). `window` is the current window size."""
        etype = event.type
        if etype == pygame.QUIT:
            return [Action(QUIT)]
        if etype == pygame.VIDEORESIZE:
            return [Action(RESIZE, size=(event.w, event.h))]
        if etype == pygame.KEYDOWN:
            return self._key(event)
        if etype == pygame.TEXTINPUT:
            return [Action(TEXT, text=event.text)] if event.text else []
        if etype == pygame.TEXTEDITING:
            return [Action(EDIT, text=getattr(event, "text", "") or "")]
        if etype in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            if getattr(event, "touch", False):
                return []  # SDL's mouse copy of a touch: the FINGER event is used instead
            return self._mouse(event)
        if etype == pygame.MOUSEWHEEL:
            if getattr(event, "touch", False):
                return []
            dy = -float(getattr(event, "precise_y", event.y)) * WHEEL_STEP * self.scale
            return [Action(SCROLL, dy=dy, pos=pygame.mouse.get_pos())]
        if etype in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            return self._finger(event, window)
        return []

    def _key(self, event: pygame.event.Event) -> list[Action]:
        key = event.key
        if key == pygame.K_TAB:
            return [Action(PREV if event.mod & pygame.KMOD_SHIFT else NEXT)]
        kind = _KEYS.get(key)
        if kind is not None:
            return [Action(kind)]
        char = getattr(event, "unicode", "") or ""
        if not char and (pygame.K_a <= key <= pygame.K_z or pygame.K_0 <= key <= pygame.K_9):
            char = chr(key)
        if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META) and key == pygame.K_c:
            return [Action(COPY)]
        if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return []
        if len(char) == 1 and char.isalnum():
            return [Action(KEY, text=char)]
        return []

    def _mouse(self, event: pygame.event.Event) -> list[Action]:
        if event.type == pygame.MOUSEMOTION:
            return [Action(MOVE, pos=event.pos, rel=event.rel, held=self.pointer_down)]
        if event.button not in (1, 2, 3):
            return []  # old-style wheel buttons: MOUSEWHEEL handles scrolling
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.pointer_down = True
            return [Action(PRESS, pos=event.pos)]
        self.pointer_down = False
        return [Action(RELEASE, pos=event.pos)]

    def _finger(self, event: pygame.event.Event, window: tuple[int, int]) -> list[Action]:
        pos = (round(event.x * window[0]), round(event.y * window[1]))
        if event.type == pygame.FINGERDOWN:
            self.pointer_down = True
            return [Action(PRESS, pos=pos, touch=True)]
        if event.type == pygame.FINGERUP:
            self.pointer_down = False
            return [Action(RELEASE, pos=pos, touch=True)]
        rel = (round(event.dx * window[0]), round(event.dy * window[1]))
        return [Action(MOVE, pos=pos, rel=rel, held=True, touch=True)]
