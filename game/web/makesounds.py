"""Make the game's short sounds in ``assets/sounds/`` (synthesised, then Ogg Vorbis).

    python -m game.web.makesounds

Each sound is a few sine-wave notes with a soft attack and decay, written as 16-bit mono WAV
with the standard library and encoded with ``oggenc`` (Debian ``vorbis-tools``): Ogg is the
format pygbag plays in every browser, and pygame plays it on the desktop.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

from game.assets import SOUNDS, assets_dir

RATE = 22050

Note = tuple[float, float, float]
"""(frequency in Hz, start in seconds, length in seconds)."""

TUNES: dict[str, tuple[Note, ...]] = {
    "notify": ((880.0, 0.0, 0.12), (1320.0, 0.08, 0.18)),
    "score_up": ((523.25, 0.0, 0.1), (659.25, 0.07, 0.1), (783.99, 0.14, 0.22)),
    "score_down": ((392.0, 0.0, 0.14), (311.13, 0.11, 0.26)),
    "tier": (
        (523.25, 0.0, 0.5),
        (659.25, 0.0, 0.5),
        (783.99, 0.0, 0.5),
        (1046.5, 0.25, 0.5),
    ),
    "day_end": ((659.25, 0.0, 0.2), (523.25, 0.18, 0.2), (392.0, 0.36, 0.45)),
}
"""The notes of each sound (every name in SOUNDS has one)."""


def samples(notes: tuple[Note, ...], volume: float = 0.35) -> list[int]:
    """The 16-bit samples of `notes` mixed together, each with a 10 ms attack and a decay."""
    length = max(start + dur for _, start, dur in notes) + 0.05
    out = [0.0] * int(length * RATE)
    for freq, start, dur in notes:
        first = int(start * RATE)
        for i in range(int(dur * RATE)):
            t = i / RATE
            envelope = min(1.0, t / 0.01) * math.exp(-4.0 * t / dur)
            tone = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t)
            out[first + i] += envelope * tone
    peak = max(1e-9, max(abs(v) for v in out))
    return [round(v / peak * volume * 32767) for v in out]


def write_wav(path: Path, values: list[int]) -> None:
    """Write mono 16-bit samples at RATE to `path`."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(v.to_bytes(2, "little", signed=True) for v in values))


def build(out_dir: Path) -> dict[str, int]:
    """Write every sound as ``<name>.ogg`` into `out_dir`; returns their sizes.

    Raises OSError when ``oggenc`` is not installed or fails.
    """
    oggenc = shutil.which("oggenc")
    if oggenc is None:
        raise OSError("oggenc not found: apt-get install vorbis-tools")
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in SOUNDS:
            wav = Path(tmp) / f"{name}.wav"
            write_wav(wav, samples(TUNES[name]))
            target = out_dir / f"{name}.ogg"
            subprocess.run(
                [oggenc, "-Q", "-q", "2", "--ignorelength", "-o", str(target), str(wav)],
                check=True,
                timeout=60,
            )
            sizes[name] = target.stat().st_size
    return sizes


def main(argv: list[str] | None = None) -> int:
    """Command line: make the sounds; returns the exit code."""
    out = Path(argv[0]) if argv else assets_dir() / "sounds"
    try:
        sizes = build(out)
    except (OSError, subprocess.SubprocessError) as err:
        print(f"sounds: {err}", file=sys.stderr)
        return 1
    for name, size in sizes.items():
        print(f"{name}.ogg: {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
