"""Images as phones make them reach the site and the PDF; a notice for editors
where a photo is too large, or in a format nothing can show."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import ROOTS, build_in, make_pdf, read_html, require_tool, warnings_of


def _convert(*arguments: str) -> None:
    subprocess.run(["convert", *arguments], check=True, capture_output=True)


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory):
    """The test root with its images, made as a phone would send them."""
    require_tool("convert", "imagemagick")
    srcdir = tmp_path_factory.mktemp("photos") / "src"
    shutil.copytree(ROOTS / "test-photos", srcdir)
    images = srcdir / "images"
    images.mkdir()
    _convert(
        "-size", "400x300", "gradient:orange-purple", str(images / "titelbild.webp")
    )
    _convert("-size", "3000x2000", "gradient:red-blue", str(images / "riesig.jpg"))
    _convert("-size", "300x200", "gradient:green-white", str(images / "iphone.heic"))
    # A Photoshop file: its suffix says what it is, and nothing here shows it.
    (images / "entwurf.psd").write_bytes(b"8BPS\x00\x01" + bytes(64))
    return srcdir


@pytest.fixture(scope="module")
def html(srcdir, tmp_path_factory):
    return build_in(
        srcdir,
        "html",
        builddir=tmp_path_factory.mktemp("html"),
        confoverrides={"strategy_editor_notices": True},
    )


def _line(srcdir, text: str) -> int:
    lines = (srcdir / "projekt.md").read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_a_webp_and_a_heic_photo_reach_the_pdf(srcdir, tmp_path_factory):
    require_tool("xelatex", "texlive-xetex")
    require_tool("pdfimages", "poppler-utils")
    app = build_in(srcdir, "latex", builddir=tmp_path_factory.mktemp("latex"))
    make_pdf(app.outdir)
    listing = subprocess.run(
        ["pdfimages", "-list", str(app.outdir / "fotoprobe.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = {
        (int(fields[3]), int(fields[4]))
        for row in listing.splitlines()[2:]
        if (fields := row.split())[2] == "image"
    }
    assert (400, 300) in sizes  # the WebP hero
    assert (300, 200) in sizes  # the HEIC goal
    assert (3000, 2000) in sizes  # the JPEG, as it is
    # Reported when read, not again when written.
    assert warnings_of(app).count("entwurf.psd") == 1


def test_a_heic_photo_is_shown_on_the_site_as_png(html):
    main = read_html(html, "projekt").select_one("[role=main]")
    goal = main.select_one("section#inklusion")
    assert goal.img["src"].endswith(".png")
    assert (html.outdir / goal.img["src"]).is_file()
    # Browsers show WebP: it stays as it is.
    assert main.select_one(".strategy-hero__image img")["src"].endswith(".webp")


def test_a_large_photo_gets_one_notice(srcdir, html):
    line = _line(srcdir, "riesig.jpg")
    found = [w for w in warnings_of(html).splitlines() if "riesig.jpg" in w]
    assert len(found) == 1
    assert re.search(
        rf"projekt\.md:{line}: WARNING: Ziel 1 \(„Beteiligung“\), Bild: "
        r"das Bild „/images/riesig\.jpg“ ist groß \(\d+,\d MB, 3000 × 2000 Pixel\)",  # noqa: RUF001
        found[0],
    ), found[0]
    assert found[0].endswith("[strategy.image_size]")
    goal = read_html(html, "projekt").select_one("section#beteiligung")
    notice = goal.select_one(".strategy-editor-notice")
    assert f"(Zeile {line} der Datei)" in notice.get_text()
    assert "2500 Pixel" in notice.get_text()
    assert goal.img is not None  # still shown
    # Small photos in the phones' formats get none.
    assert "titelbild" not in warnings_of(html)
    assert "iphone" not in warnings_of(html)


def test_a_format_nothing_shows_gets_one_notice_and_no_image(srcdir, html):
    line = _line(srcdir, "entwurf.psd")
    found = [w for w in warnings_of(html).splitlines() if "entwurf.psd" in w]
    assert len(found) == 1
    assert f"projekt.md:{line}: WARNING: Ziel 2 („Vernetzung“), Bild:" in found[0]
    assert "JPEG" in found[0]
    assert found[0].endswith("[strategy.image_format]")
    goal = read_html(html, "projekt").select_one("section#vernetzung")
    assert goal.img is None
    assert "entwurf.psd" in goal.select_one(".strategy-editor-notice").get_text()


def test_without_imagemagick_the_pdf_leaves_the_photo_out_with_a_notice(
    srcdir, tmp_path_factory, monkeypatch
):
    from strategy_pages.photos import PhotoConverter

    # As if ImageMagick were missing (the class keeps what it found out).
    monkeypatch.setattr(PhotoConverter, "available", False)
    app = build_in(srcdir, "latex", builddir=tmp_path_factory.mktemp("without"))
    line = _line(srcdir, "titelbild.webp")
    found = [w for w in warnings_of(app).splitlines() if "titelbild.webp" in w]
    assert len(found) == 1
    assert f"projekt.md:{line}: WARNING: Hero, Bild:" in found[0], found[0]
    assert "im PDF fehlt es" in found[0]
    assert found[0].endswith("[strategy.image_format]")
    tex = (app.outdir / "fotoprobe.tex").read_text("utf-8")
    assert "titelbild" not in tex
    assert "iphone" not in tex
