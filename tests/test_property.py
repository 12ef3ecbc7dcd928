"""Nothing lost: for generated valid data, in both shapes, every title and
description appears, in order, in the HTML, text and LaTeX output."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import ROOTS, build_in, warnings_of
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ0123456789",
    min_size=1,
    max_size=12,
)
TEXT = st.lists(WORD, min_size=1, max_size=12).map(" ".join)


@st.composite
def pages(draw):
    titles = draw(st.lists(TEXT, min_size=2, max_size=8, unique_by=str.lower))
    goal_count = draw(st.integers(min_value=1, max_value=len(titles) - 1))
    item = lambda title: {"title": title, "description": draw(TEXT)}  # noqa: E731
    goals = [item(title) for title in titles[:goal_count]]
    formats = [item(title) for title in titles[goal_count:]]
    hero = {
        "title": draw(
            TEXT.filter(lambda t: t.lower() not in {x.lower() for x in titles})
        ),
        "description": draw(TEXT),
    }
    structure = {"title": draw(TEXT), "description": draw(TEXT)}
    if draw(st.booleans()):  # flat shape
        data = {
            "hero": hero,
            "goals": goals,
            "structure": structure,
            "structures": formats,
        }
        goals_heading = "Ziele"
    else:  # nested shape
        goals_heading = draw(TEXT)
        data = {
            "hero": hero,
            "goals": {"title": goals_heading, "items": goals},
            "structure": {**structure, "items": formats},
        }
    expected = [hero["title"], hero["description"], goals_heading]
    for entry in goals:
        expected += [entry["title"], entry["description"]]
    expected += [structure["title"], structure["description"]]
    for entry in formats:
        expected += [entry["title"], entry["description"]]
    return data, expected


def in_order(text: str, parts: list[str]) -> bool:
    text = " ".join(text.split())
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


READERS = {
    "html": (
        "projekt.html",
        lambda path: (
            BeautifulSoup(path.read_text("utf-8"), "html.parser")
            .select_one("[role=main]")
            .get_text(" ")
        ),
    ),
    "text": ("projekt.txt", lambda path: path.read_text("utf-8")),
    "latex": ("strategie.tex", lambda path: path.read_text("utf-8")),
}


# Each example is three Sphinx builds: few examples, and no shrinking (a
# failing example is printed as found).
@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(pages())
def test_every_title_and_description_in_order(page):
    data, expected = page
    with tempfile.TemporaryDirectory() as folder:
        srcdir = Path(folder) / "src"
        srcdir.mkdir()
        shutil.copy(ROOTS / "test-seed" / "conf.py", srcdir)
        (srcdir / "index.md").write_text(
            "# Start\n\n```{toctree}\nprojekt\n```\n", "utf-8"
        )
        (srcdir / "projekt.md").write_text(
            "---\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            + "---\n<ProjectPage />\n",
            "utf-8",
        )
        for buildername, (name, read) in READERS.items():
            app = build_in(srcdir, buildername)
            assert warnings_of(app) == ""
            output = read(app.outdir / name)
            assert in_order(output, expected), (buildername, expected)
