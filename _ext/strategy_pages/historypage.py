"""The ``strategy-history`` directive: what changed in each release.

For every release tag (``strategy_release_tags``), newest first, it lists what
changed in the strategy pages since the release before.  Inserted and deleted
words are :class:`inserted` and :class:`deleted` nodes: ``<ins>``/``<del>``
in HTML, ``[+ +]``/``[- -]`` in LaTeX (with bold and italics) and plain
text, so they read without colour.

The history lives in git, not in the page's source: the page records the
release tags it was read with, and is read again when they change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.manpage import ManualPageTranslator
from sphinx.writers.texinfo import TexinfoTranslator
from sphinx.writers.text import TextTranslator

from .history import Change, Release, Repository, Translate, WordDiff, compare
from .reporting import warn
from .versioning import git

_ = get_translation("strategy_pages")


class inserted(nodes.inline):  # docutils names node classes in lower case
    """Words a change added."""


class deleted(nodes.inline):
    """Words a change removed."""


class StrategyHistoryDirective(SphinxDirective):
    """Sections, newest release first, listing the changes since the one before."""

    has_content = False
    option_spec: ClassVar = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        _fingerprints(self.env)[self.env.docname] = tag_fingerprint(
            Path(self.env.srcdir), self.config.strategy_release_tags
        )
        source, line = self.get_source_info()
        container = nodes.container(
            classes=["strategy-history", *self.options.get("class", [])]
        )
        repository = self._repository(source, line or 0)
        if repository is None:
            container += nodes.paragraph(text=_("No version history is available."))
            return [container]
        tags = repository.releases(self.config.strategy_release_tags)
        if not tags:
            # No release yet is how every strategy starts, not a problem.
            container += nodes.paragraph(text=_("No release has been published yet."))
            return [container]
        translate = _translator()
        snapshots = [repository.pages(release.tag) for release in tags]
        for position, release in enumerate(tags):
            if position + 1 < len(tags):
                previous: Release | None = tags[position + 1]
                changes = compare(
                    snapshots[position + 1], snapshots[position], translate
                )
            else:
                previous, changes = None, []
            container += self._release_section(release, previous, changes)
        return [container]

    def _repository(self, source: str, line: int) -> Repository | None:
        """The repository with the whole history; None (said once) without."""
        repository = Repository.find(Path(self.env.srcdir))
        if repository is None:
            problem = "the sources are not in a git repository (or git is missing)"
            warn(f"no version history: {problem}", source, line, "history")
            return None
        if repository.is_shallow():
            return None  # the build warns once for the whole site (releaselabel)
        return repository

    def _release_section(
        self, release: Release, previous: Release | None, changes: list[Change]
    ) -> nodes.section:
        title = _("Version {tag}").format(tag=release.tag)
        section = nodes.section(names=[nodes.fully_normalize_name(title)])
        section += nodes.title(title, title)
        self.state.document.note_implicit_target(section, section)
        section += nodes.paragraph(
            text=_("Released on {date}.").format(date=release.date)
        )
        if previous is None:
            section += nodes.paragraph(text=_("The first release."))
        elif not changes:
            section += nodes.paragraph(
                text=_("No changes to the strategy since {tag}.").format(
                    tag=previous.tag
                )
            )
        else:
            section += nodes.paragraph(
                text=_("Changes since {tag}:").format(tag=previous.tag)
            )
            section += _change_list(changes)
        return section


def _change_list(changes: list[Change]) -> nodes.bullet_list:
    pages = nodes.bullet_list()
    for page in dict.fromkeys(change.page for change in changes):
        entry = nodes.list_item()
        entry += nodes.paragraph("", "", nodes.strong(text=page))
        items = nodes.bullet_list()
        for change in (c for c in changes if c.page == page):
            item = nodes.list_item()
            item += nodes.paragraph(text=change.headline)
            if change.diff is not None:
                item += _diff_paragraph(change.diff)
            items += item
        entry += items
        pages += entry
    return pages


def _diff_paragraph(diff: WordDiff) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["strategy-diff"])
    for position, (operation, text) in enumerate(diff.runs):
        if position:
            paragraph += nodes.Text(" ")
        if operation == "+":
            paragraph += inserted(text, text)
        elif operation == "-":
            paragraph += deleted(text, text)
        else:
            paragraph += nodes.Text(text)
    return paragraph


def _translator() -> Translate:
    return lambda message: str(_(message))


# When to read the page again: when its release tags change.


def tag_fingerprint(srcdir: Path, pattern: str) -> str:
    """What the history of ``srcdir`` depends on in git, as one string.

    The release tags and the objects they name (a moved or re-made tag is a
    change), and whether the history is there at all.
    """
    repository = Repository.find(srcdir)
    if repository is None:
        return "no repository"
    tags = git(
        repository.root, "tag", "--list", pattern, "--format=%(refname) %(objectname)"
    )
    return f"shallow: {repository.is_shallow()}\n{tags or ''}"


def _fingerprints(env: BuildEnvironment) -> dict[str, str]:
    """The tag fingerprint each history page was read with, by document."""
    if not hasattr(env, "strategy_history_tags"):
        env.strategy_history_tags = {}  # type: ignore[attr-defined]
    return env.strategy_history_tags  # type: ignore[attr-defined]


def _outdated_histories(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """The history pages read with other release tags than there are now."""
    recorded = _fingerprints(env)
    if not recorded:
        return []
    current = tag_fingerprint(Path(env.srcdir), app.config.strategy_release_tags)
    return [docname for docname, seen in recorded.items() if seen != current]


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _fingerprints(env).pop(docname, None)


def _merge(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = _fingerprints(other)
    _fingerprints(env).update(
        {name: theirs[name] for name in docnames if name in theirs}
    )


# Visitors: one pair a builder format, so no builder meets an unknown node.

Visitor = Callable[[Any, nodes.Element], None]


def _html(tag: str) -> tuple[Visitor, Visitor]:
    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, ""))

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>")

    return visit, depart


def _latex(macro: str) -> tuple[Visitor, Visitor]:
    def visit(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append(rf"\{macro}{{")

    def depart(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append("}")

    return visit, depart


def _text_markers(opening: str, closing: str) -> tuple[Visitor, Visitor]:
    def visit(self: TextTranslator, node: nodes.Element) -> None:
        self.add_text(opening)

    def depart(self: TextTranslator, node: nodes.Element) -> None:
        self.add_text(closing)

    return visit, depart


def _body_markers(opening: str, closing: str) -> tuple[Visitor, Visitor]:
    """For the man and Texinfo writers, which collect output in ``body``."""

    def visit(
        self: ManualPageTranslator | TexinfoTranslator, node: nodes.Element
    ) -> None:
        self.body.append(opening)

    def depart(
        self: ManualPageTranslator | TexinfoTranslator, node: nodes.Element
    ) -> None:
        self.body.append(closing)

    return visit, depart


def setup_history(app: Sphinx) -> None:
    app.add_directive("strategy-history", StrategyHistoryDirective)
    app.connect("env-get-outdated", _outdated_histories)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    for node, tag, macro, opening, closing in (
        (inserted, "ins", "sphinxstrategyinserted", "[+", "+]"),
        (deleted, "del", "sphinxstrategydeleted", "[-", "-]"),
    ):
        app.add_node(
            node,
            html=_html(tag),
            latex=_latex(macro),
            text=_text_markers(opening, closing),
            man=_body_markers(opening, closing),
            texinfo=_body_markers(opening, closing),
        )
