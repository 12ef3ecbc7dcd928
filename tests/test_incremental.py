"""Incremental and parallel builds give what a clean serial build gives."""

from __future__ import annotations

import os
import re
import shutil
import time

import pytest
from conftest import ROOTS, build_in, edit, warnings_of
from sphinx.util.console import strip_escape_sequences
from strategy_pages.store import store


def html_pages(app) -> dict[str, str]:
    return {
        path.name: path.read_text("utf-8") for path in sorted(app.outdir.glob("*.html"))
    }


def reread(app) -> set[str]:
    """The documents the build read, from its status output."""
    status = strip_escape_sequences(app.status.getvalue())
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status))


@pytest.fixture
def srcdir(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-directives", srcdir)
    build_in(srcdir)
    return srcdir


def clean_build(srcdir, tmp_path):
    copy = tmp_path / "clean"
    shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    return build_in(copy)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda src: edit(
                src / "frontmatter.md", "Der Vorspann dieser Seite.", "Ein neuer Text."
            ),
            {"frontmatter"},
        ),
        (
            lambda src: edit(
                src / "markdown-data.md", "Ziel einer anderen Seite", "Geändertes Ziel"
            ),
            {"markdown-data", "frontmatter"},
        ),
        (
            lambda src: edit(
                src / "data" / "strategie.yaml", "Erstes Format", "Neues Format"
            ),
            {"index", "markdown", "parts"},
        ),
        (
            lambda src: edit(
                src / "images" / "project.svg", "<rect", "<circle r='3'/><rect"
            ),
            {"index", "markdown", "parts"},
        ),
    ],
    ids=["front matter", "page used as data", "data file", "image"],
)
def test_an_edit_rereads_exactly_its_dependents_and_equals_a_clean_build(
    srcdir, tmp_path, change, expected
):
    change(srcdir)
    incremental = build_in(srcdir)
    assert warnings_of(incremental) == ""
    assert reread(incremental) == expected
    clean = clean_build(srcdir, tmp_path)
    assert html_pages(incremental) == html_pages(clean)
    for image in (clean.outdir / "_images").iterdir():
        assert (
            incremental.outdir / "_images" / image.name
        ).read_bytes() == image.read_bytes()


def test_parallel_build_equals_serial_build(tmp_path):
    serial_src, parallel_src = tmp_path / "serial", tmp_path / "parallel"
    for target in (serial_src, parallel_src):
        shutil.copytree(ROOTS / "test-directives", target)
        # more documents than one worker's batch, so that reading is split
        page = (
            (target / "frontmatter.md")
            .read_text("utf-8")
            .replace("---\n", "---\norphan: true\n", 1)
        )
        for number in range(12):
            (target / f"kopie{number}.md").write_text(page, "utf-8")
    serial = build_in(serial_src)
    parallel = build_in(parallel_src, parallel=2)
    assert warnings_of(parallel) == warnings_of(serial).replace(
        str(serial_src), str(parallel_src)
    )
    assert "parallel" not in warnings_of(parallel).replace(str(parallel_src), "")
    assert html_pages(parallel) == html_pages(serial)
    assert store(parallel.env) == store(serial.env)


@pytest.mark.parametrize(
    ("buildername", "theme"), [("html", "furo"), ("html", "basic"), ("latex", "furo")]
)
def test_a_rebuild_without_changes_keeps_the_configuration_and_reads_nothing(
    tmp_path, buildername, theme
):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-directives", srcdir)
    # furo, the site's theme, registers a configuration value of its own
    # (pygments_dark_style) only when the HTML builder loads it.
    overrides = {"html_theme": theme}
    build_in(srcdir, buildername, confoverrides=overrides)
    again = build_in(srcdir, buildername, confoverrides=overrides)
    status = strip_escape_sequences(again.status.getvalue())
    assert "configuration has changed" not in status
    assert "config changed" not in status
    assert reread(again) == set()


def test_a_rebuild_still_says_which_option_has_changed(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-directives", srcdir)
    first = build_in(srcdir, confoverrides={"html_theme": "furo"})
    changed = {"html_theme": "furo", "strategy_release_tags": "release-*"}
    again = build_in(srcdir, confoverrides=changed)
    status = strip_escape_sequences(again.status.getvalue())
    (report,) = re.findall(r"The configuration has changed \((.*)\)", status)
    assert "'strategy_release_tags'" in report
    assert reread(again) == set(first.env.found_docs)  # an "env" option


def test_a_page_that_becomes_undecodable_is_rebuilt_not_left_stale(srcdir):
    page = srcdir / "frontmatter.md"
    raw = page.read_bytes().replace(b"Seite mit Vorspann", b"Neue Seite \xff")
    page.write_bytes(raw)
    later = time.time() + 2
    os.utime(page, (later, later))
    incremental = build_in(srcdir)
    assert reread(incremental) == {"frontmatter"}
    assert "[strategy.encoding]" in warnings_of(incremental)
    title = (incremental.outdir / "frontmatter.html").read_text("utf-8")
    assert "Neue Seite \ufffd" in title
    assert "Seite mit Vorspann" not in title


def test_the_extension_keeps_its_build_state_in_one_store(tmp_path):
    """Descriptions, the history's release tags and the pages linking by
    address: one object in the environment, each document's entries purged
    when it is read again."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-landing", srcdir)
    app = build_in(srcdir)
    kept = store(app.env)
    assert {name for name in vars(app.env) if name.startswith("strategy")} == {
        "strategy_pages"
    }
    assert kept.descriptions and kept.site_linking
    linking = sorted(kept.site_linking)
    app.env.events.emit("env-purge-doc", app.env, linking[0])
    assert linking[0] not in kept.site_linking
    assert linking[0] not in kept.descriptions


def test_a_new_cover_illustration_rereads_only_its_page(tmp_path):
    """The EPUB's cover comes from the strategy page as the build read it,
    not from a configuration value derived from its content, which would
    make every page be read again."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-seed", srcdir)
    cover = {"strategy_cover_page": "projekt"}
    first = build_in(srcdir, "epub", confoverrides=cover)
    assert "hero.svg" in cover_of(first)
    edit(srcdir / "projekt.md", "image: /images/hero.svg", "image: /images/project.svg")

    again = build_in(srcdir, "epub", confoverrides=cover)

    assert reread(again) == {"projekt"}
    assert "epub_cover" not in again.status.getvalue()
    assert "project.svg" in cover_of(again)


def cover_of(app) -> str:
    """The file the EPUB's content.opf names as its cover image."""
    opf = (app.outdir / "content.opf").read_text("utf-8")
    cover_id = re.search(r'<meta name="cover" content="([^"]+)"', opf)[1]
    return re.search(rf'<item id="{cover_id}" href="([^"]+)"', opf)[1]
