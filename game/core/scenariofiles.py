"""What a scenario file is, decided in one place for the title screen, the web build and tests.

A scenario file is a ``.yaml`` or ``.yml`` file whose text has a top-level ``format:`` key. Other
YAML files in the same folder may be parts a scenario includes (word lists, posts): they travel
with the scenarios but are not scenarios themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.core.safeio import ReadError, read_bounded
from game.core.yamlsafe import MAX_BYTES

SUFFIXES = (".yaml", ".yml")
HEAD_BYTES = 65536
"""How much of a file is searched for its ``format:`` key."""
MAX_FILES = 200
"""Most YAML files looked at in one folder (each scenario is read and checked)."""
_FORMAT_LINE = re.compile(rb"^format\s*:", re.MULTILINE)


def is_yaml_file(path: Path) -> bool:
    """True for a regular file named ``*.yaml`` or ``*.yml`` (any case)."""
    return path.suffix.lower() in SUFFIXES and path.is_file()


def is_scenario_file(path: Path) -> bool:
    """True when ``path`` is a YAML file of at most ``MAX_BYTES`` with a top-level ``format:`` key
    in its first 64 KiB. Never raises nor blocks: an unreadable file, a FIFO or a device is not a
    scenario."""
    if not is_yaml_file(path):
        return False
    try:
        head = read_bounded(path, MAX_BYTES)[:HEAD_BYTES]
    except ReadError:
        return False
    return _FORMAT_LINE.search(head) is not None


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly in ``folder`` (scenarios and the parts they include), by name, at
    most ``MAX_FILES``; empty when the folder is missing or unreadable."""
    try:
        return sorted(path for path in folder.iterdir() if is_yaml_file(path))[:MAX_FILES]
    except OSError:
        return []


def scenario_files(folder: Path) -> list[Path]:
    """The scenario files directly in ``folder``, by name (see ``is_scenario_file``)."""
    return [path for path in yaml_files(folder) if is_scenario_file(path)]
