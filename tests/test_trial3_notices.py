"""Findings of the third new-player trial: notices (toasts), the friends list."""

from __future__ import annotations

import os
from dataclasses import replace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest
import ui_helpers as h

from game.core import commands as cmd
from game.ui import theme as th
from game.ui.theme import TEXT_SIZES
from game.ui.toasts import FADE_SECONDS, MAX_WAIT, Toasts

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


def test_a_toast_waits_at_most_its_bound_and_the_players_own_goes_first(ctx) -> None:
    """Seen: the coaching-session receipt appeared about 5 s after the purchase (three notices
    before it took the corner for their whole reading time). Now the toasts showing are cut
    short so no toast waits more than MAX_WAIT, and the player's own feedback goes first."""
    toasts = Toasts()
    for i in range(5):
        toasts.add(f"Notice {i}: your circle moved.", important=True)
    surface = pygame.Surface((1280, 800))
    waited: dict[str, float] = {}
    toasts.draw(surface, ctx, top=100)
    toasts.add("You bought a score coaching session.", own=True)
    for _ in range(600):  # ten seconds at 60 frames a second
        toasts.draw(surface, ctx, top=100)
        for toast in toasts.items:
            if toast.rect is not None and toast.text not in waited:
                waited[toast.text] = toast.waited
        toasts.update(1 / 60)
    assert len(waited) == 6
    assert max(waited.values()) <= MAX_WAIT + 0.05, waited
    assert waited["You bought a score coaching session."] <= FADE_SECONDS + 0.05


def test_a_superseded_tier_toast_is_not_shown(ctx) -> None:
    """Seen: "Red profile" and "Train tickets blocked" still showing after the player had moved
    back up a tier. A toast whose news no longer holds when its turn comes is dropped."""
    toasts = Toasts()
    tier = {"now": "untrustworthy"}
    for i in range(3):
        toasts.add(f"Notice {i}.", important=True)
    toasts.add("You are now in the tier 'Untrustworthy'.", still=lambda: tier["now"] == "low")
    surface = pygame.Surface((1280, 800))
    toasts.draw(surface, ctx, top=100)
    assert toasts.items[-1].rect is None, "the fourth toast waits"
    tier["now"] = "ordinary"  # back up before its turn
    texts = set()
    for _ in range(600):
        toasts.draw(surface, ctx, top=100)
        texts |= {t.text for t in toasts.items if t.rect is not None}
        toasts.update(1 / 60)
    assert "You are now in the tier 'Untrustworthy'." not in texts
    assert len(texts) == 3


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_reading_sheets_hold_toasts_and_never_cover_the_code_or_the_preview(tmp_path, size):
    """Seen: "Saved a copy..." over the end of the code the player must copy exactly (98), a
    notice over the Settings preview (212). On reading sheets only the player's own feedback
    shows, never over the results' teacher box nor the settings' preview post."""
    from game.ui.scenes.results import ResultsScene
    from game.ui.scenes.settings import SettingsScene

    checked = []

    def body(app):
        yield from h.new_game(app)
        for text_size in range(len(TEXT_SIZES)):
            app.apply_settings(replace(app.settings, text_size=text_size))
            app.top.activate("menu", None)
            yield from h.frames(2)
            app.flow.push(SettingsScene(app.flow))
            for i in range(3):
                app.flow.toasts.add(f"Notice {i}. " + "Your circle moved. " * 4, important=True)
            app.flow.toasts.add("Saved a copy in your home folder: results-Sam.json", own=True)
            yield from h.frames(4)
            shown = [t for t in app.flow.toasts.items if t.rect is not None]
            assert [t.text[:5] for t in shown] == ["Saved"], "only the player's own shows"
            preview = app.top.preview_rect()
            assert not shown[0].rect.colliderect(preview), (text_size, shown[0].rect, preview)
            checked.append("settings")
            app.flow.toasts.clear()
            h.key(pygame.K_ESCAPE)
            yield from h.frames(2)
            h.key(pygame.K_ESCAPE)
            yield from h.frames(2)
        while not app.session.game.over:
            app.flow.command(cmd.EndDay())
        app.flow.push(ResultsScene(app.flow))
        yield from h.frames(2)
        for i in range(3):
            app.flow.toasts.add(f"Notice {i}. " + "Your circle moved. " * 4, important=True)
        app.top.activate("export", None)
        yield from h.frames(4)
        shown = [t for t in app.flow.toasts.items if t.rect is not None]
        assert len(shown) == 1, [t.text for t in app.flow.toasts.items]
        box = app.top.rects["box"]
        assert not shown[0].rect.colliderect(box), (shown[0].rect, box)
        checked.append("results")

    h.run(h.config(tmp_path, size=size, scenario_path=str(VIRAL)), body)
    assert checked.count("results") == 1


def test_at_800x600_toasts_cover_at_most_an_eighth_of_the_window(tmp_path) -> None:
    """Seen at 800x600: three notices over about half the feed (202, 204). Toasts are compact
    there (one line and where to read the rest) and together, whole (not only their part over
    the feed), cover at most an eighth of the window below the score bar, at every text size;
    each is at most two lines, so at least two fit in that share."""
    areas = []

    def body(app):
        yield from h.new_game(app)
        for text_size in range(len(TEXT_SIZES)):
            app.apply_settings(replace(app.settings, text_size=text_size))
            for i in range(5):
                app.flow.toasts.add(f"Notice {i}. " + "Your circle moved. " * (i + 1))
            yield from h.frames(4)
            shown = [t.rect for t in app.flow.toasts.items if t.rect is not None]
            width, height = app.surface.get_size()
            below_bar = width * (height - app.flow.hud.rect.bottom)
            area = sum(r.width * r.height for r in shown)
            two_lines = 2 * app.ctx.text.line_height("meta") + app.ctx.theme.px(16)
            assert len(shown) >= 2, (text_size, shown)  # compact: room for more than one
            assert all(r.height <= two_lines for r in shown), (text_size, shown, two_lines)
            assert area <= below_bar / 8, (text_size, area, below_bar)
            areas.append(area)
            app.flow.toasts.clear()

    h.run(h.config(tmp_path, size=(800, 600)), body)
    assert len(areas) == len(TEXT_SIZES)
