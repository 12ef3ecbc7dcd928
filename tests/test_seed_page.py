"""The seed page, exactly as the CMS wrote it, rendered to HTML."""

from __future__ import annotations

import json
import re

import pytest
from conftest import build, headings, read_html, warnings_of

GOALS = ["Beteiligung", "Empowerment und Inklusion", "Aquise"]
FORMATS = ["Zentral", "Dezentral", "Digital"]


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return build(tmp_path_factory, "seed")


def test_builds_without_warnings(seed):
    assert warnings_of(seed) == ""


def test_one_h1_is_the_hero_title_and_the_browser_title(seed):
    page = read_html(seed, "projekt")
    assert [h.get_text(strip=True).rstrip("¶") for h in page.find_all("h1")] == [
        "Projektbeschreibung"
    ]
    assert page.title.get_text().startswith("Projektbeschreibung")


def test_placeholder_title_and_component_tag_do_not_leak(seed):
    html = (seed.outdir / "projekt.html").read_text("utf-8")
    assert "xxx" not in html
    assert "ProjectPage" not in html


def test_blank_subtitle_gives_no_subtitle_and_no_empty_heading(seed):
    page = read_html(seed, "projekt")
    assert page.select(".strategy-hero__subtitle") == []
    for heading in page.find_all(re.compile("^h[1-6]$")):
        assert heading.get_text(strip=True).rstrip("¶")


def test_hero_description_and_image(seed):
    hero = read_html(seed, "projekt").select_one("section.strategy-hero")
    text = hero.select_one(".strategy-hero__text").get_text(" ", strip=True)
    assert text.startswith("Im Rahmen einer neuen strategischen Zielausrichtung")
    assert text.endswith("bei der Weiterentwicklung desselben helfen sollen.")
    image = hero.select_one(".strategy-hero__image img")
    assert image["src"] == "_images/hero.svg"


def test_sections_in_the_old_order_with_headings_levels(seed):
    assert headings(read_html(seed, "projekt")) == [
        ("h1", "Projektbeschreibung"),
        ("h2", "Ziele"),
        *[("h3", title) for title in GOALS],
        ("h2", "Format"),
        *[("h3", title) for title in FORMATS],
    ]


def test_goal_and_format_texts_are_complete(seed):
    page = read_html(seed, "projekt")
    goal = page.select_one("section#empowerment-und-inklusion .strategy-item__text")
    assert goal.get_text(" ", strip=True) == (
        "das Bürgerschaftliche Engagement im Sinne des Empowerment-Ansatzes und "
        "des Inklusionsanspruches für die ganze Stadtgesellschaft öffnen"
    )
    formats = page.select_one("section.strategy-formats")
    intro = formats.find("p", recursive=False).get_text(" ", strip=True)
    assert intro.startswith("Die Neukonzeption zur Förderung")
    digital = formats.select_one("section#digital .strategy-item__text").get_text(" ")
    assert "berücksichtigt dabei zentrale und dezentrale Anforderungen." in digital


@pytest.mark.parametrize(
    "anchor",
    [
        "projektbeschreibung",
        "ziele",
        "beteiligung",
        "empowerment-und-inklusion",
        "aquise",
        "format",
        "zentral",
        "dezentral",
        "digital",
    ],
)
def test_stable_anchors(seed, anchor):
    page = read_html(seed, "projekt")
    assert page.find("section", id=anchor) is not None


def test_every_image_has_alt_text_attribute(seed):
    images = read_html(seed, "projekt").select("[role=main] img")
    assert len(images) == 7
    assert all(image.get("alt") == "" for image in images)  # decorative
    assert (seed.outdir / "_images" / "project.svg").is_file()


def test_sections_are_in_the_table_of_contents(seed):
    toc = seed.env.tocs["projekt"].astext()
    for title in [*GOALS, *FORMATS, "Ziele", "Format"]:
        assert title in toc


def test_sections_are_in_the_search_index(seed):
    index = (seed.outdir / "searchindex.js").read_text("utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    assert data["alltitles"]["Beteiligung"] == [
        [data["docnames"].index("projekt"), "beteiligung"]
    ]
    assert "stadtbezirk" in data["terms"]


def test_sections_are_cross_reference_targets(seed):
    links = read_html(seed, "links")
    hrefs = [a["href"] for a in links.select("[role=main] a.reference")]
    assert "projekt.html#beteiligung" in hrefs
    assert "projekt.html#format" in hrefs


def test_stylesheet_is_linked(seed):
    page = read_html(seed, "projekt")
    assert page.find("link", href=re.compile(r"_static/strategy-pages\.css"))
    assert (seed.outdir / "_static" / "strategy-pages.css").is_file()


def test_meta_description_from_hero(seed):
    meta = read_html(seed, "projekt").find("meta", attrs={"name": "description"})
    assert meta["content"].startswith("Im Rahmen einer neuen strategischen")
