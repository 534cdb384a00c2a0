"""A player's results: what the results card shows, the JSON file it is saved as, and back.

The file is JSON with a format version; ``load_results`` checks every field, so a damaged file,
one from another game or one from a newer version is refused with a reason (``ResultsError``).
Everything here is pure: no files are touched (callers write the text where they like).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.core import commands as cmd
from game.core.explain import say
from game.core.game import Game
from game.core.quiz import Claim, check_ratings, usable

RESULTS_FORMAT = 1
RESULTS_GAME = "model-citizen-results"
MAX_RESULTS_BYTES = 1 << 20
MAX_NICKNAME = 20
TOP_CAUSES = 3

CHOICE_KINDS: tuple[tuple[str, type], ...] = (
    ("posts", cmd.Post),
    ("likes", cmd.Like),
    ("shares", cmd.Share),
    ("comments", cmd.Comment),
    ("reported_posts", cmd.ReportPost),
    ("reported_friends", cmd.ReportFriend),
    ("purchases", cmd.Buy),
    ("friends_added", cmd.AddFriend),
    ("friends_removed", cmd.RemoveFriend),
)
"""The choices a results card counts, by the command that makes each."""


class ResultsError(Exception):
    """Results that cannot be read; the message says why, in words a teacher understands."""


@dataclass(frozen=True, slots=True)
class Cause:
    """A cause of score changes and what it added up to over the game."""

    text: str
    total: int
    times: int


@dataclass(frozen=True, slots=True)
class Results:
    """One finished game, as the results card and the teacher's report see it.

    ``path`` is the score at the start (day 0) and at the end of each day; ``before`` and
    ``after`` rate each of ``claims`` (both empty when there was no quiz).
    """

    scenario_title: str
    scenario_key: str
    language: str
    score_name: str
    final_score: int
    tier_name: str
    tier_index: int
    tier_count: int
    path: tuple[int, ...]
    causes: tuple[Cause, ...] = ()
    choices: Mapping[str, int] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()
    before: Mapping[str, int] = field(default_factory=dict)
    after: Mapping[str, int] = field(default_factory=dict)
    nickname: str = ""
    seed: int = 0

    @property
    def has_quiz(self) -> bool:
        """True when both quiz rounds were answered."""
        return bool(self.claims) and bool(self.before) and bool(self.after)


def scenario_key(title: str, language: str) -> str:
    """Four hex digits naming a scenario in results codes (the same title and language give
    the same key on every machine)."""
    return hashlib.sha256(f"{title}\n{language}".encode()).hexdigest()[:4]


def clean_nickname(text: str) -> str:
    """A nickname as stored: spaces trimmed, control characters removed, at most 20 characters."""
    kept = "".join(ch for ch in text if ch.isprintable()).strip()
    return kept[:MAX_NICKNAME]


def from_game(
    game: Game,
    claims: Sequence[Claim] = (),
    before: Mapping[str, int] | None = None,
    after: Mapping[str, int] | None = None,
    nickname: str = "",
) -> Results:
    """The results of a game (finished or not). Raises ValueError when quiz ratings are given
    that do not rate every claim on the scale."""
    scenario = game.scenario
    rounds = [r for r in (before, after) if r]
    if rounds and claims:
        for ratings in rounds:
            check_ratings(claims, ratings)
    tier = game.player.tier
    return Results(
        scenario_title=scenario.title,
        scenario_key=scenario_key(scenario.title, scenario.language),
        language=scenario.language,
        score_name=scenario.score_name,
        final_score=game.player.score,
        tier_name=tier.name,
        tier_index=[t.id for t in scenario.tiers].index(tier.id),
        tier_count=len(scenario.tiers),
        path=tuple(score for _day, score in game.score_series),
        causes=biggest_causes(game),
        choices=count_choices(game.actions, game.usage.declined, sum(game.usage.refused.values())),
        claims=tuple(claims) if claims and before and after else (),
        before=dict(before or {}) if claims and after else {},
        after=dict(after or {}) if claims and before else {},
        nickname=clean_nickname(nickname),
        seed=game.seed,
    )


def biggest_causes(game: Game, limit: int = TOP_CAUSES) -> tuple[Cause, ...]:
    """The causes that moved the player's score most over the game, largest first, each said in
    the scenario's language (results are read away from the game)."""
    totals: dict[str, list[Any]] = {}
    for change in game.history:
        if change.who != "player":
            continue
        text = say(change.cause, game.scenario.language)
        entry = totals.setdefault(change.rule_id, [text, 0, 0])
        entry[1] += change.after - change.before
        entry[2] += 1
    ranked = sorted(totals.values(), key=lambda e: (-abs(e[1]), e[0]))
    return tuple(Cause(text, total, times) for text, total, times in ranked[:limit] if total)


def count_choices(
    actions: Sequence[cmd.Command], declined: int = 0, refused: int = 0
) -> dict[str, int]:
    """How many of each kind of choice the player made; `declined` friend requests added no
    friend and `refused` purchases bought nothing, so neither is counted."""
    counts = {name: sum(isinstance(a, kind) for a in actions) for name, kind in CHOICE_KINDS}
    counts["friends_added"] -= declined
    counts["purchases"] -= refused
    return counts


def to_json(results: Results) -> str:
    """The results as a JSON document (UTF-8 text, indented for people who open it)."""
    data = {
        "game": RESULTS_GAME,
        "format": RESULTS_FORMAT,
        "nickname": results.nickname,
        "scenario": {
            "title": results.scenario_title,
            "key": results.scenario_key,
            "language": results.language,
        },
        "seed": results.seed,
        "score": {
            "name": results.score_name,
            "final": results.final_score,
            "path": list(results.path),
        },
        "tier": {
            "name": results.tier_name,
            "index": results.tier_index,
            "count": results.tier_count,
        },
        "causes": [{"text": c.text, "total": c.total, "times": c.times} for c in results.causes],
        "choices": dict(results.choices),
        "quiz": {
            "claims": [
                {"id": c.id, "text": c.text, "true": c.true, "source": c.source, "url": c.url}
                for c in results.claims
            ],
            "before": dict(results.before),
            "after": dict(results.after),
        }
        if results.has_quiz
        else None,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load_results(text: str | bytes) -> Results:
    """Read results saved by :func:`to_json`. Raises ResultsError saying what is wrong."""
    if len(text) > MAX_RESULTS_BYTES:
        raise ResultsError("the file is too large to be a results file")
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise ResultsError(f"the file is damaged (not JSON: {str(err)[:60]})") from None
    if not isinstance(data, dict) or data.get("game") != RESULTS_GAME:
        raise ResultsError("this is not a Model Citizen results file")
    if data.get("format") != RESULTS_FORMAT:
        raise ResultsError(
            f"results format {data.get('format')!r} is from another version of the game "
            f"(this one reads format {RESULTS_FORMAT})"
        )
    try:
        return _parse(data)
    except (KeyError, TypeError, ValueError) as err:
        raise ResultsError(f"the file is damaged ({_what(err)})") from None


def _what(err: Exception) -> str:
    return f"missing {err}" if isinstance(err, KeyError) else str(err)[:80]


def _need(value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{what} should be {kind.__name__}")
    return value


def _parse(data: dict[str, Any]) -> Results:
    scenario = _need(data["scenario"], dict, "scenario")
    score = _need(data["score"], dict, "score")
    tier = _need(data["tier"], dict, "tier")
    path = tuple(_need(v, int, "a score") for v in _need(score["path"], list, "score path"))
    causes = tuple(
        Cause(
            _need(c["text"], str, "cause text"),
            _need(c["total"], int, "cause total"),
            _need(c["times"], int, "cause times"),
        )
        for c in _need(data["causes"], list, "causes")
    )
    choices = {
        name: _need(_need(data["choices"], dict, "choices").get(name, 0), int, name)
        for name, _kind in CHOICE_KINDS
    }
    claims: tuple[Claim, ...] = ()
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    if data.get("quiz") is not None:
        quiz = _need(data["quiz"], dict, "quiz")
        claims = tuple(
            Claim(
                _need(c["id"], str, "claim id"),
                _need(c["text"], str, "claim text"),
                _need(c["true"], bool, "claim answer"),
                _need(c.get("source", ""), str, "claim source"),
                c.get("url") if isinstance(c.get("url"), str) else None,
            )
            for c in _need(quiz["claims"], list, "claims")
        )
        before = dict(_need(quiz["before"], dict, "ratings before"))
        after = dict(_need(quiz["after"], dict, "ratings after"))
        if not usable(claims):
            raise ValueError("the quiz needs a true and a false claim")
        check_ratings(claims, before)
        check_ratings(claims, after)
    tier_index = _need(tier["index"], int, "tier index")
    tier_count = _need(tier["count"], int, "tier count")
    if not 0 <= tier_index < tier_count or not path:
        raise ValueError("the tier or the score path does not add up")
    return Results(
        scenario_title=_need(scenario["title"], str, "scenario title"),
        scenario_key=_need(scenario["key"], str, "scenario key"),
        language=_need(scenario["language"], str, "language"),
        score_name=_need(score["name"], str, "score name"),
        final_score=_need(score["final"], int, "final score"),
        tier_name=_need(tier["name"], str, "tier name"),
        tier_index=tier_index,
        tier_count=tier_count,
        path=path,
        causes=causes,
        choices=choices,
        claims=claims,
        before=before,
        after=after,
        nickname=clean_nickname(_need(data.get("nickname", ""), str, "nickname")),
        seed=_need(data.get("seed", 0), int, "seed"),
    )
