"""``make diff`` and ``make synopse`` take a git ref as data, never as code.

A branch name may hold backticks, quotes, ``;`` and ``$(…)``; such a name
reaches the Python commands through the environment, not through a shell.
A ref starting with ``-`` would be an option of git: it is refused.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, copy_site, git, require_tool
from test_print import PDF_PACKAGES


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site, released as v1.0; its project folder."""
    project = tmp_path_factory.mktemp("refs") / "site"
    project.mkdir()
    copy_site(project)
    return project


def hostile_names(marker: Path) -> list[str]:
    """Branch names (git takes each) that run a command in a shell: each
    would create ``marker``, or leave out part of the name."""
    return [
        f"x`>{marker}`",
        f'x";>{marker};"',
        f"x'`>{marker}`'",
        "x$(touch${IFS}pwned)",
    ]


def make(site: Path, target: str, *variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            require_tool("make", "make"),
            "--no-print-directory",
            "-C",
            str(REPO),
            target,
            *variables,
            f"SOURCEDIR={site / 'docs'}",
            f"CONFDIR={site}",
            # the environment running the tests, as it is: no (re)install
            f"VENV={sys.prefix}",
            "VENV_STAMP=",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_make_diff_takes_a_branch_name_as_it_is(site, tmp_path):
    marker = tmp_path / "pwned"
    for name in hostile_names(marker):
        git(site, "branch", name)
        result = make(site, "diff", f"BASE={name}")
        assert not marker.exists(), name
        assert not (REPO / "pwned").exists(), name
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == (
            f"Keine Änderungen an der Strategie gegenüber `{name}`."
        )


def test_make_diff_as_markdown_fences_a_name_with_backticks(site, tmp_path):
    name = "a`b``c"
    git(site, "branch", name)
    result = make(site, "diff", f"BASE={name}", "FORMAT=markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Keine Änderungen an der Strategie gegenüber ```a`b``c```."
    )


def test_make_diff_takes_the_format_as_it_is(site, tmp_path):
    marker = tmp_path / "pwned"
    result = make(site, "diff", "BASE=v1.0", f'FORMAT=x";>{marker};"')
    assert not marker.exists()
    assert result.returncode != 0
    assert "unknown format" in result.stderr


@pytest.mark.parametrize("target", ["diff", "synopse"])
def test_a_ref_that_git_would_read_as_an_option_is_refused(site, tmp_path, target):
    written = tmp_path / "x"
    result = make(site, target, f"BASE=--output={written}")
    assert result.returncode != 0
    assert not written.exists()
    assert (
        f"Die Git-Referenz „--output={written}“ beginnt mit „-“, darum läse git "
        "sie als Option; sie wird nicht verwendet. Nenne ein Tag, einen Branch "
        "oder einen Commit."
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_ref_is_named_in_german(site):
    result = make(site, "diff", "BASE=v9.9")
    assert result.returncode != 0
    assert (
        "Unbekannte Git-Referenz „v9.9“: sie benennt keinen Commit. Nenne ein "
        "Tag, einen Branch oder einen Commit, z. B. v1.0."
    ) in result.stderr


def test_make_synopse_takes_a_branch_name_as_it_is(site, tmp_path):
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    marker = tmp_path / "pwned"
    name = hostile_names(marker)[1]
    git(site, "branch", name, "v1.0")
    build = tmp_path / "build"
    result = make(site, "synopse", f"BASE={name}", f"BUILDDIR={build}")
    assert not marker.exists()
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (build / "synopse").iterdir()) == [
        "synopse.html",
        "synopse.pdf",
    ]
    html = BeautifulSoup(
        (build / "synopse" / "synopse.html").read_text("utf-8"), "html.parser"
    )
    assert "Fassung 1.0" in html.h1.get_text()
