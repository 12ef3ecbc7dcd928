"""Sphinx configuration of the strategy site (sources in docs/)."""

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
language = "de"
# German for the theme's own words (furo), where Sphinx's catalog has none.
locale_dirs = ["_locale"]

extensions = [
    "myst_parser",
    "strategy_pages",
    # SVG -> PDF with rsvg-convert (Debian: librsvg2-bin) for LaTeX, which takes no SVG
    "sphinxcontrib.rsvgconverter",
    # "Zuletzt aktualisiert": the date of the last commit of each page and its data
    "sphinx_last_updated_by_git",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
templates_path = [str(Path(__file__).parent / "_templates")]
# Snippets shown and included by the reference; not pages of their own.
exclude_patterns = ["beispiele"]

myst_heading_anchors = 3

html_theme = "furo"
html_last_updated_fmt = "%d.%m.%Y"
html_title = project
html_static_path: list[str] = []

# LaTeX / PDF.  XeLaTeX reads the UTF-8 sources as they are (umlauts, ß, „…“,
# dashes) with OpenType fonts, and Sphinx sets it up with polyglossia for
# German hyphenation; pdfLaTeX would need inputenc/fontenc mappings for every
# such character.  Fonts: GNU FreeFont (Debian: fonts-freefont-otf), Sphinx's
# default for XeLaTeX.
latex_engine = "xelatex"
latex_documents = [
    (
        "index",
        "strategie-buergerschaftliches-engagement.tex",
        project,
        author,
        "manual",
    ),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
}

epub_basename = "strategie-buergerschaftliches-engagement"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
