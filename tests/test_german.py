"""The site speaks German to readers and screen readers, shows no source, and
names its canonical address.

Every page of a copy of the site is scanned for the English strings that
Sphinx and furo write: the messages that Sphinx's German catalog leaves
untranslated, and furo's own words (its templates and its message ids).
"""

from __future__ import annotations

import re
from pathlib import Path

import furo
import pytest
import sphinx
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import build_in, copy_site, software_warnings

CANONICAL = "https://strategie.example.org/de/latest/"
#: Attributes whose values readers see (tooltips) or hear (screen readers).
SPOKEN = ("title", "aria-label", "alt", "placeholder", "content")
SPHINX = Path(sphinx.__file__).parent
FURO = Path(furo.__file__).parent / "theme" / "furo"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as env:
        env.setenv("READTHEDOCS_CANONICAL_URL", CANONICAL)
        app = build_in(copy_site(tmp_path_factory.mktemp("german")))
    assert software_warnings(app) == ""
    return app


def phrases(message: str) -> list[str]:
    """The parts of a message that would show in a page: two words or more.

    Placeholders and markup split a message; a single word may read the same
    in German ("Index", "Copyright").
    """
    parts = re.split(r"%\(\w+\)s|%s|\{\{.*?\}\}|<[^>]+>|&#?\w+;|[\n\t]", message)
    return [
        part.strip(" .,:")
        for part in parts
        if len(re.findall(r"[A-Za-z]{2,}", part)) >= 2
    ]


def untranslated_sphinx_messages() -> set[str]:
    with (SPHINX / "locale" / "de" / "LC_MESSAGES" / "sphinx.po").open("rb") as po:
        catalog = read_po(po)
    return {
        phrase
        for message in catalog
        if message.id and isinstance(message.id, str) and not message.string
        for phrase in phrases(message.id)
    }


def furo_words() -> set[str]:
    """What furo's templates write in English: attributes, trans blocks, _()."""
    found: set[str] = set()
    for template in FURO.rglob("*.html"):
        text = template.read_text("utf-8")
        text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)  # comments
        for value in re.findall(
            r'(?:aria-label|title|placeholder|alt)="([^"{]+)"', text
        ):
            found.update(phrases(value))
        for value in re.findall(r"<title>([^<{]+)</title>", text):  # icons
            found.update(phrases(value))
        for value in re.findall(r"\{% trans[^%]*%\}(.*?)\{% endtrans %\}", text, re.S):
            found.update(phrases(value))
        for value in re.findall(r"_\(\s*['\"]([^'\"]+)['\"]\s*\)", text):
            found.update(phrases(value))
    return found


ENGLISH = sorted(untranslated_sphinx_messages() | furo_words())


def what_readers_get(path: Path) -> list[str]:
    """The text of a page and its spoken attributes, whitespace collapsed."""
    page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    for script in page(["script", "style"]):
        script.decompose()
    chunks = [page.get_text(" ")]
    for element in page.find_all(True):
        chunks += [str(element[name]) for name in SPOKEN if element.has_attr(name)]
    return [" ".join(chunk.split()) for chunk in chunks]


def test_the_scan_knows_the_english_strings():
    for known in (
        "Link to this heading",
        "Toggle site navigation sidebar",
        "Toggle Light / Dark / Auto color theme",
        "Back to top",
    ):
        assert known in ENGLISH


def test_no_english_on_any_page(site):
    pages = sorted(site.outdir.rglob("*.html"))
    assert len(pages) > 3
    found = {
        (page.relative_to(site.outdir).as_posix(), english)
        for page in pages
        for chunk in what_readers_get(page)
        for english in ENGLISH
        if english in chunk
    }
    possessive = {
        (page.name, match)
        for page in pages
        for chunk in what_readers_get(page)
        for match in re.findall(r"\w+'s\b", chunk)
    }
    assert found == set()
    assert possessive == set()


def icon_titles(template: Path) -> set[str]:
    """The titles of the SVG symbols (icons) in an HTML file."""
    page = BeautifulSoup(template.read_text("utf-8"), "html.parser")
    return {
        symbol.title.get_text() for symbol in page.find_all("symbol") if symbol.title
    }


def test_icons_are_named_in_german(site):
    english = icon_titles(FURO / "partials" / "icons.html")
    assert {"Contents", "Menu", "Auto light/dark, in light mode"} <= english
    for page in sorted(site.outdir.rglob("*.html")):
        titles = icon_titles(page)
        if titles:  # furo's pages: not the EPUB cover or the CMS
            assert titles == {
                "Inhalt",
                "Menü",
                "Aufklappen",
                "Helles Farbschema",
                "Dunkles Farbschema",
                "Farbschema wie das System, gerade hell",
                "Farbschema wie das System, gerade dunkel",
            }, page.name


def test_the_sidebars_have_names_of_their_own(site):
    page = BeautifulSoup(
        (site.outdir / "projekt.html").read_text("utf-8"), "html.parser"
    )
    names = [aside.get("aria-label") for aside in page.find_all("aside")]
    assert names == ["Navigation", "Auf dieser Seite"]


def test_no_source_view(site):
    assert not [
        path for path in (site.outdir / "_sources").rglob("*") if path.is_file()
    ]
    for page in site.outdir.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "_sources/" not in html, page.name


def test_canonical_address_from_read_the_docs(site):
    page = BeautifulSoup(
        (site.outdir / "projekt.html").read_text("utf-8"), "html.parser"
    )
    assert page.find("link", rel="canonical")["href"] == f"{CANONICAL}projekt.html"


def test_meta_description_ends_at_a_word(site):
    page = BeautifulSoup(
        (site.outdir / "projekt.html").read_text("utf-8"), "html.parser"
    )
    description = page.find("meta", attrs={"name": "description"})["content"]
    hero = " ".join(page.select_one(".strategy-hero__text").get_text(" ").split())
    assert len(description) <= 300
    if description != hero:
        assert description.endswith(" …")
        kept = description.removesuffix(" …")
        assert hero.startswith(kept)
        assert hero[len(kept)] == " "
