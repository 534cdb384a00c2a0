"""``Game.score_after`` answers what applying a command to a copy of the game would, even when it
answers without trying (no rule can fire, or an alike move was tried already)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import ROOT, feed_post, make_scenario

from game.core import commands as cmd
from game.core.checker import check_file
from game.core.commands import CommandError
from game.core.game import Game
from game.core.simulate import _Reactions, _social


def _applied(game: Game, command: cmd.Command) -> int | None:
    """The score after applying ``command`` to a fork, the plain way (None when refused)."""
    trial = game.fork()
    try:
        trial.apply(command)
    except CommandError:
        return None
    return trial.score


def _options(game: Game) -> list[cmd.Command]:
    posts: list[cmd.Command] = [cmd.Post(choice=c.id) for c in game.choices]
    return [
        *posts,
        cmd.Post(text="A free speech protest, they say"),
        *_Reactions(game, True),
        *[cmd.Buy(item.id) for item in game.shop],
        *_social(game, True),
    ]


@pytest.mark.parametrize("name", ["viral-score.yaml", "commercial-score.yaml", "blacklists.yaml"])
def test_every_option_scores_as_if_applied_to_a_copy(name: str) -> None:
    scenario = check_file(ROOT / "scenarios" / name).scenario
    assert scenario is not None
    game = Game(scenario, seed=5)
    rng = random.Random(5)
    for _ in range(3):  # three days, each with a few moves taken at random
        for _ in range(4):
            options = _options(game)
            assert [game.score_after(o) for o in options] == [_applied(game, o) for o in options]
            allowed = [o for o in options if game.can(o) is None]
            if game.over or not allowed:
                break
            game.apply(rng.choice(allowed))
        if game.over:
            break
        game.apply(cmd.EndDay())


RULES = """
- id: comment-words
  when: player_comments
  if: {text_uses: rumours}
  then: [{change_score: {who: player, by: -5}}]
- id: like-the-warning
  when: player_likes
  if: {post: gov-warning}
  then: [{change_score: {who: player, by: 7}}]
"""


def test_moves_whose_events_the_rules_cannot_tell_apart_are_tried_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    game = Game(make_scenario(tmp_path, RULES), seed=1)
    first, second = feed_post(game, "gov-honesty"), next(p for p in game.feed if p.day == 1)
    assert first.uid != second.uid
    forks = 0
    fork = Game.fork

    def counted(self: Game) -> Game:
        nonlocal forks
        forks += 1
        return fork(self)

    monkeypatch.setattr(Game, "fork", counted)
    said = "They say there is a rumour"
    assert game.score_after(cmd.Comment(first.uid, said)) == 645
    assert game.score_after(cmd.Comment(second.uid, said)) == 645
    assert forks == 1  # the comment rules read only the words: one try answers for both
    assert game.score_after(cmd.Comment(second.uid, "Lovely weather")) == 650
    assert forks == 1  # no rule can fire for these words: no try at all
    game.apply(cmd.Like(first.uid))
    assert game.score_after(cmd.Comment(second.uid, said)) == 645
    assert forks == 2  # a command was applied: what was tried before no longer answers


def test_moves_on_posts_the_rules_tell_apart_are_each_tried(tmp_path: Path) -> None:
    game = Game(make_scenario(tmp_path, RULES), seed=1)
    for _ in range(2):
        game.apply(cmd.EndDay())
    warning, other = feed_post(game, "gov-warning"), feed_post(game, "gov-honesty")
    assert game.score_after(cmd.Like(warning.uid)) == 657
    assert game.score_after(cmd.Like(other.uid)) == 650


def test_a_move_asked_about_again_on_a_later_day_is_weighed_again(tmp_path: Path) -> None:
    rules = """
- id: lunch-after-day-one
  when: player_posts
  if: [{choice: lunch}, "day > 1"]
  then: [{change_score: {who: player, by: 9}}]
"""
    game = Game(make_scenario(tmp_path, rules), seed=1)
    lunch = cmd.Post(choice="lunch")
    assert game.score_after(lunch) == _applied(game, lunch) == 650
    game.apply(cmd.EndDay())
    assert game.score_after(lunch) == _applied(game, lunch) == game.score + 9


def test_after_a_command_that_spent_the_work_budget_moves_are_still_weighed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command gets a new work budget, so the last one running out of it says nothing
    about the next (the review found every move weighed as 'no change' after one did)."""
    import game.core.engine as engine

    monkeypatch.setattr(engine, "MAX_WORK", 5)
    rules = """
- id: many-notes
  when: player_posts
  if: {choice: praise}
  then: [{notify: "one"}, {notify: "two"}, {notify: "three"}, {notify: "four"}]
- id: lunch-pays
  when: player_posts
  if: {choice: lunch}
  then: [{change_score: {who: player, by: 10}}]
"""
    game = Game(make_scenario(tmp_path, rules), seed=1)
    game.apply(cmd.Post(choice="praise"))
    assert game.engine.stopped  # the praise post ran out of budget
    lunch = cmd.Post(choice="lunch")
    assert game.score_after(lunch) == _applied(game, lunch) == 660
