"""Check strategy data against ``schema.json`` and word the findings for editors.

The JSON Schema file is the single definition of valid data: editors' YAML
tooling reads it too.  Here each schema error becomes a :class:`Problem` at the
line of the key it concerns.
"""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from . import messages
from .core import vocabulary
from .located import LocatedData, Problem
from .naming import KeyPath

SCHEMA_PATH = Path(__file__).with_name("schema.json")


def strategy_keys() -> tuple[str, ...]:
    """The top-level keys that carry strategy data: those components read."""
    return vocabulary.data_keys()


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _inlined_schema() -> dict[str, Any]:
    # The schema as checking reads it: its $refs replaced by what they name
    # (reference resolution made up two thirds of the validation's time), and
    # without the keywords that only describe.
    inlined: dict[str, Any] = _inlined(schema(), schema()["$defs"])
    return inlined


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(_inlined_schema())


#: What checking skips: the definitions (inlined where named), and the
#: keywords that only describe, for editors' tooling and the CMS, which
#: validation would look up in every part of the schema it enters.
_SKIPPED = frozenset({"$defs", "$schema", "$id", "title", "description"})


def _inlined(node: Any, definitions: dict[str, Any], names: bool = False) -> Any:
    """``node`` as checking reads it (:func:`_inlined_schema`); ``names``:
    ``node`` maps the names of properties to their rules."""
    if isinstance(node, dict):
        if names:
            return {name: _inlined(rules, definitions) for name, rules in node.items()}
        if "$ref" in node:
            target = definitions[node["$ref"].removeprefix("#/$defs/")]
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            return _inlined({**target, **siblings}, definitions)
        return {
            key: _inlined(value, definitions, names=key == "properties")
            for key, value in node.items()
            if key not in _SKIPPED
        }
    if isinstance(node, list):
        return [_inlined(value, definitions) for value in node]
    return node


def has_strategy_data(value: Any) -> bool:
    return isinstance(value, dict) and any(key in value for key in strategy_keys())


@dataclass(frozen=True)
class Checked:
    """What :func:`check` found: the data as the build reads it, and every
    problem, in line order."""

    data: LocatedData
    problems: list[Problem]


def check(data: LocatedData) -> Checked:
    """Every problem of ``data``, and the data with its near-misses mended.

    A misspelt key whose expected key is missing (``titel``, ``Title``,
    ``imgae``) is used as that key, and the problem says so.  ``data`` itself
    is never changed: where a key is mended, the result holds a copy.
    """
    if not isinstance(data.value, dict):
        problem = Problem(
            partial(messages.not_mapping, data.value), data.first_line, "not_mapping"
        )
        return Checked(data, [problem])
    errors = list(_validator().iter_errors(data.value))
    renames = (
        list(_near_misses(data.value, _inlined_schema(), ()))
        if _has_unknown_keys(data.value, errors)
        else []
    )
    mended = data
    if renames:
        mended = _renamed(data, renames)
        errors = list(_validator().iter_errors(mended.value))
    problems = [
        Problem(
            partial(messages.near_miss, (*path, key), mended.value, known),
            mended.line_of((*path, known)),
            "unknown_key",
            (*path, known),
        )
        for path, key, known in renames
    ]
    problems += _misspelt_top_level_keys(mended)
    problems += _comments(mended)
    for error in errors:
        problems.extend(_problems_from(error, mended))
    return Checked(mended, sorted(problems, key=lambda problem: problem.line))


def _has_unknown_keys(value: dict[str, Any], errors: list[ValidationError]) -> bool:
    """Whether ``value`` has a key the schema does not know, which may be a
    near miss: one at the top, or one the schema refuses below it."""
    known = _inlined_schema()["properties"]
    return any(key not in known for key in value) or any(
        error.validator == "additionalProperties" for error in errors
    )


@lru_cache(maxsize=1024)
def _closest(key: str, candidates: tuple[str, ...], cutoff: float) -> str | None:
    """The candidate ``key`` is closest to, if close enough.  Kept: pages
    share their keys (``title`` is compared on every page that has one)."""
    close = difflib.get_close_matches(key, candidates, n=1, cutoff=cutoff)
    return close[0] if close else None


#: A key to mend: the path of its mapping, the key as written, the key meant.
Rename = tuple[KeyPath, str, str]


def _near_misses(value: Any, rules: dict[str, Any], path: KeyPath) -> Iterator[Rename]:
    """The keys in ``value`` (at ``path``) written close to a key the schema
    expects there and that is missing, outer ones first."""
    if isinstance(value, list) and isinstance(rules.get("items"), dict):
        for index, item in enumerate(value):
            yield from _near_misses(item, rules["items"], (*path, index))
    if not isinstance(value, dict):
        return
    known: dict[str, Any] = rules.get("properties", {})
    missing = [key for key in known if key not in value]
    # Other top-level keys belong to Sphinx, MyST or the CMS: only a key very
    # close to a strategy key is surely a slip there.
    cutoff = 0.6 if path else _TOP_LEVEL_CUTOFF
    meant = {}
    for key in [key for key in value if key not in known]:
        close = _closest(key.lower(), tuple(missing), cutoff)
        if close is not None:
            missing.remove(close)
            meant[close] = key
            yield path, key, close
    for key in known:
        written = meant.get(key, key)
        if written in value:
            yield from _near_misses(value[written], known[key], (*path, key))


def _renamed(data: LocatedData, renames: list[Rename]) -> LocatedData:
    """A copy of ``data`` with the keys of ``renames`` renamed, in order."""
    mended = replace(data, value=copy.deepcopy(data.value), lines=dict(data.lines))
    for path, key, known in renames:
        mapping = mended.value
        for step in path:
            mapping = mapping[step]
        mapping[known] = mapping.pop(key)
        _move(mended, (*path, key), (*path, known))
    return mended


#: How close an unknown top-level key must be to a strategy key to be named
#: as a slip of it.
_TOP_LEVEL_CUTOFF = 0.75


def _misspelt_top_level_keys(data: LocatedData) -> Iterator[Problem]:
    """Top-level keys close to a strategy key the data has already."""
    known = list(_inlined_schema().get("properties", {}))
    for key in [key for key in data.value if key not in known]:
        close = _closest(key.lower(), tuple(known), _TOP_LEVEL_CUTOFF)
        if close is not None:
            yield Problem(
                partial(messages.unknown_key, (key,), data.value, close, known),
                data.line_of((key,)),
                "unknown_key",
                (key,),
            )


def _comments(data: LocatedData) -> Iterator[Problem]:
    """A comment that cut a value short: ``title: Ziel #1`` shows „Ziel“."""
    for path, written in data.commented.items():
        if path[0] not in strategy_keys():
            continue  # Sphinx's own keys may carry comments
        lead = f"{path[-1]}: " if isinstance(path[-1], str) else "- "
        yield Problem(
            messages.at(messages.comment_cut, path, data.value, lead, written),
            data.line_of(path),
            "yaml",
            path,
        )


def _move(data: LocatedData, old: KeyPath, new: KeyPath) -> None:
    """Note the lines of everything at ``old`` under ``new``."""
    for path in [path for path in data.lines if path[: len(old)] == old]:
        data.lines[new + path[len(old) :]] = data.lines.pop(path)


def _problems_from(error: ValidationError, data: LocatedData) -> Iterator[Problem]:
    path: KeyPath = tuple(error.absolute_path)
    if _lost(data, path):
        return
    line = data.line_of(path)
    instance: Any = error.instance
    rule: Any = error.validator_value
    rules = _schema_of(error)
    root = data.value
    if error.validator == "required":
        missing = next(key for key in rule if key not in instance)
        if _lost(data, (*path, missing)):
            return
        if missing == "title":
            yield Problem(
                partial(messages.missing_title, path, root), line, "missing_key", path
            )
        else:
            yield Problem(
                partial(messages.missing_key, path, root, missing),
                line,
                "missing_key",
                path,
            )
    elif error.validator == "additionalProperties":
        known = list(rules.get("properties", {}))
        for key in instance:
            if key in known:
                continue
            key_path = (*path, key)
            yield Problem(
                partial(
                    messages.unknown_key,
                    key_path,
                    root,
                    _closest(key, tuple(known), 0.6),
                    known,
                ),
                data.line_of(key_path),
                "unknown_key",
                key_path,
            )
    elif error.validator == "type":
        wanted = [rule] if isinstance(rule, str) else list(rule)
        yield Problem(
            partial(messages.wrong_type, path, root, wanted, instance),
            line,
            "wrong_type",
            path,
        )
    elif error.validator == "pattern":
        words = (
            partial(messages.blank_title, path[:-1], root)
            if path[-1:] == ("title",)
            else partial(messages.blank, path, root)
        )
        yield Problem(words, line, "blank", path)
    else:  # pragma: no cover - the schema uses no other keywords
        yield Problem(
            messages.at(messages.schema_error, path, root, error.message),
            line,
            "schema",
            path,
        )


def _lost(data: LocatedData, path: KeyPath) -> bool:
    """Whether a YAML error cost ``path`` or a place above it (reported already)."""
    return any(path[: len(lost)] == lost for lost in data.lost)


def _schema_of(error: ValidationError) -> dict[str, Any]:
    """The part of the schema that the error is about."""
    return error.schema if isinstance(error.schema, dict) else {}
