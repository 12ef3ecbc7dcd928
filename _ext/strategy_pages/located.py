"""Strict, safe YAML parsing that remembers the line of every key.

YAML is only ever read with PyYAML's safe loader, and the node graph is walked
with a budget, so alias bombs cannot expand without bound.  Scalars are kept
as the editor wrote them: ``title: 2019`` is the text ``2019``, not a number,
and ``title: yes`` is ``yes``, not ``True`` (every value of the strategy data
is text).  Errors are raised here; :mod:`.recovery` decides what survives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import messages
from .naming import KeyPath

#: YAML nodes a document may expand to; far beyond any real page, far below
#: what an alias bomb ("billion laughs") would build.
NODE_BUDGET = 100_000

#: Lists and mappings inside each other that a document may have: far beyond
#: any real page (five), far below what would exhaust Python's stack in the
#: YAML parser or here.
DEPTH_LIMIT = 20

#: Each list or mapping begins with a character of these (``- a``, ``a: b``,
#: ``? a``, ``[a]``, ``{a: b}``), so a text with fewer of them cannot nest
#: deeper: below :data:`SHALLOW`, far too few to strain the YAML composer's
#: recursion (C or Python), the depth is left to the walker (a page has some
#: fifty).
_COLLECTION_INDICATORS = "-:?[{"
SHALLOW = 200

_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
#: Scalars of these types stay the text they were written as (text itself,
#: as the safe constructor would give it, without its detour).
_TEXT_AS_WRITTEN = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "timestamp")
)

#: What follows a plain value that a comment cut short.
_COMMENT = re.compile(r"[ \t]+#")

#: libyaml's safe loader where PyYAML was built with it: same results, faster.
FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """Something wrong with the data, at a line of its source file.

    What is wrong is kept as data: ``words`` is a message of
    :mod:`.messages` bound to what it names (:func:`functools.partial`).  It
    is worded once, where the problem is reported (:attr:`message`); a check
    words nothing itself.
    """

    words: Callable[[], str]
    line: int
    subtype: str
    key: KeyPath = ()

    @cached_property
    def message(self) -> str:
        return self.words()


@dataclass
class LocatedData:
    """Values loaded from YAML, with the source line of each key and list item."""

    value: Any
    source: str
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1
    #: places whose value a YAML error cost (already reported)
    lost: set[KeyPath] = field(default_factory=set)
    #: lines of the top-level blocks that YAML cannot read as written
    unreadable: list[range] = field(default_factory=list)
    #: plain values followed by a comment on their line: what was written
    #: from the value's start to the end of the line
    commented: dict[KeyPath, str] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


class BudgetExceeded(Exception):
    """The YAML expands to more than :data:`NODE_BUDGET` values."""


class Refused(yaml.MarkedYAMLError):
    """YAML that YAML could read but this reader will not; a YAML error, so
    that only the block it sits in is lost (:mod:`.recovery`)."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)

    def message(self, where: str) -> str:
        """The problem in the editors' words, at ``where``."""
        raise NotImplementedError


class TooDeep(Refused):
    """Lists and mappings nested more than :data:`DEPTH_LIMIT` levels deep."""

    def message(self, where: str) -> str:
        return messages.too_deep(where, DEPTH_LIMIT)


class RecursiveAlias(Refused):
    """An alias inside the very value its anchor names (``&a [*a]``)."""

    def message(self, where: str) -> str:
        return messages.recursive_alias(where)


def parse(
    text: str,
    source: str,
    first_line: int = 1,
    path: KeyPath = (),
    loader_class: type = FastSafeLoader,
) -> tuple[LocatedData | None, list[Problem]]:
    """Values of YAML ``text``, which starts at ``first_line`` of ``source``.

    ``path`` is where the text sits in the whole data: the lines are noted
    under it.
    Raises :class:`yaml.YAMLError` (:class:`Refused` among them) or
    :class:`BudgetExceeded`; duplicate keys are problems, not errors (the last
    one is used, as YAML loaders do).
    """
    loader = loader_class(text)
    try:
        if sum(map(text.count, _COLLECTION_INDICATORS)) > SHALLOW:
            _check_depth(text, loader_class)
        root = loader.get_single_node()
        if root is None:
            return None, []
        data = LocatedData(None, source, first_line=first_line)
        problems: list[Problem] = []
        walker = _Walker(loader, data, problems, text.split("\n"))
        data.value = walker.construct(root, path)
        return data, problems
    except Refused:
        raise
    except yaml.YAMLError:
        if loader_class is not yaml.SafeLoader:
            # libyaml words its errors differently; editors get the same
            # message whichever PyYAML is installed.
            return parse(text, source, first_line, path, yaml.SafeLoader)
        raise
    finally:
        loader.dispose()


def _check_depth(text: str, loader_class: type) -> None:
    """Raise :class:`TooDeep` where ``text`` nests deeper than the limit.

    YAML's parser reads events without recursion; its composer, and the
    walker here, recurse a level for each level of the data.  So the events
    are counted first, and the count stops at the first level too deep.
    """
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > DEPTH_LIMIT:
                    raise TooDeep("nested too deeply", event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


class _Walker:
    """Turns a composed YAML node graph into values, noting the line of each key."""

    def __init__(
        self,
        loader: yaml.SafeLoader | yaml.CSafeLoader,
        data: LocatedData,
        problems: list[Problem],
        lines: list[str],
    ) -> None:
        self.loader = loader
        self.data = data
        self.problems = problems
        self.lines = lines
        self.visited = 0
        #: the lists and mappings being built, from the root down
        self.open: list[Node] = []

    def line(self, node: Node) -> int:
        return node.start_mark.line + self.data.first_line

    def construct(self, node: Node, path: KeyPath) -> Any:
        self.visited += 1
        if self.visited > NODE_BUDGET:
            raise BudgetExceeded
        if isinstance(node, MappingNode | SequenceNode) and node.tag not in _PLAIN_TAGS:
            # Scalars are checked by the safe constructor; collections are
            # built here, so an application tag (!!python/...) is refused here.
            raise yaml.constructor.ConstructorError(
                None, None, f"unsupported tag {node.tag!r}", node.start_mark
            )
        if isinstance(node, MappingNode | SequenceNode):
            return self.construct_collection(node, path)
        assert isinstance(node, ScalarNode)
        if not node.style:  # plain: a comment may have cut it short
            end = node.end_mark
            if _COMMENT.match(self.lines[end.line], end.column):
                start = node.start_mark
                written = self.lines[start.line][start.column :].strip()
                self.data.commented[path] = written
        if node.tag in _TEXT_AS_WRITTEN:
            return node.value
        return self.loader.construct_object(node, deep=True)

    def construct_collection(
        self, node: MappingNode | SequenceNode, path: KeyPath
    ) -> list[Any] | dict[str, Any]:
        """A list or mapping; refused where aliases make it contain itself or
        nest it deeper than the text does."""
        if any(node is outer for outer in self.open):
            raise RecursiveAlias("an alias inside its own anchor", node.start_mark)
        if len(self.open) >= DEPTH_LIMIT:
            raise TooDeep("nested too deeply", node.start_mark)
        self.open.append(node)
        try:
            if isinstance(node, MappingNode):
                return self.construct_mapping(node, path)
            items = []
            for index, item in enumerate(node.value):
                self.data.lines[(*path, index)] = self.line(item)
                items.append(self.construct(item, (*path, index)))
            return items
        finally:
            self.open.pop()

    def construct_mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        try:
            self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        except RecursionError:
            # PyYAML follows merge keys without end where a mapping merges itself.
            raise RecursiveAlias("a merge of itself", node.start_mark) from None
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value", key_node.start_mark
                )
            key = str(self.construct(key_node, path))
            key_path = (*path, key)
            if key in mapping:
                first = self.data.lines[key_path]
                self.problems.append(
                    Problem(
                        partial(messages.duplicate_key, key_path, first),
                        self.line(key_node),
                        "duplicate_key",
                        key_path,
                    )
                )
            self.data.lines[key_path] = self.line(key_node)
            mapping[key] = self.construct(value_node, key_path)
        return mapping
