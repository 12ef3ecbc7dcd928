"""Sphinx configuration of the strategy site (sources in docs/)."""

import os
import sys
from pathlib import Path

# The extension lives beside this file, so the site builds without installing it.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# Release tags are named like v1.0.  The extension takes the release from git
# (the nearest tag, or a development marker past it: 1.0.dev3+g1a2b3c4) and
# shows it in words: „Fassung 1.0“, „Entwurf nach Fassung 1.0, Stand …“.
strategy_release_tags = "v*"
# Sphinx's own release and version are 'env' values: set from git, every
# commit would re-read every page.  EPUB needs some version (ibooks:version).
version = "1"

project = "Strategie Bürgerschaftliches Engagement"
author = "Landeshauptstadt Stuttgart, Bürgerschaftliches Engagement"
copyright = "Landeshauptstadt Stuttgart"
#: What the publication is, for the EPUB's description and the PDF's subject.
description = (
    "Die Strategie der Landeshauptstadt Stuttgart für das Bürgerschaftliche "
    "Engagement: Ziele, Formate und Versionsgeschichte."
)
language = "de"
# German for the theme's own words (furo), where Sphinx's catalog has none.
locale_dirs = ["_locale"]

extensions = [
    "myst_parser",
    "strategy_pages",
    # SVG -> PDF with rsvg-convert (Debian: librsvg2-bin) for LaTeX, which takes no SVG;
    # photos (WebP, HEIC, ...) -> PNG: strategy_pages, with ImageMagick (imagemagick)
    "sphinxcontrib.rsvgconverter",
    # "Zuletzt aktualisiert": the date of the last commit of each page and its data
    "sphinx_last_updated_by_git",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
templates_path = [str(Path(__file__).parent / "_templates")]
# Snippets shown and included by the maintainers' pages; not pages of their own.
exclude_patterns = ["beispiele"]

# Two audiences, two documents.  The site carries the publication (the
# strategy, its version history, the imprint) and, in a section of its own,
# the maintainers' pages.  The publication alone is what the PDF and the EPUB
# hold: built with the tag "publikation" (sphinx-build -t publikation, as
# `make latexpdf`, `make epub` and .readthedocs.yaml do), the maintainers'
# pages are left out.
maintainers_pages = ["redaktion.md", "referenz.md"]
# The CMS (make cms, admin/) offers every page a reader sees, and creates new
# pages in docs/seiten/<page type>/, which the front page lists
# (strategy-toctree); the maintainers' pages and the generated version
# history are not for editing there.
strategy_cms_exclude = [*maintainers_pages, "versionen.md"]
if tags.has("publikation"):  # noqa: F821 (Sphinx gives conf.py its tags)
    exclude_patterns += maintainers_pages
    # The front page's toctree of the maintainers' section names them; the
    # site build, without the tag, checks that toctree.
    suppress_warnings = ["toc.excluded"]

# The page whose hero illustration is the cover of the PDF and the EPUB.
strategy_cover_page = "projekt"

myst_heading_anchors = 3

html_theme = "furo"
html_last_updated_fmt = "%d.%m.%Y"
html_title = project
html_static_path: list[str] = []
# Readers get the pages, not their Markdown source (furo's eye icon).
html_show_sourcelink = False
html_copy_source = False
# The site has no index entries: no empty "Stichwortverzeichnis".
html_use_index = False
# Read the Docs names the canonical address of each version.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# LaTeX / PDF.  XeLaTeX reads the UTF-8 sources as they are (umlauts, ß, „…“,
# dashes) with OpenType fonts, and Sphinx sets it up with polyglossia for
# German hyphenation; pdfLaTeX would need inputenc/fontenc mappings for every
# such character.
latex_engine = "xelatex"
latex_documents = [
    (
        "index",
        "strategie-buergerschaftliches-engagement.tex",
        project,
        author,
        "manual",
        # Only the front page's tables of contents: its text is for the site,
        # the PDF has a cover (strategypages.sty) and its own table of contents.
        True,
    ),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # A publication, not a book: chapters start on the next page, not on the
    # next right-hand one, and no page is left blank.
    "extraclassoptions": "openany,oneside",
    # One type family for headings and body: FreeSans, with FreeMono for code
    # (Debian: fonts-freefont-otf; GNU FreeFont is Sphinx's default for XeLaTeX).
    "fontpkg": r"""
\setmainfont{FreeSans}[Extension=.otf, UprightFont=*, BoldFont=*Bold,
  ItalicFont=*Oblique, BoldItalicFont=*BoldOblique]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, BoldFont=*Bold,
  ItalicFont=*Oblique, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Extension=.otf, UprightFont=*, BoldFont=*Bold,
  ItalicFont=*Oblique, BoldItalicFont=*BoldOblique, Scale=MatchLowercase]
""",
    # Headings: strategypages.sty; Sphinx's "Bjarne" chapter heads would
    # override them.
    "fncychap": "",
    "geometry": r"\usepackage[a4paper, hmargin=28mm, top=25mm, bottom=30mm]{geometry}",
    # The PDF's subject and language (title and author: the cover sets them).
    "preamble": rf"\hypersetup{{pdfsubject={{{description}}}, pdflang={{de-DE}}}}",
    "printindex": "",
}
latex_domain_indices = False

# EPUB: the same publication, with German metadata; the cover is the strategy
# page's hero illustration (strategy_cover_page).
epub_basename = "strategie-buergerschaftliches-engagement"
epub_title = project
epub_description = description
epub_author = author
epub_publisher = author
epub_contributor = author
epub_copyright = copyright
# The XML id of the identifier (a name without colons).  The identifier
# itself, the title and the date are the Fassung's, from git: the extension
# writes them into each EPUB (strategy_pages/epub.py), one edition a release.
epub_identifier = epub_uid = epub_basename
epub_scheme = "XML ID"
# The navigation lists every chapter and section (the front page's tables of
# contents are hidden on the site, where furo shows them in the sidebar).
epub_tocscope = "includehidden"
# Links in the text stay links; no web address printed after each.
epub_show_urls = "no"
