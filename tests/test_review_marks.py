"""Review marks: with a review base, each strategy page shows what changed.

A repository holds the seed page released as v1.0; the work tree renames a
goal, changes a goal's text, adds a goal, removes a format and retitles the
page.  Built with ``strategy_review_base = "v1.0"``, the page says so in a
banner and marks each change in place, in HTML and LaTeX; without a base it
carries no marks.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml
from conftest import (
    ROOTS,
    build_in,
    git,
    make_pdf,
    read_html,
    require_tool,
    warnings_of,
)
from test_print import PDF_PACKAGES

SEED = (ROOTS / "test-seed" / "projekt.md").read_text("utf-8")


def page(data: dict) -> str:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n<ProjectPage />\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("review")
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-seed", docs)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Erste Fassung")
    git(repo, "tag", "v1.0")
    data = yaml.safe_load(SEED.split("---\n")[1])
    data["hero"]["title"] = "Neue Projektbeschreibung"
    goals = data["goals"]
    goals[0]["description"] = goals[0]["description"].replace(
        "zukunftsorientierten", "offenen"
    )
    goals[2]["title"] = "Akquise"  # renamed, same text
    goals.append({"title": "Vernetzung", "description": "Ein neues Ziel."})
    del data["structures"][1]  # Dezentral
    (docs / "projekt.md").write_text(page(data), "utf-8")
    return repo


def build(repo, tmp_path, buildername="html", **overrides):
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy)
    return build_in(copy / "docs", buildername, confoverrides=overrides)


@pytest.fixture(scope="module")
def reviewed(repo, tmp_path_factory):
    return build(repo, tmp_path_factory.mktemp("html"), strategy_review_base="v1.0")


def main(app):
    return read_html(app, "projekt").select_one("[role=main]")


def marked(element) -> str:
    return element.get_text().removeprefix(
        element.select_one(".strategy-sr-only").get_text()
    )


def test_no_warnings(reviewed):
    assert warnings_of(reviewed) == ""


def test_banner_names_the_base(reviewed):
    banner = main(reviewed).select_one(".strategy-review-banner")
    assert banner.strong.get_text() == "Vorschau: Änderungen gegenüber Fassung 1.0"
    assert "Alle Änderungen" in banner.get_text()


def test_renamed_page_title_shows_the_old_one(reviewed):
    hero = main(reviewed).select_one("section.strategy-hero")
    assert hero.h1.get_text(strip=True).rstrip("¶") == "Neue Projektbeschreibung"
    was = hero.select_one(".strategy-hero__text > .strategy-review__was")
    assert was.get_text().startswith("Bisher:")
    assert marked(was.find("del")) == "Projektbeschreibung"


def test_new_item_is_marked_in_words(reviewed):
    new = main(reviewed).select("section.strategy-review--new")
    assert [s.h3.get_text(strip=True).rstrip("¶") for s in new] == ["Vernetzung"]
    assert new[0].select_one(".strategy-review__new").get_text() == "Neu"


def test_changed_text_marks_inserted_and_deleted_words(reviewed):
    goal = main(reviewed).select_one("section#beteiligung")
    text = goal.select_one(".strategy-review__text")
    assert [marked(d) for d in text.find_all("del")] == ["zukunftsorientierten"]
    assert [marked(i) for i in text.find_all("ins")] == ["offenen"]


def test_renamed_item_shows_its_old_title(reviewed):
    goal = main(reviewed).select_one("section#akquise")
    assert marked(goal.select_one(".strategy-review__was del")) == "Aquise"
    assert goal.select_one(".strategy-review__text") is None  # same text


def test_removed_item_stays_where_it_was_struck_through(reviewed):
    formats = main(reviewed).select_one("section.strategy-formats")
    removed = formats.select_one(".strategy-review__removed")
    assert [s.get_text() for s in removed.p.find_all("strong")][-1] == "Entfernt:"
    assert marked(removed.find("del")) == "Dezentral"
    assert removed.select_one(".strategy-review__number").get_text() == "Ä5"
    assert "Beim dezentralen Ansatz" in removed.get_text()
    # after Zentral, before Digital, in a place of its own: not in Zentral's card
    assert removed.find_parent("section")["id"] != "zentral"
    assert removed.find_previous_sibling("section")["id"] == "zentral"
    assert removed.find_next_sibling("section")["id"] == "digital"


def test_without_a_review_base_there_are_no_marks(repo, tmp_path):
    app = build(repo, tmp_path)
    page = str(main(app))
    for mark in ("strategy-review", "<del", "<ins"):
        assert mark not in page


def test_marks_in_latex(repo, tmp_path):
    app = build(repo, tmp_path, "latex", strategy_review_base="v1.0")
    tex = next(app.outdir.glob("*.tex")).read_text("utf-8")
    assert r"Vorschau: Änderungen gegenüber Fassung 1.0" in tex
    assert r"\sphinxstrategydeleted{zukunftsorientierten}" in tex
    assert r"\sphinxstrategyinserted{offenen}" in tex
    assert r"\sphinxstrategydeleted{Dezentral}" in tex


def test_the_review_pdf_says_so_on_its_cover_and_marks_words(repo, tmp_path):
    require_tool("latexmk", PDF_PACKAGES)
    require_tool("pdftotext", "poppler-utils")
    app = build(
        repo,
        tmp_path,
        "latex",
        strategy_review_base="v1.0",
        extensions=["myst_parser", "strategy_pages", "sphinxcontrib.rsvgconverter"],
    )
    make_pdf(app.outdir)
    pdf = next(app.outdir.glob("*.tex")).with_suffix(".pdf")
    cover = subprocess.run(
        ["pdftotext", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert (
        "Dieses Exemplar markiert die Änderungen gegenüber Fassung 1.0: eingefügte "
        "Wörter sind unterstrichen, gestrichene durchgestrichen."
    ) in " ".join(cover.split())
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    # the words themselves, marked by lines, not by brackets
    assert "zukunftsorientierten offenen" in text
    assert "[+" not in text and "[-" not in text


def test_read_the_docs_pull_request_builds_review_the_newest_release(
    repo, tmp_path, monkeypatch
):
    monkeypatch.setenv("READTHEDOCS_VERSION_TYPE", "external")
    app = build(repo, tmp_path)
    assert app.config.strategy_review_base == "v1.0"
    assert app.config.strategy_editor_notices  # a preview shows problems too
    assert main(app).select_one(".strategy-review-banner") is not None


def test_a_moved_goal_says_where_it_was_and_is_not_new(tmp_path):
    repo = tmp_path / "moved"
    shutil.copytree(ROOTS / "test-seed", repo / "docs")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Erste Fassung")
    git(repo, "tag", "v1.0")
    data = yaml.safe_load(SEED.split("---\n")[1])
    data["goals"].insert(0, data["goals"].pop(2))  # Aquise to the top
    (repo / "docs" / "projekt.md").write_text(page(data), "utf-8")

    app = build_in(repo / "docs", confoverrides={"strategy_review_base": "v1.0"})

    assert warnings_of(app) == ""
    goals = main(app).select("section.strategy-goal")
    marks = [
        (g.h3.get_text(strip=True).rstrip("¶"), g.select_one(".strategy-review__moved"))
        for g in goals
    ]
    assert [(title, m.get_text() if m else None) for title, m in marks] == [
        ("Aquise", "Verschoben (bisher Nr. 3)"),
        ("Beteiligung", None),
        ("Empowerment und Inklusion", None),
    ]
    assert main(app).select(".strategy-review--new, .strategy-review__removed") == []
