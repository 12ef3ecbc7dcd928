"""The site in docs/ builds with no warning of the software's, and every
example in the reference works on its own.

Editors change the strategy pages at any time, so nothing here asserts their
content: what a test expects of a page, it reads from the copy's own data, and
a slip in it (a warning about the data) is the editors' to mend, which
``make check`` holds them to.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import (
    REPO,
    build_in,
    copy_site,
    read_html,
    software_warnings,
    warnings_of,
)
from docutils.nodes import make_id
from strategy_pages.loading import load_front_matter, load_yaml
from strategy_pages.model import StrategyPage, normalise
from strategy_pages.schema import check

EXAMPLES = sorted((REPO / "docs" / "beispiele").glob("*.md"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_in(copy_site(tmp_path_factory.mktemp("site")))


def strategy_page(path: Path) -> StrategyPage | None:
    """The strategy data of a Markdown page or YAML file, as the extension reads
    it: an editor's near-miss (``titel:``) mended."""
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        result = load_front_matter(text, str(path))
    else:
        result = load_yaml(text, str(path))
    if result.data is None:
        return None
    return normalise(check(result.data).data)


def titles(page: StrategyPage, part: str) -> list[str]:
    section = page.content.get(part)
    return [item.title for item in section.items] if section is not None else []


def heading_text(section) -> str:
    return section.find(re.compile("^h[1-6]$")).get_text(strip=True).rstrip("¶")


def test_site_builds_with_no_warning_but_about_the_editors_data(site):
    assert software_warnings(site) == ""


def test_front_page_overview_links_to_the_sections_of_the_strategy_page(site):
    strategy = strategy_page(site.srcdir / "projekt.md")
    expected = titles(strategy, "goals") + titles(strategy, "formats")
    overview = read_html(site, "index").select_one(".strategy-overview")
    links = [(a.get_text(), a["href"]) for a in overview.select("a")]
    assert links == [(title, f"projekt.html#{make_id(title)}") for title in expected]
    projekt = read_html(site, "projekt")
    assert [
        title for title in expected if projekt.find(id=make_id(title)) is None
    ] == []


def test_every_strategy_page_shows_its_goals_and_formats_in_order(site):
    pages = {
        path.stem: page
        for path in sorted(site.srcdir.glob("*.md"))
        if (page := strategy_page(path)) is not None and not page.is_empty
    }
    assert "projekt" in pages
    for docname, page in pages.items():
        main = read_html(site, docname).select_one("[role=main]")
        for part, css in (
            ("goals", "section.strategy-goal"),
            ("formats", "section.strategy-format"),
        ):
            shown = [heading_text(section) for section in main.select(css)]
            assert shown == titles(page, part), docname


def example_directive(example: Path) -> str:
    return re.search(r"^```\{([\w-]+)\}", example.read_text("utf-8"), re.M)[1]


def example_data_file(example: Path) -> str:
    """The ``:data:`` file of an example, relative to the source folder."""
    option = re.search(r"^:data: /(\S+)$", example.read_text("utf-8"), re.M)
    assert option, f"{example.name} names its data with ':data: /…'"
    return option[1]


#: Page directives whose examples show a hero and the items of one part.
_PAGE_PARTS = {"progress-page": "timeline", "contribute-page": "working-groups"}


def shown_titles(main, directive: str) -> list[str]:
    """The titles an example shows: of its hero, its items or its list entries."""
    if directive == "strategy-overview":
        return [li.get_text(strip=True) for li in main.select(".strategy-overview li")]
    if directive == "landing-page":
        return [
            heading_text(section)
            for section in main.select(
                "section.strategy-hero, section.strategy-highlight,"
                " section.strategy-call-to-action"
            )
        ] + [img["alt"] for img in main.select(".strategy-sponsor img")]
    if directive in _PAGE_PARTS:
        return [
            heading_text(section)
            for section in main.select(
                "section.strategy-hero, section.strategy-step,"
                " section.strategy-working-group"
            )
        ]
    css = {
        "hero": "section.strategy-hero",
        "goals": "section.strategy-goal",
        "formats": "section.strategy-format",
    }[directive]
    return [heading_text(section) for section in main.select(css)]


def data_titles(page: StrategyPage, directive: str) -> list[str]:
    if directive == "hero":
        return [page.hero.title] if page.hero is not None else []
    if directive == "strategy-overview":
        return titles(page, "goals") + titles(page, "formats")
    if directive == "landing-page":
        content = page.content
        return [
            *([page.hero.title] if page.hero is not None else []),
            *titles(page, "highlights"),
            *([content["call-to-action"].title] if "call-to-action" in content else []),
            *titles(page, "sponsors"),
        ]
    if directive in _PAGE_PARTS:
        hero = [page.hero.title] if page.hero is not None else []
        return hero + titles(page, _PAGE_PARTS[directive])
    return titles(page, directive)


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_reference_example_builds_alone_with_its_example_data(tmp_path, example):
    data_file = example_data_file(example)
    assert not data_file.startswith("projekt"), "examples use example data"
    srcdir = tmp_path / "src"
    (srcdir / data_file).parent.mkdir(parents=True)
    shutil.copy(REPO / "docs" / data_file, srcdir / data_file)
    shutil.copytree(REPO / "docs" / "images", srcdir / "images")
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "strategy_pages"]\nlanguage = "de"\n'
        'exclude_patterns = ["beispiele"]\n',
        "utf-8",
    )
    (srcdir / "index.md").write_text(
        "# Beispiel\n\n" + example.read_text("utf-8"), "utf-8"
    )
    app = build_in(srcdir)
    assert warnings_of(app) == ""
    main = read_html(app, "index").select_one("[role=main]")
    directive = example_directive(example)
    expected = data_titles(strategy_page(srcdir / data_file), directive)
    assert expected, f"the example data has something for {directive}"
    assert shown_titles(main, directive) == expected


def test_reference_shows_and_renders_each_example(site):
    main = read_html(site, "referenz").select_one("[role=main]")
    shown = [block.get_text() for block in main.select("div.highlight-markdown pre")]
    for example in EXAMPLES:
        assert example.read_text("utf-8") in shown
    goals = main.select_one("section.strategy-goals")
    assert goals.h4.get_text(strip=True).rstrip("¶") == "Was wir erreichen wollen"
    assert "beispiel" in main.select_one("section.strategy-formats")["class"]


def test_reference_links_only_to_sections_it_has(site):
    """Its cross-reference example names an example section, not a live goal."""
    main = read_html(site, "referenz").select_one("[role=main]")
    anchors = [a["href"][1:] for a in main.select("a.reference.internal[href^='#']")]
    assert anchors
    assert [anchor for anchor in anchors if main.find(id=anchor) is None] == []
    assert not main.select("a.reference.internal[href*='projekt.html#']")


def test_release_version_history_and_last_updated(site):
    page = read_html(site, "versionen")
    release = page.select_one("data.sidebar-brand-version")
    assert (release["value"], release.get_text(strip=True)) == ("1.0", "Fassung 1.0")
    history = page.select_one(".strategy-history")
    assert re.fullmatch(
        r"Fassung 1\.0 vom \d{2}\.\d{2}\.\d{4}",
        history.h2.get_text(strip=True).rstrip("¶"),
    )
    assert "Die erste Fassung." in history.get_text()
    assert re.search(
        r"\d{2}\.\d{2}\.\d{4}", page.select_one(".last-updated").get_text()
    )
