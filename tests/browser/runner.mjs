// Runs the game's command line inside Pyodide (CPython on WebAssembly) in this page.
//
// Served by tests/test_browser.py next to:
//   pyodide/     the npm "pyodide" package
//   app.apk      the web build's archive (the game's files under assets/)
//   harness.py   runs game.cli.main on each job and captures what it prints
//   jobs.json    {"root": folder, "files": {path: text}, "jobs": [{"argv": [...]}]}
// The report (or the error) goes into #result as base64 of UTF-8 JSON, so that Chromium's
// --dump-dom prints it without any HTML escaping; #state then reads "done".

import { loadPyodide } from "./pyodide/pyodide.mjs";

const state = document.getElementById("state");
const result = document.getElementById("result");

function finish(report) {
    const bytes = new TextEncoder().encode(JSON.stringify(report));
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    result.textContent = btoa(binary);
    state.textContent = "done";
}

async function fetchOk(url) {
    const response = await fetch(url);
    if (!response.ok) {
        throw new Error(`GET ${url}: HTTP ${response.status}`);
    }
    return response;
}

// Python run before the jobs: unpack the archive's assets/ into the same folder as on the
// desktop, add the extra files, and make that folder the current one.
const SETUP = `
import io, os, zipfile
from pathlib import Path

def _setup(apk, root, files, harness):
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(bytes(apk))) as archive:
        for info in archive.infolist():
            if info.is_dir() or not info.filename.startswith("assets/"):
                continue
            target = root / info.filename[len("assets/"):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    harness_dir = Path("/tmp/model-citizen-harness")
    harness_dir.mkdir(parents=True, exist_ok=True)
    (harness_dir / "mc_harness.py").write_text(harness, encoding="utf-8")
    os.chdir(root)
`;

try {
    const [apk, harness, jobsText] = await Promise.all([
        fetchOk("app.apk").then((r) => r.arrayBuffer()),
        fetchOk("harness.py").then((r) => r.text()),
        fetchOk("jobs.json").then((r) => r.text()),
    ]);
    const jobs = JSON.parse(jobsText);
    state.textContent = "starting Pyodide";
    const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
    pyodide.runPython(SETUP);
    const files = pyodide.toPy(jobs.files || {});
    pyodide.globals.get("_setup")(new Uint8Array(apk), jobs.root, files, harness);
    files.destroy();
    state.textContent = "running";
    pyodide.globals.set("JOBS_TEXT", jobsText);
    const report = pyodide.runPython(`
import sys
sys.path.insert(0, "/tmp/model-citizen-harness")
import mc_harness
mc_harness.run_jobs(JOBS_TEXT)
`);
    const parsed = JSON.parse(report);
    parsed.ok = true;
    finish(parsed);
} catch (error) {
    finish({ ok: false, error: String(error && error.stack ? error.stack : error) });
}
