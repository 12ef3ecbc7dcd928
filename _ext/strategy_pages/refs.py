"""The git ref to compare with, as ``make diff`` and ``make synopse`` name it.

A ref is a branch name, and branch names may hold backticks, ``$(…)`` and
quotes: ``make`` hands it over in the environment variable
:data:`BASE_VARIABLE`, never in a shell's command line.  Checked here before
git sees it anywhere else: a ref starting with ``-`` would be read as an
option of git, and one with control characters or white space would break
the line-by-line protocol of ``git cat-file --batch``; git's own ref names
hold neither.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable
from pathlib import Path

from .versioning import resolve_commit

#: Where ``make`` puts the ref named by ``BASE=``.
BASE_VARIABLE = "STRATEGY_BASE"

LOCALE = Path(__file__).parent / "locale"

Translate = Callable[[str], str]


class RefError(ValueError):
    """A ref that is refused or names no commit; the message says which."""


def translator(language: str) -> Translate:
    """The extension's messages in ``language`` (English where it has none)."""
    return gettext.translation(
        "strategy_pages", LOCALE, languages=[language], fallback=True
    ).gettext


def given(argument: str | None) -> str | None:
    """The ref named on the command line, else the one ``make`` handed over."""
    return argument if argument is not None else os.environ.get(BASE_VARIABLE)


def commit(root: Path, ref: str, _: Translate) -> str:
    """The id of the commit ``ref`` names in the repository at ``root``.

    Raises :class:`RefError` for a ref git would read as an option, one with
    characters no ref name has, and one that names no commit.
    """
    if ref.startswith("-"):
        raise RefError(
            _(
                "The git ref {ref} starts with “-”, so git would read it as an "
                "option; it is not used. Name a tag, branch or commit."
            ).format(ref=shown(ref, _))
        )
    found = resolve_commit(root, ref)
    if not found:
        raise RefError(
            _(
                "Unknown git ref {ref}: it names no commit. Name a tag, "
                "branch or commit, e.g. v1.0."
            ).format(ref=shown(ref, _))
        )
    return found


def shown(ref: str, _: Translate) -> str:
    """``ref`` in quotes, its control characters escaped for a terminal."""
    escaped = "".join(
        character if character.isprintable() else ascii(character)[1:-1]
        for character in ref
    )
    return _("“{text}”").format(text=escaped)
