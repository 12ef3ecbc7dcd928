"""Links in the data to pages of the site: ``/mitmachen`` links to that page.

The CMS writes site-absolute addresses.  They become references to the
documents, resolved when the pages are written, so they work in HTML, PDF and
EPUB; a page the site lacks is one located German warning and the text stays
without the link.  Other addresses keep their links, and unsafe ones none.
"""

from __future__ import annotations

import pytest
from conftest import build_in, edit, read_html, warnings_of
from strategy_pages.links import page_at

CONF = (
    'extensions = ["myst_parser", "strategy_pages"]\nlanguage = "de"\n'
    'project = "Verweise"\ncopyright = "Erfunden"\nversion = "1.0"\n'
)


def hero_page(title: str, url: str, orphan: str = "orphan: true\n") -> str:
    return (
        f"---\n{orphan}hero:\n  title: {title}\n  link:\n    text: Weiter\n"
        f"    url: '{url}'\n---\n<ProjectPage />\n"
    )


PAGES = {
    "index.md": "# Start\n\n```{toctree}\nmitmachen\nprojekt\nfehlt\nordner/index\n```\n",
    "mitmachen.md": "# Mitmachen\n\nErfunden.\n",
    "ordner/index.md": "# Ordner\n\nErfunden.\n",
    "projekt.md": hero_page("Projekt", "/mitmachen", orphan=""),
    "mit-endung.md": hero_page("Endung", "/mitmachen.html"),
    "ordner-link.md": hero_page("Ordner", "/ordner/"),
    "start-link.md": hero_page("Start", "/"),
    "extern.md": hero_page("Extern", "https://example.org/"),
    "fehlt.md": hero_page("Fehlt", "/archiv", orphan=""),
    # a data file naming a missing page, shown on two pages
    "eins.md": "---\norphan: true\n---\n# Eins\n\n```{hero}\n:data: daten.yaml\n```\n",
    "zwei.md": "---\norphan: true\n---\n# Zwei\n\n```{hero}\n:data: daten.yaml\n```\n",
    "daten.yaml": "hero:\n  title: Aus der Datei\n  link:\n    text: Leer\n    url: /leer\n",
}


def missing(file: str, line: int, url: str) -> str:
    return (
        f"{file}:{line}: WARNING: Hero, Link, Linkadresse: Auf dieser Website "
        f"gibt es keine Seite unter „{url}“; der Text wird ohne Link gezeigt. Gib "
        "die Adresse einer Seite der Website an („/“ ist die Startseite) oder "
        "eine vollständige Adresse, die mit https: beginnt [strategy.link]"
    )


def site(path) -> None:
    (path / "conf.py").write_text(CONF, "utf-8")
    for name, text in PAGES.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, "utf-8")


def warnings(app) -> list[str]:
    return [
        line.replace(f"{app.srcdir}/", "")
        for line in warnings_of(app).splitlines()
        if line.strip()
    ]


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory):
    path = tmp_path_factory.mktemp("links") / "src"
    path.mkdir()
    site(path)
    return path


@pytest.fixture(scope="module")
def app(srcdir):
    return build_in(srcdir)


def hero_link(app, docname):
    return read_html(app, docname).select_one(".strategy-hero__link")


def test_each_missing_page_is_one_located_german_warning(app):
    assert warnings(app) == [
        missing("daten.yaml", 3, "/leer"),  # shown twice, reported once
        missing("fehlt.md", 4, "/archiv"),
    ]


@pytest.mark.parametrize(
    ("docname", "href"),
    [
        ("projekt", "mitmachen.html"),
        ("mit-endung", "mitmachen.html"),
        ("ordner-link", "ordner/index.html"),
        ("start-link", "index.html"),
        ("extern", "https://example.org/"),
    ],
)
def test_site_addresses_link_to_their_pages(app, docname, href):
    link = hero_link(app, docname)
    assert (link.a["href"], link.a.get_text()) == (href, "Weiter")
    assert "strategy-button" in link["class"]


def test_a_missing_page_leaves_the_text_without_a_link(app):
    for docname in ("fehlt", "eins", "zwei"):
        link = hero_link(app, docname)
        assert link.get_text(strip=True) in ("Weiter", "Leer")
        assert link.find("a") is None


def test_links_work_in_latex_and_epub(srcdir, tmp_path):
    latex = build_in(srcdir, "latex", freshenv=True)
    # the PDF has the pages of the table of contents: one link is missing
    assert warnings(latex) == [missing("fehlt.md", 4, "/archiv")]
    tex = next(latex.outdir.glob("*.tex")).read_text("utf-8")
    assert r"\hyperref[\detokenize{mitmachen::doc}]" in tex
    epub = build_in(srcdir, "epub", freshenv=True)
    assert warnings(epub) == [
        missing("daten.yaml", 3, "/leer"),
        missing("fehlt.md", 4, "/archiv"),
    ]
    page = (epub.outdir / "projekt.xhtml").read_text("utf-8")
    assert 'href="mitmachen.xhtml"' in page


def test_a_page_added_later_gets_its_links(tmp_path):
    path = tmp_path / "src"
    path.mkdir()
    site(path)
    assert len(warnings(build_in(path))) == 2
    archive = path / "archiv.md"
    archive.write_text("---\norphan: true\n---\n# Archiv\n\nErfunden.\n", "utf-8")
    edit(archive, "Erfunden.", "Erfunden, später.")
    again = build_in(path)
    # The pages that link by address are written again: fehlt.md now links,
    # the pages of daten.yaml still lack theirs.
    assert warnings(again) == [missing("daten.yaml", 3, "/leer")]
    assert hero_link(again, "fehlt").a["href"] == "archiv.html"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/mitmachen", ("mitmachen", "")),
        ("/mitmachen.html", ("mitmachen", "")),
        ("/mitmachen/", ("mitmachen", "")),
        ("/", ("index", "")),
        ("/projekt#ziele", ("projekt", "ziele")),
        ("/ordner/", ("ordner/index", "")),
        ("/ordner/index.html", ("ordner/index", "")),
        ("/Mitmachen", None),
        ("/archiv", None),
    ],
)
def test_site_addresses_name_documents(url, expected):
    docs = {"index", "mitmachen", "projekt", "ordner/index"}
    assert page_at(url, docs, "index") == expected
