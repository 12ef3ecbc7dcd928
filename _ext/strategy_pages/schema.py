"""Check strategy data against ``schema.json`` and word the findings for editors.

The JSON Schema file is the single definition of valid data: editors' YAML
tooling reads it too.  Here each schema error becomes a :class:`Problem` at the
line of the key it concerns.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .loading import KeyPath, LocatedData, Problem, dotted

SCHEMA_PATH = Path(__file__).with_name("schema.json")

#: The top-level keys that carry strategy data.
STRATEGY_KEYS = ("hero", "goals", "structure", "structures")

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    # The same schema with its $refs replaced by what they name: validating
    # then skips reference resolution, which made up two thirds of the time.
    definitions = schema()["$defs"]
    return Draft202012Validator(_inlined(schema(), definitions))


def _inlined(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            target = definitions[node["$ref"].removeprefix("#/$defs/")]
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            return {**_inlined(target, definitions), **siblings}
        return {
            key: _inlined(value, definitions)
            for key, value in node.items()
            if key != "$defs"
        }
    if isinstance(node, list):
        return [_inlined(value, definitions) for value in node]
    return node


def has_strategy_data(value: Any) -> bool:
    return isinstance(value, dict) and any(key in value for key in STRATEGY_KEYS)


def validate(data: LocatedData) -> list[Problem]:
    """All problems of ``data``, in the order of their lines."""
    if not isinstance(data.value, dict):
        return [
            Problem(
                f"the data must be a mapping of keys to values, not "
                f"{_kind(data.value)}",
                data.first_line,
                "not_mapping",
            )
        ]
    problems = [*_misspelt_top_level_keys(data)]
    for error in _validator().iter_errors(data.value):
        problems.extend(_problems_from(error, data))
    return sorted(problems, key=lambda problem: problem.line)


def _misspelt_top_level_keys(data: LocatedData) -> Iterator[Problem]:
    # Other top-level keys belong to Sphinx, MyST or the CMS; only near misses
    # of strategy keys are surely mistakes.
    for key in data.value:
        if key in STRATEGY_KEYS:
            continue
        close = difflib.get_close_matches(key.lower(), STRATEGY_KEYS, n=1, cutoff=0.75)
        if close:
            yield Problem(
                f"unknown key {key!r}; did you mean {close[0]!r}? It is not shown",
                data.line_of((key,)),
                "unknown_key",
                (key,),
            )


def _problems_from(error: ValidationError, data: LocatedData) -> Iterator[Problem]:
    path: KeyPath = tuple(error.absolute_path)
    where = dotted(path)
    line = data.line_of(path)
    instance: Any = error.instance
    rule: Any = error.validator_value
    known: list[str] = list(_schema_of(error).get("properties", {}))
    if error.validator == "required":
        missing = next(key for key in rule if key not in instance)
        if _misspelling_of(missing, instance, known):
            return  # reported as an unknown key, with the suggestion
        owner = f"{where}: " if where else ""
        yield Problem(
            f"{owner}required key {missing!r} is missing", line, "missing_key", path
        )
    elif error.validator == "additionalProperties":
        required = _schema_of(error).get("required", [])
        for key in instance:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            if not close:
                hint = f"; known: {', '.join(known)}. It is not shown"
            elif close[0] in required and close[0] not in instance:
                hint = f"; did you mean {close[0]!r}? Without it, {where} is not shown"
            else:
                hint = f"; did you mean {close[0]!r}? It is not shown"
            yield Problem(
                f"{dotted((*path, key))}: unknown key {key!r}{hint}",
                data.line_of((*path, key)),
                "unknown_key",
                (*path, key),
            )
    elif error.validator == "type":
        wanted = " or ".join(
            _TYPE_NAMES[name] for name in ([rule] if isinstance(rule, str) else rule)
        )
        yield Problem(
            f"{where}: must be {wanted}, not {_kind(instance)}; it is not shown",
            line,
            "wrong_type",
            path,
        )
    elif error.validator == "pattern":
        yield Problem(
            f"{where}: must not be blank; it is not shown", line, "blank", path
        )
    else:  # pragma: no cover - the schema uses no other keywords
        yield Problem(f"{where}: {error.message}", line, "schema", path)


def _schema_of(error: ValidationError) -> dict[str, Any]:
    """The part of the schema that the error is about."""
    return error.schema if isinstance(error.schema, dict) else {}


def _misspelling_of(missing: str, mapping: dict[str, Any], known: list[str]) -> bool:
    """Whether ``mapping`` has an unknown key that is close to ``missing``."""
    unknown = [key for key in mapping if key not in known]
    return bool(difflib.get_close_matches(missing, unknown, n=1, cutoff=0.6))


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return f"{type(value).__name__} {value!r}"[:60]
