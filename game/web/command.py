"""``python -m game web ...``: build the browser version, or serve a build locally.

Usage: ``python -m game web build [--scenarios DIR] [--out DIR] [--zip] [--cdn URL]``
and ``python -m game web serve [--dir DIR] [--port N]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.web.build import ITCH_ZIP_NAME, BuildOptions, main_build
from game.web.serve import DEFAULT_PORT, serve

DEFAULT_OUT = Path("build") / "web"


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0 to 65535, got {value}")
    return value


def make_parser() -> argparse.ArgumentParser:
    """Return the parser for the ``web`` command's arguments."""
    parser = argparse.ArgumentParser(
        prog="python -m game web",
        description="Build Model Citizen for the browser, or try a build on this machine.",
    )
    commands = parser.add_subparsers(dest="command", metavar="{build,serve}")

    build = commands.add_parser(
        "build",
        help="make a web build (runs offline in seconds)",
        description=(
            "Pack the game, its scenarios and pure-Python PyYAML with pygbag into a folder "
            "any static web host can serve: index.html, model-citizen.apk, favicon.png."
        ),
    )
    build.add_argument(
        "--scenarios",
        type=Path,
        metavar="DIR",
        help="ship the *.yaml scenarios of DIR instead of the project's scenarios/",
    )
    build.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"output folder (default: {DEFAULT_OUT})",
    )
    build.add_argument(
        "--class",
        dest="class_file",
        type=Path,
        metavar="FILE",
        help="ship only the scenarios of this class file, in its order, with its quiz",
    )
    build.add_argument(
        "--zip",
        action="store_true",
        help=f"also write {ITCH_ZIP_NAME} next to the output folder, for itch.io",
    )
    build.add_argument(
        "--cdn",
        metavar="URL",
        help="where players' browsers load the Python runtime from (default: pygbag's CDN)",
    )

    serve_parser = commands.add_parser(
        "serve",
        help="serve a build on http://127.0.0.1 for a local look",
        description="Serve a web build on this machine only. Ctrl+C stops it.",
    )
    serve_parser.add_argument(
        "--dir",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"the build folder (default: {DEFAULT_OUT})",
    )
    serve_parser.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"port on 127.0.0.1 (default: {DEFAULT_PORT}; 0 picks a free one)",
    )
    return parser


def main(argv: list[str]) -> int:
    """Run ``python -m game web`` with ``argv`` (the arguments after ``web``).

    Returns the exit code: 0 on success, 1 when the build or the server failed (with an
    ``error:`` message on stderr), 2 on a usage error (argparse's message on stderr).
    Never raises for bad input.
    """
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    if args.command == "build":
        options = BuildOptions(
            out=args.out,
            scenarios=args.scenarios,
            make_zip=args.zip,
            cdn=args.cdn,
            class_file=args.class_file,
        )
        return main_build(options)
    if args.command == "serve":
        return serve(args.dir, args.port)
    parser.print_usage(sys.stderr)
    print("python -m game web: error: choose a command: build or serve", file=sys.stderr)
    return 2
