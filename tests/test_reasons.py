"""The reason (Begründung) of each change, from the commit that made it.

The scenario: the released seed, then a proposal in three commits: one with a
``Begründung:`` trailer, one with a body and a sign-off, one with a subject
only; a goal's text edited in two of them; and an edit left uncommitted.
Each change carries the reasons of the commits that made it, in every output
of the comparison, and nothing where git gives none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_in, git, numbered, read_html, warnings_of
from strategy_pages import review
from strategy_pages.reasons import reason
from test_git_releases import released_repository
from test_history import commit, page, seed_data

TRAILER = "Der Gemeinderat hat die Vernetzung beschlossen."
BODY = "Die Verwaltung hat das Ziel neu gefasst."


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Subject only", ""),
        ("Subject\n\nA body\nin two lines.", "A body in two lines."),
        ("Subject\n\nBody.\n\nSigned-off-by: A <a@example.org>", "Body."),
        ("Subject\n\nBody.\n\nBegründung: Beschluss vom 1.2.", "Beschluss vom 1.2."),
        ("Subject\n\nBegründung: lang\n  und weiter\nOther: x", "lang und weiter"),
        ("Subject\n\nreason: English", "English"),
    ],
)
def test_a_commit_gives_its_trailer_else_its_body(message, expected):
    assert reason(message) == expected


@pytest.fixture
def proposal(tmp_path) -> Path:
    repo = released_repository(tmp_path / "repo")  # v1.2: the seed less goal 1
    docs = repo / "docs"
    data = seed_data()
    del data["goals"][0]
    data["goals"].append({"title": "Vernetzung", "description": "Neues Ziel."})
    data["goals"].insert(0, data["goals"].pop(2))  # Vernetzung to the top
    (docs / "projekt.md").write_text(page(data), "utf-8")
    commit(repo, f"Vernetzung nach oben\n\nBegründung: {TRAILER}")
    data["goals"][1]["description"] = "Eine erste Fassung."
    (docs / "projekt.md").write_text(page(data), "utf-8")
    commit(repo, f"Ziel neu gefasst\n\n{BODY}\n\nSigned-off-by: A <a@example.org>")
    data["goals"][1]["description"] = "Eine zweite Fassung."
    data["goals"][2]["description"] = "Ohne Begründung geändert."
    (docs / "projekt.md").write_text(page(data), "utf-8")
    commit(repo, "Nochmals")
    data["structures"][0]["description"] = "Noch nicht eingecheckt."
    (docs / "projekt.md").write_text(page(data), "utf-8")
    return repo


def test_make_diff_gives_each_change_its_reasons(proposal, capsys):
    docs = proposal / "docs"
    assert review.main(["v1.2", "--srcdir", str(docs), "--format", "text"]) == 0
    lines = capsys.readouterr().out.splitlines()
    headlines = [line for line in lines if line.startswith("- ")]
    assert [line.split(" ", 2)[2] for line in headlines] == [
        "Ziel verschoben: „Vernetzung“ (bisher Nr. 3, jetzt Nr. 1)",
        f"Text von „{seed_data()['goals'][1]['title']}“ geändert:",
        f"Text von „{seed_data()['goals'][2]['title']}“ geändert:",
        f"Text von „{seed_data()['structures'][0]['title']}“ geändert:",
    ]
    reasons = reasons_by_number(lines)
    assert reasons["Ä1"] == [f"Begründung: {TRAILER}"]
    # edited in two commits, only one of which gives a reason
    assert reasons["Ä2"] == [f"Begründung: {BODY}"]
    assert reasons["Ä3"] == []  # its commit has a subject only
    assert reasons["Ä4"] == []  # not committed yet
    assert "Signed-off-by" not in "\n".join(lines)


def reasons_by_number(lines: list[str]) -> dict[str, list[str]]:
    """The reason lines under each change of a ``make diff`` text."""
    found: dict[str, list[str]] = {}
    for line in lines:
        if line.startswith("- "):
            current = found.setdefault(line.split(" ", 2)[1], [])
        elif line.startswith("  Begründung:"):
            current.append(line.strip())
    return found


def test_markdown_gives_the_reason_in_italics(proposal, capsys):
    docs = proposal / "docs"
    assert review.main(["v1.2", "--srcdir", str(docs)]) == 0
    out = capsys.readouterr().out
    assert "  *Begründung: Der Gemeinderat hat die Vernetzung beschlossen\\.*" in out


def test_the_history_gives_reasons_under_the_numbered_changes(proposal):
    app = build_in(proposal / "docs")
    assert warnings_of(app) == ""
    main = read_html(app, "index").select_one("[role=main]")
    unpublished = main.select("section.strategy-history")[0]
    items = unpublished.select("ul ul > li")
    headlines = numbered([li.find("p").get_text(" ", strip=True) for li in items])
    assert headlines[0] == "Ziel verschoben: „Vernetzung“ (bisher Nr. 3, jetzt Nr. 1)"
    reasons = [
        [p.get_text() for p in li.select(".strategy-history__reason")] for li in items
    ]
    assert reasons[0] == [f"Begründung: {TRAILER}"]
    assert reasons[1] == [f"Begründung: {BODY}"]
    assert reasons[2:] == [[], []]


def test_a_release_section_gives_the_reasons_of_its_commits(tmp_path):
    repo = released_repository(tmp_path / "repo")
    docs = repo / "docs"
    data = seed_data()
    del data["goals"][0]
    data["goals"].append({"title": "Vernetzung", "description": "Neues Ziel."})
    data["goals"][0]["title"] = "Umbenannt"
    (docs / "projekt.md").write_text(page(data), "utf-8")
    commit(repo, f"Umbenennung\n\nBegründung: {TRAILER}", "v1.3", "2023-01-01T12:00")
    git(repo, "status")

    app = build_in(docs)

    main = read_html(app, "index").select_one("[role=main]")
    newest = main.select("section.strategy-history")[0]
    assert "Fassung 1.3" in newest.h2.get_text()
    reasons = [p.get_text() for p in newest.select(".strategy-history__reason")]
    assert reasons == [f"Begründung: {TRAILER}"]


def test_a_change_has_one_number_in_every_output(proposal, capsys):
    """The review page, the history's unpublished section and ``make diff``
    number the changes against the newest release alike."""
    docs = proposal / "docs"
    app = build_in(docs, confoverrides={"strategy_review_base": "v1.2"})
    assert warnings_of(app) == ""
    page = read_html(app, "projekt").select_one("[role=main]")
    on_page = {
        section.find(["h2", "h3"]).get_text(strip=True).rstrip("¶"): number.get_text()
        for section in page.select("section.strategy-item")
        if (number := section.select_one(".strategy-review__number"))
    }
    goals = seed_data()["goals"]
    formats = seed_data()["structures"]
    assert on_page == {
        "Vernetzung": "Ä1",
        goals[1]["title"]: "Ä2",
        goals[2]["title"]: "Ä3",
        formats[0]["title"]: "Ä4",
    }
    history = read_html(app, "index").select("section.strategy-history")[0]
    in_history = [
        li.find("p").get_text(" ", strip=True) for li in history.select("ul ul > li")
    ]
    assert review.main(["v1.2", "--srcdir", str(docs), "--format", "text"]) == 0
    in_diff = [
        line[2:] for line in capsys.readouterr().out.splitlines() if line[:2] == "- "
    ]
    assert in_history == in_diff
    for title, number in on_page.items():
        assert any(h.startswith(f"{number} ") and f"„{title}“" in h for h in in_diff)


def test_a_merged_branch_gives_its_commits_reasons_not_the_merge_message(
    tmp_path, capsys
):
    repo = released_repository(tmp_path / "repo")
    docs = repo / "docs"
    git(repo, "checkout", "-q", "-b", "vorschlag")
    data = seed_data()
    del data["goals"][0]
    data["goals"].append({"title": "Vernetzung", "description": "Anders gefasst."})
    (docs / "projekt.md").write_text(page(data), "utf-8")
    commit(repo, f"Neu gefasst\n\nBegründung: {TRAILER}")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge\n\nPull request 7", "vorschlag")

    assert review.main(["v1.2", "--srcdir", str(docs), "--format", "text"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert reasons_by_number(lines) == {"Ä1": [f"Begründung: {TRAILER}"]}
