"""The rows of a Synopse: two versions of the strategy pages, part by part.

A page is cut into parts (the top of the page, the goals, the formats), a part
into rows: one for each field (title, subtitle, description; a section's
heading and introduction) and one for each goal or format.  A row holds the
wording of both versions, so that a reader sees them side by side.

Items are paired by title; an item whose title is gone is paired with a new
one of alike text, as the version history pairs renamed items
(:func:`.history.renamed`).  An item without a partner is added (nothing on
the left) or removed (nothing on the right).

Plain data, no Sphinx and no language: the caller names the default headings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..history import renamed
from ..model import Hero, Item, Section, StrategyPage


class Status(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    RENAMED = "renamed"
    ADDED = "added"
    REMOVED = "removed"


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
    """

    field: str
    old: Wording | None
    new: Wording | None

    @property
    def markdown(self) -> bool:
        return self.field not in PLAIN_FIELDS

    @property
    def is_item(self) -> bool:
        return self.field in ITEM_FIELDS

    @property
    def status(self) -> Status:
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


def same(old: str, new: str) -> bool:
    """Equal but for white space, as the version history compares."""
    return old.split() == new.split()


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
    rows += [
        Row(
            field,
            _wording(before) if before else None,
            _wording(after) if after else None,
        )
        for before, after in aligned(old.items if old else (), new.items if new else ())
    ]
    return Part(name, tuple(rows))


def _wording(item: Item) -> Wording:
    return Wording(item.title, item.description)


def aligned(
    old_items: Sequence[Item], new_items: Sequence[Item]
) -> list[tuple[Item | None, Item | None]]:
    """Pairs of the same item in both versions, in the new order.

    An item keeps its partner by title, or by alike text where its title is
    gone (:func:`.history.renamed`).  A removed item stands where it stood:
    after the nearest item before it that both versions have.
    """
    partner: dict[int, int] = {}  # index of a new item -> index of its old one
    unpaired_old = list(range(len(old_items)))
    for new_index, item in enumerate(new_items):
        for old_index in unpaired_old:
            if old_items[old_index].title == item.title:
                partner[new_index] = old_index
                unpaired_old.remove(old_index)
                break
    for old_item, new_item in renamed(old_items, new_items):
        old_index = _index(old_items, old_item)
        new_index = _index(new_items, new_item)
        if old_index in unpaired_old and new_index not in partner:
            partner[new_index] = old_index
            unpaired_old.remove(old_index)

    # Each removed item follows the nearest item before it that stays.
    staying = sorted(partner.values())
    removed_after: dict[int | None, list[int]] = {}
    for old_index in unpaired_old:
        before = [index for index in staying if index < old_index]
        removed_after.setdefault(before[-1] if before else None, []).append(old_index)

    def removed(after: int | None) -> list[tuple[Item | None, Item | None]]:
        return [(old_items[index], None) for index in removed_after.get(after, [])]

    pairs = removed(None)
    for new_index, item in enumerate(new_items):
        if new_index in partner:
            pairs.append((old_items[partner[new_index]], item))
            pairs += removed(partner[new_index])
        else:
            pairs.append((None, item))
    return pairs


def _index(items: Sequence[Item], wanted: Item) -> int:
    """The position of ``wanted`` itself (not an equal item) in ``items``."""
    return next(index for index, item in enumerate(items) if item is wanted)
