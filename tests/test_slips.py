"""An editor's slip costs only its own block, with one clear German message.

Each test makes one slip in a copy of the site, in the first goal of the
copy's ``docs/projekt.md`` (found through the copy's own data, so the tests
hold whatever the page says), and builds the whole site.  Expected of any
content: exactly one warning more than the copy gave before (editors may have
published a slip of their own), at the line of the slip, naming the goal as
editors count it; every heading of the page is still there.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    build_in,
    copy_site,
    headings,
    read_html,
    software_warnings,
    warnings_of,
)
from strategy_pages.loading import load_front_matter


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = copy_site(tmp_path_factory.mktemp("site"))
    before = build_in(srcdir)
    assert software_warnings(before) == ""
    return srcdir, headings(read_html(before, "projekt")), warnings_of(before)


def first_goal(page: Path) -> tuple[tuple, dict[tuple, int]]:
    """The key path of the first goal and the lines of the data."""
    data = load_front_matter(page.read_text("utf-8"), str(page)).data
    goals = data.value["goals"]
    path = ("goals", "items", 0) if isinstance(goals, dict) else ("goals", 0)
    return path, data.lines


def key_lines(goal: tuple, lines: dict[tuple, int]) -> dict[str, int]:
    return {
        path[-1]: line
        for path, line in lines.items()
        if len(path) == len(goal) + 1 and path[: len(goal)] == goal
    }


def slip_in_title(line: str, title: str) -> str:
    return re.sub(r"title:.*$", f"title: {title}: Nachtrag", line)


def misspell(line: str, title: str) -> str:
    return line.replace("title:", "titel:", 1)


def tab_indent(line: str, title: str) -> str:
    return "\t" + line.lstrip(" ")


def one_space_more(line: str, title: str) -> str:
    return " " + line


#: (slip, which key's line it changes, its subtype, what the message says)
SLIPS: list[tuple[Callable[[str, str], str], str, str, str]] = [
    (
        slip_in_title,
        "title",
        "yaml",
        "der Wert enthält „: “; er wurde als Text gelesen. Setze den Wert in "
        "Anführungszeichen: title: '{title}: Nachtrag'",
    ),
    (
        misspell,
        "title",
        "unknown_key",
        "„titel“: unbekannter Schlüssel, gelesen als „title“ (Titel). Korrigiere "
        "ihn zu „title“",
    ),
    (tab_indent, "other", "yaml", "ist mit einem Tabulator eingerückt"),
    (one_space_more, "other", "yaml", "die Einrückung passt nicht"),
]


@pytest.mark.parametrize(
    ("slip", "where", "subtype", "message"),
    SLIPS,
    ids=[slip.__name__ for slip, *_ in SLIPS],
)
def test_a_slip_costs_only_its_block(site, tmp_path, slip, where, subtype, message):
    srcdir, expected_headings, before = site
    project = tmp_path / "site"
    shutil.copytree(srcdir.parent, project)
    page = project / "docs" / "projekt.md"
    goal, lines = first_goal(page)
    keys = key_lines(goal, lines)
    title_line = keys["title"]
    if where == "other":  # a key below the item's first line
        others = [line for key, line in keys.items() if line != lines[goal]]
        if not others:
            pytest.skip("the first goal has a single key")
        target = others[0]
    else:
        target = title_line
    text = page.read_text("utf-8").split("\n")
    title = re.sub(r"^.*?title:\s*", "", text[title_line - 1]).strip("'\"")
    text[target - 1] = slip(text[target - 1], title)
    page.write_text("\n".join(text), "utf-8")

    app = build_in(project / "docs")

    known = set(before.replace(str(srcdir), str(project / "docs")).splitlines())
    warnings = [line for line in warnings_of(app).splitlines() if line not in known]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{page}:{target}: WARNING: Ziel 1 (")
    assert message.format(title=title) in warnings[0]
    assert warnings[0].endswith(f"[strategy.{subtype}]")
    shown = headings(read_html(app, "projekt"))
    if slip is slip_in_title:
        expected_headings = [
            (tag, f"{title}: Nachtrag" if text == title else text)
            for tag, text in expected_headings
        ]
    assert shown == expected_headings
