"""Review marks: each strategy page shows what changed against a release.

With ``strategy_review_base`` set to a release tag (``make html
SPHINXOPTS="-D strategy_review_base=v1.0"``), every strategy page opens with a
banner naming the base and marks its changes in place: new items as new,
inserted and deleted words in changed texts, renamed titles with the old
title, removed items struck through where they were.  On a Read the Docs
pull-request build the base defaults to the newest release, so every preview
is a review.  Without a base, pages carry no marks.

This module compares; :mod:`.render` shows the marks it finds here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .history import Repository, WordDiff, renamed, word_diff
from .model import Item, Section, StrategyPage


@dataclass(frozen=True)
class ItemMarks:
    """How an item differs from the base: new, renamed, its text changed."""

    new: bool = False
    old_title: str = ""
    text: WordDiff | None = None


@dataclass(frozen=True)
class SectionMarks:
    old_heading: str = ""
    introduction: WordDiff | None = None
    #: by the item's title now
    items: dict[str, ItemMarks] = field(default_factory=dict)
    #: items of the base that are gone, by the number of items now before them
    removed: dict[int, list[Item]] = field(default_factory=dict)


@dataclass(frozen=True)
class PageMarks:
    """The marks of one page against the base ``release`` (its tag)."""

    release: str
    old_title: str = ""
    introduction: WordDiff | None = None
    goals: SectionMarks = field(default_factory=SectionMarks)
    formats: SectionMarks = field(default_factory=SectionMarks)

    def of(self, part: str) -> SectionMarks:
        return self.goals if part == "goals" else self.formats


def page_marks(
    release: str, base: StrategyPage | None, page: StrategyPage
) -> PageMarks:
    """The marks of ``page`` against ``base`` (None: the base lacks the page)."""
    old = base or StrategyPage(page.source, None, None, None)
    old_title = old.hero.title if old.hero else ""
    new_title = page.hero.title if page.hero else ""
    return PageMarks(
        release=release,
        old_title=old_title if old.hero and _differ(old_title, new_title) else "",
        introduction=_text(
            old.hero.description if old.hero else "",
            page.hero.description if page.hero else "",
        ),
        goals=_section_marks(old.goals, page.goals),
        formats=_section_marks(old.formats, page.formats),
    )


def _section_marks(before: Section | None, after: Section | None) -> SectionMarks:
    old_items = list(before.items) if before else []
    new_items = list(after.items) if after else []
    renames = {new.title: old for old, new in renamed(old_items, new_items)}
    by_title = {item.title: item for item in old_items}
    items = {}
    for item in new_items:
        old = renames.get(item.title) or by_title.get(item.title)
        if old is None:
            items[item.title] = ItemMarks(new=True)
        else:
            items[item.title] = ItemMarks(
                old_title=old.title if old.title != item.title else "",
                text=_text(old.description, item.description),
            )
    # A removed item stays where it was: after the item now that was its
    # nearest predecessor (0: before the first item).
    number = {item.title: n for n, item in enumerate(new_items, start=1)}
    now = {old.title: new for new, old in renames.items()}
    now |= {title: title for title in number if title in by_title}
    removed: dict[int, list[Item]] = {}
    for position, old in enumerate(old_items):
        if old.title in now:
            continue
        previous = next(
            (now[o.title] for o in reversed(old_items[:position]) if o.title in now),
            None,
        )
        removed.setdefault(number[previous] if previous else 0, []).append(old)
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
    )


def _text(old: str, new: str) -> WordDiff | None:
    return word_diff(old, new) if _differ(old, new) and old.strip() else None


def _differ(old: str, new: str) -> bool:
    return old.split() != new.split()


#: The label of the history's section of changes not released yet, which the
#: review banner links to.
UNPUBLISHED_LABEL = "strategy-unpublished-changes"


# The build: the base release's pages, read once a build.

#: The base's strategy pages, by repository; read once a build.
_BASES: dict[tuple[Path, str], tuple[Repository, dict[str, StrategyPage]] | None] = {}


def marks_for(env: BuildEnvironment, page: StrategyPage) -> PageMarks | None:
    """The review marks of ``page``, or None without a review base."""
    base = env.config.strategy_review_base
    if not base:
        return None
    srcdir = Path(env.srcdir)
    if (srcdir, base) not in _BASES:
        repository = Repository.find(srcdir)
        _BASES[srcdir, base] = (
            (repository, repository.pages(base)) if repository is not None else None
        )
    found = _BASES[srcdir, base]
    if found is None:
        return None
    repository, pages = found
    resolved = Path(page.source).resolve()
    if not resolved.is_relative_to(repository.root):
        return None
    path = resolved.relative_to(repository.root).as_posix()
    return page_marks(base, pages.get(path), page)


def _forget_bases(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _BASES.clear()  # a tag may have moved since the last build


def _default_base(app: Sphinx, config: Config) -> None:
    """On a Read the Docs pull-request build, review against the newest release."""
    if (
        config.strategy_review_base
        or os.environ.get("READTHEDOCS_VERSION_TYPE") != "external"
    ):
        return
    repository = Repository.find(Path(app.srcdir))
    releases = repository.releases(config.strategy_release_tags) if repository else []
    if releases:
        config.strategy_review_base = releases[0].tag


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
    app.connect("config-inited", _default_base)
    app.connect("env-before-read-docs", _forget_bases)
