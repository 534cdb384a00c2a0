"""The command line: ``python -m game play|check|explain|simulate|report|handout|web|bench``.

``main(argv)`` returns the exit code and never raises for bad input: 0 success, 1 a scenario has
errors, 2 a usage error. It imports pygame only for ``play`` and ``bench``.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.core.checker import CheckResult, check_file
from game.core.diagnostics import Diagnostic, format_text, to_json
from game.core.model import Scenario
from game.core.printable import printable

USAGE_ERROR = 2
INTERRUPTED = 130
"""The exit code of a command stopped with Ctrl+C (as shells report it)."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports usage errors by exception instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}\n{self.format_usage()}")


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m game",
        description="Model Citizen: live under the score, then learn what was real.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    play = sub.add_parser("play", help="open the game window")
    play.add_argument("scenario", nargs="?", help="a scenario file (default: pick on screen)")
    play.add_argument(
        "--class", dest="class_file", metavar="FILE", help="offer only this class's scenarios"
    )
    play.add_argument(
        "--teacher", action="store_true", help="teacher view: show each change's rule and line"
    )

    check = sub.add_parser("check", help="check scenario files and list every problem")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true", help="print diagnostics as JSON")
    check.add_argument(
        "--class", dest="is_class", action="store_true", help="the files are class files"
    )

    explain = sub.add_parser("explain", help="print a scenario's rules in plain English")
    explain.add_argument("file", metavar="FILE")

    sim = sub.add_parser("simulate", help="play a scenario headless with scripted players")
    sim.add_argument("file", metavar="FILE")
    sim.add_argument(
        "--strategy",
        choices=["conform", "dissent", "random", "farm", "all"],
        default="all",
        help="which scripted player: conform (raises its score), dissent (says what costs "
        "most), random, farm (repeats what pays best), or all four (default: all)",
    )
    sim.add_argument("--runs", type=int, default=10, help="games per scripted player (default: 10)")
    sim.add_argument("--seed", type=int, default=1, help="same seed, same report (default: 1)")
    sim.add_argument("--json", action="store_true", help="print the report as JSON")
    sim.add_argument(
        "--log", action="store_true", help="add the rule log of each scripted player's first run"
    )
    sim.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="play the runs in N processes (default: one per CPU, on Linux; the report is the "
        "same for any N)",
    )
    sim.add_argument(
        "--export",
        metavar="DIR",
        help="also write one results file per scripted player (runs x strategies) into DIR, "
        "quiz answers included, to preview the teacher's report (named after the scenario "
        "file, so the scenarios of a class can share DIR)",
    )
    sim.add_argument(
        "--class", dest="class_file", metavar="FILE", help="take the quiz from this class file"
    )

    schema = sub.add_parser("schema", help="print the scenarios' JSON Schema (for editors)")
    schema.add_argument("--write", metavar="PATH", help="write it to PATH instead")
    schema.add_argument(
        "--class", dest="is_class", action="store_true", help="the class files' schema instead"
    )

    report = sub.add_parser(
        "report", help="the teacher's report from results files, folders and pasted codes"
    )
    report.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="results files (.json), folders of them, or text/CSV files of pasted results codes",
    )
    report.add_argument("--out", required=True, metavar="DIR", help="where report.html goes")
    report.add_argument(
        "--class", dest="class_file", metavar="FILE", help="name the class's scenarios in codes"
    )
    report.add_argument(
        "--title", help="the report's heading (default: the class's title, else 'Class results')"
    )

    handout = sub.add_parser("handout", help="a lesson plan and a printable handout")
    handout.add_argument("file", metavar="CLASS_FILE")
    handout.add_argument("--out", required=True, metavar="DIR", help="where the pages go")

    sub.add_parser(
        "web", help="build or serve the browser version (see 'web --help')", add_help=False
    )
    sub.add_parser("bench", help="measure speed (see 'bench --help')", add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in ("web", "bench"):
        return _delegate(args_list[0], args_list[1:])
    try:
        args = _parser().parse_args(args_list)
    except _UsageError as err:
        sys.stderr.write(str(err))
        return USAGE_ERROR
    except SystemExit as exit_:  # --help
        return exit_.code if isinstance(exit_.code, int) else 0
    match args.command:
        case "play":
            return _play(args.scenario, args.class_file, args.teacher)
        case "check":
            return _check(args.files, args.json, args.is_class)
        case "explain":
            return _explain(args.file)
        case "schema":
            return _schema(args.write, args.is_class)
        case "report":
            return _report(args)
        case "handout":
            return _handout(args.file, args.out)
        case _:
            return _simulate(args)


def _delegate(command: str, rest: list[str]) -> int:
    if command == "web":
        from game.web.command import main as web_main

        return web_main(rest)
    try:
        from game.bench import main as bench_main
    except ImportError:  # the browser build leaves the benchmark out
        print("python -m game bench: the benchmark is not part of this build", file=sys.stderr)
        return USAGE_ERROR
    return bench_main(rest)


def _play(scenario: str | None, class_file: str | None, teacher: bool = False) -> int:
    plan = None
    if class_file is not None:
        from game.core.classfile import check_class_file

        result = check_class_file(class_file)
        if result.plan is None:
            print(format_text(result.diagnostics), file=sys.stderr)
            return 1
        plan = result.plan
    from game.ui.app import play

    return play(scenario, class_plan=plan, teacher=teacher)


def _check(files: Sequence[str], as_json: bool, is_class: bool = False) -> int:
    from game.core.classfile import check_class_file, class_file_mistake

    diagnostics: list[Diagnostic] = []
    for name in files:
        mistake = None if is_class else class_file_mistake(name, "check")
        if mistake is not None:
            diagnostics.append(mistake)
            continue
        result = check_class_file(name) if is_class else check_file(name)
        diagnostics += result.diagnostics
    print(to_json(diagnostics) if as_json else format_text(diagnostics))
    return 1 if any(d.is_error for d in diagnostics) else 0


def _schema(path: str | None, is_class: bool = False) -> int:
    import json

    from game.core import classfile, scenariospec

    schema = classfile.json_schema() if is_class else scenariospec.json_schema()
    text = json.dumps(schema, indent=2) + "\n"
    if path is None:
        sys.stdout.write(text)
    else:
        Path(path).write_text(text, encoding="utf-8")
    return 0


def _load(name: str, command: str) -> CheckResult:
    from game.core.classfile import class_file_mistake

    mistake = class_file_mistake(name, command)
    if mistake is not None:
        print(format_text([mistake]), file=sys.stderr)
        return CheckResult(None, (mistake,))
    result = check_file(name)
    if result.scenario is None:
        print(format_text(result.diagnostics), file=sys.stderr)
    return result


def _explain(name: str) -> int:
    from game.core.explain import explain

    result = _load(name, "explain")
    if result.scenario is None:
        return 1
    print("\n".join(printable(line) for line in explain(result.scenario)))
    return 0


def _simulate(args: argparse.Namespace) -> int:
    """``simulate``; Ctrl+C at any point stops it with one line and ``INTERRUPTED``."""
    try:
        return _simulate_and_export(args)
    except KeyboardInterrupt:  # a long run stopped on purpose, not a crash
        sys.stderr.write("python -m game simulate: stopped (Ctrl+C)\n")
        return INTERRUPTED


def _simulate_and_export(args: argparse.Namespace) -> int:
    from game.core.simulate import ALL_STRATEGIES, FORMATTERS, STRATEGIES, RunMap, in_turn, simulate

    if not 1 <= args.runs <= 10000:
        sys.stderr.write("python -m game simulate: error: --runs must be between 1 and 10000\n")
        return USAGE_ERROR
    if args.jobs is not None and not 1 <= args.jobs <= 64:
        sys.stderr.write("python -m game simulate: error: --jobs must be between 1 and 64\n")
        return USAGE_ERROR
    result = _load(args.file, "simulate")
    if result.scenario is None:
        return 1
    strategies = ALL_STRATEGIES if args.strategy == "all" else (args.strategy,)
    share: RunMap = in_turn
    try:
        from game.workers import default_jobs, fork_map
    except ImportError:  # the browser build leaves it out: a browser has no processes
        pass
    else:
        share = functools.partial(fork_map, jobs=args.jobs or default_jobs())
    reports = simulate(result.scenario, strategies, args.runs, args.seed, args.log, share)
    formatter = FORMATTERS["json" if args.json else "text"]
    print(formatter(result.scenario, reports, args.runs, args.seed))
    if args.export is None:
        return 0
    players = STRATEGIES if args.strategy == "all" else strategies  # people, not probes
    return _export(result.scenario, players, args)


def _export(scenario: Scenario, strategies: Sequence[str], args: argparse.Namespace) -> int:
    from game.core.classfile import check_class_file
    from game.core.preview import scripted_class
    from game.core.results import to_json

    claims = scenario.claims
    if args.class_file is not None:
        checked = check_class_file(args.class_file)
        if checked.plan is None:
            print(format_text(checked.diagnostics), file=sys.stderr)
            return 1
        claims = checked.plan.claims_for(scenario)
    players = scripted_class(scenario, claims, strategies, args.runs, args.seed)
    folder = Path(args.export)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for results in players:
            name = f"{Path(scenario.path).stem}-{results.nickname}.json"
            (folder / name).write_text(to_json(results), encoding="utf-8")
    except OSError as err:
        print(f"python -m game simulate: cannot write to {folder}: {err.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {len(players)} results file(s) to {folder}", file=sys.stderr)
    return 0


def _known_scenarios(class_file: str | None) -> tuple[list[Scenario], list, Any]:
    """Scenarios and claim sets that name what results codes only key: the shipped scenarios
    and the class file's (with its claims); then the class plan, None without a class file,
    or the exit code 1 when the class file is broken."""
    from game.core.classfile import check_class_file

    folder = Path(__file__).resolve().parents[1] / "scenarios"
    scenarios = [s for p in sorted(folder.glob("*.yaml")) if (s := check_file(p).scenario)]
    claim_sets: list = [s.claims for s in scenarios if s.claims]
    if class_file is None:
        return scenarios, claim_sets, None
    checked = check_class_file(class_file)
    if checked.plan is None:
        print(format_text(checked.diagnostics), file=sys.stderr)
        return scenarios, claim_sets, 1
    scenarios += checked.plan.scenarios
    claim_sets += [checked.plan.claims] if checked.plan.claims else []
    return scenarios, claim_sets, checked.plan


def _report(args: argparse.Namespace) -> int:
    from game.core.resultcode import claim_set_key
    from game.teacher.inputs import read_inputs
    from game.teacher.report import write_report

    scenarios, claim_sets, plan = _known_scenarios(args.class_file)
    if plan == 1:
        return 1
    intake = read_inputs(args.inputs, scenarios, claim_sets)
    for problem in intake.problems:
        print(printable(f"left out {problem.source}: {problem.reason}"), file=sys.stderr)
    notes = []
    if plan is not None and plan.quiz_claims:
        key = claim_set_key(plan.quiz_claims)
        other = [p for p in intake.players if p.results.has_quiz]
        other = [p for p in other if claim_set_key(p.results.claims) != key]
        if other:
            notes.append(
                f"{len(other)} game(s) rated other claims than this class's quiz (made without "
                "this class file?): the claim charts show their claims too."
            )
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    title = args.title or (plan.title if plan is not None else "Class results")
    try:
        html_path, csv_path = write_report(intake, Path(args.out), title, notes)
    except OSError as err:
        print(f"python -m game report: cannot write to {args.out}: {err.strerror}", file=sys.stderr)
        return 1
    print(
        f"{len(intake.players)} game(s), {len(intake.problems)} left out: {html_path}, {csv_path}"
    )
    return 0 if intake.players else 1


def _handout(class_file: str, out: str) -> int:
    from game.core.classfile import check_class_file
    from game.teacher.handout import write_materials

    checked = check_class_file(class_file)
    if checked.plan is None:
        print(format_text(checked.diagnostics), file=sys.stderr)
        return 1
    try:
        paths, need = write_materials(checked.plan, Path(out))
    except OSError as err:
        print(f"python -m game handout: cannot write to {out}: {err.strerror}", file=sys.stderr)
        return 1
    print("wrote " + ", ".join(str(p) for p in paths))
    if need > checked.plan.lesson_minutes:
        print(
            f"warning: the activities need at least {need} minutes, more than the "
            f"{checked.plan.lesson_minutes} in 'lesson_minutes' (see the lesson plan's timeline)",
            file=sys.stderr,
        )
    return 0


def run() -> None:
    """Entry point for the console script and ``python -m game``."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``| head``): not an error of ours
        sys.stderr.close()
        code = 0
    sys.exit(code)
