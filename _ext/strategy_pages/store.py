"""What the extension keeps in the build environment, in one place.

Everything is by document: a document read again loses its entries first
(``env-purge-doc``), and the entries of documents read by parallel processes
are merged into the main one (``env-merge-info``), as ``sphinx.ext.todo``
keeps its entries.  Nothing of a build is kept in module globals.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class PageSource:
    """A Markdown page as the build read it, in what the CMS offers of it
    (:mod:`.cms.site`), so that the CMS reads no page a second time."""

    #: ``strategy`` (its front matter holds strategy data), ``text`` (a page
    #: the CMS offers by its title and text), or ``""`` (none of the CMS's)
    kind: str
    label: str = ""
    shape: str = ""
    keys: tuple[str, ...] = ()
    parts: frozenset[str] = frozenset()
    body: str = ""
    #: where YAML could not read the front matter: the build's messages
    unreadable: tuple[str, ...] = ()


@dataclass
class Store:
    #: the hero text of each page, shortened, for its HTML meta description
    descriptions: dict[str, str] = field(default_factory=dict)
    #: the release tags each history page was read with (its fingerprint)
    history_tags: dict[str, str] = field(default_factory=dict)
    #: the documents that link to pages by their address (``/mitmachen``)
    site_linking: set[str] = field(default_factory=set)
    #: each Markdown page, as the CMS offers it
    page_sources: dict[str, PageSource] = field(default_factory=dict)

    def purge(self, docname: str) -> None:
        self.descriptions.pop(docname, None)
        self.history_tags.pop(docname, None)
        self.site_linking.discard(docname)
        self.page_sources.pop(docname, None)

    def merge(self, docnames: Collection[str], other: Store) -> None:
        for name in docnames:
            if name in other.descriptions:
                self.descriptions[name] = other.descriptions[name]
            if name in other.history_tags:
                self.history_tags[name] = other.history_tags[name]
            if name in other.page_sources:
                self.page_sources[name] = other.page_sources[name]
        self.site_linking |= set(docnames) & other.site_linking


def store(env: BuildEnvironment) -> Store:
    """The extension's entries in ``env`` (made on first use)."""
    found = getattr(env, "strategy_pages", None)
    if not isinstance(found, Store):
        found = Store()
        env.strategy_pages = found  # type: ignore[attr-defined]
    return found


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    store(env).purge(docname)


def _merge(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    store(env).merge(docnames, store(other))


def setup_store(app: Sphinx) -> None:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
