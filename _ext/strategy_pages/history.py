"""What changed in the strategy between two revisions of the repository.

Pages are compared as normalised models, so a page rewritten from the flat to
the nested CMS shape with the same content shows no change, and neither does
an edit of white space alone.  Used by the ``strategy-history`` directive (one
comparison per release tag), by the review command (``make diff``) and by the
old anchors of renamed items (:mod:`.anchors`).
"""

from __future__ import annotations

import difflib
import posixpath
import re
import subprocess
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import registry
from .loading import load_front_matter
from .model import Hero, Item, Link, Section, StrategyPage, normalise
from .paths import REMOTE, inside
from .schema import check, has_strategy_data
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
    item_renamed, order, heading, text, image, link.  ``part`` (hero, goals,
    formats) and ``item`` (the item's title in the newer version) say where
    the change is, for a link to it; text changes carry a word diff, added
    and removed items their whole text, image changes both paths.
    """

    kind: str
    page: str
    headline: str
    diff: WordDiff | None = None
    path: str = ""
    part: str = ""
    item: str = ""
    text: str = ""
    images: tuple[str, str] = ("", "")


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
        listings = _markdown_blobs(self.root, self.srcdir, revisions)
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

    def file(self, revision: str | None, path: str) -> bytes | None:
        """The bytes of ``path`` (in the repository) at ``revision`` (None: the
        work tree); None where there is no such file."""
        if revision is None:
            try:
                return (self.root / path).read_bytes()
            except OSError:
                return None
        found = _cat(self.root, [f"{revision}:{path}"])[0]
        return found[1] if found is not None else None

    def image_path(self, page: str, image: str, image_folder: str) -> str | None:
        """Where an image the data of ``page`` names lies in the repository.

        As the build resolves it (``/images/x.svg`` from ``image_folder`` in
        the sources, other paths from the page's folder); None for a remote
        image or a path that leaves the sources.
        """
        if REMOTE.match(image):
            return None
        if image.startswith("/"):
            base, relative = (
                posixpath.join(self.srcdir, image_folder),
                image.lstrip("/"),
            )
        else:
            base, relative = posixpath.dirname(page), image
        path = posixpath.normpath(posixpath.join(base, relative))
        sources = posixpath.normpath(self.srcdir)
        inside = sources == "." or path.startswith(sources + "/")
        return path if inside and not path.startswith("../") else None

    def _work_tree_files(self) -> Iterator[tuple[str, str]]:
        sources = self.root / self.srcdir
        for file in sorted(sources.rglob("*.md")):
            relative = file.relative_to(sources).parts
            # A link may lead outside the sources: such a file is not theirs.
            if not _hidden(relative) and inside(file, sources) is not None:
                path = file.relative_to(self.root).as_posix()
                yield path, file.read_text("utf-8-sig", errors="replace")


def _hidden(parts: Sequence[str]) -> bool:
    """Whether a path in the sources is in a folder Sphinx keeps for itself
    (``_build``, ``_static``) or a hidden one."""
    return any(part.startswith((".", "_")) for part in parts[:-1])


#: The entries (mode, name, id) of each git tree read so far, by repository
#: and tree id.  A tree never changes, so this holds for the process (a
#: revision's name, such as a tag, may name another tree later: those are
#: asked each time).
_TREES: dict[tuple[Path, str], list[tuple[bytes, str, str]]] = {}

_OBJECT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def _markdown_blobs(
    root: Path, srcdir: str, revisions: Sequence[str]
) -> dict[str, dict[str, str]]:
    """The Markdown files in the sources at each revision: blob ids by path.

    The trees of all revisions are read together, a folder level at a time,
    each level by one ``git cat-file --batch``: one process for each depth of
    the sources instead of one for each revision, and a tree the revisions
    share is read once.
    """
    top = "" if srcdir in ("", ".") else srcdir
    start = f"{{}}:{top}" if top else "{}^{{tree}}"
    listings: dict[str, dict[str, str]] = {revision: {} for revision in revisions}
    pending = {revision: [(start.format(revision), top)] for revision in revisions}
    while any(pending.values()):
        trees = _trees(root, {name for level in pending.values() for name, _ in level})
        following: dict[str, list[tuple[str, str]]] = {}
        for revision, level in pending.items():
            for name, folder in level:
                for mode, entry, object_id in trees[name]:
                    path = f"{folder}/{entry}" if folder else entry
                    if mode == b"40000" and not entry.startswith((".", "_")):
                        following.setdefault(revision, []).append((object_id, path))
                    elif mode != b"40000" and entry.endswith(".md"):
                        listings[revision][path] = object_id
        pending = following
    return listings


def _trees(
    root: Path, names: Collection[str]
) -> dict[str, list[tuple[bytes, str, str]]]:
    """The entries of the trees ``names``: those not read yet by one process."""
    fresh = sorted(name for name in names if (root, name) not in _TREES)
    read = {}
    for name, found in zip(fresh, _cat(root, fresh), strict=True):
        kind, content = found or ("missing", b"")
        read[name] = list(_tree_entries(content)) if kind == "tree" else []
        if _OBJECT_ID.fullmatch(name):
            _TREES[root, name] = read[name]
    return {name: read[name] if name in read else _TREES[root, name] for name in names}


def _tree_entries(tree: bytes) -> Iterator[tuple[bytes, str, str]]:
    """(mode, name, id) of each entry of a raw git tree object."""
    position = 0
    while position < len(tree):
        space = tree.index(b" ", position)
        end = tree.index(b"\0", space)
        name = tree[space + 1 : end].decode("utf-8", "surrogateescape")
        yield tree[position:space], name, tree[end + 1 : end + 21].hex()
        position = end + 21


#: The strategy page of each git blob read so far (None: it has none), by blob
#: id and path.  Blobs never change, so this holds for the whole process.
_BLOB_PAGES: dict[tuple[str, str], StrategyPage | None] = {}


def _read_blob_pages(root: Path, wanted: Collection[tuple[str, str]]) -> None:
    """Read the blobs ``wanted`` (id, path) into :data:`_BLOB_PAGES`."""
    contents = _cat_blobs(root, {blob for blob, _ in wanted})
    for blob, path in wanted:
        if blob in contents:
            text = contents[blob].decode("utf-8-sig", errors="replace")
            # As Sphinx reads the work tree: a lone CR is a line break there.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            _BLOB_PAGES[blob, path] = _strategy_page(text, path)


def _cat_blobs(root: Path, blobs: Collection[str]) -> dict[str, bytes]:
    """The contents of ``blobs`` (names git knows them by), by name."""
    names = sorted(blobs)
    return {
        name: found[1]
        for name, found in zip(names, _cat(root, names), strict=True)
        if found is not None
    }


def _cat(root: Path, names: Sequence[str]) -> list[tuple[str, bytes] | None]:
    """(type, contents) of each object named, read by one ``git cat-file
    --batch``, in the order asked; None for an object git lacks (a shallow
    clone) or without git."""
    if not names:
        return []
    request = "".join(f"{name}\n" for name in names).encode("utf-8")
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
        return [None] * len(names)
    if result.returncode != 0:
        return [None] * len(names)
    return list(_batch_contents(result.stdout, len(names)))


def _batch_contents(output: bytes, count: int) -> Iterator[tuple[str, bytes] | None]:
    """Parse what ``git cat-file --batch`` printed for ``count`` objects.

    Each object is a line ``<id> <type> <size>``, its contents and a newline;
    an object git lacks is a line ``<name> missing``, and the name may hold
    spaces (``v1.0:docs/images/mein bild.png missing``).
    """
    position = 0
    for _ in range(count):
        end = output.index(b"\n", position)
        header = output[position:end].split(b" ")
        position = end + 1
        if not (
            len(header) == 3
            and _OBJECT_ID.fullmatch(header[0].decode("ascii", "replace"))
            and header[2].isdigit()
        ):
            yield None
            continue
        size = int(header[2])
        yield header[1].decode("ascii"), output[position : position + size]
        position += size + 1


def _strategy_page(text: str, path: str) -> StrategyPage | None:
    result = load_front_matter(text, path)
    if result.data is None:
        return None
    check(result.data)  # mends near-misses, as the build does
    return normalise(result.data) if has_strategy_data(result.data.value) else None


def compare(
    old: dict[str, StrategyPage], new: dict[str, StrategyPage], _: Translate
) -> list[Change]:
    """Every change from the pages ``old`` to the pages ``new``, by path.

    A page that ``old`` lacks is new, and so is everything on it.
    """
    changes: list[Change] = []
    for path in sorted(old.keys() | new.keys()):
        before, after = old.get(path), new.get(path)
        if after is None and before is not None:
            title = page_title(before, path)
            changes.append(
                Change(
                    "page_removed",
                    title,
                    _("Page “{page}” removed").format(page=title),
                    path=path,
                )
            )
        elif after is not None:
            comparison = Comparison(page_title(after, path), path, _)
            if before is None:
                changes.append(
                    comparison.change(
                        "page_added",
                        _("New page “{page}”").format(page=comparison.page),
                    )
                )
            old_content = before.content if before is not None else {}
            for component in registry.components():
                changes += component.compare(
                    comparison,
                    old_content.get(component.name),
                    after.content.get(component.name),
                )
    return changes


def page_title(page: StrategyPage, path: str) -> str:
    return page.hero.title if page.hero is not None else path


@dataclass(frozen=True)
class SectionWords:
    """How the changes of a section of items read (English messages).

    Fields: ``{old}``, ``{new}`` in ``renamed``; ``{title}`` in ``removed``
    and ``added``; ``{order}`` in ``order``.
    """

    default_heading: str
    heading: str
    renamed: str
    removed: str
    added: str
    order: str


class Comparison:
    """The changes of one page, as the components find them, in sentences."""

    def __init__(self, page: str, path: str, translate: Translate) -> None:
        self.page = page
        self.path = path
        self._ = translate

    def change(self, kind: str, headline: str, **where: Any) -> Change:
        return Change(kind, self.page, headline, path=self.path, **where)

    def section(
        self,
        before: Section | None,
        after: Section | None,
        words: SectionWords,
        part: str,
    ) -> Iterator[Change]:
        """The changes of a section of items: heading, introduction, items."""
        _ = self._
        default = _(words.default_heading)
        old_heading = (before.title or default) if before else ""
        new_heading = (after.title or default) if after else ""
        yield from self.heading(_(words.heading), old_heading, new_heading, part=part)
        yield from self.text(
            _("Introduction to “{heading}” changed:").format(
                heading=new_heading or old_heading
            ),
            before.description if before else "",
            after.description if after else "",
            part=part,
        )
        old_items = list(before.items) if before else []
        new_items = list(after.items) if after else []
        removed, added = _removed_and_added(old_items, new_items)
        pairs = list(_renames(removed, added))
        for old_item, new_item in pairs:
            removed.remove(old_item)
            added.remove(new_item)
            yield self.change(
                "item_renamed",
                _(words.renamed).format(old=old_item.title, new=new_item.title),
                part=part,
                item=new_item.title,
            )
            yield from self.item(old_item, new_item, part)
        for item in removed:
            yield self.change(
                "item_removed",
                _(words.removed).format(title=item.title),
                part=part,
                text=item.description,
            )
        for item in added:
            yield self.change(
                "item_added",
                _(words.added).format(title=item.title),
                part=part,
                item=item.title,
                text=item.description,
            )
        yield from self.order(old_items, new_items, pairs, part, _(words.order))
        by_title = {item.title: item for item in old_items}
        for item in new_items:
            if item.title in by_title:
                yield from self.item(by_title[item.title], item, part)

    def order(
        self,
        old_items: list[Item],
        new_items: list[Item],
        pairs: list[tuple[Item, Item]],
        part: str,
        message: str,
    ) -> Iterator[Change]:
        """The items both versions have, in another order: the new order."""
        new_title = {old.title: new.title for old, new in pairs}
        kept = {item.title for item in new_items}
        before = [
            new_title.get(item.title, item.title)
            for item in old_items
            if new_title.get(item.title, item.title) in kept
        ]
        after = [item.title for item in new_items if item.title in set(before)]
        if before == after:
            return
        order = ", ".join(quoted(title, self._) for title in after)
        yield self.change("order", message.format(order=order), part=part)

    def item(self, old: Item, new: Item, part: str) -> Iterator[Change]:
        _ = self._
        yield from self.text(
            _("Text of “{title}” changed:").format(title=new.title),
            old.description,
            new.description,
            part=part,
            item=new.title,
        )
        yield from self.image(
            _("Image of “{title}” changed").format(title=new.title),
            old,
            new,
            part=part,
            item=new.title,
        )

    def heading(
        self, label: str, old: str, new: str, part: str = "hero", item: str = ""
    ) -> Iterator[Change]:
        """A changed heading or subtitle (of the item titled ``item``, if any)."""
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
        yield self.change("heading", headline, part=part, item=item)

    def text(
        self, headline: str, old: str, new: str, *, part: str, item: str = ""
    ) -> Iterator[Change]:
        if not _same(old, new):
            yield self.change(
                "text", headline, diff=word_diff(old, new), part=part, item=item
            )

    def image(
        self,
        headline: str,
        old: Hero | Item | None,
        new: Hero | Item | None,
        *,
        part: str,
        item: str = "",
    ) -> Iterator[Change]:
        """A change of image: both paths, for showing both pictures."""
        before, after = _image(old), _image(new)
        if not _same(before, after):
            yield self.change(
                "image", headline, part=part, item=item, images=(before, after)
            )

    def link(
        self,
        headline: str,
        before: Link | None,
        after: Link | None,
        part: str,
        item: str = "",
    ) -> Iterator[Change]:
        """A changed link: its target or its text (``headline``: {old}, {new},
        and {title}: that of the item ``item`` the link belongs to)."""
        if (before and before.url) == (after and after.url) and (
            before and before.text
        ) == (after and after.text):
            return
        none = self._("none")
        yield self.change(
            "link",
            headline.format(
                old=f"{before.text} ({before.url})" if before else none,
                new=f"{after.text} ({after.url})" if after else none,
                title=item,
            ),
            part=part,
            item=item,
        )


def quoted(text: str, _: Translate) -> str:
    return _("“{text}”").format(text=text)


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


#: A word (with inner hyphens and apostrophes), or one punctuation mark;
#: each with the white space after it.
_TOKEN = re.compile(r"(\w+(?:[-'\u2019]\w+)*|[^\w\s])(\s*)")


def word_diff(old: str, new: str) -> WordDiff:
    """The edit from ``old`` to ``new``, word by word and mark by mark.

    Punctuation is compared apart from its word, so adding a comma marks the
    comma, not the word before it.  Runs hold their text with the spaces as
    written (any white space as one space), to be joined as they are;
    changed runs hold no spaces at their ends, so that marks cover words only.
    """
    before, after = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(
        a=[token for token, _ in before],
        b=[token for token, _ in after],
        autojunk=False,
    )
    runs: list[tuple[str, str]] = []

    def add(mark: str, text: str) -> None:
        if runs and runs[-1][0] == mark:
            runs[-1] = (mark, runs[-1][1] + text)
        elif text:
            runs.append((mark, text))

    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            add(" ", _joined(after[j1:j2]))
            continue
        deleted, inserted = _joined(before[i1:i2]), _joined(after[j1:j2])
        spaced = i1 > 0 and before[i1 - 1][1]  # a space before it in the old text
        if deleted and spaced and runs and not runs[-1][1].endswith(" "):
            add(" ", " ")
        if deleted:
            add("-", deleted.rstrip())
        if deleted and inserted:
            add(" ", " ")
        if inserted:
            add("+", inserted.rstrip())
        last = inserted or deleted
        add(" ", last[len(last.rstrip()) :])
    return WordDiff(tuple(runs))


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(token, " " if space else "") for token, space in _TOKEN.findall(text)]


def _joined(tokens: list[tuple[str, str]]) -> str:
    return "".join(token + space for token, space in tokens)


def _same(old: str, new: str) -> bool:
    """Equal but for white space."""
    return old.split() == new.split()


def _similarity(old: str, new: str) -> float:
    if not old.strip() and not new.strip():
        return 0.0
    return difflib.SequenceMatcher(a=old.split(), b=new.split(), autojunk=False).ratio()


def _image(owner: Hero | Item | None) -> str:
    return owner.image.path if owner is not None and owner.image is not None else ""
