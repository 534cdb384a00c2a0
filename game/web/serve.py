"""Serve a web build on this machine (127.0.0.1 only) for a local look.

The page still loads the Python runtime from its CDN, so the browser needs internet
access; the game's own files come from here.
"""

from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

HOST = "127.0.0.1"
"""Only this machine can connect: the server is a preview, not a public web server."""

DEFAULT_PORT = 8000

CONTENT_TYPES = {
    "": "application/octet-stream",
    ".apk": "application/octet-stream",
    ".data": "application/octet-stream",
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".py": "text/plain; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".yaml": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".svg": "image/svg+xml",
    ".ogg": "audio/ogg",
    ".gz": "application/gzip",
    ".tgz": "application/gzip",
    ".zip": "application/zip",
    ".tar": "application/x-tar",
}
"""Content types by file suffix. Browsers need ``application/wasm`` to compile WebAssembly
as it downloads and ``text/javascript`` for modules; the game's ``.apk`` is a plain zip."""


class BuildRequestHandler(SimpleHTTPRequestHandler):
    """Serves files from one folder with CONTENT_TYPES and no caching (a rebuild shows at once)."""

    extensions_map: ClassVar[dict[str, str]] = CONTENT_TYPES

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


class BuildServer(ThreadingHTTPServer):
    """A threaded HTTP server that stays quiet when a browser drops a connection early."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser cancelled a download (a reload, a closed tab): not an error
        super().handle_error(request, client_address)


def make_server(directory: Path, port: int = DEFAULT_PORT, host: str = HOST) -> BuildServer:
    """Return a server bound to ``host:port`` that serves ``directory`` (port 0: any free port).

    The caller runs ``serve_forever()`` and then ``server_close()``.
    Raises OSError if the port cannot be bound (for example when it is in use).
    """
    handler = functools.partial(BuildRequestHandler, directory=str(directory))
    return BuildServer((host, port), handler)


def serve(directory: Path, port: int = DEFAULT_PORT) -> int:
    """Serve ``directory`` until Ctrl+C; return 0 then, or 1 with a message if it cannot start.

    Checks first that the folder holds a build (an ``index.html``).
    """
    directory = directory.resolve()
    if not (directory / "index.html").is_file():
        print(
            f"error: no index.html in {directory}: build first with python -m game web build",
            file=sys.stderr,
        )
        return 1
    try:
        server = make_server(directory, port)
    except OSError as exc:
        print(
            f"error: cannot listen on {HOST}:{port} ({exc.strerror or exc}); "
            "try another --port, or --port 0 for any free one",
            file=sys.stderr,
        )
        return 1
    with server:
        url = f"http://{HOST}:{server.server_address[1]}/"
        print(f"Serving {directory} at {url}", flush=True)
        print("Open that address in a browser; press Ctrl+C to stop.", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nStopped.", flush=True)
    return 0
