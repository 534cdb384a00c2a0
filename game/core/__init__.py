"""The game's core: scenarios, rules, simulation and saves. Never imports pygame."""
