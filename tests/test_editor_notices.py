"""Every slip an editor makes in a description, a link or the YAML gets one
notice: in the build's warnings, at its line, and on the preview page."""

from __future__ import annotations

import pytest
from conftest import build, read_html, warnings_of


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(
        tmp_path_factory, "notices", confoverrides={"strategy_editor_notices": True}
    )


def _warnings(app, text: str) -> list[str]:
    return [line for line in warnings_of(app).splitlines() if text in line]


def _line(app, page: str, text: str) -> int:
    lines = (app.srcdir / page).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _notices(section) -> list[str]:
    """The editors' notices of ``section``: at its top, or, for an item, at
    the top of its text."""
    return [
        box.get_text(" ", strip=True)
        for box in section.select(
            ":scope > .strategy-editor-notice,"
            " :scope > .strategy-item__text > .strategy-editor-notice"
        )
    ]


def test_a_link_without_its_beginning_is_no_link_and_gets_a_notice(app):
    page = read_html(app, "projekt")
    hero = page.select_one(".strategy-hero")
    assert hero.select_one(".strategy-hero__link a") is None
    assert "Zum Engagement" in hero.select_one(".strategy-hero__link").get_text()
    found = _warnings(app, "Hero, Link, Linkadresse: „www.")
    assert len(found) == 1
    line = _line(app, "projekt.md", "link:")
    assert f"projekt.md:{line}: WARNING: " in found[0]
    assert (
        "Schreibe die ganze Adresse: https://www.stuttgart.de/engagement" in (found[0])
    )
    assert found[0].endswith("[strategy.link]")
    assert any(
        f"(Zeile {line} der Datei)" in notice
        and "https://www.stuttgart.de/engagement" in notice
        for notice in _notices(page.select_one("section"))
    )


def test_a_link_in_a_description_without_its_beginning_is_no_link(app):
    goal = read_html(app, "projekt").select_one("section#beteiligung")
    assert goal.select("a.reference.external") == []
    assert "der Website der Stadt" in goal.get_text()
    found = _warnings(app, "Ziel 1 („Beteiligung“), Beschreibung: „www.stuttgart")
    assert len(found) == 1
    assert found[0].endswith("[strategy.link]")


def test_a_heading_in_a_description_is_bold_text_with_a_notice(app):
    goal = read_html(app, "projekt").select_one("section#beteiligung")
    assert goal.select_one("p > strong").get_text() == "Zwischenüberschrift"
    text = goal.select_one(".strategy-item__text")
    shown = [p for p in text.find_all("p") if not p.find_parent(class_="admonition")]
    assert not any("#" in p.get_text() for p in shown)
    assert [h.get_text(strip=True).rstrip("¶") for h in goal.find_all("h4")] == []
    found = _warnings(app, "„## Zwischenüberschrift“")
    assert len(found) == 1
    line = _line(app, "projekt.md", "title: Beteiligung")
    assert (
        f"projekt.md:{line}: WARNING: Ziel 1 („Beteiligung“), Beschreibung:"
        in (found[0])
    )
    assert "als fetter Text gezeigt" in found[0]
    assert found[0].endswith("[strategy.markdown]")
    assert any("Zwischenüberschrift" in notice for notice in _notices(goal))


def test_an_image_in_a_description_is_left_out_with_a_notice(app):
    goal = read_html(app, "projekt").select_one("section#vernetzung")
    assert goal.img is None
    assert "![" not in goal.get_text()
    found = _warnings(app, "/images/fest.jpg")
    assert len(found) == 1
    assert "Ziel 2 („Vernetzung“), Beschreibung: das Bild" in found[0]
    assert found[0].endswith("[strategy.markdown]")
    assert any("/images/fest.jpg" in notice for notice in _notices(goal))


def test_an_under_indented_continuation_line_gets_a_notice(app):
    goal = read_html(app, "projekt").select_one("section#teilhabe")
    assert "zu wenig eingerückt weitergeht." in goal.get_text()  # read as meant
    line = _line(app, "projekt.md", "zu wenig eingerückt")
    found = _warnings(app, f"Zeile {line} setzt den Text darüber fort")
    assert len(found) == 1
    assert (
        f"projekt.md:{line}: WARNING: Ziel 3 („Teilhabe“), Beschreibung:" in (found[0])
    )
    assert "das CMS kann die Seite erst öffnen" in found[0]
    assert found[0].endswith("[strategy.yaml]")
    assert any(f"(Zeile {line} der Datei)" in notice for notice in _notices(goal))


def test_a_link_to_a_missing_page_shows_on_the_preview_page_too(app):
    found = _warnings(app, "/gibt-es-nicht")
    assert len(found) == 1
    line = _line(app, "seite.md", "link:")
    assert f"seite.md:{line}: WARNING: Hero, Link" in found[0]
    hero = read_html(app, "seite").select_one("section")
    notices = _notices(hero)
    assert len(notices) == 1
    assert f"(Zeile {line} der Datei)" in notices[0] and "/gibt-es-nicht" in notices[0]


def test_a_public_build_shows_no_notices(tmp_path_factory):
    app = build(tmp_path_factory, "notices")
    # The slips are mended all the same: no link that leads nowhere.
    assert read_html(app, "projekt").select_one(".strategy-hero__link a") is None
    for page in ("projekt", "seite"):
        assert read_html(app, page).select(".strategy-editor-notice") == []
