"""Words a change inserted or deleted, as nodes every builder can write.

``<ins>`` and ``<del>`` in HTML, each with a word for screen readers (which
do not announce the elements themselves) and styled by underline and strike
through, not by colour alone; ``[+ +]`` and ``[- -]`` with bold and italics in
LaTeX, plain text, man pages and Texinfo.  The version history, the review
marks on the pages and the Synopse share them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.manpage import ManualPageTranslator
from sphinx.writers.texinfo import TexinfoTranslator
from sphinx.writers.text import TextTranslator

from .core.textdiff import WordDiff

_ = get_translation("strategy_pages")

#: The class of text only screen readers read (visually hidden).
SCREEN_READER_ONLY = "strategy-sr-only"


class inserted(nodes.inline):  # docutils names node classes in lower case
    """Words a change added."""


class deleted(nodes.inline):
    """Words a change removed."""


def diff_paragraph(diff: WordDiff, classes: list[str] | None = None) -> nodes.paragraph:
    """The new text with the words of ``diff`` marked where they changed."""
    paragraph = nodes.paragraph(classes=["strategy-diff", *(classes or [])])
    for operation, text in diff.runs:
        if operation == "+":
            paragraph += inserted(text, text)
        elif operation == "-":
            paragraph += deleted(text, text)
        else:
            paragraph += nodes.Text(text)
    return paragraph


# Visitors: one pair a builder format, so no builder meets an unknown node.

Visitor = Callable[[Any, nodes.Element], None]


def _html(tag: str, spoken: str) -> tuple[Visitor, Visitor]:
    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, "", CLASS=f"strategy-{node.tagname}"))
        said = self.encode(str(_(spoken)))
        self.body.append(f'<span class="{SCREEN_READER_ONLY}">{said} </span>')

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>")

    return visit, depart


def _latex(macro: str) -> tuple[Visitor, Visitor]:
    """The words in ``macro``, which marks them one by one: separated by
    single spaces, and with the spaces around them outside it."""

    def visit(self: LaTeXTranslator, node: nodes.Element) -> None:
        text = node.astext()
        words = " ".join(self.encode(word) for word in text.split())
        before = " " if text[:1].isspace() else ""
        after = " " if text[-1:].isspace() else ""
        self.body.append(rf"{before}\{macro}{{{words}}}{after}" if words else text)
        raise nodes.SkipNode

    def depart(self: LaTeXTranslator, node: nodes.Element) -> None:
        """Never called: the visit writes the node whole."""

    return visit, depart


def _text_markers(opening: str, closing: str) -> tuple[Visitor, Visitor]:
    def visit(self: TextTranslator, node: nodes.Element) -> None:
        self.add_text(opening)

    def depart(self: TextTranslator, node: nodes.Element) -> None:
        self.add_text(closing)

    return visit, depart


def _body_markers(opening: str, closing: str) -> tuple[Visitor, Visitor]:
    """For the man and Texinfo writers, which collect output in ``body``."""

    def visit(
        self: ManualPageTranslator | TexinfoTranslator, node: nodes.Element
    ) -> None:
        self.body.append(opening)

    def depart(
        self: ManualPageTranslator | TexinfoTranslator, node: nodes.Element
    ) -> None:
        self.body.append(closing)

    return visit, depart


def setup_change_nodes(app: Sphinx) -> None:
    for node, tag, spoken, macro, opening, closing in (
        (inserted, "ins", "inserted:", "sphinxstrategyinserted", "[+", "+]"),
        (deleted, "del", "deleted:", "sphinxstrategydeleted", "[-", "-]"),
    ):
        app.add_node(
            node,
            html=_html(tag, spoken),
            latex=_latex(macro),
            text=_text_markers(opening, closing),
            man=_body_markers(opening, closing),
            texinfo=_body_markers(opening, closing),
        )
