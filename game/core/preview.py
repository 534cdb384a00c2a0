"""Preview a class before it happens: scripted players who play and answer the quiz.

Each scripted player plays with a strategy of ``game.core.simulate`` and answers the quiz from a
simple model of a student: a general lean to believing (bias) and a skill at telling true from
false (discernment), both drawn at random, with noise on every answer. After play the model's
discernment rises a little on average and its bias falls a little: a plausible class, not a
prediction. The same seed gives the same players.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from game.core.model import Scenario
from game.core.quiz import SCALE, Claim, usable
from game.core.results import Results, from_game
from game.core.simulate import play

MIDPOINT = 3.5


def answer(
    claims: Sequence[Claim], bias: float, discernment: float, rng: random.Random
) -> dict[str, int]:
    """Ratings from the model: midpoint + bias +/- discernment / 2 + noise, rounded onto 1-6."""
    out = {}
    for claim in claims:
        lean = discernment / 2 if claim.true else -discernment / 2
        value = round(MIDPOINT + bias + lean + rng.gauss(0, 0.9))
        out[claim.id] = min(SCALE[-1], max(SCALE[0], value))
    return out


def scripted_class(
    scenario: Scenario,
    claims: Sequence[Claim],
    strategies: Sequence[str],
    runs: int,
    seed: int,
) -> list[Results]:
    """``runs`` players per strategy, each with results as a real player's would be.
    Run ``i`` plays the game with seed ``seed * 10007 + i``, as ``simulate`` does; the quiz
    answers depend on the scenario too, so two scenarios' previews differ."""
    quiz = tuple(claims) if usable(claims) else ()
    out = []
    for name in strategies:
        for run in range(runs):
            game = play(scenario, name, seed * 10007 + run)
            rng = random.Random(f"{seed}-{scenario.title}-{name}-{run}")
            bias, skill = rng.gauss(0.3, 0.6), rng.gauss(0.5, 0.6)
            before = answer(quiz, bias, skill, rng) if quiz else None
            after = (
                answer(quiz, bias + rng.gauss(-0.3, 0.4), skill + rng.gauss(0.8, 0.5), rng)
                if quiz
                else None
            )
            nickname = f"{name}-{run + 1:02d}"
            out.append(from_game(game, quiz, before, after, nickname))
    return out
