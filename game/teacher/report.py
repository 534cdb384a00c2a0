"""The teacher's report: ``report.html`` (one self-contained page) and ``results.csv``.

``python -m game report INPUT... --out DIR``. The page shows the final tiers per scenario, the
score paths, the most common causes, the share believing each claim before and after, the class's
discernment and bias before and after with 95% intervals, every player, and every input that was
left out with the reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from html import escape
from pathlib import Path

from game.core.classstats import (
    Estimate,
    claim_shares,
    common_causes,
    count_students,
    quiz_summary,
    tiers_by_scenario,
)
from game.core.quiz import outcome
from game.core.results import CHOICE_KINDS, Results
from game.teacher import svg
from game.teacher.inputs import Intake
from game.teacher.page import page

VERDICT_WORDS = {
    "sharper": "told true from false better",
    "blunter": "told true from false worse",
    "sceptical": "doubted everything more (not better judgement)",
    "credulous": "believed everything more",
    "same": "about the same",
}


def write_report(
    intake: Intake, out: Path, title: str = "Class results", notes: Sequence[str] = ()
) -> tuple[Path, Path]:
    """Write ``out/report.html`` (with ``notes`` for the teacher at the top) and
    ``out/results.csv``; return their paths. Raises OSError when the folder cannot be written."""
    out.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = out / "report.html", out / "results.csv"
    _write(html_path, report_html(intake, title, notes))
    _write(csv_path, results_csv(intake))
    return html_path, csv_path


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so a failed write leaves no half-written report."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    temporary.replace(path)


def _fmt(value: float) -> str:
    return f"{value:+.2f}"


def _est(e: Estimate) -> str:
    if e.n < 2:
        return f"{e.mean:+.2f} (n={e.n}: too few players for an interval)"
    return f"{e.mean:+.2f} (95% CI {e.low:+.2f} to {e.high:+.2f}, n={e.n})"


def report_html(intake: Intake, title: str = "Class results", notes: Sequence[str] = ()) -> str:
    """The report as one HTML document: students are counted by name (nickname or player
    name), so a student's games in several scenarios count once."""
    players = [p.results for p in intake.players]
    students = count_students(players)
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted" data-students="{students}">{students} student(s), '
        f"{len(players)} game(s)"
        + (
            f", {len(intake.problems)} input(s) left out (listed at the end)"
            if intake.problems
            else ""
        )
        + ". Games with the same nickname or player name count as one student; each unnamed "
        "game counts as a student. The quiz counts each student's first game with a quiz.</p>",
        *(f'<p class="problem note">{escape(note)}</p>' for note in notes),
    ]
    parts += _quiz_section(players)
    parts += _scenario_sections(players)
    parts += _causes_section(players)
    parts += _players_section(intake)
    parts += _problems_section(intake)
    return page(title, "\n".join(parts))


def _quiz_section(players: list[Results]) -> list[str]:
    summary = quiz_summary(players)
    if summary is None:
        return ["<h2>Claim quiz</h2><p>No player answered the quiz both times.</p>"]
    verdicts = ", ".join(f"{n} {VERDICT_WORDS[v]}" for v, n in summary.verdicts)
    shares = claim_shares(players)
    return [
        "<h2>Claim quiz: did judgement improve?</h2>",
        "<p><b>Discernment</b> is belief in true claims minus belief in false claims (on the "
        "1-6 scale; higher is better judgement). <b>Bias</b> is the average belief minus the "
        "middle of the scale (above 0: believes everything, below 0: doubts everything). If "
        "playing only made students more sceptical, bias falls and discernment stays put.</p>",
        svg.intervals(
            "judgement",
            [
                ("discernment", summary.discernment_before, summary.discernment_after),
                ("bias", summary.bias_before, summary.bias_after),
            ],
            -3,
            3,
        ),
        '<table class="summary">'
        f"<tr><th>Discernment before</th><td>{_est(summary.discernment_before)}</td></tr>"
        f"<tr><th>Discernment after</th><td>{_est(summary.discernment_after)}</td></tr>"
        f"<tr><th>Change in discernment</th><td>{_est(summary.discernment_change)}</td></tr>"
        f"<tr><th>Bias before</th><td>{_est(summary.bias_before)}</td></tr>"
        f"<tr><th>Bias after</th><td>{_est(summary.bias_after)}</td></tr>"
        f"<tr><th>Change in bias</th><td>{_est(summary.bias_change)}</td></tr></table>",
        f"<p>Players: {escape(verdicts)}.</p>",
        "<h3>Share believing each claim (rated 4 or more), before and after</h3>",
        svg.claim_shares([(s.claim.text, s.claim.true, s.before, s.after) for s in shares]),
    ]


def _scenario_sections(players: list[Results]) -> list[str]:
    parts = ["<h2>Final tiers and score paths</h2>"]
    tiers = tiers_by_scenario(players)
    for name, counts in tiers.items():
        games = [r for r in players if r.scenario_title == name]
        paths = [r.path for r in games]
        parts.append(f"<h3>{escape(name)} ({len(paths)} game(s))</h3>")
        parts.append(svg.tier_bars(name, counts))
        low = min(min(p) for p in paths)
        high = max(max(p) for p in paths)
        parts.append(svg.score_paths(name, paths, low, high, games[0].score_name))
    return parts


def _causes_section(players: list[Results]) -> list[str]:
    causes = common_causes(players)
    if not causes:
        return ["<h2>Most common causes</h2><p>No causes recorded (codes carry none).</p>"]
    rows = "".join(
        f"<tr class='cause'><td>{escape(scenario)}</td><td>{escape(text)}</td>"
        f"<td class='num'>{n}</td><td class='num'>{total:+d}</td></tr>"
        for scenario, text, n, total in causes
    )
    return [
        "<h2>Most common causes of big score changes</h2>",
        "<table><tr><th>Scenario</th><th>Cause</th><th>Games</th><th>Points in all</th></tr>"
        + rows
        + "</table>",
        '<p class="small muted">From results files; pasted codes carry no causes.</p>',
    ]


def _players_section(intake: Intake) -> list[str]:
    rows = []
    for number, player in enumerate(intake.players, start=1):
        r = player.results
        quiz = ["", "", ""]
        if r.has_quiz:
            o = outcome(r.claims, r.before, r.after)
            quiz = [
                _fmt(o.before.discernment),
                _fmt(o.after.discernment),
                VERDICT_WORDS[o.verdict()],
            ]
        name = r.nickname or f"(no name {number})"
        rows.append(
            f'<tr class="player" data-player="{escape(name)}"><td>{escape(name)}</td>'
            f"<td class='small'>{escape(player.row)}</td><td>{escape(r.scenario_title)}</td>"
            f"<td class='num'>{r.final_score}</td>"
            f"<td>{escape(r.tier_name)}</td><td class='num'>{quiz[0]}</td>"
            f"<td class='num'>{quiz[1]}</td><td>{escape(quiz[2])}</td></tr>"
        )
    return [
        "<h2>Every game</h2>",
        '<table class="players"><tr><th>Player</th><th>Form row</th><th>Scenario</th>'
        "<th>Score</th><th>Tier</th>"
        "<th>Discernment before</th><th>after</th><th>Judgement</th></tr>"
        + "".join(rows)
        + "</table>",
    ]


def _problems_section(intake: Intake) -> list[str]:
    if not intake.problems:
        return []
    items = "".join(
        f'<li class="problem"><b>{escape(p.source)}</b>: {escape(p.reason)}</li>'
        for p in intake.problems
    )
    return ["<h2>Left out</h2>", f"<ul class='problems'>{items}</ul>"]


def results_csv(intake: Intake) -> str:
    """One row per player: scores, tier, path, quiz scores and every rating."""
    claim_ids: list[str] = []
    for player in intake.players:
        for claim in player.results.claims:
            if claim.id not in claim_ids:
                claim_ids.append(claim.id)
    header = [
        "source",
        "form_row",
        "nickname",
        "scenario",
        "final_score",
        "tier",
        "tier_index",
        "score_path",
        "true_belief_before",
        "false_belief_before",
        "discernment_before",
        "bias_before",
        "true_belief_after",
        "false_belief_after",
        "discernment_after",
        "bias_after",
        "judgement",
        *(name for name, _kind in CHOICE_KINDS),
        *(f"before:{c}" for c in claim_ids),
        *(f"after:{c}" for c in claim_ids),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for player in intake.players:
        writer.writerow(_row(player.source, player.row, player.results, claim_ids))
    return buffer.getvalue()


def _row(source: str, form_row: str, r: Results, claim_ids: Sequence[str]) -> list[object]:
    quiz: list[object] = [""] * 9
    if r.has_quiz:
        o = outcome(r.claims, r.before, r.after)
        quiz = [
            *(
                f"{v:.3f}"
                for v in (
                    o.before.true_belief,
                    o.before.false_belief,
                    o.before.discernment,
                    o.before.bias,
                    o.after.true_belief,
                    o.after.false_belief,
                    o.after.discernment,
                    o.after.bias,
                )
            ),
            o.verdict(),
        ]
    return [
        source,
        form_row,
        r.nickname,
        r.scenario_title,
        r.final_score,
        r.tier_name,
        r.tier_index,
        " ".join(str(s) for s in r.path),
        *quiz,
        *(r.choices.get(name, 0) for name, _kind in CHOICE_KINDS),
        *(r.before.get(c, "") for c in claim_ids),
        *(r.after.get(c, "") for c in claim_ids),
    ]
