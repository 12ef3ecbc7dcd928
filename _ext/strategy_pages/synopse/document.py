"""The document of a Synopse: a title block, then each page, part by part.

The ``synopse`` directive reads both versions of the strategy pages from git
(:class:`..history.Repository`), cuts them into rows (:mod:`.model`), renders
each text (Markdown by :mod:`..markdown`), puts each paragraph beside its
own, marks the words that differ (:mod:`.marks`) and puts each row's number
and two versions into the cells of :mod:`.writers`.  Where rows carry a
reason, a third column holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from ..core.wording import Detail
from ..history import Repository, number_label
from ..markdown import markdown_to_nodes
from ..messages import translate
from ..model import StrategyPage
from ..paths import inside
from ..reasons import ChangeLog
from .marks import (
    mark_all,
    mark_differences,
    paired_blocks,
    synopse_deleted,
    synopse_inserted,
    synopse_mark,
)
from .model import PageSynopsis, Part, Row, Status, Wording, synopsis
from .writers import (
    synopse_cell,
    synopse_collapsed,
    synopse_head,
    synopse_pair,
    synopse_row,
    synopse_summary,
    synopse_table,
)

_ = get_translation("strategy_pages")

#: The en dash between a title and what happened to it (Akquise, umbenannt).
DASH = "\u2013"


class SynopseDirective(SphinxDirective):
    """The whole Synopse: a title block, then each page, part by part."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        config = self.config
        repository = Repository(Path(config.synopse_repository), config.synopse_srcdir)
        before = repository.pages(config.synopse_base)
        after = _in_repository(repository)
        # Numbered as make diff and the history number them: all pages.
        log = ChangeLog(repository, config.synopse_image_folder, translate)
        changes = log.changes(config.synopse_base, None, before, after)
        old = _chosen(before, config.synopse_pages)
        new = _chosen(after, config.synopse_pages)
        pages = synopsis(old, new, changes)
        reasons = any(
            row.reasons for page in pages for part in page.parts for row in part.rows
        )
        top = self._section(config.synopse_title)
        top += _title_block(config)
        for page in pages:
            top += self._page(page, reasons)
        return [top]

    def _section(self, title: str) -> nodes.section:
        section = nodes.section()
        section += nodes.title(title, title)
        section["names"].append(nodes.fully_normalize_name(title))
        self.state.document.note_implicit_target(section, section)
        return section

    def _page(self, page: PageSynopsis, reasons: bool) -> nodes.section:
        section = self._section(page.title)
        note = {
            Status.ADDED: _("This page is new."),
            Status.REMOVED: _("This page is removed."),
            Status.UNCHANGED: _("No changes to this page."),
        }.get(page.status)
        if note:  # which file the page is in is no concern of the council
            section += nodes.paragraph("", str(note), classes=["synopse-page-about"])
        if page.status is Status.UNCHANGED:
            return section
        for part in page.parts:
            part_section = self._section(str(_(part.heading)))
            part_section += self._table(part, page.path, reasons)
            section += part_section
        return section

    def _table(self, part: Part, source: str, reasons: bool) -> synopse_table:
        table = synopse_table(reasons=reasons)
        heads = synopse_pair()
        for side, label in (
            ("number", str(_("Row"))),
            ("old", self.config.synopse_old_label),
            ("new", self.config.synopse_new_label),
            *((("reason", str(_("Reason"))),) if reasons else ()),
        ):
            heads += synopse_cell("", nodes.Text(label), side=side)
        table += synopse_head("", heads)
        for row in part.rows:
            table += _row(row, source, reasons)
        return table


def _in_repository(repository: Repository) -> dict[str, StrategyPage]:
    """The work tree's pages whose files stay inside the repository.

    A page that is a link to a file elsewhere is not shown.
    """
    return {
        path: page
        for path, page in repository.pages(None).items()
        if inside(repository.root / path, repository.root) is not None
    }


def _chosen(
    pages: dict[str, StrategyPage], wanted: list[str]
) -> dict[str, StrategyPage]:
    return {path: page for path, page in pages.items() if not wanted or path in wanted}


def _title_block(config: Config) -> list[nodes.Node]:
    left = nodes.paragraph(classes=["synopse-side"])
    left += nodes.strong(text=str(_("Left:")))
    left += nodes.Text(
        " "
        + str(_("{label} (from git: {revision})")).format(
            label=config.synopse_old_label, revision=config.synopse_base
        )
    )
    right = nodes.paragraph(classes=["synopse-side"])
    right += nodes.strong(text=str(_("Right:")))
    right += nodes.Text(
        " "
        + str(_("{label} (the current working state)")).format(
            label=config.synopse_new_label
        )
    )
    legend = nodes.paragraph(classes=["synopse-legend"])
    template = str(
        _(
            "Deleted words are {deleted}, inserted words {inserted}. "
            "Unchanged parts show only their title."
        )
    )
    examples: dict[str, tuple[Callable[[], synopse_mark], str]] = {
        "{deleted}": (synopse_deleted, str(_("struck through"))),
        "{inserted}": (synopse_inserted, str(_("bold and underlined"))),
    }
    for piece in re.split(r"(\{deleted\}|\{inserted\})", template):
        if piece in examples:
            make, words = examples[piece]
            example = nodes.inline(words, words)
            mark_all([example], make)
            legend += example
        elif piece:
            legend += nodes.Text(piece)
    return [left, right, legend]


# Lazy translations: each reads the catalog when it is turned into a string.

#: The word beside a row's title that says what happened to it.
STATUS_NAMES = {
    Status.UNCHANGED: _("unchanged"),
    Status.ADDED: _("new"),
    Status.REMOVED: _("removed"),
    Status.RENAMED: _("renamed"),
    Status.MOVED: _("moved (previously no. {old})"),
    Status.MOVED_AWAY: _("moved, now no. {new}"),
}


def _note(row: Row) -> str | None:
    """What happened to a row, said beside its title."""
    note = STATUS_NAMES.get(row.status)
    if note is None:
        return None
    old, new = row.moved or (0, 0)
    return str(note).format(old=old, new=new)


def _row(row: Row, source: str, reasons: bool) -> nodes.Element:
    """A row: its number, its title, then its text in pairs of blocks, marked;
    its reason beside them where the Synopse has reasons."""
    if row.status is Status.UNCHANGED:
        return _collapsed(row, source, reasons)
    old_title, new_title = _title(row, row.old), _title(row, row.new)
    old_text, new_text = _text(row, row.old, source), _text(row, row.new, source)
    note = _note(row)
    pairs: list[tuple[list[nodes.Node], list[nodes.Node]]]
    if row.status is Status.MOVED_AWAY:
        pairs = [(old_text, [])]  # its text stands where it is now, marked there
    elif row.status is Status.MOVED:
        assert row.base is not None
        base = _title(row, row.base) + _text(row, row.base, source)
        mark_differences(base, new_title + new_text)
        pairs = [([], new_text)]
    elif row.old is None:
        mark_all(new_title + new_text, synopse_inserted)
        pairs = [([], new_text)]
    elif row.new is None:
        mark_all(old_title + old_text, synopse_deleted)
        pairs = [(old_text, [])]
    else:
        differ = mark_differences(old_title, new_title)
        pairs = paired_blocks(old_text, new_text)
        for old_blocks, new_blocks in pairs:
            if old_blocks and new_blocks:
                differ = mark_differences(old_blocks, new_blocks) or differ
            else:
                mark_all(old_blocks, synopse_deleted)
                mark_all(new_blocks, synopse_inserted)
                differ = True
        if not differ:
            note = _("only the formatting changed")
    noted = "new" if row.new is not None else "old"  # the side that says it
    node = synopse_row(status=row.status.value)
    for index, (old_blocks, new_blocks) in enumerate(pairs or [([], [])]):
        first = index == 0
        pair = synopse_pair()
        pair += _number(row if first else None)
        for side, wording, title, blocks in (
            ("old", row.old, old_title, old_blocks),
            ("new", row.new, new_title, new_blocks),
        ):
            cell = synopse_cell(side=side)
            if wording is None:
                cell["missing"] = True
            elif first:
                cell += _heading(row, title, note if side == noted else None)
            cell += blocks
            pair += cell
        if reasons:
            pair += _reason(row if first else None)
        node += pair
    return node


def _number(row: Row | None) -> synopse_cell:
    """The row's number, and its change's number where it has one (on the
    first pair of its row only)."""
    cell = synopse_cell(side="number")
    if row is not None:
        cell += nodes.paragraph("", str(row.position))
        if row.numbers:
            label = number_label(row.numbers, translate)
            cell += nodes.paragraph("", "", nodes.strong(label, label))
    return cell


def _reason(row: Row | None) -> synopse_cell:
    """Why the row changed, where a reason is given: plain text, paragraph by
    paragraph."""
    cell = synopse_cell(side="reason")
    if row is not None:
        for reason in row.reasons:
            cell += nodes.paragraph(reason, reason)
    return cell


def _title(row: Row, wording: Wording | None) -> list[nodes.Node]:
    """An item's title, to be marked; fields have none."""
    if wording is None or not row.is_item:
        return []
    return [nodes.strong(wording.title, wording.title)]


def _text(row: Row, wording: Wording | None, source: str) -> list[nodes.Node]:
    """The details and the text of a version of a row, as blocks."""
    if wording is None:
        return []
    blocks: list[nodes.Node] = [_detail(detail) for detail in wording.details]
    if not row.markdown:
        blocks.append(nodes.paragraph(wording.text, wording.text))
    elif wording.text.strip():
        blocks += markdown_to_nodes(wording.text, source, 0, where=None)
    return blocks


def _detail(detail: Detail) -> nodes.paragraph:
    """„Datum: 23.06.2017“: a short value of an item, plain text."""
    label = str(_(detail.label))
    return nodes.paragraph(
        "",
        "",
        nodes.emphasis(label, label),
        nodes.Text(": " + detail.text),
        classes=["synopse-detail"],
    )


def _heading(row: Row, title: list[nodes.Node], note: Any) -> nodes.container:
    """The title of an item (the name of a field), and what happened to it."""
    heading = nodes.paragraph()
    if row.is_item:
        heading += title
    else:
        label = str(_(row.label))
        heading += nodes.strong(label, label)
    if note is not None:
        text = str(note)
        heading += nodes.Text(f" {DASH} ")
        heading += nodes.emphasis(text, text, classes=["synopse-status"])
    return nodes.container("", heading, classes=["synopse-heading"])


def _collapsed(row: Row, source: str, reasons: bool) -> synopse_collapsed:
    """An unchanged row: its title, and its text for those who open it."""
    wording = row.new
    assert wording is not None
    if row.is_item:
        summary = wording.title
    else:
        summary = str(_(row.label))
        if not row.markdown:
            summary += ": " + " ".join(wording.text.split())
    note = str(STATUS_NAMES[Status.UNCHANGED])
    node = synopse_collapsed(
        summary=summary, note=note, position=row.position, reasons=reasons
    )
    title = synopse_summary()
    title += nodes.strong(summary, summary)
    title += nodes.Text(f" {DASH} ")
    title += nodes.emphasis(note, note, classes=["synopse-status"])
    node += title
    blocks = _text(row, wording, source) if row.is_item or row.markdown else []
    if blocks:
        node += nodes.container("", *blocks, classes=["synopse-body"])
    return node
