"""The document of a Synopse: a title block, then each page, part by part.

The ``synopse`` directive reads both versions of the strategy pages from git
(:class:`..history.Repository`), cuts them into rows (:mod:`.model`), renders
each text (Markdown by :mod:`..markdown`), puts each paragraph beside its
own, marks the words that differ (:mod:`.marks`) and puts each row's two
versions into the cells of :mod:`.writers`.
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

from ..history import Repository
from ..markdown import markdown_to_nodes
from ..model import StrategyPage
from ..paths import inside
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
        old = _chosen(repository.pages(config.synopse_base), config.synopse_pages)
        new = _chosen(_in_repository(repository), config.synopse_pages)
        defaults = {"goals": str(_("Goals")), "formats": str(_("Formats"))}
        top = self._section(config.synopse_title)
        top += _title_block(config)
        for page in synopsis(old, new, defaults):
            top += self._page(page)
        return [top]

    def _section(self, title: str) -> nodes.section:
        section = nodes.section()
        section += nodes.title(title, title)
        section["names"].append(nodes.fully_normalize_name(title))
        self.state.document.note_implicit_target(section, section)
        return section

    def _page(self, page: PageSynopsis) -> nodes.section:
        section = self._section(page.title)
        about = nodes.paragraph(classes=["synopse-page-about"])
        about += nodes.literal(page.path, page.path)
        note = {
            Status.ADDED: _("This page is new."),
            Status.REMOVED: _("This page is removed."),
            Status.UNCHANGED: _("No changes to this page."),
        }.get(page.status)
        if note:
            about += nodes.Text(f" {DASH} {note}")
        section += about
        if page.status is Status.UNCHANGED:
            return section
        for part in page.parts:
            part_section = self._section(str(PART_NAMES[part.name]))
            part_section += self._table(part, page.path)
            section += part_section
        return section

    def _table(self, part: Part, source: str) -> synopse_table:
        table = synopse_table()
        heads = synopse_pair()
        for side, label in (
            ("old", self.config.synopse_old_label),
            ("new", self.config.synopse_new_label),
        ):
            heads += synopse_cell("", nodes.Text(label), side=side)
        table += synopse_head("", heads)
        for row in part.rows:
            table += _row(row, source)
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

#: The heading of each part of a page.
PART_NAMES = {
    "hero": _("Top of the page"),
    "goals": _("Goals"),
    "formats": _("Formats"),
}

#: The label of each field row.
FIELD_NAMES = {
    "title": _("Title"),
    "subtitle": _("Subtitle"),
    "description": _("Description"),
    "heading": _("Heading"),
    "introduction": _("Introduction"),
}

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


def _row(row: Row, source: str) -> nodes.Element:
    """A row: its title, then its text in pairs of blocks, marked."""
    if row.status is Status.UNCHANGED:
        return _collapsed(row, source)
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
    for number, (old_blocks, new_blocks) in enumerate(pairs or [([], [])]):
        pair = synopse_pair()
        for side, wording, title, blocks in (
            ("old", row.old, old_title, old_blocks),
            ("new", row.new, new_title, new_blocks),
        ):
            cell = synopse_cell(side=side)
            if wording is None:
                cell["missing"] = True
            elif number == 0:
                cell += _heading(row, title, note if side == noted else None)
            cell += blocks
            pair += cell
        node += pair
    return node


def _title(row: Row, wording: Wording | None) -> list[nodes.Node]:
    """An item's title, to be marked; fields have none."""
    if wording is None or not row.is_item:
        return []
    return [nodes.strong(wording.title, wording.title)]


def _text(row: Row, wording: Wording | None, source: str) -> list[nodes.Node]:
    """The text of a version of a row, as blocks."""
    if wording is None:
        return []
    if row.markdown:
        return markdown_to_nodes(wording.text, source, 0, where=None)
    return [nodes.paragraph(wording.text, wording.text)]


def _heading(row: Row, title: list[nodes.Node], note: Any) -> nodes.container:
    """The title of an item (the name of a field), and what happened to it."""
    heading = nodes.paragraph()
    if row.is_item:
        heading += title
    else:
        label = str(FIELD_NAMES[row.field])
        heading += nodes.strong(label, label)
    if note is not None:
        text = str(note)
        heading += nodes.Text(f" {DASH} ")
        heading += nodes.emphasis(text, text, classes=["synopse-status"])
    return nodes.container("", heading, classes=["synopse-heading"])


def _collapsed(row: Row, source: str) -> synopse_collapsed:
    """An unchanged row: its title, and its text for those who open it."""
    wording = row.new
    assert wording is not None
    if row.is_item:
        summary = wording.title
    else:
        summary = str(FIELD_NAMES[row.field])
        if not row.markdown:
            summary += ": " + " ".join(wording.text.split())
    note = str(STATUS_NAMES[Status.UNCHANGED])
    node = synopse_collapsed(summary=summary, note=note)
    title = synopse_summary()
    title += nodes.strong(summary, summary)
    title += nodes.Text(f" {DASH} ")
    title += nodes.emphasis(note, note, classes=["synopse-status"])
    node += title
    if row.is_item or row.markdown:
        body = nodes.container(classes=["synopse-body"])
        if row.markdown:
            body += markdown_to_nodes(wording.text, source, 0, where=None)
        else:
            body += nodes.paragraph(wording.text, wording.text)
        node += body
    return node
