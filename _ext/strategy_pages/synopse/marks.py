"""Mark the words that differ between two renderings of a text.

Both versions are rendered first (Markdown into docutils nodes, safely, by
:mod:`..markdown`), then compared word by word and punctuation mark by mark:
a word is the same when its letters and its emphasis, code or link are.  The
words only the old version has are wrapped in :class:`synopse_deleted` nodes,
those only the new one has in :class:`synopse_inserted` nodes, each run of
them in one node, inside the paragraph, emphasis or link where the words
stand; so the formatting of both versions is kept, and nothing but words is
compared.

Inside a mark, each word is a :class:`synopse_word` and the space between two
words a :class:`synopse_gap`, so that print can underline or strike through
each word and the spaces between, and still break lines between words.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import zip_longest

from docutils import nodes

from ..core.textdiff import TOKEN, alike, opcodes, tokens


class synopse_mark(nodes.inline):  # docutils names node classes in lower case
    """A run of words only one version has."""


class synopse_deleted(synopse_mark):
    """Words only the old version has."""


class synopse_inserted(synopse_mark):
    """Words only the new version has."""


class synopse_word(nodes.inline):
    """One word in a mark."""


class synopse_gap(nodes.inline):
    """The space between two words in a mark."""


#: The emphasis, code and link a word is in, outermost first.
Style = tuple[tuple[str, str], ...]

#: The source of a code block with marks: any text but its own.
_PARSED = "(a code block with marked words)"


@dataclass(frozen=True)
class _Word:
    text: nodes.Text
    index: int  # of the word among the words of its text node
    key: tuple[str, Style]


def mark_differences(old: Iterable[nodes.Node], new: Iterable[nodes.Node]) -> bool:
    """Mark the words that differ between ``old`` and ``new``, in place.

    ``old`` and ``new`` are the rendered nodes of both versions.  Whether any
    word differs is returned: text that differs only in its white space or
    the layout of its blocks has no marked word.
    """
    old_words, new_words = _words(old), _words(new)
    gone: list[_Word] = []
    added: list[_Word] = []
    for operation, i1, i2, j1, j2 in opcodes(
        [w.key for w in old_words], [w.key for w in new_words]
    ):
        if operation != "equal":
            gone += old_words[i1:i2]
            added += new_words[j1:j2]
    _wrap(gone, synopse_deleted)
    _wrap(added, synopse_inserted)
    return bool(gone or added)


Blocks = list[nodes.Node]


def paired_blocks(old: Blocks, new: Blocks) -> list[tuple[Blocks, Blocks]]:
    """The blocks of both versions side by side: a paragraph beside its own.

    Equal blocks pair up, and so do :func:`..core.textdiff.alike` ones among
    those that differ.  Between two such pairs, the blocks that differ stand
    beside each other in turn: a rewritten paragraph beside the one it
    replaces.  Where one version has more of them, the rest stand alone (the
    other side of their pair empty), where they stand in their version.
    """
    keys = [_words_of(block) for block in old], [_words_of(block) for block in new]
    matcher = difflib.SequenceMatcher(
        a=[" ".join(k) for k in keys[0]],
        b=[" ".join(k) for k in keys[1]],
        autojunk=False,
    )
    pairs: list[tuple[Blocks, Blocks]] = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            pairs += [
                ([old[i]], [new[j]])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        anchors = []  # the alike blocks, (old, new), in both orders
        next_new = j1
        for i in range(i1, i2):
            partner = next(
                (j for j in range(next_new, j2) if alike(keys[0][i], keys[1][j])),
                None,
            )
            if partner is not None:
                anchors.append((i, partner))
                next_new = partner + 1
        old_start, new_start = i1, j1
        for i, j in [*anchors, (i2, j2)]:
            pairs += [
                (
                    [before] if before is not None else [],
                    [after] if after is not None else [],
                )
                for before, after in zip_longest(old[old_start:i], new[new_start:j])
            ]
            if i < i2:
                pairs.append(([old[i]], [new[j]]))
            old_start, new_start = i + 1, j + 1
    return pairs


def _words_of(block: nodes.Node) -> list[str]:
    return tokens(block.astext())


def mark_all(blocks: Iterable[nodes.Node], make: Callable[[], synopse_mark]) -> None:
    """Mark every word of ``blocks``: a text only one version has."""
    _wrap(_words(blocks), make)


def _words(blocks: Iterable[nodes.Node]) -> list[_Word]:
    found = []
    for block in blocks:
        texts = [block] if isinstance(block, nodes.Text) else block.findall(nodes.Text)
        for text in texts:
            assert isinstance(text, nodes.Text)
            style = _style(text)
            for index, token in enumerate(TOKEN.findall(text.astext())):
                found.append(_Word(text, index, (token, style)))
    return found


def _style(text: nodes.Text) -> Style:
    style = []
    node = text.parent
    while (
        isinstance(node, nodes.Inline)
        and isinstance(node, nodes.Element)
        and not isinstance(node, synopse_mark)
    ):
        style.append((node.tagname, str(node.get("refuri", ""))))
        node = node.parent
    return tuple(reversed(style))


def _wrap(words: list[_Word], make: Callable[[], synopse_mark]) -> None:
    """Put ``words`` in marks made by ``make``, a run of them in one."""
    by_text: dict[int, tuple[nodes.Text, set[int]]] = {}
    for found in words:
        by_text.setdefault(id(found.text), (found.text, set()))[1].add(found.index)
    for text, indices in by_text.values():
        parent = text.parent
        assert parent is not None
        parent.replace(text, _split(text.astext(), indices, make))
        _unhighlight(parent)


def _split(
    text: str, marked: set[int], make: Callable[[], synopse_mark]
) -> list[nodes.Node]:
    """``text`` as plain text and marks around the tokens numbered ``marked``."""
    result: list[nodes.Node] = []
    plain = ""  # text not yet put in a node
    run: synopse_mark | None = None
    position = 0
    for index, match in enumerate(TOKEN.finditer(text)):
        space = text[position : match.start()]  # only white space: see _TOKEN
        position = match.end()
        if index not in marked:
            run = None
            plain += space + match.group()
            continue
        if run is None:
            plain += space
            if plain:
                result.append(nodes.Text(plain))
                plain = ""
            run = make()
            result.append(run)
        elif space:
            run += synopse_gap(space, space)
        run += synopse_word(match.group(), match.group())
    plain += text[position:]
    if plain:
        result.append(nodes.Text(plain))
    return result


def _unhighlight(node: nodes.Element) -> None:
    """A code block with marks in it is shown as parsed text, not highlighted.

    Sphinx's writers highlight a literal block whose text is its source, and
    would drop the marks; a block whose source differs is written node by node
    (as a parsed literal).  An empty source Sphinx fills in with the text.
    """
    found: nodes.Element | None = node
    while found is not None and not isinstance(found, nodes.literal_block):
        found = found.parent
    if found is not None:
        found.rawsource = _PARSED
