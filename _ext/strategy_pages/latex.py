"""Print layout for the LaTeX builder: a publication, not a manual.

In print, each goal and format shows its illustration beside its text, and
the hero's image sits beside the hero text.  A post-transform, run for the
LaTeX builder only, wraps the image and the text in a row container; the
package ``strategypages.sty`` lays the row out side by side, keeps a title
with its text, and puts the image above the text where the text is too long
to stay on one page.  The hero's subtitle moves out of the row, under the
title, and is set as a subtitle.

The version history is, in print, an overview: each Fassung's changes in one
line each, their headlines (:class:`LatexHistory`).  Words inserted and
deleted, whole texts and pictures before and after stay on the site: in
print they filled most of the publication, and showed the same picture
again at every change.

The title page is a cover: the strategy page's hero illustration (the page
named by ``strategy_cover_page``, else the first hero of the document), the
title, the release in words and its date.  The table of contents is headed
„Inhalt“ (Sphinx's word for "Contents"), not by the caption of the first
toctree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.config import Config
from sphinx.locale import _ as sphinx_text
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxTranslator
from sphinx.util.texescape import escape
from sphinx.writers.latex import LaTeXTranslator

from .components.hero import HERO_IMAGE, hero_image
from .historypage import CHANGE, DETAIL
from .marks import release_name
from .releaselabel import release_label, site_date

_ = get_translation("strategy_pages")

STYLE = Path(__file__).parent / "latex" / "strategypages.sty"

#: (container holding the image, container holding the text)
_ROWS = (
    ("strategy-item__image", "strategy-item__text"),
    (HERO_IMAGE, "strategy-hero__text"),
)
_HERO = "strategy-hero"
_HERO_BODY = "strategy-hero__body"
_SUBTITLE = "strategy-hero__subtitle"


class LatexRows(SphinxPostTransform):
    """Put each illustration and its text side by side in one row."""

    builders = ("latex",)
    default_priority = 400

    def run(self, **kwargs: Any) -> None:
        for section in list(self.document.findall(nodes.section)):
            if _HERO in section["classes"]:
                _lift_subtitle(section)
        for image_class, text_class in _ROWS:
            images = [
                n
                for n in self.document.findall(nodes.container)
                if _has(n, image_class)
            ]
            for image in images:
                text = next(
                    (n for n in image.parent.children if _has(n, text_class)), None
                )
                if isinstance(text, nodes.container):
                    _make_row(image, text)


def _has(node: nodes.Node, css_class: str) -> bool:
    """Whether ``node`` is a container of the given class."""
    return isinstance(node, nodes.container) and css_class in node["classes"]


def _lift_subtitle(hero: nodes.section) -> None:
    """Move the hero's subtitle out of its text, right under the title.

    Wrapped in a container of its class, which strategypages.sty sets as a
    subtitle (LaTeX gives paragraphs no class environment).
    """
    body = next((n for n in hero.children if _has(n, _HERO_BODY)), None)
    if body is None:
        return
    for paragraph in list(body.findall(nodes.paragraph)):
        if _SUBTITLE in paragraph["classes"]:
            paragraph.parent.remove(paragraph)
            subtitle = nodes.container(classes=[_SUBTITLE])
            subtitle += paragraph
            hero.insert(hero.index(body), subtitle)
            return


def _make_row(image: nodes.container, text: nodes.container) -> None:
    parent = image.parent
    position = min(parent.index(image), parent.index(text))
    parent.remove(image)
    parent.remove(text)
    image["classes"].append("strategy-row__side")
    text["classes"].append("strategy-row__main")
    row = nodes.container(classes=["strategy-row"])
    # The text first, the illustration beside it on the right: the title
    # above the row stands over the text it belongs to.
    row += [text, image]
    parent.insert(position, row)


class LatexHistory(SphinxPostTransform):
    """The version history as an overview: each change in its line alone."""

    builders = ("latex",)
    # Before the images are extracted and converted (150 and on): a picture
    # left out is never written to the output folder.
    default_priority = 90

    def run(self, **kwargs: Any) -> None:
        for detail in list(self.document.findall(nodes.Element)):
            if DETAIL not in detail["classes"]:
                continue
            line = _change_line_before(detail)
            if line is not None:
                _drop_trailing_colon(line)
            detail.parent.remove(detail)


def _change_line_before(detail: nodes.Element) -> nodes.Element | None:
    """The line of the change ``detail`` belongs to (the first of its entry)."""
    entry = detail.parent
    first = entry.children[0] if entry.children else None
    if isinstance(first, nodes.Element) and CHANGE in first["classes"]:
        return first
    return None


def _drop_trailing_colon(line: nodes.Element) -> None:
    """„Text von „Ziel“ geändert:“ introduces the details the line now lacks."""
    texts = list(line.findall(nodes.Text))
    if texts and texts[-1].endswith(":"):
        last = texts[-1]
        last.parent.replace(last, nodes.Text(last.removesuffix(":")))


class cover(nodes.General, nodes.Element):  # docutils names node classes in lower case
    """The cover illustration; the LaTeX writer sets it on the title page."""


class LatexCover(SphinxPostTransform):
    """Give the title page the strategy page's hero illustration.

    The document is the whole PDF (the LaTeX builder resolves the assembled
    tree once); the strategy page is ``strategy_cover_page``, or else the
    first page with a hero image.
    """

    builders = ("latex",)
    # After the image converters (SVG -> PDF), so the copy names the PDF.
    default_priority = 410

    def run(self, **kwargs: Any) -> None:
        image = _cover_image(self.document, self.config.strategy_cover_page)
        if image is not None:
            illustration = cover()
            illustration += image.deepcopy()
            self.document += illustration


def _cover_image(document: nodes.document, docname: str) -> nodes.image | None:
    scope: nodes.Element = document
    if docname:
        page = next(
            (
                part
                for part in document.findall(addnodes.start_of_file)
                if part.get("docname") == docname
            ),
            None,
        )
        if page is not None:
            scope = page
        elif document.get("docname") != docname:
            return None
    return hero_image(scope)


def visit_cover(self: LaTeXTranslator, node: cover) -> None:
    node["body_start"] = len(self.body)


def depart_cover(self: LaTeXTranslator, node: cover) -> None:
    """Take what the image wrote out of the body, onto the title page."""
    start = node["body_start"]
    illustration = "".join(self.body[start:]).strip()
    del self.body[start:]
    self.elements["maketitle"] = _maketitle(self.config, illustration)


def skip_cover(self: SphinxTranslator, node: cover) -> None:
    raise nodes.SkipNode


def _title_page(app: Sphinx) -> None:
    """Title page, its date and the name of the table of contents.

    The date is that of the release's commit (the build's date without git);
    where the release label already says it („Entwurf, Stand …“), the title
    page shows it once.
    """
    if not isinstance(app.builder, LaTeXBuilder):
        return
    context = app.builder.context
    context["maketitle"] = _maketitle(app.config, "")
    date = site_date(app.config, app.config.strategy_release_date)
    if date:
        context["date"] = "" if date in release_label(app.config) else escape(date)
    context["tableofcontents"] = (
        rf"\strategytableofcontents{{{escape(str(sphinx_text('Contents')))}}}"
    )


def _maketitle(config: Config, illustration: str) -> str:
    """The title page with the cover ``illustration`` (LaTeX)."""
    return _review_note(config) + rf"\strategymaketitle{{{illustration}}}"


def _review_note(config: Config) -> str:
    """A review copy's cover says that it carries marks, and against what."""
    base = config.strategy_review_base
    if not base:
        return ""
    note = _(
        "This copy marks the changes against {release}: inserted words are "
        "underlined, deleted ones struck through."
    ).format(release=release_name(config, base))
    return rf"\renewcommand{{\strategyreviewnote}}{{{escape(note)}}}"


def add_latex_style(app: Sphinx, config: Config) -> None:
    """Ship the package with every LaTeX build (other builders ignore the value).

    At config-inited, as sphinx.ext.graphviz adds its stylesheet: a value
    changed later differs from the one the environment saved, and each
    incremental build would report a changed configuration.
    """
    config.latex_additional_files = [*config.latex_additional_files, str(STYLE)]


def setup_latex(app: Sphinx) -> None:
    app.add_config_value(
        "strategy_cover_page",
        "",
        "env",
        types=frozenset({str}),
        description="Document whose hero image is the cover of the PDF and the "
        "EPUB; '' (PDF only): the first hero image of the document.",
    )
    app.add_post_transform(LatexRows)
    app.add_post_transform(LatexHistory)
    app.add_post_transform(LatexCover)
    skip = (skip_cover, None)
    app.add_node(
        cover,
        latex=(visit_cover, depart_cover),
        html=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_latex_package("strategypages")
    app.connect("config-inited", add_latex_style)
    app.connect("builder-inited", _title_page)
