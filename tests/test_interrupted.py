"""A build stopped while it writes (Ctrl-C) leaves nothing stale behind."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOTS, build_in, git, read_html
from sphinx.builders.html import StandaloneHTMLBuilder
from test_incremental import reread

#: As the test app sets it after reading the configuration: a build sees the
#: same configuration as the one before, so only its own checks say what to write.
SETTINGS = {"html_theme": "basic"}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A strategy page and the history page, released as v1.0, built once.

    The history page is no parent of the strategy page in the table of
    contents, which Sphinx rewrites whenever a page below it changes.
    """
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-interrupted", docs)
    shutil.copytree(ROOTS / "test-seed" / "images", docs / "images")
    shutil.copy(ROOTS / "test-seed" / "projekt.md", docs)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Strategie")
    git(tmp_path, "tag", "v1.0")
    build_in(docs, confoverrides=SETTINGS)
    return docs


def history_text(app) -> str:
    return read_html(app, "geschichte").select_one("[role=main]").get_text(" ")


def test_a_rebuild_after_ctrl_c_while_writing_shows_the_new_title(docs, monkeypatch):
    projekt = docs / "projekt.md"
    text = projekt.read_text("utf-8")
    projekt.write_text(text.replace("title: Projektbeschreibung", "title: Neuer Titel"))
    # Dated now, after the first build and before the next: later builds
    # find nothing changed since the interrupted one read it.
    now = time.time()
    os.utime(projekt, (now, now))
    write_doc = StandaloneHTMLBuilder.write_doc

    def interrupted(builder, docname, doctree):
        if docname == "geschichte":  # the history page: Ctrl-C while it is written
            raise KeyboardInterrupt
        write_doc(builder, docname, doctree)

    with monkeypatch.context() as patch:
        patch.setattr(StandaloneHTMLBuilder, "write_doc", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build_in(docs, confoverrides=SETTINGS)

    rebuilt = build_in(docs, confoverrides=SETTINGS)
    assert "„Projektbeschreibung“ → „Neuer Titel“" in history_text(rebuilt)
    assert "Neuer Titel" in read_html(rebuilt, "projekt").title.get_text()
    # Once written, the next build is incremental again.
    assert reread(build_in(docs, confoverrides=SETTINGS)) == set()
