"""Each data problem shown where it is on the page: previews for editors.

Editors who edit in a CMS never see a build log.  In a preview build
(``strategy_editor_notices``; on by itself with a review base) every warning
about a page's data also appears on the page, in a box at the top of the
section the problem is in (an item's: at the top of its text), with the
message and its line; a problem found only while the page is written (a
link to a page the site lacks) too.  Public builds never show these boxes.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import messages

_ = get_translation("strategy_pages")

#: The box of an item's text (render.py and the components).
TEXT = "strategy-item__text"

#: The warnings of the document being read: (source, line, message).
_PENDING: list[tuple[str, int, str]] = []


def remember(source: str, line: int, message: str) -> None:
    """Keep a warning for the page it is about (see :func:`place_notices`)."""
    _PENDING.append((source, line, message))


def start_document() -> None:
    _PENDING.clear()


def place_notices(document: nodes.document, source: str, shown: bool) -> None:
    """Put the kept warnings about ``source`` into ``document``, if ``shown``."""
    notices = sorted((line, message) for s, line, message in _PENDING if s == source)
    _PENDING.clear()
    if not shown or not notices:
        return
    sections = [
        section
        for section in document.findall(nodes.section)
        if section.source == source and section.line
    ]
    placed: dict[int, int] = {}  # notices placed by section, to keep their order
    for line, message in notices:
        target = max(
            (s for s in sections if s.line is not None and s.line <= line),
            key=lambda s: s.line or 0,
            default=sections[0] if sections else None,
        )
        box = _notice(line, message)
        if target is None:
            document.insert(0, box)
            continue
        holder = _text_of(target)
        start = 1 if holder.children and isinstance(holder[0], nodes.title) else 0
        index = start + placed.get(id(holder), 0)
        holder.insert(index, box)
        placed[id(holder)] = placed.get(id(holder), 0) + 1


def _text_of(section: nodes.section) -> nodes.Element:
    """Where a notice goes in ``section``: an item's box of text, if it is one.

    Beside an item's text stands its image, in a column of its own; a box
    placed in the item itself would land in that column (or in its empty
    place), not above the text.
    """
    for child in section.children:
        if isinstance(child, nodes.container) and TEXT in child["classes"]:
            return child
    return section


#: The attribute of a section that keeps the notices found while its page
#: is written, for :class:`LateNotices`.
_LATE = "strategy_late_notices"


def place_later(node: nodes.Element, line: int, message: str) -> None:
    """Keep a notice found while the page is written (a link to a page the
    site lacks) for the section that holds ``node``.

    Found while Sphinx resolves the page's references, which it walks as it
    goes: :class:`LateNotices` puts the boxes in afterwards.
    """
    holder = node
    while not isinstance(holder, nodes.section) and holder.parent is not None:
        holder = holder.parent
    late: list[tuple[int, str]] = holder.setdefault(_LATE, [])
    late.append((line, message))


class LateNotices(SphinxPostTransform):
    """Put the notices found while writing into their sections."""

    # After Sphinx's references resolver (10), whose handlers find them.
    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        for holder in list(self.document.findall(nodes.Element)):
            late = holder.attributes.pop(_LATE, None)
            if not late or not self.config.strategy_editor_notices:
                continue
            start = 1 if holder.children and isinstance(holder[0], nodes.title) else 0
            for offset, (line, message) in enumerate(sorted(late)):
                holder.insert(start + offset, _notice(line, message))


def _notice(line: int, message: str) -> nodes.admonition:
    box = nodes.admonition(classes=["strategy-editor-notice"])
    title = str(_("Note for editors"))
    box += nodes.title(title, title)
    text = messages.at_line(line, message)
    box += nodes.paragraph(text, text)
    return box


def _on_with_review(app: Sphinx, config: Config) -> None:
    if config.strategy_review_base:
        config.strategy_editor_notices = True


def setup_notices(app: Sphinx) -> None:
    app.add_config_value(
        "strategy_editor_notices",
        False,
        "env",
        types=frozenset({bool}),
        description="Show each data problem on its page, for editors (previews); "
        "on with a review base.",
    )
    # After the review base is settled (marks.py, priority 500).
    app.connect("config-inited", _on_with_review, priority=600)
    app.add_post_transform(LateNotices)
