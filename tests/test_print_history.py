"""The version history in print: an overview of each Fassung's changes.

A handout at a release starts with the strategy; its history lists what
changed, one line a change (its headline), without file paths or pictures:
the words inserted and deleted and the pictures before and after stay on
the site.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import build_in, git, make_pdf, require_tool, warnings_of
from test_history import commit, repo  # noqa: F401 (repo: four releases)
from test_print import PDF_PACKAGES, letters, pdf_text

#: The changes of Fassung 1.2, as the site's history lists them.
CHANGES_1_2 = [
    "Überschrift der Ziele geändert: „Ziele“ → „Unsere Ziele“",
    "Text von „Beteiligung“ geändert",
    "Ziel entfernt: „Empowerment und Inklusion“",
    "Ziel umbenannt: „Aquise“ → „Akquise“",
    "Neues Ziel: „Vernetzung“",
    "Bild von „Zentral“ geändert",
]

#: The publication's order: the strategy, then its history.
INDEX = "# Strategie\n\n```{toctree}\nprojekt\nzweite\nversionen\n```\n"
HISTORY = "# Versionsgeschichte\n\n```{strategy-history}\n```\n"


@pytest.fixture(scope="module")
def handout(repo, tmp_path_factory) -> Path:  # noqa: F811 (the fixture above)
    """The LaTeX output of a release after v1.3, the strategy first; its folder."""
    copy = tmp_path_factory.mktemp("handout") / "repo"
    shutil.copytree(repo, copy)
    git(copy, "checkout", "-q", "v1.3")
    docs = copy / "docs"
    (docs / "index.md").write_text(INDEX, "utf-8")
    (docs / "versionen.md").write_text(HISTORY, "utf-8")
    commit(copy, "Handout", "v1.4", "2024-05-05T12:00:00")
    require_tool("rsvg-convert", "librsvg2-bin")
    app = build_in(
        docs,
        "latex",
        confoverrides={
            "extensions": [
                "myst_parser",
                "strategy_pages",
                "sphinxcontrib.rsvgconverter",
            ],
            "latex_engine": "xelatex",
            # as the site's conf.py: no blank pages
            "latex_elements": {"extraclassoptions": "openany,oneside"},
            "latex_documents": [
                ("index", "handout.tex", "Strategie", "Stadt", "manual", True)
            ],
        },
    )
    assert warnings_of(app) == ""
    return app.outdir


def history_of(tex: str) -> str:
    """The LaTeX of the version history chapter."""
    return tex[tex.index(r"\chapter{Versionsgeschichte}") :]


def test_the_history_in_print_is_one_line_a_change(handout):
    history = history_of((handout / "handout.tex").read_text("utf-8"))
    # each item one paragraph, its text in the innermost braces (a link)
    items = [
        re.findall(r"\{([^{}\\]+)\}", paragraph)[-1]
        for paragraph in re.findall(
            r"\\item \{\} \n\\sphinxAtStartPar\n(.*)\n", history
        )
    ]
    # per page, its changes, each its headline alone
    release = items.index("Projektbeschreibung")
    assert items[release + 1 : release + 1 + len(CHANGES_1_2)] == CHANGES_1_2
    assert "Text von „Beteiligung“ geändert:" not in history


def test_no_file_paths_words_or_pictures_in_the_printed_history(handout):
    history = history_of((handout / "handout.tex").read_text("utf-8"))
    assert "images/" not in history and ".svg" not in history
    assert "includegraphics" not in history
    assert "sphinxstrategyinserted" not in history
    assert "sphinxstrategydeleted" not in history
    # no picture of the history was even written out
    assert not [path for path in handout.rglob("*") if path.name.startswith("data")]


def test_the_handout_starts_with_the_strategy_and_stays_short(handout):
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    require_tool("pdftotext", "poppler-utils")
    make_pdf(handout)
    pdf = handout / "handout.pdf"
    text = letters(pdf_text(pdf))
    strategy = text.index(letters("Projektbeschreibung"))
    assert strategy < text.index(letters("Fassung 1.2 vom 03.03.2022"))
    for change in CHANGES_1_2:
        assert letters(change) in text
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    # cover, contents, two pages of strategy, the second page, one of history
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1]) <= 6
