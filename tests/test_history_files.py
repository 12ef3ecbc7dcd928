"""The version history shows only image files of the sources, and none too large.

Its pictures are inlined as data URIs, from git and from the work tree: a
link out of the source folder must not bring a file from elsewhere into the
page, and a large image must not make the page as large.
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, build_in, git, read_html, warnings_of

#: What a file outside the sources holds: never on a page.
SECRET = "<svg xmlns='http://www.w3.org/2000/svg'><!-- GEHEIM --></svg>\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The history page and a strategy page, released as v1.0; the project.

    Beside the source folder lies a file that is not part of the sources.
    """
    docs = tmp_path / "project" / "docs"
    shutil.copytree(ROOTS / "test-history", docs)
    shutil.copytree(ROOTS / "test-seed" / "images", docs / "images")
    shutil.copy(ROOTS / "test-seed" / "projekt.md", docs)
    (tmp_path / "project" / "geheim.svg").write_text(SECRET, "utf-8")
    git(tmp_path / "project", "init", "-q")
    release(tmp_path / "project", "v1.0")
    return tmp_path / "project"


def release(project: Path, tag: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", f"Fassung {tag}")
    git(project, "tag", tag)


def hero_image(project: Path, image: str) -> None:
    projekt = project / "docs" / "projekt.md"
    text = projekt.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith("  image: "))
    projekt.write_text(text.replace(old, f"  image: {image}"), "utf-8")


def pictures(app) -> list[tuple[str, str]]:
    """(caption and note, src or "") of each picture of the history page."""
    main = read_html(app, "index").select_one("[role=main]")
    return [
        (
            " ".join(p.get_text(" ", strip=True) for p in figure.select("p")),
            figure.img["src"] if figure.img else "",
        )
        for figure in main.select(".strategy-history__image")
    ]


def embedded(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def all_output(app) -> str:
    return "".join(
        path.read_text("utf-8", errors="replace")
        for path in Path(app.outdir).rglob("*")
        if path.is_file() and path.suffix in (".html", ".svg", ".js")
    )


OUTSIDE_NOTE = "Die Bilddatei führt aus dem Quellordner hinaus; sie wird nicht gezeigt."


def test_a_link_out_of_the_sources_in_the_work_tree_is_not_embedded(repo):
    (repo / "docs" / "images" / "link.svg").symlink_to(repo / "geheim.svg")
    hero_image(repo, "/images/link.svg")
    app = build_in(repo / "docs")
    assert pictures(app)[:2] == [
        ("vorher: /images/hero.svg", pictures(app)[0][1]),
        (f"nachher: /images/link.svg {OUTSIDE_NOTE}", ""),
    ]
    assert pictures(app)[0][1].startswith("data:image/svg+xml;base64,")
    output = all_output(app)
    assert embedded(SECRET) not in output
    assert "GEHEIM" not in output
    warnings = [line for line in warnings_of(app).splitlines() if "WARNING" in line]
    assert len(warnings) == 1, warnings  # the page's own: where to mend it
    assert warnings[0].startswith(f"{repo / 'docs' / 'projekt.md'}:")
    assert "führt aus dem Quellordner hinaus" in warnings[0]


def test_a_link_in_a_release_is_never_followed(repo):
    # Relative, as git stores it: followed, it would lead out of the sources.
    (repo / "docs" / "images" / "link.svg").symlink_to("../../geheim.svg")
    hero_image(repo, "/images/link.svg")
    release(repo, "v1.1")
    hero_image(repo, "/images/hero.svg")
    (repo / "docs" / "images" / "link.svg").unlink()
    app = build_in(repo / "docs")
    found = pictures(app)
    assert [caption for caption, _ in found] == [
        f"vorher: /images/link.svg {OUTSIDE_NOTE}",  # v1.1, from git
        "nachher: /images/hero.svg",
        "vorher: /images/hero.svg",
        f"nachher: /images/link.svg {OUTSIDE_NOTE}",  # v1.1, from git
    ]
    assert [bool(src) for _, src in found] == [False, True, True, False]
    output = all_output(app)
    assert embedded("../../geheim.svg") not in output
    assert "GEHEIM" not in output
    assert warnings_of(app) == ""


def test_an_image_larger_than_1_mb_is_named_not_embedded(repo):
    # Two megabytes, in the work tree and then in a release.
    (repo / "docs" / "images" / "gross.png").write_bytes(b"\x89PNG" + bytes(2 * 10**6))
    hero_image(repo, "/images/gross.png")
    too_large = (
        "Die Bilddatei images/gross.png ist größer als 1 MB und wird hier nicht "
        "gezeigt."
    )
    app = build_in(repo / "docs")
    assert pictures(app)[1] == (f"nachher: /images/gross.png {too_large}", "")
    assert (Path(app.outdir) / "index.html").stat().st_size < 200_000

    release(repo, "v1.1")
    hero_image(repo, "/images/hero.svg")
    app = build_in(repo / "docs")
    found = pictures(app)
    assert [caption for caption, _ in found] == [
        f"vorher: /images/gross.png {too_large}",  # v1.1, from git
        "nachher: /images/hero.svg",
        "vorher: /images/hero.svg",
        f"nachher: /images/gross.png {too_large}",  # v1.1, from git
    ]
    assert [bool(src) for _, src in found] == [False, True, True, False]
    assert (Path(app.outdir) / "index.html").stat().st_size < 200_000
