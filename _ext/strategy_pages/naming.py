"""Name a place in the data as editors see it: „Ziel 4 („Teilhabe“): Titel“.

The names of the parts and of their items come from the components
(:mod:`.core.vocabulary`), those of the fields from the tables here.

Editors think in goals and formats counted from one, and in the German labels
of the CMS, not in ``goals[3].title``.  Every message about the data names its
place with :func:`describe`; the words come from the extension's catalog, so
they follow the site's language (English is the source language).
"""

from __future__ import annotations

from typing import Any

from sphinx.locale import get_translation

from .core import vocabulary
from .core.vocabulary import KeyPath

_ = get_translation("strategy_pages")

#: Names of the keys of an item and of the hero.
FIELDS: dict[str, str] = {
    "title": "Title",
    "subtitle": "Subtitle",
    "description": "Description",
    "image": "Image",
    "alt": "Alternative text",
    "link": "Link",
    "text": "Link text",
    "url": "Link address",
    "date": "Date",
    "name": "Short name",
    "email": "Email address",
}

#: Names of the keys of the goals and format sections (nested shape).
SECTION_FIELDS: dict[str, str] = {
    "title": "Heading",
    "description": "Introduction",
    "items": "Entries",
}


def item_name(list_path: KeyPath, index: int) -> str:
    """„Ziel 4“ for the item at ``index`` (from 0) of the list at ``list_path``."""
    name = vocabulary.item_lists().get(list_path, "Entry {number}")
    return str(_(name)).format(number=index + 1)


def describe(path: KeyPath, root: Any = None) -> str:
    """The editor's name of ``path``, as the CMS shows it; ``root`` (the
    data) adds item titles.

    ``("goals", 3, "title")`` -> „Ziel 4 („Teilhabe“), Titel“.
    """
    words: list[str] = []
    value = root
    parent: KeyPath = ()
    for position, key in enumerate(path):
        value = _child(value, key)
        if isinstance(key, int):
            words.append(_titled(item_name(parent, key), value))
        elif position == 0:
            parts = vocabulary.key_labels()
            words.append(str(_(parts[key])) if key in parts else quoted(key))
        elif (*parent, "items") in vocabulary.item_lists() and key in SECTION_FIELDS:
            words.append(str(_(SECTION_FIELDS[key])))
        else:
            words.append(str(_(FIELDS[key])) if key in FIELDS else quoted(key))
        parent = (*parent, key)
    # An item's own name stands alone: „Ziel 4“, not „Ziele: Ziel 4“.
    for position in range(len(path) - 1, 0, -1):
        if isinstance(path[position], int):
            words = words[position:]
            break
    return ", ".join(words) if words else str(_("The data"))


def quoted(text: str) -> str:
    """``text`` in the typographic quotes of the site's language."""
    return str(_("“{text}”")).format(text=text)


def _titled(name: str, item: Any) -> str:
    title = item.get("title") if isinstance(item, dict) else None
    if isinstance(title, str) and title.strip():
        return f"{name} ({quoted(title.strip())})"
    return name


def _child(value: Any, key: str | int) -> Any:
    if isinstance(key, int):
        return value[key] if isinstance(value, list) and key < len(value) else None
    return value.get(key) if isinstance(value, dict) else None
