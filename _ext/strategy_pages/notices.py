"""Each data problem shown where it is on the page: previews for editors.

Editors who edit in a CMS never see a build log.  In a preview build
(``strategy_editor_notices``; on by itself with a review base) every warning
about a page's data also appears on the page, in a box at the top of the
section the problem is in (an item's: at the top of its text), with the
message and its line.  Public builds never show these boxes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation

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


def _notice(line: int, message: str) -> nodes.admonition:
    box = nodes.admonition(classes=["strategy-editor-notice"])
    title = str(_("Note for editors"))
    box += nodes.title(title, title)
    text = str(_("Line {line}: {message}")).format(line=line, message=message)
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
