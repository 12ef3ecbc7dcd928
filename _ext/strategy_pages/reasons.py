"""Why a change was made: the reason the commit that made it gives.

A commit's reason is the value of its ``Begründung:`` trailer (``Reason:``
too), else its body: the message without its subject line and trailers.  A
commit with neither gives none, and nothing is ever made up.  Merge commits
give none: their message names a branch, and the commits merged give theirs.

A comparison of two revisions sums up many commits.  To find which of them
made a change, each commit in the range that touched the sources is compared
with its parent, and a change of the sum is given the reasons of the commits
that changed the same thing (:attr:`..history.Change.key`): a text edited
twice carries both reasons, oldest first.  Changes in the work tree, not
committed yet, have no commit and no reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .history import (
    Change,
    FileIds,
    Repository,
    Translate,
    compare,
    same_image_file,
)
from .model import StrategyPage
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
    parent: str  # the first; "" for a root commit
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
    the sources, merges left out, oldest first."""
    span = f"{old}..{new}" if old else new
    listing = git(
        repository.root,
        "log",
        "--no-merges",
        "--reverse",
        f"--format=%H{_FIELD}%P{_FIELD}%B{_RECORD}",
        "--end-of-options",
        span,
        "--",
        repository.srcdir or ".",
    )
    found = []
    for record in (listing or "").split(_RECORD):
        if _FIELD in record:
            commit, parents, message = record.strip().split(_FIELD, 2)
            found.append(Commit(commit, parents.split(" ")[0], reason(message)))
    return found


class ChangeLog:
    """The changes between revisions of one repository, numbered and with
    their reasons: what every review output shows (the history, the review
    marks, the Synopse, ``make diff``).

    Most commits give no reason: one ``git log`` up to HEAD says whether any
    does, and where none does, no comparison is made commit by commit.
    """

    def __init__(
        self, repository: Repository, image_folder: str, translate: Translate
    ) -> None:
        self.repository = repository
        self.image_folder = image_folder
        self.translate = translate
        self.ids = FileIds(repository)
        self.reasons_given = any(
            commit.reason for commit in commits(repository, None, "HEAD")
        )

    def changes(
        self,
        old: str | None,
        new: str | None,
        before: dict[str, StrategyPage],
        after: dict[str, StrategyPage],
    ) -> list[Change]:
        """The changes from ``before``, the pages at revision ``old`` (None:
        none), to ``after``, those at ``new`` (None: the work tree)."""
        found = self._compare(old, new, before, after)
        return self._with_reasons(found, old, new) if self.reasons_given else found

    def _compare(
        self,
        old: str | None,
        new: str | None,
        before: dict[str, StrategyPage],
        after: dict[str, StrategyPage],
    ) -> list[Change]:
        same_image = same_image_file(
            self.repository, old, new, self.image_folder, self.ids
        )
        return compare(before, after, self.translate, same_image)

    def _with_reasons(
        self, changes: list[Change], old: str | None, new: str | None
    ) -> list[Change]:
        reasoned = [
            step for step in commits(self.repository, old, new or "HEAD") if step.reason
        ]
        if not reasoned:
            return changes
        snapshots = self.repository.snapshots(
            sorted(
                {revision for step in reasoned for revision in (step.id, step.parent)}
                - {""}
            )
        )
        by_key: dict[tuple[str, ...], list[str]] = {}
        for step in reasoned:
            before = snapshots[step.parent] if step.parent else {}
            parent = step.parent or None
            for change in self._compare(parent, step.id, before, snapshots[step.id]):
                given = by_key.setdefault(change.key, [])
                if step.reason not in given:
                    given.append(step.reason)
        return [
            replace(change, reasons=tuple(by_key.get(change.key, ())))
            for change in changes
        ]
