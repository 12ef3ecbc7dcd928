"""Review command: what a proposed change does to the strategy.

``python -m strategy_pages.review BASE`` compares the strategy pages at the git
ref BASE with the work tree (committed or not) and prints a summary: with
``--format markdown`` (the default) to paste into a pull-request review, with
``--format text`` to read in a terminal, words marked as ``git diff
--word-diff`` marks them (``[-alt-]{+neu+}``), without colour.  ``make diff
BASE=v1.0`` prints text, ``make diff BASE=v1.0 FORMAT=markdown`` Markdown.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from . import refs
from .history import (
    Change,
    Repository,
    Translate,
    number_label,
    reason_lines,
)
from .reasons import ChangeLog

#: Where ``make diff`` puts the format named by ``FORMAT=``.
FORMAT_VARIABLE = "STRATEGY_FORMAT"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def summary(changes: list[Change], base: str, _: Translate) -> str:
    """The changes as Markdown: a heading, then a list a page."""
    if not changes:
        return _("No changes to the strategy compared with {base}.").format(
            base=code(base)
        )
    lines = [
        "### "
        + _("Changes to the strategy compared with {base}").format(base=code(base))
    ]
    for page in dict.fromkeys(change.page for change in changes):
        lines += ["", f"**{escape(page)}**", ""]
        for change in (c for c in changes if c.page == page):
            number = number_label((change.number,), _)
            lines.append(f"- **{escape(number)}** {escape(change.headline)}")
            if (details := marked_details(change, _marked, _)) is not None:
                lines.append("  " + details)
            lines += [f"  *{escape(line)}*" for line in reason_lines(change, _)]
    return "\n".join(lines)


Mark = Callable[[str, str], str]


def marked_details(change: Change, mark: Mark, _: Translate) -> str | None:
    """What a change did, its words marked by ``mark`` (operation, text): the
    word diff of a text, the wording of an added or removed item, the old and
    the new file of an image."""
    if change.diff is not None:
        return "".join(mark(operation, text) for operation, text in change.diff.runs)
    if change.kind == "item_added" and change.text:
        return mark("+", " ".join(change.text.split()))
    if change.kind == "item_removed" and change.text:
        return mark("-", " ".join(change.text.split()))
    if change.kind == "image":
        old, new = (path or _("none") for path in change.images)
        if old == new:
            return _("Image file: {path}, a new file under the same name").format(
                path=mark("", old)
            )
        return _("Image file: {old} → {new}").format(
            old=mark("-", old), new=mark("+", new)
        )
    return None


def _marked(operation: str, text: str) -> str:
    if operation == "+":
        return f"<ins>{escape(text)}</ins>"
    if operation == "-":
        return f"~~{escape(text)}~~"
    return escape(text)


def code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds (a branch
    name may hold some): fenced by more backticks than its longest run."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def escape(text: str) -> str:
    """Text shown as itself in Markdown (GitHub, GitLab)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


#: Lines of the plain-text summary are wrapped at this width.
TEXT_WIDTH = 79


def text_summary(changes: list[Change], base: str, _: Translate) -> str:
    """The changes as plain text: a heading, then a list a page.

    Words as they are, no Markdown escapes; inserted words ``{+so+}``,
    deleted ones ``[-so-]``, as ``git diff --word-diff=plain`` writes them.
    """
    if not changes:
        return _("No changes to the strategy compared with {base}.").format(
            base=f"`{base}`"
        )
    heading = _("Changes to the strategy compared with {base}").format(base=f"`{base}`")
    lines = [heading, "=" * len(heading)]
    for page in dict.fromkeys(change.page for change in changes):
        lines += ["", page, "-" * len(page)]
        for change in (c for c in changes if c.page == page):
            headline = f"{number_label((change.number,), _)} {change.headline}"
            lines += _wrapped(headline, "- ", "  ")
            if (details := marked_details(change, _text_marked, _)) is not None:
                lines += _wrapped(details, "  ", "  ")
            for line in reason_lines(change, _):
                lines += _wrapped(line, "  ", "  ")
    return "\n".join(lines)


def _text_marked(operation: str, text: str) -> str:
    if operation == "+":
        return "{+" + text + "+}"
    if operation == "-":
        return "[-" + text + "-]"
    return text


def _wrapped(text: str, first: str, rest: str) -> list[str]:
    """``text`` in lines of :data:`TEXT_WIDTH`, broken at spaces only."""
    return textwrap.wrap(
        " ".join(text.split()),
        TEXT_WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


FORMATS = {"markdown": summary, "text": text_summary}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m strategy_pages.review",
        description="Summarise how the strategy pages in the work tree differ "
        "from those at a git ref: as Markdown for a pull request, or as text.",
    )
    parser.add_argument(
        "base",
        nargs="?",
        help="git ref to compare with: a tag, branch or commit; default: the "
        f"environment variable {refs.BASE_VARIABLE} (as make diff sets it)",
    )
    parser.add_argument("--srcdir", default="docs", help="the Sphinx source folder")
    parser.add_argument("--language", default="de", help="language of the summary")
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        help="markdown (default) for a pull request, text for a terminal; "
        f"default: the environment variable {FORMAT_VARIABLE}, else markdown",
    )
    arguments = parser.parse_args(argv)
    translate = refs.translator(arguments.language)
    base = refs.given(arguments.base)
    if base is None:
        parser.error(f"name the git ref to compare with (or set {refs.BASE_VARIABLE})")
    output = arguments.format or os.environ.get(FORMAT_VARIABLE) or "markdown"
    if output not in FORMATS:
        parser.error(f"unknown format {output!r}; known: {', '.join(sorted(FORMATS))}")
    try:
        repository = Repository.find(Path(arguments.srcdir))
    except ValueError:  # the folder is a link out of its repository
        repository = None
    if repository is None:
        parser.error(
            f"{arguments.srcdir} is not in a git repository (or git is missing)"
        )
    try:
        commit = refs.commit(repository.root, base, translate)
    except refs.RefError as error:
        parser.error(str(error))
    # Image paths as the site's configuration leaves them (no image folder).
    log = ChangeLog(repository, "", translate)
    changes = log.changes(
        commit, None, repository.pages(commit), repository.pages(None)
    )
    print(FORMATS[output](changes, base, translate))
    return 0


if __name__ == "__main__":
    sys.exit(main())
