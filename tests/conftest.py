"""Shared fixtures: Sphinx's testing fixtures with this project's test roots."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(Path(__file__).parents[1] / "_ext"))

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parents[1]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def build(
    tmp_path_factory: pytest.TempPathFactory,
    testroot: str,
    buildername: str = "html",
    **kwargs: Any,
) -> SphinxTestApp:
    """Build a copy of ``tests/roots/test-<testroot>``; for module-scoped fixtures."""
    srcdir = tmp_path_factory.mktemp(testroot) / "src"
    shutil.copytree(ROOTS / f"test-{testroot}", srcdir)
    return build_in(srcdir, buildername, **kwargs)


def build_in(srcdir: Path, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
    """Build ``srcdir`` (again: its saved environment makes the build incremental).

    The app is cleaned up at once, as Sphinx's ``app`` fixture does after a
    test, so that several apps can be alive in one module; its output, status,
    warnings and environment stay readable.
    """
    app = SphinxTestApp(
        buildername, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def copy_site(project: Path) -> Path:
    """A released copy of the site in ``project``; its source folder.

    Committed and tagged ``v1.0``, as the version, the dates and the history
    come from git.  Sphinx's test app reads ``conf.py`` from the source
    folder; the copy's one reads the project's, as ``sphinx-build -c .`` does.
    """
    for folder in ("docs", "_templates"):
        shutil.copytree(REPO / folder, project / folder)
    # What the project's git ignores, the copy's does: a catalog a build of
    # docs/ compiled in this checkout is neither released nor a change.
    for file in ("conf.py", ".gitignore"):
        shutil.copy(REPO / file, project)
    (project / "docs" / "conf.py").write_text(
        # With Sphinx's tags, as Sphinx gives them to a conf.py it reads.
        "import runpy\n"
        "globals().update(runpy.run_path('../conf.py', {'tags': tags}))\n",
        "utf-8",
    )
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Strategie")
    git(project, "tag", "v1.0")
    return project / "docs"


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in ``path``, dated clearly after the last build.

    The file system's clock is coarser than the one Sphinx dates its reads
    with, so an edit right after a build could look older than the build.
    """
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))


def require_tool(name: str, debian_packages: str) -> str:
    """The path of a system tool; skip without it, but fail in CI (CI=true)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} not found; install the Debian packages: {debian_packages}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def make_pdf(latex_outdir: Path) -> None:
    """Typeset the LaTeX output of a build as Sphinx's Makefile does; fail
    with XeLaTeX's last words where it stops."""
    run = subprocess.run(
        [
            "make",
            "-C",
            str(latex_outdir),
            "all-pdf",
            "LATEXMKOPTS=-halt-on-error -interaction=nonstopmode",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def read_html(app, docname: str):
    """The built page ``docname`` of ``app``, parsed."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(
        (app.outdir / f"{docname}.html").read_text("utf-8"), "html.parser"
    )


def headings(page) -> list[tuple[str, str]]:
    """(tag, text) of every heading in the main content of a parsed page."""
    main = page.select_one("[role=main]")
    return [
        (h.name, h.get_text(strip=True).rstrip("¶"))
        for h in main.find_all(re.compile("^h[1-6]$"))
    ]


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git in ``repo`` as a test identity; its output."""
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    ).stdout.strip()


def warnings_of(app) -> str:
    from sphinx.util.console import strip_escape_sequences

    return strip_escape_sequences(app.warning.getvalue())


#: A problem in the editors' data: the extension's warning at a line of a page
#: or data file (``[strategy.yaml]``, ``[strategy.unknown_key]``, …), not one
#: about the build's set-up (``strategy.config``, ``strategy.history``).
_DATA_WARNING = re.compile(
    r"^\S.*:\d+: WARNING: .* \[strategy\.(?!config\]|history\])\w+\]$"
)


def software_warnings(app) -> str:
    """The warnings of a build of a copy of the live site, without those about
    the editors' data.

    Editors may publish a page with a slip (the build mends it and says so);
    a test of the software must stay green whatever ``docs/`` holds.  Whether
    the content itself is clean is ``make check``'s question.
    """
    return "\n".join(
        line for line in warnings_of(app).splitlines() if not _DATA_WARNING.match(line)
    )


def numbered(lines: list[str]) -> list[str]:
    """The headlines of one comparison's changes without their numbers, having
    checked that they are numbered Ä1, Ä2, … in the order shown."""
    numbers = [line.split(" ", 1)[0] for line in lines]
    assert numbers == [f"Ä{n}" for n in range(1, len(lines) + 1)], lines
    return [line.split(" ", 1)[1] for line in lines]
