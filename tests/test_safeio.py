"""Causes 2 and 3 of issue 9: reads that never end or grow without limit, includes that escape.

Every file the game opens goes through ``game.core.safeio``: real FIFOs (``os.mkfifo``), real
devices (``/dev/zero``), real sparse files and real symbolic links, with a watchdog so a read
that blocks fails the test instead of hanging it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import finishes, scenario_text, write_scenario

from game.core import saves
from game.core.checker import check_file
from game.core.game import Game
from game.core.safeio import ReadError, include_path, read_bounded
from game.core.yamlsafe import YamlError, load_yaml_file
from game.ui.scenes.title import find_scenarios


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# -- the reader itself ---------------------------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "pipe.yaml")
    with pytest.raises(ReadError, match="pipe"):
        finishes(lambda: read_bounded(fifo, 100))


def test_dev_zero_is_refused_as_a_device() -> None:
    with pytest.raises(ReadError, match="device"):
        finishes(lambda: read_bounded("/dev/zero", 100))


def test_a_link_to_dev_urandom_is_refused(tmp_path: Path) -> None:
    (tmp_path / "random.yaml").symlink_to("/dev/urandom")
    with pytest.raises(ReadError, match="device"):
        finishes(lambda: read_bounded(tmp_path / "random.yaml", 100))


def test_a_sparse_2_gb_file_is_refused_by_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(2 << 30)
    with pytest.raises(ReadError, match="too large"):
        finishes(lambda: read_bounded(path, 1 << 20))


def test_a_file_at_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100) == b"x" * 100
    with pytest.raises(ReadError, match="too large"):
        read_bounded(path, 99)


@pytest.mark.parametrize("name", ["words\0.yaml", "", "a\x1bb.yaml", "x" * 5000])
def test_bad_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReadError):
        read_bounded(tmp_path / name if name else name, 100)


def test_a_folder_and_a_missing_file_are_read_errors(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="folder"):
        read_bounded(tmp_path, 100)
    with pytest.raises(ReadError, match="does not exist"):
        read_bounded(tmp_path / "nope.yaml", 100)


def test_include_path_resolves_links_and_stays_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "words.yaml").write_text("x")
    (folder / "alias.yaml").symlink_to(folder / "words.yaml")
    assert include_path(folder, "alias.yaml") == (folder / "words.yaml").resolve()
    (folder / "passwd.yaml").symlink_to("/etc/passwd")
    with pytest.raises(ReadError, match="outside"):
        include_path(folder, "passwd.yaml")
    for name in ("../x.yaml", "sub/x.yaml", ".hidden.yaml", "x\0.yaml"):
        with pytest.raises(ReadError):
            include_path(folder, name)


# -- scenario, include, picker, save ---------------------------------------------------------------


def test_a_fifo_as_the_scenario_is_a_located_error(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "scenario.yaml")
    result = finishes(lambda: check_file(fifo))
    (diag,) = result.diagnostics
    assert (diag.line, diag.col, diag.is_error) == (1, 1, True) and "pipe" in diag.message
    with pytest.raises(YamlError, match="pipe"):
        finishes(lambda: load_yaml_file(fifo))


def _with_include(tmp_path: Path, name: str) -> Path:
    text = scenario_text("[]").replace("days: 3\n", f"days: 3\ninclude: [{name}]\n")
    path = tmp_path / "main.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _include_error(path: Path) -> str:
    result = finishes(lambda: check_file(path))
    assert result.scenario is None
    errors = [d for d in result.diagnostics if d.is_error]
    assert errors and all(d.path == str(path) and d.line > 1 for d in errors)
    return errors[0].message


def test_a_fifo_as_an_include_is_a_located_error(tmp_path: Path, parser: bool) -> None:
    _fifo(tmp_path / "words.yaml")
    assert "pipe" in _include_error(_with_include(tmp_path, "words.yaml"))


def test_dev_zero_linked_as_an_include_is_a_located_error(tmp_path: Path, parser: bool) -> None:
    (tmp_path / "words.yaml").symlink_to("/dev/zero")
    assert "outside" in _include_error(_with_include(tmp_path, "words.yaml"))


def test_an_include_linked_to_etc_passwd_shows_none_of_it(tmp_path: Path, parser: bool) -> None:
    (tmp_path / "words.yaml").symlink_to("/etc/passwd")
    path = _with_include(tmp_path, "words.yaml")
    result = check_file(path)
    assert "outside" in _include_error(path)
    first_line = Path("/etc/passwd").read_text().splitlines()[0]
    assert all(first_line not in d.format() for d in result.diagnostics)


def test_a_valid_file_outside_the_folder_is_not_merged(tmp_path: Path, parser: bool) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "rules.yaml").write_text(
        "rules:\n  - id: sneaky\n    when: player_posts\n"
        "    then: [{change_score: {who: player, by: -300}}]\n"
    )
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "rules.yaml").symlink_to(outside / "rules.yaml")
    assert "outside" in _include_error(_with_include(folder, "rules.yaml"))


def test_a_nul_in_an_include_name_is_a_located_error(tmp_path: Path, parser: bool) -> None:
    path = _with_include(tmp_path, '"words\\0.yaml"')
    result = finishes(lambda: check_file(path))
    errors = [d for d in result.diagnostics if d.is_error]
    assert result.scenario is None and errors and errors[0].line > 1
    assert "U+0000" in errors[0].message


def test_the_picker_skips_fifos_devices_and_huge_files(tmp_path: Path) -> None:
    write_scenario(tmp_path, "[]", name="good.yaml")
    _fifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    with (tmp_path / "sparse.yaml").open("wb") as handle:
        handle.truncate(2 << 30)
    entries = finishes(lambda: find_scenarios(tmp_path))
    assert [Path(e.path).name for e in entries] == ["good.yaml"]
    assert entries[0].scenario is not None


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "sparse"])
def test_a_hostile_save_file_is_a_save_error(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "save.json"
    if kind == "fifo":
        _fifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        with path.open("wb") as handle:
            handle.truncate(2 << 30)
    with pytest.raises(saves.SaveError, match="cannot read the save"):
        finishes(lambda: saves.FileStore(path).read())


def test_a_fifo_as_the_saves_scenario_path_does_not_hang(tmp_path: Path) -> None:
    from game.ui.session import resume

    scenario_path = write_scenario(tmp_path, "[]")
    game_text = saves.save_to_json(Game(check_file(scenario_path).scenario, 1))
    fifo = _fifo(tmp_path / "fifo.yaml")
    text = game_text.replace(str(scenario_path).replace("\\", "\\\\"), str(fifo))
    with pytest.raises(saves.SaveError, match="pipe"):
        finishes(lambda: resume(text, None))


def test_the_picker_looks_at_a_bounded_number_of_files(tmp_path: Path) -> None:
    from game.core.scenariofiles import MAX_FILES

    text = scenario_text("[]")
    for i in range(MAX_FILES + 50):
        (tmp_path / f"s{i:04d}.yaml").write_text(text, encoding="utf-8")
    entries = finishes(lambda: find_scenarios(tmp_path))
    assert len(entries) == MAX_FILES
    assert Path(entries[-1].path).name == f"s{MAX_FILES - 1:04d}.yaml"
