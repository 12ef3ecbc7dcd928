"""Which new item is which old one: kept, renamed, moved, removed, added;
and the two orders the review outputs show them in."""

from __future__ import annotations

from strategy_pages.core.matching import match
from strategy_pages.core.textdiff import word_diff

TEXTS = {
    "A": "Beteiligungsstrukturen für alle Menschen in der Stadt schaffen",
    "B": "Engagement für die ganze Stadtgesellschaft öffnen und stärken",
    "C": "Gewinnung und Weiterentwicklung von Engagementangeboten fördern",
    "D": "Vernetzung der Akteure in den Stadtbezirken voranbringen",
    "E": "Ein ganz neues Ziel mit eigenem Text",
}


def items(spec: str) -> list[tuple[str, str]]:
    """``"A B C"``: items titled A, B, C with their texts; ``"A>X"`` is A
    renamed X (A's text, X's title)."""
    found = []
    for word in spec.split():
        text, _, title = word.partition(">")
        found.append((title or text, TEXTS[text]))
    return found


def matched(old: str, new: str):
    return match(items(old), items(new), key=lambda i: i[0], text=lambda i: i[1])


def test_nothing_changed():
    m = matched("A B C", "A B C")
    assert m.pairs == ((0, 0), (1, 1), (2, 2))
    assert (m.removed, m.added, m.moved, m.renamed) == (
        [],
        [],
        frozenset(),
        frozenset(),
    )


def test_one_item_moved_to_the_top_is_the_only_one_moved():
    m = matched("A B C D", "D A B C")
    assert m.moved == {0}
    assert m.side_by_side() == [(None, 0), (0, 1), (1, 2), (2, 3), (3, None)]
    assert m.in_new_order() == [(3, 0), (0, 1), (1, 2), (2, 3)]


def test_two_swapped_items_one_moves():
    m = matched("A B", "B A")
    assert len(m.moved) == 1


def test_a_renamed_item_is_paired_by_its_text():
    m = matched("A B C", "A B C>Akquise")
    assert m.pairs == ((0, 0), (1, 1), (2, 2))
    assert m.renamed == {2}


def test_removed_item_keeps_its_place_after_its_predecessor_that_stays():
    m = matched("A B C D", "A C D")
    assert m.removed == [1]
    assert m.in_new_order() == [(0, 0), (1, None), (2, 1), (3, 2)]
    assert m.side_by_side() == [(0, 0), (1, None), (2, 1), (3, 2)]


def test_removed_first_item_stands_first():
    m = matched("A B C", "B C")
    assert m.in_new_order() == [(0, None), (1, 0), (2, 1)]


def test_a_removed_item_does_not_follow_a_moved_predecessor():
    # B moved to the end; C, removed, was after B: it stays after A
    m = matched("A B C D E", "A D E B")
    assert m.moved == {3}
    assert m.in_new_order() == [(0, 0), (2, None), (3, 1), (4, 2), (1, 3)]


def test_moves_removals_additions_and_a_rename_together():
    # D moves to the top, B goes, E comes, C is renamed
    m = matched("A B C D", "D A C>Akquise E")
    assert m.removed == [1]
    assert m.added == [3]
    assert m.renamed == {2}
    assert m.moved == {0}
    # the left column in the old order, the right one in the new order
    rows = m.side_by_side()
    assert [old for old, _ in rows if old is not None] == [0, 1, 2, 3]
    assert [new for _, new in rows if new is not None] == [0, 1, 2, 3]
    assert rows == [(None, 0), (0, 1), (1, None), (2, 2), (3, None), (None, 3)]


def test_word_diff_marks_an_edit_word_by_word():
    diff = word_diff(
        "die Bereitstellung von Strukturen.", "die Bereitstellung neuer Strukturen."
    )
    assert diff.runs == (
        (" ", "die Bereitstellung "),
        ("-", "von"),
        (" ", " "),
        ("+", "neuer"),
        (" ", " Strukturen."),
    )


def test_word_diff_of_a_rewritten_paragraph_is_old_then_new_whole():
    old = "Die Stadt fördert das Engagement in den Bezirken mit einem eigenen Haus."
    new = (
        "Ein digitales Angebot bündelt die Vermittlung, und das für alle in der Stadt."
    )
    diff = word_diff(old, new)
    assert diff.runs == (("-", old), (" ", " "), ("+", new))
