"""The EPUB as a publication: its cover, and its navigation in German.

The cover image is the hero illustration of the strategy page
(``strategy_cover_page``), as the build read the page; a project that sets
``epub_cover`` itself keeps its own.  The EPUB builder copies the
illustration into ``_images`` as the page shows it.

Sphinx titles the navigation and the guide in English ("Table of Contents",
"Cover"); the builder gets them in the document's language: Sphinx's own
word for "Contents" („Inhalt“) and the extension's for the cover.

Each Fassung is an edition of its own (:func:`edition`): reading systems
keep books apart by their identifier, and Sphinx writes the same one for
every build, dated with the build time.  The builder writes instead an
identifier derived from the project and the release, the date of the
release's commit, and a title that names the Fassung.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders._epub_base import EpubBuilder
from sphinx.config import Config
from sphinx.locale import _ as sphinx_text
from sphinx.locale import get_translation

from .components.hero import hero_image
from .releaselabel import release_label

_ = get_translation("strategy_pages")

#: The template of the cover page (_templates/epub-cover.html in the project).
COVER_TEMPLATE = "epub-cover.html"


def _set_cover(app: Sphinx, builder: Builder) -> None:
    """The hero illustration of ``strategy_cover_page`` as the EPUB's cover.

    Taken from the page as the build read it, once its doctree is written,
    and set only for writing: the configuration the environment keeps stays
    the project's, so a new illustration re-reads no page.
    """
    if not isinstance(builder, EpubBuilder) or app.config.epub_cover:
        return
    docname = app.config.strategy_cover_page
    if docname not in app.env.all_docs:
        return
    image = hero_image(app.env.get_doctree(docname))
    found = app.env.images.get(image["uri"]) if image is not None else None
    if found is not None:
        # Where the EPUB builder puts the page's images (its imagedir).
        app.config.epub_cover = (f"{builder.imagedir}/{found[1]}", COVER_TEMPLATE)


def _skip_leftovers(app: Sphinx, config: Config) -> None:
    """Leave out what a build before left in the output folder.

    Sphinx lists every file of the output folder in the EPUB; a cover page of
    an earlier build would also stand in the spine a second time (which
    epubcheck refuses), and a changed configuration leaves .buildinfo.bak.
    The cover page is added anyway, where epub_cover asks for one.
    """
    config.epub_exclude_files = [
        *config.epub_exclude_files,
        "epub-cover.xhtml",
        ".buildinfo.bak",
    ]


def _german_guide(app: Sphinx) -> None:
    if isinstance(app.builder, EpubBuilder):
        # An attribute of this builder: Sphinx's GUIDE_TITLES stays as it is.
        app.builder.guide_titles = {
            "toc": str(sphinx_text("Contents")),
            "cover": str(_("Cover")),
        }


@dataclass(frozen=True)
class Edition:
    """What tells one Fassung's EPUB from another's."""

    #: ``urn:uuid:…``, the same for every build of the same release.
    identifier: str
    #: The book's title with the Fassung: the title, a dash, the Fassung in words.
    title: str
    #: The date of the release's commit as EPUB wants it; '' where unknown.
    date: str


def edition(config: Config) -> Edition:
    """The edition of ``config``'s release (``strategy_release``).

    A draft's release names its commit (``1.1.dev3+g1a2b3c4``), so every
    draft is an edition of its own too.  Without git the release is
    :data:`.versioning.UNKNOWN` and there is no date.
    """
    name = f"{config.project}\n{config.strategy_release}"
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, name).urn
    title = f"{config.epub_title} \u2013 {release_label(config)}"
    # EPUB 3 wants the modification time in UTC (dcterms:modified), which
    # Sphinx also writes into dc:date; the commit's day is what the site
    # and the PDF name as the Fassung's date.
    date = f"{config.strategy_release_date}T00:00:00Z"
    return Edition(identifier, title, date if config.strategy_release_date else "")


Metadata = Callable[..., dict[str, Any]]


def _with_edition(metadata: Metadata, values: dict[str, str]) -> Metadata:
    def edition_metadata(*args: Any) -> dict[str, Any]:
        return {**metadata(*args), **values}

    return edition_metadata


def _set_edition(app: Sphinx) -> None:
    """Let the builder write the Fassung into content.opf and toc.ncx.

    Instance attributes of this builder, as with its guide titles.  The NCX
    names the book by its identifier's value (``dtb:uid``), which must equal
    the OPF's; Sphinx writes the configured XML id there instead.  Without a
    known date Sphinx's own stays (``SOURCE_DATE_EPOCH``, else the build's).
    """
    builder = app.builder
    if not isinstance(builder, EpubBuilder):
        return
    found = edition(app.config)
    content = {"id": html.escape(found.identifier), "title": html.escape(found.title)}
    if found.date:
        content["date"] = html.escape(found.date)
    builder.content_metadata = _with_edition(  # type: ignore[method-assign]
        builder.content_metadata, content
    )
    toc = {"uid": html.escape(found.identifier), "title": html.escape(found.title)}
    builder.toc_metadata = _with_edition(  # type: ignore[method-assign]
        builder.toc_metadata, toc
    )


def setup_epub(app: Sphinx) -> None:
    app.connect("write-started", _set_cover)
    app.connect("config-inited", _skip_leftovers)
    app.connect("builder-inited", _german_guide)
    app.connect("builder-inited", _set_edition)
