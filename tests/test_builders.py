"""Every builder Sphinx ships renders the page, with no title or text lost."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import build, require_tool, warnings_of

#: One title and the start of each text of the seed page, in page order.
SEED_TEXT = [
    "Projektbeschreibung",
    "Im Rahmen einer neuen strategischen Zielausrichtung",
    "Ziele",
    "Beteiligung",
    "die Bereitstellung von zukunftsorientierten",
    "Empowerment und Inklusion",
    "das Bürgerschaftliche Engagement im Sinne",
    "Aquise",
    "die Engagementgewinnung und",
    "Format",
    "Die Neukonzeption zur Förderung",
    "Zentral",
    "in zentraler Lage in Stuttgart",
    "Dezentral",
    "Beim dezentralen Ansatz sollen",
    "Digital",
    "Das digitale Format bündelt",
]


def _html_text(path):
    return BeautifulSoup(path.read_text("utf-8"), "html.parser").get_text(" ")


def _latex_text(path):
    text = path.read_text("utf-8").replace(r"\sphinxhyphen{}", "-")
    return text


def _man_text(path):
    text = path.read_text("utf-8")
    return re.sub(r"\\(-|\(.{2}|.)", lambda m: "-" if m.group(1) == "-" else "", text)


def _plain(path):
    return path.read_text("utf-8")


#: builder -> (output file below outdir, reader)
OUTPUTS = {
    "html": ("projekt.html", _html_text),
    "dirhtml": ("projekt/index.html", _html_text),
    "singlehtml": ("index.html", _html_text),
    "epub": ("projekt.xhtml", _html_text),
    "latex": ("strategie.tex", _latex_text),
    "text": ("projekt.txt", _plain),
    "man": ("strategie.1", _man_text),
    "texinfo": ("strategie.texi", _plain),
    "gettext": ("projekt.pot", _plain),
}


@pytest.mark.parametrize("buildername", sorted(OUTPUTS))
def test_builder_renders_every_title_and_text_in_order(tmp_path_factory, buildername):
    if buildername == "latex":
        require_tool("rsvg-convert", "librsvg2-bin")
    app = build(
        tmp_path_factory,
        "seed",
        buildername,
        confoverrides={
            "extensions": [
                "myst_parser",
                "strategy_pages",
                "sphinxcontrib.rsvgconverter",
            ],
        },
    )
    assert warnings_of(app) == ""
    name, read = OUTPUTS[buildername]
    text = " ".join(read(app.outdir / name).split())
    positions = []
    for part in SEED_TEXT:
        position = text.lower().find(part.lower(), positions[-1] if positions else 0)
        assert position >= 0, f"{part!r} missing in {buildername} output"
        positions.append(position)


def test_stylesheet_for_html_and_package_for_latex_only(tmp_path_factory):
    html = build(tmp_path_factory, "directives")
    assert (html.outdir / "_static" / "strategy-pages.css").is_file()
    assert "_static/strategy-pages.css" in (html.outdir / "index.html").read_text(
        "utf-8"
    )
    latex = build(tmp_path_factory, "directives", "latex")
    assert (latex.outdir / "strategypages.sty").is_file()
    assert r"\usepackage{strategypages}" in next(latex.outdir.glob("*.tex")).read_text(
        "utf-8"
    )
    assert not (latex.outdir / "_static").exists()
