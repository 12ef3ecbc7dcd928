"""What the two sides of a Synopse are: a release, or a draft, and its date.

The base is a git revision (a release tag, a branch, a commit), checked by
:mod:`..refs` before it gets here and given to git after ``--end-of-options``
all the same; the new side is the work tree, committed or not.  Each becomes
a :class:`Version`: its release as :mod:`..versioning` writes it (``1.0``,
``1.0.dev3+g1a2b3c4``) and a date.  A release tag is dated as the version
history dates it (the tag's date); other revisions by their commit; a work
tree with uncommitted changes to the sources by today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .. import versioning
from ..history import Repository
from ..versioning import git

#: What ``git describe --long`` prints: tag, distance, abbreviated hash.
_DESCRIBE = re.compile(r"^(?P<tag>.+)-(?P<distance>\d+)-g(?P<hash>[0-9a-f]+)$")


@dataclass(frozen=True)
class Version:
    #: PEP 440, as :func:`..versioning.release` writes it
    release: str
    date: date | None
    #: the git revision as the reader named it; None for the work tree
    revision: str | None

    @property
    def stage(self) -> versioning.Stage:
        return versioning.stage(self.release)


def at_revision(repository: Repository, revision: str, tag_pattern: str) -> Version:
    """The version at git ``revision`` (which must name a commit)."""
    root = repository.root
    described = git(
        root,
        "describe",
        "--tags",
        "--long",
        "--match",
        tag_pattern,
        "--end-of-options",
        revision,
    )
    match = _DESCRIBE.match(described or "")
    if match is None:  # no release before it
        commit = (
            git(
                root,
                "rev-parse",
                "--short",
                "--end-of-options",
                f"{revision}^{{commit}}",
            )
            or ""
        )
        count = git(root, "rev-list", "--count", "--end-of-options", revision) or "0"
        release = f"{versioning.NO_RELEASE}.dev{count}+g{commit}"
        return Version(release, _commit_date(repository, revision), revision)
    tag = match["tag"]
    if match["distance"] == "0":
        return Version(tag.removeprefix("v"), _tag_date(repository, tag), revision)
    release = f"{tag.removeprefix('v')}.dev{match['distance']}+g{match['hash']}"
    return Version(release, _commit_date(repository, revision), revision)


def work_tree(repository: Repository, tag_pattern: str) -> Version:
    """The version of the work tree: of its commit, or of today if edited."""
    release = versioning.release(repository.root, tag_pattern)
    edited = git(
        repository.root, "status", "--porcelain", "--", repository.srcdir or "."
    )
    if edited:
        return Version(release, date.today(), None)
    stage = versioning.stage(release)
    if not stage.draft and stage.base is not None:
        tag = git(repository.root, "describe", "--tags", "--match", tag_pattern, "HEAD")
        if tag:
            return Version(release, _tag_date(repository, tag), None)
    return Version(release, _commit_date(repository, "HEAD"), None)


def _commit_date(repository: Repository, revision: str) -> date | None:
    found = git(
        repository.root,
        "log",
        "-1",
        "--format=%cd",
        "--date=short",
        "--end-of-options",
        revision,
        "--",
    )
    return _parse(found)


def _tag_date(repository: Repository, tag: str) -> date | None:
    found = git(
        repository.root,
        "for-each-ref",
        "--format=%(creatordate:short)",
        f"refs/tags/{tag}",
    )
    return _parse(found) or _commit_date(repository, tag)


def _parse(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
