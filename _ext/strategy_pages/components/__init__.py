"""The components of a page, one module each (see :mod:`..registry`).

Importing this package registers them, and the page types made of them.
"""

from . import formats, goals, hero, pages, timeline, workinggroups

__all__ = ["formats", "goals", "hero", "pages", "timeline", "workinggroups"]
