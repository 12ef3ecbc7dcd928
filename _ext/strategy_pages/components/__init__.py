"""The components of a page, one module each (see :mod:`..registry`).

Importing this package registers them.
"""

from . import formats, goals, hero

__all__ = ["formats", "goals", "hero"]
