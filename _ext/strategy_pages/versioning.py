"""The site's release from git: the nearest release tag, or a development
marker past it (``1.2.dev3+g1a2b3c4``), in the style of setuptools-scm.

Plain git and strings, nothing from Sphinx: the extension asks at
``config-inited``, the history and the review command run git through
:func:`git`.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: What ``git describe --long`` prints: tag, distance, abbreviated hash.
_DESCRIBE = re.compile(
    r"^(?P<tag>.+)-(?P<distance>\d+)-g(?P<hash>[0-9a-f]+)(?P<dirty>-dirty)?$"
)

#: A release as :func:`release` writes it: base, development and local parts.
_RELEASE = re.compile(r"^(?P<base>.+?)(?P<dev>\.dev\d+)?(?P<local>\+.*)?$")

#: The base :func:`release` gives a checkout without any release tag.
NO_RELEASE = "0.0"

UNKNOWN = f"{NO_RELEASE}.dev0+unknown"


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


def resolve_commit(root: Path, ref: str) -> str | None:
    """The commit ``ref`` names in the repository at ``root``; None where git
    knows none, where ``ref`` would be read as an option (``-…``), and where
    it holds characters no ref name has (control characters, white space),
    which would break the line protocol of ``git cat-file --batch``."""
    if (
        not ref
        or ref.startswith("-")
        or not all(c.isprintable() and not c.isspace() for c in ref)
    ):
        return None
    return git(
        root,
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{ref}^{{commit}}",
    )


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
    return f"{NO_RELEASE}.dev{count}+g{commit}"


def commit_date(root: Path) -> str | None:
    """ISO date of the commit checked out at ``root``; None without one."""
    return git(root, "log", "-1", "--format=%cd", "--date=short", "HEAD") or None


def is_shallow(root: Path) -> bool:
    """Whether ``root`` is in a shallow clone (False outside git)."""
    return git(root, "rev-parse", "--is-shallow-repository") == "true"


@dataclass(frozen=True)
class Stage:
    """What a release string says about the work it names."""

    #: The release it is or follows (``1.2``); None before the first release.
    base: str | None
    #: Whether it is work past that release (commits after it, uncommitted edits).
    draft: bool


def stage(full: str) -> Stage:
    """``1.2`` -> a release; ``1.2.dev3+g1a2b3c4`` -> a draft after 1.2;
    ``0.0.dev5+g1a2b3c4`` -> a draft before any release."""
    match = _RELEASE.match(full)
    if match is None:  # an empty string: nothing is known
        return Stage(None, draft=True)
    draft = bool(match["dev"] or match["local"])
    base = match["base"]
    # Without a release tag, release() counts from 0.0: no release of its own.
    if draft and base == NO_RELEASE:
        return Stage(None, draft=True)
    return Stage(base, draft)
