"""Review command: what a proposed change does to the strategy, in Markdown.

``python -m strategy_pages.review BASE`` compares the strategy pages at the git
ref BASE with the work tree (committed or not) and prints a summary to paste
into a pull-request review; ``make diff BASE=v1.0`` calls it.
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .history import Change, Repository, Translate, compare
from .versioning import git

LOCALE = Path(__file__).parent / "locale"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def summary(changes: list[Change], base: str, _: Translate) -> str:
    """The changes as Markdown: a heading, then a list a page."""
    if not changes:
        return _("No changes to the strategy compared with {base}.").format(
            base=f"`{base}`"
        )
    lines = [
        "### "
        + _("Changes to the strategy compared with {base}").format(base=f"`{base}`")
    ]
    for page in dict.fromkeys(change.page for change in changes):
        lines += ["", f"**{escape(page)}**", ""]
        for change in (c for c in changes if c.page == page):
            lines.append(f"- {escape(change.headline)}")
            if change.diff is not None:
                lines.append(
                    "  " + "".join(_marked(op, text) for op, text in change.diff.runs)
                )
    return "\n".join(lines)


def _marked(operation: str, text: str) -> str:
    if operation == "+":
        return f"<ins>{escape(text)}</ins>"
    if operation == "-":
        return f"~~{escape(text)}~~"
    return escape(text)


def escape(text: str) -> str:
    """Text shown as itself in Markdown (GitHub, GitLab)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m strategy_pages.review",
        description="Summarise, in Markdown, how the strategy pages in the work "
        "tree differ from those at a git ref.",
    )
    parser.add_argument("base", help="git ref to compare with: a tag, branch or commit")
    parser.add_argument("--srcdir", default="docs", help="the Sphinx source folder")
    parser.add_argument("--language", default="de", help="language of the summary")
    arguments = parser.parse_args(argv)
    repository = Repository.find(Path(arguments.srcdir))
    if repository is None:
        parser.error(
            f"{arguments.srcdir} is not in a git repository (or git is missing)"
        )
    if (
        git(
            repository.root,
            "rev-parse",
            "--verify",
            "--quiet",
            f"{arguments.base}^{{commit}}",
        )
        is None
    ):
        parser.error(f"unknown git ref {arguments.base!r}")
    translate = gettext.translation(
        "strategy_pages", LOCALE, languages=[arguments.language], fallback=True
    ).gettext
    changes = compare(
        repository.pages(arguments.base), repository.pages(None), translate
    )
    print(summary(changes, arguments.base, translate))
    return 0


if __name__ == "__main__":
    sys.exit(main())
