"""The components of a page, one module each (see :mod:`..registry`).

Importing this package registers them, and the page types made of them.
"""

from . import (
    calltoaction,
    formats,
    goals,
    hero,
    highlights,
    pages,
    sponsors,
    timeline,
    workinggroups,
)

__all__ = [
    "calltoaction",
    "formats",
    "goals",
    "hero",
    "highlights",
    "pages",
    "sponsors",
    "timeline",
    "workinggroups",
]
