"""Old anchors of renamed goals and formats, so that deep links survive renames.

A goal or format renamed since a release keeps the id of each earlier title as
a further id of its section: ``projekt.html#beteiligung`` still lands on the
goal after it was renamed.  Renames are found as the version history finds
them (:func:`.history.renamed`), release after release from the oldest to the
work tree, so an item renamed twice keeps both old ids.  An old id that the
page already uses (for another item, say) stays where it is.

Without git or without release tags there are no old anchors; the history
page is the one that says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import data
from .core import vocabulary
from .history import Repository
from .model import Item, StrategyPage, match_items

#: The earlier titles of items, oldest first, by current title.
OldTitles = dict[str, tuple[str, ...]]

#: Strategy pages by path in the repository.
Snapshot = Mapping[str, StrategyPage]


@dataclass(frozen=True)
class ReleasedTitles:
    """The titles items had in the releases, up to the newest release."""

    root: Path
    #: the pages of the newest release
    newest: Snapshot
    #: earlier titles of the items of ``newest``, by page path and part
    old_titles: dict[tuple[str, str], OldTitles]


def released_titles(repository: Repository, tag_pattern: str) -> ReleasedTitles | None:
    """What the releases of ``repository`` say; None without any."""
    tags = [release.tag for release in reversed(repository.releases(tag_pattern))]
    if not tags:
        return None
    by_tag = repository.snapshots(tags)
    snapshots = [by_tag[tag] for tag in tags]
    old_titles: dict[tuple[str, str], OldTitles] = {}
    for older, newer in pairwise(snapshots):
        old_titles = _carry(old_titles, older, newer)
    return ReleasedTitles(repository.root, snapshots[-1], old_titles)


def _carry(
    old_titles: dict[tuple[str, str], OldTitles], older: Snapshot, newer: Snapshot
) -> dict[tuple[str, str], OldTitles]:
    """``old_titles`` of the items of ``older``, carried to those of ``newer``."""
    return {
        (path, part): carried(
            old_titles.get((path, part), {}),
            items(older.get(path), part),
            items(page, part),
        )
        for path, page in newer.items()
        for part in _item_parts().values()
    }


def carried(
    old_titles: OldTitles, before: Sequence[Item], after: Sequence[Item]
) -> OldTitles:
    """The earlier titles of the items ``after``, from those of the items ``before``.

    An item that kept its title keeps its earlier titles; a renamed one adds
    the title it had ``before``; a new one has none.
    """
    kept = {item.title for item in before} & {item.title for item in after}
    result = {title: old_titles[title] for title in kept if old_titles.get(title)}
    matching = match_items(before, after)
    for old, new in matching.pairs:
        if old in matching.renamed:
            title = matching.old[old].title
            result[matching.new[new].title] = (*old_titles.get(title, ()), title)
    return result


def items(page: StrategyPage | None, part: str) -> Sequence[Item]:
    section = page.content.get(part) if page is not None else None
    return section.items if section is not None else ()


def _item_parts() -> dict[str, str]:
    """The parts whose items have anchors, by the class of an item's section."""
    return {item_class: c.name for item_class, c in vocabulary.with_items().items()}


# The build: the repository is found and its releases are read once a build,
# before the documents are read (in the main process, so that parallel readers
# inherit them); each document then compares its own data with the newest
# release.  The history page uses the same repository, which keeps what it has
# read of git: the tags and trees are read once a build.


@dataclass(frozen=True)
class BuildReleases:
    """What the build running found of git."""

    #: the repository of the sources; None where they are in none
    repository: Repository | None
    #: what its releases say; None where there is no release
    titles: ReleasedTitles | None


#: What the build running found of git, by source folder.
_BUILDS: dict[Path, BuildReleases] = {}


def read_releases(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:
        _read(env)


def _read(env: BuildEnvironment) -> BuildReleases:
    srcdir = Path(env.srcdir)
    repository = Repository.find(srcdir)
    pattern = env.config.strategy_release_tags
    titles = released_titles(repository, pattern) if repository else None
    found = _BUILDS[srcdir] = BuildReleases(repository, titles)
    return found


def build_releases(env: BuildEnvironment) -> BuildReleases:
    """What the build running found of git; read now for a document read
    without ``env-before-read-docs``."""
    found = _BUILDS.get(Path(env.srcdir))
    return found if found is not None else _read(env)


def add_old_anchors(app: Sphinx, doctree: nodes.document) -> None:
    """Give the sections of renamed items the ids of their earlier titles."""
    released, document = build_releases(app.env).titles, data.current(app.env)
    if released is None or document is None:
        return
    shown = [document.page, *document.files.values()]
    for page in (page for page in shown if page is not None):
        path = _repository_path(page.source, released.root)
        if path is not None:
            _add_to_page(doctree, page, _old_titles(released, path, page))


def _old_titles(
    released: ReleasedTitles, path: str, page: StrategyPage
) -> dict[str, OldTitles]:
    """The earlier titles of the items of ``page`` (the work tree), by part."""
    newest = released.newest.get(path)
    return {
        part: carried(
            released.old_titles.get((path, part), {}),
            items(newest, part),
            items(page, part),
        )
        for part in _item_parts().values()
    }


def _add_to_page(
    doctree: nodes.document, page: StrategyPage, old_titles: dict[str, OldTitles]
) -> None:
    item_parts = _item_parts()
    for section in doctree.findall(nodes.section):
        part = next(
            (item_parts[name] for name in section["classes"] if name in item_parts),
            None,
        )
        if part is None or section.source != page.source:
            continue
        title = section.next_node(nodes.title)
        # The title as the data has it: smart quotes have changed its text.
        current = title.rawsource if title is not None else ""
        for old in old_titles[part].get(current, ()):
            _add_id(doctree, section, nodes.make_id(old))


def _add_id(doctree: nodes.document, section: nodes.section, old_id: str) -> None:
    # An id the document uses stays where it is: it may be another item's now.
    if old_id and old_id not in doctree.ids:
        section["ids"].append(old_id)
        doctree.ids[old_id] = section


def _repository_path(source: str, root: Path) -> str | None:
    resolved = Path(source).resolve()
    if not resolved.is_relative_to(root):
        return None
    return resolved.relative_to(root).as_posix()


def setup_anchors(app: Sphinx) -> None:
    app.connect("env-before-read-docs", read_releases)
    app.connect("doctree-read", add_old_anchors)
