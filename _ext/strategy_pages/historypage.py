"""The ``strategy-history`` directive: what changed, release by release.

It opens with the changes not released yet (the work tree against the newest
release tag of ``strategy_release_tags``; without a release, everything is
new), then lists for every release, newest first, what changed since the
release before.  Each change links to its item on its page; removed and added
items show their text, text changes their inserted and deleted words
(:mod:`.changenodes`), image changes the picture before and after, taken from
git or the work tree: never a file outside the sources (a link is followed
only where it stays inside), and none larger than :data:`EMBED_LIMIT`, which
is named instead.

The page is read again when the release tags change (its fingerprint, below)
and when a strategy page in the work tree changes (a dependency).
"""

from __future__ import annotations

import base64
import posixpath
from pathlib import Path, PurePosixPath
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from .anchors import build_releases
from .changenodes import deleted, diff_paragraph, inserted, setup_change_nodes
from .core import vocabulary
from .history import (
    Change,
    ImageState,
    Release,
    Repository,
    number_label,
    reason_lines,
)
from .links import internal_link
from .marks import UNPUBLISHED_LABEL
from .messages import translate
from .model import StrategyPage
from .photos import SHOWN
from .reasons import ChangeLog
from .releaselabel import site_date
from .render import item_label
from .reporting import warn
from .store import store
from .versioning import git

_ = get_translation("strategy_pages")

#: The largest image the history embeds, in bytes: each is inlined into the
#: page, twice for a change, and a history page holds every release.
EMBED_LIMIT = 1_000_000

#: The class of a change's line (its headline) and of what details it: the
#: words inserted and deleted, the text of an item, the pictures.  Print
#: keeps the lines only (:mod:`.latex`); the site shows everything.
CHANGE = "strategy-history__change"
DETAIL = "strategy-history__detail"


class StrategyHistoryDirective(SphinxDirective):
    """The unreleased changes, then each release's changes, newest first."""

    has_content = False
    option_spec: ClassVar = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        found = build_releases(self.env).repository
        store(self.env).history_tags[self.env.docname] = tag_fingerprint(
            found, self.config.strategy_release_tags
        )
        source, line = self.get_source_info()
        classes = ["strategy-history", *self.options.get("class", [])]
        repository = self._with_history(found, source, line or 0)
        if repository is None:
            text = _("No version history is available.")
            return [nodes.paragraph(text=text, classes=classes)]
        self.repository = repository
        releases = repository.releases(self.config.strategy_release_tags)
        # Each release is named twice (its section, and the next one's "since").
        self.release_names = {
            release.tag: self._release(release) for release in releases
        }
        self.docnames: dict[str, str | None] = {}
        self.work_tree = repository.pages(None)
        for path in self.work_tree:
            self.env.note_dependency(str(repository.root / path))
        snapshots = repository.snapshots([release.tag for release in releases])
        newest = snapshots[releases[0].tag] if releases else {}
        log = ChangeLog(repository, self.config.strategy_image_folder, translate)
        log.ids.read([release.tag for release in releases])
        newest_tag = releases[0].tag if releases else None
        unpublished = log.changes(newest_tag, None, newest, self.work_tree)
        # Sections of the page itself, not inside a container: the table of
        # contents, the PDF's bookmarks and the EPUB's navigation list them.
        sections: list[nodes.Element] = []
        if unpublished:
            sections.append(
                self._unpublished(releases[0] if releases else None, unpublished)
            )
        if not releases and not unpublished:
            # No release yet is how every strategy starts, not a problem.
            text = _("No release has been published yet.")
            return [nodes.paragraph(text=text, classes=classes)]
        for position, release in enumerate(releases):
            previous = releases[position + 1] if position + 1 < len(releases) else None
            changes = (
                log.changes(
                    previous.tag,
                    release.tag,
                    snapshots[previous.tag],
                    snapshots[release.tag],
                )
                if previous is not None
                else []
            )
            revisions = (previous.tag if previous else None, release.tag)
            sections.append(
                self._release_section(release, previous, changes, revisions)
            )
        for section in sections:
            section["classes"] += classes
        return list(sections)

    def _with_history(
        self, repository: Repository | None, source: str, line: int
    ) -> Repository | None:
        """The repository if it has the whole history; None (said once) if not."""
        if repository is None:
            problem = "the sources are not in a git repository (or git is missing)"
            warn(f"no version history: {problem}", source, line, "history")
            return None
        if repository.is_shallow():
            return None  # the build warns once for the whole site (releaselabel)
        return repository

    def _unpublished(
        self, newest: Release | None, changes: list[Change]
    ) -> nodes.section:
        title = str(_("Unpublished changes"))
        section = self._section(title, UNPUBLISHED_LABEL)
        if newest is None:
            intro = _("No release has been published yet; the draft holds:")
        else:
            intro = _("Changes since {release}:").format(
                release=self.release_names[newest.tag]
            )
        section += nodes.paragraph(text=intro)
        section += self._change_list(changes, (newest.tag if newest else None, None))
        return section

    def _release_section(
        self,
        release: Release,
        previous: Release | None,
        changes: list[Change],
        revisions: tuple[str | None, str | None],
    ) -> nodes.section:
        title = self.release_names[release.tag]
        section = self._section(title, f"strategy-release-{release.tag}")
        if previous is None:
            section += nodes.paragraph(text=_("The first release."))
        elif not changes:
            section += nodes.paragraph(
                text=_("No changes to the strategy since {release}.").format(
                    release=self.release_names[previous.tag]
                )
            )
        else:
            section += nodes.paragraph(
                text=_("Changes since {release}:").format(
                    release=self.release_names[previous.tag]
                )
            )
            section += self._change_list(changes, revisions)
        return section

    def _release(self, release: Release) -> str:
        """„Fassung 1.1 vom 05.09.2019“."""
        prefix = self.config.strategy_release_tags.split("*", 1)[0]
        return str(_("Release {version} of {date}")).format(
            version=release.tag.removeprefix(prefix),
            date=site_date(self.config, release.date) or release.date,
        )

    def _section(self, title: str, label: str) -> nodes.section:
        section = nodes.section(names=[nodes.fully_normalize_name(label)])
        section += nodes.title(title, title)
        self.state.document.note_explicit_target(section, section)
        return section

    def _change_list(
        self, changes: list[Change], revisions: tuple[str | None, str | None]
    ) -> nodes.bullet_list:
        pages = nodes.bullet_list()
        for path in dict.fromkeys(change.path for change in changes):
            on_page = [change for change in changes if change.path == path]
            entry = nodes.list_item()
            heading = nodes.paragraph()
            heading += self._link(path, on_page[0].page, None)
            entry += heading
            items = nodes.bullet_list()
            for change in on_page:
                item = nodes.list_item()
                item += self._change_line(path, change)
                for detail in self._details(change, revisions):
                    detail["classes"].append(DETAIL)
                    item += detail
                item += [
                    nodes.paragraph(text=line, classes=["strategy-history__reason"])
                    for line in reason_lines(change, translate)
                ]
                items += item
            entry += items
            pages += entry
        return pages

    def _change_line(self, path: str, change: Change) -> nodes.paragraph:
        """A change in one line: its number and its headline, linking to
        what it concerns.

        The whole entry in print, where :mod:`.latex` leaves out the details.
        """
        line = nodes.paragraph(classes=[CHANGE])
        number = number_label((change.number,), translate)
        line += nodes.strong(number, number, classes=["strategy-change-number"])
        line += nodes.Text(" ")
        line += self._link(path, change.headline, change)
        return line

    def _details(
        self, change: Change, revisions: tuple[str | None, str | None]
    ) -> list[nodes.Element]:
        if change.diff is not None:
            return [diff_paragraph(change.diff)]
        if change.kind == "item_removed" and change.text:
            return [nodes.paragraph("", "", deleted(change.text, change.text))]
        if change.kind == "item_added" and change.text:
            return [nodes.paragraph("", "", inserted(change.text, change.text))]
        if change.kind == "image":
            return [self._pictures(change, revisions)]
        return []

    def _pictures(
        self, change: Change, revisions: tuple[str | None, str | None]
    ) -> nodes.container:
        """The picture before and after, side by side."""
        pictures = nodes.container(classes=["strategy-history__images"])
        for label, image, revision in (
            (_("before"), change.images[0], revisions[0]),
            (_("after"), change.images[1], revisions[1]),
        ):
            figure = nodes.container(classes=["strategy-history__image"])
            caption = nodes.paragraph(text=f"{label}: {image or _('none')}")
            figure += caption
            if image:
                figure += self._picture(change.path, image, revision, label)
            pictures += figure
        return pictures

    def _picture(
        self, page: str, image: str, revision: str | None, label: str
    ) -> list[nodes.Node]:
        """The image as it was at ``revision``, inlined: it need not exist now.

        Never a file from outside the sources (the page that names it says
        so where it is in the work tree; a release cannot be mended), and
        none larger than :data:`EMBED_LIMIT`: those are named instead.
        """
        folder = self.config.strategy_image_folder
        path = self.repository.image_path(page, image, folder)
        kind = SHOWN.get(PurePosixPath(image).suffix.lower())
        if path is None or kind is None:
            return []
        found = self.repository.image_file(revision, path, EMBED_LIMIT)
        if found.state is ImageState.OUTSIDE:
            text = _("The image file leads outside the source folder; it is not shown.")
            return [nodes.paragraph(text=text)]
        if found.state is ImageState.TOO_LARGE:
            text = _(
                "The image file {file} is larger than {limit} and is not shown here."
            ).format(file=self._in_sources(path), limit=f"{EMBED_LIMIT // 10**6} MB")
            return [nodes.paragraph(text=text)]
        if found.state is not ImageState.FOUND:
            return []
        content = base64.b64encode(found.content).decode("ascii")
        return [
            nodes.image(uri=f"data:{kind};base64,{content}", alt=f"{label}: {image}")
        ]

    def _in_sources(self, path: str) -> str:
        """``path`` (in the repository) as it is in the source folder."""
        return posixpath.relpath(path, self.repository.srcdir or ".")

    def _link(self, path: str, text: str, change: Change | None) -> nodes.Node:
        """``text`` linking to the item ``change`` concerns, or to the page."""
        docname = self._docname(path)
        if docname is None:
            return nodes.Text(text)
        label = self._item_label(docname, path, change) if change else None
        if label is None:
            return internal_link(text, "/" + docname, "doc")
        return internal_link(text, label)

    def _docname(self, path: str) -> str | None:
        """The document of the page at ``path``; None where the site has none."""
        if path not in self.docnames:
            docname = self.env.path2doc(str(self.repository.root / path))
            found = docname is not None and docname in self.env.found_docs
            self.docnames[path] = docname if found else None
        return self.docnames[path]

    def _item_label(self, docname: str, path: str, change: Change) -> str | None:
        """The label of the item ``change`` names, where the page still has it."""
        page: StrategyPage | None = self.work_tree.get(path)
        # The parts whose items have anchors (goals, formats, highlights, …).
        component = vocabulary.PARTS.get(change.part)
        section = (
            page.content.get(change.part)
            if page is not None and component is not None and component.item_class
            else None
        )
        if (
            component is None
            or section is None
            or not change.item
            or change.kind == "item_removed"
        ):
            return None
        titles = [item.title for item in section.items]
        if change.item not in titles:
            return None
        number = titles.index(change.item) + 1
        return item_label(docname, component.section_class, number)


# When to read the page again: when its release tags change.


def tag_fingerprint(repository: Repository | None, pattern: str) -> str:
    """What a history from ``repository`` depends on in git, as one string.

    The release tags and the objects they name (a moved or re-made tag is a
    change), and whether the history is there at all.
    """
    if repository is None:
        return "no repository"
    tags = git(
        repository.root, "tag", "--list", pattern, "--format=%(refname) %(objectname)"
    )
    return f"shallow: {repository.is_shallow()}\n{tags or ''}"


def _outdated_histories(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """The history pages read with other release tags than there are now."""
    recorded = store(env).history_tags
    if not recorded:
        return []
    current = tag_fingerprint(
        Repository.find(Path(env.srcdir)), app.config.strategy_release_tags
    )
    return [docname for docname, seen in recorded.items() if seen != current]


def setup_history(app: Sphinx) -> None:
    app.add_directive("strategy-history", StrategyHistoryDirective)
    app.connect("env-get-outdated", _outdated_histories)
    setup_change_nodes(app)
