"""Findings of the second new-player trial of the look (issue 12): each test names what was seen.

English and Spanish wherever words are involved; the app runs for real (headless) where a screen
is involved.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pygame
import pytest
from ui_helpers import SCENARIOS, config, end_the_day, frames, key, new_game, run, scene

from game.core import commands as cmd
from game.core.checker import check_file
from game.core.codes import Code, text
from game.core.explain import say
from game.core.game import LAST_DAY, Game
from game.core.views import Notice
from game.ui import settings as st
from game.ui.cards import Author, Bubble, Card, CardButton, Counts, Delta, Line
from game.ui.guide import BUTTONS, step_text
from game.ui.listview import CardList
from game.ui.present import count, friend_card, notice_card, post_card, post_face
from game.ui.scenes.composer import ComposerScene
from game.ui.scenes.panels import FriendsScene, PerksScene
from game.ui.scenes.person import PersonScene
from game.ui.strings import Strings
from game.ui.text import TextCache
from game.ui.theme import Theme
from game.ui.widgets import Button

FILES = {"en": "viral-score.yaml", "es": "viral-score.es.yaml"}
LANGUAGES = pytest.mark.parametrize("language", ["en", "es"])


def _config(tmp_path: Path, language: str, **kw: object):
    return config(tmp_path, scenario_path=str(SCENARIOS / FILES[language]), **kw)


def _game(language: str) -> Game:
    return Game(check_file(SCENARIOS / FILES[language]).scenario, 7)


def texts(card: Card) -> list[str]:
    """Every text a card shows."""
    out: list[str] = []
    for part in card.parts:
        if isinstance(part, (Line, Delta, Bubble)):
            out.append(part.text)
        elif isinstance(part, Author):
            out += [part.name, part.handle, *(label for label, _ in part.badges)]
        elif isinstance(part, Counts):
            out += [label for _, label, _ in part.items]
        elif hasattr(part, "items") and hasattr(part, "lead"):
            out += [part.lead, *(label for label, _ in part.items)]
    return out


def focused_control(sc: object) -> Button | CardButton | None:
    """The button a scene's keyboard focus is on: a button, or a card list's chosen button."""
    item = sc.focus.current
    if isinstance(item, CardList):
        if not item.has_selection:
            return None
        buttons = item.cards[item.selected].buttons
        return buttons[min(item.button, len(buttons) - 1)] if buttons else None
    return item if isinstance(item, Button) else None


# ----------------------------------------------------------------------------- 1: odd strings
@LANGUAGES
def test_comments_on_the_players_own_post_say_your_post(tmp_path, language) -> None:
    """Seen: "Comments on You's post" over the player's own post."""
    seen = {}

    def body(app):
        yield
        yield from new_game(app)
        app.flow.command(cmd.Post(text="Hello everyone"))
        mine = next(p for p in app.session.game.feed if p.by_player)
        app.push(ComposerScene(app.flow, comment_on=mine.uid))
        yield from frames(2)
        seen["title"] = app.top.title()

    run(_config(tmp_path, language), body)
    assert seen["title"] == Strings(language)("comments.title.yours")
    assert seen["title"] in ("Comments on your post", "Comentarios a tu publicación")


def _gaps(surface: pygame.Surface) -> list[int]:
    """The widths of the blank columns between inked columns, left to right."""
    inked = [
        x
        for x in range(surface.get_width())
        if any(surface.get_at((x, y))[3] > 60 for y in range(surface.get_height()))
    ]
    return [b - a - 1 for a, b in pairwise(inked) if b - a > 1]


@LANGUAGES
@pytest.mark.parametrize("words", ["messages.count", "count.times"])
def test_a_number_and_its_word_are_drawn_apart(language, words) -> None:
    """Seen: "14messages", "4times" (the space was in the text, but after Noto Sans's
    equal-width digits it looked no wider than the gap inside "14")."""
    pygame.font.init()
    s = Strings(language)
    line = s(words, n=14)
    assert line.startswith("14 ")
    for size, style in (((1280, 800), "small"),):
        cache = TextCache(Theme.for_size(*size))
        gaps = _gaps(cache.render(line, style, (255, 255, 255)))
        inside, after = gaps[0], gaps[1]  # between "1" and "4", then between "4" and the word
        assert after >= inside + 2, (style, gaps[:3])
        assert cache.render(line, style, (255, 255, 255)).get_width() == cache.width(line, style)


@LANGUAGES
def test_a_perk_that_ends_says_so_in_a_sentence(language) -> None:
    """Seen: "Train tickets blocked no longer applies." """
    said = say(Code.of("notice.perk_lost", name="Train tickets blocked"), language)
    assert (
        said
        == {
            "en": "No longer applies: Train tickets blocked.",
            "es": "Ya no se aplica: Train tickets blocked.",
        }[language]
    )


@LANGUAGES
def test_the_end_of_the_last_day_is_said_once(tmp_path, language) -> None:
    """Seen: "The game ended: The last day is over." three times in a row (the day's summary
    headline, its list of what happened, then the ending card)."""
    from game.ui.scenes.ending import EndingScene

    shown: list[str] = []

    def body(app):
        yield
        yield from new_game(app)
        while not app.session.game.over:
            yield from end_the_day(app)
            if scene(app) == "SummaryScene" and not app.session.game.over:
                key(pygame.K_RETURN)
                yield from frames(2)
        assert scene(app) == "SummaryScene"
        for card in app.top.list.cards:
            shown.extend(texts(card))
        app.push(EndingScene(app.flow))
        yield from frames(2)
        for card in app.top.list.cards:
            shown.extend(texts(card))

    run(_config(tmp_path, language), body)
    over = say(LAST_DAY, language)
    assert sum(line.count(over) for line in shown) == 1, shown


@LANGUAGES
def test_a_refusal_under_a_button_starts_with_a_capital(language) -> None:
    """Seen: "you removed this friend today; you can add them again tomorrow"."""
    game = _game(language)
    game.apply(cmd.RemoveFriend("jun"))
    jun = next(f for f in game.friends if f.id == "jun")
    card = friend_card(jun, Strings(language), game.can)
    lines = [p.text for p in card.parts if isinstance(p, Line) and p.icon == "minus"]
    assert lines and all(line[0].isupper() for line in lines), lines


@LANGUAGES
def test_an_account_has_one_face_on_posts_notices_and_toasts(tmp_path, language) -> None:
    """Seen: the City Credit Office as a purple "CO" on its posts, a green "CO" in the day's
    summary and a red "?" on its toasts."""
    faces = {}

    def body(app):
        yield
        yield from new_game(app)
        session = app.session
        post = next(p for p in session.game.feed if p.source == "official")
        notice = Notice("message", text("Low scores pull yours down."), 1, sender=post.author_name)
        app.flow.toasts.clear()
        app.flow.show_notices([notice])
        faces["post"] = post_face(post)
        faces["card"] = post_card(post, 1, app.flow.strings).parts[0].face
        faces["summary"] = notice_card(notice, session.scenario, app.flow.strings, 0).parts[0].face
        faces["toast"] = app.flow.toasts.items[-1].face
        faces["sender"] = session.sender_face(notice)

    run(_config(tmp_path, language), body)
    assert len(set(faces.values())) == 1, faces


# ----------------------------------------------------------------------------- 2: perks page
@LANGUAGES
def test_the_perks_page_says_what_applies_and_why(tmp_path, language) -> None:
    """Seen: "What your tier (Ordinary) changes: Under watch (Penalty, Gained)" over "Ordinary:
    Nothing special", and 3 penalties in force where the tier lists 2."""
    s = Strings(language)
    pages: list[tuple[object, list[list[str]]]] = []

    def body(app):
        yield
        yield from new_game(app)
        for choice in ("ask-crash", "question-score"):  # a rule puts you under watch; you drop
            app.flow.command(cmd.Post(choice=choice))
            app.push(PerksScene(app.flow))
            yield from frames(2)
            pages.append((app.session.game.player, [texts(c) for c in app.top.list.cards]))
            app.pop()

    run(_config(tmp_path, language), body)
    for player, cards in pages:
        flat = [line for card in cards for line in card]
        assert s("perks.intro") == flat[0] and player.tier.name not in flat[0]
        assert "Gained" not in flat and "Ganada" not in flat
        shown = [c for c in cards if c and c[0] in {p.name for p in player.perks}]
        assert [c[0] for c in shown] == [p.name for p in player.perks]  # all in force, no more
        for perk, card in zip(player.perks, shown, strict=True):
            if perk.id in player.by_rule:
                assert s("perks.from_rule.day", day=1) in card
            else:
                assert s("perks.from_tier", tier=player.tier.name) in card
    first, second = pages[0][0], pages[1][0]
    assert [p.id for p in first.perks] == ["under-watch"] and first.by_rule == {"under-watch"}
    assert len(second.perks) == len(second.tier.perks) + 1  # the tier's two, and under watch


def test_the_core_tells_which_perks_a_rule_gave_or_took(tmp_path) -> None:
    from conftest import make_scenario
    from test_effects import _on_post

    game = Game(make_scenario(tmp_path, _on_post("[{lock_perk: no-deposit}]")))
    assert [p.id for p in game.player.perks] == ["no-deposit"] and not game.player.taken
    game.apply(cmd.Post(choice="lunch"))
    assert [p.id for p in game.player.taken] == ["no-deposit"] and not game.player.perks
    game = Game(make_scenario(tmp_path, _on_post("[{unlock_perk: vip}]")))
    game.apply(cmd.Post(choice="lunch"))
    assert game.player.by_rule == {"vip"}


# ----------------------------------------------------------------------------- 3: who left
@LANGUAGES
def test_who_unfriended_you_is_never_pushed_out_of_the_toasts(tmp_path, language) -> None:
    """Seen: "Your friend list just got shorter" with no name: five important toasts (a tier
    change, three penalties) had pushed "Mei Chen unfriended you." out."""
    seen = {}

    def body(app):
        yield
        yield from new_game(app)
        app.flow.toasts.clear()
        for i in range(5):
            app.flow.toasts.add(f"busy {i}", important=True)
        app.flow.command(cmd.ReportFriend("jun"))
        seen["toasts"] = [(t.text, t.face) for t in app.flow.toasts.items]
        seen["face"] = app.session.face("jun")

    run(_config(tmp_path, language), body)
    said = say(Code.of("notice.unfriend", name="Jun Wang"), language)
    assert (said, seen["face"]) in seen["toasts"]


# ----------------------------------------------------------------------------- 4: comments
@LANGUAGES
def test_every_comment_counted_can_be_read(tmp_path, language) -> None:
    """Seen: the player's own post said "1 comment", and opening it said other people's
    comments are not shown. The count now counts the comments the game keeps (the player's)."""
    s = Strings(language)
    seen = []

    def body(app):
        yield
        yield from new_game(app)
        app.flow.command(cmd.Post(text="Hello everyone"))
        game = app.session.game
        mine = next(p for p in game.feed if p.by_player)
        friend = next(p for p in game.feed if p.friend_id)
        app.flow.command(cmd.Comment(friend.uid, "Nice"))
        app.flow.command(cmd.Comment(mine.uid, "Thanks for reading"))
        for post in app.session.game.feed:
            app.push(ComposerScene(app.flow, comment_on=post.uid))
            yield from frames(1)
            thread = app.top.thread.cards
            bubbles = sum(isinstance(p, Bubble) for c in thread for p in c.parts)
            seen.append((post.uid, texts(thread[0]), bubbles))
            app.pop()

    run(_config(tmp_path, language), body)
    assert sum(b for _, _, b in seen) == 2
    for uid, header, bubbles in seen:
        assert any(count(s, "count.comments", bubbles) in line for line in header), (uid, header)


# ----------------------------------------------------------------------------- 5: focus
def test_no_sheet_or_dialog_starts_its_focus_on_a_destructive_button(tmp_path) -> None:
    """Seen: a friend's card and a profile started on "Remove" (Report asked first and started
    on Cancel): every sheet and dialog must start on a safe control."""
    from game.ui.scenes.confirm import ask
    from game.ui.scenes.endday import ask_end_day

    seen: list[tuple[str, str | None]] = []

    def look(app) -> None:
        control = focused_control(app.top)
        assert control is None or not control.destructive, (scene(app), control)
        seen.append((scene(app), control.id if control is not None else None))

    def body(app):
        yield
        yield from new_game(app)
        look(app)
        for letter in "pfmkshn":
            key(ord(letter), unicode=letter)
            yield from frames(2)
            look(app)
            app.pop()
        game = app.session.game
        app.flow.command(cmd.RemoveFriend("mei"))  # a non-friend's card too
        for person in game.friends:
            app.push(PersonScene(app.flow, person.id))
            yield from frames(1)
            look(app)
            app.pop()
        app.push(FriendsScene(app.flow))
        yield from frames(1)
        look(app)
        ask(app.flow, "Remove?", "Sure?", "Remove", lambda: None)
        yield from frames(1)
        look(app)
        app.pop()
        app.pop()
        ask_end_day(app.flow)
        yield from frames(1)
        look(app)

    run(config(tmp_path), body)
    assert ("FriendsScene", "profile") in seen and ("ConfirmScene", "cancel") in seen
    assert ("ConfirmScene", "keep") in seen
    assert any(name == "PersonScene" for name, _ in seen)


# ----------------------------------------------------------------------------- 6: guide
@LANGUAGES
@pytest.mark.parametrize("size", [(800, 536), (480, 360)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_guide_names_each_button_as_shown_at_the_largest_text(tmp_path, language, size):
    """The guide names the toolbar's buttons by the labels they show now (short ones in a small
    window at the largest text), and its strip shows every line of the sentence (the button's
    name comes last: it was cut off when the sentence needed three lines)."""
    seen = []

    def body(app):
        yield
        yield from new_game(app)
        app.apply_settings(st.Settings().step("text_size", 10))
        yield from frames(2)
        play = app.top
        labels = {b.id: b.label for b in play.nav}
        ctx, rect = play.ctx, play.guide_rect
        width = play.skip.rect.x - rect.x - ctx.theme.px(24)
        for step, button in BUTTONS.items():
            said = step_text(step, app.flow.strings, play.guide_button_label(step))
            lines = ctx.text.wrap(said, "body", width)
            room = (rect.h - ctx.theme.px(8)) // ctx.text.line_height("body")
            seen.append((labels[button], lines, room))

    run(_config(tmp_path, language, size=size), body)
    assert seen[0][0] in ("Post", "Publicar")  # the short label
    for label, lines, room in seen:
        assert f"\u201c{label}\u201d" in " ".join(lines)
        assert len(lines) <= room, (lines, room)


# ----------------------------------------------------------------------------- 7: flags
def test_a_flag_is_drawn_as_a_badge_with_its_country_code() -> None:
    """Seen: "🇨🇳" showed as the letters "C N" (the bundled monochrome emoji font has the
    letters but no flags)."""
    from game.ui.text import FLAG

    pygame.font.init()
    cache = TextCache(Theme.for_size(1280, 800))
    line = "#libertad 😀🇨🇳 and 🇺🇸"
    runs = cache.fonts.runs(line, False)
    assert (FLAG, "CN") in runs and (FLAG, "US") in runs
    image = cache.render(line, "body", (255, 255, 255))
    assert image.get_width() == cache.width(line, "body")
    alone = cache.render("🇨🇳", "body", (255, 255, 255))
    assert alone.get_width() == cache.width("🇨🇳", "body") > 0
    assert cache.fonts.runs("🇨", False)[0][0] != FLAG  # a single letter is no flag
