"""Paths named by data, which must stay inside the source folder."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

#: A URI scheme (``https:``) or a protocol-relative URL (``//host``): a path
#: that names something elsewhere, not a file of the sources.
REMOTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def inside(candidate: Path, srcdir: str | Path) -> Path | None:
    """``candidate`` resolved (links too); None where that leaves ``srcdir``."""
    resolved = candidate.resolve()
    return resolved if resolved.is_relative_to(resolved_folder(srcdir)) else None


@cache
def resolved_folder(folder: str | Path) -> Path:
    return Path(folder).resolve()
