"""Read strategy data as plain Python values, remembering the line of every key.

Front matter comes from a Markdown page (between two ``---`` lines) or from a
separate YAML file.  YAML is only ever read with PyYAML's safe loader, and the
node graph is walked with a budget, so alias bombs cannot expand without bound.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

#: A position inside the data: mapping keys and list indices.
KeyPath = tuple[str | int, ...]

#: YAML nodes a document may expand to; far beyond any real page, far below
#: what an alias bomb ("billion laughs") would build.
NODE_BUDGET = 100_000

_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")

#: libyaml's safe loader where PyYAML was built with it: same results, faster.
_FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL
)


def dotted(path: KeyPath) -> str:
    """``('goals', 0, 'title')`` -> ``goals[0].title``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


@dataclass(frozen=True)
class Problem:
    """Something wrong with the data, at a line of its source file."""

    message: str
    line: int
    subtype: str
    key: KeyPath = ()


@dataclass
class LocatedData:
    """Values loaded from YAML, with the source line of each key and list item."""

    value: Any
    source: str
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path: KeyPath) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


@dataclass
class LoadResult:
    data: LocatedData | None
    problems: list[Problem] = field(default_factory=list)


class _BudgetExceeded(Exception):
    pass


def split_front_matter(text: str) -> tuple[str, int] | None:
    """The YAML text of a Markdown page's front matter and its first line."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    return match.group("yaml") or "", 2


def blank_top_level_keys(page: str, data: LocatedData, keys: Collection[str]) -> str:
    """``page`` with the front-matter lines of the top-level ``keys`` blanked.

    Line numbers stay as they were.  Nothing is blanked unless every top-level
    key starts a line of its own (block style), where that is safe.
    """
    lines = page.split("\n")
    starts = sorted((data.lines[(key,)], key) for key in data.value)
    if len({line for line, _ in starts}) != len(starts) or any(
        not lines[line - 1].startswith(key) for line, key in starts
    ):
        return page
    yaml_text, first_line = split_front_matter(page) or ("", data.first_line)
    closing = first_line + yaml_text.count("\n")  # the line of the closing ---
    ends = [line for line, _ in starts[1:]] + [closing]
    for (start, key), end in zip(starts, ends, strict=True):
        if key in keys:
            lines[start - 1 : end - 1] = [""] * (end - start)
    if all(key in keys for key in data.value):
        lines[starts[0][0] - 1] = "{}"  # still a mapping, as MyST expects
    return "\n".join(lines)


def load_front_matter(text: str, source: str) -> LoadResult:
    """Load the front matter of a Markdown page; no front matter gives no data."""
    found = split_front_matter(text)
    if found is None:
        return LoadResult(None)
    yaml_text, first_line = found
    return load_yaml(yaml_text, source, first_line)


def load_yaml(
    text: str, source: str, first_line: int = 1, loader_class: type = _FastSafeLoader
) -> LoadResult:
    """Safely load YAML ``text``, which starts at line ``first_line`` of ``source``."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return LoadResult(None)
        data = LocatedData(None, source, first_line=first_line)
        problems: list[Problem] = []
        walker = _Walker(loader, data, problems)
        data.value = walker.construct(root, ())
        return LoadResult(data, problems)
    except _BudgetExceeded:
        return LoadResult(
            None,
            [
                Problem(
                    f"the YAML expands to more than {NODE_BUDGET:,} values "
                    "(aliases nested too deeply?); the data is not used",
                    first_line,
                    "yaml",
                )
            ],
        )
    except yaml.YAMLError as error:
        if loader_class is not yaml.SafeLoader:
            # libyaml words its errors differently; editors get the same
            # message whichever PyYAML is installed.
            return load_yaml(text, source, first_line, yaml.SafeLoader)
        return LoadResult(None, [_yaml_problem(error, first_line)])
    finally:
        loader.dispose()


def _yaml_problem(error: yaml.YAMLError, first_line: int) -> Problem:
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    line = mark.line + first_line if mark is not None else first_line
    problem = str(getattr(error, "problem", None) or error)
    message = f"invalid YAML: {problem}"
    context = getattr(error, "context", None)
    if context:
        started = context_mark.line + first_line if context_mark else line
        message += f" ({context}" + (f" on line {started})" if started != line else ")")
    if r"'\t'" in problem:
        message += "; indent with spaces, not tabs"
    return Problem(message, line, "yaml")


class _Walker:
    """Turns a composed YAML node graph into values, noting the line of each key."""

    def __init__(
        self,
        loader: yaml.SafeLoader | yaml.CSafeLoader,
        data: LocatedData,
        problems: list[Problem],
    ) -> None:
        self.loader = loader
        self.data = data
        self.problems = problems
        self.visited = 0

    def line(self, node: Node) -> int:
        return node.start_mark.line + self.data.first_line

    def construct(self, node: Node, path: KeyPath) -> Any:
        self.visited += 1
        if self.visited > NODE_BUDGET:
            raise _BudgetExceeded
        if isinstance(node, MappingNode | SequenceNode) and node.tag not in _PLAIN_TAGS:
            # Scalars are checked by the safe constructor; collections are
            # built here, so an application tag (!!python/...) is refused here.
            raise yaml.constructor.ConstructorError(
                None, None, f"unsupported tag {node.tag!r}", node.start_mark
            )
        if isinstance(node, MappingNode):
            return self.construct_mapping(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.data.lines[(*path, index)] = self.line(item)
                items.append(self.construct(item, (*path, index)))
            return items
        assert isinstance(node, ScalarNode)
        return self.loader.construct_object(node, deep=True)

    def construct_mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value", key_node.start_mark
                )
            key = str(self.loader.construct_object(key_node))
            key_path = (*path, key)
            if key in mapping:
                self.problems.append(
                    Problem(
                        f"duplicate key {key!r} (also on line "
                        f"{self.data.lines[key_path]}); the last one is used",
                        self.line(key_node),
                        "duplicate_key",
                        key_path,
                    )
                )
            self.data.lines[key_path] = self.line(key_node)
            mapping[key] = self.construct(value_node, key_path)
        return mapping
