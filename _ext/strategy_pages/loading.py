"""Read strategy data as plain Python values, remembering the line of every key.

Front matter comes from a Markdown page (between two ``---`` lines) or from a
separate YAML file.  Text that YAML reads as a whole is parsed strictly
(:mod:`.located`); text with a slip in it is read block by block
(:mod:`.recovery`), so that a slip costs only its own block.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import partial

import yaml

from . import controls, messages
from .located import NODE_BUDGET, BudgetExceeded, LocatedData, Problem, parse
from .naming import KeyPath
from .recovery import recover, top_level_blocks

_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL
)


@dataclass
class LoadResult:
    data: LocatedData | None
    problems: list[Problem] = field(default_factory=list)
    #: YAML could not read the text as a whole: ``data`` is what was
    #: recovered block by block, and ``problems`` say why
    recovered: bool = False


def split_front_matter(text: str) -> tuple[str, int] | None:
    """The YAML text of a Markdown page's front matter and its first line."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    return match.group("yaml") or "", 2


def closing_line(yaml_text: str, first_line: int) -> int:
    """The line of the closing ``---`` of a front matter
    (:func:`split_front_matter`)."""
    return first_line + yaml_text.count("\n")


def blank_top_level_keys(page: str, data: LocatedData, keys: Collection[str]) -> str:
    """``page`` with the front-matter blocks of the top-level ``keys`` blanked.

    Blocks that YAML cannot read as written are blanked too, so that MyST,
    which reads the rest, meets no error of which the editor was told already.
    Line numbers stay as they were; where nothing is left, so is no front
    matter.
    """
    found = split_front_matter(page)
    if found is None:
        return page
    yaml_text, first_line = found
    kept = [
        block
        for key, block in top_level_blocks(yaml_text, first_line)
        if key not in keys and block not in data.unreadable
    ]
    if not kept:  # no front matter at all, which MyST reads faster than {}
        return blank_front_matter(page)
    lines = page.split("\n")
    kept_lines = {number for block in kept for number in block}
    for number in range(first_line, closing_line(yaml_text, first_line) + 1):
        if number not in kept_lines:
            lines[number - 1] = ""
    # The front matter ends right after what is kept: MyST's YAML parser is
    # written in Python, and reads every line up to the closing ---.
    lines[max(block.stop for block in kept) - 1] = "---"
    return "\n".join(lines)


def blank_front_matter(page: str) -> str:
    """``page`` without its front matter; line numbers kept."""
    found = split_front_matter(page)
    if found is None:
        return page
    yaml_text, first_line = found
    count = closing_line(yaml_text, first_line)  # up to the closing ---
    lines = page.split("\n")
    lines[:count] = [""] * count
    return "\n".join(lines)


def load_front_matter(text: str, source: str) -> LoadResult:
    """Load the front matter of a Markdown page; no front matter gives no data."""
    found = split_front_matter(text)
    if found is None:
        return LoadResult(None)
    yaml_text, first_line = found
    return load_yaml(yaml_text, source, first_line)


def load_yaml(text: str, source: str, first_line: int = 1) -> LoadResult:
    """Load YAML ``text``, which starts at line ``first_line`` of ``source``.

    What a slip in the text costs is only the block it sits in; each slip is
    one problem.  Control characters (:mod:`.controls`) are taken out, those
    written as they are before YAML reads the text (it refuses most, and
    reads some as line breaks), those written as escapes (``"\\x01"``) after.
    """
    written = controls.lines_with_controls(text)
    text = controls.without(text)  # keeps every "\n": the lines stay
    try:
        try:
            data, problems = parse(text, source, first_line)
            recovered = False
        except yaml.YAMLError:
            data, problems = recover(text, source, first_line)
            recovered = True
    except BudgetExceeded:
        words = partial(messages.too_many_values, NODE_BUDGET)
        return LoadResult(None, [Problem(words, first_line, "yaml")])
    if data is not None:
        problems = sorted(
            [*problems, *_without_controls(data, written, escaped="\\" in text)],
            key=lambda problem: problem.line,
        )
    return LoadResult(data, problems, recovered)


def _without_controls(
    data: LocatedData, written: dict[int, list[str]], *, escaped: bool
) -> list[Problem]:
    """Take the control characters out of ``data``'s values: one problem a
    value, and one a line of those ``written`` (taken out of the text).

    Values hold them only where the text has an escape (``"\\x01"``).
    """
    found: dict[KeyPath, list[str]] = {}
    if escaped:
        data.value = controls.cleaned(data.value, found)
    places = [(data.line_of(path), path, names) for path, names in found.items()]
    for offset, names in written.items():
        line = data.first_line + offset
        places.append((line, _path_at(data, line), names))
    return [
        Problem(
            messages.at(messages.control_characters, path, data.value, names),
            line,
            "control",
            path,
        )
        for line, path, names in places
    ]


def _path_at(data: LocatedData, line: int) -> KeyPath:
    """The innermost key or item whose text ``line`` is part of."""
    starts = [(start, len(path), path) for path, start in data.lines.items()]
    before = [place for place in starts if place[0] <= line]
    return max(before, key=lambda place: place[:2])[2] if before else ()
