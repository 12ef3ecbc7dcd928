"""Paths named by data, which must stay inside the source folder."""

from __future__ import annotations

from functools import cache
from pathlib import Path


def inside(candidate: Path, srcdir: str | Path) -> Path | None:
    """``candidate`` resolved (links too); None where that leaves ``srcdir``."""
    resolved = candidate.resolve()
    return resolved if resolved.is_relative_to(resolved_folder(srcdir)) else None


@cache
def resolved_folder(folder: str | Path) -> Path:
    return Path(folder).resolve()
