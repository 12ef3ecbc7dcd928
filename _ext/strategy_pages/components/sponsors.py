"""The sponsors: „Förderer“ and a row of their logos, each linking to them.

The CMS writes a list under ``sponsors``; each has a title, an image (the
logo) and a link, which is a plain address here (``link: 'https://…'``), not
a mapping with text and address as elsewhere.  The logo's alternative text is
the sponsor's title: it is what the link says to a screen reader.  A sponsor
without a logo shows its title instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation

from .. import marknodes
from ..core.wording import ItemWording, PartWording, details
from ..history import Change, Comparison, SectionWords
from ..marks import Numbers, SectionMarks, section_marks
from ..model import Item, Link, Reader, Section, StrategyPage
from ..naming import KeyPath, describe
from ..registry import Component, register
from ..render import RenderContext, image_uri, item_nodes, linked, locate
from ..render import section as titled_section

_ = get_translation("strategy_pages")


@dataclass(frozen=True)
class Sponsor(Item):
    """A sponsor: a title, a logo, and the address of the sponsor's site."""

    link: Link | None = None


@register
class SponsorsComponent(Component):
    name = "sponsors"
    position = 120
    keys: ClassVar = {"sponsors": "Sponsors"}
    item_lists: ClassVar = {("sponsors",): "Sponsor {number}"}
    section_class = "strategy-sponsors"
    option_spec: ClassVar = {"heading": directives.unchanged_required}
    words = SectionWords(
        default_heading="Sponsors",
        heading="Heading of the sponsors",
        renamed="Sponsor renamed: “{old}” → “{new}”",
        removed="Sponsor removed: “{title}”",
        added="New sponsor: “{title}”",
        moved="Sponsor moved: “{title}” (previously no. {old}, now no. {new})",
    )

    def read(self, reader: Reader) -> Section | None:
        value = reader.root.get("sponsors")
        if not isinstance(value, list):
            return None
        items = reader.items(
            value, ("sponsors",), lambda entry, path: _sponsor(reader, entry, path)
        )
        return Section("", "", items, reader.line_of(("sponsors",)))

    def render(
        self,
        page: StrategyPage,
        part: Section,
        context: RenderContext,
        options: dict[str, Any],
        content: list[nodes.Node],
    ) -> list[nodes.Node]:
        heading = options.get("heading") or str(_("Sponsors"))
        section = titled_section(heading, page.source, part.line, context)
        section["classes"] += [self.section_class, *options.get("class", [])]
        section += content
        marks: SectionMarks | None = (
            context.marks.of(self.name) if context.marks else None
        )
        removed = marks.removed if marks is not None else {}
        logos = nodes.container(classes=["strategy-sponsors__logos"])
        logos += item_nodes(
            page,
            part.items,
            removed,
            lambda number, sponsor: _logo(page, cast(Sponsor, sponsor), context, marks),
        )
        section += logos
        return [section]

    def compare(
        self, comparison: Comparison, old: Section | None, new: Section | None
    ) -> Iterator[Change]:
        if old is not None or new is not None:
            # The sponsors' heading is always „Förderer“.
            yield from comparison.section(
                old, new, self.words, self.name, _sponsor_changes, heading=False
            )

    def marks(
        self, old: Section | None, new: Section, numbers: Numbers
    ) -> SectionMarks:
        return section_marks(old, new, numbers)

    def wording(self, part: Section) -> PartWording:
        return PartWording(
            self.words.default_heading,
            items=tuple(
                ItemWording(item.title, item.description, details(("Link", _url(item))))
                for item in part.items
            ),
        )


def _sponsor(reader: Reader, entry: Any, path: KeyPath) -> Sponsor | None:
    item = reader.item(entry, path)
    if item is None:
        return None
    known = {f.name: getattr(item, f.name) for f in fields(Item)}
    url = reader.text(entry, "link")
    key = (*path, "link")
    link = (
        Link(item.title, url, describe(key, reader.root), reader.line_of(key))
        if url
        else None
    )
    return Sponsor(**known, link=link)


def _url(item: Item) -> str:
    link = item.link if isinstance(item, Sponsor) else None
    return link.url if link is not None else ""


def _logo(
    page: StrategyPage,
    sponsor: Sponsor,
    context: RenderContext,
    marks: SectionMarks | None,
) -> nodes.container:
    """The sponsor's logo (or title), linking to the sponsor; with its marks."""
    box = nodes.container(classes=["strategy-sponsor"])
    item_marks = marks.items.get(sponsor.title) if marks is not None else None
    marknodes.mark_item(box, box, item_marks)
    uri = (
        image_uri(sponsor.image, page.source, context)
        if sponsor.image is not None
        else None
    )
    content: nodes.Node
    if uri is not None and sponsor.image is not None:
        # The logo says who it is: its title is the link's accessible name.
        content = nodes.image(uri=uri, alt=sponsor.title)
        locate(content, page.source, sponsor.image.line)
    else:
        content = nodes.inline(sponsor.title, sponsor.title)
    paragraph = nodes.paragraph(classes=["strategy-sponsor__logo"])
    locate(paragraph, page.source, sponsor.line)
    paragraph += (
        linked(content, sponsor.link, page.source)
        if sponsor.link is not None
        else content
    )
    box += paragraph
    return box


def _sponsor_changes(
    comparison: Comparison, before: Item, after: Item
) -> Iterator[Change]:
    """A sponsor's link."""
    if isinstance(before, Sponsor) and isinstance(after, Sponsor):
        yield from comparison.link(
            comparison._("Link of “{title}” changed: {old} → {new}"),
            before.link,
            after.link,
            part=SponsorsComponent.name,
            item=after.title,
        )
