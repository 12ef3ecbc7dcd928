"""Read what can be read of YAML that does not parse as a whole.

One slip (a colon in a title, a tab, a key indented one space too far, an
unclosed quotation mark) makes YAML reject the whole front matter.  Here the
text is read again block by block along its indentation: each top-level key
with its lines, each item of a list, each key of an item.  A block that parses
is kept as it is; one that does not is split further, so an error costs only
the key or item it sits in.  Where the intent is plain, the slip is mended
(a value that needs quotes is read as text, a misaligned or tab-indented key is
read at its neighbours' indentation) and reported with the fix; what cannot be
read is reported and left out, and its place noted in ``LocatedData.lost``.

Each level re-reads only the block of the level below that holds the slip,
and never the same lines twice, and there are at most
:data:`.located.DEPTH_LIMIT` levels: the work grows with the size of the text
times a bounded depth, not with its square.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import yaml

from . import messages
from .located import DEPTH_LIMIT, LocatedData, Problem, Refused, parse
from .naming import KeyPath

#: ``key:`` or ``key: value`` as a plain key starts it.
_KEY = re.compile(
    r"(?P<key>[^\s:#'\"\[\]{},&*!|>%@`-][^:#]*?)[ \t]*:(?:[ \t]+(?P<rest>.*?))?[ \t]*$"
)
_QUOTES = "'\""
#: ``key:value``, a key whose colon lacks the space after it (not ``https://``).
_GLUED_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*):(?!//)(?P<rest>\S.*)$")


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    #: the text without its indentation, which every test of a line looks at
    content: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "content", self.text.lstrip(" \t"))

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def tabbed(self) -> bool:
        return "\t" in self.text[: len(self.text) - len(self.content)]

    @property
    def blank(self) -> bool:
        return not self.content or self.content.startswith("#")

    @property
    def key(self) -> re.Match[str] | None:
        return _KEY.match(self.content)

    @property
    def dash(self) -> bool:
        return self.content == "-" or self.content.startswith("- ")

    def at(self, column: int) -> _Line:
        return _Line(self.number, " " * column + self.content)


#: A note made while recovering: its place, line, subtype and wording, which
#: waits for the recovered data (the names of items come from their titles).
_Note = tuple[KeyPath, int, str, Callable[[str], str]]


@dataclass
class _Recovery:
    source: str
    data: LocatedData
    notes: list[_Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: why YAML refused the lines it was given, by what it was given: a level
    #: often passes the same lines on (a mapping of one key, an item), which
    #: are not read again
    failures: dict[tuple[int, KeyPath, tuple[_Line, ...]], yaml.YAMLError] = field(
        default_factory=dict
    )
    #: the latest of them
    failure: yaml.YAMLError | None = None

    def block(self, lines: list[_Line], parent_column: int, path: KeyPath) -> Any:
        """The value of the indented ``lines`` below a key (or of the whole text)."""
        first = next((line for line in lines if not line.blank), None)
        if first is None:
            return None
        if len(path) >= DEPTH_LIMIT:
            # Deeper, each level would cost a level of Python's stack.
            limit = DEPTH_LIMIT
            self.lose(path, first.number, lambda w: messages.too_deep(w, limit))
            return None
        column = first.indent
        if (
            first.tabbed
            or column < parent_column
            or (column == parent_column and not first.dash)
        ):
            column = parent_column + 2
        if first.dash:
            return self.sequence(lines, column, path)
        return self.mapping(lines, column, path)

    def mapping(self, lines: list[_Line], column: int, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for natural in _split(lines, lambda line: _starts_entry(line, column)):
            header = natural[0]
            if header.tabbed or header.indent != column:
                if header.key is not None:
                    self.realign_note((*path, header.key["key"]), header, column)
                natural = [header.at(column), *natural[1:]]
            parsed = self.parse(natural, column, path)
            if isinstance(parsed, LocatedData) and isinstance(parsed.value, dict):
                pairs = [
                    (header.number, key, value) for key, value in parsed.value.items()
                ]
            else:
                if not path:  # MyST must not see a top-level block it cannot read
                    self.data.unreadable.append(_span(natural))
                pairs = [
                    (entry[0].number, key, value)
                    for entry in self.realigned(natural, column, path)
                    for key, value in self.entry(entry, column, path)
                ]
            for line, key, value in pairs:
                if key in seen:
                    self.problems.append(
                        Problem(
                            partial(messages.duplicate_key, (*path, key), seen[key]),
                            line,
                            "duplicate_key",
                            (*path, key),
                        )
                    )
                result[key] = value
                seen[key] = self.data.lines[(*path, key)] = line
        return result

    def sequence(self, lines: list[_Line], column: int, path: KeyPath) -> list[Any]:
        items: list[Any] = []
        # A dash left of the items' keys starts an item, even when out of line.
        for index, entry in enumerate(
            _split(lines, lambda line: line.dash and line.indent < column + 2)
        ):
            item_path = (*path, index)
            header = entry[0]
            if header.tabbed or header.indent != column:
                self.realign_note(item_path, header, column)
                entry = [header.at(column), *entry[1:]]
            self.data.lines[item_path] = header.number
            items.append(self.item(entry, column, item_path))
        return items

    def item(self, entry: list[_Line], column: int, path: KeyPath) -> Any:
        header = entry[0]
        if not header.dash:
            self.note(
                path, header.number, "yaml", lambda _: messages.not_a_key(header.number)
            )
            return None
        after_dash = header.content[1:]
        rest = after_dash.lstrip(" ")
        if not rest:  # "-" alone: the item is the block below it
            return self.block(entry[1:], column, path)
        # The item read as a mapping at the column of its first key.
        key_column = column + 1 + len(after_dash) - len(rest)
        lines = [_Line(header.number, " " * key_column + rest), *entry[1:]]
        parsed = self.parse(lines, key_column, path)
        if parsed is not None:
            return parsed.value
        if _KEY.match(rest) is None:
            return self.scalar(lines, key_column, path, "- ", rest)
        return self.mapping(lines, key_column, path)

    def realigned(
        self, entry: list[_Line], column: int, path: KeyPath
    ) -> Iterator[list[_Line]]:
        """``entry`` split at keys out of line, each read at ``column``.

        A key is out of line left of ``column``, or where nothing else can
        follow: after a value on its key's line, or left of the text of a
        block value (``>-``).  A tab's width is unknown, so a tab-indented key
        is out of line wherever a key cannot go on the value before it.
        """
        current = [entry[0]]
        text_indent: int | None = None  # of the block value's first line
        for line in entry[1:]:
            header = _value_kind(current[0])
            if line.blank:
                current.append(line)
                continue
            if header == "block" and text_indent is None and not line.tabbed:
                text_indent = line.indent
                current.append(line)
                continue
            match = line.key
            out_of_line = match is not None and (
                (line.indent < column and not line.tabbed)
                or (header == "inline" and (line.tabbed or line.indent > column))
                or (
                    header == "block"
                    and (line.tabbed or line.indent < (text_indent or 0))
                )
            )
            if not out_of_line or match is None:
                current.append(line)
                continue
            yield current
            self.realign_note((*path, match["key"]), line, column)
            current = [line.at(column)]
            text_indent = None
        yield current

    def realign_note(self, path: KeyPath, line: _Line, column: int) -> None:
        if line.tabbed:
            number = line.number
            self.note(
                path, number, "yaml", lambda where: messages.tab_indent(where, number)
            )
        else:
            self.note(
                path,
                line.number,
                "yaml",
                lambda where: messages.indentation(where, column),
            )

    def entry(
        self, entry: list[_Line], column: int, path: KeyPath
    ) -> Iterator[tuple[str, Any]]:
        """The keys and values of one entry of a mapping."""
        parsed = self.parse(entry, column, path)
        header = entry[0]
        if parsed is not None and isinstance(parsed.value, dict):
            yield from parsed.value.items()
            return
        match = header.key
        if match is None and (glued := _GLUED_KEY.match(header.content)):
            # "title:Aquise": the space after the colon is missing.
            key = glued["key"]
            number = header.number
            self.note(
                (*path, key),
                number,
                "yaml",
                lambda where: messages.no_space(where, key),
            )
            fixed = _Line(number, f"{' ' * column}{key}: {glued['rest']}")
            yield from self.entry([fixed, *entry[1:]], column, path)
            return
        if match is None:
            self.note(
                path, header.number, "yaml", lambda _: messages.not_a_key(header.number)
            )
            return
        key, rest = match["key"], match["rest"] or ""
        key_path = (*path, key)
        if not rest:
            yield key, self.block(entry[1:], column, key_path)
            return
        value = self.scalar(entry, column, key_path, f"{key}: ", rest)
        if key_path not in self.data.lost:
            yield key, value

    def scalar(
        self,
        entry: list[_Line],
        column: int,
        path: KeyPath,
        lead: str,
        rest: str,
    ) -> Any:
        """A value on the line of its key that YAML cannot read: read it as text."""
        line = entry[0].number
        continued = [item.content for item in entry[1:] if not item.blank]
        if (
            isinstance(self.failure, Refused)  # readable, but not read as text
            or rest[0] in "|>"
            or any(_KEY.match(text) for text in continued)
        ):
            return self.unreadable(entry, column, path)
        text = " ".join([rest, *continued])
        if rest[0] in _QUOTES and not continued and rest.count(rest[0]) == 1:
            quote = rest[0]
            value = rest[1:]
            self.note(
                path, line, "yaml", lambda where: messages.unclosed_quote(where, quote)
            )
            return value
        self.note(
            path, line, "yaml", lambda where: messages.read_as_text(where, lead, text)
        )
        return text

    def unreadable(self, entry: list[_Line], column: int, path: KeyPath) -> None:
        error = self.error(entry, column, path)
        tabs = next((line.number for line in entry if "\t" in line.text), None)
        if isinstance(error, Refused):
            self.lose(path, _error_line(error, entry), error.message)
        elif tabs is not None:
            self.lose(path, tabs, lambda where: messages.unreadable_tabs(where, tabs))
        else:
            line = _error_line(error, entry)
            problem = str(getattr(error, "problem", None) or error)
            self.lose(path, line, lambda where: messages.unreadable(where, problem))
        return None

    def parse(
        self, lines: list[_Line], column: int, path: KeyPath
    ) -> LocatedData | None:
        """``lines`` parsed as YAML at ``path``; None where YAML refuses them."""
        key = (column, path, tuple(lines))
        self.failure = self.failures.get(key)
        if self.failure is not None:
            return None
        try:
            data, problems = parse(
                _dedented(lines, column), self.source, lines[0].number, path=path
            )
        except yaml.YAMLError as error:
            self.failure = self.failures[key] = error
            return None
        if data is None:
            return LocatedData(None, self.source)
        self.data.lines.update(data.lines)
        self.problems += problems
        self.continuations(lines, column, data)
        return data

    def continuations(self, lines: list[_Line], column: int, data: LocatedData) -> None:
        """Note each line of ``lines`` left of ``column`` that YAML read all
        the same: it continues the value above it, which the text here reads
        as meant, but no YAML reader that reads the whole text at once does
        (the CMS's among them), so the page cannot be opened there."""
        by_number = {line.number: line for line in lines}
        for line in lines[1:]:
            if line.blank or line.tabbed or line.indent >= column:
                continue
            above = [
                (start, len(path), path)
                for path, start in data.lines.items()
                if start < line.number
            ]
            if not above:
                continue
            start, _, path = max(above)
            key_line = by_number[start].text
            key_column = len(key_line) - len(key_line.lstrip(" -"))
            message = partial(
                messages.continuation, line=line.number, spaces=key_column + 2
            )
            self.note(path, line.number, "yaml", message)

    def error(self, lines: list[_Line], column: int, path: KeyPath) -> yaml.YAMLError:
        """Why YAML refuses ``lines``."""
        if self.parse(lines, column, path) is not None:  # pragma: no cover
            raise AssertionError("the lines parse")
        assert self.failure is not None
        return self.failure

    def note(
        self, path: KeyPath, line: int, subtype: str, message: Callable[[str], str]
    ) -> None:
        self.notes.append((path, line, subtype, message))

    def lose(self, path: KeyPath, line: int, message: Callable[[str], str]) -> None:
        self.data.lost.add(path)
        self.note(path, line, "yaml", message)


def recover(
    text: str, source: str, first_line: int
) -> tuple[LocatedData, list[Problem]]:
    """What can be read of YAML ``text`` (which does not parse as a whole)."""
    lines = _lines(text, first_line)
    data = LocatedData(None, source, first_line=first_line)
    recovery = _Recovery(source, data)
    data.value = recovery.block(lines, -2, ())
    problems = recovery.problems + [
        Problem(messages.at(message, path, data.value), line, subtype, path)
        for path, line, subtype, message in recovery.notes
    ]
    return data, sorted(problems, key=lambda problem: problem.line)


def top_level_blocks(text: str, first_line: int) -> list[tuple[str | None, range]]:
    """The top-level blocks of YAML ``text``: their key and their lines."""
    lines = _lines(text, first_line)
    return [
        (entry[0].key["key"] if entry[0].key else None, _span(entry))
        for entry in _split(lines, lambda line: _starts_entry(line, 0))
    ]


def _lines(text: str, first_line: int) -> list[_Line]:
    return [
        _Line(first_line + number, line) for number, line in enumerate(text.split("\n"))
    ]


def _span(entry: list[_Line]) -> range:
    """The lines of ``entry`` up to its last that is not blank."""
    last = max(line.number for line in entry if not line.blank)
    return range(entry[0].number, last + 1)


def _split(lines: list[_Line], starts: Callable[[_Line], bool]) -> list[list[_Line]]:
    """``lines`` cut before each line that ``starts`` an entry (and the first)."""
    entries: list[list[_Line]] = []
    for line in lines:
        if not line.blank and (not entries or starts(line)):
            entries.append([line])
        elif entries:
            entries[-1].append(line)
    return entries


def _starts_entry(line: _Line, column: int) -> bool:
    """Whether ``line`` starts a key of the mapping at ``column``.

    A dash there goes on with the key before it: ``goals:`` may be followed
    by its items at its own indentation (``- title: …``).
    """
    return line.indent == column and not line.tabbed and not line.dash


def _dedented(lines: list[_Line], column: int) -> str:
    """The text of ``lines`` moved left by ``column``.

    A line indented less stays where it is: moving it would hide the slip.
    """
    return "\n".join(
        line.text[column:] if line.indent >= column else line.text for line in lines
    )


def _value_kind(line: _Line) -> str:
    """What follows ``key:`` on ``line``: "inline", "block" (``|``, ``>``) or "".

    Nothing else can follow an inline value; a block value goes on below.
    """
    match = line.key
    rest = (match["rest"] or "") if match else ""
    if not rest or rest[0] in "&!":
        return ""
    return "block" if rest[0] in "|>" else "inline"


def _error_line(error: yaml.YAMLError, lines: list[_Line]) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is None:
        return lines[0].number
    return lines[0].number + mark.line
