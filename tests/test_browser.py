"""The game's core in a real browser: headless Chromium runs it in Pyodide.

Pyodide (the npm ``pyodide`` package: CPython on WebAssembly) loads in Debian's
``chromium`` from a page served on 127.0.0.1. The page unpacks the real web build's
archive (``model-citizen.apk``: the game package, the shipped scenarios and pure-Python
``yaml``) into Pyodide's file system and calls ``game.cli.main`` for:

- ``simulate SCENARIO --strategy all --runs 3 --seed 7`` on every shipped scenario;
- ``check tests/browser/broken_scenario.yaml``, a scenario with mistakes in it.

Desktop CPython runs the same jobs with the same harness (tests/browser/harness.py), and
everything each job printed must be equal, byte for byte, along with its exit code.

Needs ``chromium`` and ``tests/browser/node_modules`` (``bash .ci/browser-setup.sh``
installs both); without them the test fails and says so, it never skips.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.bench.browser import headless_chromium
from game.core.scenariofiles import scenario_files
from game.web import APP_NAME
from game.web.build import BuildOptions, build
from game.web.serve import make_server

REPO = Path(__file__).resolve().parents[1]
BROWSER_DIR = REPO / "tests" / "browser"
PYODIDE_DIR = BROWSER_DIR / "node_modules" / "pyodide"
BROKEN_SCENARIO = "tests/browser/broken_scenario.yaml"
SETUP_HINT = "run `bash .ci/browser-setup.sh` (as root) to install it"
CHROMIUM_TIMEOUT_SECONDS = 150
SIMULATE_ARGS = ["--strategy", "all", "--runs", "3", "--seed", "7"]


def chromium_path() -> str:
    """Return Debian's chromium executable, or fail the test saying how to install it."""
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(f"chromium is not installed: {SETUP_HINT}", pytrace=False)


def require_pyodide() -> None:
    """Fail the test, saying how to fix it, unless the npm pyodide package is installed."""
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        if not (PYODIDE_DIR / name).is_file():
            pytest.fail(
                f"the npm package pyodide is missing ({PYODIDE_DIR / name}): {SETUP_HINT}",
                pytrace=False,
            )


def shipped_scenarios() -> list[str]:
    """Return the shipped scenarios as paths relative to the project root."""
    return [path.relative_to(REPO).as_posix() for path in scenario_files(REPO / "scenarios")]


def make_jobs() -> dict[str, object]:
    """Return the jobs for both runs: the project root, extra files, and each argv."""
    jobs = [{"argv": ["simulate", scenario, *SIMULATE_ARGS]} for scenario in shipped_scenarios()]
    jobs.append({"argv": ["check", BROKEN_SCENARIO]})
    return {
        "root": REPO.as_posix(),
        "files": {BROKEN_SCENARIO: (REPO / BROKEN_SCENARIO).read_text(encoding="utf-8")},
        "jobs": jobs,
    }


def prepare_site(site: Path, apk: Path, jobs: dict[str, object]) -> None:
    """Lay out the folder the page is served from (see tests/browser/runner.mjs)."""
    for name in ("index.html", "runner.mjs", "harness.py"):
        shutil.copyfile(BROWSER_DIR / name, site / name)
    shutil.copyfile(apk, site / "app.apk")
    (site / "pyodide").symlink_to(PYODIDE_DIR, target_is_directory=True)
    (site / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")


def run_chromium(url: str, user_data_dir: Path) -> tuple[str, str]:
    """Load ``url`` in headless Chromium, let its scripts finish, return (DOM, stderr)."""
    command = headless_chromium(
        chromium_path(), user_data_dir, "--virtual-time-budget=60000", "--dump-dom", url
    )
    completed = subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=CHROMIUM_TIMEOUT_SECONDS,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    return completed.stdout, completed.stderr


def read_report(dom: str, stderr: str) -> dict[str, object]:
    """Decode the page's report from the dumped DOM; fail with Chromium's output if absent."""
    match = re.search(r'<pre id="result">([A-Za-z0-9+/=]+)</pre>', dom)
    if match is None:
        noise = ("dbus", "Fontconfig", "sandbox")
        errors = [line for line in stderr.splitlines() if not any(n in line for n in noise)]
        pytest.fail(
            "the page wrote no report.\nDOM:\n"
            + dom[-2000:]
            + "\nChromium:\n"
            + "\n".join(errors[-30:]),
            pytrace=False,
        )
    report = json.loads(base64.b64decode(match.group(1)).decode("utf-8"))
    if not report.get("ok"):
        pytest.fail(f"the page failed:\n{report.get('error')}", pytrace=False)
    return report


@pytest.fixture(scope="module")
def jobs() -> dict[str, object]:
    return make_jobs()


@pytest.fixture(scope="module")
def browser_report(jobs: dict[str, object]) -> Iterator[dict[str, object]]:
    """Build the web version, serve it with Pyodide on 127.0.0.1, run the jobs in Chromium."""
    chromium_path()
    require_pyodide()
    with tempfile.TemporaryDirectory(prefix="model-citizen-browser-") as temporary:
        root = Path(temporary)
        result = build(BuildOptions(out=root / "web"))
        site = root / "site"
        site.mkdir()
        prepare_site(site, result.apk, jobs)
        server = make_server(site, 0)
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            started = time.monotonic()
            url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
            dom, stderr = run_chromium(url, root / "chromium-profile")
            report = read_report(dom, stderr)
            report["wall_seconds"] = time.monotonic() - started
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
        yield report


@pytest.fixture(scope="module")
def desktop_report(jobs: dict[str, object]) -> dict[str, object]:
    """Run the same jobs with this (desktop) CPython, from the project root."""
    with tempfile.TemporaryDirectory(prefix="model-citizen-jobs-") as temporary:
        jobs_file = Path(temporary) / "jobs.json"
        jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
        completed = subprocess.run(
            [sys.executable, str(BROWSER_DIR / "harness.py"), str(jobs_file)],
            cwd=REPO,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
            check=False,
        )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def _result(report: dict[str, object], argv: list[str]) -> dict[str, object]:
    for result in report["results"]:
        if result["argv"] == argv:
            return result
    raise AssertionError(f"no result for {argv}")


def _assert_same(browser: dict[str, object], desktop: dict[str, object]) -> None:
    assert browser["error"] is None, f"raised in the browser:\n{browser['error']}"
    assert desktop["error"] is None, f"raised on the desktop:\n{desktop['error']}"
    for stream in ("stdout", "stderr"):
        assert browser[stream].encode("utf-8") == desktop[stream].encode("utf-8"), (
            f"{stream} differs for {browser['argv']}"
        )
    assert browser["exit"] == desktop["exit"]


def test_the_browser_runs_the_shipped_build_with_pure_python_yaml(
    browser_report: dict[str, object], jobs: dict[str, object]
) -> None:
    environment = browser_report["environment"]
    assert environment["platform"] == "emscripten"
    assert environment["yaml_with_libyaml"] is False
    # yaml was imported from the web build's archive, not from Pyodide's own packages.
    assert environment["yaml_file"] == f"{jobs['root']}/yaml/__init__.py"
    assert len(browser_report["results"]) == len(jobs["jobs"])
    print(
        f"browser: Python {environment['version']} in Chromium, "
        f"{browser_report['wall_seconds']:.1f} s from Chromium's start to the report, "
        f"{len(jobs['jobs'])} jobs from {APP_NAME}.apk"
    )


def test_there_are_shipped_scenarios_to_simulate() -> None:
    assert shipped_scenarios(), "no scenarios/*.yaml in the project"


@pytest.mark.parametrize("scenario", shipped_scenarios())
def test_simulate_prints_the_same_in_the_browser_as_on_the_desktop(
    scenario: str, browser_report: dict[str, object], desktop_report: dict[str, object]
) -> None:
    argv = ["simulate", scenario, *SIMULATE_ARGS]
    browser, desktop = _result(browser_report, argv), _result(desktop_report, argv)
    _assert_same(browser, desktop)
    assert desktop["exit"] == 0, desktop["stderr"]
    assert desktop["stdout"].strip(), "simulate printed nothing"


def test_check_reports_the_same_mistakes_in_the_browser_as_on_the_desktop(
    browser_report: dict[str, object], desktop_report: dict[str, object]
) -> None:
    argv = ["check", BROKEN_SCENARIO]
    browser, desktop = _result(browser_report, argv), _result(desktop_report, argv)
    _assert_same(browser, desktop)
    assert desktop["exit"] not in (0, None), "the broken scenario passed the check"
    printed = desktop["stdout"] + desktop["stderr"]
    assert re.search(rf"{re.escape(BROKEN_SCENARIO)}:\d+", printed), printed
