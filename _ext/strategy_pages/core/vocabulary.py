"""The words of the data: which parts a page has, their keys and the editors'
names of them, and the page types of the CMS.

Plain data, no behaviour: the components (:mod:`..registry`) enter their
part here when they register, and every layer below them (naming, reading,
checking, comparing) asks here, so that none of those imports the
components or the registry, which sit above them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

#: A position inside the data: mapping keys and list indices.
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Part:
    """One part of a page, as the data and the editors know it."""

    #: the part's name in the model, and its directive's name
    name: str
    #: where the part stands on a page: lower first
    position: int
    #: the top-level keys of the data it reads, with the editors' name of each
    #: (an English message, translated by the catalog)
    keys: dict[str, str]
    #: the lists of items it reads, by path: what one item is called
    item_lists: dict[KeyPath, str] = field(default_factory=dict)
    #: the class of its section, and of its items' sections where its items
    #: have anchors of their own
    section_class: str = ""
    item_class: str | None = None

    @property
    def label(self) -> str:
        """The editors' name of the part: that of its first key."""
        return next(iter(self.keys.values()))


@dataclass(frozen=True)
class PageType:
    """A page type of the CMS: the tag it writes as the body, and its parts."""

    #: ``ProjectPage``: the CMS writes ``<ProjectPage />`` as the page's body.
    tag: str
    #: the directive that renders the whole page: ``project-page``
    directive: str
    #: the parts it shows, in order; the first (the hero) holds the rest
    parts: tuple[str, ...]


#: The parts, by name.
PARTS: dict[str, Part] = {}
#: The page types, by tag.
PAGE_TYPES: dict[str, PageType] = {}


def add_part(part: Part) -> None:
    PARTS[part.name] = part
    for table in _TABLES:
        table.cache_clear()


def register_page_type(page_type: PageType) -> None:
    PAGE_TYPES[page_type.tag] = page_type


# The tables below are derived from PARTS, and asked for every key of every
# page: each is made once, and again only when a part is added.


@cache
def parts() -> tuple[Part, ...]:
    """The parts in the order a page shows them."""
    return tuple(sorted(PARTS.values(), key=lambda part: part.position))


@cache
def data_keys() -> tuple[str, ...]:
    """The top-level keys of the data that the parts read."""
    return tuple(key for part in parts() for key in part.keys)


@cache
def key_labels() -> Mapping[str, str]:
    return {key: label for part in parts() for key, label in part.keys.items()}


@cache
def item_lists() -> Mapping[KeyPath, str]:
    return {path: name for part in parts() for path, name in part.item_lists.items()}


@cache
def with_items() -> Mapping[str, Part]:
    """The parts whose items have anchors of their own, by item class."""
    return {part.item_class: part for part in parts() if part.item_class}


_TABLES = (parts, data_keys, key_labels, item_lists, with_items)
