"""The hero: the opening of every page type.

Its title is the page's title, then a subtitle, a description (Markdown), an
image beside the text and, on some pages, a link.  In review, it carries the
banner that names the review base.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.locale import get_translation

from .. import marknodes
from ..core.wording import Field, PartWording, link_text
from ..history import Change, Comparison
from ..marks import HeroMarks, Numbers, hero_marks
from ..model import Hero, Link, Reader, StrategyPage
from ..naming import describe
from ..registry import Component, register
from ..render import RenderContext, description, illustrate, link_paragraph, locate
from ..render import section as titled_section

_ = get_translation("strategy_pages")


@register
class HeroComponent(Component):
    name = "hero"
    position = 0
    keys: ClassVar = {"hero": "Hero"}
    section_class = "strategy-hero"

    def read(self, reader: Reader) -> Hero | None:
        hero = reader.root.get("hero")
        if not isinstance(hero, dict):
            return None
        return Hero(
            title=reader.text(hero, "title") or Path(reader.data.source).stem,
            # The CMS made every field required; editors typed ' ' for "none".
            subtitle=reader.text(hero, "subtitle"),
            description=reader.text(hero, "description"),
            image=reader.image(hero, ("hero",)),
            link=reader.link(hero, ("hero",)),
            line=reader.line_of(("hero",)),
        )

    def render(
        self,
        page: StrategyPage,
        part: Hero,
        context: RenderContext,
        options: dict[str, Any],
        content: list[nodes.Node],
    ) -> list[nodes.Node]:
        section = hero_section(page, part, context, options.get("class", []))
        section += content
        return [section]

    def compare(
        self, comparison: Comparison, old: Hero | None, new: Hero | None
    ) -> Iterator[Change]:
        _ = comparison._
        if old is not None:  # a new page's title is its headline already
            yield from comparison.heading(
                _("Page title"), old.title, new.title if new else ""
            )
        yield from comparison.heading(
            _("Subtitle"), old.subtitle if old else "", new.subtitle if new else ""
        )
        yield from comparison.text(
            _("Introduction changed:"),
            old.description if old else "",
            new.description if new else "",
            part=self.name,
        )
        yield from comparison.image(
            _("Image of the introduction changed"), old, new, part=self.name
        )
        yield from comparison.link(
            _("Link of the introduction changed: {old} → {new}"),
            old.link if old else None,
            new.link if new else None,
            part=self.name,
        )

    def marks(self, old: Hero | None, new: Hero, numbers: Numbers) -> HeroMarks:
        return hero_marks(old, new, numbers)

    def wording(self, part: Hero) -> PartWording:
        return PartWording("Top of the page", hero_fields(part, "Description"))


def hero_fields(hero: Hero, text: str) -> tuple[Field, ...]:
    """The fields of a hero (and of what reads like one); ``text`` names its
    description."""
    return (
        Field("Title", hero.title),
        Field("Subtitle", hero.subtitle),
        Field(text, hero.description, markdown=True),
        Field("Link", link_words(hero.link)),
    )


def link_words(link: Link | None) -> str:
    return link_text(link.text, link.url) if link is not None else ""


def hero_section(
    page: StrategyPage, hero: Hero, context: RenderContext, classes: list[str]
) -> nodes.section:
    """The hero as the section that holds the rest of the page."""
    section = titled_section(hero.title, page.source, hero.line, context)
    section["classes"] += ["strategy-hero", *classes]
    text = nodes.container(classes=["strategy-hero__text"])
    marks: HeroMarks | None = context.marks.of("hero") if context.marks else None
    if context.marks is not None:
        text += marknodes.banner(context.marks.release_name)
    if marks is not None:
        text += marknodes.numbered(marks.numbers)
    if marks is not None and marks.old_title:
        text += marknodes.was(marks.old_title)
    if hero.subtitle:
        subtitle = nodes.paragraph(hero.subtitle, hero.subtitle)
        subtitle["classes"].append("strategy-hero__subtitle")
        locate(subtitle, page.source, hero.line)
        text += subtitle
    text += description(
        hero.description,
        marks.introduction if marks else None,
        page.source,
        hero.line,
        describe(("hero",)),
    )
    if hero.link is not None:
        text += link_paragraph(hero.link, page.source)
    body = nodes.container(classes=["strategy-hero__body"])
    body += text
    illustrate(body, hero.image, page.source, context, HERO_IMAGE)
    section += body
    return section


#: The class of the container of the hero's illustration.
HERO_IMAGE = "strategy-hero__image"


def hero_image(scope: nodes.Element) -> nodes.image | None:
    """The first hero illustration in ``scope`` (a page's doctree): the
    cover of the PDF and of the EPUB."""
    for container in scope.findall(nodes.container):
        if HERO_IMAGE in container["classes"]:
            return next(container.findall(nodes.image), None)
    return None
