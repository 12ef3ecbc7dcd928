"""The registry of components: the parts a CMS page is made of.

A component (the hero, the goals, the formats, …) is one module in
``components/``: it declares the top-level keys of the data it reads, its
editors' names, and how it is read into the model, rendered, compared between
versions, marked in a review and set in a Synopse; it registers itself here.  Loading,
validation, messages, directives, the history and the review marks iterate
over the registry instead of naming components, so adding a component is
one module and its tests.

Only the components and the Sphinx glue above them import this module; the
layers below learn of the parts through :mod:`.core.vocabulary` and the hooks
:data:`.model.READERS`, :data:`.history.COMPARERS` and :data:`.marks.MARKERS`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from docutils import nodes

from .core.vocabulary import KeyPath, Part, add_part
from .core.wording import PartWording
from .history import COMPARERS, Change, Comparison
from .marks import MARKERS, Numbers
from .model import READERS, Reader, StrategyPage
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
    def marks(self, old: Any | None, new: Any, numbers: Numbers) -> Any:
        """The review marks of the part ``new`` against ``old`` (None: absent),
        with the ``numbers`` of the part's changes."""

    @abstractmethod
    def wording(self, part: Any) -> PartWording:
        """The part's fields and items as a reader compares them (the Synopse)."""


#: The components, by name.
REGISTRY: dict[str, Component] = {}


def register(component: type[Component]) -> type[Component]:
    """Class decorator: make ``component`` one of the page's components.

    Its words go into the vocabulary and its reading, comparing and marking
    into the hooks of the layers that call them, none of which imports this
    module.
    """
    instance = component()
    REGISTRY[component.name] = instance
    add_part(
        Part(
            component.name,
            component.position,
            component.keys,
            component.item_lists,
            component.section_class,
            component.item_class,
        )
    )
    READERS[component.name] = instance.read
    COMPARERS[component.name] = instance.compare
    MARKERS[component.name] = instance.marks
    return component


def components() -> list[Component]:
    """The components in the order a page shows them."""
    return sorted(REGISTRY.values(), key=lambda component: component.position)
