"""Releases as git knows them: those behind the checked-out commit, in SHA-1
and SHA-256 repositories, and a review base that git does not know.

Read the Docs builds every version from its own tag: an older release's site
must end at that release, with its changes running forwards.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, build_in, git, read_html, warnings_of
from test_history import commit, page, seed_data


def released_repository(repo: Path, *init_options: str) -> Path:
    """docs/projekt.md released three times: v1.0 the seed, v1.1 a new goal,
    v1.2 a goal removed; the repository's top folder."""
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main", *init_options)
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-history", docs)
    (docs / "images").mkdir()
    for name in ("hero.svg", "project.svg"):
        shutil.copy(ROOTS / "test-seed" / "images" / name, docs / "images" / name)
    data = seed_data()
    (docs / "projekt.md").write_text(page(data), "utf-8")
    commit(repo, "Seed", "v1.0", "2020-01-01T12:00:00")
    data["goals"].append({"title": "Vernetzung", "description": "Neues Ziel."})
    (docs / "projekt.md").write_text(page(data), "utf-8")
    commit(repo, "Neues Ziel", "v1.1", "2021-01-01T12:00:00")
    del data["goals"][0]
    (docs / "projekt.md").write_text(page(data), "utf-8")
    commit(repo, "Ziel entfernt", "v1.2", "2022-01-01T12:00:00")
    return repo


def history_titles(app) -> list[str]:
    main = read_html(app, "index").select_one("[role=main]")
    return [
        section.find("h2").get_text(strip=True).rstrip("¶")
        for section in main.select("section.strategy-history")
    ]


def history_items(app) -> list[str]:
    main = read_html(app, "index").select_one("[role=main]")
    return [
        li.find("p").get_text(" ", strip=True)
        for li in main.select("section.strategy-history ul ul > li")
    ]


def test_an_older_release_ends_at_itself(tmp_path):
    repo = released_repository(tmp_path / "repo")
    git(repo, "checkout", "-q", "v1.1")

    app = build_in(repo / "docs")

    assert warnings_of(app) == ""
    assert history_titles(app) == [
        "Fassung 1.1 vom 01.01.2021",
        "Fassung 1.0 vom 01.01.2020",
    ]
    # v1.1 added a goal; nothing of v1.2's removal, nor anything backwards
    assert history_items(app) == ["Ä1 Neues Ziel: „Vernetzung“"]


def test_a_sha256_repository_has_its_history(tmp_path):
    repo = released_repository(tmp_path / "repo", "--object-format=sha256")
    assert len(git(repo, "rev-parse", "HEAD")) == 64

    app = build_in(repo / "docs")

    assert warnings_of(app) == ""
    assert history_titles(app) == [
        "Fassung 1.2 vom 01.01.2022",
        "Fassung 1.1 vom 01.01.2021",
        "Fassung 1.0 vom 01.01.2020",
    ]
    assert history_items(app) == [
        "Ä1 Ziel entfernt: „Beteiligung“",
        "Ä1 Neues Ziel: „Vernetzung“",
    ]


@pytest.mark.parametrize("base", ["v1.O", "--all"])
def test_an_unknown_review_base_is_named_and_marks_nothing(tmp_path, base):
    repo = released_repository(tmp_path / "repo")

    app = build_in(repo / "docs", confoverrides={"strategy_review_base": base})

    warnings = warnings_of(app).splitlines()
    assert len(warnings) == 1, warnings
    assert f"„{base}“" in warnings[0]
    assert "strategy_review_base" in warnings[0]
    assert warnings[0].endswith("[strategy.review_base]")
    main = read_html(app, "projekt").select_one("[role=main]")
    assert main.select(".strategy-review--new") == []
    assert main.select_one(".strategy-review-banner") is None


def test_a_move_is_one_change_naming_both_places(tmp_path, capsys):
    from strategy_pages import review

    repo = released_repository(tmp_path / "repo")
    page_file = repo / "docs" / "projekt.md"
    data = seed_data()
    del data["goals"][0]
    data["goals"].append({"title": "Vernetzung", "description": "Neues Ziel."})
    data["goals"].insert(0, data["goals"].pop(2))  # Vernetzung to the top
    page_file.write_text(page(data), "utf-8")

    app = build_in(repo / "docs")

    assert "Ä1 Ziel verschoben: „Vernetzung“ (bisher Nr. 3, jetzt Nr. 1)" in (
        history_items(app)
    )
    assert (
        review.main(["v1.2", "--srcdir", str(repo / "docs"), "--format", "text"]) == 0
    )
    out = capsys.readouterr().out
    assert "- Ä1 Ziel verschoben: „Vernetzung“ (bisher Nr. 3, jetzt Nr. 1)" in out
    assert "Reihenfolge" not in out


def test_make_diff_gives_the_wording_of_added_and_removed_items_and_image_files(
    tmp_path, capsys
):
    from strategy_pages import review

    repo = released_repository(tmp_path / "repo")
    page_file = repo / "docs" / "projekt.md"
    data = seed_data()
    del data["goals"][0]  # as at v1.2
    data["goals"].append({"title": "Vernetzung", "description": "Neues Ziel."})
    removed = data["structures"].pop(1)
    data["structures"].append({"title": "Hybrid", "description": "Beides zugleich."})
    data["structures"][0]["image"] = "/images/hero.svg"
    page_file.write_text(page(data), "utf-8")

    assert (
        review.main(["v1.2", "--srcdir", str(repo / "docs"), "--format", "text"]) == 0
    )

    lines = capsys.readouterr().out.splitlines()
    image = lines.index("- Ä1 Bild von „Zentral“ geändert")
    assert lines[image + 1] == (
        "  Bilddatei: [-/images/project.svg-] → {+/images/hero.svg+}"
    )
    gone = lines.index(f"- Ä2 Format entfernt: „{removed['title']}“")
    assert lines[gone + 1].startswith("  [-Beim dezentralen Ansatz")
    added = lines.index("- Ä3 Neues Format: „Hybrid“")
    assert lines[added + 1] == "  {+Beides zugleich.+}"
