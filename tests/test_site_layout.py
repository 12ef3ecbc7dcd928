"""The site's own words in headless Chromium: the name in the sidebar and the
page titles break between words, never inside one.

Chromium here hyphenates nothing (no dictionary), so a word too long for its
line would be split anywhere; at desktop and phone width, each word of the
site's name and of every page title must lie on a single line.
"""

from __future__ import annotations

import pytest
from conftest import build_in, copy_site
from test_browser import DESKTOP, PHONE, browser, open_page  # noqa: F401

#: [word, number of lines its letters lie on] for each word of the first match
WORDS_JS = """selector => {
  const element = document.querySelector(selector);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const words = [];
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (const match of text.data.matchAll(/\\S+/g)) {
      // the line of each letter: a range's own rectangles may include an
      // empty one where a line ends
      const lines = new Set();
      for (let i = match.index; i < match.index + match[0].length; i++) {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        lines.add(Math.round(range.getBoundingClientRect().top));
      }
      words.push([match[0], lines.size]);
    }
  }
  return words;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_in(copy_site(tmp_path_factory.mktemp("layout")))


def broken_words(page, selector: str) -> list[str]:
    words = page.evaluate(WORDS_JS, selector)
    assert words, selector
    return [word for word, lines in words if lines > 1]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_site_name_breaks_only_between_words(browser, site, width):  # noqa: F811
    page = open_page(browser, (site.outdir / "index.html").as_uri(), width)
    # On a phone the sidebar is a drawer: open it as its menu button does.
    page.evaluate("document.getElementById('__navigation').checked = true")
    assert broken_words(page, ".sidebar-brand-text") == []


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_page_titles_break_only_between_words(browser, site, width):  # noqa: F811
    for path in sorted(site.outdir.glob("*.html")):
        if path.name in ("search.html", "genindex.html"):
            continue
        page = open_page(browser, path.as_uri(), width)
        assert broken_words(page, "article h1") == [], path.name
