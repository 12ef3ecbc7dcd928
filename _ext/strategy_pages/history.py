"""What changed in the strategy between two revisions of the repository.

Pages are compared as normalised models, so a page rewritten from the flat to
the nested CMS shape with the same content shows no change, and neither does
an edit of white space alone.  Used by the ``strategy-history`` directive (one
comparison per release tag), by the review command (``make diff``) and by the
old anchors of renamed items (:mod:`.anchors`).
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from .core import vocabulary
from .core.textdiff import WordDiff, same, word_diff
from .loading import load_front_matter
from .model import Hero, Item, Link, Section, StrategyPage, match_items, normalise
from .paths import REMOTE, inside
from .schema import check, has_strategy_data
from .versioning import git

Translate = Callable[[str], str]
#: Whether the image a page (by path) names (by the path in its data) is the
#: same file in both versions compared: see :func:`same_image_file`.
SameImage = Callable[[str, str], bool]
#: The changes of the fields a component's items have beyond title, text and
#: image: (comparison, old item, new item) -> changes.
ItemChanges = Callable[["Comparison", Item, Item], Iterator["Change"]]


@dataclass(frozen=True)
class Release:
    tag: str
    date: str  # ISO date of the tagged commit


@dataclass(frozen=True)
class Change:
    """One change on one page, described in a sentence.

    ``kind`` is one of: page_added, page_removed, item_added, item_removed,
    item_renamed, item_moved, heading, text, image, link, and a component's
    own (date, short_name).  ``part`` (hero, goals, formats) and ``item`` (the
    item's title in the newer version; a removed item's in the older) say
    where the change is, for a link to it, and ``field`` which heading
    changed (title, subtitle); text changes carry a word diff, added and
    removed items their whole text, image changes both paths.

    ``number`` counts the changes of one comparison in page order (its label
    „Ä3“: :func:`number_label`), the same in every output of that comparison;
    ``reasons`` are those the commits that made it give (:mod:`.reasons`),
    none where git has none.
    """

    kind: str
    page: str
    headline: str
    diff: WordDiff | None = None
    path: str = ""
    part: str = ""
    item: str = ""
    field: str = ""
    text: str = ""
    images: tuple[str, str] = ("", "")
    number: int = 0
    reasons: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What the change is of, whatever its wording: the same for a change
        of the same thing in another comparison."""
        return (self.path, self.part, self.item, self.field, self.kind)


class ImageState(Enum):
    FOUND = "found"
    MISSING = "missing"
    #: a link out of the sources, or any link in git
    OUTSIDE = "outside"
    #: larger than the history embeds
    TOO_LARGE = "too large"


@dataclass(frozen=True)
class ImageFile:
    """An image file the data names, as the history reads it."""

    state: ImageState
    content: bytes = b""  # read where FOUND
    size: int = 0


@dataclass(frozen=True)
class Repository:
    """A git work tree and the folder of its Sphinx sources inside it.

    What it reads of git it keeps for as long as it lives (one build, where
    the old anchors and the history page share it, or one command): the tags
    and trees the several readers of one history ask for are read once.  A
    tag may move later; a later :meth:`find` asks again.
    """

    root: Path
    srcdir: str  # relative to root, POSIX
    _releases: dict[str, list[Release]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _files: dict[str, dict[str, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def find(cls, srcdir: Path) -> Repository | None:
        top = git(srcdir, "rev-parse", "--show-toplevel")
        if top is None:
            return None
        root = Path(top).resolve()
        return cls(root, Path(srcdir).resolve().relative_to(root).as_posix())

    def is_shallow(self) -> bool:
        return self._shallow

    @cached_property
    def _shallow(self) -> bool:
        return git(self.root, "rev-parse", "--is-shallow-repository") == "true"

    def releases(self, pattern: str) -> list[Release]:
        """Tags matching ``pattern`` that the checked-out commit contains,
        newest version first: an older release's build ends at that release."""
        if pattern not in self._releases:
            self._releases[pattern] = self._read_releases(pattern)
        return list(self._releases[pattern])

    def _read_releases(self, pattern: str) -> list[Release]:
        listing = git(
            self.root,
            "tag",
            "--list",
            pattern,
            "--merged",
            "HEAD",
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
        listings = {
            revision: {
                path: blob for path, blob in files.items() if path.endswith(".md")
            }
            for revision, files in self.files(revisions).items()
        }
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

    def files(self, revisions: Sequence[str]) -> dict[str, dict[str, str]]:
        """The files in the sources at each of ``revisions``: git's object
        ids by path; the trees of all read together (:func:`_file_blobs`)."""
        unread = [name for name in revisions if name not in self._files]
        self._files.update(_file_blobs(self.root, self.srcdir, unread))
        return {name: self._files[name] for name in revisions}

    def image_file(self, revision: str | None, path: str, limit: int) -> ImageFile:
        """The image at ``path`` (in the repository) at ``revision`` (None: the
        work tree), read if it is at most ``limit`` bytes.

        A link is followed in the work tree only where it stays in the
        sources; in git a link is a blob holding its target, never followed.
        """
        if revision is None:
            sources = self.root / self.srcdir
            found = inside(self.root / path, sources)
            if found is None:
                return ImageFile(ImageState.OUTSIDE)
            if not found.is_file():
                return ImageFile(ImageState.MISSING)
            size = found.stat().st_size
            if size > limit:
                return ImageFile(ImageState.TOO_LARGE, size=size)
            try:
                return ImageFile(ImageState.FOUND, found.read_bytes(), size)
            except OSError:
                return ImageFile(ImageState.MISSING)
        entry = _tree_entry(self.root, revision, path)
        if entry is None:
            return ImageFile(ImageState.MISSING)
        mode, object_id, size = entry
        if mode == _SYMLINK:
            return ImageFile(ImageState.OUTSIDE)
        if size > limit:
            return ImageFile(ImageState.TOO_LARGE, size=size)
        blob = _cat(self.root, [object_id])[0]
        if blob is None:  # a shallow clone lacks it
            return ImageFile(ImageState.MISSING)
        return ImageFile(ImageState.FOUND, blob[1], size)

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


#: The mode of a symbolic link in a git tree.
_SYMLINK = "120000"


def _tree_entry(root: Path, revision: str, path: str) -> tuple[str, str, int] | None:
    """(mode, object id, size) of the file ``path`` at ``revision``; None
    where it is no file there (missing, a folder, a submodule)."""
    listing = git(
        root,
        "--literal-pathspecs",
        "ls-tree",
        "--long",
        "-z",
        "--end-of-options",
        revision,
        "--",
        path,
    )
    fields = (listing or "").split("\t", 1)[0].split()
    if len(fields) != 4 or fields[1] != "blob" or not fields[3].isdigit():
        return None
    return fields[0], fields[2], int(fields[3])


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


def _file_blobs(
    root: Path, srcdir: str, revisions: Sequence[str]
) -> dict[str, dict[str, str]]:
    """The files in the sources at each revision (not in hidden folders nor
    in Sphinx's own): blob ids by path.

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
                    elif mode != b"40000":
                        listings[revision][path] = object_id
        pending = following
    return listings


def _trees(
    root: Path, names: Collection[str]
) -> dict[str, list[tuple[bytes, str, str]]]:
    """The entries of the trees ``names``: those not read yet by one process."""
    fresh = sorted(name for name in names if (root, name) not in _TREES)
    read = {}
    id_size = _object_id_size(root) if fresh else 0
    for name, found in zip(fresh, _cat(root, fresh), strict=True):
        kind, content = found or ("missing", b"")
        read[name] = list(_tree_entries(content, id_size)) if kind == "tree" else []
        if _OBJECT_ID.fullmatch(name):
            _TREES[root, name] = read[name]
    return {name: read[name] if name in read else _TREES[root, name] for name in names}


@cache
def _object_id_size(root: Path) -> int:
    """The bytes of an object id in the repository at ``root``: 20 (SHA-1),
    or 32 (SHA-256)."""
    found = git(root, "rev-parse", "--show-object-format")
    return 32 if found == "sha256" else 20


def _tree_entries(tree: bytes, id_size: int) -> Iterator[tuple[bytes, str, str]]:
    """(mode, name, id) of each entry of a raw git tree object, whose object
    ids are ``id_size`` bytes."""
    position = 0
    while position < len(tree):
        space = tree.index(b" ", position)
        end = tree.index(b"\0", space)
        name = tree[space + 1 : end].decode("utf-8", "surrogateescape")
        yield tree[position:space], name, tree[end + 1 : end + 1 + id_size].hex()
        position = end + 1 + id_size


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
    data = check(result.data).data  # near-misses mended, as the build reads them
    return normalise(data) if has_strategy_data(data.value) else None


#: How each part is compared between two versions, by name: (comparison, old,
#: new; None where a version lacks the part) -> changes.  The components
#: enter theirs (:mod:`.registry`).
COMPARERS: dict[str, Callable[[Comparison, Any, Any], Iterator[Change]]] = {}


def compare(
    old: dict[str, StrategyPage],
    new: dict[str, StrategyPage],
    _: Translate,
    same_image: SameImage | None = None,
) -> list[Change]:
    """Every change from the pages ``old`` to the pages ``new``, by path,
    numbered in that order.

    A page that ``old`` lacks is new, and so is everything on it.  With
    ``same_image`` (:func:`same_image_file`), an image whose file changed
    under the same name is a change too.
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
            comparison = Comparison(page_title(after, path), path, _, same_image)
            if before is None:
                changes.append(
                    comparison.change(
                        "page_added",
                        _("New page “{page}”").format(page=comparison.page),
                    )
                )
            old_content = before.content if before is not None else {}
            for part in vocabulary.parts():
                changes += COMPARERS[part.name](
                    comparison,
                    old_content.get(part.name),
                    after.content.get(part.name),
                )
    return [
        replace(change, number=number) for number, change in enumerate(changes, start=1)
    ]


def number_label(numbers: Iterable[int], _: Translate) -> str:
    """„Ä3“, „Ä2, Ä5“: how every review output names the changes numbered so."""
    return ", ".join(_("C{number}").format(number=number) for number in numbers)


def reason_lines(change: Change, _: Translate) -> list[str]:
    """„Begründung: …“ for each reason git gives for ``change``."""
    return [_("Reason: {reason}").format(reason=reason) for reason in change.reasons]


def page_title(page: StrategyPage, path: str) -> str:
    return page.hero.title if page.hero is not None else path


@dataclass(frozen=True)
class SectionWords:
    """How the changes of a section of items read (English messages).

    Fields: ``{old}``, ``{new}`` in ``renamed``; ``{title}`` in ``removed``,
    ``added`` and ``moved``, with ``{old}`` and ``{new}`` there: the item's
    number in the list before and after.
    """

    default_heading: str
    heading: str
    renamed: str
    removed: str
    added: str
    moved: str


class Comparison:
    """The changes of one page, as the components find them, in sentences."""

    def __init__(
        self,
        page: str,
        path: str,
        translate: Translate,
        same_image: SameImage | None = None,
    ) -> None:
        self.page = page
        self.path = path
        self._ = translate
        self.same_image = same_image

    def change(self, kind: str, headline: str, **where: Any) -> Change:
        return Change(kind, self.page, headline, path=self.path, **where)

    def section(
        self,
        before: Section | None,
        after: Section | None,
        words: SectionWords,
        part: str,
        item_changes: ItemChanges | None = None,
        *,
        heading: bool = True,
    ) -> Iterator[Change]:
        """The changes of a section of items, in the order the page shows
        them: heading (unless the part has none of its own), introduction,
        then item by item, a removed one where it stood.

        ``item_changes`` finds the changes of the fields only a component's
        items have (a date, a link), for each item both versions have.
        """
        _ = self._
        default = _(words.default_heading)
        old_heading = (before.title or default) if before else ""
        new_heading = (after.title or default) if after else ""
        if heading:
            yield from self.heading(
                _(words.heading), old_heading, new_heading, part=part
            )
        yield from self.text(
            _("Introduction to “{heading}” changed:").format(
                heading=new_heading or old_heading
            ),
            before.description if before else "",
            after.description if after else "",
            part=part,
        )
        matching = match_items(
            before.items if before else (), after.items if after else ()
        )
        for old_index, new_index in matching.in_new_order():
            if new_index is None:
                assert old_index is not None
                item = matching.old[old_index]
                yield self.change(
                    "item_removed",
                    _(words.removed).format(title=item.title),
                    part=part,
                    item=item.title,
                    text=item.description,
                )
                continue
            new_item = matching.new[new_index]
            if old_index is None:
                yield self.change(
                    "item_added",
                    _(words.added).format(title=new_item.title),
                    part=part,
                    item=new_item.title,
                    text=new_item.description,
                )
                continue
            old_item = matching.old[old_index]
            if old_item.title != new_item.title:
                yield self.change(
                    "item_renamed",
                    _(words.renamed).format(old=old_item.title, new=new_item.title),
                    part=part,
                    item=new_item.title,
                )
            if new_index in matching.moved:
                yield self.change(
                    "item_moved",
                    _(words.moved).format(
                        title=new_item.title, old=old_index + 1, new=new_index + 1
                    ),
                    part=part,
                    item=new_item.title,
                )
            yield from self.item(old_item, new_item, part)
            if item_changes is not None:
                yield from item_changes(self, old_item, new_item)

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
        if same(old, new):
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
        yield self.change("heading", headline, part=part, item=item, field=label)

    def value(
        self, kind: str, message: str, old: str, new: str, *, part: str, item: str
    ) -> Iterator[Change]:
        """A changed short value of the item titled ``item`` (a date, a short
        name), both quoted; ``message`` has ``{title}``, ``{old}``, ``{new}``."""
        if same(old, new):
            return
        _ = self._
        yield self.change(
            kind,
            message.format(
                title=item,
                old=quoted(old, _) if old else _("none"),
                new=quoted(new, _) if new else _("none"),
            ),
            part=part,
            item=item,
        )

    def text(
        self, headline: str, old: str, new: str, *, part: str, item: str = ""
    ) -> Iterator[Change]:
        if not same(old, new):
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
        """A change of image (its path, or its file): both paths, for showing
        both pictures."""
        before, after = _image(old), _image(new)
        if not same(before, after) or (
            before
            and self.same_image is not None
            and not self.same_image(self.path, before)
        ):
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


def _image(owner: Hero | Item | None) -> str:
    return owner.image.path if owner is not None and owner.image is not None else ""


def same_image_file(
    repository: Repository,
    old: str | None,
    new: str | None,
    image_folder: str,
    ids: FileIds | None = None,
) -> SameImage:
    """Whether an image is the same file at revisions ``old`` and ``new``
    (None: the work tree), compared by git's object id of its content: an
    upload under an existing name changes the picture, not the data.
    ``ids`` keeps the ids read, for the next comparison of the repository."""
    known = ids or FileIds(repository)

    def same_file(page: str, image: str) -> bool:
        path = repository.image_path(page, image, image_folder)
        if path is None:  # a remote image or one outside: not compared
            return True
        return known.of(old, path) == known.of(new, path)

    return same_file


class FileIds:
    """git's object ids of the files in the sources: the revisions' from
    their trees (:meth:`Repository.files`), each file of the work tree
    hashed once."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self._listed: dict[str, dict[str, str]] = {}
        self._work_tree: dict[str, str | None] = {}

    def of(self, revision: str | None, path: str) -> str | None:
        """The id of the file ``path`` at ``revision`` (None: the work tree,
        as ``git add`` would store it); None where there is none."""
        if revision is not None:
            if revision not in self._listed:
                self.read([revision])
            return self._listed[revision].get(path)
        if path not in self._work_tree:
            self._work_tree[path] = self._hash(path)
        return self._work_tree[path]

    def read(self, revisions: Sequence[str]) -> None:
        """List the files of ``revisions`` (the trees of all together)."""
        wanted = [revision for revision in revisions if revision not in self._listed]
        self._listed.update(self.repository.files(wanted))

    def _hash(self, path: str) -> str | None:
        root = self.repository.root
        found = inside(root / path, root / self.repository.srcdir)
        if found is None or not found.is_file():
            return None
        return git(root, "hash-object", "--", str(found))
