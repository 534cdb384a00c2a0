"""Run the game's command line on a list of jobs and report what each printed, as JSON.

The same file runs in two places, so that the two reports can be compared byte for byte:

- in the browser, inside Pyodide (CPython on WebAssembly), where runner.mjs calls
  :func:`run_jobs` after writing the game's files into Pyodide's file system;
- on the desktop, as ``python tests/browser/harness.py JOBS.json`` with the project's root
  as the working directory (tests/test_browser.py does that).

A job is ``{"argv": [...]}``: the arguments for ``game.cli.main``. Each result holds the
exit code, everything written to stdout and stderr, and the traceback if the call raised.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import traceback


def environment() -> dict[str, object]:
    """Describe the Python that runs the jobs: version, platform and which YAML parser."""
    import yaml

    return {
        "version": sys.version.split()[0],
        "platform": sys.platform,
        "yaml_file": os.path.abspath(yaml.__file__),
        "yaml_with_libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
    }


def run_job(argv: list[str]) -> dict[str, object]:
    """Call ``game.cli.main(argv)`` with stdout and stderr captured; never raises."""
    stdout, stderr = io.StringIO(), io.StringIO()
    code: object = None
    error = None
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            from game.cli import main

            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code
        except BaseException:
            error = traceback.format_exc()
    return {
        "argv": list(argv),
        "exit": code,
        "stdout": stdout.getvalue(),
        "stderr": stderr.getvalue(),
        "error": error,
    }


def run_jobs(jobs_json: str) -> str:
    """Run every job in ``jobs_json`` (``{"jobs": [...]}``) from the current folder.

    The current folder goes first on ``sys.path``, so ``game`` and ``yaml`` are imported
    from it when it has them. Returns ``{"environment": ..., "results": [...]}`` as JSON.
    """
    sys.path.insert(0, os.getcwd())
    jobs = json.loads(jobs_json)["jobs"]
    results = [run_job(job["argv"]) for job in jobs]
    return json.dumps({"environment": environment(), "results": results})


def main(argv: list[str]) -> int:
    """Desktop entry point: ``harness.py JOBS.json`` prints the report on stdout."""
    if len(argv) != 1:
        print("usage: harness.py JOBS.json", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as handle:
        report = run_jobs(handle.read())
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
