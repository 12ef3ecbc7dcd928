"""Render the Markdown of a description into docutils nodes, safely.

Descriptions come from a CMS, not from the site's authors, so they get plain
CommonMark only: emphasis, links, lists, quotes, code and paragraphs.  The
parser is markdown-it (as in MyST), and each token type maps to one docutils
node here, so nothing else can come out: no MyST directive or role (which
could include files or pass raw markup through), no raw HTML (shown as text),
no images or headings (the page gives those their own places): a heading
(``## Zwischenüberschrift``) is shown as bold text, an image not at all, each
with a notice for the editor.  Links keep markdown-it's check, which refuses
``javascript:``, ``vbscript:``, ``file:`` and ``data:`` URLs; an address
without its beginning (``www.stuttgart.de``) is no link, with a notice too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from sphinx.locale import get_translation

from . import messages
from .links import completed_address
from .reporting import warn_once

_ = get_translation("strategy_pages")

#: markdown-it rules turned off; their syntax then stays as literal text.
#: (A line of "---" under text stays a rule, not a heading.)
DISABLED_RULES = ["html_block", "html_inline", "lheading"]


@dataclass(frozen=True)
class _Place:
    """Where the text is, for notices: the line of the part or item it belongs
    to (the data keeps no line of the text's own lines, which YAML may fold).
    ``where`` None: no notices (given where the text has its own place)."""

    source: str
    line: int
    where: str | None

    def notice(self, message: Callable[[str], str], subtype: str) -> None:
        if self.where is not None:
            label = str(_("Description"))
            place = f"{self.where}, {label}" if self.where else label
            warn_once(message(place), self.source, self.line, subtype)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").disable(DISABLED_RULES)


#: What makes text more than plain prose to CommonMark: a character that can
#: begin an inline construct (emphasis, code, link, autolink or HTML, entity,
#: escape), whitespace other than spaces and line breaks, a NUL (which it
#: replaces); or, at the start of a line, what can begin a block (indented
#: code, list, quote, heading, fence, rule) or a blank line.
_INLINE_MARKUP = re.compile(r"[*_`\[\]<>&\\\0]|[^\S \n]")
_BLOCK_MARKUP = re.compile(r"^(?:\s|$|[-+>#~=]|\d+[.)])", re.MULTILINE)


def is_plain(text: str) -> bool:
    return not (_INLINE_MARKUP.search(text) or _BLOCK_MARKUP.search(text))


def markdown_to_nodes(
    text: str, source: str, line: int, where: str | None = ""
) -> list[nodes.Node]:
    """Block nodes for Markdown ``text`` that starts at ``line`` of ``source``.

    ``where`` names the part or item the text belongs to in notices; None
    gives none.
    """
    if is_plain(text):  # most descriptions: no need to parse them
        return [plain_paragraph(text, source, line)]
    return parsed(text, source, line, where)


def parsed(
    text: str, source: str, line: int, where: str | None = ""
) -> list[nodes.Node]:
    """:func:`markdown_to_nodes` by markdown-it, whatever the text."""
    tree = SyntaxTreeNode(_parser().parse(text))
    lines = text.splitlines()
    place = _Place(source, line, where)
    return [_block(child, lines, place, line) for child in tree.children]


def plain_paragraph(text: str, source: str, line: int) -> nodes.paragraph:
    """What markdown-it makes of plain prose, without parsing it: one
    paragraph, its lines' trailing spaces dropped and joined by line breaks."""
    paragraph = nodes.paragraph(text)
    for number, written in enumerate(text.split("\n")):
        if number:
            paragraph += nodes.Text("\n")
        paragraph += nodes.Text(written.rstrip(" "))
    paragraph.source, paragraph.line = source, line
    return paragraph


def _block(
    token: SyntaxTreeNode, lines: list[str], place: _Place, line: int
) -> nodes.Element:
    at = line + (token.map[0] if token.map else 0)
    if token.type == "heading":
        return _heading(token, lines, place, at)
    if token.type in ("code_block", "fence"):
        node: nodes.Element = nodes.literal_block(token.content, token.content)
        # Shown as plain text: a language named in the data could be any word.
        node["language"] = "text"
    elif token.type == "hr":
        node = nodes.transition()
    elif token.type == "ordered_list":
        node = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        if (start := token.attrs.get("start")) is not None:
            node["start"] = int(start)
    else:
        node = _BLOCKS.get(token.type, nodes.container)()
    if token.type == "paragraph":
        node += _inlines(token.children[0].children if token.children else [], place)
        # The Markdown of the paragraph is its message for translation (gettext).
        if token.map:
            node.rawsource = "\n".join(lines[token.map[0] : token.map[1]])
    elif token.type not in ("code_block", "fence", "hr"):
        node += [_block(child, lines, place, line) for child in token.children]
    node.source = place.source
    node.line = at
    return node


def _heading(
    token: SyntaxTreeNode, lines: list[str], place: _Place, line: int
) -> nodes.paragraph:
    """A heading typed into a description, as a paragraph of bold text."""
    written = lines[token.map[0]].strip() if token.map else token.markup
    place.notice(partial(messages.heading_in_description, heading=written), "markdown")
    strong = nodes.strong()
    strong += _inlines(token.children[0].children if token.children else [], place)
    paragraph = nodes.paragraph()
    paragraph += strong
    paragraph.source, paragraph.line = place.source, line
    return paragraph


def _inlines(tokens: list[SyntaxTreeNode], place: _Place) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for token in tokens:
        if token.type == "text":
            result.append(nodes.Text(token.content))
        elif token.type in ("softbreak", "hardbreak"):
            result.append(nodes.Text("\n"))
        elif token.type == "code_inline":
            result.append(nodes.literal(token.content, token.content))
        elif token.type == "link":
            result += _link(token, place)
        elif token.type == "image":
            path = str(token.attrs.get("src", ""))
            notice = partial(messages.image_in_description, path=path)
            place.notice(notice, "markdown")
        elif token.type in _INLINES:
            inline = _INLINES[token.type]()
            inline += _inlines(token.children, place)
            result.append(inline)
        else:  # any other token is shown as the text it holds
            result.append(nodes.Text(token.content))
            result += _inlines(token.children, place)
    return result


def _link(token: SyntaxTreeNode, place: _Place) -> list[nodes.Node]:
    """A link; its text alone where its address lacks its beginning."""
    href = str(token.attrs["href"])
    text = _inlines(token.children, place)
    whole = completed_address(href)
    if whole is not None:
        notice = partial(messages.link_without_scheme, url=href, whole=whole)
        place.notice(notice, "link")
        return text
    reference = nodes.reference("", "", refuri=href)
    reference += text
    return [reference]


_BLOCKS: dict[str, Callable[[], nodes.Element]] = {
    "paragraph": nodes.paragraph,
    "bullet_list": nodes.bullet_list,
    "list_item": nodes.list_item,
    "blockquote": nodes.block_quote,
}

_INLINES: dict[str, Callable[[], nodes.TextElement]] = {
    "em": nodes.emphasis,
    "strong": nodes.strong,
}
