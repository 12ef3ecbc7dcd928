"""The site in docs/ builds without warnings, and every example in the
reference works on its own."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import build_in, git, read_html, warnings_of

REPO = Path(__file__).parents[1]
EXAMPLES = sorted((REPO / "docs" / "beispiele").glob("*.md"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("site")
    for folder in ("docs", "_templates"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copy(REPO / "conf.py", project)
    # Sphinx's test app reads conf.py from the source folder; this one reads
    # the project's, as `sphinx-build -c .` does.
    (project / "docs" / "conf.py").write_text(
        "import runpy\nglobals().update(runpy.run_path('../conf.py'))\n", "utf-8"
    )
    # A released checkout: the version, the dates and the history come from git.
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Strategie")
    git(project, "tag", "v1.0")
    return build_in(project / "docs")


def test_site_builds_without_warnings(site):
    assert warnings_of(site) == ""


def test_front_page_introduces_the_strategy_from_its_data(site):
    main = read_html(site, "index").select_one("[role=main]")
    assert (
        main.h1.get_text(strip=True).rstrip("¶")
        == "Strategie Bürgerschaftliches Engagement"
    )
    overview = main.select_one(".strategy-overview")
    assert overview.p.get_text().startswith("Im Rahmen einer neuen strategischen")
    links = {a.get_text(): a["href"] for a in overview.select("a")}
    assert links["Beteiligung"] == "projekt.html#beteiligung"
    assert links["Digital"] == "projekt.html#digital"


def test_nested_example_page_has_the_seed_content(site):
    seed = read_html(site, "projekt").select("section.strategy-item")
    nested = read_html(site, "beispiel-verschachtelt").select("section.strategy-item")
    assert [s.get_text(" ", strip=True) for s in seed] == [
        s.get_text(" ", strip=True) for s in nested
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_reference_example_builds_alone(tmp_path, example):
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    shutil.copy(REPO / "docs" / "projekt.md", srcdir)
    shutil.copytree(REPO / "docs" / "images", srcdir / "images")
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "strategy_pages"]\nlanguage = "de"\n', "utf-8"
    )
    (srcdir / "index.md").write_text(
        "# Beispiel\n\n```{toctree}\nprojekt\n```\n\n" + example.read_text("utf-8"),
        "utf-8",
    )
    app = build_in(srcdir)
    assert warnings_of(app) == ""
    main = read_html(app, "index").select_one("[role=main]")
    assert main.select(
        "section.strategy-hero, section.strategy-goals, section.strategy-formats, .strategy-overview"
    )


def test_reference_shows_and_renders_each_example(site):
    main = read_html(site, "referenz").select_one("[role=main]")
    shown = [block.get_text() for block in main.select("div.highlight-markdown pre")]
    for example in EXAMPLES:
        assert example.read_text("utf-8") in shown
    goals = main.select_one("section.strategy-goals")
    assert goals.h4.get_text(strip=True).rstrip("¶") == "Was wir erreichen wollen"
    assert "beispiel" in main.select_one("section.strategy-formats")["class"]


def test_release_version_history_and_last_updated(site):
    page = read_html(site, "versionen")
    assert (
        page.select_one(".sidebar-brand-version").get_text(strip=True) == "Version 1.0"
    )
    history = page.select_one(".strategy-history")
    assert history.h2.get_text(strip=True).rstrip("¶") == "Version v1.0"
    assert "Die erste Fassung." in history.get_text()
    assert re.search(
        r"\d{2}\.\d{2}\.\d{4}", page.select_one(".last-updated").get_text()
    )
