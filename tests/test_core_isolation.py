"""``game.core`` and the teacher commands never need pygame: they run with pygame blocked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from conftest import ROOT, make_scenario

SCRIPT = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    class BlockPygame:
        def find_spec(self, name, path=None, target=None):
            if name == "pygame" or name.startswith("pygame."):
                raise ImportError("pygame is blocked in this test")
            return None

    sys.meta_path.insert(0, BlockPygame())
    try:
        import pygame  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("the blocker did not block pygame")

    import game.core
    imported = []
    for info in pkgutil.walk_packages(game.core.__path__, "game.core."):
        importlib.import_module(info.name)
        imported.append(info.name)
    import game.cli

    scenario = sys.argv[1]
    codes = {
        "check": game.cli.main(["check", scenario]),
        "check --json": game.cli.main(["check", "--json", scenario]),
        "explain": game.cli.main(["explain", scenario]),
        "simulate": game.cli.main(["simulate", scenario, "--runs", "1"]),
    }
    pygame_loaded = sorted(m for m in sys.modules if m.split(".")[0] == "pygame")
    sys.stdout.flush()
    print("RESULT " + json.dumps({"imported": imported, "codes": codes, "pygame": pygame_loaded}))
    """
)


def test_core_and_cli_work_with_pygame_blocked(tmp_path) -> None:
    scenario = make_scenario(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, scenario.path],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.rsplit("RESULT ", 1)[1])
    expected_modules = {
        f"game.core.{path.stem}"
        for path in (ROOT / "game" / "core").glob("*.py")
        if path.stem != "__init__"
    }
    assert expected_modules <= set(result["imported"])
    assert result["codes"] == {"check": 0, "check --json": 0, "explain": 0, "simulate": 0}
    assert result["pygame"] == []
