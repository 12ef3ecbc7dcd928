"""The highlights: the rows of the landing page, the image on alternate sides.

The CMS writes them as a list under ``highlights``; each has a title, a
subtitle, a description (Markdown), an image and a link (a button, often to a
page of the site: ``/projekt``).  They have no heading of their own: each
highlight is a section of the page with its own anchor, the image left and
right by turns, as the goals' zig-zag.  With ``:heading:`` they are the
sub-sections of a section of that heading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation

from .. import marknodes
from ..core.textdiff import WordDiff, word_diff
from ..core.wording import ItemWording, PartWording, details
from ..history import Change, Comparison, SectionWords
from ..marks import ItemMarks, Numbers, SectionMarks, section_marks
from ..model import Item, Link, Reader, Section, StrategyPage, item_pairs
from ..naming import KeyPath
from ..registry import Component, register
from ..render import (
    RenderContext,
    description,
    illustrate,
    item_label,
    item_nodes,
    link_paragraph,
    subtitle,
)
from ..render import section as titled_section
from .hero import link_words

_ = get_translation("strategy_pages")

_MIRRORED = "strategy-highlight--mirrored"


@dataclass(frozen=True)
class Highlight(Item):
    """A highlight: an item with a subtitle and a link."""

    subtitle: str = ""
    link: Link | None = None


@dataclass(frozen=True)
class HighlightsMarks:
    """The review marks of the highlights: those of a section of items, and
    the changed subtitles (word diffs, by the highlight's title now)."""

    section: SectionMarks
    subtitles: dict[str, WordDiff] = field(default_factory=dict)


@register
class HighlightsComponent(Component):
    name = "highlights"
    position = 110
    keys: ClassVar = {"highlights": "Highlights"}
    item_lists: ClassVar = {("highlights",): "Highlight {number}"}
    # The highlights' own sections carry the part's class too: without a
    # heading of their own, a hero that they follow adopts them (directives).
    section_class = "strategy-highlights"
    item_class = "strategy-highlight"
    option_spec: ClassVar = {"heading": directives.unchanged_required}
    words = SectionWords(
        default_heading="Highlights",
        heading="Heading of the highlights",
        renamed="Highlight renamed: “{old}” → “{new}”",
        removed="Highlight removed: “{title}”",
        added="New highlight: “{title}”",
        moved="Highlight moved: “{title}” (previously no. {old}, now no. {new})",
    )

    def read(self, reader: Reader) -> Section | None:
        value = reader.root.get("highlights")
        if not isinstance(value, list):
            return None
        items = reader.items(
            value, ("highlights",), lambda entry, path: _highlight(reader, entry, path)
        )
        return Section("", "", items, reader.line_of(("highlights",)))

    def render(
        self,
        page: StrategyPage,
        part: Section,
        context: RenderContext,
        options: dict[str, Any],
        content: list[nodes.Node],
    ) -> list[nodes.Node]:
        marks: HighlightsMarks | None = (
            context.marks.of(self.name) if context.marks else None
        )
        classes: list[str] = options.get("class", [])
        heading = options.get("heading")
        rows = self._rows(page, part, context, marks, [] if heading else classes)
        if not heading:
            return [*content, *rows]
        section = titled_section(heading, page.source, part.line, context)
        section["classes"] += [self.section_class, *classes]
        section += content
        section += rows
        return [section]

    def _rows(
        self,
        page: StrategyPage,
        part: Section,
        context: RenderContext,
        marks: HighlightsMarks | None,
        classes: list[str],
    ) -> list[nodes.Node]:
        removed = marks.section.removed if marks is not None else {}

        def row(number: int, item: Item) -> nodes.Element:
            section = self._row(page, cast(Highlight, item), number, context, marks)
            section["classes"] += classes
            return section

        return item_nodes(page, part.items, removed, row)

    def _row(
        self,
        page: StrategyPage,
        item: Highlight,
        number: int,
        context: RenderContext,
        marks: HighlightsMarks | None,
    ) -> nodes.section:
        label = item_label(context.docname, self.section_class, number)
        section = titled_section(
            item.title, page.source, item.line, context, "strategy-item__title", label
        )
        section["classes"] += [self.section_class, "strategy-item", self.item_class]
        if number % 2 == 0:
            section["classes"].append(_MIRRORED)
        text = nodes.container(classes=["strategy-item__text"])
        item_marks: ItemMarks | None = (
            marks.section.items.get(item.title) if marks is not None else None
        )
        marknodes.mark_item(section, text, item_marks)
        subtitle_diff = marks.subtitles.get(item.title) if marks is not None else None
        text += subtitle(item.subtitle, subtitle_diff, page.source, item.line)
        text += description(
            item.description,
            item_marks.text if item_marks else None,
            page.source,
            item.line,
            item.where,
        )
        if item.link is not None:
            text += link_paragraph(item.link, page.source, "strategy-highlight__link")
        section += text
        illustrate(section, item.image, page.source, context, "strategy-item__image")
        return section

    def compare(
        self, comparison: Comparison, old: Section | None, new: Section | None
    ) -> Iterator[Change]:
        if old is not None or new is not None:
            # The highlights have no heading of their own.
            yield from comparison.section(
                old, new, self.words, self.name, _highlight_changes, heading=False
            )

    def wording(self, part: Section) -> PartWording:
        return PartWording(
            self.words.default_heading,
            items=tuple(
                ItemWording(
                    item.title,
                    item.description,
                    details(
                        ("Subtitle", item.subtitle),
                        ("Link", link_words(item.link)),
                    ),
                )
                for item in part.items
                if isinstance(item, Highlight)
            ),
        )

    def marks(
        self, old: Section | None, new: Section, numbers: Numbers
    ) -> HighlightsMarks:
        subtitles = {
            after.title: word_diff(before.subtitle, after.subtitle)
            for before, after in item_pairs(old, new)
            if isinstance(before, Highlight)
            and isinstance(after, Highlight)
            and before.subtitle.strip()
            and before.subtitle.split() != after.subtitle.split()
        }
        return HighlightsMarks(section_marks(old, new, numbers), subtitles)


def _highlight(reader: Reader, entry: Any, path: KeyPath) -> Highlight | None:
    item = reader.item(entry, path)
    if item is None:
        return None
    known = {f.name: getattr(item, f.name) for f in fields(Item)}
    return Highlight(
        **known,
        # The CMS made every field required; editors typed ' ' for "none".
        subtitle=reader.text(entry, "subtitle"),
        link=reader.link(entry, path),
    )


def _highlight_changes(
    comparison: Comparison, before: Item, after: Item
) -> Iterator[Change]:
    """A highlight's subtitle and link."""
    if not (isinstance(before, Highlight) and isinstance(after, Highlight)):
        return
    _ = comparison._
    yield from comparison.heading(
        _("Subtitle of “{title}”").format(title=after.title),
        before.subtitle,
        after.subtitle,
        part=HighlightsComponent.name,
        item=after.title,
    )
    yield from comparison.link(
        _("Link of “{title}” changed: {old} → {new}"),
        before.link,
        after.link,
        part=HighlightsComponent.name,
        item=after.title,
    )
