"""The browser version of Model Citizen.

``python -m game web build`` packs the game with pygbag into a folder that any static web
host can serve (itch.io, GitHub Pages); ``python -m game web serve`` shows that folder on
this machine. Modules:

- :mod:`game.web.build`: stage the game, run pygbag with our own template and icon, copy
  the result, make the itch.io zip.
- :mod:`game.web.serve`: a small local web server with the right content types.
- :mod:`game.web.command`: the ``web`` command line (argparse).
- :mod:`game.web.icon`: draws ``favicon.png``.

This package, the bench and ``game.workers`` (which shares ``simulate``'s runs among processes
where they fork; the browser build leaves it out, with the bench) are the only parts of ``game``
that may start processes or open sockets; the game itself must not, since it also runs in the
browser (a test walks every module's imports to keep it so: tests/test_web_build.py).
"""

APP_NAME = "model-citizen"
"""File name of the web build's archive (``model-citizen.apk``) and of the staged folder."""

TITLE = "Model Citizen"
"""Title shown in the browser tab and on the loading screen."""
