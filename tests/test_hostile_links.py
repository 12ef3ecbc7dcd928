"""Hostile addresses and control characters in the data: no link runs script,
no output format breaks.

Browsers strip control characters and spaces from both ends of an address and
drop tabs and line breaks inside before they read its scheme; each component
with a link gets each such address, written in the YAML as an escape and as
the character itself.  HTML, LaTeX (compiled with XeLaTeX) and EPUB (each
XHTML file and the NCX parsed as XML) are built from the same pages.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import ROOTS, build_in, make_pdf, read_html, require_tool, warnings_of
from test_print import PDF_PACKAGES

#: Addresses that run script once a browser has read them, as YAML values.
HOSTILE = {
    "escaped-control": r'"\x01javascript:alert(1)"',
    "control": "'\x01javascript:alert(1)'",
    "space-and-case": "' JaVaScRiPt:alert(1)'",
    "tab": r'"java\tscript:alert(1)"',
    "line-separator": r'"\u2028javascript:alert(1)"',
    "data": "'data:text/html,<script>alert(1)</script>'",
    "vbscript": "'vbscript:msgbox(1)'",
}


def landing(url: str) -> str:
    """A landing page with the address in every link it has."""
    return (
        "---\n"
        'hero:\n  title: "Start\\x01 mit\\x85 Steuer\\u2028zeichen"\n'
        f"  link:\n    text: Hero-Link\n    url: {url}\n"
        "highlights:\n  - title: Schwerpunkt\n"
        f"    link:\n      text: Schwerpunkt-Link\n      url: {url}\n"
        f"sponsors:\n  - title: Förderer\n    link: {url}\n"
        "callToAction:\n  title: Aufruf\n"
        f"  link:\n    text: Aufruf-Link\n    url: {url}\n"
        "---\n<LandingPage />\n"
    )


def contribute(url: str) -> str:
    return (
        "---\nhero:\n  title: Mitmachen\n"
        f"workingGroups:\n  - title: AG Test\n    url: {url}\n"
        "---\n<ContributePage />\n"
    )


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory) -> Path:
    srcdir = tmp_path_factory.mktemp("links") / "src"
    srcdir.mkdir()
    shutil.copy(ROOTS / "test-hostile" / "conf.py", srcdir)
    names = []
    for name, url in HOSTILE.items():
        (srcdir / f"start-{name}.md").write_text(landing(url), "utf-8")
        (srcdir / f"ag-{name}.md").write_text(contribute(url), "utf-8")
        names += [f"start-{name}", f"ag-{name}"]
    (srcdir / "gut.md").write_text(
        landing('" https://example.org/g\\tut\\t"')
        + "\n",  # kept: only browsers' stripping, no unsafe scheme
        "utf-8",
    )
    (srcdir / "post.md").write_text(
        landing("'mailto:ag@example.org?subject=Hallo&bcc=alle@example.org'"), "utf-8"
    )
    toctree = "\n".join([*names, "gut", "post"])
    (srcdir / "index.md").write_text(
        f"# Adressen\n\n```{{toctree}}\n{toctree}\n```\n", "utf-8"
    )
    return srcdir


def built(srcdir: Path, tmp_path_factory, builder: str):
    copy = tmp_path_factory.mktemp(builder) / "src"
    shutil.copytree(srcdir, copy)
    return build_in(copy, builder)


@pytest.fixture(scope="module")
def html(srcdir, tmp_path_factory):
    return built(srcdir, tmp_path_factory, "html")


def as_browsers_read(url: str) -> str:
    """WHATWG URL parsing's first steps: strip C0 and space, drop tab and LF/CR."""
    return re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@pytest.mark.parametrize(
    "page", [f"{kind}-{name}" for name in HOSTILE for kind in ("start", "ag")]
)
def test_no_link_runs_script(html, page):
    main = read_html(html, page).select_one("[role=main]")
    for element in main.find_all(True):
        for name in ("href", "src", "action", "formaction"):
            value = as_browsers_read(element.get(name, ""))
            assert not re.match(r"(javascript|vbscript|data):", value, re.I), element
    assert not CONTROL.search(str(main))


@pytest.mark.parametrize("name", HOSTILE)
def test_each_unsafe_link_is_one_located_warning_and_its_text_stays(html, name):
    warnings = warnings_of(html).splitlines()
    for page, count, texts in (
        ("start", 4, ["Hero-Link", "Schwerpunkt-Link", "Förderer", "Aufruf-Link"]),
        ("ag", 1, ["Mitmachen"]),
    ):
        source = str(html.srcdir / f"{page}-{name}.md")
        unsafe = [
            line
            for line in warnings
            if line.startswith(f"{source}:")
            and "Links dürfen http, https oder mailto verwenden" in line
        ]
        assert len(unsafe) == count, warnings
        assert all(line.endswith("[strategy.link]") for line in unsafe)
        main = read_html(html, f"{page}-{name}").select_one("[role=main]")
        for text in texts:
            assert text in main.get_text()


def test_control_characters_are_dropped_with_a_located_warning(html):
    source = html.srcdir / "start-escaped-control.md"
    found = [
        line
        for line in warnings_of(html).splitlines()
        if line.startswith(f"{source}:3: ") and "unsichtbare Steuerzeichen" in line
    ]
    assert found == [
        f"{source}:3: WARNING: Hero, Titel: der Text enthält unsichtbare "
        "Steuerzeichen (U+0001, U+0085, U+2028); sie wurden entfernt "
        "[strategy.control]"
    ]
    title = read_html(html, "start-escaped-control").h1.get_text()
    assert title.rstrip("¶") == "Start mit Steuerzeichen"


def test_safe_addresses_link_as_browsers_read_them(html):
    links = read_html(html, "gut").select("[role=main] a.reference.external")
    assert {link["href"] for link in links} == {"https://example.org/gut"}
    assert len(links) == 4
    # a mailto link that would send the e-mail to others as well: no link
    assert read_html(html, "post").select("[role=main] a[href^=mailto]") == []


def test_latex_compiles(srcdir, tmp_path_factory):
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    app = built(srcdir, tmp_path_factory, "latex")
    tex = next(app.outdir.glob("*.tex")).read_text("utf-8")
    assert not CONTROL.search(tex)
    assert not re.search(r"\\sphinxhref\{[^}]*(script|data):", tex, re.I)
    make_pdf(app.outdir)


def test_epub_is_well_formed_xml(srcdir, tmp_path_factory):
    app = built(srcdir, tmp_path_factory, "epub")
    files = [
        *app.outdir.glob("*.xhtml"),
        app.outdir / "toc.ncx",
        app.outdir / "content.opf",
    ]
    assert len(files) > len(HOSTILE) * 2
    for path in files:
        ElementTree.parse(path)  # raises on a character XML does not allow
    assert "Start mit Steuerzeichen" in (app.outdir / "toc.ncx").read_text("utf-8")
