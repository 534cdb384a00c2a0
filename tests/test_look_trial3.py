"""Findings of the third new-player trial of the look (issue 12) that the lead fixed: each test
names what was seen. English and Spanish; the app runs for real (headless)."""

from __future__ import annotations

import pytest
from ui_helpers import SCENARIOS, config, frames, new_game, run

from game.ui.cards import Line
from game.ui.scenes.person import PersonScene

FILES = {"en": "viral-score.yaml", "es": "viral-score.es.yaml"}
SAYS = {
    "en": "{name} has not posted anything you can see yet.",
    "es": "{name} aún no ha publicado nada que puedas ver.",
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_profile_without_posts_speaks_of_that_person_not_of_your_feed(tmp_path, language):
    """Seen: Mei's profile, with no posts, said "No posts in your feed yet"."""
    shown: dict[str, list[str]] = {}

    def body(app):
        yield
        yield from new_game(app)
        game = app.session.game
        for person in game.friends:
            app.push(PersonScene(app.flow, person.id))
            yield from frames(1)
            posted = any(p.friend_id == person.id and not p.by_player for p in game.feed)
            if not posted:
                lines = [
                    part.text
                    for card in app.top.cards()
                    for part in card.parts
                    if isinstance(part, Line)
                ]
                shown[person.name] = lines
            app.pop()

    run(config(tmp_path, scenario_path=str(SCENARIOS / FILES[language])), body)
    assert shown, "every friend had posted on day 1: nothing was checked"
    for name, lines in shown.items():
        assert SAYS[language].format(name=name) in lines
