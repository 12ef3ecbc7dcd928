"""`make test` tests the software and `make check` the content.

An editor's slip in ``docs/`` is published (the build mends it and says so),
and a pull request with one keeps the software's tests green; `make check`,
the content's own gate, fails on it and names it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, copy_site

VENV = Path(sys.executable).parent.parent


def make_check(project: Path) -> subprocess.CompletedProcess[str]:
    """`make check` in ``project`` with this test's Python environment."""
    shutil.copy(REPO / "Makefile", project)
    stamp = VENV / ".installed"
    return subprocess.run(
        # -o: the environment counts as installed, whatever the copy's dates.
        ["make", "-o", str(stamp), "check", f"VENV={VENV}"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A copy of the site whose strategy page's first title has a slip."""
    docs = copy_site(tmp_path_factory.mktemp("check"))
    return docs.parent


def test_make_check_fails_on_a_slip_and_names_it(site, tmp_path):
    project = tmp_path / "site"
    shutil.copytree(site, project, symlinks=True)
    page = project / "docs" / "projekt.md"
    text = page.read_text("utf-8")
    slipped, count = re.subn(
        r"^(\s+)title: (\S.*)$", r"\1title: \2: Nachtrag", text, count=1, flags=re.M
    )
    assert count == 1
    page.write_text(slipped, "utf-8")
    line = text[: re.search(r"^\s+title: ", text, re.M).start()].count("\n") + 1

    run = make_check(project)

    assert run.returncode != 0
    assert f"projekt.md:{line}: WARNING:" in run.stderr, run.stderr
    assert "Setze den Wert in Anführungszeichen" in run.stderr
    assert "[strategy.yaml]" in run.stderr


def test_make_check_says_the_same_again(site, tmp_path):
    """A second run reads every page again: a slip is not forgotten because
    the page was read before."""
    project = tmp_path / "site"
    shutil.copytree(site, project, symlinks=True)
    page = project / "docs" / "projekt.md"
    page.write_text(
        page.read_text("utf-8").replace("\nhero:\n", "\nhero:\n  titel: x\n", 1),
        "utf-8",
    )
    first, second = make_check(project), make_check(project)
    assert first.returncode != 0 and second.returncode != 0
    assert "„titel“" in second.stderr
