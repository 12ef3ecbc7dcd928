"""An item without an image takes the whole row: no empty column beside its
text, in every component and in a review build, where a note for the editors
stands at the top of the item's text, not in the place of its image."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, build_in, edit, git, read_html
from test_browser import DESKTOP, PHONE, browser, open_page  # noqa: F401

#: Items that lose their image after the release, by page: (anchor, how).
TEXT_ONLY = {
    "projekt": ["empowerment-und-inklusion", "aquise", "dezentral"],
    "startseite": ["ideen-sammeln"],
}
#: Items that keep theirs.
ILLUSTRATED = {
    "projekt": ["beteiligung", "zentral"],
    "startseite": ["gemeinsam-feiern"],
}


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    """The seed's project page and the landing page, released as v1.0, then
    three goals, a format and a highlight without image (one names a file
    that is missing), built for review against v1.0."""
    repo = tmp_path_factory.mktemp("text-only")
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-seed", docs)
    landing = ROOTS / "test-landing"
    shutil.copy(landing / "startseite.md", docs)
    for image in (landing / "images").iterdir():
        shutil.copy(image, docs / "images")
    edit(docs / "index.md", "projekt\n", "projekt\nstartseite\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Fassung 1.0")
    git(repo, "tag", "v1.0")

    projekt = docs / "projekt.md"
    text = projekt.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    # the 2nd goal names a missing file, the 3rd goal and 2nd format have none
    images = [n for n, line in enumerate(lines) if "image: /images/project.svg" in line]
    lines[images[1]] = lines[images[1]].replace("project.svg", "fehlt.svg")
    for n in (images[2], images[4]):
        lines[n] = ""
    projekt.write_text("".join(lines), "utf-8")
    edit(docs / "startseite.md", "    image: /images/ideen.svg\n", "")
    return build_in(
        docs,
        confoverrides={"html_theme": "furo", "strategy_review_base": "v1.0"},
    )


def item(app, page: str, anchor: str):
    return read_html(app, page).select_one(f"section#{anchor}")


@pytest.mark.parametrize(
    ("page", "anchor"),
    [(page, anchor) for page, anchors in TEXT_ONLY.items() for anchor in anchors],
)
def test_an_item_without_image_is_marked_text_only(review, page, anchor):
    section = item(review, page, anchor)
    assert "strategy-item--text-only" in section["class"]
    assert section.select_one(".strategy-item__image") is None


def test_items_with_an_image_keep_their_column(review):
    for page, anchors in ILLUSTRATED.items():
        for anchor in anchors:
            section = item(review, page, anchor)
            assert "strategy-item--text-only" not in section["class"]
            assert section.select_one(".strategy-item__image img") is not None


def test_the_editors_note_is_at_the_top_of_the_items_text(review):
    section = item(review, "projekt", "empowerment-und-inklusion")
    notice = section.select_one(".strategy-editor-notice")
    assert "fehlt.svg" in notice.get_text()
    text = section.select_one(".strategy-item__text")
    assert notice.parent is text and text.find(True) is notice


def url(app, page: str) -> str:
    return (Path(app.outdir) / f"{page}.html").as_uri()


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_text_takes_the_whole_row(browser, review, width, dark):  # noqa: F811
    for page, anchors in TEXT_ONLY.items():
        tab = open_page(browser, url(review, page), width, dark=dark)
        for anchor in anchors:
            row = tab.locator(f"section#{anchor}").bounding_box()
            for part in ("> .strategy-item__text", "> .strategy-item__title"):
                box = tab.locator(f"section#{anchor} {part}").first.bounding_box()
                assert box["x"] - row["x"] < 2, (page, anchor, part)
                assert box["width"] > row["width"] - 4, (page, anchor, part)
        notice = tab.locator(
            "section#empowerment-und-inklusion .strategy-editor-notice"
        )
        if page == "projekt":
            text = tab.locator(
                "section#empowerment-und-inklusion .strategy-item__text"
            ).bounding_box()
            assert notice.bounding_box()["width"] > text["width"] - 4
        tab.context.close()
