"""The site's version from git: the nearest release tag, or a development
marker past it (``1.2.dev3+g1a2b3c4``), in the style of setuptools-scm.

Used by ``conf.py`` before Sphinx starts, so it needs nothing from Sphinx.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

#: What ``git describe --long`` prints: tag, distance, abbreviated hash.
_DESCRIBE = re.compile(
    r"^(?P<tag>.+)-(?P<distance>\d+)-g(?P<hash>[0-9a-f]+)(?P<dirty>-dirty)?$"
)

UNKNOWN = "0.0.dev0+unknown"


def git(root: Path, *args: str) -> str | None:
    """Output of ``git args`` in ``root``; None without git or a repository."""
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def release(root: Path, tag_pattern: str = "*") -> str:
    """The release of the checkout at ``root``; :data:`UNKNOWN` without git."""
    described = git(
        root, "describe", "--tags", "--long", "--dirty", "--match", tag_pattern
    )
    if described and (match := _DESCRIBE.match(described)):
        tag = match["tag"].removeprefix("v")
        distance, dirty = int(match["distance"]), bool(match["dirty"])
        if distance == 0 and not dirty:
            return tag
        return f"{tag}.dev{distance}+g{match['hash']}" + (".dirty" if dirty else "")
    commit = git(root, "rev-parse", "--short", "HEAD")
    if commit is None:
        return UNKNOWN
    count = git(root, "rev-list", "--count", "HEAD") or "0"
    return f"0.0.dev{count}+g{commit}"


def short_version(full: str) -> str:
    """``1.2.dev3+g1a2b3c4`` -> ``1.2``."""
    return re.split(r"\.dev|\+", full, maxsplit=1)[0]
