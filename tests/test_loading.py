"""Safe YAML loading with the line of every key, and the published schema."""

from __future__ import annotations

import ast
import copy
import json
from gettext import GNUTranslations
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jsonschema import Draft202012Validator
from strategy_pages.loading import (
    blank_top_level_keys,
    load_front_matter,
    load_yaml,
)
from strategy_pages.located import NODE_BUDGET, SHALLOW
from strategy_pages.model import normalise
from strategy_pages.schema import SCHEMA_PATH, check

SEED = Path(__file__).parent / "roots" / "test-seed" / "projekt.md"
NESTED = Path(__file__).parent / "roots" / "test-nested" / "projekt.md"
LOCALE = Path(__file__).parents[1] / "_ext" / "strategy_pages" / "locale"


def test_front_matter_keeps_nesting_and_lines():
    result = load_front_matter(SEED.read_text("utf-8"), "projekt.md")
    assert result.problems == []
    data = result.data
    assert data.value["goals"][1]["title"] == "Empowerment und Inklusion"
    assert data.line_of(("title",)) == 2
    assert data.line_of(("hero", "image")) == 12
    assert data.line_of(("goals", 2, "title")) == 30
    assert data.line_of(("structures", 2, "image")) == 55
    assert data.line_of(("goals", 2, "no-such-key")) == 26  # the item's line


def test_no_front_matter_is_no_data():
    assert load_front_matter("# Titel\n", "x.md").data is None
    assert load_front_matter("---\n---\n# Titel\n", "x.md").data is None


@pytest.mark.parametrize(
    "text",
    [
        "hero: !!python/object/apply:os.system ['true']\n",
        "hero: !!python/name:os.system\n",
        "hero: !!python/object:os.PathLike {a: 1}\n",
    ],
)
def test_python_object_tags_are_only_text(text):
    result = load_yaml(text, "x.yaml")
    assert result.data.value == {"hero": text.removeprefix("hero: ").strip()}
    assert [(p.subtype, p.line) for p in result.problems] == [("yaml", 1)]
    assert "Put the value in quotes: hero: '!!python/" in result.problems[0].message


def test_alias_bomb_stops_at_the_budget():
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    result = load_yaml("\n".join(levels) + "\n", "bomb.yaml")
    assert result.data is None
    expected = f"more than {NODE_BUDGET:,} values".replace(",", ".")
    assert expected in result.problems[0].message


def test_both_shapes_normalise_to_the_same_items():
    flat = normalise(load_front_matter(SEED.read_text("utf-8"), "a").data)
    nested = normalise(load_front_matter(NESTED.read_text("utf-8"), "b").data)
    assert [i.title for i in flat.goals.items] == [i.title for i in nested.goals.items]
    assert [i.description for i in flat.formats.items] == [
        i.description for i in nested.formats.items
    ]
    assert flat.hero.subtitle == ""  # the CMS's ' ' means none
    assert (flat.goals.title, nested.goals.title) == ("", "Unsere Ziele")


def test_schema_file_is_valid_and_accepts_both_shapes():
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    for page in (SEED, NESTED):
        data = load_front_matter(page.read_text("utf-8"), page.name).data
        assert check(data).problems == []
        Draft202012Validator(schema).validate(data.value)


@pytest.mark.parametrize("language", ["de"])
def test_compiled_catalog_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "strategy_pages.po").open("rb") as source:
        compiled = BytesIO()
        write_mo(compiled, read_po(source))
    fresh = GNUTranslations(BytesIO(compiled.getvalue()))
    with (folder / "strategy_pages.mo").open("rb") as committed_file:
        committed = GNUTranslations(committed_file)
    source = read_po((folder / "strategy_pages.po").open("rb"))
    messages = [message.id for message in source if message.id]
    assert len(messages) > 2
    for message in messages:
        assert (
            committed.gettext(message)
            == fresh.gettext(message)
            == source[message].string
        )


def test_every_message_in_the_code_has_a_german_translation():
    used = set()
    for path in LOCALE.parent.rglob("*.py"):
        used |= set(_messages(ast.parse(path.read_text("utf-8"))))
    with (LOCALE / "de" / "LC_MESSAGES" / "strategy_pages.po").open("rb") as source:
        translated = {message.id for message in read_po(source) if message.string}
    assert len(used) > 50 and used <= translated, used - translated


def _messages(tree: ast.AST):
    """The strings passed to ``_`` or ``_t``, the values of naming's tables, and
    the words components declare (their keys' and items' names, SectionWords)."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) in ("_", "_t")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.args[0].value
        elif (
            isinstance(node, ast.AnnAssign)
            and getattr(node.target, "id", "").lstrip("_").isupper()
        ):
            for value in getattr(node.value, "values", []):
                if isinstance(value, ast.Constant):
                    yield value.value
        elif (
            isinstance(node, ast.AnnAssign)
            and getattr(node.target, "id", "") in ("keys", "item_lists")
            and isinstance(node.value, ast.Dict)
        ):
            yield from (
                v.value for v in node.value.values if isinstance(v, ast.Constant)
            )
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "SectionWords"
        ):
            yield from (keyword.value.value for keyword in node.keywords)


def test_strategy_keys_are_blanked_for_myst_keeping_lines():
    text = SEED.read_text("utf-8")
    data = load_front_matter(text, "projekt.md").data
    blanked = blank_top_level_keys(
        text, data, ("hero", "goals", "structure", "structures")
    )
    assert blanked.count("\n") == text.count("\n")
    assert load_front_matter(blanked, "projekt.md").data.value == {"title": "xxx"}
    assert blanked.startswith("---\ntitle: xxx\n---\n")
    assert blanked.endswith("\n<ProjectPage />\n")


def test_only_strategy_keys_leave_no_front_matter():
    text = "---\nhero:\n  title: A\ngoals:\n  - title: B\n---\n<ProjectPage />\n"
    blanked = blank_top_level_keys(
        text, load_front_matter(text, "x").data, ("hero", "goals")
    )
    assert blanked == "\n\n\n\n\n\n<ProjectPage />\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # MyST's keys first: the front matter closes after them
            "---\ntitle: T\norphan: true\nhero:\n  title: A\n# Ende\n---\nText\n",
            "---\ntitle: T\norphan: true\n---\n\n\n\nText\n",
        ),
        (  # between and after the strategy's: each stays on its line
            "---\nhero:\n  title: A\ntitle: T\ngoals: []\nmyst:\n  x: 1\n---\nText\n",
            "---\n\n\ntitle: T\n\nmyst:\n  x: 1\n---\nText\n",
        ),
    ],
)
def test_myst_reads_only_its_own_keys_on_their_lines(text, expected):
    blanked = blank_top_level_keys(
        text, load_front_matter(text, "x").data, ("hero", "goals")
    )
    assert blanked == expected


def test_flow_style_front_matter_is_left_alone():
    text = "---\n{hero: {title: A}, orphan: true}\n---\n"
    assert (
        blank_top_level_keys(text, load_front_matter(text, "x").data, ("hero",)) == text
    )


def test_check_mends_a_copy_and_leaves_its_input_alone():
    text = SEED.read_text("utf-8").replace("    title: Aquise", "    titel: Aquise")
    data = load_front_matter(text, "projekt.md").data
    before = copy.deepcopy((data.value, data.lines))

    checked = check(data)

    assert (data.value, data.lines) == before
    assert checked.data is not data
    goals = checked.data.value["goals"]
    assert any(goal.get("title") == "Aquise" for goal in goals)
    (problem,) = checked.problems
    assert "read as “title”" in problem.message
    # the mended key keeps its line
    assert problem.line == text.splitlines().index("    titel: Aquise") + 1


def test_check_of_sound_data_is_that_data():
    data = load_front_matter(SEED.read_text("utf-8"), "projekt.md").data
    assert check(data).data is data


def test_a_check_words_nothing_until_its_problems_are_reported(monkeypatch):
    from strategy_pages import messages

    worded = []
    near_miss = messages.near_miss

    def counted(*fields):
        worded.append(fields)
        return near_miss(*fields)

    monkeypatch.setattr(messages, "near_miss", counted)
    text = SEED.read_text("utf-8").replace("    title: Aquise", "    titel: Aquise")
    problems = check(load_front_matter(text, "projekt.md").data).problems

    assert worded == []  # problems are data: what, where, which key
    assert [p.key for p in problems] == [("goals", 2, "title")]
    assert problems[0].message == problems[0].message
    assert len(worded) == 1  # worded once, when asked


@pytest.mark.parametrize("depth", [25, SHALLOW, 1500])
def test_nesting_too_deep_is_one_problem_however_it_is_found(depth):
    """A text with few brackets is left to the walker, a text with many is
    counted first (:data:`SHALLOW`); either way, the part is refused alike."""
    brackets = "[" * depth + "]" * depth
    loaded = load_yaml(f"hero:\n  title: Tief\ngoals: {brackets}\n", "x.yaml")
    assert loaded.data is not None
    assert loaded.data.value == {"hero": {"title": "Tief"}}
    [problem] = loaded.problems
    assert (problem.line, problem.subtype) == (3, "yaml")
    assert "more than 20 levels deep" in problem.message
