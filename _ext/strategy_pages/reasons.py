"""Why a change was made: the reason the commit that made it gives.

A commit's reason is the value of its ``Begründung:`` trailer (``Reason:``
too), else its body: the message without its subject line.  A commit with
neither gives none, and nothing is ever made up.

A comparison of two revisions sums up many commits.  To find which of them
made a change, the pages are compared commit by commit, each commit that
touched the sources against its parent in the range's first-parent line, and
a change of the sum is given the reasons of the steps that changed the same
thing (:attr:`..history.Change.key`): a text edited twice carries both
reasons, oldest first.  Changes in the work tree, not committed yet, have no
commit and no reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .history import Change, Repository, Translate, compare
from .versioning import git

#: Trailers that hold a reason, as ``git interpret-trailers`` reads them.
_TRAILER = re.compile(r"^(?:Begründung|Reason)\s*:\s*(?P<text>.*)$", re.IGNORECASE)
#: Trailer lines that are not a reason (``Signed-off-by: …``).
_OTHER_TRAILER = re.compile(r"^[A-Za-z][A-Za-z0-9-]*: ")

#: Separators of ``git log`` records and fields: never in a commit message
#: that git would write (control characters).
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Commit:
    id: str
    reason: str


def reason(message: str) -> str:
    """The reason a commit message gives: its ``Begründung:`` trailer (with
    the indented lines that continue it), else its body without trailers."""
    lines = message.strip().splitlines()
    for position, line in enumerate(lines):
        if found := _TRAILER.match(line):
            continued = []
            for following in lines[position + 1 :]:
                if not following[:1].isspace():
                    break
                continued.append(following.strip())
            return " ".join([found["text"].strip(), *continued]).strip()
    body = lines[1:]
    paragraphs = "\n".join(body).strip().split("\n\n")
    if paragraphs and all(
        _OTHER_TRAILER.match(line) for line in paragraphs[-1].splitlines() if line
    ):
        paragraphs = paragraphs[:-1]
    return " ".join(" ".join(paragraphs).split())


def commits(repository: Repository, old: str | None, new: str) -> list[Commit]:
    """The commits from ``old`` (None: the beginning) to ``new`` that touched
    the sources, oldest first, along the first-parent line."""
    span = f"{old}..{new}" if old else new
    listing = git(
        repository.root,
        "log",
        "--first-parent",
        "--reverse",
        f"--format=%H{_FIELD}%B{_RECORD}",
        "--end-of-options",
        span,
        "--",
        repository.srcdir or ".",
    )
    found = []
    for record in (listing or "").split(_RECORD):
        if _FIELD in record:
            commit, message = record.strip().split(_FIELD, 1)
            found.append(Commit(commit, reason(message)))
    return found


def with_reasons(
    repository: Repository,
    changes: Sequence[Change],
    old: str | None,
    new: str | None,
    translate: Translate,
) -> list[Change]:
    """``changes`` (from revision ``old`` to ``new``; None: the beginning,
    and the work tree) with the reasons of the commits that made them."""
    steps = commits(repository, old, new or "HEAD")
    if not any(step.reason for step in steps):
        return list(changes)
    revisions = [step.id for step in steps]
    snapshots = repository.snapshots([*([old] if old else []), *revisions])
    by_key: dict[tuple[str, ...], list[str]] = {}
    before = snapshots[old] if old else {}
    for step in steps:
        after = snapshots[step.id]
        if step.reason:
            for change in compare(before, after, translate):
                given = by_key.setdefault(change.key, [])
                if step.reason not in given:
                    given.append(step.reason)
        before = after
    return [
        replace(change, reasons=tuple(by_key.get(change.key, ()))) for change in changes
    ]
