"""Mapping a function over items in worker processes, for the command line's long runs.

``fork_map(fn, items, jobs)`` gives ``[fn(item) for item in items]``, the same list in the same
order, computed by this process and up to ``jobs - 1`` forked ones. A forked worker inherits
``fn`` and what it closes over (a loaded scenario, say) without copying or pickling it; only the
results travel back, so they must pickle. Where processes cannot be forked (Windows, macOS's
default, a browser), or with one job, it maps in this process. A worker that fails or dies has
its share done again here, so an error surfaces as it would have without workers.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported when used: a browser build has no processes, and it costs 9 ms
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

Item = TypeVar("Item")
Result = TypeVar("Result")


def usable_cpus() -> int:
    """How many CPUs this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """True where worker processes are forked: Linux, where forking is safe (``fork_map`` asks
    for it by name; it is no longer the default from Python 3.14)."""
    return sys.platform.startswith("linux")


MAX_DEFAULT_JOBS = 8
"""The most processes ``default_jobs`` shares work among (more rarely pay: a container may show
many CPUs, and each process costs a fork)."""


def default_jobs() -> int:
    """How many processes share the work unless told: one per usable CPU, at most
    ``MAX_DEFAULT_JOBS``; 1 where processes cannot be forked."""
    return min(usable_cpus(), MAX_DEFAULT_JOBS) if can_fork() else 1


def fork_map(fn: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> list[Result]:
    """``[fn(item) for item in items]``; where processes can be forked, share ``w`` of ``jobs``
    (the items ``w, w + jobs, ...``) is computed by a worker, and share 0 here. A share whose
    worker could not start, failed or died is computed here. Exceptions ``fn`` raises are raised
    here; the workers are stopped before this returns or raises."""
    jobs = min(jobs, len(items))
    if jobs <= 1 or not can_fork():
        return [fn(item) for item in items]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent = os.getpid()
    workers: list[tuple[BaseProcess, Connection] | None] = []
    try:
        for w in range(1, jobs):
            receive, send = context.Pipe(duplex=False)
            reading = [worker[1] for worker in workers if worker is not None] + [receive]
            process = context.Process(
                target=_work, args=(fn, items[w::jobs], send, reading, parent), daemon=True
            )
            try:
                process.start()
            except OSError:  # no more processes to be had (a container's limit, say)
                receive.close()
                workers.append(None)
            else:
                workers.append((process, receive))
            finally:
                send.close()
        shares = [[fn(item) for item in items[0::jobs]]]  # this process does the first share
        for w, worker in enumerate(workers, 1):
            share = None if worker is None else _answer(worker[1])
            shares.append(share if share is not None else [fn(item) for item in items[w::jobs]])
    finally:
        for worker in workers:
            if worker is not None:
                worker[1].close()
                worker[0].terminate()  # finished by now, unless this process is raising
                worker[0].join()
    return [shares[index % jobs][index // jobs] for index in range(len(items))]


def _answer(receive: Connection) -> list[Result] | None:
    """A worker's share, or None when it failed or died before it answered."""
    try:
        share: list[Result] | None = receive.recv()
    except (EOFError, OSError):
        return None
    return share


def _work(
    fn: Callable[[Item], Result],
    items: Sequence[Item],
    send: Connection,
    reading: list[Connection],
    parent: int,
) -> None:
    """A worker: send back ``fn`` of each item, or None when one raised (it is redone and
    raised in the parent). Ctrl+C is the parent's to handle: it stops its workers. Only the
    parent reads the pipes (``reading`` are the read ends this fork inherited), so once it is
    gone the worker stops at the next item, and a send finds the pipe broken, never blocks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in reading:
        end.close()
    share: list[Result] | None
    try:
        done: list[Result] = []
        for item in items:
            if os.getppid() != parent:
                return  # the parent died: nobody will read this share
            done.append(fn(item))
        share = done
    except Exception:  # the parent redoes this share and raises it there
        share = None
    with contextlib.suppress(OSError):  # the parent died while this was sent
        send.send(share)
    send.close()
