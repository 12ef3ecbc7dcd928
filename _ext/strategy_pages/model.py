"""The typed model of a page: what its components read from the data.

Each component (:mod:`.core.vocabulary`) reads its part with a :class:`Reader`, and
the parts make one :class:`StrategyPage`; the CMS's two shapes of the same
content (flat and nested, see the editors' guide) become the same model.
Values of the wrong type were already reported by :mod:`.schema`; here they
are simply left out, so that everything valid on a page still renders.
Nothing valid is dropped for want of a title: an item without one is headed
with its editor's name („Ziel 4“), a hero without one with the name of its
file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .core import vocabulary
from .core.matching import Matching, match
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
    """A page's data: the parts it has (:mod:`.core.vocabulary`), by name."""

    source: str
    content: dict[str, Any] = field(default_factory=dict)

    @property
    def hero(self) -> Hero | None:
        """The hero, which every page type opens with."""
        hero: Hero | None = self.content.get("hero")
        return hero

    @property
    def goals(self) -> Section | None:
        goals: Section | None = self.content.get("goals")
        return goals

    @property
    def formats(self) -> Section | None:
        formats: Section | None = self.content.get("formats")
        return formats

    @property
    def fallback_title(self) -> str:
        """The page's title where the data gives none: the name of its file."""
        return Path(self.source).stem

    @property
    def is_empty(self) -> bool:
        return not self.content

    def parts(self) -> list[str]:
        """The names of the parts the page has, in the registry's order."""
        return list(self.content)

    def line_of_part(self, name: str) -> int:
        line: int = self.content[name].line
        return line


ItemT = TypeVar("ItemT", bound=Item)


def match_items(old: Sequence[ItemT], new: Sequence[ItemT]) -> Matching[ItemT]:
    """Which of the items ``new`` is which of ``old``: by title, a renamed one
    by its text (:mod:`.core.matching`)."""
    return match(old, new, key=lambda item: item.title, text=_description)


def item_pairs(old: Section | None, new: Section | None) -> list[tuple[Item, Item]]:
    """The items both versions of a section have, (old, new), in the new
    order: renamed ones too."""
    matching = match_items(old.items if old else (), new.items if new else ())
    return [(matching.old[o], matching.new[n]) for o, n in matching.pairs]


def _description(item: Item) -> str:
    return item.description


#: How each part is read from the data (with a :class:`Reader`), by name;
#: the components enter theirs (:mod:`.core.vocabulary`).
READERS: dict[str, Callable[[Reader], Any]] = {}


def normalise(data: LocatedData) -> StrategyPage:
    """The page's model: each component reads its part of ``data``."""
    reader = Reader(data)
    content = {part.name: READERS[part.name](reader) for part in vocabulary.parts()}
    return StrategyPage(
        data.source, {name: part for name, part in content.items() if part is not None}
    )


class Reader:
    """What components read the data with: text, images and items, located."""

    def __init__(self, data: LocatedData) -> None:
        self.data = data
        self.root: dict[str, Any] = data.value if isinstance(data.value, dict) else {}

    def text(self, mapping: Any, key: str) -> str:
        """The text at ``key``, stripped; '' where there is none."""
        value = mapping.get(key) if isinstance(mapping, dict) else None
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

    def items(
        self,
        value: Any,
        path: KeyPath,
        build: Callable[[Any, KeyPath], Item | None] | None = None,
    ) -> tuple[Item, ...]:
        """The items of the list ``value`` at ``path``, each read by ``build``
        (:meth:`item` without one); entries it cannot read are left out."""
        if not isinstance(value, list):
            return ()
        read = build or self.item
        found = (read(entry, (*path, index)) for index, entry in enumerate(value))
        return tuple(item for item in found if item is not None)

    def link(self, mapping: Any, path: KeyPath) -> Link | None:
        """A link with text and address; None unless it has both."""
        link = mapping.get("link") if isinstance(mapping, dict) else None
        text, url = self.text(link, "text"), self.text(link, "url")
        if not (text and url):
            return None
        key = (*path, "link")
        return Link(
            text, url, describe((*key, "url"), self.root), self.data.line_of(key)
        )

    def line_of(self, path: KeyPath) -> int:
        return self.data.line_of(path)
