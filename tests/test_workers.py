"""``fork_map``: the same list as a plain map, in order, whoever computed it; a worker that fails
or dies has its share done again in the calling process."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from game.cli import main
from game.core.checker import check_file
from game.core.simulate import ALL_STRATEGIES, simulate
from game.workers import MAX_DEFAULT_JOBS, can_fork, default_jobs, fork_map

needs_fork = pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")


@pytest.mark.parametrize("jobs", [1, 2, 3, 7])
def test_the_result_is_the_plain_map_in_order(jobs: int) -> None:
    items = list(range(5))
    assert fork_map(lambda n: (n, n * n), items, jobs) == [(n, n * n) for n in items]


@needs_fork
def test_the_items_are_shared_among_processes() -> None:
    pids = fork_map(lambda _: os.getpid(), list(range(6)), 3)
    assert len(set(pids)) == 3 and pids[0] == os.getpid()  # share 0 is done here
    assert pids[0::3] == [os.getpid()] * 2


@needs_fork
def test_a_worker_that_raises_has_its_share_done_here() -> None:
    here = os.getpid()

    def fragile(n: int) -> int:
        if os.getpid() != here:
            raise ValueError("only in a worker")
        return n + 1

    assert fork_map(fragile, [1, 2, 3, 4], 2) == [2, 3, 4, 5]


@needs_fork
def test_a_worker_that_dies_has_its_share_done_here() -> None:
    here = os.getpid()

    def mortal(n: int) -> int:
        if os.getpid() != here:
            os._exit(3)
        return -n

    assert fork_map(mortal, [1, 2, 3], 3) == [-1, -2, -3]


def test_an_error_in_a_workers_share_is_raised_here() -> None:
    def broken(n: int) -> int:
        if n == 1:  # item 1 is in share 1: a worker's, where processes fork
            raise ValueError(f"bad {n}")
        return n

    with pytest.raises(ValueError, match="bad 1"):
        fork_map(broken, [0, 1, 2, 3], 2)


@needs_fork
def test_a_worker_that_cannot_start_has_its_share_done_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing.context

    start = multiprocessing.context.ForkProcess.start
    started: list[int] = []

    def limited(self: multiprocessing.context.ForkProcess) -> None:
        if started:
            raise BlockingIOError("no more processes")  # fork's EAGAIN
        started.append(1)
        start(self)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", limited)
    assert fork_map(lambda n: n * 10, list(range(6)), 3) == [0, 10, 20, 30, 40, 50]
    assert multiprocessing.active_children() == []  # the one that started was stopped


def _children(pid: int) -> list[str]:
    """The ids of the processes ``pid`` started (from /proc)."""
    tasks = Path(f"/proc/{pid}/task")
    found: list[str] = []
    for task in tasks.iterdir() if tasks.exists() else ():
        children = task / "children"
        if children.exists():
            found += children.read_text().split()
    return found


def _running(pid: str) -> bool:
    """True while ``pid`` runs (a process gone, or a zombie waiting to be reaped, does not)."""
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def _forked(
    command: list[str], output: int = subprocess.PIPE
) -> tuple[subprocess.Popen[str], list[str]]:
    """Start ``command`` in its own process group and wait until it has forked a worker;
    ``output`` is where its output goes."""
    run = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=output,
        stderr=output,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's job is
    )
    for _ in range(300):
        children = _children(run.pid)
        if children:
            return run, children
        time.sleep(0.1)
    os.killpg(run.pid, signal.SIGKILL)
    raise AssertionError("it never forked a worker")


def test_simulate_reports_the_same_with_any_number_of_jobs() -> None:
    scenario = check_file(ROOT / "scenarios" / "viral-score.yaml").scenario
    assert scenario is not None
    one = simulate(scenario, ALL_STRATEGIES, 3, 4, with_log=True)
    for jobs in (1, 2, 5):
        shared = functools.partial(fork_map, jobs=jobs)
        assert simulate(scenario, ALL_STRATEGIES, 3, 4, True, shared) == one


@pytest.mark.parametrize("jobs", ["0", "65", "-1"])
def test_a_bad_jobs_count_is_a_usage_error(jobs: str, capsys) -> None:
    path = str(ROOT / "scenarios" / "viral-score.yaml")
    assert main(["simulate", path, "--runs", "1", "--jobs", jobs]) == 2
    assert "--jobs must be between 1 and 64" in capsys.readouterr().err


def test_in_a_browser_nothing_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "emscripten")
    assert not can_fork()
    assert fork_map(lambda _: os.getpid(), [1, 2, 3], 3) == [os.getpid()] * 3


SIMULATE = [sys.executable, "-m", "game", "simulate", "scenarios/viral-score.yaml"]


@needs_fork
def test_ctrl_c_stops_simulate_and_its_workers_without_a_traceback() -> None:
    run, children = _forked([*SIMULATE, "--runs", "2000", "--jobs", "2"])
    try:
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl+C in a terminal does: the whole group
        out, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 130
    assert err == "python -m game simulate: stopped (Ctrl+C)\n" and out == ""
    assert not any(_running(child) for child in children)


@needs_fork
def test_a_worker_leaves_ctrl_c_to_simulate() -> None:
    run, children = _forked([*SIMULATE, "--runs", "40", "--jobs", "2"])
    try:
        for child in children:
            os.kill(int(child), signal.SIGINT)  # the worker alone: it carries on
        out, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    alone = subprocess.run(
        [*SIMULATE, "--runs", "40", "--jobs", "1"], cwd=ROOT, capture_output=True, text=True
    )
    assert (run.returncode, err) == (0, "")  # no traceback from an interrupted worker
    assert out == alone.stdout


@needs_fork
def test_workers_stop_when_their_parent_is_killed() -> None:
    code = (
        "import time\n"
        "from game.workers import fork_map\n"
        "def slow(n):\n"
        "    time.sleep(0.2)\n"
        "    return 'x' * 200_000\n"  # more than a pipe holds: a send to nobody must not block
        "fork_map(slow, list(range(40)), 2)\n"
    )
    run, children = _forked([sys.executable, "-c", code], subprocess.DEVNULL)
    os.kill(run.pid, signal.SIGKILL)  # the parent alone, as a timeout or the OOM killer does
    run.wait(timeout=30)
    for _ in range(20):  # its share had 4 s of work left: it must stop at the next item
        if not any(_running(child) for child in children):
            break
        time.sleep(0.1)
    assert not any(_running(child) for child in children), "a worker outlived its parent"


def test_the_default_is_one_process_per_cpu_at_most_eight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("game.workers.usable_cpus", lambda: 64)
    assert default_jobs() == (MAX_DEFAULT_JOBS if can_fork() else 1) == (8 if can_fork() else 1)
    monkeypatch.setattr("game.workers.usable_cpus", lambda: 2)
    assert default_jobs() == (2 if can_fork() else 1)
