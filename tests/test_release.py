"""The release in words in the sidebar; a commit rewrites it but re-reads nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, build, build_in, git, read_html, warnings_of
from sphinx.util.console import strip_escape_sequences
from strategy_pages import versioning
from test_incremental import reread

#: The site's theme and its sidebar template, which shows the label.
SITE_LOOK = {
    "html_theme": "furo",
    "templates_path": [str(Path(__file__).parents[1] / "_templates")],
}


def sidebar_release(app, docname: str = "index") -> tuple[str, str]:
    """(machine-readable release, label) in the sidebar of a built page."""
    data = read_html(app, docname).select_one("data.sidebar-brand-version")
    return data["value"], data.get_text(strip=True)


@pytest.mark.parametrize(
    ("release", "date", "date_format", "label"),
    [
        ("1.1", "2026-11-25", None, "Fassung 1.1"),
        (
            "1.1.dev3+g1a2b3c4",
            "2026-11-25",
            None,
            "Entwurf nach Fassung 1.1, Stand 25.11.2026",
        ),
        (
            "1.1.dev0+g1a2b3c4.dirty",
            "2026-11-25",
            "%Y-%m-%d",
            "Entwurf nach Fassung 1.1, Stand 2026-11-25",
        ),
        ("0.0.dev5+gabc1234", "2026-11-25", None, "Entwurf, Stand 25.11.2026"),
        ("0.0.dev0+unknown", "", None, "Entwurf"),
        ("1.1.dev3+g1a2b3c4", "", None, "Entwurf nach Fassung 1.1"),
    ],
    ids=["release", "draft", "dirty, site format", "no release", "no git", "no date"],
)
def test_sidebar_shows_the_release_in_words(
    tmp_path_factory, release, date, date_format, label
):
    overrides = {
        **SITE_LOOK,
        "strategy_release": release,
        "strategy_release_date": date,
        "language": "de",
    }
    if date_format:
        overrides["html_last_updated_fmt"] = date_format
    app = build(tmp_path_factory, "defaults", confoverrides=overrides)
    assert warnings_of(app) == ""
    assert sidebar_release(app) == (release, label)


def test_without_git_the_release_is_a_draft_without_date(tmp_path_factory):
    app = build(tmp_path_factory, "defaults", confoverrides=SITE_LOOK)
    assert app.config.strategy_release == versioning.UNKNOWN
    assert app.config.strategy_release_date == ""


def test_a_date_that_is_no_date_warns(tmp_path_factory):
    app = build(
        tmp_path_factory,
        "defaults",
        confoverrides={"strategy_release_date": "25.11.2026", "language": "de"},
    )
    assert warnings_of(app).strip() == (
        "WARNING: strategy_release_date '25.11.2026' ist kein ISO-Datum "
        "(JJJJ-MM-TT) und bleibt weg [strategy.config]"
    )


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    dates = {"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date}
    git(repo, "commit", "-q", "-m", message, env=dates)


def test_a_commit_without_source_changes_rewrites_the_label_and_reads_nothing(
    tmp_path,
):
    repo = tmp_path / "repo"
    shutil.copytree(ROOTS / "test-directives", repo)
    (repo / ".gitignore").write_text("_build/\n", "utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "Strategie", "2026-11-25T12:00:00")
    git(repo, "tag", "v1.1")
    released = build_in(repo, confoverrides=SITE_LOOK)
    assert sidebar_release(released) == ("1.1", "Fassung 1.1")

    (repo / "notiz.txt").write_text("Keine Quelle der Website.\n", "utf-8")
    commit(repo, "Notiz", "2026-11-26T12:00:00")
    draft = build_in(repo, confoverrides=SITE_LOOK)

    status = strip_escape_sequences(draft.status.getvalue())
    assert "config changed" not in status
    assert reread(draft) == set()
    head = git(repo, "rev-parse", "--short", "HEAD")
    label = "Entwurf nach Fassung 1.1, Stand 26.11.2026"
    for page in ("index", "frontmatter"):  # every page is written again
        assert sidebar_release(draft, page) == (f"1.1.dev1+g{head}", label)


@pytest.mark.parametrize(
    ("release", "base", "draft"),
    [
        ("1.2", "1.2", False),
        ("1.2.dev3+g1a2b3c4", "1.2", True),
        ("1.2.dev0+g1a2b3c4.dirty", "1.2", True),
        ("0.0.dev5+g1a2b3c4", None, True),
        (versioning.UNKNOWN, None, True),
        ("", None, True),
    ],
)
def test_stage_of_a_release(release, base, draft):
    assert versioning.stage(release) == versioning.Stage(base, draft)
