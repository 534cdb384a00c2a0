"""Where a results file goes: a folder on the desktop (written atomically), a download in the
browser."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from game.core import saves
from game.core.results import Results, to_json


def file_name(results: Results) -> str:
    """A results file's name: the nickname (if any), the scenario key and the game's seed."""
    nick = "".join(ch if ch.isalnum() else "-" for ch in results.nickname).strip("-")[:20]
    return f"results-{nick + '-' if nick else ''}{results.scenario_key}-{results.seed}.json"


def results_folder(store: saves.Store | None) -> Path:
    """The ``results`` folder next to the saves, where every finished game is kept."""
    if isinstance(store, saves.FileStore):
        return store.path.parent / "results"
    return saves.data_dir() / "results"


def export_folder() -> Path:
    """Where Export puts a copy for the player to find: their Downloads folder, else their home
    folder."""
    downloads = Path.home() / "Downloads"
    return downloads if downloads.is_dir() else Path.home()


def export_file(results: Results, folder: Path) -> Path:
    """Write the results file into ``folder`` (created if missing) without ever leaving a half
    file; return its path. Raises SaveError saying why it could not be written."""
    path = folder.expanduser() / file_name(results)
    saves.FileStore(path).write(to_json(results))
    return path


def in_browser() -> bool:
    """True under pygbag, where files are downloads."""
    return sys.platform == "emscripten"


def download(results: Results) -> None:
    """Offer the results file as a download (browser only). Raises SaveError if the page
    refuses."""
    import platform as browser  # pygbag's module, present only in the browser

    download_in(browser.window, results)  # type: ignore[attr-defined]


def download_in(window: Any, results: Results) -> None:
    """Offer the results file as a download through the page's JavaScript ``window`` (a link
    with a ``data:`` address, clicked), calling its objects directly: no script text is built
    or evaluated. Raises SaveError if the page refuses."""
    try:
        link = window.document.createElement("a")
        link.href = "data:application/json;charset=utf-8," + quote(to_json(results), safe="")
        link.download = file_name(results)
        window.document.body.appendChild(link)
        link.click()
        link.remove()
    except Exception as err:  # the page may refuse
        raise saves.SaveError(f"the browser refused the download: {err}") from None
