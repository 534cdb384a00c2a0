"""Lesson materials from a class file: a lesson plan and an answer sheet for the teacher, and
a printable handout for students (without the answers).

``python -m game handout CLASS_FILE --out DIR`` writes ``DIR/lesson-plan.html``,
``DIR/handout.html`` and ``DIR/answers.html`` in the class's language. Play times are measured
(``game.core.playtime``). The lesson's one quiz comes with one scenario (``ClassPlan.quiz_index``).
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
CODE_CELLS = 20
"""Boxes on the handout for a results code: "MC1" and one per group of five (95 characters)."""


def write_materials(plan: ClassPlan, out: Path) -> tuple[tuple[Path, ...], int]:
    """Write the lesson plan, the students' handout and the teacher's answer sheet (when the
    lesson has a quiz) into ``out``; return their paths and the minutes the lesson needs
    (:func:`needed_minutes`). Raises OSError when the folder cannot be written."""
    out.mkdir(parents=True, exist_ok=True)
    times = [estimate(s, plan.claims_for(s)) for s in plan.scenarios]
    pages = {"lesson-plan.html": lesson_plan(plan, times), "handout.html": handout(plan)}
    if plan.quiz_claims:
        pages["answers.html"] = answer_sheet(plan)
    paths = tuple(out / name for name in pages)
    for path, text in zip(paths, pages.values(), strict=True):
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    return paths, needed_minutes(times)


def needed_minutes(times: list[PlayTime]) -> int:
    """The shortest lesson that fits: introduction, play, codes, wrap-up and some discussion."""
    play = sum(t.minutes for t in times)
    return INTRO_MINUTES + play + CODE_MINUTES + WRAP_MINUTES + MIN_DISCUSSION


def lesson_plan(plan: ClassPlan, times: list[PlayTime]) -> str:
    """The teacher's plan: preparation, a timeline that adds up, and each scenario's card."""
    w = words(plan.language)
    file = escape(Path(plan.path).as_posix())
    play = sum(t.minutes for t in times)
    fixed = INTRO_MINUTES + play + CODE_MINUTES + WRAP_MINUTES
    discussion = max(MIN_DISCUSSION, plan.lesson_minutes - fixed)
    steps = [(INTRO_MINUTES, w["plan.intro"], w["plan.intro.text"])]
    steps += [
        (
            t.minutes,
            w["plan.play"].format(title=escape(s.title)),
            w["plan.play.quiz" if plan.claims_for(s) else "plan.play.text"],
        )
        for s, t in zip(plan.scenarios, times, strict=True)
    ]
    codes = len(plan.scenarios)
    steps += [
        (
            CODE_MINUTES,
            w["plan.code"],
            w["plan.code.text" if codes == 1 else "plan.codes.text"].format(
                where=_where(plan, w), n=codes
            ),
        ),
        (discussion, w["plan.discuss"], w["plan.discuss.text"]),
        (WRAP_MINUTES, w["plan.wrap"], w["plan.wrap.text"].format(file=file)),
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
        + "".join(f"<li>{w[k].format(file=file)}</li>" for k in ("plan.check", "plan.build"))
        + f"<li>{_preview(plan, w)}</li>"
        + f"<li>{w['plan.print' if plan.quiz_claims else 'plan.print.noquiz']}</li>"
        + f"</ol>{_quiz_note(plan, w)}"
        + f"<h2>{w['plan.timeline']}</h2>{warning}"
        f"<table class='timeline'><tr><th>{w['plan.minutes']}</th><th></th></tr>"
        + "".join(rows)
        + f"</table><h2>{w['plan.scenarios']}</h2>{cards}"
    )
    return page(w["plan.title"].format(title=plan.title), body, plan.language)


def _preview(plan: ClassPlan, w: dict[str, str]) -> str:
    """The preview step: one ``simulate`` per scenario into one folder, then the report."""
    file = escape(Path(plan.path).as_posix())
    runs = "<br>".join(
        f"<code>python -m game simulate {escape(_shown(s.path))} --runs 10 --class {file} "
        f"--export {w['plan.preview.dir']}</code>"
        for s in plan.scenarios
    )
    return w["plan.preview"].format(runs=runs, file=file)


def _quiz_note(plan: ClassPlan, w: dict[str, str]) -> str:
    """Which scenario carries the lesson's quiz, when the lesson has more than one scenario."""
    chosen = plan.quiz_scenario
    if chosen is None or len(plan.scenarios) == 1:
        return ""
    return f'<p class="box">{w["plan.quiz_with"].format(title=escape(chosen.title))}</p>'


def _card(plan: ClassPlan, scenario: Scenario, time: PlayTime, w: dict[str, str]) -> str:
    """A scenario's card: what it is, its measured play time, its quiz."""
    claims = plan.claims_for(scenario)
    chosen = plan.quiz_scenario
    quiz = (
        f"{len(claims)} claims ({sum(c.true for c in claims)} true)"
        if claims
        else w["plan.quiz_elsewhere"].format(title=chosen.title)
        if chosen is not None
        else w["plan.noquiz"]
    )
    return (
        f'<div class="box scenario" data-minutes="{time.minutes}"><h3>{escape(scenario.title)}</h3>'
        f"<p>{escape(scenario.description)}</p><p><b>"
        + w["plan.playtime"].format(
            minutes=time.minutes,
            actions=time.actions,
            words=time.words,
            included=w["plan.with_quiz" if claims else "plan.with_debrief"],
        )
        + f"</b> {w['plan.days'].format(days=scenario.days)}. {escape(quiz)}</p></div>"
    )


def handout(plan: ClassPlan) -> str:
    """The students' sheet, without the answers: how to play, the claims with a rating grid
    (when the lesson has a quiz), the discussion questions with space to answer, and one box
    per scenario for its results code."""
    w = words(plan.language)
    chosen = plan.quiz_scenario
    how = (
        w["hand.how.text"].format(title=escape(chosen.title))
        if chosen is not None
        else w["hand.how.noquiz"]
    )
    parts = [
        f"<h1>{escape(plan.title)}</h1>",
        f"<p>{w['hand.name']} ______________________________</p>",
        f"<h2>{w['hand.how']}</h2><p>{how}</p>",
    ]
    claims = plan.quiz_claims
    if claims:
        rows = "".join(
            f'<tr class="claim"><td>{escape(c.text)}</td><td>{_scale()}</td>'
            f"<td>{_scale()}</td></tr>"
            for c in claims
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
    parts.append(
        f"<h2>{w['hand.code']}</h2><p>{w['hand.code.text'].format(where=_where(plan, w))}</p>"
    )
    parts += [
        f'<div class="box code"><b>{w["hand.code.box"].format(title=escape(s.title))}</b>'
        + '<div class="cells">'
        + "".join(f"<span>{'MC1' if n == 0 else ''}</span>" for n in range(CODE_CELLS))
        + "</div></div>"
        for s in plan.scenarios
    ]
    return page(plan.title, "\n".join(parts), plan.language)


def answer_sheet(plan: ClassPlan) -> str:
    """The teacher's page: each quiz claim with its answer and source (not for students)."""
    w = words(plan.language)
    answers = "".join(
        f'<li><span class="{"true" if c.true else "false"}">'
        f"{w['hand.true'] if c.true else w['hand.false']}</span>: {escape(c.text)} "
        f'<span class="small muted">({w["hand.source"]}: {escape(c.source)})</span></li>'
        for c in plan.quiz_claims
    )
    title = w["answers.title"].format(title=escape(plan.title))
    body = f"<h1>{title}</h1><p class='problem'>{w['answers.warning']}</p><ul>{answers}</ul>"
    return page(title, body, plan.language)


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
