"""`make diff`: what the work tree changes, as text for a terminal and as
Markdown for a pull request."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOTS, git, require_tool
from strategy_pages import review

SEED = (ROOTS / "test-seed" / "projekt.md").read_text("utf-8")
REPO = Path(__file__).parents[1]


def page(data: dict) -> str:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n<ProjectPage />\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The seed released as v1.0; the work tree edits it."""
    repo = tmp_path_factory.mktemp("review")
    shutil.copytree(ROOTS / "test-seed", repo / "docs")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Erste Fassung")
    git(repo, "tag", "v1.0")
    data = yaml.safe_load(SEED.split("---\n")[1])
    data["hero"]["description"] = data["hero"]["description"].replace(
        "seit drei Jahren", "seit fünf Jahren"
    )
    data["goals"].append({"title": "Neu_es [Ziel]", "description": "x"})
    (repo / "docs" / "projekt.md").write_text(page(data), "utf-8")
    return repo


def run(repo: Path, *options: str) -> list[str]:
    make = require_tool("make", "make")
    result = subprocess.run(
        [
            make,
            "--no-print-directory",
            "-C",
            str(REPO),
            "diff",
            "BASE=v1.0",
            f"SOURCEDIR={repo / 'docs'}",
            # the environment running the tests, as it is: no (re)install
            f"VENV={sys.prefix}",
            "VENV_STAMP=",
            *options,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


INTRODUCTION = [
    "  Im Rahmen einer neuen strategischen Zielausrichtung des Bürgerschaftlichen",
    "  Engagements werden bereits seit [-drei-] {+fünf+} Jahren die Aufgabenbereiche",
    "  zwischen dem Haupt- und Personalamt, dem Sozialamt, den übrigen",
    "  Fachverwaltungen sowie mit den zivilgesellschaftlichen Organisationen und",
    "  Unternehmen enger aufeinander abgestimmt. Es soll Orte des Bürgerschaftlichen",
    "  Engagements geben, die das Engagement stärken und bei der Weiterentwicklung",
    "  desselben helfen sollen.",
]


def test_make_diff_prints_plain_text_for_a_terminal(repo):
    assert run(repo) == [
        "Änderungen an der Strategie gegenüber `v1.0`",
        "============================================",
        "",
        "Projektbeschreibung",
        "-------------------",
        "- Ä1 Einleitung geändert:",
        *INTRODUCTION,
        "- Ä2 Neues Ziel: „Neu_es [Ziel]“",
        "  {+x+}",
    ]


def test_text_lines_fit_a_terminal_and_hold_no_markdown_escapes(repo):
    lines = run(repo)
    assert max(len(line) for line in lines) <= review.TEXT_WIDTH
    assert not any("\\" in line for line in lines)


def test_make_diff_format_markdown_is_for_a_pull_request(repo):
    lines = run(repo, "FORMAT=markdown")
    assert lines[0] == "### Änderungen an der Strategie gegenüber `v1.0`"
    assert r"- **Ä2** Neues Ziel: „Neu\_es \[Ziel\]“" in lines
    assert any(r"~~drei~~ <ins>fünf</ins> Jahren" in line for line in lines)
    assert any(r"Haupt\- und" in line for line in lines)


def test_text_without_changes(repo, tmp_path, capsys):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    assert (
        review.main(["v1.0", "--srcdir", str(clone / "docs"), "--format", "text"]) == 0
    )
    assert capsys.readouterr().out == (
        "Keine Änderungen an der Strategie gegenüber `v1.0`.\n"
    )


def test_an_unknown_format_or_a_ref_like_an_option_is_refused(repo, capsys):
    with pytest.raises(SystemExit) as exit_info:
        review.main(["v1.0", "--srcdir", str(repo / "docs"), "--format", "html"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'html'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        review.main(["--srcdir", str(repo / "docs"), "--", "--output=x"])
    assert "Die Git-Referenz „--output=x“ beginnt mit „-“" in capsys.readouterr().err
