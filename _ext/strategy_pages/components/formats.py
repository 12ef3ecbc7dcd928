"""The formats: the section „Format“ with its formats side by side.

Flat shape: ``structure`` has the heading and introduction, ``structures``
the items; nested shape: ``structure`` has ``items`` too.
"""

from __future__ import annotations

from typing import ClassVar

from ..history import SectionWords
from ..model import Reader, Section
from ..registry import register
from .itemlist import ItemList


@register
class FormatsComponent(ItemList):
    name = "formats"
    position = 20
    keys: ClassVar = {"structure": "Format section", "structures": "Formats"}
    item_lists: ClassVar = {
        ("structures",): "Format {number}",
        ("structure", "items"): "Format {number}",
    }
    section_class = "strategy-formats"
    item_class = "strategy-format"
    words = SectionWords(
        default_heading="Formats",
        heading="Heading of the formats",
        renamed="Format renamed: “{old}” → “{new}”",
        removed="Format removed: “{title}”",
        added="New format: “{title}”",
        moved="Format moved: “{title}” (previously no. {old}, now no. {new})",
    )

    @property
    def label(self) -> str:
        return "Formats"

    def read(self, reader: Reader) -> Section | None:
        structure = reader.root.get("structure")
        structure = structure if isinstance(structure, dict) else {}
        items = reader.items(
            structure.get("items"), ("structure", "items")
        ) + reader.items(reader.root.get("structures"), ("structures",))
        if not structure and not items:
            return None
        return Section(
            reader.text(structure, "title"),
            reader.text(structure, "description"),
            items,
            reader.line_of(("structure",) if structure else ("structures",)),
        )
