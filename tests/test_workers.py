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


def test_an_error_everywhere_is_raised_here() -> None:
    def broken(n: int) -> int:
        raise ValueError(f"bad {n}")

    with pytest.raises(ValueError, match="bad 0"):
        fork_map(broken, [0, 1, 2], 2)


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


@needs_fork
def test_ctrl_c_stops_simulate_and_its_workers_without_a_traceback() -> None:
    command = [sys.executable, "-m", "game", "simulate", "scenarios/viral-score.yaml"]
    run = subprocess.Popen(
        [*command, "--runs", "2000", "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's job is
    )
    children: list[str] = []
    for _ in range(300):  # the runs are being played once the worker is forked
        children = subprocess.run(
            ["pgrep", "-P", str(run.pid)], capture_output=True, text=True
        ).stdout.split()
        if children:
            break
        time.sleep(0.1)
    assert children, "simulate never forked its worker"
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl+C in a terminal does: the whole group
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert err == "python -m game simulate: stopped (Ctrl+C)\n" and out == ""
    for child in children:
        assert (
            not Path(f"/proc/{child}").exists()
            or "zombie" in Path(f"/proc/{child}/status").read_text()
        )


def test_the_default_is_one_process_per_cpu_at_most_eight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("game.workers.usable_cpus", lambda: 64)
    assert default_jobs() == (MAX_DEFAULT_JOBS if can_fork() else 1) == (8 if can_fork() else 1)
    monkeypatch.setattr("game.workers.usable_cpus", lambda: 2)
    assert default_jobs() == (2 if can_fork() else 1)
