"""Model Citizen: run the game in a window (desktop) or a browser page (pygbag).

pygbag needs an ``async def main()`` and ``asyncio.run(main())`` as the very last line.
"""

import asyncio
import os
import sys


async def main() -> None:
    """Start the game; an optional scenario path may be given on the command line."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.ui.app import AppConfig, main_async

    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    await main_async(AppConfig.from_env(args[0] if args else None))


asyncio.run(main())
