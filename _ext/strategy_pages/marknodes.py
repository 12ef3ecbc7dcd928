"""Review marks (:mod:`.marks`) as nodes on the page.

Every mark says what it is in words („Neu“, „Bisher:“, „Entfernt:“), not by
colour alone, and marks words with :mod:`.changenodes`, so it reads in HTML,
in print and to screen readers alike.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.locale import get_translation

from .changenodes import deleted, diff_paragraph
from .core.textdiff import WordDiff
from .history import number_label
from .links import internal_link
from .marks import UNPUBLISHED_LABEL, ItemMarks, Removed
from .messages import translate

_ = get_translation("strategy_pages")

#: The class of an item a review marks removed.
REMOVED = "strategy-review__removed"


def banner(release_name: str) -> nodes.container:
    """„Vorschau: Änderungen gegenüber Fassung 1.0“, with a link to them all."""
    container = nodes.container(classes=["strategy-review-banner"])
    paragraph = nodes.paragraph()
    text = str(_("Preview: changes against {release}")).format(release=release_name)
    paragraph += nodes.strong(text, text)
    paragraph += nodes.Text(" ")
    link = internal_link(str(_("All changes")), UNPUBLISHED_LABEL)
    paragraph += link
    container += paragraph
    return container


def new_item() -> nodes.paragraph:
    word = str(_("New"))
    return nodes.paragraph(
        "", "", nodes.strong(word, word), classes=["strategy-review__new"]
    )


def was(old: str) -> nodes.paragraph:
    """„Bisher: <old>“ with the old words struck through."""
    paragraph = nodes.paragraph(classes=["strategy-review__was"])
    paragraph += nodes.Text(str(_("Previously:")) + " ")
    paragraph += deleted(old, old)
    return paragraph


def moved(number: int) -> nodes.paragraph:
    """„Verschoben (bisher Nr. 3)“: an item that left its place in the list."""
    text = str(_("Moved (previously no. {number})")).format(number=number)
    return nodes.paragraph(
        "", "", nodes.strong(text, text), classes=["strategy-review__moved"]
    )


def change_numbers(numbers: tuple[int, ...]) -> nodes.strong:
    """„Ä2, Ä5“: the numbers the history, the Synopse and ``make diff`` give
    the changes marked here."""
    text = number_label(numbers, translate)
    return nodes.strong(text, text, classes=["strategy-review__number"])


def numbered(numbers: tuple[int, ...]) -> list[nodes.paragraph]:
    """A paragraph with the change numbers ``numbers``, if there are any."""
    if not numbers:
        return []
    return [
        nodes.paragraph(
            "", "", change_numbers(numbers), classes=["strategy-review__numbers"]
        )
    ]


def mark_item(
    item: nodes.Element, above_text: nodes.Element, marks: ItemMarks | None
) -> None:
    """Mark ``item`` as new, renamed or moved, with the words in ``above_text``
    (the item itself, or the box of its text), and the numbers of its changes."""
    if marks is None:
        return
    above_text += numbered(marks.numbers)
    if marks.new:
        item["classes"].append("strategy-review--new")
        above_text += new_item()
    if marks.old_title:
        above_text += was(marks.old_title)
    if marks.moved_from:
        above_text += moved(marks.moved_from)


def changed_text(diff: WordDiff) -> nodes.paragraph:
    return diff_paragraph(diff, ["strategy-review__text"])


def removed(gone: Removed) -> nodes.container:
    """An item the base had and the page lost, struck through where it was."""
    item = gone.item
    container = nodes.container(classes=[REMOVED])
    heading = nodes.paragraph()
    if gone.numbers:
        heading += change_numbers(gone.numbers)
        heading += nodes.Text(" ")
    word = str(_("Removed:"))
    heading += nodes.strong(word, word)
    heading += nodes.Text(" ")
    heading += deleted(item.title, item.title)
    container += heading
    if item.description:
        container += nodes.paragraph(
            "", "", deleted(item.description, item.description)
        )
    return container
