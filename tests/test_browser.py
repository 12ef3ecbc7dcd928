"""The built page in headless Chromium: layout at desktop and phone width, dark
mode, hyphenation, and accessibility (axe-core)."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

import pytest
from conftest import REPO, ROOTS, build, build_in, require_tool
from sphinx.util.tags import Tags

DESKTOP, PHONE = 1280, 375
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    app = build(tmp_path_factory, "seed", confoverrides={"html_theme": "furo"})
    return (app.outdir / "projekt.html").as_uri()


@pytest.fixture(scope="module")
def browser():
    executable = require_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def open_page(browser, url, width, *, dark=False, javascript=False):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme="dark" if dark else "light",
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.goto(url)
    return page


def box(page, selector):
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_horizontal_scrolling(browser, page_url, width):
    page = open_page(browser, page_url, width)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_desktop_hero_text_beside_image(browser, page_url):
    page = open_page(browser, page_url, DESKTOP)
    text, image = box(page, ".strategy-hero__text"), box(page, ".strategy-hero__image")
    assert image["x"] >= text["x"] + text["width"]
    assert image["y"] < text["y"] + text["height"]


def test_desktop_goals_zig_zag(browser, page_url):
    page = open_page(browser, page_url, DESKTOP)
    for anchor, image_left in [
        ("beteiligung", True),
        ("empowerment-und-inklusion", False),
        ("aquise", True),
    ]:
        title = box(page, f"#{anchor} > h3")
        image = box(page, f"#{anchor} .strategy-item__image")
        if image_left:
            assert image["x"] + image["width"] <= title["x"]
        else:
            assert title["x"] + title["width"] <= image["x"]


def test_desktop_formats_in_equal_columns(browser, page_url):
    page = open_page(browser, page_url, DESKTOP)
    columns = [
        box(page, f"#{anchor}") for anchor in ("zentral", "dezentral", "digital")
    ]
    assert len({round(column["y"]) for column in columns}) == 1
    assert columns[0]["x"] < columns[1]["x"] < columns[2]["x"]
    assert max(c["width"] for c in columns) - min(c["width"] for c in columns) < 1
    image, title = (
        box(page, "#zentral .strategy-item__image"),
        box(page, "#zentral > h3"),
    )
    assert image["y"] + image["height"] <= title["y"]  # image on top


def test_phone_everything_stacks(browser, page_url):
    page = open_page(browser, page_url, PHONE)
    text, image = box(page, ".strategy-hero__text"), box(page, ".strategy-hero__image")
    assert image["y"] >= text["y"] + text["height"]
    columns = [
        box(page, f"#{anchor}") for anchor in ("zentral", "dezentral", "digital")
    ]
    assert columns[0]["y"] + columns[0]["height"] <= columns[1]["y"]
    assert columns[1]["y"] + columns[1]["height"] <= columns[2]["y"]
    goal_image, goal_title = (
        box(page, "#beteiligung .strategy-item__image"),
        box(page, "#beteiligung > h3"),
    )
    assert goal_image["y"] + goal_image["height"] <= goal_title["y"]


def _luminance(css_color: str) -> float:
    channels = [
        float(v) for v in css_color[css_color.index("(") + 1 : -1].split(",")[:3]
    ]
    return sum(
        weight * value / 255
        for weight, value in zip((0.2126, 0.7152, 0.0722), channels, strict=True)
    )


@pytest.mark.parametrize("javascript", [False, True])
def test_dark_mode_follows_the_system(browser, page_url, javascript):
    page = open_page(browser, page_url, DESKTOP, dark=True, javascript=javascript)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.locator("#beteiligung .strategy-item__text p").evaluate(
        "e => getComputedStyle(e).color"
    )
    assert _luminance(background) < 0.2
    assert _luminance(text) > 0.7


def test_german_hyphenation_is_on(browser, page_url):
    page = open_page(browser, page_url, PHONE)
    assert page.evaluate("document.documentElement.lang") == "de"
    hyphens = page.locator("#digital .strategy-item__text p").evaluate(
        "e => getComputedStyle(e).hyphens || getComputedStyle(e).webkitHyphens"
    )
    assert hyphens == "auto"


#: A test root for each page type: the strategy page (and a page of links),
#: the landing page, the timeline, the working groups.
PAGE_TYPES = ("seed", "landing", "progress", "contribute")


def site_look() -> dict:
    """The site's HTML settings from its conf.py: theme, templates, catalog."""
    conf = runpy.run_path(str(REPO / "conf.py"), {"tags": Tags()})
    return {
        name: conf[name]
        for name in (
            "html_theme",
            "html_show_sourcelink",
            "html_copy_source",
            "html_use_index",
            "html_last_updated_fmt",
            "templates_path",
            "locale_dirs",
        )
    }


@pytest.fixture(scope="module", params=PAGE_TYPES)
def built_site(request, tmp_path_factory) -> list[Path]:
    """Every page of a test root built as the site is: furo, templates, catalog.

    The catalog is copied beside the pages, as conf.py names it: Sphinx
    compiles it where it finds it.
    """
    srcdir = tmp_path_factory.mktemp(request.param) / "src"
    shutil.copytree(ROOTS / f"test-{request.param}", srcdir)
    look = site_look()
    for folder in look["locale_dirs"]:
        shutil.copytree(REPO / "docs" / folder, srcdir / folder)
    app = build_in(srcdir, confoverrides=look)
    pages = sorted(Path(app.outdir).glob("*.html"))
    assert len(pages) > 2
    return pages


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_accessibility_violations_on_any_page(browser, built_site, width, dark):
    """axe-core finds nothing, of any impact: landmarks and regions included."""
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for path in built_site:
        page = open_page(browser, path.as_uri(), width, dark=dark, javascript=True)
        results = Axe().run(page)
        found += [
            (
                path.name,
                violation["id"],
                [node["target"] for node in violation["nodes"]],
            )
            for violation in results.response["violations"]
        ]
        page.context.close()
    assert found == []
