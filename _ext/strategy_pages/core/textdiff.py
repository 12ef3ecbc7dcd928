"""Which words of a text a change deleted and which it inserted.

One tokenizer and one comparison for every review output: the version
history, the review marks, ``make diff`` and the Synopse.  A word (with inner
hyphens and apostrophes) and a punctuation mark are tokens of their own, so
that an added comma marks the comma, not the word before it.  Two texts that
share too little are not stitched together around their scattered common
words into fragments: the old text is deleted and the new one inserted, whole.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

#: A word (with inner hyphens and apostrophes) or one punctuation mark.  Every
#: character but white space is in a token.
TOKEN = re.compile(r"\w+(?:[-'\u2019]\w+)*|[^\w\s]")
_SPACED_TOKEN = re.compile(rf"({TOKEN.pattern})(\s*)")

#: Two texts sharing at least this much (0..1, as difflib's ratio) are the same
#: text edited: compared word by word, and paired as one item or paragraph.
#: Below it, a text is rewritten: shown whole, old beside new.
ALIKE = 0.5

#: (operation, i1, i2, j1, j2) as difflib's opcodes.
Opcode = tuple[str, int, int, int, int]


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def similarity(old: Sequence[Hashable], new: Sequence[Hashable]) -> float:
    """How much ``old`` and ``new`` share (0..1); 0 for two empty ones."""
    if not old and not new:
        return 0.0
    return difflib.SequenceMatcher(a=old, b=new, autojunk=False).ratio()


def alike(old: Sequence[Hashable], new: Sequence[Hashable]) -> bool:
    return similarity(old, new) >= ALIKE


def opcodes(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Opcode]:
    """How ``new`` differs from ``old``, token by token.

    Where they are not :func:`alike` and differ in more than one place, the
    words they share are scattered: one replacement of the whole reads
    better than fragments stitched around them.  One edit in one place (a
    shared beginning or end) stays as it is, however much it replaces.
    """
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    found: list[Opcode] = [
        (tag, i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    edits = sum(1 for tag, *_ in found if tag != "equal")
    if edits > 1 and matcher.ratio() < ALIKE:
        return [("replace", 0, len(old), 0, len(new))]
    return found


@dataclass(frozen=True)
class WordDiff:
    """A text edit as runs of words: (``" "``, ``"+"`` or ``"-"``, text)."""

    runs: tuple[tuple[str, str], ...]


def word_diff(old: str, new: str) -> WordDiff:
    """The edit from ``old`` to ``new``, word by word and mark by mark.

    Runs hold their text with the spaces as written (any white space as one
    space), to be joined as they are; changed runs hold no spaces at their
    ends, so that marks cover words only.
    """
    before, after = _spaced_tokens(old), _spaced_tokens(new)
    runs: list[tuple[str, str]] = []

    def add(mark: str, text: str) -> None:
        if runs and runs[-1][0] == mark:
            runs[-1] = (mark, runs[-1][1] + text)
        elif text:
            runs.append((mark, text))

    for operation, i1, i2, j1, j2 in opcodes(
        [token for token, _ in before], [token for token, _ in after]
    ):
        if operation == "equal":
            add(" ", _joined(after[j1:j2]))
            continue
        deleted, inserted = _joined(before[i1:i2]), _joined(after[j1:j2])
        spaced = i1 > 0 and before[i1 - 1][1]  # a space before it in the old text
        if deleted and spaced and runs and not runs[-1][1].endswith(" "):
            add(" ", " ")
        if deleted:
            add("-", deleted.rstrip())
        if deleted and inserted:
            add(" ", " ")
        if inserted:
            add("+", inserted.rstrip())
        last = inserted or deleted
        add(" ", last[len(last.rstrip()) :])
    return WordDiff(tuple(runs))


def same(old: str, new: str) -> bool:
    """Equal but for white space."""
    return old.split() == new.split()


def _spaced_tokens(text: str) -> list[tuple[str, str]]:
    return [
        (token, " " if space else "") for token, space in _SPACED_TOKEN.findall(text)
    ]


def _joined(tokens: list[tuple[str, str]]) -> str:
    return "".join(token + space for token, space in tokens)
