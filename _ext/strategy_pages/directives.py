"""The ``hero``, ``goals``, ``formats`` and ``project-page`` directives.

Each renders part of a page's strategy data (its front matter, or the file
named by ``:data:``).  ``<ProjectPage />``, the body the CMS writes, is
replaced by what ``project-page`` renders, so CMS pages build unchanged.
"""

from __future__ import annotations

import re
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from . import data, messages, notices
from .marks import marks_for
from .model import Hero, StrategyPage
from .render import (
    RenderContext,
    formats_section,
    goals_section,
    hero_section,
    overview,
)
from .reporting import warn

#: The component tag the CMS writes as the page body (``<ProjectPage/>`` too).
PROJECT_PAGE_TAG = re.compile(r"^\s*<ProjectPage\s*/>\s*$")

#: Classes of the sections that a hero section adopts when they follow it.
_ADOPTED = ("strategy-goals", "strategy-formats")


class _StrategyDirective(SphinxDirective):
    #: The part of the data the directive shows; None: all of them.
    part: ClassVar[str | None] = None
    has_content = True
    option_spec: ClassVar = {
        "data": directives.unchanged_required,
        "class": directives.class_option,
    }

    #: Whether the directive is the whole page, which keeps a title without data.
    whole_page: ClassVar[bool] = False

    def run(self) -> list[nodes.Node]:
        source, line = self.get_source_info()
        page = data.page_data(self.env, self.options.get("data"), source, line or 0)
        if page is None and self.whole_page:
            page = StrategyPage(source, None, None, None)
        if page is None:
            return []
        context = RenderContext(
            self.state.document, self.env, marks_for(self.env, page)
        )
        rendered = self.render(page, context)
        data.note_shown(self.env, page, [self.part] if self.part else page.parts())
        return rendered

    def render(self, page: StrategyPage, context: RenderContext) -> list[nodes.Node]:
        raise NotImplementedError

    @property
    def classes(self) -> list[str]:
        return self.options.get("class", [])

    def content_nodes(self) -> list[nodes.Node]:
        return self.parse_content_to_nodes() if self.content else []

    def missing(self, what: str) -> list[nodes.Node]:
        source, line = self.get_source_info()
        warn(messages.part_missing(self.name, what), source, line or 0, "no_data")
        return []


class HeroDirective(_StrategyDirective):
    """The page's opening: title (the page title), subtitle, description, image."""

    part = "hero"

    def render(self, page: StrategyPage, context: RenderContext) -> list[nodes.Node]:
        if page.hero is None:
            return self.missing("hero")
        section = hero_section(page, page.hero, context, self.classes)
        section += self.content_nodes()
        return [section]


class GoalsDirective(_StrategyDirective):
    """The goals, each a sub-section with its text and image."""

    part = "goals"

    option_spec: ClassVar = {
        **_StrategyDirective.option_spec,
        "heading": directives.unchanged_required,
    }

    def render(self, page: StrategyPage, context: RenderContext) -> list[nodes.Node]:
        if page.goals is None:
            return self.missing("goals")
        heading = self.options.get("heading", "")
        content = self.content_nodes()
        return [
            goals_section(page, page.goals, context, self.classes, heading, content)
        ]


class FormatsDirective(_StrategyDirective):
    """The format section: heading, introduction, and the formats side by side."""

    part = "formats"

    option_spec: ClassVar = {
        **_StrategyDirective.option_spec,
        "heading": directives.unchanged_required,
    }

    def render(self, page: StrategyPage, context: RenderContext) -> list[nodes.Node]:
        if page.formats is None:
            return self.missing("formats")
        heading = self.options.get("heading", "")
        content = self.content_nodes()
        return [
            formats_section(page, page.formats, context, self.classes, heading, content)
        ]


class ProjectPageDirective(_StrategyDirective):
    """Hero, goals and formats, in this order: the whole page."""

    whole_page = True
    option_spec: ClassVar = {
        **_StrategyDirective.option_spec,
        "goals-heading": directives.unchanged_required,
        "formats-heading": directives.unchanged_required,
    }

    def render(self, page: StrategyPage, context: RenderContext) -> list[nodes.Node]:
        return project_page(
            page,
            context,
            self.classes,
            needs_title=is_untitled(self.state.document),
            goals_heading=self.options.get("goals-heading", ""),
            formats_heading=self.options.get("formats-heading", ""),
            content=self.content_nodes(),
        )


class StrategyOverviewDirective(_StrategyDirective):
    """A summary for a front page: hero text, goals and formats as linked lists."""

    def render(self, page: StrategyPage, context: RenderContext) -> list[nodes.Node]:
        container = overview(page, context, self._docname_of(page), self.classes)
        container += self.content_nodes()
        return [container]

    def _docname_of(self, page: StrategyPage) -> str | None:
        """The document whose data ``page`` is, if it is a document."""
        return self.env.path2doc(page.source)


def project_page(
    page: StrategyPage,
    context: RenderContext,
    classes: list[str],
    *,
    needs_title: bool,
    goals_heading: str = "",
    formats_heading: str = "",
    content: list[nodes.Node] | None = None,
) -> list[nodes.Node]:
    """Hero, goals and formats; goals and formats are sub-sections of the hero.

    Where the page has no title of its own and the data no hero, the hero is
    the page's title alone (the name of its file): a page must keep a title
    for its navigation, table of contents and references.
    """
    hero_data = page.hero
    if hero_data is None and needs_title:
        hero_data = Hero(page.fallback_title, "", "", None, None, line=1)
    hero = None
    if hero_data is not None:
        hero = hero_section(page, hero_data, context, ["strategy-page", *classes])
    parts: list[nodes.Node] = list(content or [])
    if page.goals is not None:
        parts.append(goals_section(page, page.goals, context, [], goals_heading))
    if page.formats is not None:
        parts.append(formats_section(page, page.formats, context, [], formats_heading))
    if hero is None:
        return parts
    hero += parts
    return [hero]


class StrategyPageTransform(SphinxTransform):
    """Render ``<ProjectPage />`` and nest goals and formats under their hero.

    It runs before Sphinx's i18n transform (priority 20), so the rendered text
    is translatable like any other.
    """

    default_priority = 15

    def apply(self) -> None:
        document = data.current(self.env)
        if document is None:
            return
        for raw in list(self.document.findall(nodes.raw)):
            if "html" in raw.get("format", "").split() and PROJECT_PAGE_TAG.match(
                raw.astext()
            ):
                found = data.page_data(self.env, None, document.source, raw.line or 0)
                page = found or StrategyPage(document.source, None, None, None)
                context = RenderContext(
                    self.document, self.env, marks_for(self.env, page)
                )
                raw.replace_self(
                    project_page(
                        page, context, [], needs_title=is_untitled(self.document)
                    )
                )
                data.note_shown(self.env, page, page.parts())
        for section in list(self.document.findall(nodes.section)):
            if "strategy-hero" in section["classes"]:
                _adopt_following_sections(section)

        data.warn_unshown(document)
        notices.place_notices(
            self.document, document.source, self.config.strategy_editor_notices
        )


def is_untitled(document: nodes.document) -> bool:
    """Whether nothing so far gives ``document`` a title (a top-level section)."""
    return not any(isinstance(child, nodes.section) for child in document.children)


def _adopt_following_sections(hero: nodes.section) -> None:
    """Make goals and formats that follow a hero its sub-sections (h2 under h1).

    Text between them moves along, so the order stays as written; adoption
    stops at any other section.
    """
    parent = hero.parent
    if parent is None:
        return
    following = parent.children[parent.index(hero) + 1 :]
    run = 0
    for position, sibling in enumerate(following):
        if isinstance(sibling, nodes.section):
            if not any(name in sibling["classes"] for name in _ADOPTED):
                break
            run = position + 1
    for sibling in list(following[:run]):
        parent.remove(sibling)
        hero += sibling
