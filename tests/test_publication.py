"""The publication: the PDF and the EPUB that the city hands out.

Built from a copy of the site with the tag "publikation", as `make latexpdf`
and `make epub` build them, and read back as a reader would.  Editors change
the pages at any time, so nothing here names their content: what a test
expects, it reads from the copy's own sources.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import (
    REPO,
    ROOTS,
    build_in,
    copy_site,
    make_pdf,
    require_tool,
    software_warnings,
    warnings_of,
)
from sphinx.util.tags import Tags
from test_docs import strategy_page, titles
from test_print import PDF_PACKAGES, epubcheck_command, letters, pdf_text, teal_pixels

PUBLICATION = ["publikation"]
BASENAME = "strategie-buergerschaftliches-engagement"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A released copy of the site (tag v1.0); its top folder."""
    return copy_site(tmp_path_factory.mktemp("publication")).parent


@pytest.fixture(scope="module")
def conf(project) -> dict:
    return runpy.run_path(str(project / "conf.py"), {"tags": Tags(PUBLICATION)})


def title_of(page: Path) -> str:
    """The title of a Markdown page: its strategy hero's, or its first heading."""
    data = strategy_page(page)
    if data is not None and data.hero is not None:
        return data.hero.title
    return re.search(r"^# (.+)$", page.read_text("utf-8"), re.M)[1]


def headings_of(page: Path) -> list[str]:
    """Every heading a page has: strategy sections, or its Markdown headings."""
    data = strategy_page(page)
    if data is not None and not data.is_empty:
        found = [data.hero.title] if data.hero is not None else []
        for part, default in (("goals", "Ziele"), ("formats", "Formate")):
            section = getattr(data, part)
            if section is not None:
                found += [section.title or default, *titles(data, part)]
        return found
    text = re.sub(r"^(`{3,}).*?^\1", "", page.read_text("utf-8"), flags=re.M | re.S)
    return re.findall(r"^#{1,6} (.+)$", text, re.M)


@pytest.fixture(scope="module")
def pages(project, conf) -> tuple[list[Path], list[Path]]:
    """(the publication's pages, the maintainers' pages) of the copy."""
    docs = project / "docs"
    maintainers = [docs / name for name in conf["maintainers_pages"]]
    published = [
        docs / f"{line.strip()}.md"
        for line in re.search(
            r"```\{(?:strategy-)?toctree\}\n:caption: Strategie\n.*?\n\n(.*?)```",
            (docs / "index.md").read_text("utf-8"),
            re.S,
        )[1].splitlines()
        # Not the new pages' pattern (seiten/*/*), which the copy matches none of.
        if line.strip() and "*" not in line
    ]
    assert published and maintainers
    return published, maintainers


@pytest.fixture(scope="module")
def latex(project):
    require_tool("rsvg-convert", "librsvg2-bin")
    app = build_in(project / "docs", "latex", tags=PUBLICATION)
    assert software_warnings(app) == ""
    return app


@pytest.fixture(scope="module")
def pdf(latex) -> Path:
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    require_tool("pdftotext", "poppler-utils")
    make_pdf(latex.outdir)
    return latex.outdir / f"{BASENAME}.pdf"


def page_count(pdf: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def outline(pdf: Path) -> list[str]:
    """The PDF's bookmarks, in order."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ElementTree.fromstring(xml.encode("utf-8"))
    return ["".join(item.itertext()).strip() for item in root.iter("item")]


def test_pdf_holds_the_strategy_its_history_and_the_imprint(pdf, pages):
    text = letters(pdf_text(pdf))
    published, _ = pages
    for page in published:
        for heading in headings_of(page):
            assert letters(heading) in text, (page.name, heading)
    for page in published:
        data = strategy_page(page)
        if data is not None and data.hero is not None and data.hero.description:
            # the first words of the hero text (Markdown markup aside)
            start = " ".join(data.hero.description.split()[:6])
            assert letters(re.sub(r"[*_`]", "", start)) in text


def test_pdf_leaves_out_the_maintainers_pages(pdf, pages):
    text = " ".join(pdf_text(pdf).split())
    bookmarks = outline(pdf)
    _, maintainers = pages
    for page in maintainers:
        assert title_of(page) not in text
        assert not set(headings_of(page)) & set(bookmarks), page.name


def test_no_blank_page_and_chapters_on_the_next_page(pdf, latex):
    for number in range(1, page_count(pdf) + 1):
        words = re.findall(r"[^\W\d_]{3,}", pdf_text(pdf, number))
        assert len(words) >= 3, f"page {number} is (nearly) blank"
    tex = (latex.outdir / f"{BASENAME}.tex").read_text("utf-8")
    options = re.search(r"\\documentclass\[([^]]*)\]", tex)[1]
    assert "openany" in options and "oneside" in options


def test_cover_has_the_strategy_pages_illustration_title_release_and_date(
    pdf, latex, conf
):
    cover = " ".join(pdf_text(pdf, 1).split())
    assert conf["project"] in cover
    assert "Fassung 1.0" in cover
    assert re.search(r"\d{2}\.\d{2}\.\d{4}", cover)
    # the hero illustration of the strategy page, from its data
    hero = strategy_page(latex.srcdir / f"{conf['strategy_cover_page']}.md").hero
    tex = (latex.outdir / f"{BASENAME}.tex").read_text("utf-8")
    maketitle = re.search(r"\\strategymaketitle\{(.*)\}", tex)[1]
    assert f"{{{Path(hero.image.path).stem}}}.pdf" in maketitle
    assert teal_pixels(pdf, 1) > 500


def test_contents_are_headed_inhalt(pdf):
    lines = [line for line in pdf_text(pdf, 2).splitlines() if line.strip()]
    assert lines[0] == "Inhalt"
    assert outline(pdf)[0] == "Inhalt"


def test_bookmarks_for_every_section(pdf, pages):
    bookmarks = outline(pdf)
    published, _ = pages
    for page in published:
        for heading in headings_of(page):
            assert heading in bookmarks, (page.name, heading)


def test_links_resolve_and_metadata_says_what_it_is(pdf, conf):
    log = pdf.with_suffix(".log").read_text("utf-8", "replace")
    assert "undefined" not in log
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(re.findall(r"^(\w+):\s+(.*)$", info, re.M))
    assert fields["Title"] == conf["project"]
    assert fields["Author"] == conf["author"]
    assert fields["Subject"] == conf["description"]
    assert b"/Lang(de-DE)" in pdf_objects(pdf)


def pdf_objects(pdf: Path) -> bytes:
    """The PDF's bytes, with its compressed streams (object streams) inflated."""
    data = pdf.read_bytes()
    inflated = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            inflated.append(zlib.decompress(stream[1]))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def test_one_type_family_for_headings_and_body(pdf):
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    # "ABCDEF+FreeSansBold" -> "FreeSans"
    families = {
        re.sub(r"(Bold|Oblique|Italic|Regular)+$", "", name.split("+")[-1])
        for name in (line.split()[0].split("-")[0] for line in fonts)
    }
    assert families - {"FreeMono"} == {"FreeSans"}, families


# --- EPUB -------------------------------------------------------------------


@pytest.fixture(scope="module")
def epub(project) -> Path:
    app = build_in(project / "docs", "epub", tags=PUBLICATION)
    assert software_warnings(app) == ""
    return app.outdir / f"{BASENAME}.epub"


def read(epub: Path, name: str) -> str:
    with zipfile.ZipFile(epub) as archive:
        return archive.read(name).decode("utf-8")


def test_epub_passes_epubcheck(epub):
    check = subprocess.run(
        [*epubcheck_command(), str(epub)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No errors or warnings detected" in check.stdout


def test_epub_navigation_is_inhalt_with_every_chapter_and_section(epub, pages):
    nav = read(epub, "nav.xhtml")
    assert "<title>Inhalt</title>" in nav and "<h1>Inhalt</h1>" in nav
    entries = re.findall(r'<a href="([^"#]+)(?:#[^"]*)?">([^<]+)</a>', nav)
    shown = [title for _, title in entries]
    published, maintainers = pages
    for page in published:
        assert (f"{page.stem}.xhtml", title_of(page)) in entries
        data = strategy_page(page)
        if data is not None:
            for heading in headings_of(page):
                assert heading in shown, (page.name, heading)
    # the version history's sections too: each release („Fassung 1.0 vom …“)
    assert any(re.fullmatch(r"Fassung \S+ vom \S+", title) for title in shown)
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
    for page in maintainers:
        assert f"{page.stem}.xhtml" not in names


def test_epub_metadata_in_german_and_nothing_unknown(epub, conf):
    opf = read(epub, "content.opf")
    assert "unknown" not in opf.lower()
    assert "<dc:language>de</dc:language>" in opf
    assert f"<dc:description>{conf['description']}</dc:description>" in opf
    assert f"<dc:publisher>{conf['author']}</dc:publisher>" in opf
    guides = dict(re.findall(r'<reference type="(\w+)" title="([^"]*)"', opf))
    assert guides == {"cover": "Titelbild", "toc": "Inhalt"}


def test_epub_cover_is_the_strategy_pages_illustration(epub, project, conf):
    hero = strategy_page(project / "docs" / f"{conf['strategy_cover_page']}.md").hero
    opf = read(epub, "content.opf")
    cover_id = re.search(r'<meta name="cover" content="([^"]+)"', opf)[1]
    href = re.search(rf'<item id="{cover_id}" href="([^"]+)"', opf)[1]
    assert href == f"_images/{Path(hero.image.path).name}"
    page = read(epub, "epub-cover.xhtml")
    assert f'src="{href}"' in page
    assert conf["project"] in page and "Fassung 1.0" in page
    assert "Cover image" not in page


def test_make_builds_the_publication():
    """`make latexpdf` and `make epub` build with the tag (dry run)."""
    for target in ("latexpdf", "epub"):
        run = subprocess.run(
            ["make", "-n", "-C", str(REPO), target],
            capture_output=True,
            text=True,
            check=False,
        )
        commands = [line for line in run.stdout.splitlines() if "-M" in line]
        assert commands, run.stdout + run.stderr
        assert "-t publikation" in commands[0]


# --- Cover and subtitle from the data, on a page of the tests' own ----------


@pytest.fixture(scope="module")
def other_hero(tmp_path_factory) -> Path:
    """The nested test page, its hero illustration changed to project.svg."""
    srcdir = tmp_path_factory.mktemp("other-hero") / "src"
    shutil.copytree(ROOTS / "test-nested", srcdir)
    page = srcdir / "projekt.md"
    text = page.read_text("utf-8")
    assert "  image: /images/hero.svg\n" in text
    page.write_text(
        text.replace(
            "  image: /images/hero.svg\n", "  image: /images/project.svg\n", 1
        ),
        "utf-8",
    )
    return srcdir


OVERRIDES = {
    "extensions": ["myst_parser", "strategy_pages", "sphinxcontrib.rsvgconverter"],
    "strategy_cover_page": "projekt",
    # what EPUB needs of any project
    "copyright": "Stadt",
    "version": "1",
}


def test_cover_and_subtitle_follow_the_data(other_hero):
    require_tool("rsvg-convert", "librsvg2-bin")
    app = build_in(other_hero, "latex", confoverrides=OVERRIDES)
    assert warnings_of(app) == ""
    tex = next(app.outdir.glob("*.tex")).read_text("utf-8")
    assert re.search(r"\\strategymaketitle\{[^\n]*\{project\}\.pdf", tex)
    # the subtitle under the title (here the document's), before the hero's
    # text and image
    body = tex.index(r"\begin{document}")
    subtitle = tex.index(r"\begin{sphinxuseclass}{strategy-hero__subtitle}")
    row = tex.index(r"\begin{sphinxuseclass}{strategy-row}")
    assert body < subtitle < row
    assert "Strategie 2019" in tex[subtitle:row]


def test_epub_cover_follows_the_data(other_hero):
    app = build_in(other_hero, "epub", confoverrides=OVERRIDES)
    assert warnings_of(app) == ""
    opf = (app.outdir / "content.opf").read_text("utf-8")
    cover_id = re.search(r'<meta name="cover" content="([^"]+)"', opf)[1]
    assert re.search(rf'<item id="{cover_id}" href="_images/project.svg"', opf)


def test_release_role_names_the_release_when_the_page_is_written(tmp_path):
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "strategy_pages"]\nlanguage = "de"\n'
        'strategy_release = "1.1"\nstrategy_release_date = "2026-11-25"\n',
        "utf-8",
    )
    (tmp_path / "index.md").write_text(
        "# Impressum\n\nAusgabe: {strategy-release}`label`, "
        "Stand {strategy-release}`date`\n",
        "utf-8",
    )
    app = build_in(tmp_path, "text")
    assert warnings_of(app) == ""
    text = (app.outdir / "index.txt").read_text("utf-8")
    assert "Ausgabe: Fassung 1.1, Stand 25.11.2026" in text
