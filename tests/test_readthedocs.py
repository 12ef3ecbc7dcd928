"""The Read the Docs configuration: valid, and building what `make html` builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

CONFIG = Path(__file__).parents[1] / ".readthedocs.yaml"


def test_config_validates_against_read_the_docs_schema():
    # check-jsonschema ships Read the Docs' published schema (vendor.readthedocs).
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.readthedocs",
            str(CONFIG),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_builds_html_pdf_and_epub_from_docs_with_full_history():
    config = yaml.safe_load(CONFIG.read_text("utf-8"))
    jobs = config["build"]["jobs"]
    assert any(
        "--unshallow" in command and "--tags" in command
        for command in jobs["post_checkout"]
    )
    assert set(config["formats"]) == {"pdf", "epub"}
    for output in ("html", "pdf", "epub"):
        sphinx = jobs["build"][output][0]
        assert (
            sphinx.startswith("python -m sphinx")
            and " docs " in sphinx
            and "-c ." in sphinx
        )
        assert "-W" in sphinx
    assert config["python"]["install"] == [{"method": "pip", "path": "."}]
