"""The rows of a Synopse: two versions of the strategy pages, part by part.

A page is cut into parts, one for each component of the registry that either
version has (:mod:`..registry`); each component says what of its part is
wording (:mod:`..core.wording`): its fields and its items.  A part is cut
into rows: one for each field (a title, a heading, an introduction) and one
for each item (a goal, a step, a working group), with the item's details (a
date, a short name, a link).  A row holds the wording of both versions, so
that a reader sees them side by side; the rows are numbered through the whole
Synopse, so that a council can name one.

Items are paired as every review output pairs them (:mod:`..core.matching`):
by title, a renamed one by its text.  The left column reads in the old
version's order, the right one in the new version's: an item that moved has
two rows, one where it was (old only) and one where it is (new only), each
saying where the other is.  An item without a partner is added (nothing on
the left) or removed (nothing on the right).

Plain data, no Sphinx: names are English messages, translated where shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from .. import registry
from ..core.matching import match
from ..core.textdiff import same
from ..core.wording import Detail, Field, ItemWording
from ..history import Change
from ..model import StrategyPage


class Status(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    RENAMED = "renamed"
    ADDED = "added"
    REMOVED = "removed"
    #: where a moved item is now (its text on the right)
    MOVED = "moved"
    #: where a moved item was (its text on the left)
    MOVED_AWAY = "moved-away"


@dataclass(frozen=True)
class Wording:
    """One version of a row: a title (items only), details and a text."""

    title: str
    text: str
    details: tuple[Detail, ...] = ()

    def same_as(self, other: Wording) -> bool:
        """Equal but for white space, title, details and text alike."""
        return (
            same(self.title, other.title)
            and same(self.text, other.text)
            and len(self.details) == len(other.details)
            and all(
                a.label == b.label and same(a.text, b.text)
                for a, b in zip(self.details, other.details, strict=False)
            )
        )


@dataclass(frozen=True)
class Row:
    """One field or item, in the old and the new version (None: not there).

    ``label`` names a field (an English message: "Subtitle"); an item's row
    has none, its title is in its wording.  Descriptions and the texts of
    items are Markdown (``markdown``), the other fields plain text.

    A moved item's rows carry its number in both lists (``moved``: old, new);
    the row where it is now shows its new wording marked against ``base``,
    its old wording, which the left column shows where it was.

    ``position`` is the row's number in the Synopse (its „Zeile“);
    ``numbers`` are those of the row's changes in the comparison every review
    output shares (:class:`..reasons.ChangeLog`: „Ä1“), and ``reasons`` what
    git gives for them („Begründung“).
    """

    label: str
    old: Wording | None
    new: Wording | None
    markdown: bool = True
    moved: tuple[int, int] | None = None
    base: Wording | None = None
    position: int = 0
    numbers: tuple[int, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def is_item(self) -> bool:
        return not self.label

    @property
    def status(self) -> Status:
        if self.moved is not None:
            return Status.MOVED if self.new is not None else Status.MOVED_AWAY
        if self.old is None:
            return Status.ADDED
        if self.new is None:
            return Status.REMOVED
        if not same(self.old.title, self.new.title):
            return Status.RENAMED
        if not self.old.same_as(self.new):
            return Status.CHANGED
        return Status.UNCHANGED


@dataclass(frozen=True)
class Part:
    """A component's part of a page: its heading (an English message) and
    its rows, in reading order."""

    heading: str
    rows: tuple[Row, ...]
    #: the component's name
    name: str = ""

    @property
    def unchanged(self) -> bool:
        return all(row.status is Status.UNCHANGED for row in self.rows)


@dataclass(frozen=True)
class PageSynopsis:
    """One strategy page, by its path in the repository (which is not shown)."""

    path: str
    title: str
    status: Status
    parts: tuple[Part, ...]


def synopsis(
    old: Mapping[str, StrategyPage],
    new: Mapping[str, StrategyPage],
    changes: Sequence[Change] = (),
) -> list[PageSynopsis]:
    """The pages of both versions, by path, each cut into rows; the rows
    shown (those of pages with a change) numbered through the Synopse, each
    with the numbers and reasons of its ``changes`` (those from ``old`` to
    ``new``, as every review output has them)."""
    pages = []
    for path in sorted(old.keys() | new.keys()):
        before, after = old.get(path), new.get(path)
        parts = tuple(part for part in _parts(before, after) if part.rows)
        if before is None:
            status = Status.ADDED
        elif after is None:
            status = Status.REMOVED
        elif all(part.unchanged for part in parts):
            status = Status.UNCHANGED
        else:
            status = Status.CHANGED
        shown = after or before
        assert shown is not None
        title = shown.hero.title if shown.hero else shown.fallback_title
        on_page = [change for change in changes if change.path == path]
        parts = tuple(_with_changes(part, on_page) for part in parts)
        pages.append(PageSynopsis(path, title, status, parts))
    return _numbered(pages)


def _with_changes(part: Part, changes: Sequence[Change]) -> Part:
    """``part`` with each row given the changes it shows.

    An item's row has the changes of that item: where it is now (a moved
    item's old place has none), or, for a removed item, its removal.  The
    part's own changes (heading, introduction, link; images have no row) go
    to its changed fields, in order, as the comparison found them.
    """
    mine = [change for change in changes if change.part == part.name]
    own = [c for c in mine if not c.item and c.kind not in _NO_ROW]
    changed_fields = [
        index
        for index, row in enumerate(part.rows)
        if not row.is_item and row.status is not Status.UNCHANGED
    ]
    rows = list(part.rows)
    if len(own) == len(changed_fields):
        for index, change in zip(changed_fields, own, strict=True):
            rows[index] = _given(rows[index], [change])
    elif changed_fields:  # never lost: all at the part's first changed field
        rows[changed_fields[0]] = _given(rows[changed_fields[0]], own)
    for index, row in enumerate(rows):
        if not row.is_item:
            continue
        if row.new is not None:
            title, removal = row.new.title, False
        elif row.old is not None and row.moved is None:
            title, removal = row.old.title, True
        else:
            continue
        rows[index] = _given(
            row,
            [
                c
                for c in mine
                if c.item == title and (c.kind == "item_removed") == removal
            ],
        )
    return replace(part, rows=tuple(rows))


#: Changes no row of the Synopse shows: it compares wording, not pictures.
_NO_ROW = frozenset({"image"})


def _given(row: Row, changes: Sequence[Change]) -> Row:
    reasons = dict.fromkeys(reason for c in changes for reason in c.reasons)
    return replace(
        row,
        numbers=tuple(c.number for c in changes),
        reasons=tuple(reasons),
    )


def _parts(before: StrategyPage | None, after: StrategyPage | None) -> Iterator[Part]:
    """A part for each component either version has, in the page's order."""
    for component in registry.components():
        old_part = before.content.get(component.name) if before else None
        new_part = after.content.get(component.name) if after else None
        old = component.wording(old_part) if old_part is not None else None
        new = component.wording(new_part) if new_part is not None else None
        shown = new or old
        if shown is None:
            continue
        rows = field_rows(old.fields if old else (), new.fields if new else ())
        rows += item_rows(old.items if old else (), new.items if new else ())
        yield Part(shown.heading, tuple(rows), component.name)


def _numbered(pages: list[PageSynopsis]) -> list[PageSynopsis]:
    position = 0
    numbered = []
    for page in pages:
        if page.status is Status.UNCHANGED:  # shown by its title alone
            numbered.append(page)
            continue
        parts = []
        for part in page.parts:
            rows = []
            for row in part.rows:
                position += 1
                rows.append(replace(row, position=position))
            parts.append(replace(part, rows=tuple(rows)))
        numbered.append(replace(page, parts=tuple(parts)))
    return numbered


def field_rows(old: Sequence[Field], new: Sequence[Field]) -> list[Row]:
    """A row for each field either version has a value for, in the new
    version's order (a field only the old one has where it stood)."""
    values = {field.label: field for field in old if field.text.strip()}
    rows = []
    for field in new:
        before = values.get(field.label)
        if before is None and not field.text.strip():
            continue
        rows.append(
            Row(
                field.label,
                Wording("", before.text) if before else None,
                Wording("", field.text) if field.text.strip() else None,
                field.markdown,
            )
        )
    new_labels = {field.label for field in new}
    for label, before in values.items():
        if label not in new_labels:
            rows.append(Row(label, Wording("", before.text), None, before.markdown))
    return rows


def _wording(item: ItemWording) -> Wording:
    return Wording(item.title, item.text, item.details)


def item_rows(old: Sequence[ItemWording], new: Sequence[ItemWording]) -> list[Row]:
    """The rows of a list of items: the old order on the left, the new on the
    right (:meth:`..core.matching.Matching.side_by_side`)."""
    matching = match(old, new, key=lambda item: item.title, text=lambda i: i.text)
    rows = []
    for old_index, new_index in matching.side_by_side():
        if old_index is not None and new_index is not None:
            rows.append(Row("", _wording(old[old_index]), _wording(new[new_index])))
        elif old_index is not None:
            now = matching.new_of(old_index)
            moved = (old_index + 1, now + 1) if now is not None else None
            rows.append(Row("", _wording(old[old_index]), None, moved=moved))
        elif new_index is not None:
            before = matching.old_of(new_index)
            rows.append(
                Row(
                    "",
                    None,
                    _wording(new[new_index]),
                    moved=(before + 1, new_index + 1) if before is not None else None,
                    base=_wording(old[before]) if before is not None else None,
                )
            )
    return rows
