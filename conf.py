"""Sphinx configuration of the strategy site (sources in docs/)."""

import sys
from pathlib import Path

# The extension lives beside this file, so the site builds without installing it.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Strategie Bürgerschaftliches Engagement"
author = "Landeshauptstadt Stuttgart, Bürgerschaftliches Engagement"
copyright = "Landeshauptstadt Stuttgart"
language = "de"

extensions = [
    "myst_parser",
    "strategy_pages",
    # SVG -> PDF with rsvg-convert (Debian: librsvg2-bin) for LaTeX, which takes no SVG
    "sphinxcontrib.rsvgconverter",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
templates_path = [str(Path(__file__).parent / "_templates")]
# Snippets shown and included by the reference; not pages of their own.
exclude_patterns = ["beispiele"]

myst_heading_anchors = 3

html_theme = "furo"
html_title = project
html_static_path: list[str] = []
