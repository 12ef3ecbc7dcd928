"""The typed model of a strategy page, normalised from either CMS shape.

The CMS published two shapes of the same content (see the editors' guide):

* flat: ``goals`` is a list of items; ``structure`` has ``title`` and
  ``description``; the format items are in ``structures``;
* nested: ``goals`` and ``structure`` are mappings with ``title``,
  ``description`` and ``items``.

Both become one :class:`StrategyPage`.  Values of the wrong type were already
reported by :mod:`.schema`; here they are simply left out, so that everything
valid on a page still renders.  Nothing valid is dropped for want of a title:
an item without one is headed with its editor's name („Ziel 4“), a hero
without one with the name of its file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .located import LocatedData
from .naming import KeyPath, describe, item_name


@dataclass(frozen=True)
class Image:
    path: str
    alt: str
    #: the editor's name of the image's place, for messages
    where: str
    line: int


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    where: str
    line: int


@dataclass(frozen=True)
class Item:
    """A goal or a format."""

    title: str
    description: str
    image: Image | None
    #: the editor's name of the item („Ziel 4 („Teilhabe“)“), for messages
    where: str
    line: int


@dataclass(frozen=True)
class Hero:
    title: str
    subtitle: str
    description: str
    image: Image | None
    link: Link | None
    line: int


@dataclass(frozen=True)
class Section:
    """The goals or the formats: an optional heading and introduction, and items."""

    title: str
    description: str
    items: tuple[Item, ...]
    line: int


@dataclass(frozen=True)
class StrategyPage:
    source: str
    hero: Hero | None
    goals: Section | None
    formats: Section | None

    @property
    def fallback_title(self) -> str:
        """The page's title where the data gives none: the name of its file."""
        return Path(self.source).stem

    @property
    def is_empty(self) -> bool:
        return not self.parts()

    def parts(self) -> list[str]:
        """The names of the parts the page has: hero, goals, formats."""
        return [name for name in PARTS if getattr(self, name) is not None]

    def line_of_part(self, name: str) -> int:
        part: Hero | Section = getattr(self, name)
        return part.line


#: The parts of a page, in the order ``project-page`` renders them.
PARTS = ("hero", "goals", "formats")


def normalise(data: LocatedData) -> StrategyPage:
    reader = _Reader(data)
    return StrategyPage(
        source=data.source,
        hero=reader.hero(),
        goals=reader.goals(),
        formats=reader.formats(),
    )


class _Reader:
    def __init__(self, data: LocatedData) -> None:
        self.data = data
        self.root: dict[str, Any] = data.value if isinstance(data.value, dict) else {}

    def text(self, mapping: dict[str, Any], key: str) -> str:
        value = mapping.get(key)
        return value.strip() if isinstance(value, str) else ""

    def image(self, mapping: dict[str, Any], path: KeyPath) -> Image | None:
        image_path = self.text(mapping, "image")
        if not image_path:
            return None
        key = (*path, "image")
        return Image(
            image_path,
            self.text(mapping, "alt"),
            describe(key, self.root),
            self.data.line_of(key),
        )

    def item(self, value: Any, path: KeyPath) -> Item | None:
        if not isinstance(value, dict):
            return None
        *list_path, index = path
        assert isinstance(index, int)
        return Item(
            title=self.text(value, "title") or item_name(tuple(list_path), index),
            description=self.text(value, "description"),
            image=self.image(value, path),
            where=describe(path, self.root),
            line=self.data.line_of(path),
        )

    def items(self, value: Any, path: KeyPath) -> tuple[Item, ...]:
        if not isinstance(value, list):
            return ()
        found = (self.item(entry, (*path, index)) for index, entry in enumerate(value))
        return tuple(item for item in found if item is not None)

    def hero(self) -> Hero | None:
        hero = self.root.get("hero")
        if not isinstance(hero, dict):
            return None
        link = hero.get("link")
        return Hero(
            title=self.text(hero, "title") or Path(self.data.source).stem,
            # The CMS made every field required; editors typed ' ' for "none".
            subtitle=self.text(hero, "subtitle"),
            description=self.text(hero, "description"),
            image=self.image(hero, ("hero",)),
            link=Link(
                self.text(link, "text"),
                self.text(link, "url"),
                describe(("hero", "link", "url"), self.root),
                self.data.line_of(("hero", "link")),
            )
            if isinstance(link, dict)
            and self.text(link, "text")
            and self.text(link, "url")
            else None,
            line=self.data.line_of(("hero",)),
        )

    def goals(self) -> Section | None:
        goals = self.root.get("goals")
        line = self.data.line_of(("goals",))
        if isinstance(goals, list):
            return Section("", "", self.items(goals, ("goals",)), line)
        if isinstance(goals, dict):
            return Section(
                self.text(goals, "title"),
                self.text(goals, "description"),
                self.items(goals.get("items"), ("goals", "items")),
                line,
            )
        return None

    def formats(self) -> Section | None:
        structure = self.root.get("structure")
        structure = structure if isinstance(structure, dict) else {}
        items = self.items(structure.get("items"), ("structure", "items")) + self.items(
            self.root.get("structures"), ("structures",)
        )
        if not structure and not items:
            return None
        return Section(
            self.text(structure, "title"),
            self.text(structure, "description"),
            items,
            self.data.line_of(("structure",) if structure else ("structures",)),
        )
