"""Turn the model into docutils structure: sections, titles, paragraphs, images.

Only standard nodes are produced, so every builder (HTML, LaTeX, EPUB, text,
man, Texinfo, gettext) renders them, the table of contents and the search index
see the sections, and layout is left to CSS classes and the builders' writers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation

from . import marknodes, messages
from .history import WordDiff
from .links import internal_link
from .markdown import markdown_to_nodes
from .marks import PageMarks, SectionMarks
from .model import Hero, Image, Item, Link, Section, StrategyPage
from .paths import REMOTE, inside, resolved_folder
from .reporting import warn

_ = get_translation("strategy_pages")

_SAFE_LINK_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class RenderContext:
    document: nodes.document
    env: BuildEnvironment
    #: what changed against the review base; None without one
    marks: PageMarks | None = None

    @property
    def docname(self) -> str:
        return self.env.docname


def hero_section(
    page: StrategyPage, hero: Hero, context: RenderContext, classes: list[str]
) -> nodes.section:
    section = _section(hero.title, page.source, hero.line, context)
    section["classes"] += ["strategy-hero", *classes]
    text = nodes.container(classes=["strategy-hero__text"])
    marks = context.marks
    if marks is not None:
        text += marknodes.banner(marks, _release_name(context, marks.release))
        if marks.old_title:
            text += marknodes.was(marks.old_title)
    if hero.subtitle:
        subtitle = nodes.paragraph(hero.subtitle, hero.subtitle)
        subtitle["classes"].append("strategy-hero__subtitle")
        _locate(subtitle, page.source, hero.line)
        text += subtitle
    text += _text(
        hero.description, marks.introduction if marks else None, page.source, hero.line
    )
    if hero.link is not None:
        text += _link(hero.link, page.source)
    body = nodes.container(classes=["strategy-hero__body"])
    body += text
    body += _figure(hero.image, page.source, context, "strategy-hero__image")
    section += body
    return section


def goals_section(
    page: StrategyPage,
    goals: Section,
    context: RenderContext,
    classes: list[str],
    heading: str = "",
    content: list[nodes.Node] | None = None,
) -> nodes.section:
    title = heading or goals.title or str(_("Goals"))
    return _items_section(
        page, goals, title, "strategy-goals", "strategy-goal", context, classes, content
    )


def formats_section(
    page: StrategyPage,
    formats: Section,
    context: RenderContext,
    classes: list[str],
    heading: str = "",
    content: list[nodes.Node] | None = None,
) -> nodes.section:
    title = heading or formats.title or str(_("Formats"))
    return _items_section(
        page,
        formats,
        title,
        "strategy-formats",
        "strategy-format",
        context,
        classes,
        content,
    )


def _items_section(
    page: StrategyPage,
    data: Section,
    title: str,
    section_class: str,
    item_class: str,
    context: RenderContext,
    classes: list[str],
    content: list[nodes.Node] | None,
) -> nodes.section:
    section = _section(title, page.source, data.line, context)
    section["classes"] += [section_class, *classes]
    marks = context.marks.of(_PARTS[section_class]) if context.marks else None
    if marks is not None and marks.old_heading:
        section += marknodes.was(marks.old_heading)
    section += _text(
        data.description, marks.introduction if marks else None, page.source, data.line
    )
    # Body text must come before sub-sections in a docutils section.
    section += content or []
    if marks is not None:  # removed before the first item: here, not after it
        section += [marknodes.removed(item) for item in marks.removed.get(0, [])]
    seen: dict[str, int] = {}
    for number, item in enumerate(data.items, start=1):
        if item.title in seen:
            warn(
                messages.duplicate_title(item.where, item.title, seen[item.title]),
                page.source,
                item.line,
                "duplicate_title",
            )
        seen.setdefault(item.title, item.line)
        label = item_label(context.docname, section_class, number)
        item_section = _item_section(page, item, item_class, context, label, marks)
        if marks is not None:  # removed after this item: at the end of its section
            item_section += [
                marknodes.removed(old) for old in marks.removed.get(number, [])
            ]
        section += item_section
    return section


#: The part of the page each section class shows.
_PARTS = {"strategy-goals": "goals", "strategy-formats": "formats"}


def item_label(docname: str, section_class: str, number: int) -> str:
    """A label for the ``number``-th item of a section, whatever its title.

    Links to an item (the overview's) go through it to the item's real id;
    ``:`` never occurs in an id, so it cannot clash with a title's label.
    """
    return nodes.fully_normalize_name(f"{docname}:{section_class}:{number}")


def _item_section(
    page: StrategyPage,
    item: Item,
    item_class: str,
    context: RenderContext,
    label: str,
    marks: SectionMarks | None,
) -> nodes.section:
    section = _section(
        item.title, page.source, item.line, context, "strategy-item__title", label
    )
    section["classes"] += ["strategy-item", item_class]
    text = nodes.container(classes=["strategy-item__text"])
    item_marks = marks.items.get(item.title) if marks is not None else None
    if item_marks is not None and item_marks.new:
        section["classes"].append("strategy-review--new")
        text += marknodes.new_item()
    if item_marks is not None and item_marks.old_title:
        text += marknodes.was(item_marks.old_title)
    text += _text(
        item.description,
        item_marks.text if item_marks else None,
        page.source,
        item.line,
    )
    section += text
    section += _figure(item.image, page.source, context, "strategy-item__image")
    return section


def overview(
    page: StrategyPage, context: RenderContext, docname: str | None, classes: list[str]
) -> nodes.container:
    """The hero text and lists of the goals and formats, linked to their sections.

    ``docname`` is the document that shows ``page``; without one, the lists
    are plain text.
    """
    container = nodes.container(classes=["strategy-overview", *classes])
    if page.hero is not None:
        container += _markdown(page.hero.description, page.source, page.hero.line)
    for section, default, section_class in (
        (page.goals, _("Goals"), "strategy-goals"),
        (page.formats, _("Formats"), "strategy-formats"),
    ):
        if section is None or not section.items:
            continue
        heading = nodes.paragraph(classes=["strategy-overview__heading"])
        heading += nodes.strong(text=section.title or str(default))
        container += heading
        entries = nodes.bullet_list()
        for number, item in enumerate(section.items, start=1):
            target = item_label(docname, section_class, number) if docname else None
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


def _section(
    title: str,
    source: str,
    line: int,
    context: RenderContext,
    title_class: str = "",
    *labels: str,
) -> nodes.section:
    section = nodes.section()
    _locate(section, source, line)
    title_node = nodes.title(title, title, classes=[title_class] if title_class else [])
    _locate(title_node, source, line)
    section += title_node
    section["ids"] = [_unique_id(nodes.make_id(title) or "section", context.document)]
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


def _text(text: str, diff: WordDiff | None, source: str, line: int) -> list[nodes.Node]:
    """A description: its Markdown, or in review its words marked where changed."""
    if diff is not None:
        return [marknodes.changed_text(diff)]
    return _markdown(text, source, line)


def _release_name(context: RenderContext, tag: str) -> str:
    """„Fassung 1.0“ for the tag ``v1.0``; other refs as they are."""
    prefix = context.env.config.strategy_release_tags.split("*", 1)[0]
    if not tag.startswith(prefix):
        return tag
    return str(_("Release {release}")).format(release=tag.removeprefix(prefix))


def _markdown(text: str, source: str, line: int) -> list[nodes.Node]:
    return markdown_to_nodes(text, source, line) if text else []


def _link(link: Link, source: str) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["strategy-hero__link"])
    _locate(paragraph, source, link.line)
    scheme = REMOTE.match(link.url)
    if scheme and scheme.group(0).rstrip(":").lower() not in _SAFE_LINK_SCHEMES:
        warn(messages.unsafe_link(link.where, link.url), source, link.line, "link")
        paragraph += nodes.Text(link.text)
    else:
        paragraph += nodes.reference(link.text, link.text, refuri=link.url)
    return paragraph


def _figure(
    image: Image | None, source: str, context: RenderContext, css_class: str
) -> list[nodes.Node]:
    if image is None:
        return []
    uri = image_uri(image, source, context.env)
    if uri is None:
        return []
    container = nodes.container(classes=[css_class])
    # An illustration beside its heading is decorative unless the data says
    # otherwise: empty alt text makes screen readers skip it.
    image_node = nodes.image(uri=uri, alt=image.alt)
    _locate(image_node, source, image.line)
    container += image_node
    return [container]


def image_uri(image: Image, source: str, env: BuildEnvironment) -> str | None:
    """The source-folder-relative URI of ``image`` (``/images/x.svg``), or None.

    CMS paths start with ``/`` and are resolved in ``strategy_image_folder``;
    other paths are relative to the file that holds the data.  Paths outside
    the source folder and remote URLs are refused.
    """
    if REMOTE.match(image.path):
        warn(
            messages.remote_image(image.where, image.path), source, image.line, "image"
        )
        return None
    srcdir = resolved_folder(env.srcdir)
    if image.path.startswith("/"):
        base = srcdir / env.config.strategy_image_folder
        candidate = base / image.path.lstrip("/")
    else:
        candidate = Path(source).parent / image.path
    resolved = inside(candidate, srcdir)
    if resolved is None:
        warn(
            messages.image_outside(image.where, image.path), source, image.line, "image"
        )
        return None
    if not resolved.is_file():
        looked_for = resolved.relative_to(srcdir).as_posix()
        warn(
            messages.image_not_found(image.where, image.path, looked_for),
            source,
            image.line,
            "image",
        )
        return None
    return "/" + resolved.relative_to(srcdir).as_posix()


def _locate(node: nodes.Element, source: str, line: int) -> None:
    node.source, node.line = source, line
