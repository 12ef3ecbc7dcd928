"""The Read the Docs configuration: valid, and green when run as Read the Docs
runs it.

Read the Docs clones a version shallow and without tags, runs the
``post_checkout`` jobs, installs the project as ``python.install`` says into a
fresh virtual environment, then runs each command of ``build.jobs.build``
with ``$READTHEDOCS_OUTPUT`` set: HTML always, PDF and EPUB for the formats
listed, and for a pull request (``READTHEDOCS_VERSION_TYPE=external``) the
HTML job only.  The PDF and the EPUB folders must hold exactly one file each.

The project comes from the work tree as it is (committed or not), released
as v1.0 and followed by more commits than Read the Docs fetches, so that the
clone is as shallow as theirs.  The fresh environment sees this one's
packages (a .pth file), so that pip installs the project but downloads none of
its dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, git, require_tool
from test_print import PDF_PACKAGES

CONFIG = REPO / ".readthedocs.yaml"
#: How deep Read the Docs fetches a branch.
DEPTH = 50
CANONICAL = "https://strategie.example.org/de/latest/"


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


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(CONFIG.read_text("utf-8"))


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    """The project's repository as Read the Docs would find it."""
    require_tool("git", "git")
    origin = tmp_path_factory.mktemp("rtd") / "origin"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (origin / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, origin / name)
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "Fassung 1.0")
    git(origin, "tag", "v1.0")
    for number in range(DEPTH + 1):
        git(origin, "commit", "-q", "--allow-empty", "-m", f"Entwurf {number}")
    return origin


def checkout(origin: Path, folder: Path) -> Path:
    """Clone as Read the Docs does: shallow, one branch, no tags."""
    git(
        folder.parent,
        "clone",
        "-q",
        "--depth",
        "1",
        "--no-tags",
        origin.as_uri(),
        folder.name,
    )
    git(
        folder,
        "fetch",
        "-q",
        "origin",
        "--force",
        "--prune",
        "--prune-tags",
        "--depth",
        str(DEPTH),
        "refs/heads/main:refs/remotes/origin/main",
    )
    git(folder, "checkout", "-q", "--force", "origin/main")
    assert git(folder, "rev-parse", "--is-shallow-repository") == "true"
    assert git(folder, "tag") == ""
    return folder


def run_jobs(commands: list[str], folder: Path, env: dict[str, str]) -> None:
    for command in commands:
        run = subprocess.run(
            ["bash", "-c", command],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert run.returncode == 0, (
            f"{command}\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}"
        )


def virtual_environment(folder: Path) -> Path:
    """A fresh environment that sees this one's packages (and pip)."""
    venv = folder / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True
    )
    purelib = Path(
        sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)})
    )
    here = sysconfig.get_path("purelib")
    (purelib / "_this_environment.pth").write_text(f"{here}\n", "utf-8")
    return venv


def install_commands(config: dict) -> list[str]:
    """python.install as Read the Docs runs it.

    The dependencies are there already (the environment sees this one's), so
    pip fetches only the build backend for the project (PyPI).
    """
    commands = []
    for step in config["python"]["install"]:
        assert step["method"] == "pip"
        extras = ",".join(step.get("extra_requirements", []))
        target = step["path"] + (f"[{extras}]" if extras else "")
        commands.append(
            "python -m pip install --upgrade --upgrade-strategy only-if-needed "
            f"--no-cache-dir {target}"
        )
    return commands


def environment(venv: Path, output: Path, version_type: str) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "VIRTUAL_ENV": str(venv),
        "READTHEDOCS": "True",
        "READTHEDOCS_PROJECT": "strategie",
        "READTHEDOCS_LANGUAGE": "de",
        "READTHEDOCS_VERSION": "latest" if version_type == "branch" else "7",
        "READTHEDOCS_VERSION_TYPE": version_type,
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
        "READTHEDOCS_OUTPUT": str(output),
    }


@pytest.fixture(scope="module")
def branch_build(origin, config, tmp_path_factory):
    """A version's build: post_checkout, install, then html, pdf and epub."""
    for tool in ("latexmk", "xelatex"):
        require_tool(tool, PDF_PACKAGES)
    require_tool("rsvg-convert", "librsvg2-bin")
    folder = checkout(origin, tmp_path_factory.mktemp("branch") / "checkout")
    jobs = config["build"]["jobs"]
    env = environment(
        virtual_environment(folder.parent), folder / "_readthedocs", "branch"
    )
    run_jobs(jobs["post_checkout"], folder, env)
    run_jobs(install_commands(config), folder, env)
    for output in ["html", *config["formats"]]:
        run_jobs(jobs["build"][output], folder, env)
    return folder / "_readthedocs", env


def test_a_version_builds_html_one_pdf_and_one_epub(branch_build):
    output, _ = branch_build
    assert (output / "html" / "index.html").is_file()
    assert [path.suffix for path in (output / "pdf").iterdir()] == [".pdf"]
    assert [path.suffix for path in (output / "epub").iterdir()] == [".epub"]


def test_the_build_knows_the_history_and_its_address(branch_build):
    output, _ = branch_build
    page = BeautifulSoup(
        (output / "html" / "index.html").read_text("utf-8"), "html.parser"
    )
    # the release tag was fetched: a draft after it, not "Entwurf" alone
    label = page.select_one("data.sidebar-brand-version").get_text(strip=True)
    assert label.startswith("Entwurf nach Fassung 1.0")
    assert page.find("link", rel="canonical")["href"] == f"{CANONICAL}index.html"


def test_the_project_is_installed_in_the_fresh_environment(branch_build):
    _, env = branch_build
    shown = subprocess.run(
        ["python", "-m", "pip", "show", "strategy-pages"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    location = next(
        line.split(":", 1)[1].strip()
        for line in shown.splitlines()
        if line.startswith("Location:")
    )
    assert Path(location).is_relative_to(Path(env["VIRTUAL_ENV"]))


def test_a_pull_request_builds_the_html_only(
    origin, config, branch_build, tmp_path_factory
):
    """Read the Docs runs only the HTML job of a pull request: it stands alone."""
    _, branch_env = branch_build
    folder = checkout(origin, tmp_path_factory.mktemp("pull-request") / "checkout")
    env = environment(
        Path(branch_env["VIRTUAL_ENV"]), folder / "_readthedocs", "external"
    )
    jobs = config["build"]["jobs"]
    run_jobs(jobs["post_checkout"], folder, env)
    run_jobs(jobs["build"]["html"], folder, env)
    output = folder / "_readthedocs"
    assert (output / "html" / "index.html").is_file()
    assert sorted(path.name for path in output.iterdir()) == ["html"]
