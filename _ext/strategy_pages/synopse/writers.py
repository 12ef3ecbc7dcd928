"""The nodes of a Synopse and how the HTML and LaTeX writers write them.

A part is a table: a head naming its columns (the row's number, both
versions, and the reason where there are reasons), then a row group for each
field or item, of a row for each pair of paragraphs; an unchanged one a
single cell whose text opens on demand (``<details>`` in HTML).  The row's
number and reason stand beside its first pair (``rowspan`` in HTML).  In
LaTeX (``synopse.sty``) the table is a ``longtable``: its head is repeated
on every page, and each pair of paragraphs is a row of the table, so both
versions stay level across a page break, which may fall between the pairs
of a long row but never between a paragraph and its partner.  Marked words are
``<del>``/``<ins>`` with words for screen readers, in print struck through or
bold and underlined, word by word.  Text reaches both only through the
writers, which escape it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

from .marks import synopse_deleted, synopse_gap, synopse_inserted, synopse_word

_ = get_translation("strategy_pages")


class synopse_table(nodes.General, nodes.Element):
    """The rows of one part; ``reasons``: whether it has a column of reasons."""


class synopse_head(nodes.General, nodes.Element):
    """The heads of the two columns (a pair): which version each shows."""


class synopse_row(nodes.General, nodes.Element):
    """A changed, added or removed field or item: pairs of cells.

    The first pair holds the title and the first block of text (paragraph,
    list) of each version, each further pair the next blocks side by side.
    """


class synopse_pair(nodes.General, nodes.Element):
    """Cells side by side: the row's number, the old version's, the new
    one's, and the reason where the table has reasons."""


class synopse_cell(nodes.General, nodes.Element):
    """A cell of a pair: ``side`` is number, old, new or reason; ``missing``
    where the version lacks the row.  Number and reason are empty but in the
    first pair of a row."""


class synopse_collapsed(nodes.General, nodes.Element):
    """An unchanged field or item (its ``position``): its summary, then its
    text."""


class synopse_summary(nodes.General, nodes.TextElement):
    """What an unchanged row shows closed."""


def _sr(self: HTML5Translator, text: str) -> str:
    """Text for screen readers only."""
    return f'<span class="synopse-sr">{self.encode(text)}</span>'


def _number_name(self: HTML5Translator) -> str:
    """„Zeile“ before a row's number, where the head is not shown (phones)."""
    name = self.encode(str(_("Row")))
    return f'<span class="synopse-number-name">{name}</span> '


def visit_table_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "table", CLASS="synopse-table"))


def depart_table_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</table>\n")


def visit_head_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("<thead>")


def depart_head_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</thead>\n")


def visit_row_html(self: HTML5Translator, node: nodes.Element) -> None:
    """A row group: its pairs stay together, set apart from the next."""
    status = node.get("status", "")
    self.body.append(
        self.starttag(node, "tbody", CLASS=f"synopse-row synopse-{status}")
    )


def depart_row_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</tbody>\n")


def visit_pair_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("<tr>")


def depart_pair_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</tr>\n")


def _in_head(node: nodes.Element) -> bool:
    return isinstance(node.parent, nodes.Element) and isinstance(
        node.parent.parent, synopse_head
    )


#: The cells that span all pairs of their row, beside its first.
_SPANNING = ("number", "reason")


def visit_cell_html(self: HTML5Translator, node: nodes.Element) -> None:
    side = node["side"]
    if _in_head(node):
        self.body.append(
            self.starttag(node, "th", "", scope="col", CLASS=f"synopse-{side}")
        )
        return
    if side in _SPANNING:
        pair = node.parent
        row = pair.parent if isinstance(pair, nodes.Element) else None
        if not isinstance(row, nodes.Element) or row.children[0] is not pair:
            raise nodes.SkipNode  # the first pair's cell spans this one
        self.body.append(
            self.starttag(
                node, "td", "", rowspan=str(len(row.children)), CLASS=f"synopse-{side}"
            )
        )
        if side == "number":
            self.body.append(_number_name(self))
        return
    classes = f"synopse-{side}"
    if node.get("missing"):
        classes += " synopse-missing"  # the version lacks the whole item
    elif not node.children:
        classes += " synopse-blank"  # a paragraph only the other side has
    self.body.append(self.starttag(node, "td", "", CLASS=classes))
    # On narrow screens the cells stand one below the other, each named.
    labels = {"old": _("Before"), "new": _("After")}
    self.body.append(
        f'<span class="synopse-side-name" aria-hidden="true">'
        f"{self.encode(str(labels[side]))}</span>"
    )
    if node.get("missing"):
        self.body.append(_sr(self, str(_("not in this version"))))


def depart_cell_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</th>" if _in_head(node) else "</td>")


def visit_collapsed_html(self: HTML5Translator, node: nodes.Element) -> None:
    columns = 3 if node.get("reasons") else 2
    self.body.append(
        self.starttag(node, "tbody", CLASS="synopse-row synopse-unchanged")
        + '<tr><td class="synopse-number">'
        + _number_name(self)
        + f"{node['position']}</td>"
        + f'<td colspan="{columns}">'
        + ("<details>" if _opens(node) else "")
    )


def depart_collapsed_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(("</details>" if _opens(node) else "") + "</td></tr></tbody>\n")


def _opens(node: nodes.Element) -> bool:
    """Whether an unchanged row has a text to show beneath its summary."""
    return len(node.children) > 1


def visit_summary_html(self: HTML5Translator, node: nodes.Element) -> None:
    assert isinstance(node.parent, nodes.Element)
    self.body.append("<summary>" if _opens(node.parent) else "<p>")


def depart_summary_html(self: HTML5Translator, node: nodes.Element) -> None:
    assert isinstance(node.parent, nodes.Element)
    self.body.append("</summary>" if _opens(node.parent) else "</p>")


def _mark_html(
    tag: str, start: Any, end: Any
) -> tuple[Callable[..., None], Callable[..., None]]:
    """``<del>``/``<ins>``, which screen readers announce only with words."""

    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, "") + _sr(self, f"{start} "))

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(_sr(self, f" {end}") + f"</{tag}>")

    return visit, depart


def _pass(self: Any, node: nodes.Element) -> None:
    pass


def visit_gap_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(" ")
    raise nodes.SkipNode


def visit_table_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    kind = "synopsereasontable" if node.get("reasons") else "synopsetable"
    self.body.append(f"\n\\begin{{{kind}}}\n")


def depart_table_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    kind = "synopsereasontable" if node.get("reasons") else "synopsetable"
    self.body.append(f"\\end{{{kind}}}\n")


def depart_head_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    """The head ends: longtable repeats it on every page."""
    self.body.append("\\synopseheadend\n")


def visit_cell_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    pair = node.parent
    assert isinstance(pair, nodes.Element)
    if pair.children[0] is not node:
        self.body.append("\n&")
    if _in_head(node):
        self.body.append(r"\synopsecolumnhead{")


def depart_cell_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    if _in_head(node):
        self.body.append("}")


def depart_pair_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    """The pair ends a row of the table; the last pair of a row, a rule."""
    row = node.parent
    if isinstance(row, synopse_row) and row.children[-1] is node:
        self.body.append("\\synopserowend\n")
    elif isinstance(row, synopse_row):
        self.body.append("\\synopsepairend\n")


def visit_collapsed_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    summary, note = self.encode(node["summary"]), self.encode(node["note"])
    unchanged = f"\\synopseunchanged{{{summary}}}{{{note}}}"
    reason = "&" if node.get("reasons") else ""
    self.body.append(
        f"\n{node['position']}&{unchanged}&{unchanged}{reason}\\synopserowend\n"
    )
    raise nodes.SkipNode


def _mark_latex(
    macro: str,
) -> tuple[Callable[..., None], Callable[..., None]]:
    def visit(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append(rf"\{macro}{{")

    def depart(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append("}")

    return visit, depart


def visit_word_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"\synopseword{")


def depart_word_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("}")


def visit_gap_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"\synopsegap{}")
    raise nodes.SkipNode


def add_nodes(app: Sphinx) -> None:
    """Register the nodes with their HTML and LaTeX writers."""
    app.add_node(
        synopse_table,
        html=(visit_table_html, depart_table_html),
        latex=(visit_table_latex, depart_table_latex),
    )
    app.add_node(
        synopse_head,
        html=(visit_head_html, depart_head_html),
        latex=(_pass, depart_head_latex),
    )
    app.add_node(
        synopse_row,
        html=(visit_row_html, depart_row_html),
        latex=(_pass, _pass),
    )
    app.add_node(
        synopse_pair,
        html=(visit_pair_html, depart_pair_html),
        latex=(_pass, depart_pair_latex),
    )
    app.add_node(
        synopse_cell,
        html=(visit_cell_html, depart_cell_html),
        latex=(visit_cell_latex, depart_cell_latex),
    )
    app.add_node(
        synopse_collapsed,
        html=(visit_collapsed_html, depart_collapsed_html),
        latex=(visit_collapsed_latex, _pass),
    )
    app.add_node(
        synopse_summary,
        html=(visit_summary_html, depart_summary_html),
        latex=(_pass, _pass),
    )
    app.add_node(
        synopse_deleted,
        html=_mark_html("del", _("[deletion start]"), _("[deletion end]")),
        latex=_mark_latex("synopsedeleted"),
    )
    app.add_node(
        synopse_inserted,
        html=_mark_html("ins", _("[insertion start]"), _("[insertion end]")),
        latex=_mark_latex("synopseinserted"),
    )
    app.add_node(
        synopse_word,
        html=(_pass, _pass),
        latex=(visit_word_latex, depart_word_latex),
    )
    app.add_node(
        synopse_gap,
        html=(visit_gap_html, _pass),
        latex=(visit_gap_latex, _pass),
    )
