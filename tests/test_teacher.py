"""The teacher's side: the class report and the lesson materials, from the command line to
what headless Chromium shows."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from html import escape
from itertools import pairwise
from pathlib import Path

import pygame
import pytest

from game.bench.browser import headless_chromium
from game.cli import main
from game.core.classfile import check_class_file
from game.core.classstats import estimate, t_critical
from game.core.resultcode import encode
from game.core.results import load_results

ROOT = Path(__file__).resolve().parents[1]
VIRAL = ROOT / "scenarios" / "viral-score.yaml"
EXAMPLE = ROOT / "scenarios" / "classes" / "example.yaml"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 scripted players' results files, as a teacher previews them."""
    folder = tmp_path_factory.mktemp("preview")
    code = main(["simulate", str(VIRAL), "--runs", "10", "--seed", "4", "--export", str(folder)])
    assert code == 0
    return folder


@pytest.fixture(scope="module")
def report(preview: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    assert main(["report", str(preview), "--out", str(out)]) == 0
    return out


def _chromium(url: str, profile: Path, shot: Path) -> str:
    """Load ``url`` in headless Chromium: save a screenshot, return the DOM."""
    common = headless_chromium(CHROMIUM, profile, "--hide-scrollbars", "--window-size=900,1800")
    run = {"capture_output": True, "text": True, "timeout": 120, "check": False}
    subprocess.run([*common, f"--screenshot={shot}", url], **run)
    dom = subprocess.run([*common, "--dump-dom", url], **run).stdout
    assert shot.is_file(), "Chromium wrote no screenshot"
    image = pygame.image.load(str(shot))
    colours = {image.get_at((x, y))[:3] for x in range(0, 900, 30) for y in range(0, 1800, 30)}
    assert len(colours) > 5, "the screenshot is blank"
    return dom


def test_the_export_writes_one_results_file_per_scripted_player(preview: Path) -> None:
    files = sorted(preview.glob("*.json"))
    assert len(files) == 30
    first = load_results(files[0].read_text(encoding="utf-8"))
    assert first.has_quiz and len(first.claims) == 10


def test_the_report_of_30_players_has_30_rows_in_the_csv_and_the_page(report: Path) -> None:
    rows = list(csv.DictReader((report / "results.csv").open(encoding="utf-8")))
    assert len(rows) == 30
    assert {r["scenario"] for r in rows} == {"The Score, as the 2015 stories told it"}
    assert all(r["discernment_before"] and r["before:harmless"] for r in rows)
    page = (report / "report.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<tr class="player"', page)) == 30
    assert "<script" not in page and "http" not in page.split("<body>")[1].split("xmlns")[0]


def test_bad_inputs_are_listed_with_their_reason_and_the_rest_reported(
    preview: Path, tmp_path: Path, capsys
) -> None:
    good = load_results((preview / "viral-score-random-01.json").read_text(encoding="utf-8"))
    code = encode(good)
    mistyped = code[:-2] + ("0" if code[-2] != "0" else "1") + code[-1]
    (tmp_path / "codes.csv").write_text(
        f"Timestamp,Name,Code\n1,Ana,{code}\n2,Ben,{mistyped}\n3,Cy,MC1-AB\n", encoding="utf-8"
    )
    newer = json.loads((preview / "viral-score-conform-01.json").read_text(encoding="utf-8"))
    (tmp_path / "newer.json").write_text(json.dumps({**newer, "format": 9}), encoding="utf-8")
    (tmp_path / "notes.json").write_text("{half", encoding="utf-8")
    out = tmp_path / "out"
    inputs = [str(preview / "viral-score-random-01.json"), str(tmp_path / "codes.csv")]
    inputs += [str(tmp_path / "newer.json"), str(tmp_path / "notes.json"), str(tmp_path / "gone")]
    assert main(["report", *inputs, "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    problems = re.findall(r'<li class="problem"><b>(.*?)</b>: (.*?)</li>', page)
    reasons = {Path(source).name: reason for source, reason in problems}
    assert reasons["codes.csv:2"].startswith("duplicate of ")
    assert reasons["codes.csv:3"].startswith("the code has a typo")
    assert reasons["codes.csv:4"].startswith("the code is too short")
    assert "another version" in reasons["newer.json"]
    assert reasons["notes.json"].startswith("the file is damaged")
    assert reasons["gone"] == "no such file or folder"
    assert len(list(csv.DictReader((out / "results.csv").open()))) == 1
    assert "left out" in capsys.readouterr().err


def test_the_report_in_chromium_shows_the_charts_and_every_player(
    preview: Path, report: Path, tmp_path: Path
) -> None:
    shot = report / "report.png"
    dom = _chromium((report / "report.html").as_uri(), tmp_path / "profile", shot)
    for chart in ("judgement", "claims", "tiers", "paths"):
        assert f'data-chart="{chart}"' in dom, chart
    players = re.findall(r'<tr class="player" data-player="([^"]+)"', dom)
    assert sorted(players) == sorted(
        p.stem.removeprefix("viral-score-") for p in preview.glob("*.json")
    )
    assert dom.count('class="path"') == 30


def test_the_lesson_plan_adds_up_and_the_handout_has_every_claim_and_question(
    tmp_path: Path,
) -> None:
    out = tmp_path / "lesson"
    assert main(["handout", str(EXAMPLE), "--out", str(out)]) == 0
    plan = (out / "lesson-plan.html").read_text(encoding="utf-8")
    spans = re.findall(r'<td class="num">(\d+)-(\d+)</td>', plan)
    assert spans[0][0] == "0" and spans[-1][1] == "45"
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    minutes = [int(m) for m in re.findall(r'data-minutes="(\d+)"', plan)]
    assert len(minutes) == 2 and all(5 <= m <= 30 for m in minutes)
    handout = (out / "handout.html").read_text(encoding="utf-8")
    assert handout.count('<tr class="claim">') == 10
    plan = check_class_file(EXAMPLE).plan
    questions = {q for scenario in plan.scenarios for q in scenario.debrief.questions}
    assert handout.count('class="box question"') == len(questions) > 0
    assert "<b>the class form (link on the board)</b>" in handout  # the class's send_to
    dom = _chromium((out / "handout.html").as_uri(), tmp_path / "profile", out / "handout.png")
    assert dom.count('<tr class="claim">') == 10 and "MC1-" in dom
    _chromium((out / "lesson-plan.html").as_uri(), tmp_path / "profile", out / "plan.png")


def test_the_spanish_class_gets_spanish_materials(tmp_path: Path) -> None:
    shutil.copy(ROOT / "scenarios" / "viral-score.es.yaml", tmp_path / "viral-score.es.yaml")
    (tmp_path / "clase.yaml").write_text(
        "format: 1\nclass: 'La puntuación'\nlanguage: es\nscenarios: [viral-score.es.yaml]\n",
        encoding="utf-8",
    )
    assert main(["handout", str(tmp_path / "clase.yaml"), "--out", str(tmp_path / "o")]) == 0
    handout = (tmp_path / "o" / "handout.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in handout and "Preguntas para el debate" in handout
    assert "Denunciar a un amigo te daba puntos en Sesame Credit." in handout


def test_the_confidence_interval_matches_a_hand_worked_example() -> None:
    # values 1, 2, 3: mean 2, standard deviation 1, t(2) = 4.303: half-width 4.303 / sqrt(3)
    result = estimate([1.0, 2.0, 3.0])
    assert result is not None
    assert result.mean == 2.0
    assert result.high - 2.0 == pytest.approx(4.302653 / 3**0.5)
    # Student's t table, two-sided 95%
    for df, table in ((3, 3.182), (5, 2.571), (10, 2.228), (29, 2.045), (120, 1.980)):
        assert t_critical(df) == pytest.approx(table, abs=0.001)


COMMERCIAL = ROOT / "scenarios" / "commercial-score.yaml"


def test_a_two_scenario_lesson_has_one_quiz_and_a_handout_without_answers(tmp_path: Path) -> None:
    out = tmp_path / "lesson"
    assert main(["handout", str(EXAMPLE), "--out", str(out)]) == 0
    plan = check_class_file(EXAMPLE).plan
    assert plan is not None
    viral, commercial = plan.scenarios
    lesson = (out / "lesson-plan.html").read_text(encoding="utf-8")
    assert f"The quiz comes with <b>{viral.title}</b> only" in lesson
    steps = re.findall(
        r'<tr class="step"><td class="num">[^<]*</td><td><b>(.*?)</b><br>(.*?)</td>', lesson
    )
    play = {name: text for name, text in steps if name.startswith("Play ")}
    assert play[f"Play {viral.title}"].startswith("Students rate the claims first")
    assert "no quiz with this scenario" in play[f"Play {commercial.title}"]
    assert "2 results codes, one per scenario" in lesson
    for scenario in plan.scenarios:  # one preview command per scenario, into one folder
        assert f"simulate {Path(scenario.path).relative_to(ROOT).as_posix()} --runs 10" in lesson
    assert "answers.html" in lesson and "for yourself only" in lesson
    handout = (out / "handout.html").read_text(encoding="utf-8")
    answers = (out / "answers.html").read_text(encoding="utf-8")
    for claim in plan.quiz_claims:
        assert escape(claim.source) not in handout and escape(claim.source) in answers
    assert 'class="true"' not in handout and 'class="false"' not in handout
    assert answers.count('<span class="true">') == sum(c.true for c in plan.quiz_claims)
    boxes = re.findall(r'<div class="box code"><b>My results code for (.*?):</b>', handout)
    assert boxes == [viral.title, commercial.title]
    dom = _chromium((out / "handout.html").as_uri(), tmp_path / "profile", out / "handout2.png")
    assert dom.count('class="box code"') == 2
    _chromium((out / "answers.html").as_uri(), tmp_path / "profile", out / "answers.png")


def test_a_lesson_whose_quiz_scenario_has_no_claims_promises_no_quiz(tmp_path: Path) -> None:
    shutil.copy(COMMERCIAL, tmp_path / "commercial-score.yaml")
    (tmp_path / "c.yaml").write_text(
        "format: 1\nclass: Money\nlanguage: en\nscenarios: [commercial-score.yaml]\n",
        encoding="utf-8",
    )
    assert main(["handout", str(tmp_path / "c.yaml"), "--out", str(tmp_path / "o")]) == 0
    lesson = (tmp_path / "o" / "lesson-plan.html").read_text(encoding="utf-8")
    handout = (tmp_path / "o" / "handout.html").read_text(encoding="utf-8")
    assert "rate the claims" not in lesson and "quiz)" not in lesson
    assert "rate each claim" not in handout and '<tr class="claim">' not in handout
    assert not (tmp_path / "o" / "answers.html").exists()


def test_previews_of_a_two_scenario_class_share_a_folder_and_count_students(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "preview"
    for scenario in (VIRAL, COMMERCIAL):
        args = ["simulate", str(scenario), "--runs", "2", "--class", str(EXAMPLE)]
        assert main([*args, "--export", str(folder)]) == 0
    names = sorted(p.name for p in folder.glob("*.json"))
    assert len(names) == 12 and "commercial-score-conform-01.json" in names
    assert "viral-score-conform-01.json" in names
    out = tmp_path / "report"
    assert main(["report", str(folder), "--class", str(EXAMPLE), "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<h1>The score: myth and reality</h1>" in page  # the class's title
    assert "6 student(s), 12 game(s)" in page
    assert "n=6)" in page and "n=12" not in page
    causes = re.findall(r"<tr class='cause'><td>(.*?)</td>", page)
    assert {"The commercial score", "The Score, as the 2015 stories told it"} <= set(causes)
    rows = list(csv.DictReader((out / "results.csv").open(encoding="utf-8")))
    assert len(rows) == 12 and {r["nickname"] for r in rows} == {
        f"{s}-0{n}" for s in ("conform", "dissent", "random") for n in (1, 2)
    }
    titled = tmp_path / "titled"
    assert main(["report", str(folder), "--title", "9B", "--out", str(titled)]) == 0
    assert "<h1>9B</h1>" in (titled / "report.html").read_text(encoding="utf-8")


def test_scripted_quiz_answers_differ_between_scenarios_and_runs() -> None:
    from game.core.preview import scripted_class

    plan = check_class_file(EXAMPLE).plan
    assert plan is not None
    claims = plan.quiz_claims
    viral, commercial = plan.scenarios
    a = scripted_class(viral, claims, ["conform"], 3, 1)
    b = scripted_class(commercial, claims, ["conform"], 3, 1)
    assert [r.before for r in a] != [r.before for r in b]
    assert a[0].before != a[1].before
    assert [r.before for r in a] == [
        r.before for r in scripted_class(viral, claims, ["conform"], 3, 1)
    ]


def test_one_player_gets_no_interval_and_labels_stay_inside_the_charts(
    preview: Path, tmp_path: Path
) -> None:
    out = tmp_path / "one"
    one = preview / "viral-score-conform-01.json"
    assert main(["report", str(one), "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "1 student(s), 1 game(s)" in page
    assert "too few players for an interval" in page and "95% CI" not in page
    score_name = load_results(one.read_text(encoding="utf-8")).score_name
    assert f'font-weight="bold">{escape(score_name)}</text>' in page  # the axis is named
    dom = _chromium((out / "report.html").as_uri(), tmp_path / "profile", out / "one.png")
    for svg_text in re.findall(r"<svg .*?</svg>", dom, re.S):
        width = float(re.search(r'viewBox="0 0 (\d+)', svg_text).group(1))
        for x, anchor, size, text in re.findall(
            r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)" fill="[^"]+" ?'
            r'(?:font-size="(\d+)")?[^>]*>([^<]*)</text>',
            svg_text,
        ):
            # a generous width for sans-serif: 0.62 of the font size per character
            right = float(x) + (len(text) * 0.62 * int(size or 12) if anchor == "start" else 0)
            assert right <= width, f"{text!r} runs past the right edge ({right:.0f} > {width})"


def test_a_lesson_too_short_for_its_scenarios_is_said_on_the_terminal(
    tmp_path: Path, capsys
) -> None:
    shutil.copy(COMMERCIAL, tmp_path / "commercial-score.yaml")
    text = "format: 1\nclass: Money\nlanguage: en\nscenarios: [commercial-score.yaml]\n"
    (tmp_path / "c.yaml").write_text(text + "options: {lesson_minutes: 20}\n", encoding="utf-8")
    assert main(["handout", str(tmp_path / "c.yaml"), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    need = int(re.search(r"need at least (\d+) minutes, more than the 20", err).group(1))
    lesson = (tmp_path / "o" / "lesson-plan.html").read_text(encoding="utf-8")
    assert f"The activities take {need} minutes, more than the 20 planned" in lesson
    (tmp_path / "c.yaml").write_text(text + "options: {lesson_minutes: 90}\n", encoding="utf-8")
    assert main(["handout", str(tmp_path / "c.yaml"), "--out", str(tmp_path / "o")]) == 0
    assert "warning" not in capsys.readouterr().err
