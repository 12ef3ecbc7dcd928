"""A build stopped while it writes (Ctrl-C) leaves nothing stale behind.

Sphinx saves its environment before it writes, as if every page it read had
been written.  A build that raises an error deletes that environment, but
Ctrl-C is no error: the next build finds the pages read, and rewrites only
those whose own source is newer than their output.  A page whose output
depends on other files, such as the version history (on every strategy page
and on git), would keep its old output until a clean build.

So a stamp in the doctree folder says "writing"; a build that finishes
removes it.  A build that finds the stamp reads everything again, and so
writes everything again, as after an error.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

STAMP = "strategy-writing"


def _stamp(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STAMP


def _writing(app: Sphinx, builder: Builder) -> None:
    _stamp(app).touch()


def _finished(app: Sphinx, exception: Exception | None) -> None:
    # After an error Sphinx deletes its environment: the stamp adds nothing.
    _stamp(app).unlink(missing_ok=True)


def _unwritten(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> set[str]:
    """Every document, when the build before was stopped while writing."""
    return set(env.found_docs) if _stamp(app).exists() else set()


def setup_interrupted(app: Sphinx) -> None:
    app.connect("write-started", _writing)
    app.connect("build-finished", _finished)
    app.connect("env-get-outdated", _unwritten)
