"""One way to find scenario files: the core decides, and the title screen, the web build and the
tests ask it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from game.core.checker import check_file
from game.core.scenariofiles import is_scenario_file, scenario_files, yaml_files

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = (ROOT / "scenarios" / "template.yaml").read_text("utf-8").replace("\nhidden: true", "\n")
WORDS = 'word_lists:\n  rude: ["boring", "unfair", "stupid"]\n'


def _folder_with_an_include(tmp_path: Path) -> Path:
    """A folder holding a scenario that includes its word lists from words.yaml."""
    folder = tmp_path / "mine"
    folder.mkdir()
    assert WORDS in TEMPLATE
    scenario = TEMPLATE.replace(WORDS, "include: [words.yaml]\n")
    scenario = re.sub(r"(?m)^hidden: true.*\n", "", scenario)  # a teacher's copy is not hidden
    (folder / "my-class.yaml").write_text(scenario, encoding="utf-8")
    (folder / "words.yaml").write_text(WORDS, encoding="utf-8")
    (folder / "notes.txt").write_text("format: 1\n", encoding="utf-8")
    return folder


def test_a_scenario_is_a_yaml_file_with_a_format_key(tmp_path: Path) -> None:
    folder = _folder_with_an_include(tmp_path)
    assert check_file(folder / "my-class.yaml").ok
    assert is_scenario_file(folder / "my-class.yaml")
    assert not is_scenario_file(folder / "words.yaml")
    assert not is_scenario_file(folder / "notes.txt")
    assert not is_scenario_file(folder / "missing.yaml")
    (folder / "dir.yaml").mkdir()
    assert not is_scenario_file(folder / "dir.yaml")


def test_a_commented_format_line_does_not_make_a_scenario(tmp_path: Path) -> None:
    part = tmp_path / "part.yml"
    part.write_text("# format: 1\nword_lists: {a: [b]}\n", encoding="utf-8")
    assert not is_scenario_file(part)
    part.write_text("word_lists: {a: [b]}\nformat: 1\n", encoding="utf-8")
    assert is_scenario_file(part)


def test_listing_a_folder_gives_scenarios_apart_from_their_parts(tmp_path: Path) -> None:
    folder = _folder_with_an_include(tmp_path)
    (folder / "second.YML").write_text(TEMPLATE, encoding="utf-8")
    assert [p.name for p in scenario_files(folder)] == ["my-class.yaml", "second.YML"]
    assert [p.name for p in yaml_files(folder)] == ["my-class.yaml", "second.YML", "words.yaml"]
    assert scenario_files(tmp_path / "missing") == []


def test_the_shipped_folder_holds_only_scenarios() -> None:
    folder = ROOT / "scenarios"
    assert scenario_files(folder) == yaml_files(folder) != []


def test_the_title_screen_lists_what_the_core_calls_scenarios(tmp_path: Path) -> None:
    from game.ui.scenes.title import find_scenarios

    folder = _folder_with_an_include(tmp_path)
    entries = find_scenarios(folder)
    assert [Path(e.path).name for e in entries] == ["my-class.yaml"]
    assert entries[0].scenario is not None


def test_a_web_build_ships_a_scenario_with_its_included_word_lists(tmp_path: Path) -> None:
    from test_web_build import APK, run_web

    folder = _folder_with_an_include(tmp_path)
    out = tmp_path / "out"
    code, printed, errors = run_web(["build", "--scenarios", str(folder), "--out", str(out)])
    assert code == 0, errors
    assert "1 scenario: my-class.yaml" in printed
    with zipfile.ZipFile(out / APK) as archive:
        shipped = sorted(n for n in archive.namelist() if n.startswith("assets/scenarios/"))
        assert archive.read("assets/scenarios/words.yaml").decode() == WORDS
    assert shipped == ["assets/scenarios/my-class.yaml", "assets/scenarios/words.yaml"]
    assert not re.search(r"words\.yaml:\d+:\d+: error", printed + errors)
