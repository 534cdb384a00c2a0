"""Sources open in a real browser command and go to a real clipboard (desktop build).

The browser is whatever ``$BROWSER`` names (Python's ``webbrowser`` honours it): here a small
script that writes the address it was given to a file. The clipboard is SDL's, on a real X server
(Xvfb, needs Debian's xvfb; fails, never skips, when it is missing). The browser build's path
(pygbag's ``platform.window``) cannot run here and is not tested.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, env: dict[str, str], wrap: list[str] | None = None) -> str:
    result = subprocess.run(
        [*(wrap or []), sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_source_opens_in_the_system_browser(tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > "{opened}"\n')
    browser.chmod(0o755)
    code = "from game.ui.links import SystemLinks; print(SystemLinks().open('https://example.org/a?b=1'))"
    assert _python(code, {"BROWSER": str(browser)}) == "True"
    assert opened.read_text().strip() == "https://example.org/a?b=1"


def test_a_source_is_copied_to_the_clipboard_of_a_real_display() -> None:
    assert shutil.which("xvfb-run"), "xvfb-run is missing: apt-get install xvfb"
    code = (
        "import pygame\n"
        "pygame.display.init(); pygame.display.set_mode((64, 64))\n"
        "from game.ui.links import SystemLinks\n"
        "print(SystemLinks().copy('https://example.org/copied'))\n"
        "print(pygame.scrap.get_text())\n"
    )
    out = _python(code, {"SDL_VIDEODRIVER": "x11"}, ["xvfb-run", "-a"])
    assert out.splitlines()[-2:] == ["True", "https://example.org/copied"]


def test_without_a_display_copying_says_no_instead_of_failing() -> None:
    code = (
        "from game.ui.links import SystemLinks; print(SystemLinks().copy('https://example.org/x'))"
    )
    assert _python(code, {}).splitlines()[-1] == "False"
