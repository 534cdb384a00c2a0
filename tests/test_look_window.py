"""Sound in a real window: main.py under Xvfb with SDL's "disk" audio driver, which writes what
the game plays to a file: silence on the title screen, then the sounds of the first day's
notifications and of the end of the day."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from test_window import _shot, _x, start_main, xvfb  # noqa: F401  (xvfb is a fixture)
from ui_helpers import SCENARIOS


def test_a_real_window_plays_the_end_of_day_sound(xvfb: str, tmp_path: Path) -> None:  # noqa: F811
    audio = tmp_path / "audio.raw"
    game, log = start_main(
        xvfb,
        tmp_path,
        str(SCENARIOS / "viral-score.yaml"),
        SDL_AUDIODRIVER="disk",
        SDL_DISKAUDIOFILE=str(audio),
        SDL_DISKAUDIODELAY="1",
    )
    try:
        window = _x(xvfb, "xdotool", "search", "--sync", "--pid", str(game.pid)).split()[0]
        time.sleep(1.0)
        title = audio.read_bytes() if audio.exists() else b""
        assert not title.strip(b"\0"), "sound on the title screen, before anything happened"
        _x(xvfb, "xdotool", "key", "--window", window, "Return")
        time.sleep(1.0)
        _x(xvfb, "xdotool", "key", "--window", window, "Return")  # "Start day 1" (briefing)
        time.sleep(1.0)
        started = audio.read_bytes()
        assert started.strip(b"\0"), "the first day's notifications played no sound"
        time.sleep(1.0)  # let the notification sound end
        mark = len(audio.read_bytes())
        _x(xvfb, "xdotool", "key", "--window", window, "e", "Tab", "Return")  # end it: asked
        time.sleep(1.5)
        _shot(xvfb, "look-sound-day-end")
        assert game.poll() is None, (tmp_path / "game.log").read_text()
        assert audio.read_bytes()[mark:].strip(b"\0"), "ending the day played no sound"
    finally:
        game.terminate()
        try:
            game.wait(timeout=10)
        except subprocess.TimeoutExpired:
            game.kill()
        log.close()
