"""Render the Markdown of a description into docutils nodes, safely.

Descriptions come from a CMS, not from the site's authors, so they get plain
CommonMark only: emphasis, links, lists, quotes, code and paragraphs.  The
parser is markdown-it (as in MyST), and each token type maps to one docutils
node here, so nothing else can come out: no MyST directive or role (which
could include files or pass raw markup through), no raw HTML (shown as text),
no images or headings (the page gives those their own places).  Links keep
markdown-it's check, which refuses ``javascript:``, ``vbscript:``, ``file:``
and ``data:`` URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

#: markdown-it rules turned off; their syntax then stays as literal text.
DISABLED_RULES = ["html_block", "html_inline", "image", "heading", "lheading"]


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").disable(DISABLED_RULES)


def markdown_to_nodes(text: str, source: str, line: int) -> list[nodes.Node]:
    """Block nodes for Markdown ``text`` that starts at ``line`` of ``source``."""
    tree = SyntaxTreeNode(_parser().parse(text))
    lines = text.splitlines()
    return [_block(child, lines, source, line) for child in tree.children]


def _block(
    token: SyntaxTreeNode, lines: list[str], source: str, line: int
) -> nodes.Element:
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
        node += _inlines(token.children[0].children if token.children else [])
        # The Markdown of the paragraph is its message for translation (gettext).
        if token.map:
            node.rawsource = "\n".join(lines[token.map[0] : token.map[1]])
    elif token.type not in ("code_block", "fence", "hr"):
        node += [_block(child, lines, source, line) for child in token.children]
    node.source = source
    node.line = line + (token.map[0] if token.map else 0)
    return node


def _inlines(tokens: list[SyntaxTreeNode]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for token in tokens:
        if token.type == "text":
            result.append(nodes.Text(token.content))
        elif token.type in ("softbreak", "hardbreak"):
            result.append(nodes.Text("\n"))
        elif token.type == "code_inline":
            result.append(nodes.literal(token.content, token.content))
        elif token.type == "link":
            reference = nodes.reference("", "", refuri=str(token.attrs["href"]))
            reference += _inlines(token.children)
            result.append(reference)
        elif token.type in _INLINES:
            inline = _INLINES[token.type]()
            inline += _inlines(token.children)
            result.append(inline)
        else:  # any other token is shown as the text it holds
            result.append(nodes.Text(token.content))
            result += _inlines(token.children)
    return result


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
