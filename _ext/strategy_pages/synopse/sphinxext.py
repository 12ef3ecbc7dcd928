"""The Sphinx extension of the generated project that sets a Synopse.

:mod:`.cli` builds a throwaway Sphinx project of one document, ``index``,
holding only the ``synopse`` directive, with this extension and the settings
of :func:`settings`; the directive (:mod:`.document`) reads both versions
from git and lays them out in numbered rows of two cells (:mod:`.writers`).
The same doctree is written twice: as one HTML page (the ``singlehtml``
builder, with the theme beside this module) and as LaTeX (``synopse.sty``:
A4 landscape, a ``longtable`` whose head stands on every page, in the fonts
of the site's PDF).

Everything from the data reaches the output through docutils nodes, which
Sphinx's writers escape; descriptions are Markdown rendered by
:mod:`..markdown`, which passes no raw HTML or LaTeX through.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.util.i18n import format_date
from sphinx.util.texescape import escape as tex_escape
from sphinx.util.typing import ExtensionMetadata

from ..history import Repository
from .document import SynopseDirective
from .versions import Version, at_revision, work_tree
from .writers import add_nodes

_ = get_translation("strategy_pages")

HERE = Path(__file__).parent
STYLE = HERE / "synopse.sty"
CSS = HERE / "synopse.css"
THEMES = HERE / "themes"
LOCALE = HERE.parent / "locale"


def settings(
    repository: Repository,
    base: str,
    pages: list[str],
    site: Mapping[str, Any],
) -> dict[str, Any]:
    """The configuration of the generated project (it has no ``conf.py``).

    ``site`` holds the values read from the site's ``conf.py``: its language,
    date format, release tags, project and author, and the fonts of its PDF
    (``latex_elements['fontpkg']``), which the Synopse is set in too.
    """
    elements = site.get("latex_elements")
    fonts = elements.get("fontpkg") if isinstance(elements, dict) else None
    return {
        "extensions": ["strategy_pages.synopse.sphinxext"],
        "root_doc": "index",
        "language": site.get("language") or "en",
        "project": site.get("project") or "Synopse",
        "author": site.get("author") or "",
        "synopse_repository": str(repository.root),
        "synopse_srcdir": repository.srcdir,
        "synopse_image_folder": site.get("strategy_image_folder") or "",
        "synopse_base": base,
        "synopse_pages": pages,
        "synopse_release_tags": site.get("strategy_release_tags") or "v*",
        "synopse_fontpkg": fonts if isinstance(fonts, str) else "",
        # the site's dates, as in "last updated" and in the release label
        "synopse_date_format": site.get("html_last_updated_fmt")
        or site.get("today_fmt")
        or "",
        # HTML: one self-contained page
        "html_theme": "synopse",
        "html_theme_path": [str(THEMES)],
        "html_permalinks": False,
        "html_copy_source": False,
        "html_show_sourcelink": False,
        "html_use_index": False,
        # LaTeX: A4 landscape, XeLaTeX for the UTF-8 text as it is
        "latex_engine": "xelatex",
        "latex_use_xindy": False,
        "latex_domain_indices": False,
        "latex_additional_files": [str(STYLE)],
        "latex_documents": [
            (
                "index",
                "synopse.tex",
                "",  # the document's title, escaped by the writer
                tex_escape(str(site.get("author") or ""), "xelatex"),
                "howto",
            )
        ],
    }


def _versions(app: Sphinx, config: Config) -> None:
    """The two sides in words, for the title, the column heads and the PDF."""
    repository = Repository(Path(config.synopse_repository), config.synopse_srcdir)
    tags = config.synopse_release_tags
    base = at_revision(repository, config.synopse_base, tags)
    old = version_label(base, config)
    if base.stage.draft:  # not a release: the revision tells it from the new side
        old = f"{old} ({config.synopse_base})"
    new = version_label(work_tree(repository, tags), config)
    config.synopse_old_label = old
    config.synopse_new_label = new
    title = str(_("Synopsis: {old} \u2013 {new}")).format(old=old, new=new)
    config.synopse_title = title
    config.html_title = title
    config.html_context = {
        **config.html_context,
        "synopse_css": CSS.read_text("utf-8"),
    }
    config.latex_elements = {
        **config.latex_elements,
        "papersize": "a4paper",
        "pointsize": "11pt",
        "geometry": r"\usepackage[a4paper,landscape,hmargin=16mm,"
        r"top=12mm,bottom=12mm,includehead,includefoot]{geometry}",
        "extrapackages": r"\usepackage{synopse}",
        "fncychap": "",
        "maketitle": r"\synopsemaketitle",
        "tableofcontents": "",
        "makeindex": "",
        "printindex": "",
        "preamble": _page_footer(),
        # the publication's fonts, where its conf.py names them
        **({"fontpkg": config.synopse_fontpkg} if config.synopse_fontpkg else {}),
    }


def version_label(version: Version, config: Config) -> str:
    """„Fassung 1.0 vom 05.09.2019“, „Entwurf nach Fassung 1.0, Stand …“."""
    stage = version.stage
    when = _date(version, config)
    if not stage.draft:
        label = (
            str(_("Release {version} of {date}")).format(version=stage.base, date=when)
            if when
            else str(_("Release {release}")).format(release=stage.base)
        )
    elif stage.base is not None:
        label = (
            str(_("Draft after release {release}, as of {date}")).format(
                release=stage.base, date=when
            )
            if when
            else str(_("Draft after release {release}")).format(release=stage.base)
        )
    else:
        label = (
            str(_("Draft, as of {date}")).format(date=when) if when else str(_("Draft"))
        )
    return label


def _date(version: Version, config: Config) -> str:
    if version.date is None:
        return ""
    moment = datetime(version.date.year, version.date.month, version.date.day)
    return format_date(
        config.synopse_date_format or "%Y-%m-%d",
        date=moment,
        language=config.language,
    )


def _page_footer() -> str:
    r"""``\synopsepagefooter``, „Seite 2 von 7“, from the catalog, escaped."""
    template = str(_("Page {page} of {pages}"))
    fields = {"{page}": r"\thepage{}", "{pages}": r"\pageref*{LastPage}"}
    parts = re.split(r"(\{page\}|\{pages\})", template)
    text = "".join(fields.get(part) or tex_escape(part, "xelatex") for part in parts)
    return rf"\renewcommand{{\synopsepagefooter}}{{{text}}}"


def setup(app: Sphinx) -> ExtensionMetadata:
    for name, default, kind in (
        ("synopse_repository", "", str),
        ("synopse_srcdir", "", str),
        ("synopse_image_folder", "", str),
        ("synopse_base", "", str),
        ("synopse_pages", [], list),
        ("synopse_release_tags", "v*", str),
        ("synopse_date_format", "", str),
        ("synopse_fontpkg", "", str),
        ("synopse_old_label", "", str),
        ("synopse_new_label", "", str),
        ("synopse_title", "", str),
    ):
        app.add_config_value(name, default, "env", types=frozenset({kind}))
    app.add_message_catalog("strategy_pages", str(LOCALE))
    app.connect("config-inited", _versions)
    app.add_directive("synopse", SynopseDirective)
    add_nodes(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
