"""The quiz answers of a game in progress, kept next to its save (so closing the game between
the two rounds loses nothing). A separate small JSON text: the save format stays as it is."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from game.core import saves
from game.core.quiz import SCALE
from game.core.results import clean_nickname

QUIZ_FORMAT = 1


def sidecar(store: saves.Store | None) -> saves.Store | None:
    """The store next to a game's save for its quiz answers (None for an unknown kind)."""
    if isinstance(store, saves.FileStore):
        path = store.path
        return saves.FileStore(path.with_name(f"{path.stem}.quiz{path.suffix}"))
    if isinstance(store, saves.LocalStorageStore):
        return saves.LocalStorageStore(store.window, store.key + ".quiz")
    return None


def quiz_to_json(rounds: Mapping[str, Mapping[str, int]], nickname: str) -> str:
    """The answers so far ("before" and "after" ratings by claim id) and the nickname."""
    data = {"format": QUIZ_FORMAT, "rounds": {k: dict(v) for k, v in rounds.items()}}
    return json.dumps({**data, "nickname": nickname})


def load_quiz(text: str) -> tuple[dict[str, dict[str, int]], str]:
    """The answers and nickname kept by :func:`quiz_to_json`. Raises SaveError when damaged."""
    try:
        data: Any = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != QUIZ_FORMAT:
            raise ValueError("not quiz answers of this version")
        rounds = {}
        for name in ("before", "after"):
            ratings = data["rounds"].get(name, {})
            if not isinstance(ratings, dict) or not all(
                isinstance(k, str) and v in SCALE and not isinstance(v, bool)
                for k, v in ratings.items()
            ):
                raise ValueError(f"the {name} ratings are not 1 to 6")
            rounds[name] = dict(ratings)
        nickname = data.get("nickname", "")
        return rounds, clean_nickname(nickname if isinstance(nickname, str) else "")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as err:
        raise saves.SaveError(f"the quiz answers are damaged ({err})") from None
