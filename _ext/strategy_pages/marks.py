"""Review marks: each strategy page shows what changed against a release.

With ``strategy_review_base`` set to a release tag (``make html
SPHINXOPTS="-D strategy_review_base=v1.0"``), every strategy page opens with a
banner naming the base and marks its changes in place: new items as new,
inserted and deleted words in changed texts, renamed titles with the old
title, removed items struck through where they were.  On a Read the Docs
pull-request build the base defaults to the newest release, so every preview
is a review.  Without a base, pages carry no marks.

This module compares; each component shows its marks (with :mod:`.marknodes`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util import logging

from .core import vocabulary
from .core.textdiff import WordDiff, word_diff
from .history import Change, Repository
from .messages import translate
from .model import Hero, Item, Section, StrategyPage, match_items
from .reasons import ChangeLog
from .versioning import resolve_commit

_ = get_translation("strategy_pages")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Numbers:
    """The numbered changes of one part of a page (from the comparison
    :func:`..history.compare` makes of the whole site), so that a mark shows
    the number the history, the Synopse and ``make diff`` give the change."""

    changes: tuple[Change, ...] = ()

    def of(self, item: str = "") -> tuple[int, ...]:
        """The numbers of the changes of the item titled ``item`` now, or of
        the part itself (its heading, introduction, link)."""
        return tuple(
            change.number
            for change in self.changes
            if change.item == item and change.kind != "item_removed"
        )

    def of_removed(self, item: str) -> tuple[int, ...]:
        return tuple(
            change.number
            for change in self.changes
            if change.item == item and change.kind == "item_removed"
        )


@dataclass(frozen=True)
class ItemMarks:
    """How an item differs from the base: new, renamed, moved (its number in
    the base's list), its text changed; the numbers of those changes."""

    new: bool = False
    old_title: str = ""
    text: WordDiff | None = None
    moved_from: int = 0
    numbers: tuple[int, ...] = ()


@dataclass(frozen=True)
class Removed:
    """An item of the base the page lost, and the number of that change."""

    item: Item
    numbers: tuple[int, ...] = ()


@dataclass(frozen=True)
class SectionMarks:
    old_heading: str = ""
    introduction: WordDiff | None = None
    #: by the item's title now
    items: dict[str, ItemMarks] = field(default_factory=dict)
    #: items of the base that are gone, by the number of items now before them
    removed: dict[int, list[Removed]] = field(default_factory=dict)
    #: of the changes of the section's heading and introduction
    numbers: tuple[int, ...] = ()


@dataclass(frozen=True)
class HeroMarks:
    old_title: str = ""
    introduction: WordDiff | None = None
    numbers: tuple[int, ...] = ()


@dataclass(frozen=True)
class PageMarks:
    """The marks of one page against the base (its name: „Fassung 1.0“)."""

    release_name: str
    #: each component's marks, by its name
    parts: dict[str, Any] = field(default_factory=dict)

    def of(self, name: str) -> Any:
        return self.parts.get(name)


#: How each part is marked against the base, by name: (old part, new part,
#: the numbers of its changes) -> the part's marks.  The components enter
#: theirs (:mod:`.registry`).
MARKERS: dict[str, Callable[[Any, Any, Numbers], Any]] = {}


def page_marks(
    release_name: str,
    base: StrategyPage | None,
    page: StrategyPage,
    changes: Sequence[Change] = (),
) -> PageMarks:
    """The marks of ``page`` against ``base`` (None: the base lacks the page),
    numbered as ``changes``, the page's numbered changes."""
    old = base.content if base is not None else {}
    return PageMarks(
        release_name,
        {
            part.name: MARKERS[part.name](
                old.get(part.name),
                page.content[part.name],
                Numbers(tuple(c for c in changes if c.part == part.name)),
            )
            for part in vocabulary.parts()
            if page.content.get(part.name) is not None
        },
    )


def hero_marks(old: Hero | None, new: Hero, numbers: Numbers) -> HeroMarks:
    return HeroMarks(
        old_title=old.title
        if old is not None and _differ(old.title, new.title)
        else "",
        introduction=_text(old.description if old else "", new.description),
        numbers=numbers.of(),
    )


def section_marks(
    before: Section | None, after: Section | None, numbers: Numbers
) -> SectionMarks:
    matching = match_items(before.items if before else (), after.items if after else ())
    items = {}
    for new_index, item in enumerate(matching.new):
        old_index = matching.old_of(new_index)
        if old_index is None:
            items[item.title] = ItemMarks(new=True, numbers=numbers.of(item.title))
            continue
        old = matching.old[old_index]
        items[item.title] = ItemMarks(
            old_title=old.title if old.title != item.title else "",
            text=_text(old.description, item.description),
            moved_from=old_index + 1 if new_index in matching.moved else 0,
            numbers=numbers.of(item.title),
        )
    # A removed item stays where it was (Matching.in_new_order), by the
    # number of items now before it.
    removed: dict[int, list[Removed]] = {}
    shown = 0
    for was, now in matching.in_new_order():
        if now is not None:
            shown = now + 1
        elif was is not None:
            gone = matching.old[was]
            removed.setdefault(shown, []).append(
                Removed(gone, numbers.of_removed(gone.title))
            )
    old_heading = before.title if before else ""
    return SectionMarks(
        old_heading=old_heading
        if before and after and _differ(before.title, after.title)
        else "",
        introduction=_text(
            before.description if before else "", after.description if after else ""
        ),
        items=items,
        removed=removed,
        numbers=numbers.of(),
    )


def _text(old: str, new: str) -> WordDiff | None:
    return word_diff(old, new) if _differ(old, new) and old.strip() else None


def _differ(old: str, new: str) -> bool:
    return old.split() != new.split()


#: The label of the history's section of changes not released yet, which the
#: review banner links to.
UNPUBLISHED_LABEL = "strategy-unpublished-changes"


# The build: the base release's pages, read once a build.


@dataclass(frozen=True)
class _Base:
    """The review base's pages and the numbered changes of the work tree
    against them, both by path in the repository."""

    repository: Repository
    pages: dict[str, StrategyPage]
    changes: dict[str, list[Change]]


#: The review base of each repository; read once a build.
_BASES: dict[tuple[Path, str], _Base | None] = {}


def marks_for(env: BuildEnvironment, page: StrategyPage) -> PageMarks | None:
    """The review marks of ``page``, or None without a review base."""
    base = env.config.strategy_review_base
    if not base:
        return None
    srcdir = Path(env.srcdir)
    if (srcdir, base) not in _BASES:
        _BASES[srcdir, base] = _read_base(
            srcdir, base, env.config.strategy_image_folder
        )
    found = _BASES[srcdir, base]
    if found is None:
        return None
    resolved = Path(page.source).resolve()
    if not resolved.is_relative_to(found.repository.root):
        return None
    path = resolved.relative_to(found.repository.root).as_posix()
    return page_marks(
        release_name(env.config, base),
        found.pages.get(path),
        page,
        found.changes.get(path, []),
    )


def _read_base(srcdir: Path, base: str, image_folder: str) -> _Base | None:
    """The pages at ``base`` and the changes since, numbered as the history
    and ``make diff`` number them: one comparison of all pages."""
    repository = Repository.find(srcdir)
    if repository is None:
        return None
    pages = repository.pages(base)
    log = ChangeLog(repository, image_folder, translate)
    changes: dict[str, list[Change]] = {}
    for change in log.changes(base, None, pages, repository.pages(None)):
        changes.setdefault(change.path, []).append(change)
    return _Base(repository, pages, changes)


def release_name(config: Config, ref: str) -> str:
    """„Fassung 1.0“ for the tag ``v1.0``; other refs as they are."""
    prefix = config.strategy_release_tags.split("*", 1)[0]
    if not ref.startswith(prefix):
        return ref
    return str(_("Release {release}")).format(release=ref.removeprefix(prefix))


def _forget_bases(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _BASES.clear()  # a tag may have moved since the last build


def _settle_base(app: Sphinx, config: Config) -> None:
    """Check the review base, or on a Read the Docs pull-request build, review
    against the newest release.

    A base git does not know (a typo) would mark every item new: it is named
    in a warning, and the pages carry no marks.
    """
    base = config.strategy_review_base
    if not base and os.environ.get("READTHEDOCS_VERSION_TYPE") == "external":
        repository = Repository.find(Path(app.srcdir))
        if repository is not None:
            releases = repository.releases(config.strategy_release_tags)
            config.strategy_review_base = releases[0].tag if releases else ""
        return
    if base and resolve_commit(Path(app.srcdir), base) is None:
        message = _(
            "strategy_review_base: git knows no commit “{base}” (a release tag "
            "such as “v1.0”); the pages carry no review marks"
        )
        logger.warning(
            str(message).format(base=base), type="strategy", subtype="review_base"
        )
        config.strategy_review_base = ""


def setup_marks(app: Sphinx) -> None:
    app.add_config_value(
        "strategy_review_base",
        "",
        "env",
        types=frozenset({str}),
        description="A git ref (a release tag) whose changes every strategy page "
        "marks; '' for none (on Read the Docs pull-request builds: the newest "
        "release).",
    )
    app.connect("config-inited", _settle_base)
    app.connect("env-before-read-docs", _forget_bases)
