"""The directives from Markdown and reStructuredText, their options and content."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, build_in, edit, headings, read_html, warnings_of
from strategy_pages.core.vocabulary import PAGE_TYPES


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(tmp_path_factory, "directives")


def test_no_warnings(app):
    assert warnings_of(app) == ""


def test_project_page_from_rst_with_data_file_and_options(app):
    page = read_html(app, "index")
    assert headings(page) == [
        ("h1", "Übersicht"),
        ("h2", "Strategie aus einer Datei"),
        ("h3", "Was wir erreichen wollen"),
        ("h4", "Erstes Ziel"),
        ("h4", "Zweites Ziel"),
        ("h3", "Formate aus den Daten"),
        ("h4", "Erstes Format"),
        ("h4", "Zweites Format"),
    ]
    hero = page.select_one("section.strategy-hero")
    assert "aus-rst" in hero["class"]
    assert (
        hero.select_one(".strategy-hero__subtitle").get_text() == "Untertitel aus YAML"
    )
    assert hero.select_one(".strategy-hero__text strong").get_text() == "YAML-Datei"
    assert hero.select_one(".strategy-hero__image img")["alt"] == "Ein Haus"


def test_content_follows_generated_text(app):
    hero = read_html(app, "index").select_one("section.strategy-hero")
    children = [child for child in hero.children if getattr(child, "name", None)]
    content = hero.find("p", string="Inhalt der Direktive in reStructuredText.")
    assert content is not None
    position = children.index(content)
    assert children[position - 1]["class"][0] == "strategy-hero__body"
    assert children[position + 1].name == "section"


def test_project_page_from_markdown(app):
    page = read_html(app, "markdown")
    assert headings(page)[0] == ("h1", "Strategie aus einer Datei")
    assert ("h2", "So arbeiten wir") in headings(page)
    assert ("h2", "Ziele aus den Daten") in headings(page)
    assert page.select_one("section.strategy-hero em").get_text() == "Markdown"


def test_separate_directives_nest_under_the_hero(app):
    page = read_html(app, "parts")
    assert headings(page) == [
        ("h1", "Strategie aus einer Datei"),
        ("h2", "Unsere Ziele"),
        ("h3", "Erstes Ziel"),
        ("h3", "Zweites Ziel"),
        ("h2", "Formate aus den Daten"),
        ("h3", "Erstes Format"),
        ("h3", "Zweites Format"),
    ]
    text = page.select_one("[role=main]").get_text(" ", strip=True)
    order = [
        "Text nach dem Hero.",
        "Unsere Ziele",
        "Text nach der Einleitung der Ziele.",
        "Erstes Ziel",
        "Ein Absatz zwischen Zielen und Formaten.",
        "Formate aus den Daten",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    goals = page.select_one("section.strategy-goals")
    assert "besondere-ziele" in goals["class"]


def test_relative_image_path_is_relative_to_the_data_file(app):
    goal = read_html(app, "parts").select_one("section#erstes-ziel")
    assert goal.select_one("img")["src"] == "_images/project.svg"


def test_front_matter_and_a_markdown_page_as_data(app):
    page = read_html(app, "frontmatter")
    assert headings(page) == [
        ("h1", "Seite mit Vorspann"),
        ("h2", "Ziele"),
        ("h3", "Ziel aus dem Vorspann"),
        ("h2", "Ziele einer anderen Seite"),
        ("h3", "Ziel einer anderen Seite"),
    ]


def test_data_files_are_dependencies(app):
    def dependencies(docname):
        return {
            Path(path).relative_to(app.srcdir).as_posix()
            for path in app.env.dependencies[docname]
        }

    assert "data/strategie.yaml" in dependencies("parts")
    assert "markdown-data.md" in dependencies("frontmatter")


def test_editing_the_data_file_rereads_the_pages_that_use_it(tmp_path_factory):
    app = build(tmp_path_factory, "directives")
    edit(app.srcdir / "data" / "strategie.yaml", "Erstes Ziel", "Geändertes Ziel")
    rebuilt = build_in(app.srcdir)
    assert "0 added, 3 changed, 0 removed" in rebuilt.status.getvalue()
    for docname in ("index", "markdown", "parts"):
        assert "Geändertes Ziel" in (rebuilt.outdir / f"{docname}.html").read_text(
            "utf-8"
        )


@pytest.mark.parametrize(
    ("path", "old", "new", "line"),
    [
        # a YAML file that three pages show
        ("data/strategie.yaml", "title: Erstes Ziel", "title: Erstes: Ziel", 10),
        # a page that another page shows through :data:
        ("frontmatter.md", "title: Ziel aus dem Vorspann", "title: Ziel: Vorspann", 6),
    ],
    ids=["yaml file", "page as data"],
)
def test_a_problem_of_shared_data_is_reported_once(
    tmp_path_factory, path, old, new, line
):
    app = build(tmp_path_factory, "directives")
    edit(app.srcdir / path, old, new)
    rebuilt = build_in(app.srcdir, freshenv=True)
    warnings = warnings_of(rebuilt).splitlines()
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{app.srcdir / path}:{line}: WARNING: Ziel 1 (")


def test_an_unknown_page_tag_is_named_and_the_page_keeps_a_title(tmp_path):
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "strategy_pages"]\nlanguage = "de"\n', "utf-8"
    )
    (srcdir / "index.md").write_text(
        "---\nhero:\n  title: Unbekannt\n---\n<FancyPage />\n", "utf-8"
    )
    app = build_in(srcdir)
    known = ", ".join(f"<{tag} />" for tag in PAGE_TYPES)  # every page type
    assert known.startswith("<ProjectPage />, ")
    assert warnings_of(app).splitlines() == [
        f"{srcdir / 'index.md'}:5: WARNING: der Seiteninhalt „<FancyPage />“ nennt "
        "keinen Seitentyp, den diese Website kennt; nur der Hero wird gezeigt. "
        f"Bekannt sind: {known} [strategy.tag]",
    ]
    assert headings(read_html(app, "index")) == [("h1", "Unbekannt")]


def test_a_title_only_page_is_titled_with_its_front_matter(tmp_path):
    # The CMS's imprint: a title in the front matter, no body.
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "strategy_pages"]\nlanguage = "de"\n', "utf-8"
    )
    (srcdir / "index.md").write_text(
        "# Start\n\n```{toctree}\nimpressum\nplatzhalter\n```\n", "utf-8"
    )
    (srcdir / "impressum.md").write_text("---\ntitle: Impressum\n---\n", "utf-8")
    # a placeholder title beside a body of its own stays unseen
    (srcdir / "platzhalter.md").write_text("---\ntitle: xxx\n---\n# Echt\n", "utf-8")
    app = build_in(srcdir)
    assert warnings_of(app) == ""
    assert headings(read_html(app, "impressum")) == [("h1", "Impressum")]
    assert headings(read_html(app, "platzhalter")) == [("h1", "Echt")]
    toc = read_html(app, "index").select_one("[role=main] .toctree-wrapper").get_text()
    assert "Impressum" in toc and "xxx" not in toc
