"""``python -m strategy_pages.synopse BASE``: a Synopse as HTML and PDF.

Compares the strategy pages at the git revision BASE (a release tag such as
``v1.0``) with the work tree, committed or not, and writes ``synopse.html``
and ``synopse.pdf`` (A4 landscape) into the output folder; ``make synopse
BASE=v1.0`` calls it.  Both are set by Sphinx from a generated project of one
document (:mod:`.sphinxext`); the PDF by XeLaTeX through latexmk.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import eval_config_file
from sphinx.errors import ConfigError, SphinxError
from sphinx.util.console import strip_escape_sequences
from sphinx.util.docutils import docutils_namespace, patch_docutils
from sphinx.util.tags import Tags

from .. import refs
from ..history import Repository
from ..paths import inside
from .sphinxext import settings

#: The Debian packages of the tools the PDF needs.
PDF_PACKAGES = (
    "latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra "
    "texlive-fonts-recommended tex-gyre texlive-lang-german fonts-freefont-otf"
)
#: What the site's conf.py says that the Synopse uses too.
SITE_SETTINGS = (
    "language",
    "project",
    "author",
    "html_last_updated_fmt",
    "today_fmt",
    "strategy_release_tags",
    "latex_elements",
)
LATEX_TIMEOUT = 300


class Failure(Exception):
    """A problem to tell the reader in one sentence; no traceback."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m strategy_pages.synopse",
        description="Write a Synopse: the wording of the strategy pages at a git "
        "revision beside that of the work tree, as HTML and as an A4 landscape PDF.",
    )
    parser.add_argument(
        "base",
        nargs="?",
        help="git revision to compare with, e.g. v1.0; default: the environment "
        f"variable {refs.BASE_VARIABLE} (as make synopse sets it)",
    )
    parser.add_argument("--srcdir", default="docs", help="the Sphinx source folder")
    parser.add_argument(
        "--confdir",
        help="the folder of the site's conf.py (language, date format, release "
        "tags); default: the source folder",
    )
    parser.add_argument(
        "--outdir", default="_build/synopse", help="where to write the Synopse"
    )
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        metavar="PATH",
        help="only this page (relative to the source folder); may be repeated",
    )
    parser.add_argument(
        "--format",
        choices=("all", "html", "pdf", "latex"),
        default="all",
        help="what to write: all (the default: HTML and PDF), html, pdf, or latex "
        "(the LaTeX sources, in a folder 'latex', without running XeLaTeX)",
    )
    arguments = parser.parse_args(argv)
    base = refs.given(arguments.base)
    if base is None:
        parser.error(
            f"name the git revision to compare with (or set {refs.BASE_VARIABLE})"
        )
    try:
        written = write_synopse(
            base,
            Path(arguments.srcdir),
            Path(arguments.confdir) if arguments.confdir else None,
            Path(arguments.outdir),
            arguments.page,
            arguments.format,
        )
    except Failure as failure:
        parser.exit(1, f"{parser.prog}: error: {failure}\n")
    for path in written:
        print(f"Synopse written: {path}")
    return 0


def write_synopse(
    base: str,
    srcdir: Path,
    confdir: Path | None,
    outdir: Path,
    pages: Sequence[str] = (),
    output: str = "all",
) -> list[Path]:
    """Write the Synopse of ``base`` against the work tree; the files written."""
    repository = _repository(srcdir)
    site = _site_settings(confdir if confdir is not None else srcdir)
    _check_revision(repository, base, site.get("language") or "en")
    chosen = [_page(repository, page) for page in pages]
    _check_pages(repository, base, chosen)
    if output in ("all", "pdf"):
        for tool in ("latexmk", "xelatex"):
            if shutil.which(tool) is None:
                raise Failure(
                    f"{tool} not found, which the PDF needs; install the Debian "
                    f"packages {PDF_PACKAGES}, or write only HTML (--format html)"
                )
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise Failure(f"cannot write into {outdir}: {error.strerror}") from error
    config = settings(repository, base, chosen, site)
    written = []
    with tempfile.TemporaryDirectory(prefix="synopse-") as folder:
        project = Path(folder)
        (project / "src").mkdir()
        (project / "src" / "index.rst").write_text(".. synopse::\n", "utf-8")
        if output in ("all", "html"):
            html = _sphinx(project, "singlehtml", config)
            target = outdir / "synopse.html"
            shutil.copyfile(html / "index.html", target)
            written.append(target)
        if output in ("all", "pdf", "latex"):
            latex = _sphinx(project, "latex", config)
        if output in ("all", "pdf"):
            target = outdir / "synopse.pdf"
            shutil.copyfile(_pdf(latex, outdir), target)
            written.append(target)
        if output == "latex":
            shutil.copytree(latex, outdir / "latex", dirs_exist_ok=True)
            written.append(outdir / "latex" / "synopse.tex")
    return written


def _repository(srcdir: Path) -> Repository:
    if not srcdir.is_dir():
        raise Failure(f"source folder {str(srcdir)!r} not found")
    try:
        repository = Repository.find(srcdir)
    except ValueError:  # the folder is a link out of its repository
        repository = None
    if repository is None:
        raise Failure(f"{srcdir} is not in a git repository (or git is missing)")
    return repository


def _check_revision(repository: Repository, base: str, language: str) -> None:
    """Refuse a revision git would misread or that names no commit; in the
    site's language, as the Synopse is written."""
    try:
        refs.commit(repository.root, base, refs.translator(language))
    except refs.RefError as error:
        raise Failure(str(error)) from error


def _page(repository: Repository, page: str) -> str:
    """A page named relative to the source folder, as a path in the repository."""
    sources = repository.root / repository.srcdir
    found = inside(sources / page, sources)
    if found is None:
        raise Failure(f"--page {page!r} leads outside the source folder")
    return found.relative_to(repository.root.resolve()).as_posix()


def _check_pages(repository: Repository, base: str, chosen: list[str]) -> None:
    """Some strategy page to compare, and every page asked for among them."""
    known = repository.pages(base).keys() | repository.pages(None).keys()
    if not known:
        raise Failure(
            f"no strategy pages in {repository.srcdir or '.'}, neither at "
            f"{base} nor in the work tree"
        )
    for path in chosen:
        if path not in known:
            raise Failure(
                f"--page {path!r} is no strategy page at {base} or in the work tree"
            )


def _site_settings(confdir: Path) -> dict[str, Any]:
    """The settings the Synopse shares with the site, read from its conf.py.

    Read as Sphinx reads it (its tags given, none set), without building.
    """
    conf = confdir / "conf.py"
    if not conf.is_file():
        return {}
    try:
        namespace = eval_config_file(conf.resolve(), Tags())
    except ConfigError as error:  # the site's own code: its last word, no trace
        lines = [line for line in str(error).splitlines() if line.strip()]
        raise Failure(
            f"{conf} cannot be read: {lines[-1] if lines else error}"
        ) from error
    return {name: namespace[name] for name in SITE_SETTINGS if name in namespace}


def _sphinx(project: Path, builder: str, config: dict[str, Any]) -> Path:
    """Build the generated project with ``builder``; its output folder.

    The builders share one doctree folder, so the versions are read once and
    the HTML and the PDF show the same.
    """
    outdir = project / builder
    status, warnings = StringIO(), StringIO()
    try:
        with patch_docutils(None), docutils_namespace():
            app = Sphinx(
                srcdir=project / "src",
                confdir=None,
                outdir=outdir,
                doctreedir=project / "doctrees",
                buildername=builder,
                confoverrides=dict(config),
                status=status,
                warning=warnings,
                freshenv=False,
            )
            app.build()
    except SphinxError as error:
        raise Failure(f"Sphinx could not set the Synopse: {error}") from error
    problems = strip_escape_sequences(warnings.getvalue()).strip()
    if problems:
        print(problems, file=sys.stderr)
    return outdir


def _pdf(latex: Path, outdir: Path) -> Path:
    """Run XeLaTeX (through latexmk, as Sphinx's Makefile does) on synopse.tex."""
    command = [
        "latexmk",
        "-pdfxe",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "synopse.tex",
    ]
    environment = {**os.environ, "LATEXOPTS": ""}
    try:
        run = subprocess.run(
            command,
            cwd=latex,
            capture_output=True,
            text=True,
            timeout=LATEX_TIMEOUT,
            check=False,
            env=environment,
        )
    except subprocess.TimeoutExpired as error:
        raise Failure(f"XeLaTeX took longer than {LATEX_TIMEOUT} s") from error
    pdf = latex / "synopse.pdf"
    if run.returncode != 0 or not pdf.is_file():
        log = outdir / "synopse.log"
        if (latex / "synopse.log").is_file():
            shutil.copyfile(latex / "synopse.log", log)
        raise Failure(f"XeLaTeX could not set the PDF; see {log}")
    return pdf
