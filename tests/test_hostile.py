"""Broken and hostile pages: no traceback, a located warning each, nothing
injected, nothing read from outside the source folder, the rest still built."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOTS, build_in, read_html, warnings_of

MANY = 3000


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    items = "\n".join(
        f"  - title: Ziel {n}\n    description: Text {n}." for n in range(MANY)
    )
    (srcdir / "many.md").write_text(
        f"---\nhero:\n  title: Viele\ngoals:\n{items}\n---\n<ProjectPage />\n", "utf-8"
    )
    long_text = "Sehr langer Text. " * 12_000
    (srcdir / "long.md").write_text(
        f"---\nhero:\n  title: Lang\n  description: {long_text.strip()}\n---\n<ProjectPage />\n",
        "utf-8",
    )
    # An image inside the source folder that is a link to a file outside it.
    (srcdir / "images" / "nach-aussen.svg").symlink_to("/etc/passwd")
    return srcdir


@pytest.fixture(scope="module")
def app(srcdir):
    return build_in(srcdir)


def warning(app, page: str, line: int, text: str) -> str:
    """The one warning for ``page:line`` that contains ``text``."""
    found = [
        entry
        for entry in warnings_of(app).splitlines()
        if entry.startswith(f"{app.srcdir / page}:{line}: WARNING: ") and text in entry
    ]
    assert len(found) == 1, warnings_of(app)
    return found[0]


@pytest.mark.parametrize(
    ("page", "line", "text", "subtype"),
    [
        (
            "tabs.md",
            3,
            "found character '\\t' that cannot start any token (while scanning for the next token); indent with spaces, not tabs",
            "yaml",
        ),
        ("empty.md", 3, "this page has no strategy data", "no_data"),
        ("types.md", 3, "hero.title: must be text, not int 2030", "wrong_type"),
        ("types.md", 4, "hero.subtitle: must be text, not a list", "wrong_type"),
        ("types.md", 6, "hero.alt: must be text, not int 5", "wrong_type"),
        (
            "types.md",
            7,
            "hero.link: must be a mapping, not the text 'https://example.org'",
            "wrong_type",
        ),
        (
            "types.md",
            10,
            "goals[0].description: must be text, not a list",
            "wrong_type",
        ),
        ("types.md", 11, "structure: must be a mapping, not a list", "wrong_type"),
        ("types.md", 12, "structures: must be a list, not a mapping", "wrong_type"),
        (
            "python-tags.md",
            3,
            "invalid YAML: unsupported tag 'tag:yaml.org,2002:python/object/apply:os.system'",
            "yaml",
        ),
        ("bomb.md", 2, "the YAML expands to more than 100,000 values", "yaml"),
        (
            "crlf-bom.md",
            6,
            "goals[0].titel: unknown key 'titel'; did you mean 'title'?",
            "unknown_key",
        ),
        (
            "invalid-utf8.md",
            3,
            "the file is not valid UTF-8 (byte 0xff); the page is not built",
            "encoding",
        ),
        (
            "duplicate-titles.md",
            7,
            "title 'Gleich' is used twice in this section (also on line 5); both are shown",
            "duplicate_title",
        ),
        (
            "html-everywhere.md",
            10,
            "hero.link.url: links may use http, https or mailto, not 'JaVaScRiPt:alert(\"url\")'",
            "link",
        ),
        (
            "paths.md",
            6,
            "goals[0].image: image path '/../../../../../../etc/passwd' leads outside the source folder",
            "image",
        ),
        (
            "paths.md",
            8,
            "goals[1].image: image path '../../../../../../etc/passwd' leads outside the source folder",
            "image",
        ),
        (
            "paths.md",
            10,
            "goals[2].image: image file not found: '/etc/passwd' (looked for etc/passwd in the source folder)",
            "image",
        ),
        (
            "paths.md",
            12,
            "goals[3].image: remote images are not loaded (file:///etc/passwd)",
            "image",
        ),
        (
            "paths.md",
            14,
            "goals[4].image: remote images are not loaded (//example.org/bild.png)",
            "image",
        ),
        (
            "paths.md",
            16,
            "goals[5].image: image path '/images/nach-aussen.svg' leads outside the source folder",
            "image",
        ),
        (
            "data-paths.md",
            3,
            "data: '/../../../../../../etc/passwd' leads outside the source folder; it is not read",
            "data",
        ),
        ("data-paths.md", 7, "data: file not found: '/etc/passwd'", "data"),
        (
            "kaputt.yaml",
            3,
            "invalid YAML: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence on line 2)",
            "yaml",
        ),
    ],
)
def test_each_case_gives_a_located_typed_warning(app, page, line, text, subtype):
    assert warning(app, page, line, text).endswith(f"[strategy.{subtype}]")


def test_no_traceback_and_the_rest_is_built(app):
    assert app.statuscode == 0
    assert "Traceback" not in warnings_of(app) and "Exception" not in warnings_of(app)
    built = {path.stem for path in app.outdir.glob("*.html")}
    pages = {path.stem for path in app.srcdir.glob("*.md")}
    assert built >= pages - {"invalid-utf8"}
    assert "invalid-utf8" not in built


def test_valid_parts_of_broken_pages_still_render(app):
    assert read_html(app, "types").select_one("section#gultig") is not None
    assert read_html(app, "crlf-bom").h1.get_text(strip=True).rstrip("¶") == "Windows"
    assert "Mit CRLF und BOM." in read_html(app, "crlf-bom").get_text()
    duplicate = read_html(app, "duplicate-titles")
    assert [s["id"] for s in duplicate.select("section.strategy-goal")] == [
        "gleich",
        "gleich-1",
    ]
    assert (
        read_html(app, "paths").select_one("section#gultig img")["src"]
        == "_images/project.svg"
    )


def test_thousands_of_items_and_long_texts_render(app):
    assert len(read_html(app, "many").select("section.strategy-goal")) == MANY
    text = read_html(app, "long").select_one(".strategy-hero__text").get_text()
    assert text.count("Sehr langer Text.") == 12_000


def test_nothing_injected_into_html(app):
    main = read_html(app, "html-everywhere").select_one("[role=main]")
    assert main.find_all(["script", "style", "iframe", "svg", "b"]) == []
    for element in main.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")]
        for name in ("href", "src"):
            assert not re.match(
                r"\s*(javascript|vbscript|data):", element.get(name, ""), re.I
            )
    assert "<script>alert(" in main.h1.get_text()
    assert main.select_one(".strategy-hero__image img")["alt"].startswith('"><script>')


def test_nothing_from_outside_the_source_folder(app):
    assert sorted(path.name for path in (app.outdir / "_images").iterdir()) == [
        "hero.svg",
        "project.svg",
    ]
    for path in app.outdir.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".txt", ".js", ".svg"}:
            assert "root:x:0" not in path.read_text("utf-8", "replace")


def test_warnings_fail_the_build_with_W(srcdir, tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(srcdir, copy, symlinks=True)
    assert build_in(copy, warningiserror=True).statuscode == 1
