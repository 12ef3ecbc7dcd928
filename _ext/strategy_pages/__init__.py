"""Render pages of the civic-engagement strategy from their YAML front matter.

The CMS stores a page's whole content in its front matter and writes only
``<ProjectPage />`` as its body.  This extension reads that data (safely, with
the line of every key), checks it against ``schema.json``, normalises both
shapes the CMS published, and renders it as real Sphinx structure through the
directives ``hero``, ``goals``, ``formats`` and ``project-page``.
"""

from __future__ import annotations

import codecs
import html
import textwrap
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from . import (
    components,  # noqa: F401  (registers the page's components)
    data,
)
from .anchors import setup_anchors
from .cms import setup_cms
from .components.timeline import setup_timeline
from .components.workinggroups import setup_working_groups
from .configreport import setup_config_report
from .data import forget_reported_files, lenient_codec, read_undecodable
from .directives import setup_directives
from .epub import setup_epub
from .historypage import setup_history
from .interrupted import setup_interrupted
from .latex import setup_latex
from .links import setup_links
from .marks import setup_marks
from .notices import setup_notices
from .photos import setup_photos
from .releaselabel import setup_release
from .reporting import forget_warned
from .store import setup_store, store

__version__ = "0.1.0"

_PACKAGE = Path(__file__).parent
_STATIC = _PACKAGE / "static"
_LOCALE = _PACKAGE / "locale"
_DESCRIPTION_LENGTH = 300


def _add_static_files(app: Sphinx, config: Config) -> None:
    # At config-inited, as sphinx.ext.graphviz does: a value changed later
    # differs from the one the environment saved, and every incremental build
    # would report a changed configuration.  Builders other than HTML ignore
    # html_static_path (LaTeX copies no _static folder).
    config.html_static_path = [*config.html_static_path, str(_STATIC)]


def _note_description(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the hero text of each page, for its HTML meta description."""
    for text in doctree.findall(nodes.container):
        if "strategy-hero__text" in text["classes"]:
            summary = " ".join(text.astext().split())
            # Cut at a word boundary, and say that it is cut.
            store(app.env).descriptions[app.env.docname] = textwrap.shorten(
                summary, _DESCRIPTION_LENGTH, placeholder=" …", break_on_hyphens=False
            )
            return


def _add_meta_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    description = store(app.env).descriptions.get(pagename)
    if description:
        context["metatags"] = context.get("metatags", "") + (
            f'\n<meta name="description" content="{html.escape(description)}" />'
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "strategy_image_folder",
        "",
        "env",
        types=frozenset({str}),
        description="Folder in the source folder where image paths starting with "
        "'/' (the CMS's site-absolute paths) begin; '' is the source folder itself.",
    )
    app.add_config_value(
        "strategy_release_tags",
        "v*",
        "env",
        types=frozenset({str}),
        description="git pattern (as for 'git describe --match') of the tags "
        "that mark releases of the strategy.",
    )
    setup_store(app)
    setup_directives(app)
    setup_timeline(app)
    setup_working_groups(app)
    setup_history(app)
    setup_interrupted(app)
    setup_release(app)
    setup_marks(app)
    setup_notices(app)
    setup_cms(app)
    setup_anchors(app)
    setup_links(app)
    setup_latex(app)
    setup_epub(app)
    setup_photos(app)
    setup_config_report(app)
    app.add_message_catalog("strategy_pages", str(_LOCALE))
    codecs.register(lenient_codec)
    app.connect("env-before-read-docs", read_undecodable)
    app.connect("env-before-read-docs", forget_reported_files)
    app.connect("builder-inited", forget_warned)
    app.connect("source-read", data.on_source_read)
    app.add_css_file("strategy-pages.css")
    app.connect("config-inited", _add_static_files)
    app.connect("doctree-read", _note_description)
    app.connect("html-page-context", _add_meta_description)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
