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

Every address from the data passes :func:`checked_url` first: it is read as
browsers read it, and only ``http``, ``https``, ``mailto`` and the site's own
paths get a link.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from . import messages, notices
from .reporting import warn
from .store import store


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


#: What browsers strip from both ends of an address (WHATWG URL parsing:
#: C0 control characters and the space) ...
_URL_ENDS = "".join(map(chr, range(0x21)))
#: ... and remove wherever it stands: ``java\tscript:`` is ``javascript:``.
_URL_REMOVED = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_WEB_SCHEMES = ("http", "https")
#: Fields of a ``mailto:`` link that only fill in the e-mail; ``cc``, ``bcc``,
#: ``to`` or any other header would send it elsewhere or forge it.
_MAILTO_FIELDS = ("subject", "body")
_LINE_BREAK = re.compile(r"[\r\n]")


def checked_url(url: str) -> str | None:
    """The address ``url`` as browsers read it, where it may be linked; or None.

    Browsers strip control characters and spaces from both ends and drop tabs
    and line breaks inside before they look at the scheme, so the check does
    the same on the same text, and the link gets that text.  Allowed are
    ``http:``, ``https:``, ``mailto:`` (an address, with a subject or body at
    most, and a line break only in the body, so no header can be added) and
    addresses without a scheme that stay on the site (``/mitmachen``,
    ``#ziele``); not ``//host``, which is another site with the page's scheme.
    """
    address = url.strip(_URL_ENDS).translate(_URL_REMOVED)
    if not address:
        return None
    scheme = _SCHEME.match(address)
    if scheme is None:
        # Browsers read a backslash as a slash: "/\\host" is "//host".
        return None if address[:2].replace("\\", "/") == "//" else address
    name = scheme.group(1).lower()
    if name in _WEB_SCHEMES:
        return address
    if name == "mailto" and _harmless_mailto(address[scheme.end() :]):
        return address
    return None


def completed_address(address: str) -> str | None:
    """The whole address an editor meant where ``address`` (as
    :func:`checked_url` gives it) lacks its beginning; None where it has one.

    Browsers read ``www.stuttgart.de/engagement`` as a path on this site, a
    link that leads nowhere: it was meant as ``https://www.stuttgart.de/…``,
    ``info@stuttgart.de`` as ``mailto:…``, and ``mitmachen`` as the site's
    page ``/mitmachen``.  A link within the page (``#ziele``) is whole.
    """
    if _SCHEME.match(address) or address.startswith(("/", "#", "?")):
        return None
    host = address.split("/", 1)[0]
    if "@" in host:
        return f"mailto:{address}"
    if "." in host.strip("."):
        return f"https://{address.lstrip('./')}"
    return "/" + address.lstrip("./")


def _harmless_mailto(rest: str) -> bool:
    """Whether the part after ``mailto:`` only names addresses and fills in
    the subject or body (RFC 6068), without a line break in the subject."""
    to, _, query = rest.partition("?")
    if "@" not in to or _LINE_BREAK.search(unquote(to)):
        return False
    fields = parse_qsl(query, keep_blank_values=True)
    return all(
        name.lower() in _MAILTO_FIELDS
        and (name.lower() == "body" or not _LINE_BREAK.search(value))
        for name, value in fields
    )


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
        message = messages.missing_page(node["strategy_where"], url)
        if (source, line, url) not in _REPORTED:
            _REPORTED.add((source, line, url))
            warn(message, source, line, "link")
        # On every page that shows it: the notices of reading are placed.
        notices.place_later(node, line, message)
        return contnode  # resolved to no link: neither Sphinx nor others warn
    docname, anchor = found
    return make_refnode(app.builder, node["refdoc"], docname, anchor, contnode)


def _forget_reported(app: Sphinx) -> None:
    _REPORTED.clear()


# Which documents link to pages by address, so that they are written again
# when a page is added or removed: the link's target may have come or gone,
# and only writing the page resolves it again.  Kept in the store.


def _note_site_links(app: Sphinx, doctree: nodes.document) -> None:
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("reftype") == SITE_LINK:
            store(app.env).site_linking.add(app.env.docname)
            return


def _pages_linking(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    if not (added or removed):
        return []
    return sorted(store(env).site_linking - removed)


def setup_links(app: Sphinx) -> None:
    # Before other handlers (intersphinx): a site link is this site's own.
    app.connect("missing-reference", resolve_site_link, priority=400)
    app.connect("builder-inited", _forget_reported)
    app.connect("doctree-read", _note_site_links)
    app.connect("env-get-outdated", _pages_linking)
