"""The wording of a part of a page: what a reader compares between versions.

Each component (:mod:`..registry`) says what of its part is wording, through
its ``wording`` hook: its fields (a hero's title, subtitle and description; a
section's heading and introduction) and its items, each a title, a text and
the short values that belong to it (a step's date, a group's short name, a
link).  The Synopse sets two versions of this side by side; it needs to know
no component, so that a new component joins it with its own module alone.

Names (``heading``, ``label``) are English messages, translated where they
are shown.  Plain data, no Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """A field of a part: its name (an English message) and its value."""

    label: str
    text: str
    #: whether the value is Markdown (a description) or plain text (a title)
    markdown: bool = False


@dataclass(frozen=True)
class Detail:
    """A short plain value of an item, shown before its text: „Datum: 2019“."""

    label: str
    text: str


@dataclass(frozen=True)
class ItemWording:
    """An item: its title, its text (Markdown) and its details."""

    title: str
    text: str
    details: tuple[Detail, ...] = ()


@dataclass(frozen=True)
class PartWording:
    """A part of a page: its fields, then its items, in the page's order."""

    #: what the part is called as a whole („Ziele“), an English message
    heading: str
    fields: tuple[Field, ...] = ()
    items: tuple[ItemWording, ...] = ()


def link_text(text: str, url: str) -> str:
    """A link as words: its text and, where it says something else, its address."""
    return url if text == url else f"{text} ({url})"


def details(*pairs: tuple[str, str]) -> tuple[Detail, ...]:
    """The details that have a value, in the order given."""
    return tuple(Detail(label, text) for label, text in pairs if text.strip())
