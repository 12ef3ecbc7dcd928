"""Benchmark: strategy pages rendered by the extension against the same
content written by hand in MyST Markdown (with the page's own front matter,
its title, which MyST reads in both).

    python tests/benchmark.py [--pages 60 240] [--rounds 9] [--seconds 150]
    (make bench; about 20 minutes)

At each size, both sites are built clean, side by side and alternating: at
least ``--rounds`` rounds, and more until the comparison has taken
``--seconds`` (:func:`alternating`).  Two estimates of the extension's cost are
printed: the ratio of the medians, and the median of the rounds' ratios (with
the middle half of those, to show how much a round moves).  Both must be within
the budget of 1.05.  Then, at the first size, the extension's site, a git
repository, is rebuilt three times: without any change, after a commit that
changes no source, and after an edit of one page's front matter; each rebuild
is printed with the documents it read.  Then the extension's site is built
with -j 2 against -j 1.

Last, the version history at scale: a repository of the seed page released
``--releases`` times (100), each release a small edit, with a page holding the
``strategy-history`` directive; built clean with that page and without it,
alternating.  The history may add at most 25 % (:data:`HISTORY_BUDGET`).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).parents[1]
sys.path.insert(0, str(REPO / "_ext"))

import yaml  # noqa: E402
from strategy_pages.loading import (  # noqa: E402
    blank_top_level_keys,
    load_front_matter,
    split_front_matter,
)
from strategy_pages.model import Item, StrategyPage, normalise  # noqa: E402
from strategy_pages.schema import strategy_keys  # noqa: E402

SEED = REPO / "tests" / "roots" / "test-seed" / "projekt.md"
SEED_IMAGES = REPO / "tests" / "roots" / "test-seed" / "images"
CONF = 'extensions = ["myst_parser", "strategy_pages"]\nlanguage = "de"\n'
#: What Sphinx prints for each document it reads (its output is not a terminal).
READING = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (\S+)")


def hand_written(page: StrategyPage, front_matter: str = "") -> str:
    """The page as an author would write it in MyST Markdown, after the
    ``front_matter`` MyST reads of it."""
    assert page.hero and page.goals and page.formats
    lines = [front_matter, f"# {page.hero.title}", "", page.hero.description, ""]
    lines += [f"![]({page.hero.image.path})", ""] if page.hero.image else []
    lines += ["## Ziele", ""]
    lines += [line for item in page.goals.items for line in _item(item)]
    lines += [f"## {page.formats.title}", "", page.formats.description, ""]
    lines += [line for item in page.formats.items for line in _item(item)]
    return "\n".join(lines)


def myst_front_matter(page: str) -> str:
    """The front matter of ``page`` that MyST reads, not the extension: the
    page's own keys (the seed's ``title``).  Written by hand, a page keeps
    them too, and MyST reads them the same way."""
    loaded = load_front_matter(page, str(SEED))
    assert loaded.data is not None
    found = split_front_matter(blank_top_level_keys(page, loaded.data, strategy_keys()))
    kept = [line for line in (found[0] if found else "").splitlines() if line]
    return "---\n" + "\n".join(kept) + "\n---\n" if kept else ""


def _item(item: Item) -> list[str]:
    image = [f"![]({item.image.path})", ""] if item.image else []
    return [f"### {item.title}", "", item.description, "", *image]


def make_site(folder: Path, pages: int, page_text: str) -> Path:
    srcdir = folder / "src"
    (srcdir / "images").mkdir(parents=True)
    for image in ("hero.svg", "project.svg"):
        shutil.copy(SEED_IMAGES / image, srcdir / "images")
    (srcdir / "conf.py").write_text(CONF, "utf-8")
    (srcdir / "index.md").write_text(
        "# Start\n\n```{toctree}\n:glob:\n\nseite-*\n```\n", "utf-8"
    )
    for number in range(pages):
        (srcdir / f"seite-{number:04d}.md").write_text(page_text, "utf-8")
    return srcdir


def sphinx_build(srcdir: Path, *options: str) -> tuple[float, str]:
    """Seconds for one build, and its output."""
    environment = {**os.environ, "PYTHONPATH": str(REPO / "_ext")}
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        *options,
        str(srcdir),
        str(srcdir / "_build"),
    ]
    start = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, text=True, env=environment, check=True
    )
    return time.perf_counter() - start, result.stdout


def clean(srcdir: Path, *options: str) -> float:
    shutil.rmtree(srcdir / "_build", ignore_errors=True)
    return sphinx_build(srcdir, *options)[0]


def git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=Benchmark", "-c", "user.email=bench@example.invalid"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True)


def make_repository(srcdir: Path) -> None:
    """Make ``srcdir`` a git repository with one commit, as the site is."""
    (srcdir / ".gitignore").write_text("_build/\n", "utf-8")
    git(srcdir, "init", "-q")
    git(srcdir, "add", "-A")
    git(srcdir, "commit", "-q", "-m", "Site")


def rebuild(srcdir: Path) -> tuple[float, list[str]]:
    """Seconds for an incremental build, and the documents it read."""
    seconds, output = sphinx_build(srcdir)
    return seconds, sorted(READING.findall(output))


def rebuilds(srcdir: Path, seed: str) -> dict[str, tuple[float, list[str]]]:
    """Rebuilds of the git site ``srcdir`` after three kinds of change."""
    clean(srcdir)
    results = {"no change (expected: none)": rebuild(srcdir)}
    (srcdir / "notiz.txt").write_text("Keine Quelle der Website.\n", "utf-8")
    git(srcdir, "add", "notiz.txt")
    git(srcdir, "commit", "-q", "-m", "Note")
    results["commit changing no source (expected: none)"] = rebuild(srcdir)
    edited = srcdir / "seite-0000.md"
    edited.write_text(seed.replace("Aquise", "Akquise"), "utf-8")
    later = time.time() + 2  # clearly newer than the build, whatever the clock
    os.utime(edited, (later, later))
    results["one front-matter edit (seite-0000)"] = rebuild(srcdir)
    return results


#: What the version history may add to a clean build of the site (the issue).
HISTORY_BUDGET = 0.25
HISTORY_PAGE = "# Versionsgeschichte\n\n```{strategy-history}\n```\n"


def history_site(folder: Path, releases: int, seed: str) -> Path:
    """The seed page released ``releases`` times, and a history page.

    Each release edits one goal's text a little (a release number in it), so
    every release has a change and a page file of its own.
    """
    srcdir = make_site(folder, 0, seed)
    (srcdir / "index.md").write_text(
        "# Start\n\n```{toctree}\n:glob:\n\n*\n```\n", "utf-8"
    )
    (srcdir / "projekt.md").write_text(seed, "utf-8")
    make_repository(srcdir)
    data = yaml.safe_load(seed.split("---\n")[1])
    texts = [goal["description"] for goal in data["goals"]]
    for number in range(releases):
        goal = number % len(texts)
        data["goals"][goal]["description"] = f"{texts[goal]} (Stand {number})"
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (srcdir / "projekt.md").write_text(f"---\n{front}---\n<ProjectPage />\n")
        git(srcdir, "commit", "-q", "-a", "-m", f"Fassung 1.{number}")
        git(srcdir, "tag", f"v1.{number}")
    (srcdir / "versionen.md").write_text(HISTORY_PAGE, "utf-8")
    git(srcdir, "add", "versionen.md")
    git(srcdir, "commit", "-q", "-m", "Versionsgeschichte")
    return srcdir


@dataclass(frozen=True)
class Comparison:
    """Seconds of clean builds of a site (``base``) and of its rival
    (``other``), timed in turn, round by round."""

    base: list[float]
    other: list[float]

    @property
    def rounds(self) -> int:
        return len(self.base)

    def medians(self) -> tuple[float, float]:
        return statistics.median(self.base), statistics.median(self.other)

    def ratio_of_medians(self) -> float:
        base, other = self.medians()
        return other / base

    def ratios(self) -> list[float]:
        """The ratio of each round: the two builds of a round ran back to
        back, so a slow spell of the machine is in both."""
        return [other / base for base, other in zip(self.base, self.other, strict=True)]

    def median_ratio(self) -> float:
        return statistics.median(self.ratios())

    def middle_half(self) -> tuple[float, float]:
        """Where the middle half of the rounds' ratios lie (the quartiles)."""
        if self.rounds < 2:  # --rounds 1 --seconds 0: one ratio, no spread
            return self.ratios()[0], self.ratios()[0]
        quartiles = statistics.quantiles(self.ratios(), n=4)
        return quartiles[0], quartiles[2]

    def within(self, budget: float) -> bool:
        """Whether ``other`` costs at most ``1 + budget`` times ``base`` by
        both estimates: the ratio of the medians and the median ratio."""
        limit = 1 + budget
        return self.ratio_of_medians() <= limit and self.median_ratio() <= limit

    def report(self, base: str, other: str, budget: float) -> list[str]:
        """The comparison as lines to print, with its verdict."""
        base_median, other_median = self.medians()
        low, high = self.middle_half()
        verdict = "within" if self.within(budget) else "OVER"
        return [
            line(f"clean build, {base}:", f"{base_median:7.2f} s"),
            line(f"clean build, {other}:", f"{other_median:7.2f} s"),
            line("ratio of the medians:", f"{self.ratio_of_medians():7.3f}"),
            line(
                "median of the rounds' ratios:",
                f"{self.median_ratio():7.3f}  "
                f"(middle half of the rounds: {low:.3f} to {high:.3f})",
            ),
            f"  {verdict} the budget of {1 + budget:.2f}",
        ]


def line(label: str, value: str) -> str:
    """A line of the report: its values stand in one column."""
    return f"  {label:46}{value}"


def alternating(
    base: Callable[[], float], other: Callable[[], float], rounds: int, seconds: float
) -> Comparison:
    """Time ``base`` and ``other`` in turn, round after round.

    At least ``rounds`` rounds, and more until the rounds have taken
    ``seconds``: a single build moves by several per cent on a shared
    machine, and short builds get more rounds, so estimates as steady as
    those of long ones.  Every other round runs ``other`` first, so that
    neither always follows the other (ABBA).
    """
    comparison = Comparison([], [])
    start = time.perf_counter()
    while comparison.rounds < rounds or time.perf_counter() - start < seconds:
        if comparison.rounds % 2:
            other_seconds, base_seconds = other(), base()
        else:
            base_seconds, other_seconds = base(), other()
        comparison.base.append(base_seconds)
        comparison.other.append(other_seconds)
    return comparison


#: What the extension may cost against the same pages written by hand.
EXTENSION_BUDGET = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pages", type=int, nargs="+", default=[60, 240], help="site sizes"
    )
    parser.add_argument("--rounds", type=int, default=9, help="rounds at the least")
    parser.add_argument(
        "--seconds",
        type=float,
        default=150,
        help="more rounds until a comparison has taken this long",
    )
    parser.add_argument(
        "--releases", type=int, default=100, help="releases of the history site"
    )
    parser.add_argument(
        "--only-history", action="store_true", help="only the history benchmark"
    )
    arguments = parser.parse_args()
    seed = SEED.read_text("utf-8")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    if not arguments.only_history:
        for position, pages in enumerate(arguments.pages):
            report_size(
                pages,
                arguments.rounds,
                arguments.seconds,
                seed,
                detailed=position == 0,
            )
    report_history(arguments, seed)


def report_size(
    pages: int, rounds: int, seconds: float, seed: str, *, detailed: bool
) -> None:
    """Clean builds of ``pages`` pages by the extension and by hand, side by
    side; with ``detailed``, incremental rebuilds and -j 2 too."""
    model = normalise(load_front_matter(seed, str(SEED)).data)
    by_hand = hand_written(model, myst_front_matter(seed))
    with tempfile.TemporaryDirectory() as folder:
        extension = make_site(Path(folder) / "extension", pages, seed)
        manual = make_site(Path(folder) / "manual", pages, by_hand)

        comparison = alternating(
            lambda: clean(manual), lambda: clean(extension), rounds, seconds
        )
        print(f"pages: {pages} + index, rounds: {comparison.rounds}")
        report = comparison.report("hand-written MyST", "extension", EXTENSION_BUDGET)
        print("\n".join(report))
        if not detailed:
            return
        make_repository(extension)
        incremental = rebuilds(extension, seed)
        serial = statistics.median(clean(extension, "-j", "1") for _ in range(rounds))
        parallel = statistics.median(clean(extension, "-j", "2") for _ in range(rounds))
    print("  incremental rebuilds, documents read:")
    for change, (seconds, documents) in incremental.items():
        read = ", ".join(documents) or "none"
        print(line(f"  {change}", f"{seconds:7.2f} s  {read}"))
    print(line("extension -j 1:", f"{serial:7.2f} s"))
    print(
        line("extension -j 2:", f"{parallel:7.2f} s  (ratio {parallel / serial:.3f})")
    )


def report_history(arguments: argparse.Namespace, seed: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        srcdir = history_site(Path(folder) / "history", arguments.releases, seed)
        comparison = alternating(
            lambda: clean(srcdir, "-D", "exclude_patterns=versionen.md"),
            lambda: clean(srcdir),
            arguments.rounds,
            arguments.seconds,
        )
    print(
        f"version history of {arguments.releases} releases "
        f"(seed page, rounds: {comparison.rounds}):"
    )
    report = comparison.report(
        "without the history page", "with the history page", HISTORY_BUDGET
    )
    print("\n".join(report))


if __name__ == "__main__":
    main()
