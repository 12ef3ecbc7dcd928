"""A slip in the YAML costs only its own block, and says how to fix it.

Each case is a small page with one slip, as editors make them in a CMS or a
pull request: what survives, and the one problem it gives (line, subtype and
wording; English is the source language, the site translates it).
"""

from __future__ import annotations

import pytest
from strategy_pages.loading import blank_top_level_keys, load_front_matter, load_yaml
from strategy_pages.model import normalise
from strategy_pages.schema import check, strategy_keys

PAGE = """\
hero:
  title: Projekt
  description: Einleitung.
goals:
  - title: Beteiligung
    description: Erstes Ziel.
  - title: Inklusion
    description: Zweites Ziel.
    image: /images/b.svg
  - title: Aquise
    description: Drittes Ziel.
structures:
  - title: Zentral
    description: Ein Haus.
"""


def load(text: str):
    result = load_yaml(text, "p.yaml")
    assert result.data is not None
    checked = check(result.data)
    return checked.data, result.problems + checked.problems


def with_slip(old: str, new: str) -> str:
    assert old in PAGE
    return PAGE.replace(old, new, 1)


def titles(value) -> list[str]:
    return [goal.get("title") for goal in value["goals"]]


UNTOUCHED = {"hero", "structures"}


@pytest.mark.parametrize(
    ("old", "new", "line", "message", "goals"),
    [
        (
            "title: Aquise",
            "title: Aquise: Gewinnung",
            10,
            "Goal 3 (“Aquise: Gewinnung”), Title: the value contains “: ”; it was "
            "read as text. Put the value in quotes: title: 'Aquise: Gewinnung'",
            ["Beteiligung", "Inklusion", "Aquise: Gewinnung"],
        ),
        (
            "title: Aquise",
            'title: "Haus" des Engagements',
            10,
            'the value starts with “"”; it was read as text. Put the value in '
            "quotes: title: '\"Haus\" des Engagements'",
            ["Beteiligung", "Inklusion", '"Haus" des Engagements'],
        ),
        (
            "title: Aquise",
            "title: 'Aquise",
            10,
            "Goal 3 (“Aquise”), Title: the quotation mark ' at the start of the "
            "value is not closed",
            ["Beteiligung", "Inklusion", "Aquise"],
        ),
        (
            "title: Aquise",
            "title: *wichtig* Aquise",
            10,
            "the value starts with “*”; it was read as text",
            ["Beteiligung", "Inklusion", "*wichtig* Aquise"],
        ),
        (
            "    description: Zweites Ziel.",
            "\tdescription: Zweites Ziel.",
            8,
            "Goal 2 (“Inklusion”), Description: line 8 is indented with a tab; "
            "YAML needs spaces",
            ["Beteiligung", "Inklusion", "Aquise"],
        ),
        (
            "    image: /images/b.svg",
            "     image: /images/b.svg",
            9,
            "Goal 2 (“Inklusion”), Image: the indentation does not match the lines "
            "around it; it was read as if indented by 4 spaces",
            ["Beteiligung", "Inklusion", "Aquise"],
        ),
        (
            "    image: /images/b.svg",
            "   image: /images/b.svg",
            9,
            "Goal 2 (“Inklusion”), Image: the indentation does not match",
            ["Beteiligung", "Inklusion", "Aquise"],
        ),
        (
            "  - title: Inklusion",
            "   - title: Inklusion",
            7,
            "Goal 2 (“Inklusion”): the indentation does not match",
            ["Beteiligung", "Inklusion", "Aquise"],
        ),
        (
            "    image: /images/b.svg",
            "    image:/images/b.svg",
            9,
            "Goal 2 (“Inklusion”), Image: the space after “image:” is missing",
            ["Beteiligung", "Inklusion", "Aquise"],
        ),
    ],
    ids=[
        "colon",
        "quoted start",
        "unclosed quote",
        "indicator",
        "tab",
        "one space too many",
        "one space too few",
        "list item out of line",
        "no space after colon",
    ],
)
def test_a_mended_slip_keeps_everything_and_says_how_to_fix_it(
    old, new, line, message, goals
):
    data, problems = load(with_slip(old, new))
    assert [(p.line, p.subtype) for p in problems] == [(line, "yaml")]
    assert message in problems[0].message
    assert titles(data.value) == goals
    assert data.value["goals"][1]["image"] == "/images/b.svg"
    intact, _ = load(PAGE)
    for key in UNTOUCHED:
        assert data.value[key] == intact.value[key]


def test_what_cannot_be_read_costs_only_its_key():
    # text after a block indicator (">") on its line cannot be read at all
    data, problems = load(
        with_slip("    description: Erstes Ziel.", "    description: > x y\n      z")
    )
    assert [(p.line, p.subtype) for p in problems] == [(6, "yaml")]
    assert problems[0].message.startswith(
        "Goal 1 (“Beteiligung”), Description: YAML cannot read this"
    )
    assert problems[0].message.endswith("This part is not shown")
    assert data.value["goals"][0] == {"title": "Beteiligung"}
    assert titles(data.value) == ["Beteiligung", "Inklusion", "Aquise"]
    # the lost description is reported once, not again as a schema problem
    assert ("goals", 0, "description") in data.lost


def test_a_line_that_is_no_key_is_reported_and_the_rest_kept():
    data, problems = load(
        with_slip(
            "    description: Zweites Ziel.\n",
            "    description: Zweites Ziel.\n    Hallo\n",
        )
    )
    assert [(p.line, p.subtype) for p in problems] == [(9, "yaml")]
    assert "line 9 is neither “key: value” nor a list entry" in problems[0].message
    assert data.value["goals"][1]["image"] == "/images/b.svg"


def test_a_lost_title_is_reported_once():
    data, problems = load(with_slip("  - title: Aquise\n", "  - title: |x\n"))
    assert [(p.line, p.subtype) for p in problems] == [(10, "yaml")]
    assert data.value["goals"][2] == {"description": "Drittes Ziel."}


def test_a_comment_that_cuts_a_value_short_is_reported():
    data, problems = load(with_slip("title: Aquise", "title: Ziel #3"))
    assert data.value["goals"][2]["title"] == "Ziel"
    assert [(p.line, p.subtype) for p in problems] == [(10, "yaml")]
    assert problems[0].message == (
        "Goal 3 (“Ziel”), Title: everything from “ #” on is a YAML comment and is "
        "not shown. If it belongs to the text, put the value in quotes: "
        "title: 'Ziel #3'"
    )


def test_comments_on_other_keys_and_after_quotes_are_fine():
    _, problems = load(
        "orphan: true  # hidden page\n"
        + with_slip("title: Aquise", "title: 'Aquise' # ok")
    )
    assert problems == []


@pytest.mark.parametrize(
    ("written", "shown"),
    [("2019", "2019"), ("2019-09-04", "2019-09-04"), ("yes", "yes"), ("1.50", "1.50")],
)
def test_values_are_the_text_written(written, shown):
    data, problems = load(with_slip("title: Aquise", f"title: {written}"))
    assert problems == []
    assert data.value["goals"][2]["title"] == shown


@pytest.mark.parametrize(
    ("old", "new", "known", "label"),
    [
        ("  - title: Inklusion", "  - titel: Inklusion", "title", "Title"),
        ("  - title: Inklusion", "  - Title: Inklusion", "title", "Title"),
        (
            "    description: Zweites Ziel.",
            "    descripton: Zweites Ziel.",
            "description",
            "Description",
        ),
        ("    image: /images/b.svg", "    imgae: /images/b.svg", "image", "Image"),
    ],
)
def test_a_near_miss_of_a_missing_key_is_used_as_it(old, new, known, label):
    data, problems = load(with_slip(old, new))
    assert [(p.line, p.subtype) for p in problems] == [
        (PAGE.count("\n", 0, PAGE.index(old)) + 1, "unknown_key")
    ]
    assert problems[0].message.endswith(
        f"unknown key, read as “{known}” ({label}). Correct it to “{known}”"
    )
    intact, _ = load(PAGE)
    assert data.value == intact.value


def test_a_misspelt_part_is_used_as_it():
    data, problems = load(PAGE.replace("goals:", "golas:"))
    assert "goals" in data.value
    assert (
        problems[0].message
        == "“golas”: unknown key, read as “goals” (Goals). Correct it to “goals”"
    )
    assert problems[0].line == 4


def test_a_misspelt_key_beside_the_right_one_is_not_used():
    data, problems = load(
        with_slip(
            "    description: Erstes Ziel.",
            "    description: Erstes Ziel.\n    titel: Zweiter Titel",
        )
    )
    assert titles(data.value)[0] == "Beteiligung"
    assert [p.subtype for p in problems] == ["unknown_key"]
    assert "did you mean “title”? That key is there already" in problems[0].message


def test_an_item_without_title_keeps_its_content_under_its_name():
    data, problems = load(
        with_slip("  - title: Inklusion\n    description", "  - description")
    )
    assert [p.message for p in problems] == [
        "Goal 2: the title is missing; until it is given, the heading reads “Goal 2”"
    ]
    item = normalise(data).goals.items[1]
    assert (item.title, item.description) == ("Goal 2", "Zweites Ziel.")


def test_myst_gets_neither_strategy_keys_nor_unreadable_blocks():
    page = (
        "---\ntitle: a: b\norphan: true\n"
        + with_slip("title: Aquise", "title: A: B")
        + "---\n<ProjectPage />\n"
    )
    data = load_front_matter(page, "p.md").data
    blanked = blank_top_level_keys(page, data, strategy_keys())
    assert blanked.count("\n") == page.count("\n")
    assert load_front_matter(blanked, "p.md").data.value == {"orphan": "true"}


def nested_lines(count: int) -> str:
    """``count`` lines, each a key one level below the one before, the last
    with a slip: an unquoted colon."""
    lines = [f"{'  ' * level}k{level}:" for level in range(count - 1)]
    return "\n".join([*lines, f"{'  ' * (count - 1)}title: Aquise: Gewinnung"]) + "\n"


def lines_read_by_yaml(text: str, monkeypatch) -> int:
    """How many lines YAML is given while ``text`` is loaded: the work."""
    from strategy_pages import loading, recovery

    given = []

    def counted(parse):
        def parse_counted(text: str, *args, **kwargs):
            given.append(text.count("\n") + 1)
            return parse(text, *args, **kwargs)

        return parse_counted

    monkeypatch.setattr(loading, "parse", counted(loading.parse))
    monkeypatch.setattr(recovery, "parse", counted(recovery.parse))
    load_yaml(text, "p.yaml")
    monkeypatch.undo()
    return sum(given)


def test_recovery_reads_nested_data_in_near_linear_work(monkeypatch):
    # Each level re-read everything below it: a slip 10,000 lines deep took
    # minutes, and deeper still, Python's stack ran out.
    small, large = (
        lines_read_by_yaml(nested_lines(count), monkeypatch) for count in (200, 800)
    )
    assert large <= 5 * small
    assert large <= 25 * 800


def test_nesting_beyond_the_limit_costs_only_its_block():
    data, problems = load(nested_lines(100) + "hero:\n  title: Projekt\n")
    assert data.value["hero"] == {"title": "Projekt"}
    assert [(p.line, p.subtype) for p in problems] == [(21, "yaml")]
    assert problems[0].message.endswith(
        "lists and keys are nested more than 20 levels deep here; this part is "
        "not shown"
    )
