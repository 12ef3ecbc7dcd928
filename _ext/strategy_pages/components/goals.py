"""The goals: „Ziele“ and a section a goal, each with its text and image.

The CMS wrote them in two shapes: a list of goals (flat), or a mapping with
``title``, ``description`` and ``items`` (nested).
"""

from __future__ import annotations

from typing import ClassVar

from ..history import SectionWords
from ..model import Reader, Section
from ..registry import register
from .itemlist import ItemList


@register
class GoalsComponent(ItemList):
    name = "goals"
    position = 10
    keys: ClassVar = {"goals": "Goals"}
    item_lists: ClassVar = {
        ("goals",): "Goal {number}",
        ("goals", "items"): "Goal {number}",
    }
    section_class = "strategy-goals"
    item_class = "strategy-goal"
    words = SectionWords(
        default_heading="Goals",
        heading="Heading of the goals",
        renamed="Goal renamed: “{old}” → “{new}”",
        removed="Goal removed: “{title}”",
        added="New goal: “{title}”",
        moved="Goal moved: “{title}” (previously no. {old}, now no. {new})",
    )

    def read(self, reader: Reader) -> Section | None:
        goals = reader.root.get("goals")
        line = reader.line_of(("goals",))
        if isinstance(goals, list):
            return Section("", "", reader.items(goals, ("goals",)), line)
        if isinstance(goals, dict):
            return Section(
                reader.text(goals, "title"),
                reader.text(goals, "description"),
                reader.items(goals.get("items"), ("goals", "items")),
                line,
            )
        return None
