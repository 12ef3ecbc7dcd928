"""An image uploaded again under its old name is a change of the strategy:
in ``make diff`` and in the version history, with both pictures."""

from __future__ import annotations

import shutil

from conftest import ROOTS, build_in, read_html
from test_git_releases import released_repository
from test_history import commit

#: The seed's hero names /images/hero.svg; the drawing replacing it.
NEW_PICTURE = ROOTS / "test-seed" / "images" / "project.svg"


def test_make_diff_names_an_image_whose_file_changed(tmp_path, capsys):
    from strategy_pages import review

    repo = released_repository(tmp_path / "repo")
    shutil.copy(NEW_PICTURE, repo / "docs" / "images" / "hero.svg")

    assert (
        review.main(["v1.2", "--srcdir", str(repo / "docs"), "--format", "text"]) == 0
    )

    lines = capsys.readouterr().out.splitlines()
    image = lines.index("- Ä1 Bild der Einleitung geändert")
    assert lines[image + 1] == (
        "  Bilddatei: /images/hero.svg, eine neue Datei unter demselben Namen"
    )


def test_the_history_shows_an_image_whose_file_changed(tmp_path):
    repo = released_repository(tmp_path / "repo")
    shutil.copy(NEW_PICTURE, repo / "docs" / "images" / "hero.svg")
    commit(repo, "Neues Titelbild", "v1.3", "2023-01-01T12:00:00")

    app = build_in(repo / "docs")

    main = read_html(app, "index").select_one("[role=main]")
    release = main.select("section.strategy-history")[0]
    assert release.find("h2").get_text(strip=True).startswith("Fassung 1.3")
    changes = [li.find("p").get_text(" ", strip=True) for li in release.select("li")]
    assert "Ä1 Bild der Einleitung geändert" in changes
    # Both pictures, each as it was in its release.
    pictures = [img["src"] for img in release.select(".strategy-history__image img")]
    assert len(pictures) == 2 and pictures[0] != pictures[1]
