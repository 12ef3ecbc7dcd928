"""Warnings about strategy data, located at a file and line.

Every warning has ``type="strategy"`` and a subtype, so a project can silence
one kind with ``suppress_warnings = ["strategy.image"]``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sphinx.application import Sphinx
from sphinx.util import logging

from . import notices
from .loading import Problem

logger = logging.getLogger(__name__)


def warn(message: str, source: str, line: int, subtype: str) -> None:
    # A location with a colon is printed as it is: the data may live in a YAML
    # file that is not a document.
    logger.warning(
        message, type="strategy", subtype=subtype, location=f"{source}:{line}"
    )
    notices.remember(source, line, message)


#: The warnings given in this build, by place and text: data that several
#: pages show, or that a page renders twice (the hero's text in its overview
#: too), is reported once.
_WARNED: set[tuple[str, int, str]] = set()


def warn_once(message: str, source: str, line: int, subtype: str) -> None:
    """:func:`warn`, unless this build gave this warning at this place already."""
    if (source, line, message) not in _WARNED:
        _WARNED.add((source, line, message))
        warn(message, source, line, subtype)


def forget_warned(app: Sphinx) -> None:
    _WARNED.clear()


def report(problems: Iterable[Problem], source: str) -> None:
    for problem in problems:
        warn(problem.message, source, problem.line, problem.subtype)
