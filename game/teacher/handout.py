"""Lesson materials from a class file: a lesson plan for the teacher and a printable handout.

``python -m game handout CLASS_FILE --out DIR`` writes ``DIR/lesson-plan.html`` and
``DIR/handout.html`` in the class's language. Play times are measured (``game.core.playtime``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from game.core.classfile import ClassPlan
from game.core.model import Scenario
from game.core.playtime import PlayTime, estimate
from game.teacher.page import page
from game.teacher.words import words

INTRO_MINUTES = 5
CODE_MINUTES = 2
WRAP_MINUTES = 5
MIN_DISCUSSION = 5


def write_materials(plan: ClassPlan, out: Path) -> tuple[Path, Path]:
    """Write the lesson plan and the handout into ``out``; return their paths.
    Raises OSError when the folder cannot be written."""
    out.mkdir(parents=True, exist_ok=True)
    times = [estimate(s, plan.claims_for(s)) for s in plan.scenarios]
    paths = out / "lesson-plan.html", out / "handout.html"
    for path, text in zip(paths, (lesson_plan(plan, times), handout(plan)), strict=True):
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    return paths


def lesson_plan(plan: ClassPlan, times: list[PlayTime]) -> str:
    """The teacher's plan: preparation, a timeline that adds up, and each scenario's card."""
    w = words(plan.language)
    file = escape(Path(plan.path).as_posix())
    first = escape(_shown(plan.scenarios[0].path))
    play = sum(t.minutes for t in times)
    fixed = INTRO_MINUTES + play + CODE_MINUTES + WRAP_MINUTES
    discussion = max(MIN_DISCUSSION, plan.lesson_minutes - fixed)
    steps = [(INTRO_MINUTES, w["plan.intro"], w["plan.intro.text"])]
    steps += [
        (t.minutes, w["plan.play"].format(title=escape(s.title)), w["plan.play.text"])
        for s, t in zip(plan.scenarios, times, strict=True)
    ]
    steps += [
        (CODE_MINUTES, w["plan.code"], w["plan.code.text"].format(where=_where(plan, w))),
        (discussion, w["plan.discuss"], w["plan.discuss.text"]),
        (WRAP_MINUTES, w["plan.wrap"], w["plan.wrap.text"]),
    ]
    rows, clock = [], 0
    for minutes, name, text in steps:
        rows.append(
            f'<tr class="step"><td class="num">{clock}-{clock + minutes}</td>'
            f"<td><b>{escape(name) if '<' not in name else name}</b><br>{text}</td></tr>"
        )
        clock += minutes
    over = fixed + discussion
    warning = (
        f'<p class="problem">{w["plan.over"].format(need=over, have=plan.lesson_minutes)}</p>'
        if over > plan.lesson_minutes
        else ""
    )
    cards = "".join(_card(plan, s, t, w) for s, t in zip(plan.scenarios, times, strict=True))
    body = (
        f"<h1>{w['plan.title'].format(title=escape(plan.title))}</h1>"
        f"<p class='muted'>{w['plan.length'].format(minutes=plan.lesson_minutes)}</p>"
        f"<h2>{w['plan.before']}</h2><ol>"
        + "".join(
            f"<li>{w[k].format(file=file, scenario=first)}</li>"
            for k in ("plan.check", "plan.build", "plan.preview", "plan.print")
        )
        + f"</ol><h2>{w['plan.timeline']}</h2>{warning}"
        f"<table class='timeline'><tr><th>{w['plan.minutes']}</th><th></th></tr>"
        + "".join(rows)
        + f"</table><h2>{w['plan.scenarios']}</h2>{cards}"
    )
    return page(w["plan.title"].format(title=plan.title), body, plan.language)


def _card(plan: ClassPlan, scenario: Scenario, time: PlayTime, w: dict[str, str]) -> str:
    """A scenario's card: what it is, its measured play time, its quiz."""
    claims = plan.claims_for(scenario)
    quiz = (
        f"{len(claims)} claims ({sum(c.true for c in claims)} true)" if claims else w["plan.noquiz"]
    )
    return (
        f'<div class="box scenario" data-minutes="{time.minutes}"><h3>{escape(scenario.title)}</h3>'
        f"<p>{escape(scenario.description)}</p><p><b>"
        + w["plan.playtime"].format(minutes=time.minutes, actions=time.actions, words=time.words)
        + f"</b> {w['plan.days'].format(days=scenario.days)}. {escape(quiz)}</p></div>"
    )


def handout(plan: ClassPlan) -> str:
    """The students' sheet: how to play, the claims with a rating grid, the discussion
    questions with space to answer, how to send the results code, and (on its own page, for
    after the game) the answers with their sources."""
    w = words(plan.language)
    parts = [
        f"<h1>{escape(plan.title)}</h1>",
        f"<p>{w['hand.name']} ______________________________</p>",
        f"<h2>{w['hand.how']}</h2><p>{w['hand.how.text']}</p>",
    ]
    claims = {c.id: c for s in plan.scenarios for c in plan.claims_for(s)}
    if claims:
        rows = "".join(
            f'<tr class="claim"><td>{escape(c.text)}</td><td>{_scale()}</td>'
            f"<td>{_scale()}</td></tr>"
            for c in claims.values()
        )
        parts += [
            f"<h2>{w['hand.claims']}</h2><p class='small'>{w['hand.claims.text']}</p>",
            f"<table><tr><th>{w['hand.claim']}</th><th>{w['hand.before']}</th>"
            f"<th>{w['hand.after']}</th></tr>{rows}</table>",
        ]
    questions = [q for s in plan.scenarios for q in s.debrief.questions]
    parts.append(f"<h2>{w['hand.questions']}</h2>")
    for number, question in enumerate(dict.fromkeys(questions), start=1):
        parts.append(
            f'<div class="box question"><b>{number}.</b> {escape(question)}'
            + '<div class="lines"></div>' * 3
            + "</div>"
        )
    parts += [
        f"<h2>{w['hand.code']}</h2><p>{w['hand.code.text'].format(where=_where(plan, w))}</p>",
        f'<div class="box">{w["hand.code.box"]}<div class="lines"></div></div>',
    ]
    if claims:
        answers = "".join(
            f'<li><span class="{"true" if c.true else "false"}">'
            f"{w['hand.true'] if c.true else w['hand.false']}</span>: {escape(c.text)} "
            f'<span class="small muted">({w["hand.source"]}: {escape(c.source)})</span></li>'
            for c in claims.values()
        )
        parts.append(f'<h2 class="pagebreak">{w["hand.answers"]}</h2><ul>{answers}</ul>')
    return page(plan.title, "\n".join(parts), plan.language)


def _where(plan: ClassPlan, w: dict[str, str]) -> str:
    """Where students send their code: the class file's ``send_to`` (bold), else a blank."""
    return f"<b>{escape(plan.send_to)}</b>" if plan.send_to else w["plan.where"]


def _shown(path: str) -> str:
    """A path as the teacher would type it: relative to the current folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _scale() -> str:
    return '<div class="scale">' + "".join(f"<span>{n}</span>" for n in range(1, 7)) + "</div>"
