"""The landing page's history and review marks, on a real git repository.

The test root's front page is released as v1.0; v1.1 changes a highlight's
text and another's subtitle, renames a third, adds one, removes a sponsor,
adds another and changes one's address, and rewrites the call to action.
The history page lists each change in German, linked to its highlight; a
review against v1.0 marks them on the page.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from conftest import ROOTS, build_in, git, numbered, read_html
from test_history import commit, marked_text
from test_landing import MISSING_PAGE, the_warnings

FRONT = (ROOTS / "test-landing" / "startseite.md").read_text("utf-8")


def front_data() -> dict:
    return yaml.safe_load(FRONT.split("---\n")[1])


def landing_page(data: dict) -> str:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n<LandingPage/>\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("landing-history")
    git(repo, "init", "-q", "-b", "main")
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-landing", docs)
    (docs / "versionen.md").write_text(
        "---\norphan: true\n---\n# Versionen\n\n```{strategy-history}\n```\n",
        "utf-8",
    )
    commit(repo, "Startseite", "v1.0", "2024-01-01T12:00:00")

    data = front_data()
    first, second, third = data["highlights"]
    first["description"] = first["description"].replace(
        "Treffen im Quartier", "Treffen im ganzen Quartier"
    )
    second["subtitle"] = "Ein zweiter, neuer Schwerpunkt"
    third["title"] = "Zusammen feiern"  # renamed, same text
    data["highlights"].append(
        {
            "title": "Neu im Stadtteil",
            "description": "Ein neuer erfundener Schwerpunkt.",
        }
    )
    stiftung, _musterbank = data["sponsors"]
    stiftung["link"] = "https://example.org/stiftung-neu"
    data["sponsors"] = [
        stiftung,
        {"title": "Neue Stiftung", "image": "/images/logo-stiftung.svg"},
    ]
    data["callToAction"]["description"] = "Ein erfundener Aufruf, jetzt kürzer."
    data["callToAction"]["link"]["url"] = "/mitmachen"
    (docs / "startseite.md").write_text(landing_page(data), "utf-8")
    commit(repo, "Startseite überarbeitet", "v1.1", "2024-02-02T12:00:00")
    return repo


def built(repo, tmp_path, buildername="html", **overrides):
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy)
    return build_in(copy / "docs", buildername, confoverrides=overrides)


@pytest.fixture(scope="module")
def history(repo, tmp_path_factory):
    return built(repo, tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def reviewed(repo, tmp_path_factory):
    return built(repo, tmp_path_factory.mktemp("review"), strategy_review_base="v1.0")


def release_changes(history):
    main = read_html(history, "versionen").select_one("[role=main]")
    return next(
        section
        for section in main.select("section.strategy-history")
        if section.h2.get_text(strip=True).startswith("Fassung 1.1 ")
    )


def test_history_lists_each_change_in_german(history):
    assert the_warnings(history) == [MISSING_PAGE]
    items = [
        li.find("p").get_text(" ", strip=True)
        for li in release_changes(history).select("ul ul > li")
    ]
    # in the order the page shows them
    assert numbered(items) == [
        "Text von „Nachbarschaft erleben“ geändert:",
        "Untertitel von „Ideen sammeln“ geändert: „Ein zweiter, erfundener "
        "Schwerpunkt“ → „Ein zweiter, neuer Schwerpunkt“",
        "Schwerpunkt umbenannt: „Gemeinsam feiern“ → „Zusammen feiern“",
        "Neuer Schwerpunkt: „Neu im Stadtteil“",
        "Link von „Beispiel-Stiftung“ geändert: Beispiel-Stiftung "
        "(https://example.org/stiftung) → Beispiel-Stiftung "
        "(https://example.org/stiftung-neu)",
        "Förderer entfernt: „Musterbank“",
        "Neuer Förderer: „Neue Stiftung“",
        "Text des Aufrufs zum Mitmachen geändert:",
        "Link des Aufrufs zum Mitmachen geändert: Jetzt mitmachen "
        "(/mitmachen.html) → Jetzt mitmachen (/mitmachen)",
    ]


def test_history_links_highlights_to_their_sections(history):
    links = {
        a.get_text(" ", strip=True): a["href"]
        for a in release_changes(history).select("ul ul > li > p > a")
    }
    assert links["Neuer Schwerpunkt: „Neu im Stadtteil“"] == (
        "startseite.html#neu-im-stadtteil"
    )
    assert links["Schwerpunkt umbenannt: „Gemeinsam feiern“ → „Zusammen feiern“"] == (
        "startseite.html#zusammen-feiern"
    )
    # sponsors have no sections of their own: the page
    assert links["Neuer Förderer: „Neue Stiftung“"] == "startseite.html"


def main(app):
    return read_html(app, "startseite").select_one("[role=main]")


def test_review_marks_highlights(reviewed):
    assert the_warnings(reviewed) == [MISSING_PAGE]
    page = main(reviewed)
    assert page.select_one(".strategy-review-banner") is not None
    changed = page.select_one("#nachbarschaft-erleben .strategy-review__text")
    assert [marked_text(ins) for ins in changed.find_all("ins")] == ["ganzen"]
    subtitle = page.select_one("#ideen-sammeln .strategy-item__subtitle")
    assert [marked_text(d) for d in subtitle.find_all("del")] == ["erfundener"]
    assert [marked_text(i) for i in subtitle.find_all("ins")] == ["neuer"]
    renamed = page.select_one("#zusammen-feiern .strategy-review__was")
    assert marked_text(renamed.find("del")) == "Gemeinsam feiern"
    # deep links to the old title still land on the renamed highlight
    assert page.find(id="gemeinsam-feiern").find_parent("section")["id"] == (
        "zusammen-feiern"
    )
    new = page.select("section.strategy-highlight.strategy-review--new")
    assert [s["id"] for s in new] == ["neu-im-stadtteil"]
    assert new[0].select_one(".strategy-review__new").get_text() == "Neu"


def test_review_marks_sponsors_and_call_to_action(reviewed):
    page = main(reviewed)
    sponsors = page.select_one("section.strategy-sponsors")
    new = sponsors.select(".strategy-sponsor.strategy-review--new")
    assert [box.img["alt"] for box in new] == ["Neue Stiftung"]
    removed = sponsors.select_one(".strategy-review__removed")
    assert [s.get_text() for s in removed.p.find_all("strong")] == ["Ä6", "Entfernt:"]
    assert marked_text(removed.find("del")) == "Musterbank"
    closing = page.select_one("section.strategy-call-to-action")
    text = closing.select_one(".strategy-review__text")
    assert "jetzt kürzer" in " ".join(marked_text(i) for i in text.find_all("ins"))
    assert "strategy-review--new" not in closing["class"]


def test_without_a_review_base_there_are_no_marks(history):
    page = str(main(history))
    for mark in ("strategy-review", "<del", "<ins"):
        assert mark not in page


def test_marks_in_latex(repo, tmp_path):
    app = built(repo, tmp_path, "latex", strategy_review_base="v1.0")
    tex = next(app.outdir.glob("*.tex")).read_text("utf-8")
    assert r"\sphinxstrategyinserted{ganzen}" in tex
    assert r"\sphinxstrategydeleted{erfundener}" in tex
    assert r"\sphinxstrategydeleted{Musterbank}" in tex
    assert r"\sphinxstrategydeleted{Gemeinsam feiern}" in tex
