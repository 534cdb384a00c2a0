"""Quiz scoring against examples worked out by hand (see the numbers in each test)."""

from __future__ import annotations

import re

import pytest

from game.core.quiz import Claim, outcome, score, shuffled

CLAIMS = (
    Claim("t1", "A true claim.", True, "A book"),
    Claim("t2", "Another true claim.", True, "A book"),
    Claim("f1", "A false claim.", False, "A book"),
    Claim("f2", "Another false claim.", False, "A book"),
)


def test_beliefs_discernment_and_bias_of_one_round() -> None:
    # true claims rated 4 and 5: mean 4.5; false claims rated 4 and 3: mean 3.5
    # discernment 4.5 - 3.5 = 1.0; bias (4.5 + 3.5) / 2 - 3.5 = 0.5 (leans to believing)
    result = score(CLAIMS, {"t1": 4, "t2": 5, "f1": 4, "f2": 3})
    assert (result.true_belief, result.false_belief) == (4.5, 3.5)
    assert result.discernment == 1.0
    assert result.bias == 0.5


def test_better_judgement_is_sharper() -> None:
    # after: true 3 and 4 -> 3.5; false 2 and 1 -> 1.5; discernment 2.0 (was 1.0), bias -1.0
    result = outcome(
        CLAIMS, {"t1": 4, "t2": 5, "f1": 4, "f2": 3}, {"t1": 3, "t2": 4, "f1": 2, "f2": 1}
    )
    assert result.after.discernment == 2.0
    assert result.discernment_change == 1.0
    assert result.bias_change == -1.5
    assert result.verdict() == "sharper"


def test_doubting_everything_alike_is_sceptical_not_sharper() -> None:
    # every rating one lower: true 4.5 -> 3.5, false 3.5 -> 2.5; discernment stays 1.0,
    # bias 0.5 -> -0.5: the Bad News replication pattern
    result = outcome(
        CLAIMS, {"t1": 4, "t2": 5, "f1": 4, "f2": 3}, {"t1": 3, "t2": 4, "f1": 3, "f2": 2}
    )
    assert result.discernment_change == 0.0
    assert result.bias_change == -1.0
    assert result.verdict() == "sceptical"


def test_believing_false_claims_more_is_blunter() -> None:
    # false claims 2 and 2 -> 5 and 6: false belief 2 -> 5.5; true stays 5; discernment 3 -> -0.5
    result = outcome(
        CLAIMS, {"t1": 5, "t2": 5, "f1": 2, "f2": 2}, {"t1": 5, "t2": 5, "f1": 5, "f2": 6}
    )
    assert result.before.discernment == 3.0
    assert result.after.discernment == -0.5
    assert result.verdict() == "blunter"


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ({"t1": 4, "t2": 5, "f1": 4}, "missing ['f2']"),
        ({"t1": 4, "t2": 5, "f1": 4, "f2": 7}, "rating 7 for 'f2' is not 1 to 6"),
        ({"t1": 4, "t2": 5, "f1": 4, "f2": True}, "rating True for 'f2' is not 1 to 6"),
    ],
)
def test_ratings_that_do_not_fit_are_refused(ratings: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        score(CLAIMS, ratings)


def test_the_order_is_random_but_fixed_by_the_seed() -> None:
    orders = {tuple(c.id for c in shuffled(CLAIMS, seed)) for seed in range(20)}
    assert len(orders) > 1
    assert shuffled(CLAIMS, 7) == shuffled(CLAIMS, 7)
    assert sorted(c.id for c in shuffled(CLAIMS, 7)) == ["f1", "f2", "t1", "t2"]
