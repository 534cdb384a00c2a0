"""The browser build: what ``python -m game web build`` produces, offline, and the rules
that keep the game runnable in a browser.

- A real build (pygbag with our template and icon) into a temporary folder, through the
  command line; then the archive is opened and checked: main.py, every shipped scenario,
  the game package, pure-Python ``yaml`` with no compiled files, under 1 MiB.
- index.html names the archive, loads the runtime from the CDN, has no unfilled ``{{``.
- ``--scenarios``, ``--cdn`` and ``--zip``; usage errors exit 2 with a message.
- ``serve``: content types, and Ctrl+C stops it with exit code 0.
- The import rule: nothing in ``game/`` but ``game/web``, the bench and ``game/workers.py``
  imports threads, subprocesses or sockets, which do not exist in the browser; the archive
  leaves the bench and ``workers.py`` out.
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
import signal
import struct
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import game.web.build as web_build
from game.core.scenariofiles import scenario_files
from game.web import APP_NAME, TITLE
from game.web.build import DEFAULT_CDN, ITCH_ZIP_NAME, BuildError, BuildOptions, build
from game.web.command import main as web_main
from game.web.icon import SIZE, render_png
from game.web.serve import make_server

REPO = Path(__file__).resolve().parents[1]
GAME = REPO / "game"
APK = f"{APP_NAME}.apk"
MAX_APK_BYTES = 1024 * 1024
COMPILED_SUFFIXES = (".so", ".pyd", ".dll", ".dylib", ".c", ".h", ".pyx", ".pyc", ".pyo")

# The fields pygbag 0.9.3 fills in a template (pygbag/app.py, its "CC" dict).
PYGBAG_TEMPLATE_KEYS = {
    "cdn", "proxy", "xtermjs", "width", "height", "ume_block", "can_close", "archive",
    "autorun", "authors", "icon", "title", "directory", "spdx", "version", "PYBUILD",
    "COLUMNS", "LINES", "CONSOLE", "INI",
}  # fmt: skip


@dataclass(frozen=True)
class Built:
    """One build made through the command line, and what it printed."""

    out: Path
    printed: str
    seconds: float

    @property
    def apk(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(self.out / APK)

    @property
    def names(self) -> set[str]:
        with self.apk as archive:
            return set(archive.namelist())

    @property
    def page(self) -> str:
        return (self.out / "index.html").read_text(encoding="utf-8")


def run_web(argv: list[str]) -> tuple[int, str, str]:
    """Run ``python -m game web ARGV`` in this process; return (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = web_main(argv)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("web-build") / "web"
    started = time.monotonic()
    code, printed, errors = run_web(["build", "--out", str(out), "--zip"])
    seconds = time.monotonic() - started
    assert code == 0, errors
    assert not errors
    return Built(out=out, printed=printed, seconds=seconds)


def shipped_scenarios() -> list[Path]:
    return scenario_files(REPO / "scenarios")


def game_modules() -> list[str]:
    """The game package's files as they should appear in the archive."""
    return sorted(
        "assets/" + path.relative_to(REPO).as_posix()
        for path in GAME.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and "tests" not in path.relative_to(GAME).parts
        and path.relative_to(GAME).parts[0] not in ("bench", "workers.py")
        and path.suffix not in (".pyc", ".pyo")
        and not path.name.startswith(".")
    )


# --- the build --------------------------------------------------------------------------


def test_build_finishes_offline_in_seconds(built: Built) -> None:
    print(f"web build: {built.seconds:.2f} s, {APK} {(built.out / APK).stat().st_size} bytes")
    assert built.seconds < 60


def test_build_writes_the_page_archives_and_icon(built: Built) -> None:
    for name in ("index.html", APK, f"{APP_NAME}.tar.gz", "favicon.png"):
        assert (built.out / name).is_file(), name
    assert (built.out / "favicon.png").read_bytes() == (GAME / "web" / "favicon.png").read_bytes()


def test_archive_holds_main_every_scenario_and_the_game(built: Built) -> None:
    names = built.names
    assert "assets/main.py" in names
    assert shipped_scenarios(), "the project ships no scenarios"
    for scenario in shipped_scenarios():
        assert f"assets/scenarios/{scenario.name}" in names
    if (REPO / "scenarios" / "scenario.schema.json").is_file():
        assert "assets/scenarios/scenario.schema.json" in names
    missing = [name for name in game_modules() if name not in names]
    assert not missing
    assert "assets/game/cli.py" in names
    assert "assets/game/core/__init__.py" in names


def test_archive_files_are_the_projects_files(built: Built) -> None:
    with built.apk as archive:
        assert archive.read("assets/main.py") == (REPO / "main.py").read_bytes()
        for scenario in shipped_scenarios():
            assert archive.read(f"assets/scenarios/{scenario.name}") == scenario.read_bytes()


def test_archive_has_pure_python_yaml(built: Built) -> None:
    import yaml

    names = built.names
    expected = {
        f"assets/yaml/{path.name}"
        for path in Path(yaml.__file__).parent.glob("*.py")
        if path.name != "cyaml.py"
    }
    assert "assets/yaml/__init__.py" in expected
    assert expected <= names
    assert not any(name.startswith("assets/_yaml") for name in names)
    assert "assets/yaml/cyaml.py" not in names


def test_archive_has_no_compiled_files_caches_or_tests(built: Built) -> None:
    for name in built.names:
        assert not name.endswith(COMPILED_SUFFIXES), name
        assert "__pycache__" not in name, name
        assert not name.startswith(("assets/tests/", "assets/game/tests/")), name
        assert not name.startswith("assets/build/"), name


def test_archive_leaves_out_the_benchmark(built: Built) -> None:
    assert (GAME / "bench" / "__init__.py").is_file()
    assert not any(name.startswith("assets/game/bench/") for name in built.names)
    assert "assets/game/ui/bench.py" not in built.names
    assert "assets/game/ui/app.py" in built.names


def test_archive_leaves_out_the_process_workers(built: Built) -> None:
    assert (GAME / "workers.py").is_file()
    assert "assets/game/workers.py" not in built.names
    assert "assets/game/core/simulate.py" in built.names


def test_the_built_game_runs_without_the_benchmark(built: Built, tmp_path: Path) -> None:
    """The archive's own files alone (-S: not even an installed copy of the game): check works,
    bench says why it is not there, and simulate plays its runs in turn (no workers module)."""
    with built.apk as archive:
        for name in archive.namelist():
            if name.startswith("assets/") and not name.endswith("/"):
                target = tmp_path / name[len("assets/") :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    script = (
        "import sys; sys.path.insert(0, '.'); from game.cli import main; "
        "print(main(['check', 'scenarios/viral-score.yaml']), main(['bench']), "
        "main(['simulate', 'scenarios/viral-score.yaml', '--runs', '1']))"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", script], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.stdout.split()[-3:] == ["0", "2", "0"], done.stdout + done.stderr
    assert "never fired in any run" in done.stdout  # simulate played its runs in turn
    assert "the benchmark is not part of this build" in done.stderr
    assert "Traceback" not in done.stderr


def test_archive_stays_under_one_mebibyte(built: Built) -> None:
    assert (built.out / APK).stat().st_size < MAX_APK_BYTES


def test_page_names_the_archive_and_has_no_unfilled_fields(built: Built) -> None:
    page = built.page
    assert APK in page
    assert "{{" not in page and "}}" not in page and "{%" not in page
    assert f"<title>{TITLE}</title>" in page


def test_page_loads_the_runtime_from_the_cdn(built: Built) -> None:
    page = built.page
    assert f'src="{DEFAULT_CDN}pythons.js"' in page
    assert 'data-python="python3.12"' in page
    assert 'name="viewport"' in page
    assert 'id="canvas"' in page


def test_page_loader_is_valid_python(built: Built) -> None:
    match = re.search(r'<script src="[^"]*pythons\.js"[^>]*>(.*?)</script>', built.page, re.S)
    assert match, "no pythons.js script block"
    loader = match.group(1)
    compile(loader, "index.html", "exec")
    assert "<!--" not in loader and "<script" not in loader
    assert f'"{APK}"' in loader


def test_build_prints_what_to_upload_where(built: Built) -> None:
    printed = built.printed
    assert APK in printed and "KiB" in printed
    assert ITCH_ZIP_NAME in printed
    assert "This file will be played in the browser" in printed
    assert "GitHub Pages" in printed
    assert "python -m game web serve" in printed


def test_itch_zip_has_the_page_at_its_root(built: Built) -> None:
    zip_path = built.out.parent / ITCH_ZIP_NAME
    with zipfile.ZipFile(zip_path) as archive:
        assert sorted(archive.namelist()) == sorted(["index.html", "favicon.png", APK])
        assert archive.read(APK) == (built.out / APK).read_bytes()


def test_own_scenarios_replace_the_shipped_ones(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    scenario = shipped_scenarios()[0]
    (mine / "my-class.yaml").write_bytes(scenario.read_bytes())
    (mine / "notes.txt").write_text("not a scenario", encoding="utf-8")
    cdn = "https://example.org/pygbag-runtime"
    code, printed, errors = run_web(
        ["build", "--scenarios", str(mine), "--out", str(tmp_path / "out"), "--cdn", cdn]
    )
    assert code == 0, errors
    with zipfile.ZipFile(tmp_path / "out" / APK) as archive:
        scenarios = sorted(n for n in archive.namelist() if n.startswith("assets/scenarios/"))
    assert scenarios == ["assets/scenarios/my-class.yaml"]
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert f'src="{cdn}/pythons.js"' in page
    assert DEFAULT_CDN not in page
    assert "1 scenario: my-class.yaml" in printed


def test_a_build_error_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, errors = run_web(["build", "--scenarios", str(empty), "--out", str(tmp_path / "o")])
    assert code == 1
    assert errors.startswith("error: no scenarios")
    assert "Traceback" not in errors
    code, _, errors = run_web(["build", "--cdn", "ftp://x", "--out", str(tmp_path / "o")])
    assert code == 1 and "--cdn must be an http(s) URL" in errors


def test_a_scenario_with_errors_stops_the_build(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    broken = REPO / "tests" / "browser" / "broken_scenario.yaml"
    (mine / "broken.yaml").write_bytes(broken.read_bytes())
    out = tmp_path / "out"
    code, printed, errors = run_web(["build", "--scenarios", str(mine), "--out", str(out)])
    assert code == 1
    assert errors.startswith("error: the scenarios have errors, so nothing was built")
    assert re.search(r"broken\.yaml:8:7: error: ", errors), errors
    assert "Traceback" not in errors
    assert not out.exists()
    assert not printed


def test_missing_pygbag_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_build.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(BuildError, match="pygbag is not installed"):
        build(BuildOptions(out=tmp_path / "out"))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "choose a command"),
        (["deploy"], "invalid choice"),
        (["build", "--bogus"], "unrecognized arguments"),
        (["serve", "--port", "99999"], "port must be 0 to 65535"),
        (["serve", "--port", "eighty"], "not a port number"),
    ],
)
def test_usage_errors_exit_2_with_a_message(argv: list[str], message: str) -> None:
    code, _, errors = run_web(argv)
    assert code == 2
    assert message in errors
    assert "Traceback" not in errors


def test_the_game_command_line_hands_web_to_this_package() -> None:
    from game.cli import main as game_main

    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        assert game_main(["web", "serve", "--port", "eighty"]) == 2
    assert "not a port number" in errors.getvalue()


def test_help_exits_0() -> None:
    code, printed, _ = run_web(["build", "--help"])
    assert code == 0
    assert "--scenarios" in printed and "--zip" in printed and "--cdn" in printed


# --- serve ------------------------------------------------------------------------------


@pytest.fixture
def server(built: Built, tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "site"
    site.mkdir()
    for path in built.out.iterdir():
        (site / path.name).write_bytes(path.read_bytes())
    (site / "runtime.wasm").write_bytes(b"\0asm\1\0\0\0")
    (site / "loader.mjs").write_text("export {};\n", encoding="utf-8")
    httpd = make_server(site, 0)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("", "text/html; charset=utf-8"),
        ("index.html", "text/html; charset=utf-8"),
        (APK, "application/octet-stream"),
        ("runtime.wasm", "application/wasm"),
        ("loader.mjs", "text/javascript"),
        ("favicon.png", "image/png"),
    ],
)
def test_serve_sends_the_right_content_types(server: str, name: str, content_type: str) -> None:
    with urllib.request.urlopen(server + name, timeout=10) as response:
        assert response.read()
        assert response.status == 200
        assert response.headers["Content-Type"] == content_type
        assert response.headers["Cache-Control"] == "no-cache"


def test_serve_needs_a_build(tmp_path: Path) -> None:
    code, _, errors = run_web(["serve", "--dir", str(tmp_path)])
    assert code == 1
    assert "build first" in errors


def test_serve_prints_the_address_and_stops_cleanly_on_ctrl_c(built: Built) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "game.web", "serve", "--dir", str(built.out), "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    try:
        first = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert match, first
        with urllib.request.urlopen(match.group(0) + APK, timeout=10) as response:
            assert response.read() == (built.out / APK).read_bytes()
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "Stopped." in stdout


# --- the page template and the icon -----------------------------------------------------


def test_template_uses_only_fields_pygbag_fills() -> None:
    template = (GAME / "web" / "index.tmpl").read_text(encoding="utf-8")
    fields = re.findall(r"\{\{(.*?)\}\}", template)
    assert fields
    assert {field.removeprefix("cookiecutter.") for field in fields} <= PYGBAG_TEMPLATE_KEYS
    assert all(field.startswith("cookiecutter.") for field in fields)
    assert "{%" not in template


def test_favicon_is_the_drawn_icon() -> None:
    data = (GAME / "web" / "favicon.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (SIZE, SIZE)
    assert data == render_png(), "run python -m game.web.icon to redraw game/web/favicon.png"


# --- the import rule --------------------------------------------------------------------

FORBIDDEN_MODULES = (
    "threading",
    "_thread",
    "subprocess",
    "multiprocessing",
    "socket",
    "socketserver",
    "http.server",
    "concurrent.futures",
    "asyncio.subprocess",
)
# asyncio's ways to start processes or threads, and os's ways to start processes.
FORBIDDEN_NAMES = {
    "create_subprocess_exec",
    "create_subprocess_shell",
    "subprocess_exec",
    "subprocess_shell",
    "to_thread",
    "run_in_executor",
}
FORBIDDEN_OS_CALLS = {"system", "popen", "fork", "forkpty", "posix_spawn", "posix_spawnp"}


def _forbidden(name: str) -> bool:
    if any(name == module or name.startswith(module + ".") for module in FORBIDDEN_MODULES):
        return True
    if name in FORBIDDEN_NAMES:
        return True
    call = name.removeprefix("os.")
    return name.startswith("os.") and (
        call in FORBIDDEN_OS_CALLS or call.startswith(("spawn", "exec"))
    )


def import_rule_violations(source: str, filename: str) -> list[str]:
    """Return "file:line: what" for each thread, process or socket use in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            names += [alias.name for alias in node.names if alias.name in FORBIDDEN_NAMES]
        elif isinstance(node, ast.Attribute):
            if node.attr in FORBIDDEN_NAMES:
                names = [node.attr]
            elif isinstance(node.value, ast.Name) and node.value.id == "os":
                names = [f"os.{node.attr}"]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            names = [node.args[0].value]
        for name in names:
            if _forbidden(name):
                found.append(f"{filename}:{node.lineno}: {name}")
    return found


def rule_files() -> list[Path]:
    """Every module under game/ that must run in the browser: all but game/web, the bench and
    game/workers.py (it starts processes only where they fork, never in a browser, and imports
    multiprocessing only then)."""
    files = []
    for path in sorted(GAME.rglob("*.py")):
        parts = path.relative_to(GAME).parts
        if parts[0] in ("web", "workers.py") or parts[0].startswith("bench"):
            continue
        files.append(path)
    return files


def test_game_code_starts_no_threads_processes_or_sockets() -> None:
    files = rule_files()
    assert any(path.name == "cli.py" for path in files)
    violations = []
    for path in files:
        source = path.read_text(encoding="utf-8")
        violations += import_rule_violations(source, path.relative_to(REPO).as_posix())
    assert not violations, "the browser has no threads, processes or sockets:\n" + "\n".join(
        violations
    )


@pytest.mark.parametrize(
    "source",
    [
        "import threading",
        "import subprocess as sp",
        "import multiprocessing.pool",
        "from socket import socket",
        "from concurrent import futures",
        "import concurrent.futures",
        "from asyncio import subprocess",
        "from asyncio import create_subprocess_exec",
        "import asyncio\nasync def f():\n    await asyncio.create_subprocess_shell('ls')",
        "import asyncio\nasync def f():\n    await asyncio.to_thread(print)",
        "import os\nos.system('ls')",
        "from os import popen",
        "import importlib\nimportlib.import_module('threading')",
        "def f():\n    import _thread",
        "x = __import__('socket')",
    ],
)
def test_the_import_rule_catches(source: str) -> None:
    assert import_rule_violations(source, "example.py")


@pytest.mark.parametrize(
    "source",
    [
        "import asyncio\nasync def f():\n    await asyncio.sleep(0)",
        "import os\nos.replace('a', 'b')\nos.environ.get('X')",
        "from os import path, replace",
        "from game.core import threads_of_conversation",
        "import json, random, dataclasses",
    ],
)
def test_the_import_rule_allows(source: str) -> None:
    assert not import_rule_violations(source, "example.py")
