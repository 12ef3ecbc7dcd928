"""The landing page (<LandingPage />): hero, highlights, sponsors and call to
action, from an unchanged CMS-style file and through the directives.

The test root ``test-landing`` holds fictitious text only: a CMS-style front
page (``startseite.md``) whose links go to pages the site has (``/mitmachen``,
``/projekt``), to one it lacks (``/archiv``) and elsewhere; an older page
without sponsors and call to action; the directives from a data file in
Markdown and reStructuredText.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from bs4 import BeautifulSoup
from conftest import (
    ROOTS,
    build,
    build_in,
    headings,
    make_pdf,
    read_html,
    require_tool,
    warnings_of,
)
from test_print import PDF_PACKAGES, epubcheck_command, letters, pdf_text
from test_publication import pdf_objects

#: The one warning of the test root: the link to a page the site lacks.
MISSING_PAGE = (
    "startseite.md:24: WARNING: Schwerpunkt 2 („Ideen sammeln“), Link, "
    "Linkadresse: Auf dieser Website gibt es keine Seite unter „/archiv“; der "
    "Text wird ohne Link gezeigt. Gib die Adresse einer Seite der Website an "
    "(„/“ ist die Startseite) oder eine vollständige Adresse, die mit https: "
    "beginnt [strategy.link]"
)

#: Each title and the start of each text of the front page, in page order.
LANDING_TEXT = [
    "Gemeinsam in Beispielstadt",
    "Ein erfundenes Beispiel",
    "Diese Startseite ist",
    "Mitmachen",
    "Nachbarschaft erleben",
    "Ein erfundener Schwerpunkt über Treffen",
    "mehr lernen",
    "Ideen sammeln",
    "Ein zweiter, erfundener Schwerpunkt",
    "Hier sammelt eine erfundene Gruppe",
    "Zum Archiv",
    "Gemeinsam feiern",
    "Ein dritter erfundener Schwerpunkt",
    "Zum Verein",
    "Förderer",
    "Sei dabei",
    "Ein erfundener Aufruf zum Schluss",
    "Jetzt mitmachen",
]


#: The texts of the front page's links.
BUTTONS = {"Mitmachen", "mehr lernen", "Zum Archiv", "Zum Verein", "Jetzt mitmachen"}


def the_warnings(app) -> list[str]:
    """The build's warnings, each without the folder of its file."""
    return [
        re.sub(r"^.*/(?=[^/]+:\d+: )", "", line)
        for line in warnings_of(app).splitlines()
        if line.strip()
    ]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(tmp_path_factory, "landing")


@pytest.fixture(scope="module")
def front(app):
    return read_html(app, "startseite").select_one("[role=main]")


def test_the_only_warning_is_the_link_to_the_missing_page_once(app):
    assert the_warnings(app) == [MISSING_PAGE]


def test_cms_page_renders_whole_in_the_prototypes_order(app, front):
    assert headings(read_html(app, "startseite")) == [
        ("h1", "Gemeinsam in Beispielstadt"),
        ("h2", "Nachbarschaft erleben"),
        ("h2", "Ideen sammeln"),
        ("h2", "Gemeinsam feiern"),
        ("h2", "Förderer"),
        ("h2", "Sei dabei"),
    ]
    hero = front.select_one("section.strategy-hero")
    parts = [
        next(c for c in section["class"] if c != "strategy-item")
        for section in hero.find_all("section", recursive=False)
    ]
    assert parts == [
        "strategy-highlights",
        "strategy-highlights",
        "strategy-highlights",
        "strategy-sponsors",
        "strategy-call-to-action",
    ]
    assert_in_order(" ".join(front.get_text(" ").split()), LANDING_TEXT)


def assert_in_order(text: str, parts: list[str]) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing, or not after what comes before it"
        position = found + len(part)


def test_blank_subtitles_are_no_subtitles_and_spaces_are_trimmed(front):
    hero = front.select_one("section.strategy-hero")
    assert hero.select_one(".strategy-hero__subtitle").get_text() == (
        "Ein erfundenes Beispiel"
    )
    subtitles = {
        section["id"]: [
            s.get_text(strip=True) for s in section.select(".strategy-item__subtitle")
        ]
        for section in front.select("section.strategy-highlight")
    }
    assert subtitles == {
        "nachbarschaft-erleben": [],
        "ideen-sammeln": ["Ein zweiter, erfundener Schwerpunkt"],
        "gemeinsam-feiern": [],
    }
    assert (
        front.select("section.strategy-call-to-action .strategy-item__subtitle") == []
    )
    for element in front.find_all(["p", "h1", "h2", "h3", "h4"]):
        assert element.get_text(strip=True) or element.find("img"), element


def test_highlights_are_sections_with_anchors_image_on_alternate_sides(app, front):
    rows = front.select("section.strategy-highlight")
    assert [row["id"] for row in rows] == [
        "nachbarschaft-erleben",
        "ideen-sammeln",
        "gemeinsam-feiern",
    ]
    mirrored = ["strategy-highlight--mirrored" in row["class"] for row in rows]
    assert mirrored == [False, True, False]
    for row in rows:
        assert row.select_one(".strategy-item__image img") is not None
    index = (app.outdir / "searchindex.js").read_text("utf-8")
    assert '"Ideen sammeln"' in index


def test_site_addresses_link_to_their_pages_others_as_they_are(front):
    buttons = {
        p.get_text(strip=True): p.find("a") for p in front.select("p.strategy-button")
    }
    assert {text: a["href"] if a else None for text, a in buttons.items()} == {
        "Mitmachen": "mitmachen.html",  # /mitmachen
        "mehr lernen": "projekt.html",  # /projekt
        "Zum Archiv": None,  # /archiv: no such page
        "Zum Verein": "https://example.org/verein",
        "Jetzt mitmachen": "mitmachen.html",  # /mitmachen.html
    }
    for text, link in buttons.items():
        if link is not None:  # real links, named by their text
            assert link.get_text() == text
            assert "reference" in link["class"]


def test_sponsors_are_linked_logos_named_by_their_titles(front):
    sponsors = front.select_one("section.strategy-sponsors")
    assert sponsors.h2.get_text(strip=True).rstrip("¶") == "Förderer"
    logos = [
        (a["href"], a.img["alt"], a.img["src"])
        for a in sponsors.select(".strategy-sponsor__logo a")
    ]
    assert logos == [
        (
            "https://example.org/stiftung",
            "Beispiel-Stiftung",
            "_images/logo-stiftung.svg",
        ),
        ("https://example.com/", "Musterbank", "_images/logo-musterbank.png"),
    ]


def test_call_to_action_closes_the_page_with_its_button(front):
    closing = front.select_one("section.strategy-hero").find_all(
        "section", recursive=False
    )[-1]
    assert "strategy-call-to-action" in closing["class"]
    assert closing.h2.get_text(strip=True).rstrip("¶") == "Sei dabei"
    assert closing.select_one(".strategy-item__image img")["src"].endswith("aufruf.svg")
    assert closing.select_one("p.strategy-button a").get_text() == "Jetzt mitmachen"


def test_older_shape_shows_what_it_has(app):
    page = read_html(app, "aelter")
    assert headings(page) == [
        ("h1", "Eine ältere Fassung"),
        ("h2", "Ein einziger Schwerpunkt"),
    ]
    main = page.select_one("[role=main]")
    for absent in (
        ".strategy-sponsors",
        ".strategy-call-to-action",
        ".strategy-item__subtitle",
        ".strategy-hero__subtitle",
        ".strategy-button",
    ):
        assert main.select(absent) == [], absent
    assert page.title.get_text().startswith("Eine ältere Fassung")  # not xxx


def test_component_directives_in_markdown_nest_under_the_hero(app):
    page = read_html(app, "teile-md")
    assert headings(page) == [
        ("h1", "Startseite aus einer Datei"),
        ("h2", "Erster Schwerpunkt aus YAML"),
        ("h2", "Zweiter Schwerpunkt aus YAML"),
        ("h2", "Unsere Förderer"),
        ("h2", "Aufruf aus YAML"),
    ]
    main = page.select_one("[role=main]")
    hero = main.select_one("section.strategy-hero")
    assert hero.find("p", string="Ein Absatz zwischen den Teilen.") is not None
    closing = hero.select_one("section.strategy-call-to-action")
    assert "aus-markdown" in closing["class"]
    assert closing.find("p", string="Inhalt der Direktive in Markdown.")
    links = {a.get_text(): a["href"] for a in main.select("a.reference")}
    assert links["Zur Übersicht"] == "index.html"  # /
    assert links["mehr lernen"] == "projekt.html"  # /projekt/
    # a sponsor without a logo: its name, linking to a page of the site
    assert links["Förderverein ohne Logo"] == "projekt.html"


def test_page_directive_in_rst_with_options(app):
    page = read_html(app, "teile-rst")
    assert headings(page) == [
        ("h1", "Startseite in reStructuredText"),
        ("h2", "Startseite aus einer Datei"),
        ("h3", "Unsere Schwerpunkte"),
        ("h4", "Erster Schwerpunkt aus YAML"),
        ("h4", "Zweiter Schwerpunkt aus YAML"),
        ("h3", "Förderer"),
        ("h3", "Aufruf aus YAML"),
        ("h2", "Einzelne Teile"),
        ("h3", "Förderer"),
        ("h3", "Aufruf aus YAML"),
    ]
    hero = page.select_one("section.strategy-hero")
    assert "aus-rst" in hero["class"]
    assert hero.select_one("section.strategy-highlights > h3") is not None


# --- Every builder ----------------------------------------------------------


def _html_text(path):
    return BeautifulSoup(path.read_text("utf-8"), "html.parser").get_text(" ")


def _man_text(path):
    text = path.read_text("utf-8")
    return re.sub(r"\\(-|\(.{2}|.)", lambda m: "-" if m.group(1) == "-" else "", text)


def _plain(path):
    return path.read_text("utf-8")


#: builder -> (output file below outdir, reader)
OUTPUTS = {
    "html": ("startseite.html", _html_text),
    "dirhtml": ("startseite/index.html", _html_text),
    "singlehtml": ("index.html", _html_text),
    "epub": ("startseite.xhtml", _html_text),
    "latex": (
        "beispielstadt.tex",
        lambda p: _plain(p).replace(r"\sphinxhyphen{}", "-"),
    ),
    "text": ("startseite.txt", _plain),
    "man": ("beispielstadt.1", _man_text),
    "texinfo": ("beispielstadt.texi", _plain),
    "gettext": ("startseite.pot", _plain),
}


@pytest.mark.parametrize("buildername", sorted(OUTPUTS))
def test_every_builder_renders_the_page_in_order(tmp_path_factory, buildername):
    if buildername == "latex":
        require_tool("rsvg-convert", "librsvg2-bin")
    app = build(
        tmp_path_factory,
        "landing",
        buildername,
        confoverrides={
            "extensions": [
                "myst_parser",
                "strategy_pages",
                "sphinxcontrib.rsvgconverter",
            ],
        },
    )
    assert the_warnings(app) == [MISSING_PAGE]
    name, read = OUTPUTS[buildername]
    text = " ".join(read(app.outdir / name).split())
    position = 0
    # Links are no messages to translate (a translation would lose the link).
    skipped = BUTTONS if buildername == "gettext" else set()
    for part in (part for part in LANDING_TEXT if part not in skipped):
        found = text.lower().find(part.lower(), position)
        assert found >= 0, f"{part!r} missing in {buildername} output"
        position = found


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    require_tool("rsvg-convert", "librsvg2-bin")
    require_tool("pdftotext", "poppler-utils")
    app = build(
        tmp_path_factory,
        "landing",
        "latex",
        confoverrides={
            "extensions": [
                "myst_parser",
                "strategy_pages",
                "sphinxcontrib.rsvgconverter",
            ],
            "latex_engine": "xelatex",
        },
    )
    assert the_warnings(app) == [MISSING_PAGE]
    make_pdf(app.outdir)
    return app.outdir / "beispielstadt.pdf"


def test_pdf_has_the_page_in_order_with_working_links(pdf):
    text = letters(pdf_text(pdf))
    position = 0
    for part in LANDING_TEXT:
        found = text.find(letters(part), position)
        assert found >= 0, part
        position = found
    log = pdf.with_suffix(".log").read_text("utf-8", "replace")
    assert "undefined" not in log
    objects = pdf_objects(pdf)
    # links to the start of each page, by the destination of its label: more
    # than the table of contents' one
    aux = pdf.with_suffix(".aux").read_text("utf-8", "replace")
    for page in ("mitmachen", "projekt"):
        start = re.escape(f"\\newlabel{{{page}::doc}}{{")
        label = re.search(start + r"\{.*?\}\{.*?\}\{.*?\}\{(.+?)\}", aux)
        assert label, page
        link = f"/A<</S/GoTo/D({label[1]})>>/Rect".encode()
        assert objects.count(link) > 1, page
    assert "archiv::doc" not in aux
    assert b"/URI(https://example.org/verein)" in objects
    assert b"/URI(https://example.org/stiftung)" in objects
    # both logos placed, the SVG one converted
    assert "<use logo-stiftung.pdf>" in log
    assert "logo-musterbank.png" in log


def test_epub_passes_epubcheck_and_links_its_pages(tmp_path_factory):
    app = build(tmp_path_factory, "landing", "epub")
    assert the_warnings(app) == [MISSING_PAGE]
    (epub,) = app.outdir.glob("*.epub")
    check = subprocess.run(
        [*epubcheck_command(), str(epub)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    with zipfile.ZipFile(epub) as archive:
        page = BeautifulSoup(archive.read("startseite.xhtml"), "html.parser")
        names = set(archive.namelist())
    hrefs = [a["href"] for a in page.select("p.strategy-button a")]
    assert hrefs == [
        "mitmachen.xhtml",
        "projekt.xhtml",
        "https://example.org/verein",
        "mitmachen.xhtml",
    ]
    assert {"_images/logo-stiftung.svg", "_images/logo-musterbank.png"} <= names


# --- Bad input --------------------------------------------------------------

PAGES = {
    # a colon in a title and a misspelt key: each costs only itself
    "slip.md": """\
---
orphan: true
hero:
  title: Ausrutscher
highlights:
  - title: Erster: mit Doppelpunkt
    description: Text eins.
  - title: Zweiter
    subtitel: Falsch geschrieben
callToAction:
  title: Aufruf
---
<LandingPage />
""",
    "wrong.md": """\
---
orphan: true
hero:
  title: Falsche Typen
highlights: Ein Text statt einer Liste
sponsors:
  - title: Ohne Adresse
    link:
      url: https://example.org/
  - title: Gefährlich
    link: javascript:alert(1)
  - link: https://example.org/ohne-namen
callToAction:
  subtitle: Ohne Titel
---
<LandingPage/>
""",
    # highlights on a page whose type has none
    "unbenutzt.md": """\
---
orphan: true
hero:
  title: Unbenutzt
highlights:
  - title: Nirgends gezeigt
---
<ProjectPage />
""",
}

#: (file, line, subtype, message) of every warning of the bad pages.
EXPECTED = [
    (
        "slip.md",
        6,
        "yaml",
        "Schwerpunkt 1 („Erster: mit Doppelpunkt“), Titel: der Wert enthält "
        "„: “; er wurde als Text gelesen.",
    ),
    (
        "slip.md",
        9,
        "unknown_key",
        "Schwerpunkt 2 („Zweiter“), „subtitel“: unbekannter Schlüssel, gelesen "
        "als „subtitle“ (Untertitel).",
    ),
    (
        "unbenutzt.md",
        5,
        "unused",
        "Schwerpunkte: der Vorspann enthält das, aber nichts auf der Seite zeigt "
        "es; füge <LandingPage /> oder die Direktive highlights hinzu",
    ),
    (
        "wrong.md",
        5,
        "wrong_type",
        "Schwerpunkte: muss eine Liste (Zeilen, die mit „- “ beginnen) sein, "
        "nicht der Text „Ein Text statt einer Liste“; es wird nicht gezeigt",
    ),
    (
        "wrong.md",
        8,
        "wrong_type",
        "Förderer 1 („Ohne Adresse“), Link: muss Text sein, nicht Schlüssel "
        "mit Werten; es wird nicht gezeigt",
    ),
    (
        "wrong.md",
        11,
        "link",
        "Förderer 2 („Gefährlich“), Link: Links dürfen http, https oder mailto "
        "verwenden, nicht „javascript:alert(1)“; der Text wird ohne Link gezeigt",
    ),
    (
        "wrong.md",
        12,
        "missing_key",
        "Förderer 3: der Titel fehlt; bis er angegeben ist, lautet die "
        "Überschrift „Förderer 3“",
    ),
    (
        "wrong.md",
        13,
        "missing_key",
        "Aufruf zum Mitmachen: der Titel fehlt; bis er angegeben ist, steht die "
        "vorgegebene Überschrift da",
    ),
]


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("bad") / "src"
    shutil.copytree(ROOTS / "test-landing", srcdir)
    for name, text in PAGES.items():
        (srcdir / name).write_text(text, "utf-8")
    return build_in(srcdir)


def located(app) -> list[tuple[str, int, str, str]]:
    found = []
    for line in the_warnings(app):
        match = re.match(r"^(.+?):(\d+): WARNING: (.*) \[strategy\.(\w+)\]$", line)
        assert match, line
        found.append((match[1], int(match[2]), match[4], match[3]))
    return found


def test_bad_input_gives_one_located_german_warning_each(bad):
    warnings = [w for w in located(bad) if w[0] != "startseite.md"]
    assert len(warnings) == len(EXPECTED), warnings
    for (file, line, subtype, message), expected in zip(
        sorted(warnings), EXPECTED, strict=True
    ):
        assert file.endswith(expected[0]), (file, expected)
        assert (line, subtype) == expected[1:3], (file, message)
        assert message.startswith(expected[3]), message


def test_a_slip_costs_only_its_own_block(bad):
    page = read_html(bad, "slip")
    assert headings(page) == [
        ("h1", "Ausrutscher"),
        ("h2", "Erster: mit Doppelpunkt"),
        ("h2", "Zweiter"),
        ("h2", "Aufruf"),
    ]
    subtitle = page.select_one("#zweiter .strategy-item__subtitle")
    assert subtitle.get_text(strip=True) == "Falsch geschrieben"


def test_wrong_types_and_missing_keys_leave_the_rest(bad):
    page = read_html(bad, "wrong")
    assert headings(page) == [
        ("h1", "Falsche Typen"),
        ("h2", "Förderer"),
        ("h2", "Aufruf zum Mitmachen"),  # no title: the part's name
    ]
    sponsors = page.select_one("section.strategy-sponsors")
    names = [p.get_text(strip=True) for p in sponsors.select(".strategy-sponsor__logo")]
    assert names == ["Ohne Adresse", "Gefährlich", "Förderer 3"]
    links = [a["href"] for a in sponsors.select(".strategy-sponsor a")]
    assert links == ["https://example.org/ohne-namen"]  # no javascript: link
    assert "javascript" not in str(page)


# --- In the browser ---------------------------------------------------------


@pytest.fixture(scope="module")
def front_url(tmp_path_factory):
    app = build(tmp_path_factory, "landing", confoverrides={"html_theme": "furo"})
    return (app.outdir / "startseite.html").as_uri()


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


def opened(browser, url, width, dark=False, javascript=False):
    from test_browser import open_page

    return open_page(browser, url, width, dark=dark, javascript=javascript)


def box(page, selector):
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


@pytest.mark.parametrize("width", [1280, 375])
def test_no_horizontal_scrolling(browser, front_url, width):
    page = opened(browser, front_url, width)
    assert (
        page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )


def test_desktop_highlights_change_sides(browser, front_url):
    page = opened(browser, front_url, 1280)
    for anchor, image_left in [
        ("nachbarschaft-erleben", True),
        ("ideen-sammeln", False),
        ("gemeinsam-feiern", True),
    ]:
        title = box(page, f"#{anchor} > h2")
        image = box(page, f"#{anchor} .strategy-item__image")
        if image_left:
            assert image["x"] + image["width"] <= title["x"], anchor
        else:
            assert title["x"] + title["width"] <= image["x"], anchor
    logos = [box(page, f".strategy-sponsor >> nth={n}") for n in (0, 1)]
    assert round(logos[0]["y"]) == round(logos[1]["y"])  # in a row
    text = box(page, ".strategy-call-to-action__text")
    image = box(page, ".strategy-call-to-action__body > .strategy-item__image")
    assert image["x"] >= text["x"] + text["width"]


def test_phone_stacks_each_image_above_its_title(browser, front_url):
    page = opened(browser, front_url, 375)
    for anchor in ("nachbarschaft-erleben", "ideen-sammeln", "gemeinsam-feiern"):
        image = box(page, f"#{anchor} .strategy-item__image")
        title = box(page, f"#{anchor} > h2")
        assert image["y"] + image["height"] <= title["y"], anchor


@pytest.mark.parametrize("width", [1280, 375])
def test_links_are_buttons_big_enough_to_touch(browser, front_url, width):
    page = opened(browser, front_url, width)
    for selector in (".strategy-button a", ".strategy-sponsor__logo a"):
        links = page.locator(selector)
        assert links.count() >= 2
        for n in range(links.count()):
            found = links.nth(n).bounding_box()
            assert found is not None
            assert found["height"] >= 44, (selector, n, found)


def test_keyboard_focus_is_visible_on_a_button(browser, front_url):
    page = opened(browser, front_url, 1280, javascript=True)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.strategy-button') !== null"):
            break
    else:
        pytest.fail("no button reached with the keyboard")
    style = page.evaluate(
        "[getComputedStyle(document.activeElement).outlineStyle,"
        " getComputedStyle(document.activeElement).outlineWidth]"
    )
    assert style[0] != "none" and float(style[1].removesuffix("px")) >= 2


def _contrast(foreground: str, background: str) -> float:
    def luminance(css: str) -> float:
        channels = [float(v) / 255 for v in css[css.index("(") + 1 : -1].split(",")[:3]]
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_button_text_contrasts_with_the_button(browser, front_url, dark):
    page = opened(browser, front_url, 1280, dark=dark, javascript=True)
    colours = page.locator(".strategy-button a").first.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    assert _contrast(*colours) >= 4.5, colours


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", [1280, 375])
def test_no_serious_accessibility_violations(browser, front_url, dark, width):
    from axe_playwright_python.sync_playwright import Axe

    page = opened(browser, front_url, width, dark=dark, javascript=True)
    results = Axe().run(page)
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
