"""Render the Markdown of a description into docutils nodes, safely.

Descriptions come from a CMS, not from the site's authors, so they get plain
CommonMark only: emphasis, links, lists, code and paragraphs.  MyST's own
syntax (directives, roles, ``{eval-rst}``) could include files or pass raw
markup through, so it is off; raw HTML is shown as text; images and headings
inside a description are off because the page gives them their own places.
"""

from __future__ import annotations

import copy
from functools import cache

from docutils import nodes
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx.util.docutils import new_document

#: markdown-it rules turned off; their syntax then stays as literal text.
DISABLED_RULES = ["html_block", "html_inline", "image", "heading", "lheading"]


@cache
def _parser() -> MarkdownIt:
    parser = create_md_parser(MdParserConfig(commonmark_only=True), DocutilsRenderer)
    parser.disable(DISABLED_RULES)
    return parser


def markdown_to_nodes(
    text: str, document: nodes.document, source: str, line: int
) -> list[nodes.Node]:
    """Block nodes for Markdown ``text`` that starts at ``line`` of ``source``."""
    settings = copy.copy(document.settings)
    # Without the Sphinx environment the renderer writes no page metadata
    # (word counts, heading slugs) over the metadata of the page being built.
    settings.env = None
    fragment = new_document(source, settings)
    parser = _parser()
    env: dict[str, object] = {}
    tokens = parser.parse(text, env)
    for token in tokens:
        if token.map:
            token.map = [token.map[0] + line - 1, token.map[1] + line - 1]
    parser.renderer.render(tokens, {**parser.options, "document": fragment}, env)
    children = list(fragment.children)
    fragment.clear()
    return children
