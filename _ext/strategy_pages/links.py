"""Links inside the site, resolved when the pages are written.

A link to a page (``doc``) or to a label (``ref``: a section, or an item
through its positional label) that the site may or may not have: where the
target is missing, the text stays, without a link and without a warning, as
the target's absence is no problem of the page that links to it.

Links in the data are another matter: the CMS names a page of the site by its
address (``/mitmachen``, ``/projekt.html``, ``/`` for the front page).  Such
a link becomes a reference to that document (:func:`site_link`), so it works
in HTML, PDF and EPUB alike.  Whether the document exists is known only once
all documents were read, so it is resolved when the page is written; a link
to a page the site lacks is reported there, at the place in the data, once,
and its text (or logo) stays without the link.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util.nodes import make_refnode

from . import messages
from .reporting import warn


def internal_link(text: str, target: str, kind: str = "ref") -> addnodes.pending_xref:
    """``text`` linking to the label (``ref``) or document (``doc``) ``target``."""
    reference = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype=kind,
        reftarget=target,
        refexplicit=True,
        refwarn=False,
    )
    reference += nodes.inline(text, text)
    return reference


#: The reference type of a link from the data to a page of the site.  No domain
#: resolves it (``std:doc`` would replace a logo by its text): the handler of
#: ``missing-reference`` here does.
SITE_LINK = "strategy-site-link"


def is_site_address(url: str) -> bool:
    """Whether ``url`` is an address on the site itself: ``/mitmachen``."""
    return url.startswith("/") and not url.startswith("//")


def site_link(
    content: nodes.Node, url: str, where: str, source: str, line: int
) -> addnodes.pending_xref:
    """``content`` linking to the page of the site at ``url`` (``/mitmachen``).

    ``where`` (the editors' name of the place), ``source`` and ``line`` say
    where the data names it, for the warning if the site lacks the page.
    """
    reference = addnodes.pending_xref(
        "",
        refdomain="",
        reftype=SITE_LINK,
        reftarget=url,
        refexplicit=True,
        refwarn=False,
        strategy_where=where,
        strategy_source=source,
        strategy_line=line,
    )
    reference.source, reference.line = source, line
    reference += content
    return reference


def page_at(
    url: str, docnames: Collection[str], root_doc: str
) -> tuple[str, str] | None:
    """The document the site address ``url`` names, and its anchor; or None.

    ``/`` is the front page (``root_doc``); a trailing ``.html`` or ``/`` is
    tolerated (``/projekt.html``, ``/projekt/``), as is a folder's index page.
    """
    parts = urlsplit(url)
    path = unquote(parts.path).strip("/")
    if not path:
        candidates = [root_doc]
    else:
        path = path.removesuffix(".html")
        candidates = [path, f"{path}/index"]
    for docname in candidates:
        if docname in docnames:
            return docname, parts.fragment
    return None


#: The links reported in this build: (source, line, address).  A data file
#: that several pages show has its missing page reported once.
_REPORTED: set[tuple[str, int, str]] = set()


def resolve_site_link(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: Any
) -> nodes.Node | None:
    """``missing-reference``: a site link to its page, or its content alone.

    A page outside the output (a PDF without it) raises NoUri, as Sphinx's
    own references do there: the content stays, without a warning.
    """
    if node.get("reftype") != SITE_LINK:
        return None
    url = node["reftarget"]
    found = page_at(url, env.all_docs, app.config.root_doc)
    if found is None:
        source, line = node["strategy_source"], node["strategy_line"]
        if (source, line, url) not in _REPORTED:
            _REPORTED.add((source, line, url))
            warn(
                messages.missing_page(node["strategy_where"], url), source, line, "link"
            )
        return contnode  # resolved to no link: neither Sphinx nor others warn
    docname, anchor = found
    return make_refnode(app.builder, node["refdoc"], docname, anchor, contnode)


def _forget_reported(app: Sphinx) -> None:
    _REPORTED.clear()


class SiteLinkCollector(EnvironmentCollector):
    """Which documents link to pages by address, so that they are written
    again when a page is added or removed: the link's target may have come or
    gone, and only writing the page resolves it again."""

    @staticmethod
    def linking(env: BuildEnvironment) -> set[str]:
        if not hasattr(env, "strategy_site_linking"):
            env.strategy_site_linking = set()  # type: ignore[attr-defined]
        found: set[str] = env.strategy_site_linking  # type: ignore[attr-defined]
        return found

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.linking(env).discard(docname)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: Collection[str],
        other: BuildEnvironment,
    ) -> None:
        self.linking(env).update(set(docnames) & self.linking(other))

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        for node in doctree.findall(addnodes.pending_xref):
            if node.get("reftype") == SITE_LINK:
                self.linking(app.env).add(app.env.docname)
                return

    def get_outdated_docs(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        if not (added or removed):
            return []
        return sorted(self.linking(env) - removed)


def setup_links(app: Sphinx) -> None:
    # Before other handlers (intersphinx): a site link is this site's own.
    app.connect("missing-reference", resolve_site_link, priority=400)
    app.connect("builder-inited", _forget_reported)
    app.add_env_collector(SiteLinkCollector)
