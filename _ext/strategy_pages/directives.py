"""The directives: one a component, one a page type, and ``strategy-overview``.

Each renders part of a page's data (its front matter, or the file named by
``:data:``): one part (``hero``, ``goals``, ``formats``, … one directive for
every component in :mod:`.registry`), a whole page (``project-page``, … one
for every page type), or a summary.  The tag the CMS writes as a page's body
(``<ProjectPage />``) is replaced by what its page type's directive renders,
so CMS pages build unchanged.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from . import data, messages, notices, registry
from .core import vocabulary
from .core.vocabulary import PageType
from .marks import marks_for
from .model import Hero, StrategyPage
from .registry import Component
from .render import RenderContext, overview
from .render import section as titled_section
from .reporting import warn

_ = get_translation("strategy_pages")

#: A page type's tag, as the CMS writes it as the body (``<ProjectPage/>`` too).
PAGE_TAG = re.compile(r"^\s*<(?P<tag>[A-Za-z]\w*Page)\s*/>\s*$")


class _StrategyDirective(SphinxDirective):
    #: The part of the data the directive shows; None: those of ``parts``.
    part: ClassVar[str | None] = None
    #: The parts a page directive shows; empty: all of them.
    parts: ClassVar[tuple[str, ...]] = ()
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
            page = StrategyPage(source)
        if page is None:
            return []
        context = RenderContext(
            self.state.document, self.env, marks_for(self.env, page)
        )
        rendered = self.render(page, context)
        shown = [self.part] if self.part else self.parts or page.parts()
        data.note_shown(self.env, page, shown)
        return rendered

    def render(self, page: StrategyPage, context: RenderContext) -> list[nodes.Node]:
        raise NotImplementedError

    @property
    def classes(self) -> list[str]:
        return self.options.get("class", [])

    def content_nodes(self) -> list[nodes.Node]:
        return self.parse_content_to_nodes() if self.content else []


def component_directive(component: Component) -> type[SphinxDirective]:
    """The directive that shows ``component``'s part of the data."""

    class ComponentDirective(_StrategyDirective):
        part = component.name
        option_spec: ClassVar = {
            **_StrategyDirective.option_spec,
            **component.option_spec,
        }

        def render(
            self, page: StrategyPage, context: RenderContext
        ) -> list[nodes.Node]:
            found = page.content.get(component.name)
            if found is None:
                source, line = self.get_source_info()
                label = str(_(component.label))
                message = messages.part_missing(self.name, label)
                warn(message, source, line or 0, "no_data")
                return []
            return component.render(
                page, found, context, self.options, self.content_nodes()
            )

    ComponentDirective.__name__ = f"{component.name.title()}Directive"
    ComponentDirective.__doc__ = type(component).__doc__
    return ComponentDirective


def page_directive(page_type: PageType) -> type[SphinxDirective]:
    """The directive that shows a whole page of ``page_type``.

    ``:goals-heading:`` and the like replace the heading of a part.
    """

    class PageDirective(_StrategyDirective):
        whole_page = True
        parts = page_type.parts
        option_spec: ClassVar = {
            **_StrategyDirective.option_spec,
            **{
                f"{name}-heading": directives.unchanged_required
                for name in page_type.parts
                if "heading" in registry.REGISTRY[name].option_spec
            },
        }

        def render(
            self, page: StrategyPage, context: RenderContext
        ) -> list[nodes.Node]:
            headings = {
                name: self.options.get(f"{name}-heading", "")
                for name in page_type.parts
            }
            return whole_page(
                page_type,
                page,
                context,
                self.classes,
                needs_title=is_untitled(self.state.document),
                headings=headings,
                content=self.content_nodes(),
            )

    PageDirective.__name__ = f"{page_type.tag}Directive"
    return PageDirective


class StrategyOverviewDirective(_StrategyDirective):
    """A summary for a front page: hero text, goals and formats as linked lists."""

    def render(self, page: StrategyPage, context: RenderContext) -> list[nodes.Node]:
        container = overview(page, context, self._docname_of(page), self.classes)
        container += self.content_nodes()
        return [container]

    def _docname_of(self, page: StrategyPage) -> str | None:
        """The document whose data ``page`` is, if it is a document."""
        return self.env.path2doc(page.source)


def whole_page(
    page_type: PageType,
    page: StrategyPage,
    context: RenderContext,
    classes: list[str],
    *,
    needs_title: bool,
    headings: dict[str, str] | None = None,
    content: list[nodes.Node] | None = None,
) -> list[nodes.Node]:
    """The parts of a page; those after the hero are its sub-sections.

    Where the page has no title of its own and the data no hero, the hero is
    the page's title alone (the name of its file): a page must keep a title
    for its navigation, table of contents and references.
    """
    opening, *rest = page_type.parts
    parts: list[nodes.Node] = list(content or [])
    for name in rest:
        part = page.content.get(name)
        if part is not None:
            options: dict[str, Any] = {"heading": (headings or {}).get(name, "")}
            parts += registry.REGISTRY[name].render(page, part, context, options, [])
    hero = page.content.get(opening)
    if hero is None and needs_title:
        hero = Hero(page.fallback_title, "", "", None, None, line=1)
    if hero is None:
        return parts
    options = {"class": ["strategy-page", *classes]}
    return registry.REGISTRY[opening].render(page, hero, context, options, parts)


def setup_directives(app: Sphinx) -> None:
    for component in registry.components():
        app.add_directive(component.name, component_directive(component))
    for page_type in vocabulary.PAGE_TYPES.values():
        app.add_directive(page_type.directive, page_directive(page_type))
    app.add_directive("strategy-overview", StrategyOverviewDirective)
    app.add_transform(StrategyPageTransform)


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
            match = PAGE_TAG.match(raw.astext())
            if "html" not in raw.get("format", "").split() or match is None:
                continue
            page_type = vocabulary.PAGE_TYPES.get(match["tag"])
            if page_type is None:
                warn(
                    messages.unknown_page_tag(
                        match["tag"], list(vocabulary.PAGE_TYPES)
                    ),
                    document.source,
                    raw.line or 0,
                    "tag",
                )
                # The page keeps its title; the warning speaks for the rest.
                page_type = PageType(match["tag"], "", ("hero",))
                if document.page is not None:
                    data.note_shown(self.env, document.page, document.page.parts())
            found = data.page_data(self.env, None, document.source, raw.line or 0)
            page = found or StrategyPage(document.source)
            context = RenderContext(self.document, self.env, marks_for(self.env, page))
            raw.replace_self(
                whole_page(
                    page_type,
                    page,
                    context,
                    [],
                    needs_title=is_untitled(self.document),
                )
            )
            # What the page type has no part for stays unshown: a warning
            # names it (landing-page data under <ProjectPage />, say).
            data.note_shown(self.env, page, page_type.parts)
        for section in list(self.document.findall(nodes.section)):
            if "strategy-hero" in section["classes"]:
                _adopt_following_sections(section)

        if is_untitled(self.document):
            self.title_from_front_matter(document)
        data.warn_unshown(document)
        notices.place_notices(
            self.document, document.source, self.config.strategy_editor_notices
        )

    def title_from_front_matter(self, document: data.DocumentData) -> None:
        """A page whose front matter has a title and whose body is empty (the
        CMS's imprint) is titled with it, for its navigation and references."""
        found = document.front_matter.data
        value = found.value if found is not None else None
        title = value.get("title") if isinstance(value, dict) else None
        if not isinstance(title, str) or not title.strip() or found is None:
            return
        # MyST leaves the other front-matter keys as a first field list (the
        # page's metadata); anything else is a body that says what the page is,
        # and a placeholder title (title: xxx) beside it stays unseen.
        body = self.document.children[
            1
            if self.document.children and isinstance(self.document[0], nodes.field_list)
            else 0 :
        ]
        if any(isinstance(child, nodes.Body | nodes.Structural) for child in body):
            return
        context = RenderContext(self.document, self.env)
        line = found.line_of(("title",))
        self.document += titled_section(title.strip(), document.source, line, context)


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
    adopted = {
        component.section_class
        for component in registry.components()
        if component.name != "hero"
    }
    run = 0
    for position, sibling in enumerate(following):
        if isinstance(sibling, nodes.section):
            if adopted.isdisjoint(sibling["classes"]):
                break
            run = position + 1
    for sibling in list(following[:run]):
        parent.remove(sibling)
        hero += sibling
