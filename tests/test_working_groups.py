"""The working groups and <ContributePage />: pages, anchors, contacts,
builders, bad input, review.

The test root ``test-contribute`` holds a page as the CMS writes it
(``mitmachen.md``), an older one without working groups, and the directives
in Markdown and reStructuredText reading a data file; its text is made up for
these tests.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import (
    ROOTS,
    build,
    build_in,
    git,
    headings,
    make_pdf,
    numbered,
    read_html,
    require_tool,
    warnings_of,
)
from docutils.nodes import make_id
from strategy_pages.loading import load_front_matter
from test_print import PDF_PACKAGES

ROOT = ROOTS / "test-contribute"
CMS_PAGE = (ROOT / "mitmachen.md").read_text("utf-8")


def cms_data() -> dict:
    """The data of the CMS page, as the test root has it."""
    return yaml.safe_load(CMS_PAGE.split("---\n")[1])


def groups() -> list[dict]:
    return cms_data()["workingGroups"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(tmp_path_factory, "contribute")


def main(app, docname: str):
    return read_html(app, docname).select_one("[role=main]")


def text_of(element) -> str:
    return element.get_text(strip=True).rstrip("¶")


def test_no_warnings(app):
    assert warnings_of(app) == ""


def test_cms_page_is_hero_then_working_groups_in_the_written_order(app):
    page = read_html(app, "mitmachen")
    assert headings(page) == [
        ("h1", "Mitmachen"),
        ("h2", "Arbeitsgruppen"),
        *[("h3", group["title"]) for group in groups()],
    ]
    hero = page.select_one("section.strategy-hero")
    # the CMS wrote the subtitle with a space before it
    assert cms_data()["hero"]["subtitle"].startswith(" ")
    subtitle = hero.select_one(".strategy-hero__subtitle").get_text()
    assert subtitle == cms_data()["hero"]["subtitle"].strip()
    assert hero.select_one(".strategy-hero__image img")["src"].endswith("hero.svg")
    section = hero.select_one(":scope > section.strategy-working-groups")
    assert len(section.select(":scope > section.strategy-working-group")) == len(
        groups()
    )


def test_each_group_is_anchored_by_its_name(app):
    sections = main(app, "mitmachen").select("section.strategy-working-group")
    assert [s["id"] for s in sections] == [group["name"] for group in groups()]
    assert [text_of(s.h3) for s in sections] == [g["title"] for g in groups()]
    for section in sections:
        assert section.h3.select_one("a.headerlink")["href"] == f"#{section['id']}"


def test_join_in_only_where_the_data_gives_a_contact(app):
    shown = {}
    for section in main(app, "mitmachen").select("section.strategy-working-group"):
        contact = section.select_one(".strategy-working-group__contact")
        shown[section["id"]] = (
            [(a.get_text(), a["href"]) for a in contact.find_all("a")]
            if contact
            else []
        )
    assert shown == {
        "ag-angebote": [("Mitmachen", "mailto:ag-angebote%40example.org")],
        "ag-raeume": [("Mitmachen", "https://example.org/ag-raeume")],
        "ag-wissen": [],  # no contact: no button that does nothing
        "ag-erfunden": [
            ("Mitmachen", "https://example.org/ag-erfunden"),
            ("erfunden@example.org", "mailto:erfunden%40example.org"),
        ],
    }  # (Sphinx writes the @ of an e-mail address in a link as %40)


def test_search_index_has_each_group_with_its_anchor(app):
    index = (app.outdir / "searchindex.js").read_text("utf-8")
    assert re.search(r'"AG Probeangebote":\[\[\d+,"ag-angebote"\]', index)


def test_older_page_without_working_groups_shows_its_hero(app):
    page = read_html(app, "mitmachen-alt")
    assert headings(page) == [("h1", "Mitmachen in einer älteren Fassung")]
    assert page.select_one("section.strategy-working-groups") is None


def test_directive_in_markdown_with_heading_and_content(app):
    page = read_html(app, "gruppen-md")
    assert headings(page) == [
        ("h1", "Arbeitsgruppen in Markdown"),
        ("h2", "Gruppen aus Markdown"),
        ("h3", "Erste Probegruppe"),
        ("h3", "Zweite Probegruppe"),
    ]
    section = page.select_one("section.strategy-working-groups")
    assert section.select_one(":scope > p em").get_text() == "Markdown"
    assert [s["id"] for s in section.select("section")] == ["probe-eins", "probe-zwei"]


def test_page_directive_in_restructuredtext(app):
    page = read_html(app, "gruppen-rst")
    assert headings(page) == [
        ("h1", "Arbeitsgruppen in reStructuredText"),
        ("h2", "Arbeitsgruppen aus einer Datei"),
        ("h3", "Gruppen aus reStructuredText"),
        ("h4", "Erste Probegruppe"),
        ("h4", "Zweite Probegruppe"),
    ]
    assert "aus-rst" in page.select_one("section.strategy-hero")["class"]


# Every builder


def _html(path) -> str:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser").get_text(" ")


def _plain(path) -> str:
    return path.read_text("utf-8").replace(r"\sphinxhyphen{}", "-")


def _man(path) -> str:
    text = path.read_text("utf-8")
    return re.sub(r"\\(-|\(.{2}|.)", lambda m: "-" if m.group(1) == "-" else "", text)


#: builder -> (output file, reader)
OUTPUTS = {
    "html": ("mitmachen.html", _html),
    "dirhtml": ("mitmachen/index.html", _html),
    "singlehtml": ("index.html", _html),
    "epub": ("mitmachen.xhtml", _html),
    "latex": ("arbeitsgruppen.tex", _plain),
    "text": ("mitmachen.txt", _plain),
    "man": ("probearbeitsgruppen.1", _man),
    "texinfo": ("probearbeitsgruppen.texi", _plain),
    "gettext": ("mitmachen.pot", _plain),
}


@pytest.mark.parametrize("buildername", sorted(OUTPUTS))
def test_every_builder_shows_each_group_in_order(tmp_path_factory, buildername):
    if buildername == "latex":
        require_tool("rsvg-convert", "librsvg2-bin")
    app = build(tmp_path_factory, "contribute", buildername)
    assert warnings_of(app) == ""
    name, read = OUTPUTS[buildername]
    text = " ".join(read(app.outdir / name).split()).lower()  # man: capitals
    expected = ["Mitmachen", "Werde Teil einer Probegruppe", "Arbeitsgruppen"]
    for group in groups():
        expected += [group["title"], group["description"].split()[0]]
    position = 0
    for part in expected:
        found = text.find(part.lower(), position)
        assert found >= 0, f"{part!r} missing or out of order in {buildername}"
        position = found


@pytest.mark.parametrize(
    ("buildername", "name"),
    [("latex", "arbeitsgruppen.tex"), ("text", "mitmachen.txt")],
)
def test_print_and_text_show_the_address_beside_join_in(
    tmp_path_factory, buildername, name
):
    if buildername == "latex":
        require_tool("rsvg-convert", "librsvg2-bin")
    app = build(tmp_path_factory, "contribute", buildername)
    output = (app.outdir / name).read_text("utf-8").replace(r"\sphinxhyphen{}", "-")
    for address in ("ag-angebote@example.org", "https://example.org/ag-raeume"):
        assert f"Mitmachen}} ({address})" in output or (
            f"Mitmachen ({address})" in output
        )
    # the e-mail address that is its own link's text is not repeated
    assert "(erfunden@example.org)" not in output


def test_pdf_has_every_group_as_a_section(tmp_path_factory):
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    require_tool("rsvg-convert", "librsvg2-bin")
    require_tool("pdftotext", "poppler-utils")
    app = build(tmp_path_factory, "contribute", "latex")
    tex = (app.outdir / "arbeitsgruppen.tex").read_text("utf-8")
    for group in groups():
        assert rf"\subsection{{{group['title']}}}" in tex
        assert rf"\label{{\detokenize{{mitmachen:{group['name']}}}}}" in tex
    make_pdf(app.outdir)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(app.outdir / "arbeitsgruppen.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    position = flat.index("Werde Teil einer Probegruppe")
    for group in groups():
        position = flat.index(" ".join(group["title"].split()), position)
    assert "Mitmachen (ag-angebote@example.org)" in flat


# Bad input


BAD = """\
---
orphan: true
hero:
  title: Fehlerhafte Arbeitsgruppen
workingGroups:
  - title: Gruppe mit Großbuchstaben
    name: AG-Angebote
    email: keine-adresse
  - title: Gruppe mit leerem Namen
    name: ' '
    url: javascript:alert(1)
  - title: Erste doppelte Gruppe
    name: ag-doppelt
    email: ' '
  - title: Zweite doppelte Gruppe
    name: ag-doppelt
    email: mailto:doppelt@example.org
  - titel: Vertippte Gruppe
    emial: vertippt@example.org
  - title: Gruppe: mit Doppelpunkt
    name: '!!!'
  - description: Eine Gruppe ohne Titel.
  - Nur ein Text
---
<ContributePage />
"""

WRONG_TYPE = """\
---
orphan: true
hero:
  title: Arbeitsgruppen als Zuordnung
workingGroups:
  title: Eine Gruppe
---
<ContributePage />
"""


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("bad") / "src"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "fehler.md").write_text(BAD, "utf-8")
    (srcdir / "falscher-typ.md").write_text(WRONG_TYPE, "utf-8")
    return build_in(srcdir)


def test_bad_input_gives_one_located_german_warning_each(bad):
    found = [
        re.sub(r"^.*/src/", "", line)
        for line in warnings_of(bad).splitlines()
        if line.strip()
    ]
    # YAML slips are told as the file is read, the rest as it is checked and
    # rendered: in that order, not by line
    assert sorted(found) == [
        "falscher-typ.md:5: WARNING: Arbeitsgruppen: muss eine Liste (Zeilen, die "
        "mit „- “ beginnen) sein, nicht Schlüssel mit Werten; es wird nicht gezeigt "
        "[strategy.wrong_type]",
        "fehler.md:11: WARNING: Arbeitsgruppe 2 („Gruppe mit leerem Namen“), "
        "Linkadresse: Links dürfen http, https oder mailto verwenden, nicht "
        "„javascript:alert(1)“; der Text wird ohne Link gezeigt [strategy.link]",
        "fehler.md:16: WARNING: Arbeitsgruppe 4 („Zweite doppelte Gruppe“), "
        "Kurzname: den Anker „ag-doppelt“ gibt es auf dieser Seite schon; der Anker "
        "dieser Gruppe ist „ag-doppelt-1“. Gib der Gruppe einen eigenen Kurznamen "
        "[strategy.name]",
        "fehler.md:18: WARNING: Arbeitsgruppe 5 („Vertippte Gruppe“), „titel“: "
        "unbekannter Schlüssel, gelesen als „title“ (Titel). Korrigiere ihn zu "
        "„title“ [strategy.unknown_key]",
        "fehler.md:19: WARNING: Arbeitsgruppe 5 („Vertippte Gruppe“), „emial“: "
        "unbekannter Schlüssel, gelesen als „email“ (E-Mail-Adresse). Korrigiere "
        "ihn zu „email“ [strategy.unknown_key]",
        "fehler.md:20: WARNING: Arbeitsgruppe 6 („Gruppe: mit Doppelpunkt“), Titel: "
        "der Wert enthält „: “; er wurde als Text gelesen. Setze den Wert in "
        "Anführungszeichen: title: 'Gruppe: mit Doppelpunkt' [strategy.yaml]",
        "fehler.md:21: WARNING: Arbeitsgruppe 6 („Gruppe: mit Doppelpunkt“), "
        "Kurzname: „!!!“ kann nicht der Anker der Gruppe in der Seitenadresse sein; "
        "der Anker wird aus dem Titel gebildet. Schreibe ihn in Kleinbuchstaben, "
        "Ziffern und Bindestrichen, mit einem Buchstaben am Anfang [strategy.name]",
        "fehler.md:22: WARNING: Arbeitsgruppe 7: der Titel fehlt; bis er angegeben "
        "ist, lautet die Überschrift „Arbeitsgruppe 7“ [strategy.missing_key]",
        "fehler.md:23: WARNING: Arbeitsgruppe 8: muss Schlüssel mit Werten "
        "(Schlüssel: Wert) sein, nicht der Text „Nur ein Text“; es wird nicht "
        "gezeigt [strategy.wrong_type]",
        "fehler.md:7: WARNING: Arbeitsgruppe 1 („Gruppe mit Großbuchstaben“), "
        "Kurzname: „AG-Angebote“ kann nicht der Anker der Gruppe in der "
        "Seitenadresse sein; der Anker wird aus dem Titel gebildet. Schreibe ihn in "
        "Kleinbuchstaben, Ziffern und Bindestrichen, mit einem Buchstaben am "
        "Anfang: „ag-angebote“ [strategy.name]",
        "fehler.md:8: WARNING: Arbeitsgruppe 1 („Gruppe mit Großbuchstaben“), "
        "E-Mail-Adresse: „keine-adresse“ ist keine E-Mail-Adresse; die Gruppe wird "
        "ohne sie gezeigt. Schreibe sie etwa so: ag@example.org [strategy.link]",
    ]


def test_everything_valid_of_bad_input_still_renders(bad):
    sections = main(bad, "fehler").select("section.strategy-working-group")
    titles = [
        "Gruppe mit Großbuchstaben",
        "Gruppe mit leerem Namen",
        "Erste doppelte Gruppe",
        "Zweite doppelte Gruppe",
        "Vertippte Gruppe",
        "Gruppe: mit Doppelpunkt",
        "Arbeitsgruppe 7",
    ]
    assert [text_of(s.h3) for s in sections] == titles
    # an unusable or blank name: the anchor comes from the title
    assert [s["id"] for s in sections] == [
        make_id(titles[0]),
        make_id(titles[1]),
        "ag-doppelt",
        "ag-doppelt-1",
        make_id(titles[4]),
        make_id(titles[5]),
        make_id(titles[6]),
    ]
    contacts = [
        [a["href"] for a in s.select(".strategy-working-group__contact a")]
        for s in sections
    ]
    # no button for a non-address, an unsafe link or a blank e-mail
    assert contacts == [
        [],
        [],
        [],
        ["mailto:doppelt%40example.org"],
        ["mailto:vertippt%40example.org"],
        [],
        [],
    ]
    assert "Eine Gruppe ohne Titel." in sections[6].get_text()


def test_working_groups_of_the_wrong_type_leave_the_hero(bad):
    page = read_html(bad, "falscher-typ")
    assert headings(page) == [("h1", "Arbeitsgruppen als Zuordnung")]


def test_a_slip_in_the_cms_page_costs_only_its_group(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    page = srcdir / "mitmachen.md"
    data = load_front_matter(CMS_PAGE, str(page)).data
    line = data.lines[("workingGroups", 1, "name")]
    lines = CMS_PAGE.splitlines(keepends=True)
    assert lines[line - 1].strip() == "name: ag-raeume"
    lines[line - 1] = lines[line - 1].replace("name:", "nmae:")
    page.write_text("".join(lines), "utf-8")
    app = build_in(srcdir)
    warnings = warnings_of(app).strip().splitlines()
    assert len(warnings) == 1
    assert f"mitmachen.md:{line}: WARNING: Arbeitsgruppe 2" in warnings[0]
    assert warnings[0].endswith("[strategy.unknown_key]")
    # read as meant: the anchor is still the name
    assert main(app, "mitmachen").select_one("section#ag-raeume") is not None


# Review marks and history


def page(data: dict) -> str:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n<ContributePage />\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The test root released as v1.0; the work tree edits the groups."""
    repo = tmp_path_factory.mktemp("groups-review")
    docs = repo / "docs"
    shutil.copytree(ROOT, docs)
    (docs / "versionen.md").write_text(
        "---\norphan: true\n---\n# Versionen\n\n```{strategy-history}\n```\n",
        "utf-8",
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Erste Fassung")
    git(repo, "tag", "v1.0")
    data = cms_data()
    working = data["workingGroups"]
    working[0]["email"] = "angebote@example.org"
    working[1]["description"] = working[1]["description"].replace("sucht", "findet")
    working[1]["name"] = "ag-beispielraeume"
    working[2]["title"] = "AG Musterwissen und mehr"  # same text
    del working[3]  # AG Erfundenes …
    working.append({"title": "AG Neu", "name": "ag-neu", "description": "Neu hier."})
    (docs / "mitmachen.md").write_text(page(data), "utf-8")
    return repo


@pytest.fixture(scope="module")
def reviewed(repo, tmp_path_factory):
    copy = tmp_path_factory.mktemp("reviewed") / "repo"
    shutil.copytree(repo, copy)
    return build_in(copy / "docs", confoverrides={"strategy_review_base": "v1.0"})


def marked(element) -> str:
    return element.get_text().removeprefix(
        element.select_one(".strategy-sr-only").get_text()
    )


def test_review_build_has_no_warnings(reviewed):
    assert warnings_of(reviewed) == ""


def test_review_marks_new_renamed_changed_and_removed_groups(reviewed):
    section = main(reviewed, "mitmachen").select_one("section.strategy-working-groups")
    new = section.select("section.strategy-review--new")
    assert [text_of(s.h3) for s in new] == ["AG Neu"]
    assert new[0].select_one(".strategy-review__new").get_text() == "Neu"
    renamed = section.select_one("#ag-wissen")
    assert marked(renamed.select_one(".strategy-review__was del")) == (
        "AG Musterwissen"
    )
    changed = section.select_one("#ag-beispielraeume")
    text = changed.select_one(".strategy-review__text")
    assert [marked(d) for d in text.find_all("del")] == ["sucht"]
    assert [marked(i) for i in text.find_all("ins")] == ["findet"]
    # where it was, after AG Wissen, in a place of its own
    assert section.select_one("#ag-wissen .strategy-review__removed") is None
    removed = section.select_one("#ag-wissen").find_next_sibling(
        class_="strategy-review__removed"
    )
    assert [s.get_text() for s in removed.p.find_all("strong")][-1] == "Entfernt:"
    assert marked(removed.find("del")).startswith("AG Erfundenes")


def test_history_names_each_change_of_the_groups(reviewed):
    history = main(reviewed, "versionen")
    items = [
        li.find("p") for li in history.select("section.strategy-history ul ul > li")
    ]
    # in the order the page shows them
    assert numbered([p.get_text(" ", strip=True) for p in items]) == [
        "Kontakt von „AG Probeangebote“ geändert: ag-angebote@example.org → "
        "angebote@example.org",
        "Text von „AG Beispielräume“ geändert:",
        "Kurzname (Anker) von „AG Beispielräume“ geändert: „ag-raeume“ → "
        "„ag-beispielraeume“",
        "Arbeitsgruppe umbenannt: „AG Musterwissen“ → „AG Musterwissen und mehr“",
        "Arbeitsgruppe entfernt: „AG Erfundenes mit einem sehr langen Titel, der "
        "umbrechen muss“",
        "Neue Arbeitsgruppe: „AG Neu“",
    ]
    for paragraph in items:
        assert paragraph.a["href"].startswith("mitmachen.html")


def test_review_marks_in_latex(repo, tmp_path):
    require_tool("rsvg-convert", "librsvg2-bin")
    shutil.copytree(repo, tmp_path / "repo")
    app = build_in(
        tmp_path / "repo" / "docs",
        "latex",
        confoverrides={"strategy_review_base": "v1.0"},
    )
    assert warnings_of(app) == ""
    tex = (app.outdir / "arbeitsgruppen.tex").read_text("utf-8")
    assert r"\sphinxstrategydeleted{sucht}" in tex
    assert r"\sphinxstrategyinserted{findet}" in tex
    assert r"\sphinxstrategydeleted{AG Musterwissen}" in tex
    assert r"\sphinxstylestrong{Neu}" in tex


# Layout in a browser: 1280 and 375 px, light and dark

DESKTOP, PHONE = 1280, 375


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    app = build(tmp_path_factory, "contribute", confoverrides={"html_theme": "furo"})
    return (app.outdir / "mitmachen.html").as_uri()


@pytest.fixture(scope="module")
def browser():
    executable = require_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM_FLAGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def open_page(browser, url, width, *, dark=False):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme="dark" if dark else "light",
    )
    page = context.new_page()
    page.goto(url)
    return page


def boxes(page, selector) -> list[dict]:
    return [
        element.bounding_box() for element in page.locator(selector).element_handles()
    ]


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_horizontal_scrolling(browser, page_url, width):
    page = open_page(browser, page_url, width)
    assert (
        page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        <= 0
    )


@pytest.mark.browser
def test_desktop_groups_side_by_side(browser, page_url):
    page = open_page(browser, page_url, DESKTOP)
    first, second = boxes(page, "section.strategy-working-group")[:2]
    assert round(first["y"]) == round(second["y"])
    assert first["x"] + first["width"] <= second["x"]
    assert abs(first["width"] - second["width"]) < 1


@pytest.mark.browser
def test_phone_groups_stacked_full_width(browser, page_url):
    page = open_page(browser, page_url, PHONE)
    cards = boxes(page, "section.strategy-working-group")
    for upper, lower in itertools.pairwise(cards):
        assert upper["y"] + upper["height"] <= lower["y"]
        assert round(upper["x"]) == round(lower["x"])


@pytest.mark.browser
def test_join_in_is_a_touch_target(browser, page_url):
    page = open_page(browser, page_url, PHONE)
    for button in boxes(page, ".strategy-working-group__contact > a:first-child"):
        assert button["height"] >= 44


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_serious_accessibility_violations(browser, page_url, dark, width):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(browser, page_url, width, dark=dark)
    results = Axe().run(page)
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
