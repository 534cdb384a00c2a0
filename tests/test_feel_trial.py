"""Findings of the second new-player trial (feel-trial.md), each checked where a player sees it:
plural forms, declined requests, messages that agree with the bar, reasons for greyed buttons."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from game.ui.scenes.endday import left_text
from game.ui.strings import Strings


@pytest.mark.parametrize(
    ("language", "posts", "unread", "expected"),
    [
        ("en", 1, 1, "You can still publish 1 ready-made post and react to 1 of today's posts."),
        ("en", 8, 3, "You can still publish 8 ready-made posts and react to 3 of today's posts."),
        (
            "es",
            1,
            1,
            "Aún puedes publicar 1 publicación ya escrita y reaccionar a 1 publicación de hoy.",
        ),
        (
            "es",
            9,
            2,
            "Aún puedes publicar 9 publicaciones ya escritas y reaccionar a 2 publicaciones de hoy.",
        ),
    ],
)
def test_what_is_left_today_uses_singular_and_plural(language, posts, unread, expected) -> None:
    """Seen: "8 ready-made post(s)" and "9 publicación(es) ya escrita(s)"."""
    flow = SimpleNamespace(strings=Strings(language))
    assert left_text(flow, posts, unread) == expected
