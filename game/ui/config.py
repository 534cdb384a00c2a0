"""The settings the game's window starts with, read once from arguments and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from game.core import saves
from game.core.classfile import CLASS_NAME, ClassPlan, check_class_file
from game.core.profiles import SaveBook, default_book
from game.ui import settings as st
from game.ui.links import Links

PROJECT_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class AppConfig:
    """Settings read once at start (from arguments and the environment)."""

    scenario_path: str | None = None
    size: tuple[int, int] = (1280, 800)
    scenarios_dir: Path = field(default_factory=lambda: PROJECT_DIR / "scenarios")
    seed: int | None = None
    fps: int = 60
    fixed_dt: float | None = None
    store: saves.Store | None = None
    resizable: bool = True
    links: Links | None = None
    """Where the debrief opens and copies sources (None: the system browser and clipboard)."""
    class_plan: ClassPlan | None = None
    book: SaveBook | None = None
    """Profiles and their games (class play: lab computers); None keeps the single save of
    ``store``."""
    settings_store: saves.Store | None = None
    teacher: bool = False
    """The teacher view: score changes also name their rule, file and line."""

    @classmethod
    def from_env(
        cls,
        scenario_path: str | None = None,
        size: tuple[int, int] = (1280, 800),
        class_plan: ClassPlan | None = None,
        teacher: bool = False,
    ) -> AppConfig:
        """Config from the environment: MODEL_CITIZEN_DATA (save folder, read by the core),
        MODEL_CITIZEN_SEED (fixed seed), MODEL_CITIZEN_SCENARIOS (scenario folder),
        MODEL_CITIZEN_TEACHER=1 (the teacher view, like ``teacher``).
        A ``class.yaml`` in the scenario folder (a class's web build) gives the class plan."""
        seed = os.environ.get("MODEL_CITIZEN_SEED")
        folder = os.environ.get("MODEL_CITIZEN_SCENARIOS")
        scenarios_dir = Path(folder) if folder else PROJECT_DIR / "scenarios"
        if class_plan is None and (scenarios_dir / CLASS_NAME).is_file():
            class_plan = check_class_file(scenarios_dir / CLASS_NAME, flat=True).plan
        return cls(
            scenario_path=scenario_path,
            size=size,
            scenarios_dir=scenarios_dir,
            seed=int(seed) if seed and seed.lstrip("-").isdigit() else None,
            store=saves.default_store(),
            settings_store=st.default_store(),
            class_plan=class_plan,
            book=default_book() if class_plan is not None else None,
            teacher=teacher or os.environ.get("MODEL_CITIZEN_TEACHER") == "1",
        )
