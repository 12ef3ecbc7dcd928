"""The Synopse: old and new wording side by side, as HTML and as PDF.

A repository holds the seed page released as v1.0 (dated 05.09.2019).  A
commit after it renames a goal and changes a sentence; the work tree then
removes a format, adds a goal (and one whose title and text are hostile to
HTML and LaTeX), and adds a second page.  The Synopse of v1.0 is read back:
its HTML parsed, its LaTeX source, and its PDF through poppler.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOTS, git, require_tool
from docutils import nodes
from strategy_pages.core.wording import Detail, ItemWording
from strategy_pages.synopse import cli
from strategy_pages.synopse.marks import (
    mark_differences,
    paired_blocks,
    synopse_deleted,
    synopse_inserted,
)
from strategy_pages.synopse.model import Row, Status, Wording, item_rows, synopsis
from test_print import PDF_PACKAGES

SEED = (ROOTS / "test-seed" / "projekt.md").read_text("utf-8")
REPO = Path(__file__).parents[1]
TODAY = date.today().strftime("%d.%m.%Y")
OLD = "Fassung 1.0 vom 05.09.2019"
NEW = f"Entwurf nach Fassung 1.0, Stand {TODAY}"
#: Between a title and what happened to it, and in the title.
DASH = "\u2013"
TITLE = f"Synopse: {OLD} {DASH} {NEW}"
HOSTILE_TITLE = r"50 % & \input{/etc/passwd} $x$ _#^~ {}"
HOSTILE_TEXT = "<script>alert(1)</script> **fett** und `\\end{document}`"
CONF = (
    'extensions = ["myst_parser", "strategy_pages"]\n'
    'language = "de"\n'
    'project = "Strategie"\n'
    'html_last_updated_fmt = "%d.%m.%Y"\n'
    'if tags.has("publikation"):\n'  # conf.py may use Sphinx's tags
    "    exclude_patterns = []\n"
)


def page(data: dict) -> str:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n<ProjectPage />\n"


def commit(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(
        repo,
        "commit",
        "-q",
        "-m",
        message,
        env={"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when},
    )


def released_seed(repo: Path) -> Path:
    """The seed page in ``repo``, released as v1.0; the source folder."""
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-seed", docs)
    (docs / "conf.py").write_text(CONF, "utf-8")
    git(repo, "init", "-q")
    commit(repo, "Erste Fassung", "2019-09-05T12:00:00")
    git(repo, "tag", "v1.0")
    return docs


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("synopse") / "repo"
    docs = released_seed(repo)

    data = yaml.safe_load(SEED.split("---\n")[1])
    goals = data["goals"]
    goals[0]["description"] = goals[0]["description"].replace(
        "von zukunftsorientierten", "von neuen, zukunftsorientierten"
    )
    goals[2]["title"] = "Akquise"  # renamed from Aquise, same text
    (docs / "projekt.md").write_text(page(data), "utf-8")
    commit(repo, "Ziele überarbeitet", "2020-01-01T12:00:00")

    # uncommitted: the Synopse compares the work tree
    data["hero"]["description"] = (
        data["hero"]["description"].replace("seit drei Jahren", "seit fünf Jahren")
        + "\n\nEin zweiter Absatz, ganz neu."
    )
    del data["structures"][1]  # Dezentral
    goals.append(
        {
            "title": "Vernetzung",
            "description": "Akteure *vernetzen*, siehe "
            "[Netzwerk](https://example.org/netz?a=1&b=2).",
        }
    )
    goals.append({"title": HOSTILE_TITLE, "description": HOSTILE_TEXT})
    (docs / "projekt.md").write_text(page(data), "utf-8")
    (docs / "zweite.md").write_text(page({"hero": {"title": "Zweite Seite"}}), "utf-8")
    return repo


@pytest.fixture(scope="module")
def html(repo, tmp_path_factory) -> BeautifulSoup:
    outdir = tmp_path_factory.mktemp("synopse-html")
    assert cli.main([*arguments(repo, outdir), "--format", "html"]) == 0
    assert sorted(path.name for path in outdir.iterdir()) == ["synopse.html"]
    return BeautifulSoup((outdir / "synopse.html").read_text("utf-8"), "html.parser")


def arguments(repo: Path, outdir: Path) -> list[str]:
    return ["v1.0", "--srcdir", str(repo / "docs"), "--outdir", str(outdir)]


def visible(node) -> str:
    """The text a sighted reader sees: without the words for screen readers."""
    copy = BeautifulSoup(str(node), "html.parser")
    for hidden in copy.select(".synopse-sr, .synopse-side-name, .synopse-number-name"):
        hidden.decompose()
    for block in copy.find_all(["p", "li", "pre", "summary"]):
        block.append(" ")  # blocks apart, inline elements as they run
    return " ".join(copy.get_text().split())


def page_section(html: BeautifulSoup, title: str):
    return next(h2 for h2 in html.find_all("h2") if h2.get_text() == title).parent


def table(html: BeautifulSoup, page: str, part: str):
    section = page_section(html, page)
    heading = next(h for h in section.find_all("h3") if h.get_text() == part)
    return heading.find_next("table")


def rows(table) -> list[tuple[str, ...]]:
    """(status, text of each side) for each row group of a table."""
    found = []
    for group in table.select("tbody.synopse-row"):
        status = next(c for c in group["class"] if c != "synopse-row")
        if group.find("details") or group.find("td", colspan=True):
            summary = group.find("summary") or group.find("td", colspan=True)
            found.append((status, visible(summary)))
            continue
        sides = [
            " ".join(visible(cell) for cell in group.select(f"td.synopse-{side}"))
            for side in ("old", "new")
        ]
        found.append((status, *(" ".join(side.split()) for side in sides)))
    return found


def cells(group, side: str) -> list:
    return group.select(f"td.synopse-{side}")


def test_title_block_names_both_versions_with_dates(html):
    assert html.find("html")["lang"] == "de"
    assert html.title.get_text() == TITLE
    assert html.find("h1").get_text() == TITLE
    sides = [visible(p) for p in html.select("p.synopse-side")]
    assert sides == [
        f"Links: {OLD} (aus Git: v1.0)",
        f"Rechts: {NEW} (aktueller Arbeitsstand)",
    ]
    legend = html.select_one("p.synopse-legend")
    assert visible(legend.find("del")) == "durchgestrichen"
    assert visible(legend.find("ins")) == "fett und unterstrichen"


def test_every_table_heads_its_columns_with_the_versions(html):
    tables = html.select("table.synopse-table")
    assert len(tables) == 4  # top of the page, goals, formats; the new page
    for found in tables:
        heads = found.select("thead th")
        assert [th.get_text() for th in heads] == ["Zeile", OLD, NEW]
        assert all(th["scope"] == "col" for th in heads)


def test_goals_are_aligned_item_by_item(html):
    goals = rows(table(html, "Projektbeschreibung", "Ziele"))
    beteiligung = (
        "Beteiligung die Bereitstellung von {}zukunftsorientierten "
        "Ermöglichungs- und Beteiligungsstrukturen."
    )
    engagement = (
        "die Engagementgewinnung und -weiterentwicklung sowie den Erhalt "
        "bestehender Engagementangebote zu fördern"
    )
    assert goals == [
        ("synopse-unchanged", f"Überschrift: Ziele {DASH} unverändert"),
        ("synopse-changed", beteiligung.format(""), beteiligung.format("neuen, ")),
        ("synopse-unchanged", f"Empowerment und Inklusion {DASH} unverändert"),
        (
            "synopse-renamed",
            f"Aquise {engagement}",
            f"Akquise {DASH} umbenannt {engagement}",
        ),
        (
            "synopse-added",
            "",
            f"Vernetzung {DASH} neu Akteure vernetzen, siehe Netzwerk.",
        ),
        (
            "synopse-added",
            "",
            f"{HOSTILE_TITLE} {DASH} neu <script>alert(1)</script> fett und "
            r"\end{document}",
        ),
    ]


def test_formats_show_a_removed_format_with_an_empty_right_cell(html):
    formats = rows(table(html, "Projektbeschreibung", "Formate"))
    assert [row[0] for row in formats] == [
        "synopse-unchanged",  # heading
        "synopse-unchanged",  # introduction
        "synopse-unchanged",  # Zentral
        "synopse-removed",  # Dezentral
        "synopse-unchanged",  # Digital
    ]
    removed = formats[3]
    assert removed[1].startswith(f"Dezentral {DASH} entfällt Beim dezentralen Ansatz")
    assert removed[2] == ""


def test_paragraphs_stand_beside_their_own(html):
    hero = table(html, "Projektbeschreibung", "Seitenkopf")
    description = hero.select("tbody.synopse-changed")[0]
    first, second = description.find_all("tr")  # a row a pair of paragraphs
    old, new = first.select("td.synopse-old, td.synopse-new")
    assert visible(old.find("del")) == "drei"
    assert visible(new.find("ins")) == "fünf"
    old, new = second.find_all("td")  # the row's number spans both pairs
    assert visible(old) == ""  # the paragraph is new: nothing beside it
    assert old["class"] == ["synopse-old", "synopse-blank"]  # yet the item is there
    assert [visible(ins) for ins in new.find_all("ins")] == [
        "Ein zweiter Absatz, ganz neu."
    ]


def test_changed_words_are_marked_with_words_for_screen_readers(html):
    goals = table(html, "Projektbeschreibung", "Ziele")
    changed = goals.select_one("tbody.synopse-changed")
    renamed = goals.select_one("tbody.synopse-renamed")
    (left,), (right,) = cells(changed, "old"), cells(changed, "new")
    assert left.find("ins") is None and left.find("del") is None
    assert [visible(ins) for ins in right.find_all("ins")] == ["neuen,"]
    (left,), (right,) = cells(renamed, "old"), cells(renamed, "new")
    assert [visible(d) for d in left.find_all("del")] == ["Aquise"]
    assert [visible(i) for i in right.find_all("ins")] == ["Akquise"]
    # not by colour alone: screen readers hear where each change starts, ends
    for mark, what in (
        (left.find("del"), "Streichung"),
        (right.find("ins"), "Einfügung"),
    ):
        spoken = [s.get_text() for s in mark.select(".synopse-sr")]
        assert spoken == [f"[Beginn der {what}] ", f" [Ende der {what}]"]


def test_added_and_removed_items_have_an_empty_cell_that_says_so(html):
    goals = table(html, "Projektbeschreibung", "Ziele")
    added = goals.select_one("tbody.synopse-added")
    (missing,) = cells(added, "old")
    assert "synopse-missing" in missing["class"]
    assert visible(missing) == ""
    assert missing.get_text(strip=True).endswith("in dieser Fassung nicht enthalten")
    # a new item is inserted as a whole, word by word
    (new,) = cells(added, "new")
    assert "vernetzen" in [visible(ins) for ins in new.find_all("ins")]


def test_unchanged_items_are_collapsed_to_their_title(html):
    goals = table(html, "Projektbeschreibung", "Ziele")
    unchanged = goals.select("tbody.synopse-unchanged")
    details = unchanged[1].find("details")
    assert details is not None and not details.has_attr("open")
    assert visible(details.summary) == f"Empowerment und Inklusion {DASH} unverändert"
    assert "Empowerment-Ansatzes" in visible(details)  # there for who opens it
    # a short field shows its value in the summary, with nothing to open
    assert unchanged[0].find("details") is None


def test_data_is_text_in_html_never_markup(html):
    assert html.find_all("script") == []
    assert "<script>alert(1)</script>" in html.get_text()
    links = [a["href"] for a in html.select("main a")]
    assert links == ["https://example.org/netz?a=1&b=2"]


def test_a_new_page_is_said_to_be_new(html):
    section = page_section(html, "Zweite Seite")
    about = visible(section.select_one(".synopse-page-about"))
    assert about == "Diese Seite ist neu."


def test_a_base_that_is_no_release_is_named_by_its_revision(repo, tmp_path):
    cli.main(["v1.0~0^{commit}", *arguments(repo, tmp_path)[1:], "--format", "html"])
    heads = BeautifulSoup((tmp_path / "synopse.html").read_text("utf-8"), "html.parser")
    assert (
        heads.select_one("thead th.synopse-old").get_text() == OLD
    )  # the release itself
    cli.main(["HEAD", *arguments(repo, tmp_path)[1:], "--format", "html"])
    heads = BeautifulSoup((tmp_path / "synopse.html").read_text("utf-8"), "html.parser")
    assert heads.select_one("thead th.synopse-old").get_text() == (
        "Entwurf nach Fassung 1.0, Stand 01.01.2020 (HEAD)"
    )


def test_only_the_pages_asked_for(repo, tmp_path):
    cli.main([*arguments(repo, tmp_path), "--format", "html", "--page", "projekt.md"])
    text = (tmp_path / "synopse.html").read_text("utf-8")
    assert "Projektbeschreibung" in text
    assert "Zweite Seite" not in text


def test_a_page_linked_from_outside_the_repository_is_left_out(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    outside = tmp_path / "outside.md"
    outside.write_text(page({"hero": {"title": "Geheim"}}), "utf-8")
    (clone / "docs" / "fremd.md").symlink_to(outside)
    out = tmp_path / "out"
    cli.main([*arguments(clone, out), "--format", "html"])
    assert "Geheim" not in (out / "synopse.html").read_text("utf-8")


# The LaTeX source and the PDF


@pytest.fixture(scope="module")
def latex(repo, tmp_path_factory) -> str:
    outdir = tmp_path_factory.mktemp("synopse-latex")
    assert cli.main([*arguments(repo, outdir), "--format", "latex"]) == 0
    return (outdir / "latex" / "synopse.tex").read_text("utf-8")


def test_latex_marks_each_word_and_escapes_the_data(latex):
    assert r"\synopseinserted{\synopseword{neuen}\synopseword{,}}" in latex
    assert r"\synopsedeleted{\synopseword{Aquise}}" in latex
    assert r"\input{/etc/passwd}" not in latex
    # each token of the inserted title in a box, escaped
    assert (
        r"\synopseword{50}\synopsegap{}\synopseword{\%}\synopsegap{}\synopseword{\&}"
        r"\synopsegap{}\synopseword{\textbackslash{}}\synopseword{input}"
        r"\synopseword{\{}\synopseword{/}\synopseword{etc}"
    ) in latex
    assert r"\end{document}" in latex  # once: the document's own end
    assert latex.count(r"\end{document}") == 1
    assert r"\begin{synopsetable}" in latex


@pytest.fixture(scope="module")
def pdf(repo, tmp_path_factory) -> Path:
    """The Synopse as `make synopse` writes it."""
    make = require_tool("make", "make")
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    for tool in ("pdftotext", "pdfinfo"):
        require_tool(tool, "poppler-utils")
    build = tmp_path_factory.mktemp("synopse-make")
    result = subprocess.run(
        [
            make,
            "--no-print-directory",
            "-C",
            str(REPO),
            "synopse",
            "BASE=v1.0",
            f"SOURCEDIR={repo / 'docs'}",
            f"CONFDIR={repo / 'docs'}",
            f"BUILDDIR={build}",
            # the environment running the tests, as it is: no (re)install
            f"VENV={sys.prefix}",
            "VENV_STAMP=",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert sorted(p.name for p in (build / "synopse").iterdir()) == [
        "synopse.html",
        "synopse.pdf",
    ]
    return build / "synopse" / "synopse.pdf"


def pdf_text(pdf: Path, *pages: int) -> str:
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    output = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *first_last, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(output.split())


def pdf_pages(pdf: Path) -> tuple[int, float, float]:
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    width, height = map(
        float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups()
    )
    return count, width, height


def test_pdf_is_a4_landscape(pdf):
    count, width, height = pdf_pages(pdf)
    assert count >= 2
    assert (round(width), round(height)) == (842, 595)


def test_pdf_has_both_columns_words(pdf):
    text = pdf_text(pdf)
    assert text.startswith(TITLE)
    for words in (
        "Aquise",  # left only
        f"Akquise {DASH} umbenannt",  # right only
        f"Dezentral {DASH} entfällt",
        f"Vernetzung {DASH} neu",
        "Beteiligung",
        f"Empowerment und Inklusion {DASH} unverändert",
        HOSTILE_TITLE,
        "<script>alert(1)</script>",
        r"\end{document}",
    ):
        assert words in text, words


def test_every_pdf_page_names_the_comparison_and_its_number(pdf):
    count, _, _ = pdf_pages(pdf)
    for number in range(1, count + 1):
        text = pdf_text(pdf, number)
        assert TITLE in text
        assert f"Seite {number} von {count}" in text


# Bad input: a clear message, never a traceback


def test_an_unknown_revision_is_named(repo, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["v9.9", "--srcdir", str(repo / "docs"), "--outdir", str(tmp_path)])
    assert exit_info.value.code == 1
    error = capsys.readouterr().err
    assert "Unbekannte Git-Referenz „v9.9“" in error
    assert "Traceback" not in error


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("base=-x", "Die Git-Referenz „-x“ beginnt mit „-“"),
        ("srcdir=missing", "source folder"),
        ("srcdir=nogit", "is not in a git repository"),
        ("page=../../etc/passwd", "--page '../../etc/passwd' leads outside"),
        ("conf=broken", "conf.py cannot be read: RuntimeError: kaputt"),
        ("page=index.md", "--page 'docs/index.md' is no strategy page at v1.0"),
        ("srcdir=images", "no strategy pages in docs/images, neither at v1.0"),
        ("outdir=file", "cannot write into"),
    ],
)
def test_bad_input_fails_with_a_message(repo, tmp_path, change, message):
    base, srcdir, confdir, pages = "v1.0", repo / "docs", None, []
    outdir = tmp_path / "out"
    if change == "base=-x":
        base = "-x"
    elif change == "srcdir=missing":
        srcdir = tmp_path / "missing"
    elif change == "srcdir=nogit":
        srcdir = tmp_path
    elif change == "srcdir=images":
        srcdir = repo / "docs" / "images"
    elif change == "outdir=file":
        outdir.write_text("kein Ordner", "utf-8")
    elif change.startswith("page="):
        pages = [change.removeprefix("page=")]
    else:
        confdir = tmp_path
        (tmp_path / "conf.py").write_text('raise RuntimeError("kaputt")\n', "utf-8")
    with pytest.raises(cli.Failure, match=re.escape(message)):
        cli.write_synopse(base, srcdir, confdir, outdir, pages, "html")


def test_without_xelatex_the_message_names_the_packages(repo, tmp_path, monkeypatch):
    monkeypatch.setattr(cli.shutil, "which", lambda tool: None)
    with pytest.raises(cli.Failure, match="install the Debian packages latexmk"):
        cli.write_synopse("v1.0", repo / "docs", None, tmp_path, [], "all")


# The parts, one by one


def item(title: str, text: str) -> ItemWording:
    return ItemWording(title, text)


def test_items_read_in_the_old_order_left_and_the_new_order_right():
    a, b, c, d = (
        item("A", "eins zwei drei vier"),
        item("B", "fünf sechs sieben acht"),
        item("C", "neun zehn elf zwölf"),
        item("D", "ganz neu hier"),
    )
    c_renamed = item("C2", c.text)
    rows = item_rows([a, b, c], [c_renamed, a, d])
    found = [
        (
            row.old.title if row.old else None,
            row.new.title if row.new else None,
            row.status.value,
            row.moved,
        )
        for row in rows
    ]
    # C, renamed C2, moved to the top: where it is now, and where it was;
    # the removed B stands after A, as it did; the new D where it is now
    assert found == [
        (None, "C2", "moved", (3, 1)),
        ("A", "A", "unchanged", None),
        ("B", None, "removed", None),
        ("C", None, "moved-away", (3, 1)),
        (None, "D", "added", None),
    ]
    assert rows[0].base == Wording("C", c.text)


def test_row_status():
    same = Wording("A", "Text")
    assert Row("", same, Wording("A", " Text ")).status is Status.UNCHANGED
    assert Row("", same, Wording("A", "Neu")).status is Status.CHANGED
    assert Row("", same, Wording("B", "Text")).status is Status.RENAMED
    assert Row("", None, same).status is Status.ADDED
    assert Row("", same, None).status is Status.REMOVED
    dated = Wording("A", "Text", (Detail("Date", "2019"),))
    assert Row("", dated, Wording("A", "Text", (Detail("Date", "2020"),))).status is (
        Status.CHANGED
    )


def paragraph(*children) -> nodes.paragraph:
    return nodes.paragraph("", "", *children)


def test_marks_punctuation_apart_and_formatting_as_a_change():
    old = [paragraph(nodes.Text("ein Ziel offen"))]
    new = [paragraph(nodes.Text("ein Ziel, "), nodes.emphasis("", "offen"))]
    assert mark_differences(old, new)
    assert [n.astext() for n in new[0].findall(synopse_inserted)] == [",", "offen"]
    assert [n.astext() for n in old[0].findall(synopse_deleted)] == ["offen"]
    assert new[0].astext() == "ein Ziel, offen"  # no word lost or added


def test_alike_paragraphs_pair_up_and_new_ones_stand_alone():
    def blocks(*texts: str) -> list[nodes.Node]:
        return [paragraph(nodes.Text(text)) for text in texts]

    old = blocks("Erster Absatz.", "Zweiter Absatz mit Text.", "Letzter Absatz.")
    new = blocks(
        "Erster Absatz.",
        "Zweiter Absatz mit mehr Text.",
        "Ganz anders.",
        "Letzter Absatz.",
    )
    pairs = paired_blocks(old, new)
    shown = [([b.astext() for b in o], [b.astext() for b in n]) for o, n in pairs]
    assert shown == [
        (["Erster Absatz."], ["Erster Absatz."]),
        (["Zweiter Absatz mit Text."], ["Zweiter Absatz mit mehr Text."]),
        ([], ["Ganz anders."]),
        (["Letzter Absatz."], ["Letzter Absatz."]),
    ]


def test_marks_in_a_code_block_keep_it_unhighlighted():
    old = [nodes.literal_block("a b", "a b")]
    new = [nodes.literal_block("a c", "a c")]
    assert mark_differences(old, new)
    assert new[0].rawsource != new[0].astext()  # written node by node
    assert not mark_differences(
        [paragraph(nodes.Text("gleich  bleibt"))],
        [paragraph(nodes.Text("gleich bleibt"))],
    )


# The HTML in a browser


@pytest.fixture(scope="module")
def browser_page(html_file):
    executable = require_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
        )

        def open_at(width: int):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(html_file.as_uri())
            return page

        yield open_at
        browser.close()


@pytest.fixture(scope="module")
def html_file(repo, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("synopse-browser")
    cli.main([*arguments(repo, outdir), "--format", "html"])
    return outdir / "synopse.html"


def cells_of_renamed_goal(page):
    row = page.locator("tbody.synopse-renamed tr").first
    return [row.locator(f"td.synopse-{side}").bounding_box() for side in ("old", "new")]


@pytest.mark.browser
def test_desktop_shows_both_versions_side_by_side(browser_page):
    page = browser_page(1280)
    left, right = cells_of_renamed_goal(page)
    assert left["y"] == right["y"]
    assert left["x"] + left["width"] <= right["x"] + 1
    assert abs(left["width"] - right["width"]) < 2


@pytest.mark.browser
def test_phone_stacks_the_versions_without_scrolling_sideways(browser_page):
    page = browser_page(375)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    left, right = cells_of_renamed_goal(page)
    assert left["y"] + left["height"] <= right["y"]
    names = page.locator("tbody.synopse-renamed .synopse-side-name")
    assert names.all_inner_texts() == ["BISHER", "NEU"]  # shown upper case


def test_a_moved_goal_leaves_the_left_column_in_the_releases_order(tmp_path):
    """A proposal moves the third goal to the top and edits its text: the
    left column still reads as released, the right one as proposed, and both
    rows of the moved goal say where the other one is."""
    repo = tmp_path / "repo"
    docs = released_seed(repo)
    data = yaml.safe_load(SEED.split("---\n")[1])
    released = [goal["title"] for goal in data["goals"]]
    moved = data["goals"].pop(2)
    moved["description"] = moved["description"].replace("fördern", "stärken")
    data["goals"].insert(0, moved)
    (docs / "projekt.md").write_text(page(data), "utf-8")
    outdir = tmp_path / "out"

    assert cli.main([*arguments(repo, outdir), "--format", "html"]) == 0

    html = BeautifulSoup((outdir / "synopse.html").read_text("utf-8"), "html.parser")
    goals = table(html, "Projektbeschreibung", "Ziele")
    groups = goals.select("tbody.synopse-row")[1:]  # after the heading's row

    def titles(side: str) -> list[str]:
        """The goals' titles a column shows; an unchanged goal's in both."""
        found = []
        for group in groups:
            title = group.select_one(f"summary strong, td.synopse-{side} strong")
            if title is not None:
                found.append(title.get_text())
        return found

    assert titles("old") == released
    assert titles("new") == [moved["title"], *released[:2]]
    status = [next(c for c in group["class"] if c != "synopse-row") for group in groups]
    assert status == [
        "synopse-moved",
        "synopse-unchanged",
        "synopse-unchanged",
        "synopse-moved-away",
    ]
    assert "verschoben (bisher Nr. 3)" in visible(
        groups[0].select_one("td.synopse-new")
    )
    assert "verschoben, jetzt Nr. 1" in visible(groups[3].select_one("td.synopse-old"))
    # the edit of the moved goal is marked where it is now
    assert [visible(ins) for ins in groups[0].select("ins")] == ["stärken"]
    assert [visible(d) for d in groups[0].select("del")] == []


# A proposal against several releases, on every page type


PROGRESS = (ROOTS / "test-progress" / "ergebnisse.md").read_text("utf-8")
CONTRIBUTE = (ROOTS / "test-contribute" / "mitmachen.md").read_text("utf-8")
LANDING = (ROOTS / "test-landing" / "startseite.md").read_text("utf-8")
#: The publication's fonts, as the site's conf.py sets them for its PDF.
FONTS = r"""
\setmainfont{FreeSans}[Extension=.otf, UprightFont=*, BoldFont=*Bold,
  ItalicFont=*Oblique, BoldItalicFont=*BoldOblique]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, BoldFont=*Bold,
  ItalicFont=*Oblique, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Extension=.otf, UprightFont=*, BoldFont=*Bold,
  ItalicFont=*Oblique, BoldItalicFont=*BoldOblique, Scale=MatchLowercase]
"""
AUTHOR = "Stadt Beispiel & Co."
RELEASED = "Fassung 2.0 vom 01.05.2021"
PROPOSED = f"Entwurf nach Fassung 2.0, Stand {TODAY}"
REWRITTEN = (
    "Völlig neu gefasst: Jede Bürgerin und jeder Bürger findet einen Ort, "
    "an dem sie mitreden kann."
)
#: A goal the proposal leaves alone: enough of them to fill pages.
EXTRA_GOALS = [
    {
        "title": f"Weiteres Ziel {number}",
        "description": f"Ein erfundenes Ziel mit der Nummer {number}, dessen Text "
        "lang genug ist, um eine Zeile zu füllen und noch eine zweite dazu, "
        "damit die Tabelle über mehrere Seiten reicht und die Köpfe sich "
        "wiederholen müssen.",
    }
    for number in range(1, 15)
]


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def write(docs: Path, name: str, data: dict, tag: str) -> None:
    front_matter = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (docs / name).write_text(f"---\n{front_matter}---\n<{tag} />\n", "utf-8")


@pytest.fixture(scope="module")
def proposal(tmp_path_factory) -> Path:
    """Three releases, then a proposal (the work tree) against the last one:
    it moves the third goal to the top, rewrites the first goal's text,
    removes a format and adds one, renames a step of the timeline and changes
    another's date, gives a working group a new short name and changes the
    landing page's sponsor link, call to action and a highlight."""
    repo = tmp_path_factory.mktemp("synopse-proposal") / "repo"
    docs = released_seed(repo)
    project = front(SEED)
    project["goals"] += EXTRA_GOALS
    write(docs, "projekt.md", project, "ProjectPage")
    write(docs, "ergebnisse.md", front(PROGRESS), "ProgressPage")
    write(docs, "mitmachen.md", front(CONTRIBUTE), "ContributePage")
    commit(repo, "Ergebnisse und Mitmachen", "2020-03-01T12:00:00")
    git(repo, "tag", "v1.1")
    write(docs, "startseite.md", front(LANDING), "LandingPage")
    (docs / "conf.py").write_text(
        f"{CONF}author = {AUTHOR!r}\nlatex_elements = {{'fontpkg': {FONTS!r}}}\n",
        "utf-8",
    )
    commit(repo, "Startseite", "2021-05-01T12:00:00")
    git(repo, "tag", "v2.0")

    goals = project["goals"]
    goals[0]["description"] = REWRITTEN
    goals.insert(0, goals.pop(2))  # Aquise to the top
    del project["structures"][1]  # Dezentral
    project["structures"].append(
        {"title": "Hybrid", "description": "Ein neues Format, halb vor Ort."}
    )
    write(docs, "projekt.md", project, "ProjectPage")
    progress = front(PROGRESS)
    progress["timeline"][2]["title"] = "Erste Werkstatt der Probe"
    progress["timeline"][4]["date"] = "Herbst 2019"
    write(docs, "ergebnisse.md", progress, "ProgressPage")
    contribute = front(CONTRIBUTE)
    contribute["workingGroups"][0]["name"] = "ag-probe"
    write(docs, "mitmachen.md", contribute, "ContributePage")
    landing = front(LANDING)
    landing["sponsors"][1]["link"] = "https://example.com/musterbank"
    landing["callToAction"]["title"] = "Mach mit"
    landing["highlights"][1]["subtitle"] = "Ein erfundener Schwerpunkt"
    write(docs, "startseite.md", landing, "LandingPage")
    return repo


def proposal_arguments(repo: Path, outdir: Path) -> list[str]:
    return ["v2.0", "--srcdir", str(repo / "docs"), "--outdir", str(outdir)]


@pytest.fixture(scope="module")
def proposal_html(proposal, tmp_path_factory) -> BeautifulSoup:
    outdir = tmp_path_factory.mktemp("synopse-proposal-html")
    assert cli.main([*proposal_arguments(proposal, outdir), "--format", "html"]) == 0
    return BeautifulSoup((outdir / "synopse.html").read_text("utf-8"), "html.parser")


def part_headings(html: BeautifulSoup, page: str) -> list[str]:
    return [h3.get_text() for h3 in page_section(html, page).find_all("h3")]


def test_every_page_type_and_component_is_compared(proposal_html):
    assert part_headings(proposal_html, "Projektbeschreibung") == [
        "Seitenkopf",
        "Ziele",
        "Formate",
    ]
    assert part_headings(proposal_html, "Ergebnisse") == ["Seitenkopf", "Zeitleiste"]
    assert part_headings(proposal_html, "Mitmachen") == [
        "Seitenkopf",
        "Arbeitsgruppen",
    ]
    assert part_headings(proposal_html, "Gemeinsam in Beispielstadt") == [
        "Seitenkopf",
        "Schwerpunkte",
        "Förderer",
        "Aufruf zum Mitmachen",
    ]


def changed_rows(html: BeautifulSoup, page: str, part: str) -> list[tuple[str, ...]]:
    return [
        row for row in rows(table(html, page, part)) if row[0] != "synopse-unchanged"
    ]


def test_a_renamed_step_and_a_new_date_are_changes(proposal_html):
    steps = table(proposal_html, "Ergebnisse", "Zeitleiste")
    assert changed_rows(proposal_html, "Ergebnisse", "Zeitleiste") == [
        (
            "synopse-renamed",
            "Erste Probewerkstatt Datum: März 2018 Die erste Probewerkstatt tagt.",
            f"Erste Werkstatt der Probe {DASH} umbenannt Datum: März 2018 "
            "Die erste Probewerkstatt tagt.",
        ),
        (
            "synopse-changed",
            "Sommerpause Datum: Sommer 2019 Eine Sommerpause, die es nie gab.",
            "Sommerpause Datum: Herbst 2019 Eine Sommerpause, die es nie gab.",
        ),
    ]
    changed = steps.select_one("tbody.synopse-changed")
    assert [visible(d) for d in changed.select("del")] == ["Sommer"]
    assert [visible(i) for i in changed.select("ins")] == ["Herbst"]
    renamed = steps.select_one("tbody.synopse-renamed")
    assert [visible(i) for i in renamed.select("ins")] == ["Werkstatt der Probe"]


def test_the_other_components_show_their_changes(proposal_html):
    groups = changed_rows(proposal_html, "Mitmachen", "Arbeitsgruppen")
    assert [row[0] for row in groups] == ["synopse-changed"]
    assert "Kurzname: ag-angebote" in groups[0][1]
    assert "Kurzname: ag-probe" in groups[0][2]
    sponsors = changed_rows(proposal_html, "Gemeinsam in Beispielstadt", "Förderer")
    assert sponsors == [
        (
            "synopse-changed",
            "Musterbank Link: https://example.com/",
            "Musterbank Link: https://example.com/musterbank",
        )
    ]
    call = changed_rows(
        proposal_html, "Gemeinsam in Beispielstadt", "Aufruf zum Mitmachen"
    )
    assert call == [("synopse-changed", "Titel Sei dabei", "Titel Mach mit")]
    highlights = changed_rows(
        proposal_html, "Gemeinsam in Beispielstadt", "Schwerpunkte"
    )
    assert [row[0] for row in highlights] == ["synopse-changed"]
    assert "Untertitel: Ein zweiter, erfundener Schwerpunkt" in highlights[0][1]


def test_each_change_is_marked_in_the_releases_order(proposal_html):
    goals = rows(table(proposal_html, "Projektbeschreibung", "Ziele"))
    assert [row[0] for row in goals[:5]] == [
        "synopse-unchanged",  # heading
        "synopse-moved",  # Aquise, now first
        "synopse-changed",  # Beteiligung, rewritten
        "synopse-unchanged",  # Empowerment und Inklusion
        "synopse-moved-away",  # Aquise, where it was
    ]
    assert f"Aquise {DASH} verschoben (bisher Nr. 3)" in goals[1][2]
    assert f"Aquise {DASH} verschoben, jetzt Nr. 1" in goals[4][1]
    assert f"Empowerment und Inklusion {DASH} unverändert" in goals[3][1]
    formats = rows(table(proposal_html, "Projektbeschreibung", "Formate"))
    assert formats[3][:2] == ("synopse-removed", formats[3][1])
    assert formats[3][1].startswith(f"Dezentral {DASH} entfällt")
    assert formats[-1][0] == "synopse-added"
    assert formats[-1][2].startswith(f"Hybrid {DASH} neu")


def test_a_rewritten_paragraph_stands_beside_the_old_one(proposal_html):
    goals = table(proposal_html, "Projektbeschreibung", "Ziele")
    rewritten = goals.select_one("tbody.synopse-changed")
    (first,) = rewritten.find_all("tr")  # one pair: old and new side by side
    old, new = first.select("td.synopse-old"), first.select("td.synopse-new")
    assert [visible(d) for d in old[0].select("del")] == [
        "die Bereitstellung von zukunftsorientierten Ermöglichungs- und "
        "Beteiligungsstrukturen."
    ]
    assert [visible(i) for i in new[0].select("ins")] == [REWRITTEN]


def test_rows_are_numbered_through_the_synopse(proposal_html):
    for head in proposal_html.select("table.synopse-table thead"):
        assert [th.get_text() for th in head.select("th")] == [
            "Zeile",
            RELEASED,
            PROPOSED,
        ]
    numbers = [
        visible(td).split()[0] for td in proposal_html.select("td.synopse-number")
    ]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    groups = proposal_html.select("tbody.synopse-row")
    assert len(groups) == len(numbers)  # one number a row, beside its first pair
    for group in groups:
        if "synopse-unchanged" not in group["class"]:
            number = group.find("tr").select_one("td.synopse-number")
            assert number["rowspan"] == str(len(group.find_all("tr")))


def test_no_source_paths(proposal_html):
    text = visible(proposal_html.find("main"))
    assert "docs/" not in text
    assert ".md" not in text


def test_number_and_reason_are_shown_where_rows_carry_them(
    proposal, tmp_path, monkeypatch
):
    """The change model numbers changes and git gives reasons: a row that
    carries them shows them, in a column „Begründung“ of its own."""
    from dataclasses import replace

    from strategy_pages.synopse import document

    def with_reasons(old, new, changes):
        pages = synopsis(old, new)
        return [
            replace(
                found,
                parts=tuple(
                    replace(
                        part,
                        rows=tuple(
                            replace(
                                row, numbers=(1,), reasons=("Weil <b>es</b> passt.",)
                            )
                            if row.status is Status.RENAMED
                            else row
                            for row in part.rows
                        ),
                    )
                    for part in found.parts
                ),
            )
            for found in pages
        ]

    monkeypatch.setattr(document, "synopsis", with_reasons)
    outdir = tmp_path / "out"
    assert cli.main([*proposal_arguments(proposal, outdir), "--format", "html"]) == 0
    html = BeautifulSoup((outdir / "synopse.html").read_text("utf-8"), "html.parser")
    steps = table(html, "Ergebnisse", "Zeitleiste")
    assert [th.get_text() for th in steps.select("thead th")][-1] == "Begründung"
    renamed = steps.select_one("tbody.synopse-renamed")
    assert visible(renamed.select_one("td.synopse-number")).endswith("Ä1")
    assert visible(renamed.select_one("td.synopse-reason")) == "Weil <b>es</b> passt."
    assert cli.main([*proposal_arguments(proposal, outdir), "--format", "latex"]) == 0
    latex = (outdir / "latex" / "synopse.tex").read_text("utf-8")
    assert r"\begin{synopsereasontable}" in latex
    assert "Weil <b>es</b> passt." in latex


# The proposal's PDF


@pytest.fixture(scope="module")
def proposal_pdf(proposal, tmp_path_factory) -> Path:
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    for tool in ("pdftotext", "pdfinfo", "pdffonts"):
        require_tool(tool, "poppler-utils")
    outdir = tmp_path_factory.mktemp("synopse-proposal-pdf")
    assert cli.main([*proposal_arguments(proposal, outdir), "--format", "pdf"]) == 0
    return outdir / "synopse.pdf"


def test_pdf_names_its_title_and_author(proposal_pdf):
    info = subprocess.run(
        ["pdfinfo", str(proposal_pdf)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == f"Synopse: {RELEASED} {DASH} {PROPOSED}"
    assert fields["Author"].strip() == AUTHOR


def test_pdf_is_set_in_the_publications_fonts(proposal_pdf):
    listing = subprocess.run(
        ["pdffonts", str(proposal_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    families = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing}
    assert families
    assert all(name.startswith(("FreeSans", "FreeMono")) for name in families), families


def pdf_words(pdf: Path) -> list[list[tuple[str, float, float]]]:
    """Each page's words: (text, x, y) of their top left corner."""
    output = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        [
            (word.get_text(), float(word["xmin"]), float(word["ymin"]))
            for word in found.find_all("word")
        ]
        for found in BeautifulSoup(output, "html.parser").find_all("page")
    ]


def test_pdf_heads_the_columns_on_every_page_and_keeps_rows_level(
    proposal_pdf, proposal_html
):
    both_sides = {
        visible(group.select_one("td.synopse-number"))
        for group in proposal_html.select("tbody.synopse-row")
        if {"synopse-unchanged", "synopse-changed", "synopse-renamed"}
        & set(group["class"])
    }
    pages = pdf_words(proposal_pdf)
    assert len(pages) >= 3
    seen = set()
    for number, words in enumerate(pages, start=1):
        heads = [(x, y) for text, x, y in words if text == "Zeile"]
        assert heads, f"no column heads on page {number}"
        head_y = heads[0][1]
        old_x = min(
            x for text, x, y in words if text == "Fassung" and abs(y - head_y) < 2
        )
        new_x = min(
            x for text, x, y in words if text == "Entwurf" and abs(y - head_y) < 2
        )
        for text, x, y in words:
            if not (text.isdigit() and x < old_x and y > head_y + 2):
                continue
            seen.add(text)
            level = [(wx, wy) for _, wx, wy in words if abs(wy - y) < 2 and wx > x + 1]
            left = [wx for wx, _ in level if old_x - 2 <= wx < new_x - 2]
            right = [wx for wx, _ in level if wx >= new_x - 2]
            if text in both_sides:
                assert left and right, f"row {text} not level on page {number}"
            else:
                assert left or right, f"row {text} empty on page {number}"
    assert seen == {str(n) for n in range(1, len(seen) + 1)}
    assert len(seen) == len(proposal_html.select("td.synopse-number"))


def test_pdf_sets_a_rewritten_paragraph_beside_the_old_one(proposal_pdf):
    words = [word for page in pdf_words(proposal_pdf) for word in page]
    old = next((x, y) for text, x, y in words if text == "Bereitstellung")
    new = next((x, y) for text, x, y in words if text == "Völlig")
    assert abs(old[1] - new[1]) < 2  # the same line
    assert new[0] > old[0]


def test_a_new_component_joins_the_synopse_by_its_wording_alone(monkeypatch):
    """A component's module says what its wording is; the Synopse asks the
    registry, and names no component."""
    from strategy_pages import registry
    from strategy_pages.core.wording import Field, PartWording
    from strategy_pages.model import StrategyPage

    class Notes(registry.Component):
        name = "notes"
        position = 999
        keys: ClassVar = {"notes": "Notes"}
        section_class = "strategy-notes"

        def read(self, reader):
            return None

        def render(self, page, part, context, options, content):
            return []

        def compare(self, comparison, old, new):
            return iter(())

        def marks(self, old, new):
            return None

        def wording(self, part: str) -> PartWording:
            return PartWording(
                "Notes",
                (Field("Note", part),),
                (ItemWording("Erste", part, (Detail("Date", "2020"),)),),
            )

    monkeypatch.setitem(registry.REGISTRY, "notes", Notes())
    (found,) = synopsis(
        {"p.md": StrategyPage("p.md", {"notes": "alt"})},
        {"p.md": StrategyPage("p.md", {"notes": "neu"})},
    )
    (part,) = found.parts
    assert part.heading == "Notes"
    assert [(row.label, row.status, row.position) for row in part.rows] == [
        ("Note", Status.CHANGED, 1),
        ("", Status.CHANGED, 2),
    ]
    assert part.rows[1].new == Wording("Erste", "neu", (Detail("Date", "2020"),))


def change_numbers(group) -> list[str]:
    """The change numbers („Ä3“) in the number cell of a row group."""
    cell = group.find("tr").select_one("td.synopse-number")
    return re.findall(r"Ä\d+", visible(cell)) if cell is not None else []


def test_each_row_carries_the_numbers_make_diff_gives_its_changes(
    proposal, proposal_html, capsys
):
    from strategy_pages import review

    assert (
        review.main(["v2.0", "--srcdir", str(proposal / "docs"), "--format", "text"])
        == 0
    )
    headlines = {
        line.split(" ", 2)[1]: line.split(" ", 2)[2]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("- Ä")
    }
    shown = {}
    for group in proposal_html.select("tbody.synopse-row"):
        for number in change_numbers(group):
            assert number not in shown, number  # each change in one row
            shown[number] = visible(group)
    # every change is in the Synopse but those of pictures, which it leaves out
    assert set(headlines) - set(shown) == {
        n for n, text in headlines.items() if text.startswith("Bild")
    }
    for number, row in shown.items():
        quoted = re.findall(r"„([^“]+)“", headlines[number])
        # an item's change stands in that item's row
        if quoted and not headlines[number].startswith(("Überschrift", "Titel")):
            assert quoted[-1] in row or quoted[0] in row, (number, headlines[number])
    moved = next(n for n, text in headlines.items() if "verschoben" in text)
    (where,) = [
        group
        for group in proposal_html.select("tbody.synopse-row")
        if moved in change_numbers(group)
    ]
    assert "synopse-moved" in where["class"]  # where it is now, not where it was


def test_the_reason_column_gives_the_reasons_of_the_commits(proposal, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(proposal, repo)
    commit(
        repo,
        "Vorschlag\n\nBegründung: Beschluss des Beirats vom 1. März.",
        "2022-01-01T12:00:00",
    )
    outdir = tmp_path / "out"
    assert cli.main([*proposal_arguments(repo, outdir), "--format", "html"]) == 0
    html = BeautifulSoup((outdir / "synopse.html").read_text("utf-8"), "html.parser")
    groups = [g for g in html.select("tbody.synopse-row") if change_numbers(g)]
    assert groups
    for group in groups:
        reason = group.select_one("td.synopse-reason")
        assert visible(reason) == "Beschluss des Beirats vom 1. März."
    unchanged = html.select("tbody.synopse-row.unchanged td.synopse-reason")
    assert all(not visible(cell) for cell in unchanged)
