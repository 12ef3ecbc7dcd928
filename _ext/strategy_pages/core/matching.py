"""Which item of a new version is which item of the old one.

Written once for every review output (the history, the review marks, the
Synopse, ``make diff``, the old anchors of renamed items), so that they agree
on what was kept, renamed, moved, removed and added.

An item keeps its partner by its key (its title, or a name of its own); an
item whose key is gone is the same as a new one whose text is alike (it was
renamed).  Of the items both versions have, the longest run that keeps its
order stands still; the others moved.  A removed item keeps its place after
the nearest item before it that stands still.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .textdiff import similarity, tokens

T = TypeVar("T")

#: Two texts this alike (0..1) make a removed and an added item one renamed.
RENAME_SIMILARITY = 0.6


@dataclass(frozen=True)
class Matching(Generic[T]):
    """The items of two versions, and which is which."""

    old: Sequence[T]
    new: Sequence[T]
    #: (old index, new index) of each item both versions have, in the new order
    pairs: tuple[tuple[int, int], ...]
    #: old indexes of the pairs that matched by text, not by key
    renamed: frozenset[int]
    #: new indexes of the pairs that left their place among the others
    moved: frozenset[int]

    @property
    def removed(self) -> list[int]:
        """Old indexes of the items the new version lacks, in the old order."""
        kept = {old for old, _ in self.pairs}
        return [index for index in range(len(self.old)) if index not in kept]

    @property
    def added(self) -> list[int]:
        """New indexes of the items the old version lacks, in the new order."""
        kept = {new for _, new in self.pairs}
        return [index for index in range(len(self.new)) if index not in kept]

    def old_of(self, new: int) -> int | None:
        return next((o for o, n in self.pairs if n == new), None)

    def new_of(self, old: int) -> int | None:
        return next((n for o, n in self.pairs if o == old), None)

    def in_new_order(self) -> list[tuple[int | None, int | None]]:
        """Every item once, as the new version shows them: (old, new) index,
        None where a version lacks it.  A removed item follows the nearest
        item before it that stands still (first where none does)."""
        after = self._removed_after()
        entries: list[tuple[int | None, int | None]] = [
            (old, None) for old in after.get(None, [])
        ]
        old_of = {new: old for old, new in self.pairs}
        for new in range(len(self.new)):
            old = old_of.get(new)
            entries.append((old, new))
            if old is not None and new not in self.moved:
                entries += [(gone, None) for gone in after.get(old, [])]
        return entries

    def side_by_side(self) -> list[tuple[int | None, int | None]]:
        """Rows of (old, new) index that read in the old version's order on
        the left and in the new version's on the right.

        An item that stands still has one row; a moved one two: where it was
        (old only) and where it is (new only).  Between two items that stand
        still come the old ones that left (removed or moved away), then the
        new ones that came (added or moved here).
        """
        still = [(old, new) for old, new in self.pairs if new not in self.moved]
        rows: list[tuple[int | None, int | None]] = []
        old_start = new_start = 0
        for old, new in [*still, (len(self.old), len(self.new))]:
            rows += [(index, None) for index in range(old_start, old)]
            rows += [(None, index) for index in range(new_start, new)]
            if old < len(self.old):
                rows.append((old, new))
            old_start, new_start = old + 1, new + 1
        return rows

    def _removed_after(self) -> dict[int | None, list[int]]:
        still = sorted(old for old, new in self.pairs if new not in self.moved)
        placed: dict[int | None, list[int]] = {}
        for gone in self.removed:
            position = bisect_left(still, gone)
            placed.setdefault(still[position - 1] if position else None, []).append(
                gone
            )
        return placed


def match(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], str],
    text: Callable[[T], str],
) -> Matching[T]:
    """Pair the items of ``old`` and ``new``: by ``key``, then renamed ones
    by their ``text``; and find those that moved."""
    partner: dict[int, int] = {}  # new index -> old index
    unpaired_old = list(range(len(old)))
    for new_index, item in enumerate(new):
        found = next((i for i in unpaired_old if key(old[i]) == key(item)), None)
        if found is not None:
            partner[new_index] = found
            unpaired_old.remove(found)
    renamed = _renames(
        old, new, unpaired_old, [i for i in range(len(new)) if i not in partner], text
    )
    partner |= {new_index: old_index for old_index, new_index in renamed}
    pairs = tuple(sorted(((o, n) for n, o in partner.items()), key=lambda p: p[1]))
    return Matching(
        old,
        new,
        pairs,
        frozenset(old_index for old_index, _ in renamed),
        frozenset(_moved(pairs)),
    )


def _renames(
    old: Sequence[T],
    new: Sequence[T],
    unpaired_old: list[int],
    unpaired_new: list[int],
    text: Callable[[T], str],
) -> list[tuple[int, int]]:
    """(old, new) index of each removed item whose text an added one has,
    the most alike first."""
    words = {("old", i): tokens(text(old[i])) for i in unpaired_old}
    words |= {("new", j): tokens(text(new[j])) for j in unpaired_new}
    candidates = sorted(
        (
            (-ratio, i, j)
            for i in unpaired_old
            for j in unpaired_new
            if (ratio := similarity(words["old", i], words["new", j]))
            >= RENAME_SIMILARITY
        ),
    )
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    found = []
    for _, i, j in candidates:
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            found.append((i, j))
    return found


def _moved(pairs: Sequence[tuple[int, int]]) -> set[int]:
    """New indexes of the pairs outside the longest run that keeps the old
    order (``pairs`` in the new order)."""
    # Patience sorting: the longest increasing subsequence of old indexes.
    tails: list[int] = []  # old index ending the best run of each length
    ends: list[int] = []  # position in pairs of that end
    previous: list[int | None] = []
    for position, (old, _) in enumerate(pairs):
        length = bisect_left(tails, old)
        if length == len(tails):
            tails.append(old)
            ends.append(position)
        else:
            tails[length] = old
            ends[length] = position
        previous.append(ends[length - 1] if length else None)
    still: set[int] = set()
    at: int | None = ends[-1] if ends else None
    while at is not None:
        still.add(pairs[at][1])
        at = previous[at]
    return {new for _, new in pairs} - still
