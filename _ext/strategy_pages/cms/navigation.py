"""The navigation of pages editors create in the CMS.

New pages land in a folder of their page type (``seiten/ergebnisse/…``,
:mod:`.site`).  The start page lists them with ``strategy-toctree``: a
``toctree`` with ``:glob:`` whose patterns may match nothing yet.  Sphinx
warns of an empty glob pattern with no warning type to suppress, and the
folder of a page type stays empty until an editor creates its first page.
Sphinx re-reads a page with a glob toctree when pages are added, so a new
page joins the navigation without anyone touching a toctree.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree, glob_re
from sphinx.util import docname_join, url_re
from sphinx.util.matching import patfilter
from sphinx.util.nodes import explicit_title_re


class StrategyTocTree(TocTree):
    """A globbing ``toctree`` that leaves out patterns no page matches."""

    def run(self) -> list[nodes.Node]:
        self.options["glob"] = None  # a flag option's value
        return super().run()

    def parse_content(self, toctree: addnodes.toctree) -> None:
        current = self.env.current_document.docname
        others = self.env.found_docs - {current}
        self.content = self.content.__class__(
            [
                entry
                for entry in self.content
                if not glob_re.match(entry)
                or explicit_title_re.match(entry)
                or url_re.match(entry)
                or patfilter(others, docname_join(current, entry))
            ]
        )
        super().parse_content(toctree)


def setup_navigation(app: Sphinx) -> None:
    app.add_directive("strategy-toctree", StrategyTocTree)
