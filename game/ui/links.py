"""Open a web address and copy text: the system browser and clipboard, or the page's in a browser.

On the desktop a link opens in the system browser (``webbrowser``) and text goes to the clipboard
through SDL (``pygame.scrap.put_text``). In the browser build (pygbag, ``sys.platform ==
"emscripten"``) the page's JavaScript ``window`` is reached through pygbag's ``platform`` module: a
link opens in a new tab (``window.open(url, "_blank")``) and text goes to
``navigator.clipboard.writeText``.
"""

from __future__ import annotations

import sys
import webbrowser
from typing import Any, Protocol

import pygame


class Links(Protocol):
    """Where the debrief sends a source's web address."""

    def open(self, url: str) -> bool:
        """Open `url` for the player; True when it was handed to a browser."""
        ...

    def copy(self, text: str) -> bool:
        """Put `text` on the clipboard; True when it got there."""
        ...


def _page_window() -> Any | None:
    """The page's JavaScript window in the browser build, else None."""
    if sys.platform != "emscripten":
        return None
    import platform as browser  # pygbag's module, present only in the browser

    return getattr(browser, "window", None)


class SystemLinks:
    """The real browser and clipboard of the machine (or of the page in the browser build)."""

    def open(self, url: str) -> bool:
        """A new browser tab, or the system browser. Never raises."""
        window = _page_window()
        try:
            if window is not None:
                window.open(url, "_blank")
                return True
            return bool(webbrowser.open(url, new=2))
        except Exception:  # no browser, a blocked pop-up: the address stays on screen
            return False

    def copy(self, text: str) -> bool:
        """The page's clipboard, or SDL's. Never raises."""
        window = _page_window()
        try:
            if window is not None:
                window.navigator.clipboard.writeText(text)
                return True
            if not pygame.scrap.get_init():
                pygame.scrap.init()
            pygame.scrap.put_text(text)
            return True
        except Exception:  # no display or no clipboard here: the address stays on screen
            return False
