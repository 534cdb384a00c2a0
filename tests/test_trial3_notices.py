"""Findings of the third new-player trial: notices (toasts), the friends list."""

from __future__ import annotations

import pygame
import ui_helpers as h

from game.core import commands as cmd
from game.ui import theme as th

VIRAL = h.SCENARIOS / "viral-score.yaml"


def test_a_friend_who_leaves_stays_in_place_and_a_click_reports_who_it_meant(tmp_path) -> None:
    """Seen: Mei dropped the player while the Friends sheet was open; her card changed and the
    cards below moved, so a click meant for "Report Jun" opened "Report Lin Zhao?". Now a friend
    who left keeps her place (greyed, saying she left) and every other card stays where it was:
    a real click on Jun's Report asks about Jun."""
    seen: dict[str, object] = {}

    def body(app):
        yield from h.new_game(app)
        game = app.session.game
        h.letter("f")
        yield from h.frames(3)
        friends = app.top
        assert h.scene(app) == "FriendsScene"
        before = list(zip([c.key for c in friends.list.cards], friends.list.offsets, strict=True))
        left: list[str] = []
        for n in range(6):  # political posts until an anxious friend leaves
            was = dict(game.world.is_friend)
            words = ("stock crash", "censorship", "free speech", "corruption", "petition", "1989")
            done = app.flow.command(cmd.Post(text=f"Why {words[n]}? Day {n}."))
            assert done is not None, [t.text for t in app.flow.toasts.items]
            yield from h.frames(3)
            left = [f for f, yes in was.items() if yes and not game.world.is_friend[f]]
            if left:
                break
        assert left, "an anxious friend should leave after political posts"
        assert h.scene(app) == "FriendsScene"
        after = list(zip([c.key for c in friends.list.cards], friends.list.offsets, strict=True))
        assert after == before, "no card may move while the sheet is open"
        gone = next(c for c in friends.list.cards if c.key == ("friend", left[0]))
        seen["gone"] = repr(gone.parts)
        seen["dim"] = gone.accent == th.BORDER
        target = next(f.id for f in game.friends if game.world.is_friend[f.id])
        friends.list.select(("friend", target), "report")
        yield from h.frames(20)
        h.click(friends.list.button_rect(("friend", target), "report").center)
        yield from h.frames(3)
        assert h.scene(app) == "ConfirmScene"
        seen["asked"] = app.top.title
        seen["name"] = app.session.friend_name(target)

    h.run(h.config(tmp_path, scenario_path=str(VIRAL)), body)
    assert seen["name"] in seen["asked"]
    assert "left" in str(seen["gone"]).lower() and seen["dim"]
