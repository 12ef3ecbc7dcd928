"""The rows of a Synopse: two versions of the strategy pages, part by part.

A page is cut into parts (the top of the page, the goals, the formats), a part
into rows: one for each field (title, subtitle, description; a section's
heading and introduction) and one for each goal or format.  A row holds the
wording of both versions, so that a reader sees them side by side.

Items are paired as every review output pairs them
(:func:`..model.match_items`): by title, a renamed one by its text.  The left
column reads in the old version's order, the right one in the new version's:
an item that moved has two rows, one where it was (old only) and one where it
is (new only), each saying where the other is.  An item without a partner is
added (nothing on the left) or removed (nothing on the right).

Plain data, no Sphinx and no language: the caller names the default headings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..core.textdiff import same
from ..model import Hero, Item, Section, StrategyPage, match_items


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
    """One version of a row: a title (items only) and a text."""

    title: str
    text: str


@dataclass(frozen=True)
class Row:
    """One field or item, in the old and the new version (None: not there).

    ``field`` is what the row holds: ``title``, ``subtitle``, ``description``
    (of the page), ``heading``, ``introduction`` (of a section), ``goal`` or
    ``format``.  Field rows have no title; descriptions, introductions and the
    texts of items are Markdown, the rest plain text.

    A moved item's rows carry its number in both lists (``moved``: old, new);
    the row where it is now shows its new wording marked against ``base``,
    its old wording, which the left column shows where it was.
    """

    field: str
    old: Wording | None
    new: Wording | None
    moved: tuple[int, int] | None = None
    base: Wording | None = None

    @property
    def markdown(self) -> bool:
        return self.field not in PLAIN_FIELDS

    @property
    def is_item(self) -> bool:
        return self.field in ITEM_FIELDS

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
        if not same(self.old.text, self.new.text):
            return Status.CHANGED
        return Status.UNCHANGED


#: Fields whose value is plain text, not Markdown.
PLAIN_FIELDS = frozenset({"title", "subtitle", "heading"})
ITEM_FIELDS = frozenset({"goal", "format"})


@dataclass(frozen=True)
class Part:
    """``hero``, ``goals`` or ``formats``: its rows, in reading order."""

    name: str
    rows: tuple[Row, ...]

    @property
    def unchanged(self) -> bool:
        return all(row.status is Status.UNCHANGED for row in self.rows)


@dataclass(frozen=True)
class PageSynopsis:
    """One strategy page, by its path in the repository."""

    path: str
    title: str
    status: Status
    parts: tuple[Part, ...]


def synopsis(
    old: Mapping[str, StrategyPage],
    new: Mapping[str, StrategyPage],
    default_headings: Mapping[str, str],
) -> list[PageSynopsis]:
    """The pages of both versions, by path, each cut into rows.

    ``default_headings`` are the headings shown where the data gives none, by
    part (``goals``, ``formats``): a page that spells out the default heading
    changes nothing.
    """
    pages = []
    for path in sorted(old.keys() | new.keys()):
        before, after = old.get(path), new.get(path)
        parts = tuple(
            part
            for part in (
                _hero(before.hero if before else None, after.hero if after else None),
                *(
                    _section(
                        name,
                        getattr(before, name) if before else None,
                        getattr(after, name) if after else None,
                        default_headings.get(name, ""),
                    )
                    for name in ("goals", "formats")
                ),
            )
            if part.rows
        )
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
        title = shown.hero.title if shown.hero else path
        pages.append(PageSynopsis(path, title, status, parts))
    return pages


def _field(field: str, old: str, new: str) -> list[Row]:
    """A row for a field; none where neither version has a value."""
    if not old.strip() and not new.strip():
        return []
    return [
        Row(
            field,
            Wording("", old) if old.strip() else None,
            Wording("", new) if new.strip() else None,
        )
    ]


def _hero(old: Hero | None, new: Hero | None) -> Part:
    rows: list[Row] = []
    for field in ("title", "subtitle", "description"):
        rows += _field(
            field,
            getattr(old, field) if old else "",
            getattr(new, field) if new else "",
        )
    return Part("hero", tuple(rows))


def _section(
    name: str, old: Section | None, new: Section | None, default_heading: str
) -> Part:
    rows = _field(
        "heading",
        (old.title or default_heading) if old else "",
        (new.title or default_heading) if new else "",
    )
    rows += _field(
        "introduction", old.description if old else "", new.description if new else ""
    )
    field = "goal" if name == "goals" else "format"
    rows += item_rows(field, old.items if old else (), new.items if new else ())
    return Part(name, tuple(rows))


def _wording(item: Item) -> Wording:
    return Wording(item.title, item.description)


def item_rows(field: str, old: Sequence[Item], new: Sequence[Item]) -> list[Row]:
    """The rows of a list of items: the old order on the left, the new on the
    right (:meth:`..core.matching.Matching.side_by_side`)."""
    matching = match_items(old, new)
    rows = []
    for old_index, new_index in matching.side_by_side():
        if old_index is not None and new_index is not None:
            rows.append(Row(field, _wording(old[old_index]), _wording(new[new_index])))
        elif old_index is not None:
            now = matching.new_of(old_index)
            moved = (old_index + 1, now + 1) if now is not None else None
            rows.append(Row(field, _wording(old[old_index]), None, moved))
        elif new_index is not None:
            before = matching.old_of(new_index)
            if before is None:
                rows.append(Row(field, None, _wording(new[new_index])))
            else:
                rows.append(
                    Row(
                        field,
                        None,
                        _wording(new[new_index]),
                        (before + 1, new_index + 1),
                        _wording(old[before]),
                    )
                )
    return rows
