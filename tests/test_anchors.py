"""Deep links survive renames: a renamed goal or format keeps its old anchors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import build_in, git, read_html, warnings_of
from docutils.nodes import make_id
from strategy_pages import history

ACQUISITION = "die Engagementgewinnung und den Erhalt bestehender Angebote fördern"
PARTICIPATION = "Strukturen für Beteiligung und Mitwirkung bereitstellen"
CENTRAL = "ein Haus für das Engagement in zentraler Lage"
DIGITAL = "digitale Angebote bündeln und weiterentwickeln"

GOALS = {"Aquise": ACQUISITION, "Beteiligung": PARTICIPATION}
FORMATS = {"Zentral": CENTRAL, "Digital": DIGITAL}


def write_page(
    docs: Path, goals: dict[str, str], formats: dict[str, str] | None = None
) -> None:
    """The strategy page (the root document): titles and texts of its items."""
    data = {
        "hero": {"title": "Projekt"},
        "goals": [{"title": t, "description": d} for t, d in goals.items()],
        "structure": {"title": "Format"},
        "structures": [
            {"title": t, "description": d} for t, d in (formats or FORMATS).items()
        ],
    }
    (docs / "index.md").write_text(
        "---\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        + "---\n<ProjectPage />\n",
        "utf-8",
    )


def new_site(root: Path, *, with_git: bool = True) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "conf.py").write_text(
        'extensions = ["myst_parser", "strategy_pages"]\nlanguage = "de"\n', "utf-8"
    )
    if with_git:
        git(root, "init", "-q")
    return docs


def commit(root: Path, tag: str | None = None) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", tag or "Änderung")
    if tag:
        git(root, "tag", tag)


def built_page(docs: Path):
    app = build_in(docs)
    assert warnings_of(app) == ""
    return read_html(app, "index")


def section_at(page, anchor: str):
    """The section a link to ``#anchor`` lands in."""
    target = page.find(id=anchor)
    assert target is not None, f"no element has the id {anchor!r}"
    return target if target.name == "section" else target.find_parent("section")


def title_of(section) -> str:
    return section.find(["h1", "h2", "h3"]).get_text(strip=True).rstrip("¶")


# Smart quotes change the shown title; the anchors follow the data's.
@pytest.mark.parametrize("new_title", ["Akquise", 'Die "Akquise"'])
def test_renamed_goal_keeps_its_old_anchor(tmp_path, new_title):
    docs = new_site(tmp_path)
    write_page(docs, GOALS)
    commit(tmp_path, "v1.0")
    write_page(docs, {new_title: ACQUISITION, "Beteiligung": PARTICIPATION})

    page = built_page(docs)

    section = section_at(page, "aquise")
    assert section["id"] == make_id(new_title)
    assert "strategy-goal" in section["class"]
    # unchanged items get no further ids
    assert section_at(page, "beteiligung").find_all("span", id=True) == []


def test_renamed_format_keeps_its_old_anchor(tmp_path):
    docs = new_site(tmp_path)
    write_page(docs, GOALS)
    commit(tmp_path, "v1.0")
    write_page(docs, GOALS, {"Zentral": CENTRAL, "Online": DIGITAL})

    page = built_page(docs)

    section = section_at(page, "digital")
    assert title_of(section) == "Online"
    assert "strategy-format" in section["class"]


def test_renamed_twice_over_two_releases_keeps_both_old_anchors(tmp_path):
    docs = new_site(tmp_path)
    write_page(docs, GOALS)
    commit(tmp_path, "v1.0")
    write_page(docs, {"Akquise": ACQUISITION, "Beteiligung": PARTICIPATION})
    commit(tmp_path, "v1.1")
    write_page(docs, {"Engagement gewinnen": ACQUISITION, "Beteiligung": PARTICIPATION})

    page = built_page(docs)

    for anchor in ("aquise", "akquise", "engagement-gewinnen"):
        assert title_of(section_at(page, anchor)) == "Engagement gewinnen"


def test_rename_between_releases_alone_keeps_the_old_anchor(tmp_path):
    docs = new_site(tmp_path)
    write_page(docs, GOALS)
    commit(tmp_path, "v1.0")
    write_page(docs, {"Akquise": ACQUISITION, "Beteiligung": PARTICIPATION})
    commit(tmp_path, "v1.1")

    page = built_page(docs)

    assert title_of(section_at(page, "aquise")) == "Akquise"


def test_old_anchor_another_item_has_now_stays_with_it(tmp_path):
    docs = new_site(tmp_path)
    write_page(docs, GOALS)
    commit(tmp_path, "v1.0")
    # The goal Aquise is renamed, and a new format takes its title.
    write_page(
        docs,
        {"Akquise": ACQUISITION, "Beteiligung": PARTICIPATION},
        {**FORMATS, "Aquise": "ein Format, das neue Engagierte sucht"},
    )

    page = built_page(docs)

    (target,) = page.find_all(id="aquise")
    assert target.name == "section"
    assert "strategy-format" in target["class"]
    renamed = section_at(page, "akquise")
    assert renamed.find_all("span", id=True) == []


@pytest.mark.parametrize("case", ["no git", "no tags"])
def test_without_releases_there_are_no_old_anchors_and_no_warning(tmp_path, case):
    docs = new_site(tmp_path, with_git=case != "no git")
    write_page(docs, GOALS)
    if case == "no tags":
        commit(tmp_path)
    write_page(docs, {"Akquise": ACQUISITION, "Beteiligung": PARTICIPATION})

    page = built_page(docs)

    assert page.find(id="aquise") is None
    assert page.find(id="akquise") is not None


def git_commands(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The git commands the history runs from now on, each as a list.

    The history's caches of git's blobs and trees start empty: what earlier
    tests read of the same files stays out of the count.
    """
    monkeypatch.setattr(history, "_BLOB_PAGES", {})
    monkeypatch.setattr(history, "_TREES", {})
    commands: list[list[str]] = []
    run = subprocess.run

    def counting_run(command, *args, **kwargs):
        commands.append(command)
        return run(command, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    return commands


def test_all_releases_are_read_by_few_git_processes_once(tmp_path, monkeypatch):
    docs = new_site(tmp_path)
    write_page(docs, GOALS)
    (docs / "über.md").write_text("---\nhero:\n  title: Über\n---\n", "utf-8")
    commit(tmp_path, "v1.0")
    write_page(docs, {"Akquise": ACQUISITION, "Beteiligung": PARTICIPATION})
    commit(tmp_path, "v1.1")
    write_page(docs, {"Akquise": ACQUISITION})
    commit(tmp_path, "v1.2")
    commands = git_commands(monkeypatch)
    repository = history.Repository.find(docs)
    tags = ["v1.0", "v1.1", "v1.2"]

    snapshots = repository.snapshots(tags)
    again = repository.snapshots(tags)
    later = history.Repository.find(docs).snapshots(tags)

    # Reading: one process for the folder trees of all releases, one for
    # their files; again: nothing; a repository found later: the releases'
    # trees only (a tag may have moved), no file.
    assert [c for c in commands if c[:2] == ["git", "cat-file"]] == [
        ["git", "cat-file", "--batch"]
    ] * 3
    assert not [c for c in commands if "ls-tree" in c]
    assert again == snapshots == later
    assert sorted(snapshots["v1.0"]) == ["docs/index.md", "docs/über.md"]
    goals = {
        tag: [item.title for item in pages["docs/index.md"].goals.items]
        for tag, pages in snapshots.items()
    }
    assert goals == {
        "v1.0": ["Aquise", "Beteiligung"],
        "v1.1": ["Akquise", "Beteiligung"],
        "v1.2": ["Akquise"],
    }
    assert repository.pages("v1.1") == snapshots["v1.1"]


def test_a_build_with_a_history_page_finds_the_repository_once(tmp_path, monkeypatch):
    docs = new_site(tmp_path)
    write_page(docs, GOALS)
    commit(tmp_path, "v1.0")
    write_page(docs, {"Akquise": ACQUISITION, "Beteiligung": PARTICIPATION})
    commit(tmp_path, "v1.1")
    (docs / "versionen.md").write_text(
        "# Versionen\n\n```{strategy-history}\n```\n", "utf-8"
    )
    (docs / "index.md").write_text(
        (docs / "index.md").read_text("utf-8")
        + "\n```{toctree}\n:hidden:\n\nversionen\n```\n",
        "utf-8",
    )
    commands = git_commands(monkeypatch)
    found: list[history.Repository | None] = []
    find = history.Repository.find

    def counting_find(srcdir):
        found.append(find(srcdir))
        return found[-1]

    monkeypatch.setattr(history.Repository, "find", counting_find)
    app = build_in(docs)

    assert warnings_of(app) == ""
    page = read_html(app, "versionen")
    assert "Akquise" in page.get_text()  # the history read the releases
    assert section_at(read_html(app, "index"), "aquise")  # so did the anchors
    # The old anchors and the history page share the repository the build
    # found: one look for it, one listing of the releases, one reading of
    # their trees.
    assert len(found) == 1
    assert (
        sum(c[:3] == ["git", "tag", "--list"] and "--merged" in c for c in commands)
        == 1
    )
    assert sum(c[:2] == ["git", "cat-file"] for c in commands) == 2
