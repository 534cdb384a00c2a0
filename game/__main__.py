"""Entry point for ``python -m game``."""

from game.cli import run

run()
