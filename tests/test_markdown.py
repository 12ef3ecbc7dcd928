"""Descriptions are Markdown; nothing in the data reaches the output as markup."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOTS, build, read_html, warnings_of
from docutils.nodes import Element, Node, Text
from hypothesis import example, given
from hypothesis import strategies as st
from strategy_pages.markdown import is_plain, parsed, plain_paragraph


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(tmp_path_factory, "markdown")


@pytest.fixture(scope="module")
def main(app):
    return read_html(app, "projekt").select_one("[role=main]")


def test_only_the_slips_in_descriptions_get_notices(app):
    # A relative link, an image and a heading: slips of an editor.
    notices = [line.split(": WARNING: ")[1] for line in warnings_of(app).splitlines()]
    assert [notice.split(":")[0] for notice in notices] == [
        "Ziel 2 („Gefährliche Links“), Beschreibung",
        "Ziel 3 („MyST-Syntax“), Beschreibung",
        "Ziel 3 („MyST-Syntax“), Beschreibung",
    ]


def test_markdown_in_descriptions(main):
    hero = main.select_one(".strategy-hero__text")
    paragraphs = hero.find_all("p", recursive=False, class_=False)
    assert [p.get_text(" ", strip=True) for p in paragraphs] == [
        "Erster Absatz mit Betonung , Stärke und einem Link .",
        "Zweiter Absatz.",
    ]
    assert hero.em.get_text() == "Betonung"
    assert hero.strong.get_text() == "Stärke"
    assert hero.a["href"] == "https://www.stuttgart.de/"
    assert [li.get_text(strip=True) for li in hero.select("ul li")] == [
        "Punkt eins",
        "Punkt zwei",
    ]


def test_html_in_titles_and_text_is_shown_as_text(main):
    assert main.h1.get_text(strip=True).rstrip("¶") == "Markdown <b>im</b> Titel"
    assert main.select_one(".strategy-hero__subtitle").get_text() == "<i>Untertitel</i>"
    goal = main.select_one("section#rohes-html").get_text(" ")
    # (Sphinx's smart quotes turn the quotes into German ones.)
    assert (
        "Text <script>alert(„x“)</script> und <img src=x onerror=“alert(1)“>." in goal
    )
    assert "<div onclick=“alert(2)“>Block</div>" in goal
    assert not main.find_all("script")
    assert not main.find_all(attrs={"onerror": True})
    assert main.find("b") is None and main.find("i") is None


def test_dangerous_links_are_not_links(main):
    goal = main.select_one("section#gefahrliche-links")
    hrefs = [a["href"] for a in goal.select("a.reference")]
    assert hrefs == []  # not even the relative link, which leads nowhere
    assert "und Datei" in goal.get_text(" ", strip=True)
    assert "[Skript](javascript:alert(1))" in goal.get_text()


def test_myst_syntax_is_off_in_data(app, main):
    goal = main.select_one("section#myst-syntax")
    assert goal.select_one("pre").get_text().strip() == "<script>alert(3)</script>"
    assert "{download}" in goal.get_text()
    # A heading in the data is bold text, never a heading of the page.
    assert goal.select_one("p > strong").get_text() == "Keine Überschrift"
    assert "#" not in goal.get_text()
    assert goal.find("img") is None
    assert not (app.outdir / "_downloads").exists()
    assert "darf nicht" not in "".join(
        path.read_text("utf-8", "replace")
        for path in app.outdir.rglob("*")
        if path.is_file() and path.suffix != ".txt"
    )


def test_latex_specials_are_text(main):
    format_ = main.select_one("section.strategy-format")
    assert (
        format_.h3.get_text(strip=True).rstrip("¶")
        == r"LaTeX \input{/etc/passwd} & 100 %"
    )
    assert (
        format_.p.get_text()
        == r"$x$ \textbf{fett} ~ ^ _ { } # \ (Markdown: \ is one backslash)"
    )


#: Prose with what CommonMark might read as markup: markers at the starts of
#: lines, emphasis, links, entities, escapes, odd whitespace, blank lines.
PROSE = (
    st.lists(
        st.sampled_from(
            [*"aäß 09.)-+*_#>~=`[]()<>&\\!:\n\t\u00a0", "  ", "\n\n", "1. ", "- "]
        ),
        max_size=30,
    )
    .map("".join)
    .map(str.strip)
)


@given(PROSE)
@example("Zeile mit Leerzeichen \nam Ende  \nund harter Umbruch")
@example("Haupt- und\n- Liste")
@example("Text\n1. Punkt")
def test_plain_prose_needs_no_parser(text):
    """Text taken as plain (not parsed, for speed) gives the very nodes
    markdown-it gives it; and a text with markup is never taken as plain."""
    if is_plain(text):
        expected = [
            node
            for block in parsed(text, "x.md", 3, where=None)
            for node in _nodes(block)
        ]
        assert _nodes(plain_paragraph(text, "x.md", 3)) == expected
    if any(character in text for character in "*_`[]<>&\\\t\u00a0"):
        assert not is_plain(text)


def test_plain_prose_is_found_in_real_descriptions():
    seed = (ROOTS / "test-seed" / "projekt.md").read_text("utf-8")
    data = yaml.safe_load(seed.split("---\n")[1])
    descriptions = [goal["description"] for goal in data["goals"]]
    assert descriptions and all(is_plain(text.strip()) for text in descriptions)


def _nodes(tree: Node) -> list[tuple[str, object]]:
    """Each node of ``tree``: its class and text or attributes, source and line."""
    return [
        (type(node).__name__, str(node) if isinstance(node, Text) else node.attributes)
        + (
            (node.rawsource, node.source, node.line)
            if isinstance(node, Element)
            else ()
        )
        for node in tree.findall()
    ]
