"""The site's release in readers' words, in the sidebar and on the PDF's title
page: "Release 1.1", "Draft after release 1.1, as of <date>" or "Draft, as of
<date>" (German through the catalog: „Fassung 1.1“, „Entwurf nach Fassung 1.1,
Stand 25.11.2026“, „Entwurf, Stand 25.11.2026“).

The release and the date of its commit come from git at ``config-inited``,
into ``strategy_release`` and ``strategy_release_date``.  These are 'html'
config values: a new commit rewrites the pages, whose sidebar shows the label,
but re-reads none.  Sphinx's own ``release`` and ``version`` are 'env' values,
so a release from git there would re-read every page at every commit.

A page names the release with the role ``{strategy-release}`label``` (or
``date``, the date of its commit); the text is filled in when the page is
written, so it too changes without a re-read.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.i18n import format_date

from . import versioning

_ = get_translation("strategy_pages")
#: Sphinx's own catalog, for its default date format.
sphinx_text = get_translation("sphinx")
logger = logging.getLogger(__name__)


def release_label(config: Config) -> str:
    """The release of ``config`` in words, with the date of its commit."""
    stage = versioning.stage(config.strategy_release)
    date = _formatted_date(config)
    if not stage.draft:
        return str(_("Release {release}")).format(release=stage.base)
    if stage.base is not None:
        if date:
            return str(_("Draft after release {release}, as of {date}")).format(
                release=stage.base, date=date
            )
        return str(_("Draft after release {release}")).format(release=stage.base)
    if date:
        return str(_("Draft, as of {date}")).format(date=date)
    return str(_("Draft"))


def _formatted_date(config: Config) -> str:
    """``strategy_release_date`` as the site writes dates; '' without one."""
    return site_date(config, config.strategy_release_date)


def site_date(config: Config, iso_date: str | None) -> str:
    """``iso_date`` (YYYY-MM-DD) as the site writes dates; '' where unreadable."""
    date = _parse_date(iso_date or "")
    if date is None:
        return ""
    # The site's own date format first ("last updated"), then Sphinx's.
    date_format = (
        config.html_last_updated_fmt
        or config.today_fmt
        or str(sphinx_text("%b %d, %Y"))
    )
    return format_date(date_format, date=date, language=config.language)


def _parse_date(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _release_from_git(app: Sphinx, config: Config) -> None:
    """Fill in what conf.py left unset; settled before anything compares config."""
    root = Path(app.srcdir)
    if config.strategy_release is None:
        config.strategy_release = versioning.release(root, config.strategy_release_tags)
    if config.strategy_release_date is None:
        config.strategy_release_date = versioning.commit_date(root) or ""
    elif config.strategy_release_date and not _parse_date(config.strategy_release_date):
        message = _(
            "strategy_release_date {value} is not an ISO date (YYYY-MM-DD); left out"
        )
        logger.warning(
            str(message).format(value=repr(config.strategy_release_date)),
            type="strategy",
            subtype="config",
        )


def _warn_once_if_shallow(app: Sphinx, config: Config) -> None:
    """A shallow clone lacks the history: say so once, with the remedy.

    The history page, the release and the "last updated" dates all miss it;
    sphinx-last-updated-by-git would say so once a page (``git.too_shallow``),
    which this one warning replaces.
    """
    if not versioning.is_shallow(Path(app.srcdir)):
        return
    config.suppress_warnings = [*config.suppress_warnings, "git.too_shallow"]
    message = _(
        "shallow git clone: no version history, release or page dates; run '{command}'"
    )
    logger.warning(
        str(message).format(command="git fetch --unshallow --tags"),
        type="strategy",
        subtype="history",
    )


def _sidebar(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["strategy_release"] = app.config.strategy_release
    context["strategy_release_label"] = release_label(app.config)


def _title_page(app: Sphinx) -> None:
    """The label on the PDF's title page and in its running heads.

    The builder's context, not the config: ``\\release`` prints it whole
    (strategypages.sty shows it without Sphinx's ``releasename`` before it).
    """
    if isinstance(app.builder, LaTeXBuilder):
        app.builder.context["release"] = release_label(app.config)


class release_text(nodes.Inline, nodes.TextElement):  # docutils: lower case
    """The release in words, or its date; filled in when the page is written."""


class ReleaseRole(SphinxRole):
    """``{strategy-release}`label``` or ``{strategy-release}`date```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        what = self.text.strip()
        if what not in ("label", "date"):
            message = self.inliner.reporter.error(
                f"strategy-release: 'label' or 'date', not {what!r}",
                line=self.lineno,
            )
            problem = self.inliner.problematic(self.rawtext, self.rawtext, message)
            return [problem], [message]
        return [release_text(self.rawtext, "", what=what)], []


class ReleaseText(SphinxPostTransform):
    """Write the release into the page, for every builder."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(release_text)):
            if node["what"] == "label":
                text = release_label(self.config)
            else:
                text = _formatted_date(self.config)
            node.replace_self(nodes.Text(text))


def setup_release(app: Sphinx) -> None:
    app.add_config_value(
        "strategy_release",
        None,
        "html",
        types=frozenset({str, type(None)}),
        description="The release of the site, PEP 440 (1.1, 1.1.dev3+g1a2b3c4); "
        "None: from git (the nearest tag matching strategy_release_tags).",
    )
    app.add_config_value(
        "strategy_release_date",
        None,
        "html",
        types=frozenset({str, type(None)}),
        description="ISO date of the release's commit; None: from git (HEAD), "
        "'': none.",
    )
    app.connect("config-inited", _release_from_git)
    app.connect("config-inited", _warn_once_if_shallow)
    app.connect("html-page-context", _sidebar)
    app.connect("builder-inited", _title_page)
    app.add_role("strategy-release", ReleaseRole())
    app.add_node(release_text)
    app.add_post_transform(ReleaseText)
