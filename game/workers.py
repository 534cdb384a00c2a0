"""Mapping a function over items in worker processes, for the command line's long runs.

``fork_map(fn, items, jobs)`` gives ``[fn(item) for item in items]``, the same list in the same
order, computed by this process and up to ``jobs - 1`` forked ones. A forked worker inherits
``fn`` and what it closes over (a loaded scenario, say) without copying or pickling it; only the
results travel back, so they must pickle. Where processes cannot be forked (Windows, macOS's
default, a browser), or with one job, it maps in this process. A worker that fails or dies has
its share done again here, so an error surfaces as it would have without workers.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported when used: a browser build has no processes, and it costs 9 ms
    from multiprocessing.connection import Connection

Item = TypeVar("Item")
Result = TypeVar("Result")


def usable_cpus() -> int:
    """How many CPUs this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """True where worker processes are forked: Linux, where forking is safe and the default."""
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
    (the items ``w, w + jobs, ...``) is computed by a worker, and share 0 here. Exceptions
    ``fn`` raises are raised here."""
    jobs = min(jobs, len(items))
    if jobs <= 1 or not can_fork():
        return [fn(item) for item in items]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    workers = []
    for w in range(1, jobs):
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(fn, items[w::jobs], send), daemon=True)
        process.start()
        send.close()
        workers.append((process, receive))
    try:
        shares = [[fn(item) for item in items[0::jobs]]]  # this process does the first share
        for w, (_, receive) in enumerate(workers, 1):
            try:
                share = receive.recv()
            except (EOFError, OSError):  # the worker died before it answered
                share = None
            shares.append(share if share is not None else [fn(item) for item in items[w::jobs]])
    finally:
        for process, receive in workers:
            receive.close()
            process.terminate()  # finished by now, unless this process is raising
            process.join()
    return [shares[index % jobs][index // jobs] for index in range(len(items))]


def _work(fn: Callable[[Item], Result], items: Sequence[Item], send: Connection) -> None:
    """A worker: send back ``fn`` of each item, or None when one raised (it is redone and
    raised in the parent). Ctrl+C is the parent's to handle: it stops its workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        share: list[Result] | None = [fn(item) for item in items]
    except Exception:  # the parent redoes this share and raises it there
        share = None
    send.send(share)
    send.close()
