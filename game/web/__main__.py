"""``python -m game.web ...``: the same as ``python -m game web ...``."""

import sys

from game.web.command import main

sys.exit(main(sys.argv[1:]))
