"""Cause 1 of issue 9: control characters that escapes produce, and text printed or drawn.

The loader refuses them in every scalar on both parsers with a located error; whatever still
reaches a terminal or the window (file names, newlines in values, bidi marks, typed text) goes
through ``game.core.printable.printable``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest
from conftest import scenario_text, write_scenario
from ui_helpers import config, focus_to, frames, key, run, scene, shot

from game.cli import main
from game.core.checker import check_file, check_text
from game.core.diagnostics import SHOWN_CHARS, Diagnostic
from game.core.printable import printable

ESCAPES = ["\\0", "\\e", "\\r", "\\x1b", "\\x7f", "\\x85", "\\a", "\\x9b", "\\b", "\\v"]


def _errors(text: str) -> list[Diagnostic]:
    result = check_text(text.encode("utf-8"), "s.yaml")
    assert result.scenario is None
    return [d for d in result.diagnostics if d.is_error]


@pytest.mark.parametrize("escape", ESCAPES)
def test_an_escape_making_a_control_character_is_a_located_error(escape: str, parser: bool) -> None:
    text = scenario_text("[]").replace('title: "Test Town"', f'title: "Test{escape}Town"')
    (error,) = _errors(text)
    assert (error.line, error.col) == (3, 8)
    assert "control character" in error.message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('name: "Ana Li"', 'name: "Ana\\0Li"'),
        ('text: "Best noodles in town!"', 'text: "Best\\e[2J noodles"'),
        ('summary: "What this test scenario shows."', 'summary: "Over\\0"'),
        ("id: ana\n", 'id: "ana\\r"\n'),
        ('name: "Mina"', 'name: "Mi\\u009bna"'),
    ],
)
def test_every_kind_of_scalar_is_checked(old: str, new: str, parser: bool) -> None:
    text = scenario_text("[]")
    assert old in text
    text = text.replace(old, new, 1)
    line = text[: text.index(new)].count("\n") + 1
    errors = _errors(text)
    assert [e.line for e in errors] == [line] and "control character" in errors[0].message


def test_a_notice_with_a_nul_is_refused(parser: bool) -> None:
    rules = '- {id: nul, when: player_posts, then: [{notify: "done\\0"}]}'
    (error,) = _errors(scenario_text(rules))
    assert "U+0000" in error.message and error.line > 60


def test_a_lone_surrogate_is_refused_by_both_parsers(parser: bool) -> None:
    text = scenario_text("[]").replace('title: "Test Town"', 'title: "Town \\ud800"')
    (error,) = _errors(text)
    assert error.line == 3


def test_tabs_and_newlines_stay_allowed(parser: bool) -> None:
    text = scenario_text("[]").replace('title: "Test Town"', 'title: "Test\\tTown\\nTwo"')
    assert check_text(text.encode(), "s.yaml").scenario.title == "Test\tTown\nTwo"


def test_printable_escapes_what_a_terminal_or_font_cannot_take() -> None:
    assert printable("plain text, ñ, 中文, emoji 🎉\ttab") == "plain text, ñ, 中文, emoji 🎉\ttab"
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("x\ny") == "x\\x0ay" and printable("x\ny", newlines=True) == "x\ny"
    shown = "\\x0d\\x00\\x7f\\x85\\ud800\\u202e\\u2028"
    assert printable("\r\0\x7f\x85\ud800\u202e\u2028") == shown


def test_check_output_cannot_be_forged_by_a_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = '- {id: forge, when: player_posts, then: [{add_post: "x\\n0 error(s), 0 warning(s)"}]}'
    path = write_scenario(tmp_path, rules)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("1 error(s), ")
    assert "0 error(s), 0 warning(s)" not in out.splitlines()


def test_an_escape_in_a_file_name_never_reaches_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "evil\x1b[2J\rAll checks passed"
    folder.mkdir()
    path = write_scenario(folder, "[]", name="s.yaml")
    main(["check", str(path)])
    main(["check", str(folder / "missing.yaml")])
    main(["explain", str(folder / "missing.yaml")])
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\r" not in stream


def test_explain_cannot_be_forged_by_a_newline_in_a_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = '- {id: n, when: player_posts, then: [{notify: "hi\\nWhen the game starts: +900"}]}'
    assert main(["explain", str(write_scenario(tmp_path, rules))]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert not any(line.startswith("When the game starts: +900") for line in lines)
    assert any("hi\\x0aWhen the game starts" in line for line in lines)


def test_simulate_prints_a_bidi_override_as_an_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_scenario(tmp_path, "[]")
    path.write_text(path.read_text().replace("Test Town", "Town \u202eevil"), encoding="utf-8")
    assert main(["simulate", str(path), "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "Town \\u202eevil" in out


def test_long_lines_are_cut_as_the_checker_cuts_them() -> None:
    d = Diagnostic("x.yaml", 1, 999_990, "error", "m" * 5000, "h" * 5000, "y" * 1_000_000)
    assert all(len(line) < 500 for line in d.format().splitlines())
    assert len(d.shown_source()) <= SHOWN_CHARS + 4


def test_drawing_any_string_never_raises() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.init()
    try:
        from game.ui.text import TextCache
        from game.ui.theme import Theme

        cache = TextCache(Theme.for_size(1280, 800))
        for text in ("nul\0here", "lone \ud83d half", "esc \x1b[2J", "bidi \u202e", "\r\n"):
            assert cache.render(text, "body", (0, 0, 0)).get_width() > 0
            assert cache.wrap(text, "body", 300)
            assert cache.fit(text, "body", 40)
            assert cache.width(text, "body") > 0
    finally:
        pygame.quit()


def test_a_nul_title_in_the_folder_lists_as_broken_and_its_errors_show(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write_scenario(folder, "[]", name="a-good.yaml")
    bad = write_scenario(folder, "[]", name="b-bad.yaml")
    bad.write_text(bad.read_text().replace('"Test Town"', '"Test\\0Town"'), encoding="utf-8")
    raw = write_scenario(folder, "[]", name="c-raw.yaml")
    raw.write_bytes(raw.read_bytes().replace(b"Test Town", b"Test\x1b[2JTown" + b"y" * 300_000))

    def body(app):
        yield from frames(2)
        assert [e.scenario is None for e in app.top.entries] == [False, True, True]
        shot(app, "hostile-title-broken-entries")
        yield from focus_to(app, "picker")
        key(pygame.K_DOWN)
        key(pygame.K_RETURN)
        yield from frames(2)
        assert scene(app) == "ErrorScene"
        assert all(len(line) < 1000 for line in app.top.lines)
        shot(app, "hostile-error-screen")
        key(pygame.K_ESCAPE)
        yield from frames(2)
        assert scene(app) == "TitleScene"

    run(config(tmp_path, scenarios_dir=folder), body)


def test_a_check_rejected_file_opens_the_error_screen_without_crashing(tmp_path: Path) -> None:
    bad = write_scenario(tmp_path, "[]")
    bad.write_bytes(bad.read_bytes().replace(b"Test Town", b"T\x00\x1b" + b"z" * 1_000_000))

    def body(app):
        yield from frames(3)
        assert scene(app) == "ErrorScene"
        assert app.top.lines

    run(config(tmp_path, scenario_path=str(bad)), body)
    assert check_file(bad).diagnostics[0].line == 3
