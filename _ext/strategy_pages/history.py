"""What changed in the strategy between two revisions of the repository.

Pages are compared as normalised models, so a page rewritten from the flat to
the nested CMS shape with the same content shows no change, and neither does
an edit of white space alone.  Used by the ``strategy-history`` directive (one
comparison per release tag), by the review command (``make diff``) and by the
old anchors of renamed items (:mod:`.anchors`).
"""

from __future__ import annotations

import difflib
import subprocess
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .loading import load_front_matter
from .model import Hero, Item, Section, StrategyPage, normalise
from .schema import has_strategy_data
from .versioning import git

Translate = Callable[[str], str]

#: Two descriptions this alike (0..1) make a removed and an added item a rename.
RENAME_SIMILARITY = 0.6


@dataclass(frozen=True)
class Release:
    tag: str
    date: str  # ISO date of the tagged commit


@dataclass(frozen=True)
class WordDiff:
    """A text edit as runs of words: (``" "``, ``"+"`` or ``"-"``, text)."""

    runs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Change:
    """One change on one page, described in a sentence.

    ``kind`` is one of: page_added, page_removed, item_added, item_removed,
    item_renamed, heading, text, image.  Text changes carry a word diff.
    """

    kind: str
    page: str
    headline: str
    diff: WordDiff | None = None


@dataclass(frozen=True)
class Repository:
    """A git work tree and the folder of its Sphinx sources inside it."""

    root: Path
    srcdir: str  # relative to root, POSIX

    @classmethod
    def find(cls, srcdir: Path) -> Repository | None:
        top = git(srcdir, "rev-parse", "--show-toplevel")
        if top is None:
            return None
        root = Path(top).resolve()
        return cls(root, Path(srcdir).resolve().relative_to(root).as_posix())

    def is_shallow(self) -> bool:
        return git(self.root, "rev-parse", "--is-shallow-repository") == "true"

    def releases(self, pattern: str) -> list[Release]:
        """Tags matching ``pattern``, newest version first."""
        listing = git(
            self.root,
            "tag",
            "--list",
            pattern,
            "--sort=-version:refname",
            "--format=%(refname:short)%09%(creatordate:short)",
        )
        return [Release(*line.split("\t", 1)) for line in (listing or "").splitlines()]

    def pages(self, revision: str | None) -> dict[str, StrategyPage]:
        """The strategy pages at ``revision`` (None: the work tree), by path."""
        if revision is None:
            return {
                path: page
                for path, text in self._work_tree_files()
                if (page := _strategy_page(text, path)) is not None
            }
        return self.snapshots([revision])[revision]

    def snapshots(self, revisions: Sequence[str]) -> dict[str, dict[str, StrategyPage]]:
        """The strategy pages at each of ``revisions``, by path.

        One ``git cat-file --batch`` process reads the files of all of them,
        and only files this process has not read before: a file is a blob,
        named by its content, so one unchanged across releases is read once.
        """
        listings = {revision: self._markdown_blobs(revision) for revision in revisions}
        wanted = {
            (blob, path)
            for listing in listings.values()
            for path, blob in listing.items()
        }
        _read_blob_pages(self.root, wanted - _BLOB_PAGES.keys())
        return {
            revision: {
                path: page
                for path, blob in listing.items()
                if (page := _BLOB_PAGES.get((blob, path))) is not None
            }
            for revision, listing in listings.items()
        }

    def _work_tree_files(self) -> Iterator[tuple[str, str]]:
        sources = self.root / self.srcdir
        for file in sorted(sources.rglob("*.md")):
            hidden = (".", "_")
            if not any(
                part.startswith(hidden) for part in file.relative_to(sources).parts
            ):
                path = file.relative_to(self.root).as_posix()
                yield path, file.read_text("utf-8-sig", errors="replace")

    def _markdown_blobs(self, revision: str) -> dict[str, str]:
        """The Markdown files in the sources at ``revision``: blob ids by path."""
        # -z: paths as they are, not quoted (umlauts in file names)
        listing = git(self.root, "ls-tree", "-r", "-z", revision, "--", self.srcdir)
        blobs = {}
        for entry in (listing or "").split("\0"):
            meta, _, path = entry.partition("\t")
            fields = meta.split()
            if len(fields) == 3 and fields[1] == "blob" and path.endswith(".md"):
                blobs[path] = fields[2]
        return blobs


#: The strategy page of each git blob read so far (None: it has none), by blob
#: id and path.  Blobs never change, so this holds for the whole process.
_BLOB_PAGES: dict[tuple[str, str], StrategyPage | None] = {}


def _read_blob_pages(root: Path, wanted: Collection[tuple[str, str]]) -> None:
    """Read the blobs ``wanted`` (id, path) into :data:`_BLOB_PAGES`."""
    contents = _cat_blobs(root, {blob for blob, _ in wanted})
    for blob, path in wanted:
        if blob in contents:
            text = contents[blob].decode("utf-8-sig", errors="replace")
            _BLOB_PAGES[blob, path] = _strategy_page(text, path)


def _cat_blobs(root: Path, blobs: Collection[str]) -> dict[str, bytes]:
    """The contents of ``blobs`` by id, read by one ``git cat-file --batch``."""
    if not blobs:
        return {}
    request = "".join(f"{blob}\n" for blob in blobs).encode("ascii")
    try:
        result = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=root,
            input=request,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    return _batch_contents(result.stdout) if result.returncode == 0 else {}


def _batch_contents(output: bytes) -> dict[str, bytes]:
    """Parse what ``git cat-file --batch`` printed: contents by object id.

    Each object is a line ``<id> <type> <size>``, its contents and a newline;
    an object git lacks (a shallow clone) is a line ``<id> missing``.
    """
    contents = {}
    position = 0
    while (end := output.find(b"\n", position)) != -1:
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3:
            size = int(header[2])
            contents[header[0].decode("ascii")] = output[position : position + size]
            position += size + 1
    return contents


def _strategy_page(text: str, path: str) -> StrategyPage | None:
    result = load_front_matter(text, path)
    if result.data is not None and has_strategy_data(result.data.value):
        return normalise(result.data)
    return None


def compare(
    old: dict[str, StrategyPage], new: dict[str, StrategyPage], _: Translate
) -> list[Change]:
    """Every change from the pages ``old`` to the pages ``new``, by path."""
    changes: list[Change] = []
    for path in sorted(old.keys() | new.keys()):
        before, after = old.get(path), new.get(path)
        if before is None and after is not None:
            title = page_title(after, path)
            changes.append(
                Change("page_added", title, _("New page “{page}”").format(page=title))
            )
        elif after is None and before is not None:
            title = page_title(before, path)
            changes.append(
                Change(
                    "page_removed", title, _("Page “{page}” removed").format(page=title)
                )
            )
        elif before is not None and after is not None:
            changes += _PageComparison(page_title(after, path), _).run(before, after)
    return changes


def page_title(page: StrategyPage, path: str) -> str:
    return page.hero.title if page.hero is not None else path


class _PageComparison:
    def __init__(self, page: str, translate: Translate) -> None:
        self.page = page
        self._ = translate

    def run(self, before: StrategyPage, after: StrategyPage) -> Iterator[Change]:
        _ = self._
        old, new = before.hero, after.hero
        yield from self.heading(
            _("Page title"), _hero_field(old, "title"), _hero_field(new, "title")
        )
        yield from self.heading(
            _("Subtitle"), _hero_field(old, "subtitle"), _hero_field(new, "subtitle")
        )
        yield from self.text(
            _("Introduction changed:"),
            _hero_field(old, "description"),
            _hero_field(new, "description"),
        )
        yield from self.image(
            _("Image of the introduction changed: {old} → {new}"),
            _image(old),
            _image(new),
        )
        yield from self.section(before.goals, after.goals, _("Goals"), goals=True)
        yield from self.section(
            before.formats, after.formats, _("Formats"), goals=False
        )

    def section(
        self,
        before: Section | None,
        after: Section | None,
        default: str,
        *,
        goals: bool,
    ) -> Iterator[Change]:
        _ = self._
        old_heading = (before.title or default) if before else ""
        new_heading = (after.title or default) if after else ""
        label = _("Heading of the goals") if goals else _("Heading of the formats")
        yield from self.heading(label, old_heading, new_heading)
        yield from self.text(
            _("Introduction to “{heading}” changed:").format(
                heading=new_heading or old_heading
            ),
            before.description if before else "",
            after.description if after else "",
        )
        old_items = list(before.items) if before else []
        new_items = list(after.items) if after else []
        removed, added = _removed_and_added(old_items, new_items)
        for old_item, new_item in list(_renames(removed, added)):
            removed.remove(old_item)
            added.remove(new_item)
            renamed = (
                _("Goal renamed: “{old}” → “{new}”")
                if goals
                else _("Format renamed: “{old}” → “{new}”")
            )
            yield Change(
                "item_renamed",
                self.page,
                renamed.format(old=old_item.title, new=new_item.title),
            )
            yield from self.item(old_item, new_item)
        for item in removed:
            message = (
                _("Goal removed: “{title}”")
                if goals
                else _("Format removed: “{title}”")
            )
            yield Change("item_removed", self.page, message.format(title=item.title))
        for item in added:
            message = _("New goal: “{title}”") if goals else _("New format: “{title}”")
            yield Change("item_added", self.page, message.format(title=item.title))
        by_title = {item.title: item for item in old_items}
        for item in new_items:
            if item.title in by_title:
                yield from self.item(by_title[item.title], item)

    def item(self, old: Item, new: Item) -> Iterator[Change]:
        _ = self._
        yield from self.text(
            _("Text of “{title}” changed:").format(title=new.title),
            old.description,
            new.description,
        )
        yield from self.image(
            _("Image of “{title}” changed: {old} → {new}"),
            _image(old),
            _image(new),
            new.title,
        )

    def heading(self, label: str, old: str, new: str) -> Iterator[Change]:
        if _same(old, new):
            return
        _ = self._
        if not old:
            headline = _("{label} added: “{new}”").format(label=label, new=new)
        elif not new:
            headline = _("{label} removed: “{old}”").format(label=label, old=old)
        else:
            headline = _("{label} changed: “{old}” → “{new}”").format(
                label=label, old=old, new=new
            )
        yield Change("heading", self.page, headline)

    def text(self, headline: str, old: str, new: str) -> Iterator[Change]:
        if not _same(old, new):
            yield Change("text", self.page, headline, word_diff(old, new))

    def image(
        self, template: str, old: str, new: str, title: str = ""
    ) -> Iterator[Change]:
        """A change of image, told by ``template`` (fields: old, new, title)."""
        if not _same(old, new):
            none = self._("none")
            headline = template.format(old=old or none, new=new or none, title=title)
            yield Change("image", self.page, headline)


def renamed(
    old_items: Sequence[Item], new_items: Sequence[Item]
) -> list[tuple[Item, Item]]:
    """(old, new) for each item of ``old_items`` that ``new_items`` renames.

    An item is renamed when its title is gone and a new title has a text
    alike; the version history and the old anchors of renamed items agree so.
    """
    return list(_renames(*_removed_and_added(old_items, new_items)))


def _removed_and_added(
    old_items: Sequence[Item], new_items: Sequence[Item]
) -> tuple[list[Item], list[Item]]:
    """The items whose titles ``new_items`` lacks, and those it adds."""
    new_titles = {item.title for item in new_items}
    old_titles = {item.title for item in old_items}
    removed = [item for item in old_items if item.title not in new_titles]
    added = [item for item in new_items if item.title not in old_titles]
    return removed, added


def _renames(removed: list[Item], added: list[Item]) -> Iterator[tuple[Item, Item]]:
    """Pairs of a removed and an added item whose descriptions are alike."""
    taken: set[int] = set()
    for old in removed:
        best, best_ratio = None, RENAME_SIMILARITY
        for index, new in enumerate(added):
            ratio = _similarity(old.description, new.description)
            if index not in taken and ratio >= best_ratio:
                best, best_ratio = index, ratio
        if best is not None:
            taken.add(best)
            yield old, added[best]


def word_diff(old: str, new: str) -> WordDiff:
    old_words, new_words = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            runs.append((" ", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", " ".join(old_words[i1:i2])))
        if j2 > j1:
            runs.append(("+", " ".join(new_words[j1:j2])))
    return WordDiff(tuple(runs))


def _same(old: str, new: str) -> bool:
    """Equal but for white space."""
    return old.split() == new.split()


def _similarity(old: str, new: str) -> float:
    if not old.strip() and not new.strip():
        return 0.0
    return difflib.SequenceMatcher(a=old.split(), b=new.split(), autojunk=False).ratio()


def _hero_field(hero: Hero | None, name: str) -> str:
    return getattr(hero, name) if hero is not None else ""


def _image(owner: Hero | Item | None) -> str:
    return owner.image.path if owner is not None and owner.image is not None else ""
