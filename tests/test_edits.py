"""An editor's edit of the strategy page never breaks the build.

Each test edits the goals or formats of a copy's ``docs/projekt.md`` as an
editor would (renames, adds, removes or reorders one) and builds the whole
site as ``sphinx-build -W --keep-going -c .`` does.  The edits are made to the
copy's own data, so the tests hold whatever the page says.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from conftest import build_in, copy_site, read_html, software_warnings
from docutils.nodes import make_id
from strategy_pages.loading import load_front_matter
from test_docs import heading_text, strategy_page, titles

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)

Items = list[dict[str, Any]]


def items_of(data: dict[str, Any], part: str) -> Items:
    """The list of goals or formats in either CMS shape; an empty one if none."""
    if part == "goals":
        goals = data.get("goals")
        if isinstance(goals, dict):
            return goals.setdefault("items", [])
        return data.setdefault("goals", [])
    structure = data.get("structure")
    if isinstance(structure, dict) and "items" in structure:
        return structure["items"]
    return data.setdefault("structures", [])


def unused_title(items: Items, title: str) -> str:
    taken = {item.get("title") for item in items}
    while title in taken:
        title += "+"
    return title


def rename(items: Items) -> None:
    if not items:
        pytest.skip("nothing to rename")
    items[0]["title"] = unused_title(items, f"{items[0]['title']} (umbenannt)")


def add(items: Items) -> None:
    items.append(
        {
            "title": unused_title(items, "Neuer Eintrag"),
            "description": "Ein Eintrag, den der Test hinzufügt.",
        }
    )


def remove(items: Items) -> None:
    if not items:
        pytest.skip("nothing to remove")
    del items[0]


def reorder(items: Items) -> None:
    if [item.get("title") for item in items] == [
        item.get("title") for item in reversed(items)
    ]:
        pytest.skip("nothing to reorder")
    items.reverse()


EDITS: dict[str, Callable[[Items], None]] = {
    "rename": rename,
    "add": add,
    "remove": remove,
    "reorder": reorder,
}


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The site as released (tagged v1.0); each test edits a copy of it."""
    project = tmp_path_factory.mktemp("released")
    copy_site(project)
    return project


def edit_strategy(path, part: str, edit: Callable[[Items], None]) -> None:
    """Edit the goals or formats of the page at ``path`` and write it back."""
    text = path.read_text("utf-8")
    data = load_front_matter(text, str(path)).data.value
    before = [item.get("title") for item in items_of(data, part)]
    edit(items_of(data, part))
    assert [item.get("title") for item in items_of(data, part)] != before
    front_matter = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    body = _FRONT_MATTER.sub("", text, count=1)
    path.write_text(f"---\n{front_matter}---\n{body}", "utf-8")


@pytest.mark.parametrize("part", ["goals", "formats"])
@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_edit_of_the_strategy_page_keeps_the_build_green(
    released, tmp_path, edit, part
):
    project = tmp_path / "site"
    shutil.copytree(released, project, symlinks=True)
    projekt = project / "docs" / "projekt.md"
    edit_strategy(projekt, part, edit)

    app = build_in(project / "docs")

    assert software_warnings(app) == ""
    edited = strategy_page(projekt)
    page = read_html(app, "projekt")
    for shown_part, css in (
        ("goals", "section.strategy-goal"),
        ("formats", "section.strategy-format"),
    ):
        shown = [heading_text(section) for section in page.select(css)]
        assert shown == titles(edited, shown_part)
    overview = read_html(app, "index").select_one(".strategy-overview")
    targets = [a["href"].removeprefix("projekt.html#") for a in overview.select("a")]
    assert targets == [
        make_id(title) for title in titles(edited, "goals") + titles(edited, "formats")
    ]
    assert [target for target in targets if page.find(id=target) is None] == []
