"""What components render with: sections, descriptions, images, links.

The components (:mod:`.registry`) build their parts from these.  Only
standard nodes are produced, so every builder (HTML, LaTeX, EPUB, text,
man, Texinfo, gettext) renders them, the table of contents and the search index
see the sections, and layout is left to CSS classes and the builders' writers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation

from . import marknodes, messages
from .core import vocabulary
from .core.textdiff import WordDiff
from .links import (
    checked_url,
    completed_address,
    internal_link,
    is_site_address,
    site_link,
)
from .markdown import markdown_to_nodes
from .marks import PageMarks, Removed
from .model import Image, Item, Link, StrategyPage
from .paths import REMOTE, inside, resolved_folder
from .photos import WHERE, check_image
from .reporting import warn, warn_once

_ = get_translation("strategy_pages")


@dataclass(frozen=True)
class RenderContext:
    document: nodes.document
    env: BuildEnvironment
    #: what changed against the review base; None without one
    marks: PageMarks | None = None
    #: where the page's image paths lead, by the file naming them and path:
    #: found once a page, as pages name the same picture for many items
    targets: dict[tuple[str, str], ImageTarget] = field(default_factory=dict)

    @property
    def docname(self) -> str:
        return self.env.docname

    def image_target(self, source: str, path: str) -> ImageTarget:
        """Where the image ``path``, named in the file ``source``, leads."""
        if (source, path) not in self.targets:
            self.targets[source, path] = _image_target(source, path, self.env)
        return self.targets[source, path]


@dataclass(frozen=True)
class ImageTarget:
    """Where a local image path of the data leads."""

    #: the file, links resolved; None where it leaves the source folder
    file: Path | None
    #: its source-folder-relative path (``images/x.svg``)
    relative: str = ""
    exists: bool = False


def _image_target(source: str, path: str, env: BuildEnvironment) -> ImageTarget:
    """CMS paths start with ``/`` and are resolved in
    ``strategy_image_folder``; other paths are relative to ``source``."""
    srcdir = resolved_folder(env.srcdir)
    if path.startswith("/"):
        candidate = srcdir / env.config.strategy_image_folder / path.lstrip("/")
    else:
        candidate = Path(source).parent / path
    found = inside(candidate, srcdir)
    if found is None:
        return ImageTarget(None)
    return ImageTarget(found, found.relative_to(srcdir).as_posix(), found.is_file())


def item_nodes(
    page: StrategyPage,
    items: Sequence[Item],
    removed: Mapping[int, list[Removed]],
    make: Callable[[int, Item], nodes.Element],
) -> list[nodes.Node]:
    """The nodes of ``items``, each built by ``make`` from its number (from 1).

    A title used twice in the list is told (both are shown).  Items the review
    base had and lost (``removed``, by the number of the item now before them)
    stand where they were, in their own place: before the first, or between
    their predecessor and its successor.  Where the items are sections, that
    puts text between sub-sections, which docutils' model does not foresee but
    every writer writes where it stands; inside the predecessor, it would read
    as part of that item (a card of its own in a row of formats).
    """
    result: list[nodes.Node] = [marknodes.removed(item) for item in removed.get(0, [])]
    seen: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        if item.title in seen:
            warn(
                messages.duplicate_title(item.where, item.title, seen[item.title]),
                page.source,
                item.line,
                "duplicate_title",
            )
        seen.setdefault(item.title, item.line)
        result.append(make(number, item))
        result += [marknodes.removed(old) for old in removed.get(number, [])]
    return result


def item_label(docname: str, section_class: str, number: int) -> str:
    """A label for the ``number``-th item of a section, whatever its title.

    Links to an item (the overview's) go through it to the item's real id;
    ``:`` never occurs in an id, so it cannot clash with a title's label.
    """
    return nodes.fully_normalize_name(f"{docname}:{section_class}:{number}")


def overview(
    page: StrategyPage, context: RenderContext, docname: str | None, classes: list[str]
) -> nodes.container:
    """The hero text and lists of the goals and formats, linked to their sections.

    ``docname`` is the document that shows ``page``; without one, the lists
    are plain text.
    """
    container = nodes.container(classes=["strategy-overview", *classes])
    if page.hero is not None:
        # No notices: the hero shows the same text, with them.
        container += markdown(
            page.hero.description, page.source, page.hero.line, where=None
        )
    for component in vocabulary.with_items().values():
        section = page.content.get(component.name)
        if section is None or not section.items:
            continue
        heading = nodes.paragraph(classes=["strategy-overview__heading"])
        heading += nodes.strong(text=section.title or str(_(component.label)))
        container += heading
        entries = nodes.bullet_list()
        for number, item in enumerate(section.items, start=1):
            target = (
                item_label(docname, component.section_class, number)
                if docname
                else None
            )
            entries += nodes.list_item("", _overview_entry(item, target))
        container += entries
    return container


def _overview_entry(item: Item, label: str | None) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    if label is None:
        paragraph += nodes.Text(item.title)
        return paragraph
    paragraph += internal_link(item.title, label)
    return paragraph


def section(
    title: str,
    source: str,
    line: int,
    context: RenderContext,
    title_class: str = "",
    *labels: str,
    anchor: str = "",
) -> nodes.section:
    """A section titled ``title``; its id is ``anchor``, else made from the title.

    An id the page has already gets a number: ``beteiligung-1``.
    """
    section = nodes.section()
    locate(section, source, line)
    title_node = nodes.title(title, title, classes=[title_class] if title_class else [])
    locate(title_node, source, line)
    section += title_node
    slug = anchor or nodes.make_id(title) or "section"
    section["ids"] = [_unique_id(slug, context.document)]
    # A label such as ``projekt:beteiligung``, like autosectionlabel's with
    # ``autosectionlabel_prefix_document``: unique across the site.
    name = nodes.fully_normalize_name(f"{context.docname}:{section['ids'][0]}")
    # A positional label names the first section of its place on the page.
    section["names"] = [
        name,
        *(label for label in labels if label not in context.document.nameids),
    ]
    context.document.note_explicit_target(section)
    return section


def _unique_id(slug: str, document: nodes.document) -> str:
    candidate, number = slug, 0
    while candidate in document.ids:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def description(
    text: str, diff: WordDiff | None, source: str, line: int, where: str = ""
) -> list[nodes.Node]:
    """A description: its Markdown, or in review its words marked where changed.

    ``where`` names the part or item it belongs to, for notices.
    """
    if diff is not None:
        return [marknodes.changed_text(diff)]
    return markdown(text, source, line, where)


def subtitle(
    text: str, diff: WordDiff | None, source: str, line: int
) -> list[nodes.Node]:
    """A subtitle under a title (none if blank); in review, its words marked.

    In a container of its class, which print sets as a subtitle too (LaTeX
    gives paragraphs no class).
    """
    if not text and diff is None:
        return []
    container = nodes.container(classes=["strategy-item__subtitle"])
    if diff is not None:
        container += marknodes.changed_text(diff)
    else:
        paragraph = nodes.paragraph(text, text)
        locate(paragraph, source, line)
        container += paragraph
    return [container]


def markdown(
    text: str, source: str, line: int, where: str | None = ""
) -> list[nodes.Node]:
    return markdown_to_nodes(text, source, line, where) if text else []


#: The class of a paragraph whose link looks like a button (a real link still).
BUTTON = "strategy-button"


def link_paragraph(
    link: Link, source: str, css_class: str = "strategy-hero__link"
) -> nodes.paragraph:
    """The link as a button of its own: its text, linking to its address."""
    paragraph = nodes.paragraph(classes=[css_class, BUTTON])
    locate(paragraph, source, link.line)
    paragraph += linked(nodes.Text(link.text), link, source)
    return paragraph


def linked(content: nodes.Node, link: Link, source: str) -> nodes.Node:
    """``content`` (the link's text, or a logo) linking to ``link``'s address.

    An address on the site (``/mitmachen``) links to that page in every
    output, once the page is known to exist (:func:`.links.site_link`); other
    addresses link as browsers read them, if they are safe
    (:func:`.links.checked_url`).  An unsafe one (``javascript:``) is
    reported, and ``content`` stays without the link.
    """
    url = checked_url(link.url)
    if url is None:
        warn(messages.unsafe_link(link.where, link.url), source, link.line, "link")
        return content
    if (whole := completed_address(url)) is not None:
        message = messages.link_without_scheme(link.where, link.url, whole)
        warn_once(message, source, link.line, "link")
        return content
    if is_site_address(url):
        return site_link(content, url, link.where, source, link.line)
    reference = nodes.reference("", "", refuri=url)
    reference += content
    return reference


def figure(
    image: Image | None, source: str, context: RenderContext, css_class: str
) -> list[nodes.Node]:
    if image is None:
        return []
    uri = image_uri(image, source, context)
    if uri is None:
        return []
    container = nodes.container(classes=[css_class])
    # An illustration beside its heading is decorative unless the data says
    # otherwise: empty alt text makes screen readers skip it.
    image_node = nodes.image(uri=uri, alt=image.alt)
    image_node[WHERE] = image.where
    locate(image_node, source, image.line)
    container += image_node
    return [container]


#: The class of an item shown without an image: its text takes the row.
TEXT_ONLY = "strategy-item--text-only"


def illustrate(
    item: nodes.Element,
    image: Image | None,
    source: str,
    context: RenderContext,
    css_class: str,
) -> None:
    """Add ``image`` to ``item``; without one, say so in its classes.

    The style sheet gives an image a column of its own beside the text: an
    item without one gets no empty column (nor anything else placed in it).
    """
    found = figure(image, source, context, css_class)
    if found:
        item += found
    else:
        item["classes"].append(TEXT_ONLY)


def image_uri(image: Image, source: str, context: RenderContext) -> str | None:
    """The source-folder-relative URI of ``image`` (``/images/x.svg``), or None.

    Paths outside the source folder (:func:`_image_target`) and remote URLs
    are refused.
    """
    if REMOTE.match(image.path):
        warn(
            messages.remote_image(image.where, image.path), source, image.line, "image"
        )
        return None
    target = context.image_target(source, image.path)
    if target.file is None:
        warn(
            messages.image_outside(image.where, image.path), source, image.line, "image"
        )
        return None
    if not target.exists:
        warn(
            messages.image_not_found(image.where, image.path, target.relative),
            source,
            image.line,
            "image",
        )
        return None
    if not check_image(image.where, image.path, target.file, source, image.line):
        return None
    return "/" + target.relative


def locate(node: nodes.Element, source: str, line: int) -> None:
    node.source, node.line = source, line
