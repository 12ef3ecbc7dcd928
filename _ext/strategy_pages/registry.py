"""The registry of components: the parts a CMS page is made of.

A component (the hero, the goals, the formats, …) is one module in
``components/``: it declares the top-level keys of the data it reads, its
editors' names, and how it is read into the model, rendered, compared between
versions, marked in a review and set in a Synopse; it registers itself here.  Loading,
validation, messages, directives, the history and the review marks iterate
over the registry instead of naming components, so adding a component is
one module and its tests.

This module imports nothing of the extension at run time (the components
import it), so every other module may ask it which components there are.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from docutils import nodes

    from .core.wording import PartWording
    from .history import Change, Comparison
    from .model import Reader, StrategyPage
    from .naming import KeyPath
    from .render import RenderContext


class Component(ABC):
    """One part of a page: its data, model, rendering, history and review."""

    #: The part's name in the model, and its directive's name.
    name: ClassVar[str]
    #: Where the part stands on a page: lower first.
    position: ClassVar[int]
    #: The top-level keys of the data it reads, with the editors' name of each
    #: (an English message, translated by the catalog).
    keys: ClassVar[dict[str, str]]
    #: The lists of items it reads, by path: what one item is called.
    item_lists: ClassVar[dict[KeyPath, str]] = {}
    #: The class of its section, and of its items' sections where it has items
    #: with their own anchors.
    section_class: ClassVar[str]
    item_class: ClassVar[str | None] = None
    #: Options of its directive besides ``data`` and ``class``.
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {}

    @property
    def label(self) -> str:
        """The editors' name of the part: that of its first key."""
        return next(iter(self.keys.values()))

    @abstractmethod
    def read(self, reader: Reader) -> Any | None:
        """The part's model from the data; None where the data has none."""

    @abstractmethod
    def render(
        self,
        page: StrategyPage,
        part: Any,
        context: RenderContext,
        options: dict[str, Any],
        content: list[nodes.Node],
    ) -> list[nodes.Node]:
        """The part as nodes; ``content`` is the directive's own content."""

    @abstractmethod
    def compare(
        self, comparison: Comparison, old: Any | None, new: Any | None
    ) -> Iterator[Change]:
        """What changed in the part from ``old`` to ``new`` (None: absent)."""

    @abstractmethod
    def marks(self, old: Any | None, new: Any) -> Any:
        """The review marks of the part ``new`` against ``old`` (None: absent)."""

    @abstractmethod
    def wording(self, part: Any) -> PartWording:
        """The part's fields and items as a reader compares them (the Synopse)."""


#: The components, by name.
REGISTRY: dict[str, Component] = {}


def register(component: type[Component]) -> type[Component]:
    """Class decorator: make ``component`` one of the page's components."""
    REGISTRY[component.name] = component()
    return component


def components() -> list[Component]:
    """The components in the order a page shows them."""
    return sorted(REGISTRY.values(), key=lambda component: component.position)


def data_keys() -> tuple[str, ...]:
    """The top-level keys of the data that components read."""
    return tuple(key for component in components() for key in component.keys)


def key_labels() -> dict[str, str]:
    return {key: label for c in components() for key, label in c.keys.items()}


def item_lists() -> dict[KeyPath, str]:
    return {path: name for c in components() for path, name in c.item_lists.items()}


def with_items() -> dict[str, Component]:
    """The components whose items have anchors of their own, by item class."""
    return {c.item_class: c for c in components() if c.item_class}


@dataclass(frozen=True)
class PageType:
    """A page type of the CMS: the tag it writes as the body, and its parts."""

    #: ``ProjectPage``: the CMS writes ``<ProjectPage />`` as the page's body.
    tag: str
    #: the directive that renders the whole page: ``project-page``
    directive: str
    #: the components it shows, in order; the first (the hero) holds the rest
    parts: tuple[str, ...]


#: The page types, by tag.
PAGE_TYPES: dict[str, PageType] = {}


def register_page_type(page_type: PageType) -> None:
    PAGE_TYPES[page_type.tag] = page_type
