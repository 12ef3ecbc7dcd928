"""A section of items: a heading, an introduction, and items with their own
anchors (goals, formats).  The components that are such a section share this.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation

from .. import marknodes
from ..core.wording import Detail, Field, ItemWording, PartWording
from ..history import Change, Comparison, SectionWords
from ..marks import Numbers, SectionMarks, section_marks
from ..model import Item, Section, StrategyPage
from ..registry import Component
from ..render import RenderContext, description, illustrate, item_label, item_nodes
from ..render import section as titled_section

_ = get_translation("strategy_pages")


class ItemList(Component):
    """A component whose part is a :class:`.Section` of items."""

    item_class: ClassVar[str]
    #: How its changes read in the history.
    words: ClassVar[SectionWords]
    option_spec: ClassVar = {"heading": directives.unchanged_required}

    def render(
        self,
        page: StrategyPage,
        part: Section,
        context: RenderContext,
        options: dict[str, Any],
        content: list[nodes.Node],
    ) -> list[nodes.Node]:
        heading = (
            options.get("heading") or part.title or str(_(self.words.default_heading))
        )
        return [
            items_section(
                page, part, heading, self, context, options.get("class", []), content
            )
        ]

    def compare(
        self, comparison: Comparison, old: Section | None, new: Section | None
    ) -> Iterator[Change]:
        if old is not None or new is not None:
            yield from comparison.section(
                old, new, self.words, self.name, self.item_changes
            )

    def item_changes(
        self, comparison: Comparison, old: Item, new: Item
    ) -> Iterator[Change]:
        """The changes of the fields only this component's items have."""
        return iter(())

    def marks(
        self, old: Section | None, new: Section, numbers: Numbers
    ) -> SectionMarks:
        return section_marks(old, new, numbers)

    def wording(self, part: Section) -> PartWording:
        heading = part.title or str(_(self.words.default_heading))
        return PartWording(
            self.words.default_heading,
            (
                Field("Heading", heading),
                Field("Introduction", part.description, markdown=True),
            ),
            tuple(
                ItemWording(item.title, item.description, self.item_details(item))
                for item in part.items
            ),
        )

    def item_details(self, item: Item) -> tuple[Detail, ...]:
        """The short values only this component's items have."""
        return ()


def items_section(
    page: StrategyPage,
    data: Section,
    title: str,
    component: ItemList,
    context: RenderContext,
    classes: list[str],
    content: list[nodes.Node],
) -> nodes.section:
    section = titled_section(title, page.source, data.line, context)
    section["classes"] += [component.section_class, *classes]
    marks: SectionMarks | None = (
        context.marks.of(component.name) if context.marks else None
    )
    if marks is not None:
        section += marknodes.numbered(marks.numbers)
    if marks is not None and marks.old_heading:
        section += marknodes.was(marks.old_heading)
    section += description(
        data.description, marks.introduction if marks else None, page.source, data.line
    )
    # Body text must come before sub-sections in a docutils section.
    section += content
    section += item_nodes(
        page,
        data.items,
        marks.removed if marks is not None else {},
        lambda number, item: _item_section(
            page,
            item,
            component,
            context,
            item_label(context.docname, component.section_class, number),
            marks,
        ),
    )
    return section


def _item_section(
    page: StrategyPage,
    item: Item,
    component: ItemList,
    context: RenderContext,
    label: str,
    marks: SectionMarks | None,
) -> nodes.section:
    section = titled_section(
        item.title, page.source, item.line, context, "strategy-item__title", label
    )
    section["classes"] += ["strategy-item", component.item_class]
    text = nodes.container(classes=["strategy-item__text"])
    item_marks = marks.items.get(item.title) if marks is not None else None
    marknodes.mark_item(section, text, item_marks)
    text += description(
        item.description,
        item_marks.text if item_marks else None,
        page.source,
        item.line,
        item.where,
    )
    section += text
    illustrate(section, item.image, page.source, context, "strategy-item__image")
    return section
