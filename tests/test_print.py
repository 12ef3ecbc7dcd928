"""PDF (XeLaTeX) and EPUB: built, read back, and checked like a reader would."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from conftest import build, make_pdf, require_tool, warnings_of
from test_builders import SEED_TEXT

PDF_PACKAGES = (
    "latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra "
    "texlive-fonts-recommended tex-gyre texlive-lang-german fonts-freefont-otf"
)
#: The teal of the illustrations (docs/images), as drawn in the PDF.
TEAL = (0x1D, 0x6F, 0x66)


def letters(text: str) -> str:
    """Only the letters and digits: line breaks and hyphenation do not matter."""
    return re.sub(r"[\W_]+", "", text.lower())


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    require_tool("rsvg-convert", "librsvg2-bin")
    require_tool("pdftotext", "poppler-utils")
    app = build(tmp_path_factory, "print", "latex")
    assert warnings_of(app) == ""
    make_pdf(app.outdir)
    return app.outdir / "druckprobe.pdf"


def pdf_text(pdf, *pages: int) -> str:
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *first_last, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_every_title_and_description_is_in_the_pdf_in_order(pdf):
    text = letters(pdf_text(pdf))
    position = 0
    for part in SEED_TEXT:
        found = text.find(letters(part), position)
        assert found >= 0, part
        position = found


def test_title_page_has_name_release_in_words_and_date(pdf):
    first_page = " ".join(pdf_text(pdf, 1).split())
    assert "Strategie Druckprobe" in first_page
    # the whole label, without Sphinx's "Release" before it
    assert "Entwurf nach Fassung 2.1, Stand 25.11.2026" in first_page
    assert "Release" not in first_page
    assert re.search(r"\d{2}\.\d{2}\.\d{4}", first_page)


def test_german_typography(pdf):
    text = pdf_text(pdf)
    assert "„Haus für die Förderung des Bürgerengagements“" in " ".join(text.split())
    log = pdf.with_suffix(".log").read_text("utf-8", "replace")
    assert "polyglossia" in log and "german" in log.lower()


def test_illustrations_are_placed_as_vector_graphics(pdf):
    log = pdf.with_suffix(".log").read_text("utf-8", "replace")
    assert log.count("<use project.pdf>") == 6
    # on the cover, and beside the hero's text
    assert log.count("<use hero.pdf>") == 2
    assert not re.search(r"LaTeX Warning: File .* not found", log)
    assert teal_pixels(pdf, pdf_page_of(pdf, "Beteiligung")) > 500


def test_goal_title_and_description_share_a_page(pdf):
    for title, start in [
        ("Beteiligung", "die Bereitstellung"),
        ("Aquise", "die Engagementgewinnung"),
    ]:
        page = pdf_page_of(pdf, title, heading=True)
        assert letters(start) in letters(pdf_text(pdf, page))


def test_latex_specials_and_commands_print_as_text(pdf):
    text = " ".join(pdf_text(pdf).split())
    for literal in [
        "Sonderzeichen & Co.",
        "100 % von $5, Punkt #3, Datei_name, {Klammern}",
        r"C:\Pfad",
        r"\input{/etc/passwd}",
        r"\write18{touch /tmp/injiziert}",
        r"LaTeX \textbf{fett} & \section{Titel}",
    ]:
        assert literal in text
    assert "root:x:0" not in text


def pdf_page_of(pdf, phrase: str, heading: bool = False) -> int:
    """The first page (not the table of contents) with ``phrase``, or with a
    heading line ``1.1.1 phrase``."""
    heading_line = re.compile(rf"^[\d.]*\s*{re.escape(phrase)}$", re.M)
    for number, page in enumerate(pdf_text(pdf).split("\f"), start=1):
        found = heading_line.search(page) if heading else phrase in page
        if found and "Inhaltsverzeichnis" not in page:
            return number
    raise AssertionError(f"{phrase!r} not in the PDF")


def teal_pixels(pdf, page: int) -> int:
    """Pixels of the illustrations' teal on ``page``, rendered at 50 dpi."""
    ppm = subprocess.run(
        ["pdftoppm", "-r", "50", "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    header_end = 0
    for _ in range(3):  # "P6", "width height", "255"
        header_end = ppm.index(b"\n", header_end) + 1
    pixels = ppm[header_end:]
    return sum(
        1
        for i in range(0, len(pixels) - 2, 3)
        if all(abs(pixels[i + k] - TEAL[k]) < 24 for k in range(3))
    )


@pytest.mark.parametrize(
    ("buildername", "path", "forbidden", "expected"),
    [
        ("text", "sonderzeichen.txt", [], [r"\input{/etc/passwd}", "@bye"]),
        (
            "man",
            "strategiedruckprobe.1",
            [re.compile(r"^\.SH INJIZIERT", re.M)],
            ["INJIZIERT"],
        ),
        (
            "texinfo",
            "druckprobe.texi",
            [re.compile(r"^@bye und", re.M)],
            ["@@bye", "@@end text"],
        ),
    ],
)
def test_other_builders_escape_data(
    tmp_path_factory, buildername, path, forbidden, expected
):
    app = build(
        tmp_path_factory,
        "print",
        buildername,
        confoverrides={
            "texinfo_documents": [
                (
                    "index",
                    "druckprobe",
                    "Druckprobe",
                    "Stadt",
                    "druckprobe",
                    "",
                    "",
                    False,
                )
            ]
        },
    )
    assert warnings_of(app) == ""
    output = (app.outdir / path).read_text("utf-8")
    for pattern in forbidden:
        assert not pattern.search(output)
    for literal in expected:
        assert literal in output


def epubcheck_command() -> list[str]:
    path = require_tool("epubcheck", "epubcheck")
    with open(path, "rb") as file:
        is_jar = file.read(2) == b"PK"
    # Debian's epubcheck is a jar run through binfmt_misc, which containers
    # often lack; java runs it directly.
    return (
        [require_tool("java", "default-jre-headless"), "-jar", path]
        if is_jar
        else [path]
    )


def test_epub_passes_epubcheck_with_images_and_sections(tmp_path_factory):
    app = build(tmp_path_factory, "print", "epub")
    assert warnings_of(app) == ""
    (epub,) = app.outdir.glob("*.epub")
    check = subprocess.run(
        [*epubcheck_command(), str(epub)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No errors or warnings detected" in check.stdout
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        page = archive.read("projekt.xhtml").decode("utf-8")
    assert {"_images/hero.svg", "_images/project.svg"} <= set(names)
    headings = re.findall(r"<h([1-3])[^>]*>([^<]*)<", page)
    assert [level for level, _ in headings] == [
        "1",
        "2",
        "3",
        "3",
        "3",
        "2",
        "3",
        "3",
        "3",
    ]
    assert [title for _, title in headings][:3] == [
        "Projektbeschreibung",
        "Ziele",
        "Beteiligung",
    ]
