"""Build the browser version with pygbag, offline, in seconds.

The build stages a clean folder with only what the game needs (``main.py``, the ``game``
package, the scenarios, ``assets/`` and the pure-Python modules of the installed PyYAML),
runs ``python -m pygbag --build`` on it with this package's own page template and icon
(so pygbag needs nothing from its CDN), and copies the result to the output folder:

- ``index.html``: the page (from ``index.tmpl``);
- ``model-citizen.apk``: the game, a zip with every file under ``assets/`` (fonts subset to the
  shipped text by ``game.web.fonts``);
- ``model-citizen.tar.gz``: the same files, which pygbag also writes;
- ``favicon.png``: the icon;
- with ``--zip``, ``model-citizen-web.zip`` next to the folder: the single file itch.io wants.

The player's browser still loads the Python runtime from the CDN named in the page.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from game.core import scenariofiles
from game.core.classfile import CLASS_NAME
from game.web import APP_NAME, TITLE
from game.web.fonts import FontToolsMissing, needed_text, subset_fonts

PYGBAG_VERSION = "0.9.3"
"""The pygbag release whose template contract ``index.tmpl`` follows."""

DEFAULT_CDN = f"https://pygame-web.github.io/cdn/{PYGBAG_VERSION}/"
"""Where pygbag 0.9.3 pages load the runtime from when ``--cdn`` is not given."""

ITCH_ZIP_NAME = f"{APP_NAME}-web.zip"
"""The archive for itch.io, written next to the output folder by ``--zip``."""

OUTPUT_FILES = ("index.html", "favicon.png", f"{APP_NAME}.apk", f"{APP_NAME}.tar.gz")
"""What a build puts in the output folder."""

SCHEMA_NAME = "scenario.schema.json"
"""Shipped with the scenarios when the scenario folder has it."""

PYGBAG_TIMEOUT_SECONDS = 180
"""pygbag gets this long; with a local template and icon it needs about one second."""

_COMPILED_SUFFIXES = (".so", ".pyd", ".dll", ".dylib", ".c", ".h", ".pyx", ".pxd", ".pyc")


class BuildError(Exception):
    """A build step failed. The message says what went wrong and what to do about it."""


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where.

    ``scenarios``: folder of ``*.yaml`` scenarios, or None for the project's ``scenarios/``.
    ``out``: output folder (created if missing). ``make_zip``: also write the itch.io zip.
    ``cdn``: runtime URL for the page, or None for pygbag's default.
    ``source_root``: folder holding ``main.py`` and ``game/``, or None for this checkout.
    ``class_file``: ship only this class file's scenarios (it wins over ``scenarios``).
    """

    out: Path
    scenarios: Path | None = None
    make_zip: bool = False
    cdn: str | None = None
    source_root: Path | None = None
    class_file: Path | None = None


@dataclass(frozen=True)
class BuildResult:
    """What a build produced. Paths are absolute; ``sizes`` maps each output file to bytes;
    ``warnings`` are the checker's warnings about the shipped scenarios, formatted."""

    out_dir: Path
    apk: Path
    zip_path: Path | None
    sizes: dict[Path, int]
    scenarios: tuple[str, ...]
    warnings: tuple[str, ...]
    cdn: str
    seconds: float


def package_root() -> Path:
    """Return the folder that holds this checkout's ``main.py`` and ``game/``.

    Raises BuildError when ``main.py`` is not next to the ``game`` package (for example
    when the game was installed with pip rather than run from a source checkout).
    """
    root = Path(__file__).resolve().parents[2]
    if not (root / "main.py").is_file():
        raise BuildError(
            f"main.py not found in {root}: the web build needs the game's source folder. "
            "Run it from a checkout of the project (git clone, then python -m game web build)."
        )
    return root


def scenario_files(directory: Path) -> list[Path]:
    """Return the files to ship from ``directory``: every ``*.yaml`` and ``*.yml`` file in it
    (scenarios and the parts they include; not in subfolders), sorted by name, plus
    ``scenario.schema.json`` if present.

    Raises BuildError if the folder is missing or holds no scenario.
    """
    if not directory.is_dir():
        raise BuildError(f"scenario folder not found: {directory}")
    if not scenariofiles.scenario_files(directory):
        raise BuildError(f"no scenarios (*.yaml files with 'format: 1') in {directory}")
    found = scenariofiles.yaml_files(directory)
    schema = directory / SCHEMA_NAME
    if schema.is_file():
        found.append(schema)
    return found


def class_files(class_file: Path) -> list[Path]:
    """The scenarios a class's web build ships, and their included files, to stage flat in one
    folder next to the class file (shipped as ``class.yaml``).

    Raises BuildError listing every problem when the class file or a scenario has an error,
    or when two of the files have the same name.
    """
    from game.core.classfile import check_class_file, included_files
    from game.core.diagnostics import format_text

    result = check_class_file(class_file)
    if result.plan is None:
        raise BuildError(
            "the class file has errors, so nothing was built. Fix them (python -m game check "
            "--class FILE shows them too), then build again:\n" + format_text(result.diagnostics)
        )
    files: list[Path] = []
    for scenario in result.plan.scenarios:
        files += [Path(scenario.path), *included_files(scenario.path)]
    names = [path.name for path in files]
    clashes = sorted({name for name in names if names.count(name) > 1 or name == CLASS_NAME})
    if clashes:
        raise BuildError(
            f"two files of this class would have the same name in the build: {', '.join(clashes)}."
            " Rename one of them."
        )
    return files


def check_scenarios(paths: list[Path]) -> tuple[str, ...]:
    """Check every scenario in ``paths`` with the game's checker before it is shipped.

    Returns the warnings, formatted (the build goes on with them). Raises BuildError
    listing every problem, each as ``file:line:col``, when any scenario has an error:
    a web build would only show players an error screen.
    """
    from game.core.checker import check_file
    from game.core.diagnostics import format_text, has_errors

    diagnostics = []
    for path in paths:
        if scenariofiles.is_scenario_file(path):
            diagnostics += check_file(_shown(path)).diagnostics
    if has_errors(diagnostics):
        raise BuildError(
            "the scenarios have errors, so nothing was built. Fix them (python -m game check "
            "FILE shows them too), then build again:\n" + format_text(diagnostics)
        )
    return tuple(diagnostic.format() for diagnostic in diagnostics)


def yaml_sources() -> list[tuple[Path, str]]:
    """Return the pure-Python files of the installed PyYAML as (file, name inside ``yaml/``).

    Only ``*.py`` files are taken: never the C extension (``_yaml*.so``/``.pyd``) nor
    ``cyaml.py``, which only wraps it. Without them PyYAML uses its pure-Python parser,
    which is what the browser runtime can run. The licence file comes along when found.

    Raises BuildError if PyYAML is not installed.
    """
    try:
        import yaml
    except ImportError as exc:  # pragma: no cover - PyYAML is a dependency of the game
        raise BuildError("PyYAML is not installed: pip install PyYAML") from exc
    package = Path(yaml.__file__).resolve().parent
    files = [
        (path, path.name)
        for path in sorted(package.glob("*.py"))
        if not path.name.startswith("_yaml") and path.name != "cyaml.py"
    ]
    if not any(name == "__init__.py" for _, name in files):
        raise BuildError(f"PyYAML's pure-Python modules not found in {package}")
    licence = _yaml_licence()
    if licence is not None:
        files.append((licence, "LICENSE"))
    return files


def _yaml_licence() -> Path | None:
    try:
        distribution = importlib.metadata.distribution("PyYAML")
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in distribution.files or ():
        if entry.name.upper().startswith("LICENSE"):
            path = Path(str(distribution.locate_file(entry)))
            if path.is_file():
                return path
    return None


def _ignore_for_game(directory: str, names: list[str]) -> set[str]:
    folders = {"__pycache__", "tests"}
    return {
        name
        for name in names
        if (name in folders and Path(directory, name).is_dir())
        or name.endswith((".pyc", ".pyo"))
        or name.startswith(".")
    }


LEFT_OUT = frozenset({"bench", "workers.py"})
"""Parts of ``game`` the browser build leaves out: the benchmark (a tool for developing the
game) and ``workers.py`` (it shares ``simulate``'s runs among processes, which a browser has
not; the command line then plays them in turn)."""


def _ignore_in_game(root: Path) -> Callable[[str, list[str]], set[str]]:
    """What to leave out when copying the ``game`` package at ``root``."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skip = _ignore_for_game(directory, names)
        if Path(directory) == root:
            skip |= {n for n in names if n in LEFT_OUT}
        return skip

    return ignore


def stage(
    source_root: Path, scenarios: list[Path], app_dir: Path, class_file: Path | None = None
) -> list[str]:
    """Copy what the browser build needs into the empty or missing folder ``app_dir``
    (with ``class_file`` as ``scenarios/class.yaml``, which the game then follows).

    Returns the staged files as sorted POSIX paths relative to ``app_dir``.
    Raises BuildError if ``main.py`` or the ``game`` package is missing.
    """
    main = source_root / "main.py"
    game = source_root / "game"
    if not main.is_file():
        raise BuildError(f"main.py not found in {source_root}")
    if not (game / "__init__.py").is_file():
        raise BuildError(f"the game package was not found in {source_root}")
    app_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(main, app_dir / "main.py")
    shutil.copytree(game, app_dir / "game", ignore=_ignore_in_game(game))
    scenario_dir = app_dir / "scenarios"
    scenario_dir.mkdir()
    for path in scenarios:
        shutil.copy2(path, scenario_dir / path.name)
    if class_file is not None:
        shutil.copy2(class_file, scenario_dir / CLASS_NAME)
    assets = source_root / "assets"
    if assets.is_dir():
        shutil.copytree(assets, app_dir / "assets", ignore=_ignore_for_game)
        try:
            subset_fonts(assets / "fonts", app_dir / "assets" / "fonts", needed_text(scenarios))
        except FontToolsMissing as err:
            raise BuildError(str(err)) from None
        except OSError as err:
            raise BuildError(f"cannot subset the fonts in {assets / 'fonts'}: {err}") from None
    yaml_dir = app_dir / "yaml"
    yaml_dir.mkdir()
    for path, name in yaml_sources():
        shutil.copy2(path, yaml_dir / name)
    return sorted(
        path.relative_to(app_dir).as_posix() for path in app_dir.rglob("*") if path.is_file()
    )


def normalise_cdn(cdn: str | None) -> str:
    """Return the runtime URL for the page, always ending with ``/``.

    None means pygbag's default. Raises BuildError unless the URL is http(s).
    """
    if cdn is None:
        return DEFAULT_CDN
    cdn = cdn.strip()
    if not cdn.startswith(("https://", "http://")):
        raise BuildError(f"--cdn must be an http(s) URL, got {cdn!r}")
    return cdn if cdn.endswith("/") else cdn + "/"


def _check_pygbag() -> None:
    if importlib.util.find_spec("pygbag") is None:
        raise BuildError(
            f"pygbag is not installed: pip install 'pygbag=={PYGBAG_VERSION}' "
            "(or pip install -e '.[web]')"
        )


def pygbag_version() -> str | None:
    """Return the installed pygbag's version, or None if it is not installed."""
    try:
        return importlib.metadata.version("pygbag")
    except importlib.metadata.PackageNotFoundError:
        return None


def run_pygbag(app_dir: Path, cdn: str) -> Path:
    """Run pygbag on the staged ``app_dir`` and return its output folder (``build/web``).

    Uses this package's ``index.tmpl`` and ``favicon.png``, so nothing is fetched from the
    network. Raises BuildError if pygbag is missing, fails, takes longer than
    PYGBAG_TIMEOUT_SECONDS, or leaves no page or archive.
    """
    _check_pygbag()
    here = Path(__file__).resolve().parent
    command = [
        sys.executable,
        "-m",
        "pygbag",
        "--build",
        "--no_opt",
        "--template",
        str(here / "index.tmpl"),
        "--icon",
        str(here / "favicon.png"),
        "--app_name",
        APP_NAME,
        "--title",
        TITLE,
        "--cdn",
        cdn,
        str(app_dir),
    ]
    environment = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    try:
        completed = subprocess.run(
            command,
            cwd=app_dir.parent,
            env=environment,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=PYGBAG_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"pygbag did not finish within {PYGBAG_TIMEOUT_SECONDS} s") from exc
    web_dir = app_dir / "build" / "web"
    log = (completed.stdout + completed.stderr).strip()
    if completed.returncode != 0:
        raise BuildError(f"pygbag failed (exit {completed.returncode}):\n{_tail(log)}")
    for name in ("index.html", f"{APP_NAME}.apk"):
        if not (web_dir / name).is_file():
            raise BuildError(f"pygbag wrote no {name} in {web_dir}:\n{_tail(log)}")
    page = (web_dir / "index.html").read_text(encoding="utf-8")
    if "{{" in page:
        raise BuildError("index.html still has unfilled {{...}} fields: check game/web/index.tmpl")
    return web_dir


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.splitlines()[-lines:])


def copy_output(web_dir: Path, out: Path) -> dict[Path, int]:
    """Copy the build's files from ``web_dir`` into ``out`` (created if needed).

    Only the files in OUTPUT_FILES are written or replaced; anything else in ``out`` is
    left alone. Returns each copied file's size in bytes.
    Raises BuildError if ``out`` exists and is not a folder.
    """
    if out.exists() and not out.is_dir():
        raise BuildError(f"--out {out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name in OUTPUT_FILES:
        source = web_dir / name
        target = out / name
        if source.is_file():
            shutil.copyfile(source, target)
            sizes[target] = target.stat().st_size
    return sizes


def make_itch_zip(out: Path, zip_path: Path) -> Path:
    """Write ``zip_path`` with the page, icon and archive at its root, as itch.io wants.

    Returns ``zip_path``. Raises BuildError if one of those files is missing from ``out``.
    """
    names = ("index.html", "favicon.png", f"{APP_NAME}.apk")
    for name in names:
        if not (out / name).is_file():
            raise BuildError(f"cannot make {zip_path.name}: {out / name} is missing")
    partial = zip_path.with_name(zip_path.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(out / name, name)
    partial.replace(zip_path)
    return zip_path


def build(options: BuildOptions) -> BuildResult:
    """Build the browser version as ``options`` says and return what was produced.

    Checks the scenarios first and builds nothing if one has errors. Raises BuildError
    with a readable message on any failure; the output folder is then left as it was
    before, except for files already copied.
    """
    started = time.monotonic()
    root = options.source_root.resolve() if options.source_root else package_root()
    scenario_dir = options.scenarios if options.scenarios is not None else root / "scenarios"
    if options.class_file is not None:
        scenarios = class_files(options.class_file)
    else:
        scenarios = scenario_files(scenario_dir.resolve())
    cdn = normalise_cdn(options.cdn)
    warnings = check_scenarios(scenarios)
    out = options.out.resolve()
    with tempfile.TemporaryDirectory(prefix="model-citizen-web-") as temporary:
        app_dir = Path(temporary) / APP_NAME
        stage(root, scenarios, app_dir, options.class_file)
        web_dir = run_pygbag(app_dir, cdn)
        sizes = copy_output(web_dir, out)
    zip_path = None
    if options.make_zip:
        zip_path = make_itch_zip(out, out.parent / ITCH_ZIP_NAME)
        sizes[zip_path] = zip_path.stat().st_size
    return BuildResult(
        out_dir=out,
        apk=out / f"{APP_NAME}.apk",
        zip_path=zip_path,
        sizes=sizes,
        scenarios=tuple(p.name for p in scenarios if scenariofiles.is_scenario_file(p)),
        warnings=warnings,
        cdn=cdn,
        seconds=time.monotonic() - started,
    )


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.2f} MiB"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def describe(result: BuildResult) -> Iterable[str]:
    """Yield the lines that tell the user what was built and what to upload where."""
    yield (
        f"Built {TITLE} for the browser in {result.seconds:.1f} s "
        f"({len(result.scenarios)} scenario{'s' if len(result.scenarios) != 1 else ''}: "
        f"{', '.join(result.scenarios)})"
    )
    yield from result.warnings
    width = max(len(_shown(path)) for path in result.sizes)
    for path, size in result.sizes.items():
        yield f"  {_shown(path):<{width}}  {_human_size(size):>10}"
    folder = _shown(result.out_dir)
    yield ""
    yield f"Try it here:   python -m game web serve --dir {folder}"
    if result.zip_path is not None:
        yield (
            f"itch.io:       new project, Kind of project: HTML; upload "
            f"{_shown(result.zip_path)} and tick 'This file will be played in the browser'."
        )
    else:
        yield "itch.io:       build again with --zip and upload the zip it writes."
    yield (
        f"GitHub Pages:  publish the contents of {folder} (index.html at the site's root); "
        "any static web host works the same way."
    )
    yield f"Players need an internet connection: the page loads Python from {result.cdn}"


def main_build(options: BuildOptions, echo: Callable[[str], None] = print) -> int:
    """Run a build, report it with ``echo``, and return the exit code (0 ok, 1 failed).

    Errors are reported as one ``error: ...`` message on stderr, never a traceback.
    """
    try:
        result = build(options)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in describe(result):
        echo(line)
    return 0
