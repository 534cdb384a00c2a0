"""The lock (requirements.txt) pins, to one exact version, everything the project asks pip for."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_dependency_and_build_requirement_is_pinned_exactly() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*project["build-system"]["requires"], *project["project"]["dependencies"], "pip"]
    for extra in project["project"]["optional-dependencies"].values():
        wanted += extra
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep and re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), f"not exact: {line}"
            pins[_name(name)] = version
    missing = sorted({_name(r) for r in wanted} - pins.keys())
    assert missing == [], f"not in the lock (run bash .ci/lock): {missing}"
