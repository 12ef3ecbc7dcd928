"""What git hands the build, taken as hostile: tag names with markup and TeX
specials, pages committed with bytes the work tree never shows, image paths
with spaces missing at a release.  Each is escaped or read, none stops it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, build_in, copy_site, git, read_html, warnings_of
from test_history import commit, marked_text

#: Tag names git accepts: markup in HTML, specials in TeX.
MARKUP_TAG = 'v1"><img/src=x/onerror=alert(1)><script>x'
TEX_TAG = "v1_$&#%{}"


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory) -> Path:
    docs = copy_site(tmp_path_factory.mktemp("markup-tag"))
    git(docs.parent, "tag", "-d", "v1.0")
    git(docs.parent, "tag", MARKUP_TAG)
    return docs


def test_a_tag_with_markup_reaches_the_sidebar_as_text(markup_site):
    app = build_in(markup_site)
    for page in ("index", "versionen"):
        brand = read_html(app, page).select_one(".sidebar-brand")
        release = brand.select_one("data.sidebar-brand-version")
        assert release["value"] == MARKUP_TAG.removeprefix("v")
        assert release.get_text() == f"Fassung {MARKUP_TAG.removeprefix('v')}"
        assert brand.find_all(["img", "script"]) == []
    page = read_html(app, "index")
    assert page.find_all("img", onerror=True) == []
    assert [s for s in page.find_all("script") if s.get_text() == "x"] == []


def test_a_tag_with_tex_specials_is_escaped_on_the_title_page(tmp_path):
    docs = copy_site(tmp_path)
    git(tmp_path, "tag", "-d", "v1.0")
    git(tmp_path, "tag", TEX_TAG)
    app = build_in(docs, "latex")
    tex = next(app.outdir.glob("*.tex")).read_text("utf-8")
    assert r"\release{Fassung 1\_\$\&\#\%\{\}}" in tex


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """Two pages released with what the work tree never shows, then mended:
    one with a lone CR in a value (git keeps it), one naming an image with a
    space in its path that the release lacks."""
    repo = tmp_path_factory.mktemp("released")
    git(repo, "init", "-q", "-b", "main")
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-history", docs)
    (docs / "projekt.md").write_bytes(
        b'---\nhero:\n  description: "eine\r\r\r\rZeile"\n'
        b"  subtitle: Gleich # ein Kommentar\n  title: Projekt\n"
        b"---\n<ProjectPage />\n"
    )
    (docs / "bilder.md").write_text(
        "---\nhero:\n  title: Bilder\n  image: /images/mein bild.svg\n"
        "---\n<ProjectPage />\n",
        "utf-8",
    )
    commit(repo, "Lone CR, missing image", "v1.0", "2020-01-01T12:00:00")
    (docs / "images").mkdir()
    shutil.copy(ROOTS / "test-seed" / "images" / "hero.svg", docs / "images")
    (docs / "projekt.md").write_text(
        "---\nhero:\n  title: Projekt\n  description: eine andere Zeile\n"
        "  subtitle: Gleich # ein Kommentar\n---\n<ProjectPage />\n",
        "utf-8",
    )
    (docs / "bilder.md").write_text(
        "---\nhero:\n  title: Bilder\n  image: /images/hero.svg\n"
        "---\n<ProjectPage />\n",
        "utf-8",
    )
    commit(repo, "Mended", "v1.1", "2021-01-01T12:00:00")
    return build_in(docs)


def test_released_pages_with_a_lone_cr_or_a_missing_image_build(released):
    assert released.statuscode == 0
    warnings = warnings_of(released)
    assert "Exception" not in warnings and "Traceback" not in warnings
    assert read_html(released, "index").select("section.strategy-history")


def test_a_lone_cr_in_a_released_page_is_a_line_break(released):
    # as Sphinx reads the work tree: one word is new, none is gone
    section = read_html(released, "index").select("section.strategy-history")[0]
    diff = section.select_one(".strategy-diff")
    assert [marked_text(ins) for ins in diff.find_all("ins")] == ["andere"]
    assert diff.find_all("del") == []


def test_an_image_a_release_lacks_is_named_not_shown(released):
    section = read_html(released, "index").select("section.strategy-history")[0]
    pictures = section.select(".strategy-history__image")
    assert [p.p.get_text() for p in pictures] == [
        "vorher: /images/mein bild.svg",
        "nachher: /images/hero.svg",
    ]
    assert [bool(p.img) for p in pictures] == [False, True]
