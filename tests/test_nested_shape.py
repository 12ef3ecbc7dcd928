"""The later, nested CMS shape renders as completely as the flat seed."""

from __future__ import annotations

import pytest
from conftest import build, headings, read_html, warnings_of
from test_seed_page import FORMATS, GOALS


@pytest.fixture(scope="module")
def nested(tmp_path_factory):
    return build(tmp_path_factory, "nested")


def test_no_warnings(nested):
    assert warnings_of(nested) == ""


def test_same_structure_as_the_flat_shape_with_the_heading_from_the_data(nested):
    assert headings(read_html(nested, "projekt")) == [
        ("h1", "Projektbeschreibung"),
        ("h2", "Unsere Ziele"),
        *[("h3", title) for title in GOALS],
        ("h2", "Format"),
        *[("h3", title) for title in FORMATS],
    ]


def test_goals_introduction_subtitle_link_and_alt(nested):
    page = read_html(nested, "projekt")
    goals = page.select_one("section.strategy-goals")
    assert (
        goals.find("p", recursive=False).get_text()
        == "Drei Ziele leiten die Neukonzeption."
    )
    assert goals.find("p", recursive=False).em.get_text() == "leiten"
    assert page.select_one(".strategy-hero__subtitle").get_text() == "Strategie 2019"
    link = page.select_one(".strategy-hero__link a")
    assert (link["href"], link.get_text()) == ("https://www.stuttgart.de/", "Mitmachen")
    alts = [img["alt"] for img in page.select("section.strategy-goal img")]
    assert alts == ["Zwei Puzzleteile greifen ineinander", "", ""]
    assert len(page.select("section.strategy-format img")) == 3


@pytest.mark.parametrize(
    ("language", "goals", "formats"),
    [("de", "Ziele", "Formate"), ("en", "Goals", "Formats")],
)
def test_default_headings_are_translated(tmp_path_factory, language, goals, formats):
    app = build(tmp_path_factory, "defaults", confoverrides={"language": language})
    assert warnings_of(app) == ""
    titles = [title for _, title in headings(read_html(app, "index"))]
    assert titles == ["Seite", goals, "Ziel", formats, "Format"]
