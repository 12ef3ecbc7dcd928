"""Each Fassung is an EPUB of its own: its identifier, its title, its date.

Reading systems keep books apart by their identifier; two Fassungen with one
identifier would be one book, and a date of the build would change with each
build of the same Fassung.
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest
from conftest import build_in, git, warnings_of
from test_git_releases import released_repository
from test_history import commit

#: What EPUB 3 needs besides the test root's configuration.
EPUB = {"project": "Strategie", "copyright": "Stadt", "version": "1"}


def epub_of(repo: Path, ref: str) -> Path:
    """The EPUB of the release ``ref`` checked out."""
    git(repo, "checkout", "-q", ref)
    app = build_in(repo / "docs", "epub", freshenv=True, confoverrides=EPUB)
    assert warnings_of(app) == ""
    (epub,) = app.outdir.glob("*.epub")
    return epub


def metadata(epub: Path) -> dict[str, str]:
    """dc: elements and dcterms:modified of content.opf, and toc.ncx's uid."""
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("content.opf").decode("utf-8")
        ncx = archive.read("toc.ncx").decode("utf-8")
    found = dict(re.findall(r"<dc:(\w+)[^>]*>([^<]*)</dc:\1>", opf))
    found["modified"] = re.search(
        r'<meta property="dcterms:modified">([^<]+)</meta>', opf
    )[1]
    unique = re.search(r'unique-identifier="([^"]+)"', opf)[1]
    assert re.search(rf'<dc:identifier id="{unique}"', opf)
    found["ncx uid"] = re.search(r'<meta name="dtb:uid" content="([^"]+)"', ncx)[1]
    found["ncx title"] = re.search(r"<docTitle>\s*<text>([^<]+)</text>", ncx)[1]
    return found


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, dict[str, str]]:
    repo = released_repository(tmp_path_factory.mktemp("editions") / "repo")
    found = {ref: metadata(epub_of(repo, ref)) for ref in ("v1.1", "v1.2")}
    # the same Fassung built again, later: the same edition
    time.sleep(1)
    found["v1.2 again"] = metadata(epub_of(repo, "v1.2"))
    git(repo, "checkout", "-q", "main")
    (repo / "docs" / "notiz.md").write_text("# Notiz\n", "utf-8")
    commit(repo, "Notiz", date="2023-03-04T12:00:00")
    found["draft"] = metadata(epub_of(repo, "main"))
    return found


def test_each_fassung_has_its_own_identifier(editions):
    identifiers = [editions[ref]["identifier"] for ref in ("v1.1", "v1.2", "draft")]
    assert len(set(identifiers)) == 3
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in identifiers)
    assert editions["v1.2 again"]["identifier"] == editions["v1.2"]["identifier"]
    for found in editions.values():
        assert found["ncx uid"] == found["identifier"]


def test_the_date_is_the_fassungs_not_the_builds(editions):
    assert editions["v1.1"]["date"] == "2021-01-01T00:00:00Z"
    assert editions["v1.2"]["date"] == "2022-01-01T00:00:00Z"
    assert editions["v1.2 again"] == editions["v1.2"]
    assert editions["draft"]["date"] == "2023-03-04T00:00:00Z"
    for found in editions.values():
        assert found["modified"] == found["date"]


def test_the_title_names_the_fassung(editions):
    assert editions["v1.1"]["title"].endswith(" \u2013 Fassung 1.1")
    assert editions["v1.2"]["title"].endswith(" \u2013 Fassung 1.2")
    assert editions["draft"]["title"].endswith(
        " \u2013 Entwurf nach Fassung 1.2, Stand 04.03.2023"
    )
    for found in editions.values():
        assert found["ncx title"] == found["title"]
