"""Look and sound: every script renders with a real glyph, every asset is credited, the tier
palette survives colour blindness, faces never crash on bad pictures, settings are remembered,
and the game's sounds play (into SDL's dummy audio driver)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pytest

from game.assets import FONT_FILES, SOUNDS, assets_dir
from game.core import commands as cmd
from game.core import saves
from game.core.checker import check_file
from game.core.codes import text as said
from game.core.views import Notice
from game.ui import settings as st
from game.ui import theme as th
from game.ui.app import App, init_pygame
from game.ui.avatars import MAX_IMAGE_BYTES, Avatars, Face, face_color, initials, read_image
from game.ui.scenes.messages import conversations
from game.ui.text import TextCache
from game.ui.theme import Theme
from tests.colorvision import DEUTERANOPIA, PROTANOPIA, delta_e, simulate
from tests.ui_helpers import config, shipped_scenarios

SAMPLES = {
    "latin": "Ça déjà vu: naïve Ærøskøbing, Łódź, Ñandú, Őrség, ẞ",
    "cyrillic": "Съешь же ещё этих мягких французских булок",
    "greek": "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία",
    "chinese": "我的社会信用分数是多少？朋友们都能看到。",
    "japanese": "スコアが下がった。友だちに見られている。",
    "korean": "내 점수는 모두가 볼 수 있어요. 다람쥐 헌 쳇바퀴에 타고파",
    "emoji": "😀 👍 🔥 ❤ 😢 🎉 🙏 🤔 💯 👀",
    "signs": "−40 +40 ▲ ▼ → ← © € …",
}


@pytest.fixture(scope="module")
def text() -> TextCache:
    pygame.font.init()
    return TextCache(Theme.for_size(1280, 800))


def _pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_every_script_renders_real_glyphs_not_the_missing_glyph_box(
    text: TextCache, script: str
) -> None:
    """Each character is drawn by a font that has it, and its image differs from that font's
    missing-glyph box (drawn for a private-use character no font has)."""
    line = SAMPLES[script]
    surface = text.render(line, "body", (255, 255, 255))
    assert surface.get_width() > 0
    size = text.theme.font_size("body")
    for role, run in text.fonts.runs(line, bold=False):
        font = text.fonts.font(role, size)
        box = _pixels(font.render("\ue000", True, (255, 255, 255)))
        for ch in run:
            if ch.isspace():
                continue
            assert ord(ch) in text.fonts.cover(role), f"{ch!r} drawn by {role} without a glyph"
            glyph = _pixels(font.render(ch, True, (255, 255, 255)))
            assert glyph != box, f"{ch!r} ({script}) renders as the missing-glyph box"


def test_fallback_runs_switch_font_per_run(text: TextCache) -> None:
    runs = text.fonts.runs("Hi 你好 😀!", bold=True)
    assert [role for role, _ in runs] == ["bold", "cjk", "emoji", "bold"]
    assert "".join(r for _, r in runs) == "Hi 你好 😀!"


def test_text_without_spaces_wraps_between_characters(text: TextCache) -> None:
    lines = text.wrap("我的社会信用分数是多少朋友们都能看到" * 3, "body", 200)
    assert len(lines) > 2 and all(text.width(line, "body") <= 200 for line in lines)


def test_every_asset_file_is_named_in_the_credits() -> None:
    root = assets_dir()
    credits = (root / "CREDITS.md").read_text("utf-8")
    files = [p for p in root.rglob("*") if p.is_file() and p.name != "CREDITS.md"]
    assert files, "assets/ is empty"
    missing = [str(p.relative_to(root)) for p in files if f"`{p.relative_to(root)}`" not in credits]
    assert not missing, f"not in assets/CREDITS.md: {missing}"


def test_the_bundled_fonts_and_sounds_exist() -> None:
    for name in FONT_FILES.values():
        assert (assets_dir() / "fonts" / name).stat().st_size > 1000
    for name in SOUNDS:
        assert (assets_dir() / "sounds" / f"{name}.ogg").read_bytes()[:4] == b"OggS"


def _min_distance(colors: list[th.Color]) -> float:
    return min(delta_e(a, b) for i, a in enumerate(colors) for b in colors[i + 1 :])


@pytest.mark.parametrize("matrix", [PROTANOPIA, DEUTERANOPIA], ids=["protanopia", "deuteranopia"])
@pytest.mark.parametrize("count", [2, 3, 4, 5, 6])
def test_tier_colours_stay_apart_for_colour_blind_players(matrix, count: int) -> None:
    colors = [simulate(th.tier_color(i, count), matrix) for i in range(count)]
    assert _min_distance(colors) >= 15


@pytest.mark.parametrize("matrix", [PROTANOPIA, DEUTERANOPIA], ids=["protanopia", "deuteranopia"])
def test_shipped_scenarios_tier_badges_and_score_changes_stay_apart(matrix) -> None:
    for path in shipped_scenarios():
        tiers = check_file(path).scenario.tiers
        colors = [simulate(th.tier_color_of(tiers, i), matrix) for i in range(len(tiers))]
        assert _min_distance(colors) >= 15, path.name
    assert delta_e(simulate(th.GAIN, matrix), simulate(th.LOSS, matrix)) >= 40


def test_the_simulation_merges_red_and_green_as_the_papers_say() -> None:
    """Guard against a broken simulation that would pass anything: pure red and green, far
    apart for full colour vision, come close for deuteranopes."""
    red, green = (200, 60, 40), (60, 160, 40)
    assert delta_e(red, green) > 60
    assert delta_e(simulate(red, DEUTERANOPIA), simulate(green, DEUTERANOPIA)) < 25


def test_a_scenario_may_set_its_tier_colours(tmp_path: Path) -> None:
    from game.core.checker import check_text

    src = (Path("scenarios") / "template.yaml").read_text("utf-8")
    marker = "tiers:"
    assert marker in src
    result = check_file(Path("scenarios") / "template.yaml")
    first = result.scenario.tiers[0]
    colored = src.replace(f"id: {first.id},", f"id: {first.id}, color: '#112233',", 1)
    assert colored != src, "the template's first tier should be a one-line {id: ...} mapping"
    checked = check_text(colored.encode(), "t.yaml", Path("scenarios"))
    assert checked.ok, [d.message for d in checked.diagnostics]
    assert th.tier_color_of(checked.scenario.tiers, 0) == (0x11, 0x22, 0x33)
    bad = check_text(src.replace(f"id: {first.id},", f"id: {first.id}, color: red,", 1).encode())
    assert any("'#rrggbb'" in (d.hint or "") for d in bad.diagnostics)


def test_generated_faces_are_deterministic_and_readable(text: TextCache) -> None:
    assert initials("Mei Chen") == "MC" and initials("王芳") == "王" and initials("news") == "N"
    assert initials("Dragon Raid 3 (videojuego)") == "DV"  # seen: "D("
    assert initials("(news)") == "N" and initials("42") == "4"
    assert face_color("mei") == face_color("mei")
    avatars = Avatars(text)
    a = avatars.get(Face("mei", "Mei Chen"), 48)
    b = Avatars(text).get(Face("mei", "Mei Chen"), 48)
    assert a.get_size() == (48, 48) and _pixels(a) == _pixels(b)
    assert a.get_at((0, 0)).a == 0  # a person is a circle
    assert Avatars(text).get(Face("news", "Daily", account=True), 48).get_at((1, 24)).a == 255


def test_a_scenario_picture_is_used_and_bad_pictures_fall_back(tmp_path: Path, text) -> None:
    picture = pygame.Surface((30, 20))
    picture.fill((0, 200, 0))
    pygame.image.save(picture, str(tmp_path / "good.png"))
    (tmp_path / "broken.png").write_bytes(b"\x89PNG not really")
    (tmp_path / "huge.png").write_bytes(b"\0" * (MAX_IMAGE_BYTES + 1))
    (tmp_path / "folder.png").mkdir()
    (tmp_path / "link.png").symlink_to(tmp_path / "good.png")
    assert read_image("good.png", (tmp_path,)) is not None
    for name in ("broken.png", "huge.png", "folder.png", "link.png", "missing.png", "../good.png"):
        assert read_image(name, (tmp_path,)) is None, name
    avatars = Avatars(text)
    avatars.set_scenario_folder(tmp_path)
    good = avatars.get(Face("x", "X Y", image="good.png"), 40)
    assert good.get_at((20, 20))[:3] == (0, 200, 0)
    fallback = avatars.get(Face("x", "X Y", image="broken.png"), 40)
    assert _pixels(fallback) == _pixels(Avatars(text).get(Face("x", "X Y"), 40))


def test_settings_are_remembered_and_a_damaged_file_gives_defaults(tmp_path: Path) -> None:
    store = saves.FileStore(tmp_path / "settings.json")
    chosen = st.Settings().step("text_size", 2).toggle("reduced_motion").toggle("sound")
    assert st.save(store, chosen) is None
    assert st.load(store) == chosen
    (tmp_path / "settings.json").write_text('{"text_size": 99, "sound": "yes", "notices": 0}')
    loaded = st.load(store)
    assert loaded.text_size == st.Settings().text_size and loaded.sound is True
    assert loaded.notices == 0
    (tmp_path / "settings.json").write_text("not json {")
    assert st.load(store) == st.Settings()
    assert st.Settings().step("text_size", 10).text_size == len(th.TEXT_SIZES) - 1


def _app(tmp_path: Path, **kw) -> App:
    init_pygame()
    cfg = config(tmp_path, settings_store=saves.FileStore(tmp_path / "settings.json"), **kw)
    app = App(cfg, surface=pygame.Surface(cfg.size))
    scenario = check_file("scenarios/viral-score.yaml").scenario
    app.flow.start_game(scenario, "scenarios/viral-score.yaml")
    app.top.activate("close", None)  # "Start day 1" on the briefing card: the day's news
    return app


def test_a_larger_text_size_reflows_and_is_stored(tmp_path: Path) -> None:
    app = _app(tmp_path)
    before = app.ctx.text.line_height("body")
    feed_top = app.top.feed.rect.y
    app.apply_settings(app.settings.step("text_size", 2))
    assert app.ctx.text.line_height("body") > before
    assert app.top.feed.rect.y > feed_top  # the navigation rows grew, the feed moved down
    assert st.load(app.config.settings_store).text_size == app.settings.text_size
    app.draw(app.surface)


def test_score_changes_play_sounds_and_float_unless_reduced(tmp_path: Path) -> None:
    app = _app(tmp_path)
    assert pygame.mixer.get_init(), "the dummy audio driver should start the mixer"
    assert app.audio.available
    app.flow.command(cmd.EndDay())
    assert "day_end" in app.audio.played
    report = next(p for p in app.session.game.feed if p.friend_id)
    before = app.session.game.player.score
    app.flow.command(cmd.ReportPost(report.uid))
    delta = app.session.game.player.score - before
    if delta:
        assert ("score_up" if delta > 0 else "score_down") in app.audio.played[-2:] or (
            "tier" in app.audio.played
        )
        assert app.motion.floats
    app.apply_settings(app.settings.toggle("sound").toggle("reduced_motion"))
    app.motion.clear()
    played = list(app.audio.played)
    app.flow.command(cmd.EndDay())
    assert app.audio.played == played  # muted
    assert not app.motion.floats


def test_a_tier_change_is_a_moment(tmp_path: Path) -> None:
    app = _app(tmp_path)
    game = app.session.game
    start = game.player.tier.id
    for _ in range(40):
        if game.over or game.player.tier.id != start:
            break
        friend = next((p for p in game.feed if p.friend_id and not p.reported), None)
        app.flow.command(cmd.ReportPost(friend.uid) if friend else cmd.EndDay())
        while len(app.stack) > 1:
            app.pop()
    assert game.player.tier.id != start, "reporting friends' posts should change the tier"
    assert "tier" in app.audio.played
    assert app.motion.banner is not None and game.player.tier.name in app.motion.banner.title


def test_messages_are_grouped_by_sender_newest_conversation_first() -> None:
    log = [
        Notice("message", said("hi"), 1, friend="mei"),
        Notice("notify", said("score is live"), 1),
        Notice("score", said("-4"), 1),
        Notice("message", said("again"), 2, friend="jun"),
        Notice("message", said("still there?"), 2, friend="mei"),
    ]
    threads = conversations(log)
    assert [sender for sender, _ in threads] == ["mei", "jun", None]
    assert [str(n.said) for n in threads[0][1]] == ["hi", "still there?"]


def test_missing_or_damaged_fonts_fall_back_to_pygames_own(tmp_path: Path) -> None:
    pygame.font.init()
    (tmp_path / "damaged.ttf").write_bytes(b"not a font at all")
    from game.ui.text import FontSet

    fonts = FontSet({"regular": tmp_path / "damaged.ttf", "bold": tmp_path / "missing.ttf"})
    cache = TextCache(Theme.for_size(800, 600), fonts=fonts)
    assert cache.render("Hello 你好", "heading", (255, 255, 255)).get_width() > 0
    assert fonts.path("regular") is None and fonts.path("cjk") is None


def test_keyboard_reaches_messages_and_settings_and_settings_persist(tmp_path: Path) -> None:
    """M opens the messages; Esc, Settings, Larger: the text grows and is kept for next time."""
    from tests.ui_helpers import focus_to, frames, key, letter, past_briefing, run, scene, shot

    store = saves.FileStore(tmp_path / "settings.json")
    cfg = config(tmp_path, scenario_path="scenarios/viral-score.yaml", settings_store=store)
    seen = {}

    def body(app):
        yield
        key(pygame.K_RETURN)  # New game on the title screen
        yield from frames(3)
        yield from past_briefing(app)
        letter("m")
        yield from frames(2)
        assert scene(app) == "MessagesScene"
        shot(app, "look-messages")
        key(pygame.K_ESCAPE)
        yield from frames(2)
        key(pygame.K_ESCAPE)
        yield from frames(2)
        assert scene(app) == "MenuScene"
        yield from focus_to(app, "settings")
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "SettingsScene"
        seen["before"] = app.ctx.text.line_height("body")
        yield from focus_to(app, "text_size:+1")
        key(pygame.K_RETURN)
        yield from frames(2)
        seen["after"] = app.ctx.text.line_height("body")
        shot(app, "look-settings-larger")

    run(cfg, body)
    assert seen["after"] > seen["before"]
    assert st.load(store).text_size == st.Settings().text_size + 1
