"""The timeline and <ProgressPage />: pages, dates, builders, bad input, review.

The test root ``test-progress`` holds a page as the CMS writes it
(``ergebnisse.md``), an older one without a timeline, and the directives in
Markdown and reStructuredText reading a data file; its text is made up for
these tests.
"""

from __future__ import annotations

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
from strategy_pages.loading import load_front_matter
from test_print import PDF_PACKAGES

ROOT = ROOTS / "test-progress"
CMS_PAGE = (ROOT / "ergebnisse.md").read_text("utf-8")


def cms_data() -> dict:
    """The data of the CMS page, as the test root has it."""
    return yaml.safe_load(CMS_PAGE.split("---\n")[1])


def steps() -> list[dict]:
    return cms_data()["timeline"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(tmp_path_factory, "progress")


def main(app, docname: str):
    return read_html(app, docname).select_one("[role=main]")


def text_of(element) -> str:
    return element.get_text(strip=True).rstrip("¶")


def test_no_warnings(app):
    assert warnings_of(app) == ""


def test_cms_page_is_hero_then_timeline_in_the_written_order(app):
    page = read_html(app, "ergebnisse")
    assert headings(page) == [
        ("h1", "Ergebnisse"),
        ("h2", "Zeitleiste"),
        *[("h3", step["title"]) for step in steps()],
    ]
    hero = page.select_one("section.strategy-hero")
    assert hero.select_one(".strategy-hero__subtitle") is None  # ' ' is none
    assert "erfundene Beispielverein" in hero.select_one(".strategy-hero__text").text
    assert hero.select_one(".strategy-hero__image img")["src"].endswith("hero.svg")
    # the timeline is the hero's sub-section, the steps the timeline's
    timeline = hero.select_one(":scope > section.strategy-timeline")
    assert len(timeline.select("section.strategy-step")) == len(steps())


def test_steps_are_an_ordered_list_with_an_anchor_each(app):
    timeline = main(app, "ergebnisse").select_one("section.strategy-timeline")
    items = timeline.select(":scope > ol.strategy-timeline__steps > li")
    assert len(items) == len(steps())
    sections = [item.select_one(":scope > section.strategy-step") for item in items]
    assert [text_of(s.h3) for s in sections] == [step["title"] for step in steps()]
    ids = [section["id"] for section in sections]
    assert ids[:2] == ["vorarbeiten-im-beispielverein", "auftakt-im-musterhaus"]
    assert len(set(ids)) == len(ids)
    for section in sections:  # each anchor is linked from its heading
        assert section.h3.select_one("a.headerlink")["href"] == f"#{section['id']}"


def test_dates_shown_as_written_with_machine_readable_time(app):
    timeline = main(app, "ergebnisse").select_one("section.strategy-timeline")
    dates = timeline.select("section.strategy-step > p.strategy-step__date")
    assert [d.get_text() for d in dates] == [str(step["date"]) for step in steps()]
    times = [[(t.get_text(), t["datetime"]) for t in d.find_all("time")] for d in dates]
    assert times == [
        [("2015", "2015"), ("2017", "2017")],  # a range: two dates
        [("23.06.2017", "2017-06-23")],
        [("März 2018", "2018-03")],
        [("22. Februar 2019", "2019-02-22")],
        [("Sommer 2019", "2019")],
        [("01.08.2019", "2019-08-01")],
        [("2020", "2020")],
    ]


def test_descriptions_are_markdown(app):
    step = main(app, "ergebnisse").select_one("#auftakt-im-musterhaus")
    assert step.em.get_text() == "Kaffee"
    assert step.strong.get_text() == "Kuchen"
    two = main(app, "ergebnisse").select_one("#beratung-im-probegremium")
    assert len(two.select(":scope > p:not(.strategy-step__date)")) == 2


def test_search_index_has_each_step_with_its_anchor(app):
    index = (app.outdir / "searchindex.js").read_text("utf-8")
    for step, anchor in [
        ("Vorarbeiten im Beispielverein", "vorarbeiten-im-beispielverein"),
        ("Sommerpause", "sommerpause"),
    ]:
        assert re.search(rf'"{step}":\[\[\d+,"{anchor}"\]', index), (
            f"{step} not in the search index's titles"
        )


def test_older_page_without_timeline_shows_its_hero(app):
    page = read_html(app, "ergebnisse-alt")
    assert headings(page) == [("h1", "Ergebnisse einer älteren Fassung")]
    assert page.select_one("section.strategy-timeline") is None
    assert "xxx" not in page.title.get_text()


def test_directive_in_markdown_with_heading_and_content(app):
    page = read_html(app, "zeitleiste-md")
    assert headings(page) == [
        ("h1", "Zeitleiste in Markdown"),
        ("h2", "Schritte aus Markdown"),
        ("h3", "Erster Probeschritt"),
        ("h3", "Zweiter Probeschritt"),
    ]
    timeline = page.select_one("section.strategy-timeline")
    assert timeline.select_one(":scope > p em").get_text() == "Markdown"
    assert [t["datetime"] for t in timeline.find_all("time")] == [
        "2021",
        "2021-03-12",
    ]


def test_page_directive_in_restructuredtext(app):
    page = read_html(app, "zeitleiste-rst")
    assert headings(page) == [
        ("h1", "Zeitleiste in reStructuredText"),
        ("h2", "Zeitleiste aus einer Datei"),
        ("h3", "Schritte aus reStructuredText"),
        ("h4", "Erster Probeschritt"),
        ("h4", "Zweiter Probeschritt"),
    ]
    hero = page.select_one("section.strategy-hero")
    assert "aus-rst" in hero["class"]
    assert "Inhalt der Direktive in reStructuredText." in hero.get_text()


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
    "html": ("ergebnisse.html", _html),
    "dirhtml": ("ergebnisse/index.html", _html),
    "singlehtml": ("index.html", _html),
    "epub": ("ergebnisse.xhtml", _html),
    "latex": ("zeitleiste.tex", _plain),
    "text": ("ergebnisse.txt", _plain),
    "man": ("probezeitleiste.1", _man),
    "texinfo": ("probezeitleiste.texi", _plain),
    "gettext": ("ergebnisse.pot", _plain),
}


@pytest.mark.parametrize("buildername", sorted(OUTPUTS))
def test_every_builder_shows_each_step_and_date_in_order(tmp_path_factory, buildername):
    if buildername == "latex":
        require_tool("rsvg-convert", "librsvg2-bin")
    app = build(tmp_path_factory, "progress", buildername)
    assert warnings_of(app) == ""
    name, read = OUTPUTS[buildername]
    # man sets section titles in capitals
    text = " ".join(read(app.outdir / name).split()).lower()
    expected = ["Ergebnisse", "Zeitleiste"]
    for step in steps():
        # LaTeX sets the date before its step, the others after its title;
        # gettext extracts no dates: there is nothing in them to translate
        pair = [str(step["date"]), step["title"]]
        if buildername == "gettext":
            pair = pair[1:]
        expected += pair if buildername == "latex" else pair[::-1]
    position = 0
    for part in expected:
        found = text.find(part.lower(), position)
        assert found >= 0, f"{part!r} missing or out of order in {buildername}"
        position = found


def test_html_writes_time_elements_others_write_the_words(tmp_path_factory):
    text = build(tmp_path_factory, "progress", "text")
    output = (text.outdir / "ergebnisse.txt").read_text("utf-8")
    assert "2015 - 2017" in output
    assert "<time" not in output and "datetime" not in output


def test_latex_is_a_vertical_list_each_date_before_its_step(tmp_path_factory):
    require_tool("rsvg-convert", "librsvg2-bin")
    app = build(tmp_path_factory, "progress", "latex")
    tex = (app.outdir / "zeitleiste.tex").read_text("utf-8")
    timeline = tex[tex.index(r"\section{Zeitleiste}") :]
    timeline = timeline[: timeline.index(r"\end{description}")]
    assert r"\begin{description}" in timeline
    assert r"\subsection" not in timeline
    items = re.findall(r"\\sphinxlineitem\{(.*?)\\phantomsection", timeline)
    assert [item.replace(r"\sphinxhyphen{}", "-") for item in items] == [
        str(step["date"]) for step in steps()
    ]
    # each step keeps its anchor, its title is bold under its date
    assert (
        r"\sphinxlineitem{23.06.2017\phantomsection"
        r"\label{\detokenize{ergebnisse:auftakt-im-musterhaus}}}" in timeline
    )
    assert r"\sphinxstylestrong{Auftakt im Musterhaus}" in timeline


def test_pdf_lists_each_date_with_its_step(tmp_path_factory):
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    require_tool("rsvg-convert", "librsvg2-bin")
    require_tool("pdftotext", "poppler-utils")
    app = build(tmp_path_factory, "progress", "latex")
    make_pdf(app.outdir)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(app.outdir / "zeitleiste.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = lines.index("Zeitleiste")
    expected = [line for step in steps() for line in (str(step["date"]), step["title"])]
    shown = [line for line in lines[start + 1 :] if line in expected]
    assert shown[: len(expected)] == expected


# Bad input


BAD = """\
---
orphan: true
hero:
  title: Fehlerhafte Zeitleiste
timeline:
  - date: irgendwann im Frühjahr
    title: Unlesbares Datum
  - date: ' '
    title: Leeres Datum
  - dat: '2019'
    title: Vertipptes Datum
  - date: '2020'
    title: Schritt: mit Doppelpunkt
  - date: '2021'
    description: Ein Schritt ohne Titel.
  - Nur ein Text
---
<ProgressPage />
"""

WRONG_TYPE = """\
---
orphan: true
hero:
  title: Zeitleiste als Text
timeline: Nur ein Text
---
<ProgressPage />
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
        "falscher-typ.md:5: WARNING: Zeitleiste: muss eine Liste (Zeilen, die mit "
        "„- “ beginnen) sein, nicht der Text „Nur ein Text“; es wird nicht gezeigt "
        "[strategy.wrong_type]",
        "fehler.md:10: WARNING: Schritt 3 („Vertipptes Datum“), „dat“: unbekannter "
        "Schlüssel, gelesen als „date“ (Datum). Korrigiere ihn zu „date“ "
        "[strategy.unknown_key]",
        "fehler.md:13: WARNING: Schritt 4 („Schritt: mit Doppelpunkt“), Titel: der "
        "Wert enthält „: “; er wurde als Text gelesen. Setze den Wert in "
        "Anführungszeichen: title: 'Schritt: mit Doppelpunkt' [strategy.yaml]",
        "fehler.md:14: WARNING: Schritt 5: der Titel fehlt; bis er angegeben ist, "
        "lautet die Überschrift „Schritt 5“ [strategy.missing_key]",
        "fehler.md:16: WARNING: Schritt 6: muss Schlüssel mit Werten (Schlüssel: "
        "Wert) sein, nicht der Text „Nur ein Text“; es wird nicht gezeigt "
        "[strategy.wrong_type]",
        "fehler.md:6: WARNING: Schritt 1 („Unlesbares Datum“), Datum: „irgendwann "
        "im Frühjahr“ lässt sich nicht als Datum lesen; es wird gezeigt, wie es "
        "dasteht, aber ohne Datum für Maschinen (Suchmaschinen, Kalender). Lesbar "
        "sind Daten wie 23.06.2017, 22. Februar 2019, März 2018, Sommer 2019, 2019 "
        "oder 2015 - 2017 [strategy.date]",
    ]


def test_everything_valid_of_bad_input_still_renders(bad):
    page = main(bad, "fehler")
    sections = page.select("section.strategy-step")
    assert [text_of(s.h3) for s in sections] == [
        "Unlesbares Datum",
        "Leeres Datum",
        "Vertipptes Datum",
        "Schritt: mit Doppelpunkt",
        "Schritt 5",
    ]
    dates = [s.select_one(".strategy-step__date") for s in sections]
    # unreadable: shown as written, without <time>; blank: no date at all
    assert dates[0].get_text() == "irgendwann im Frühjahr"
    assert dates[0].find("time") is None
    assert dates[1] is None
    assert [d.time["datetime"] for d in dates[2:]] == ["2019", "2020", "2021"]
    assert "Ein Schritt ohne Titel." in sections[4].get_text()


def test_timeline_of_the_wrong_type_leaves_the_hero(bad):
    page = read_html(bad, "falscher-typ")
    assert headings(page) == [("h1", "Zeitleiste als Text")]


def test_a_preview_shows_the_date_problem_at_its_step(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "fehler.md").write_text(BAD, "utf-8")
    app = build_in(srcdir, confoverrides={"strategy_editor_notices": True})
    step = main(app, "fehler").select_one("#unlesbares-datum")
    notice = step.select_one(".strategy-editor-notice")
    assert "Zeile 6" in notice.get_text()
    assert "lässt sich nicht als Datum lesen" in notice.get_text()


def test_a_slip_in_the_cms_page_costs_only_its_step(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    page = srcdir / "ergebnisse.md"
    data = load_front_matter(CMS_PAGE, str(page)).data
    line = data.lines[("timeline", 2, "title")]
    lines = CMS_PAGE.splitlines(keepends=True)
    assert lines[line - 1].strip() == "title: Erste Probewerkstatt"
    lines[line - 1] = lines[line - 1].replace(
        "Erste Probewerkstatt", "Erste Probewerkstatt: Auftakt"
    )
    page.write_text("".join(lines), "utf-8")
    app = build_in(srcdir)
    warnings = warnings_of(app).strip().splitlines()
    assert len(warnings) == 1
    assert f"ergebnisse.md:{line}: WARNING: Schritt 3" in warnings[0]
    assert warnings[0].endswith("[strategy.yaml]")
    titles = [s["title"] for s in steps()]
    titles[2] = "Erste Probewerkstatt: Auftakt"
    assert [h for tag, h in headings(read_html(app, "ergebnisse")) if tag == "h3"] == (
        titles
    )


# Review marks and history


def page(data: dict) -> str:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n<ProgressPage />\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The test root released as v1.0; the work tree edits the timeline."""
    repo = tmp_path_factory.mktemp("timeline-review")
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
    timeline = data["timeline"]
    timeline[0]["description"] = timeline[0]["description"].replace(
        "erfundene", "ausgedachte"
    )
    timeline[1]["date"] = "24.06.2017"
    timeline[2]["title"] = "Erste Probewerkstatt im Musterhaus"  # same text
    del timeline[4]  # Sommerpause
    timeline.append(
        {"date": "2021", "title": "Neuer Probeschritt", "description": "Neu hier."}
    )
    (docs / "ergebnisse.md").write_text(page(data), "utf-8")
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


def test_review_marks_new_renamed_changed_and_removed_steps(reviewed):
    timeline = main(reviewed, "ergebnisse").select_one("section.strategy-timeline")
    new = timeline.select("section.strategy-review--new")
    assert [text_of(s.h3) for s in new] == ["Neuer Probeschritt"]
    assert new[0].select_one(".strategy-review__new").get_text() == "Neu"
    renamed = timeline.select_one("#erste-probewerkstatt-im-musterhaus")
    assert marked(renamed.select_one(".strategy-review__was del")) == (
        "Erste Probewerkstatt"
    )
    changed = timeline.select_one("#vorarbeiten-im-beispielverein")
    text = changed.select_one(".strategy-review__text")
    assert [marked(d) for d in text.find_all("del")] == ["erfundene"]
    assert [marked(i) for i in text.find_all("ins")] == ["ausgedachte"]
    # the removed step stays where it was, struck through: after its
    # predecessor, with it in its list item, without a number of its own
    before = timeline.select_one("#beratung-im-probegremium")
    assert before.select_one(".strategy-review__removed") is None
    removed = before.find_next_sibling(class_="strategy-review__removed")
    assert [s.get_text() for s in removed.p.find_all("strong")][-1] == "Entfernt:"
    assert marked(removed.find("del")) == "Sommerpause"


def test_review_marks_a_changed_date_with_the_old_one(reviewed):
    step = main(reviewed, "ergebnisse").select_one("#auftakt-im-musterhaus")
    date = step.select_one(".strategy-step__date")
    assert date.time["datetime"] == "2017-06-24"
    was = date.find_next_sibling("p")
    assert was.get_text().startswith("Bisher:")
    assert marked(was.find("del")) == "23.06.2017"
    unchanged = main(reviewed, "ergebnisse").select_one("#beschluss")
    assert unchanged.select_one(".strategy-review__was") is None


def test_history_names_each_change_of_the_timeline(reviewed):
    history = main(reviewed, "versionen")
    items = [
        li.find("p") for li in history.select("section.strategy-history ul ul > li")
    ]
    # in the order the page shows them
    assert numbered([p.get_text(" ", strip=True) for p in items]) == [
        "Text von „Vorarbeiten im Beispielverein“ geändert:",
        "Datum von „Auftakt im Musterhaus“ geändert: „23.06.2017“ → „24.06.2017“",
        "Schritt umbenannt: „Erste Probewerkstatt“ → „Erste Probewerkstatt im "
        "Musterhaus“",
        "Schritt entfernt: „Sommerpause“",
        "Neuer Schritt: „Neuer Probeschritt“",
    ]
    for paragraph in items:
        assert paragraph.a["href"].startswith("ergebnisse.html")


def test_review_marks_in_latex(repo, tmp_path):
    require_tool("rsvg-convert", "librsvg2-bin")
    shutil.copytree(repo, tmp_path / "repo")
    app = build_in(
        tmp_path / "repo" / "docs",
        "latex",
        confoverrides={"strategy_review_base": "v1.0"},
    )
    assert warnings_of(app) == ""
    tex = (app.outdir / "zeitleiste.tex").read_text("utf-8")
    assert r"\sphinxstrategydeleted{23.06.2017}" in tex
    assert r"\sphinxstrategydeleted{erfundene}" in tex
    assert r"\sphinxstrategyinserted{ausgedachte}" in tex
    assert r"\sphinxstrategydeleted{Sommerpause}" in tex
    assert r"\sphinxstylestrong{Neu}" in tex


# Layout in a browser: 1280 and 375 px, light and dark

DESKTOP, PHONE = 1280, 375


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    app = build(tmp_path_factory, "progress", confoverrides={"html_theme": "furo"})
    return (app.outdir / "ergebnisse.html").as_uri()


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
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )


@pytest.mark.browser
def test_desktop_date_beside_each_step(browser, page_url):
    page = open_page(browser, page_url, DESKTOP)
    dates = boxes(page, "section.strategy-step > .strategy-step__date")
    titles = boxes(page, "section.strategy-step > h3")
    assert len(dates) == len(titles) == len(steps())
    for date, title in zip(dates, titles, strict=True):
        assert date["x"] + date["width"] <= title["x"]  # left of it
        assert abs(date["y"] - title["y"]) < title["height"]  # on its line
    # the steps go down the page in order
    assert [t["y"] for t in titles] == sorted(t["y"] for t in titles)


@pytest.mark.browser
def test_phone_date_above_each_step(browser, page_url):
    page = open_page(browser, page_url, PHONE)
    dates = boxes(page, "section.strategy-step > .strategy-step__date")
    titles = boxes(page, "section.strategy-step > h3")
    for date, title in zip(dates, titles, strict=True):
        assert date["y"] + date["height"] <= title["y"] + 1
        assert abs(date["x"] - title["x"]) < 1


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
