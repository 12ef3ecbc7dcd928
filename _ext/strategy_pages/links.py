"""Links inside the site, resolved when the pages are written.

A link to a page (``doc``) or to a label (``ref``: a section, or an item
through its positional label) that the site may or may not have: where the
target is missing, the text stays, without a link and without a warning, as
the target's absence is no problem of the page that links to it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes


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
