"""``browser_core_ms``: the game's core in headless Chromium under Pyodide, against desktop CPython.

The bench builds the web archive (``python -m game web build``), serves it on 127.0.0.1 with a
page of its own and the npm ``pyodide`` package (installed by ``bash .ci/browser-setup.sh`` in
tests/browser/node_modules, as tests/test_browser.py uses it), and times, inside the page, the
same Python job desktop CPython then runs in a new process: unpack the archive, ``check`` the
viral scenario, ``simulate`` it once (every strategy, one run). Both import the game and its
pure-Python ``yaml`` from the unpacked archive, so they run the same code.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import ClassVar

from game.bench.figures import Figure, missing
from game.web.serve import BuildRequestHandler, BuildServer

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "tests" / "browser" / "node_modules" / "pyodide"
KEY = "browser_core_ms"
TIMEOUT_S = 240

# The job, the same text in both places: unpack, check, simulate. In the page, Chromium's virtual
# time stands still, so the page marks its start and end by requests the bench's server times.
JOB = r"""
import contextlib, io, os, sys, time, zipfile

def core_job(apk, root):
    start = time.perf_counter()
    with zipfile.ZipFile(io.BytesIO(bytes(apk))) as archive:
        for info in archive.infolist():
            if info.is_dir() or not info.filename.startswith("assets/"):
                continue
            target = os.path.join(root, info.filename[len("assets/"):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(archive.read(info))
    os.chdir(root)
    sys.path.insert(0, root)
    from game.cli import main
    scenario = "scenarios/viral-score.yaml"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        codes = (main(["check", scenario]),
                 main(["simulate", scenario, "--strategy", "all", "--runs", "1"]))
    return (time.perf_counter() - start) * 1000.0, codes
"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">
</head><body><pre id="result"></pre><script type="module" src="runner.mjs"></script></body></html>
"""

_RUNNER = """
import { loadPyodide } from "./pyodide/pyodide.mjs";
const out = document.getElementById("result");
function finish(report) { out.textContent = btoa(JSON.stringify(report)); }
try {
    const apk = await (await fetch("app.apk")).arrayBuffer();
    const job = await (await fetch("job.py")).text();
    await fetch("mark/load");
    const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
    pyodide.runPython(job);
    const core_job = pyodide.globals.get("core_job");
    await fetch("mark/start");
    const result = core_job(new Uint8Array(apk), "/bench-app").toJs();
    await fetch("mark/end");
    finish({ ok: true, codes: Array.from(result[1]) });
} catch (error) {
    finish({ ok: false, error: String(error && error.stack ? error.stack : error) });
}
"""


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def browser_core(quick: bool) -> Figure:
    """``browser_core_ms`` with the desktop figure and their ratio in the note."""
    if quick:
        return missing(KEY, "ms", "skipped by --quick (Chromium and Pyodide take half a minute)")
    chromium = _chromium()
    if chromium is None or not (PYODIDE / "pyodide.mjs").is_file():
        return missing(KEY, "ms", "n/a: needs chromium and Pyodide (bash .ci/browser-setup.sh)")
    from game.web.build import BuildOptions, build

    with tempfile.TemporaryDirectory(prefix="bench-browser-") as folder:
        root = Path(folder)
        apk = build(BuildOptions(out=root / "web")).apk
        site = root / "site"
        site.mkdir()
        (site / "index.html").write_text(_PAGE, encoding="utf-8")
        (site / "runner.mjs").write_text(_RUNNER, encoding="utf-8")
        (site / "job.py").write_text(JOB, encoding="utf-8")
        shutil.copyfile(apk, site / "app.apk")
        (site / "pyodide").symlink_to(PYODIDE, target_is_directory=True)
        report = _in_chromium(chromium, site, root / "profile")
        if not report.get("ok"):
            return missing(KEY, "ms", f"failed in the browser: {report.get('error')}")
        desktop = _on_desktop(apk, root / "desktop")
    if report["codes"] != [0, 0] or desktop["codes"] != [0, 0]:
        return missing(KEY, "ms", f"check or simulate failed: {report['codes']} {desktop['codes']}")
    ratio = report["ms"] / desktop["ms"]
    note = (
        f"headless Chromium, Pyodide (timed by the bench's server from the page's requests "
        f"before and after): unpack the web archive, check and simulate the viral "
        f"scenario once (all strategies, one run): {report['ms']:.0f} ms (after "
        f"{report['pyodide_ms']:.0f} ms loading Pyodide); desktop CPython "
        f"{sys.version.split()[0]}, same job and code: {desktop['ms']:.0f} ms; ratio "
        f"{ratio:.1f}x"
    )
    return Figure(KEY, report["ms"], "ms", None, None, note)


class _Marks(BuildRequestHandler):
    """Serves the site; a request for ``/mark/NAME`` is answered at once and its arrival time
    (the bench's clock) noted in ``marks``."""

    marks: ClassVar[dict[str, float]]

    def do_GET(self) -> None:
        if self.path.startswith("/mark/"):
            self.marks[self.path[len("/mark/") :]] = time.perf_counter()
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def headless_chromium(chromium: str, profile: Path, *args: str) -> list[str]:
    """The command line that runs Debian's ``chromium`` headless here, with a fresh profile in
    ``profile`` and ``args`` last: no sandbox (root), no GPU, and none of the background
    connections that this machine's closed network would refuse."""
    return [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--mute-audio",
        f"--user-data-dir={profile}",
        *args,
    ]


def _in_chromium(chromium: str, site: Path, profile: Path) -> dict[str, object]:
    marks: dict[str, float] = {}
    handler = type("Marks", (_Marks,), {"marks": marks})
    server = BuildServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        command = headless_chromium(
            chromium, profile, "--virtual-time-budget=120000", "--dump-dom", url
        )
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    found = re.search(r'<pre id="result">([A-Za-z0-9+/=]+)</pre>', done.stdout)
    if found is None:
        return {"ok": False, "error": "the page wrote no report"}
    report = json.loads(base64.b64decode(found.group(1)))
    if report.get("ok") and {"load", "start", "end"} <= set(marks):
        report["ms"] = (marks["end"] - marks["start"]) * 1000.0
        report["pyodide_ms"] = (marks["start"] - marks["load"]) * 1000.0
    elif report.get("ok"):
        report = {"ok": False, "error": f"the page's marks did not arrive: {sorted(marks)}"}
    return report


def _on_desktop(apk: Path, folder: Path) -> dict[str, object]:
    """The same job in a new desktop CPython process, importing only from the archive (-S: not
    even an installed copy of the game or PyYAML)."""
    folder.mkdir()
    script = JOB + (
        "\nimport json, sys\n"
        "ms, codes = core_job(open(sys.argv[1], 'rb').read(), sys.argv[2])\n"
        "print(json.dumps({'ms': ms, 'codes': list(codes)}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", script, str(apk), str(folder)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=env,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])
