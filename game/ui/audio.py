"""The game's short sounds (notification, score up and down, tier change, end of a day).

Sounds come from ``assets/sounds/*.ogg``. When the mixer cannot start (no audio device) or a
file is missing or damaged, the game stays silent rather than failing. Tests run with
``SDL_AUDIODRIVER=dummy`` (or ``disk``), so they play into nothing.
"""

from __future__ import annotations

import pygame

from game.assets import SOUNDS, sound_path


class Audio:
    """Plays named sounds at the player's volume; silent when muted or without a mixer."""

    def __init__(self, volume: float = 0.75) -> None:
        """Remember the volume (0..1, 0 mutes); the mixer starts and the sounds load when the
        first sound plays, so they cost nothing at start-up."""
        self.volume = volume
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.played: list[str] = []
        """The names played, newest last (at most 50; for tests and the bench)."""
        self._loaded = False

    def _load(self) -> None:
        self._loaded = True
        if not init_mixer():
            return
        for name in SOUNDS:
            try:
                self.sounds[name] = pygame.mixer.Sound(sound_path(name))
            except (OSError, pygame.error):
                continue

    @property
    def available(self) -> bool:
        """True when sounds were loaded (a mixer is running)."""
        return bool(self.sounds)

    def set_volume(self, volume: float) -> None:
        """Change the volume (0 mutes)."""
        self.volume = max(0.0, min(1.0, volume))

    def play(self, name: str) -> None:
        """Play sound `name` once (nothing when muted or not loaded)."""
        if self.volume <= 0:
            return
        self.played.append(name)
        del self.played[:-50]
        if not self._loaded:
            self._load()
        sound = self.sounds.get(name)
        if sound is not None:
            sound.set_volume(self.volume)
            sound.play()


def init_mixer() -> bool:
    """Start the mixer if the platform has audio; returns whether it runs."""
    if pygame.mixer.get_init():
        return True
    try:
        pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=512)
    except pygame.error:
        return False
    return bool(pygame.mixer.get_init())
