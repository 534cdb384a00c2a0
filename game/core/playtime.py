"""An honest play time for a scenario: what scripted players do, timed like a student.

Scripted players (``game.core.simulate``) play the scenario; each action they take is counted at
:data:`SECONDS_PER_ACTION` (find it, think, click), and every word the player reads (the feed
they saw, the quiz twice, the debrief) at :data:`WORDS_PER_MINUTE`, a careful reading speed
for 13-17-year-olds on screen. Deterministic for a seed.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from game.core.model import Scenario
from game.core.quiz import Claim
from game.core.simulate import STRATEGIES, play

SECONDS_PER_ACTION = 8
WORDS_PER_MINUTE = 150


@dataclass(frozen=True, slots=True)
class PlayTime:
    """The estimate and what it is made of (medians over the scripted players)."""

    minutes: int
    actions: int
    words: int


def _words(text: str) -> int:
    return len(text.split())


def estimate(
    scenario: Scenario, claims: Sequence[Claim] = (), runs: int = 3, seed: int = 1
) -> PlayTime:
    """The play time of ``scenario`` (with the quiz of ``claims`` twice), rounded up to whole
    minutes, from ``runs`` games of each scripted strategy."""
    debrief = scenario.debrief
    fixed = (
        _words(scenario.description)
        + _words(debrief.summary)
        + sum(_words(f.claim) + _words(f.explanation) for f in debrief.facts)
        + sum(_words(q) for q in debrief.questions)
        + 2 * sum(_words(c.text) for c in claims)
    )
    actions, words = [], []
    for name in STRATEGIES:
        for run in range(runs):
            game = play(scenario, name, seed * 10007 + run)
            actions.append(len(game.actions) + 2 * len(claims))
            words.append(fixed + sum(_words(p.text) for p in game.feed))
    action_count = int(statistics.median(actions))
    word_count = int(statistics.median(words))
    seconds = action_count * SECONDS_PER_ACTION + word_count * 60 / WORDS_PER_MINUTE
    return PlayTime(-(-int(seconds) // 60), action_count, word_count)
