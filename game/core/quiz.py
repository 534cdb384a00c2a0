"""The claim quiz: claims rated on a 6-point scale before and after play, and how to score them.

A rating runs from 1 ("definitely false") to 6 ("definitely true"); 4 or more counts as believing
a claim. For one set of ratings:

- *belief in true claims* is the mean rating of the true claims, *belief in false claims* the mean
  rating of the false ones (each from 1 to 6);
- *discernment* is belief in true claims minus belief in false claims (-5 to 5): how well the
  player tells them apart, whatever their general mood;
- *bias* is the mean of the two beliefs minus the scale's midpoint 3.5 (-2.5 to 2.5): above 0 the
  player leans to believing everything, below 0 to doubting everything.

Playing should raise discernment. A drop in both beliefs alike lowers bias and leaves discernment
where it was: more scepticism, not better judgement (the replications of the Bad News game found
exactly that). Everything here is pure and deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SCALE = (1, 2, 3, 4, 5, 6)
"""The ratings, from 'definitely false' (1) to 'definitely true' (6)."""
BELIEVES = 4
"""A rating from which a claim counts as believed."""
MIDPOINT = 3.5


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement to rate, whether it is true, and where that is shown."""

    id: str
    text: str
    true: bool
    source: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Scores:
    """What one set of ratings says (see the module docstring)."""

    true_belief: float
    false_belief: float

    @property
    def discernment(self) -> float:
        """Belief in true claims minus belief in false claims."""
        return self.true_belief - self.false_belief

    @property
    def bias(self) -> float:
        """Mean belief minus the scale's midpoint: above 0 credulous, below 0 sceptical."""
        return (self.true_belief + self.false_belief) / 2 - MIDPOINT


@dataclass(frozen=True, slots=True)
class Outcome:
    """A player's quiz before and after, and which way their judgement moved."""

    before: Scores
    after: Scores

    @property
    def discernment_change(self) -> float:
        """How much better (positive) or worse the player told true from false."""
        return self.after.discernment - self.before.discernment

    @property
    def bias_change(self) -> float:
        """How much more credulous (positive) or sceptical the player became."""
        return self.after.bias - self.before.bias

    def verdict(self, margin: float = 0.25) -> str:
        """One word for what happened: 'sharper', 'sceptical', 'credulous', 'blunter' or 'same'.

        'sharper': discernment rose by more than ``margin``; 'blunter': it fell by more; otherwise
        'sceptical' or 'credulous' when bias moved by more than ``margin``, else 'same'.
        """
        if self.discernment_change > margin:
            return "sharper"
        if self.discernment_change < -margin:
            return "blunter"
        if self.bias_change < -margin:
            return "sceptical"
        if self.bias_change > margin:
            return "credulous"
        return "same"


def check_ratings(claims: Sequence[Claim], ratings: Mapping[str, int]) -> None:
    """Raise ValueError unless ``ratings`` rates every claim once, each on the scale."""
    ids = {c.id for c in claims}
    if set(ratings) != ids:
        missing = sorted(ids - set(ratings))
        extra = sorted(set(ratings) - ids)
        raise ValueError(f"ratings do not match the claims (missing {missing}, unknown {extra})")
    for claim_id, value in ratings.items():
        if isinstance(value, bool) or value not in SCALE:
            raise ValueError(f"rating {value!r} for '{claim_id}' is not 1 to 6")


def score(claims: Sequence[Claim], ratings: Mapping[str, int]) -> Scores:
    """Belief in true and in false claims. Raises ValueError for ratings that do not fit, or
    when the claims are not at least one true and one false."""
    check_ratings(claims, ratings)
    trues = [ratings[c.id] for c in claims if c.true]
    falses = [ratings[c.id] for c in claims if not c.true]
    if not trues or not falses:
        raise ValueError("a quiz needs at least one true and one false claim")
    return Scores(sum(trues) / len(trues), sum(falses) / len(falses))


def outcome(
    claims: Sequence[Claim], before: Mapping[str, int], after: Mapping[str, int]
) -> Outcome:
    """Score both rounds. Raises ValueError as :func:`score` does."""
    return Outcome(score(claims, before), score(claims, after))


def believed(rating: int) -> bool:
    """True when a rating counts as believing the claim."""
    return rating >= BELIEVES


def shuffled(claims: Sequence[Claim], seed: int) -> tuple[Claim, ...]:
    """The claims in a random order fixed by ``seed`` (each round gets its own seed)."""
    order = list(claims)
    random.Random(seed).shuffle(order)
    return tuple(order)


def usable(claims: Sequence[Claim]) -> bool:
    """True when the claims can make a quiz: at least one true and one false."""
    return any(c.true for c in claims) and any(not c.true for c in claims)
