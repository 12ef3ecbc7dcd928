"""German dates as editors write them, read for machines (``<time datetime>``).

Every form the timeline reads, each with the words that become a ``<time>``
and its ISO value; what does not read as a date; and, as properties, that
any valid German date written in the usual ways reads back as itself.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategy_pages.dates import MONTH_NAMES, read_date


def dates_of(text: str) -> list[tuple[str, str]]:
    """(words as written, ISO value) of each date ``text`` holds."""
    moments = read_date(text)
    assert moments is not None, text
    return [(text[m.start : m.end], m.iso) for m in moments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a day
        ("23.06.2017", [("23.06.2017", "2017-06-23")]),
        ("01.08.2019", [("01.08.2019", "2019-08-01")]),
        ("1.8.2019", [("1.8.2019", "2019-08-01")]),
        ("23. 06. 2017", [("23. 06. 2017", "2017-06-23")]),
        ("22. Februar 2019", [("22. Februar 2019", "2019-02-22")]),
        ("22 Februar 2019", [("22 Februar 2019", "2019-02-22")]),
        ("22. Feb. 2019", [("22. Feb. 2019", "2019-02-22")]),
        ("1. März 2018", [("1. März 2018", "2018-03-01")]),
        ("3. Jänner 2020", [("3. Jänner 2020", "2020-01-03")]),
        ("29.02.2020", [("29.02.2020", "2020-02-29")]),
        ("2017-06-23", [("2017-06-23", "2017-06-23")]),
        # a month
        ("März 2018", [("März 2018", "2018-03")]),
        ("MÄRZ 2018", [("MÄRZ 2018", "2018-03")]),
        ("Sept. 2019", [("Sept. 2019", "2019-09")]),
        ("06.2017", [("06.2017", "2017-06")]),
        ("6/2019", [("6/2019", "2019-06")]),
        ("2019-02", [("2019-02", "2019-02")]),
        ("Ende März 2018", [("Ende März 2018", "2018-03")]),
        # a year: seasons, quarters and halves are no more precise than it
        ("2019", [("2019", "2019")]),
        ("Sommer 2019", [("Sommer 2019", "2019")]),
        ("Frühjahr 2020", [("Frühjahr 2020", "2020")]),
        ("Anfang 2021", [("Anfang 2021", "2021")]),
        ("3. Quartal 2019", [("3. Quartal 2019", "2019")]),
        ("Q3 2019", [("Q3 2019", "2019")]),
        ("1. Halbjahr 2020", [("1. Halbjahr 2020", "2020")]),
        # words before a date are not part of it
        ("seit Juni 2019", [("Juni 2019", "2019-06")]),
        ("ab 2020", [("2020", "2020")]),
        # ranges: two dates, the words between them as written
        ("2015 - 2017", [("2015", "2015"), ("2017", "2017")]),
        ("2015-2017", [("2015", "2015"), ("2017", "2017")]),
        ("2015 \u2013 2017", [("2015", "2015"), ("2017", "2017")]),  # en dash
        ("2019/2020", [("2019", "2019"), ("2020", "2020")]),
        ("von 2015 bis 2017", [("2015", "2015"), ("2017", "2017")]),
        (
            "Juni 2017 bis Juli 2018",
            [("Juni 2017", "2017-06"), ("Juli 2018", "2018-07")],
        ),
        # the start of a range takes what it lacks from the end
        ("März - Mai 2019", [("März", "2019-03"), ("Mai 2019", "2019-05")]),
        (
            "23.06. - 01.08.2019",
            [("23.06.", "2019-06-23"), ("01.08.2019", "2019-08-01")],
        ),
        (
            "23. - 25. Juni 2019",
            [("23.", "2019-06-23"), ("25. Juni 2019", "2019-06-25")],
        ),
        ("2019 - März 2019", [("2019", "2019"), ("März 2019", "2019-03")]),
        # white space around the date is no part of it
        (" 23.06.2017 ", [("23.06.2017", "2017-06-23")]),
    ],
)
def test_every_form_reads_as_its_iso_date(text, expected):
    assert dates_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "irgendwann",
        "demnächst",
        "31.02.2019",  # no such day
        "13.13.2019",
        "23.06.17",  # a two-digit year: which century?
        "Winter 2019/20",
        "2017 - 2015",  # a range that ends before it starts
        "Mai",  # no year
        "23.06.",
        "Maibaum 2019",  # a month's name inside a word is none
        "0000",
        "2019 und 2020",
        "20190",
    ],
)
def test_what_is_no_date_reads_as_none(text):
    assert read_date(text) is None


#: Any date a timeline could name (HTML takes four-digit years).
DATES = st.dates(min_value=datetime.date(1000, 1, 1))


@given(DATES, st.booleans())
def test_any_day_written_with_digits_reads_back_as_itself(day, padded):
    text = (
        f"{day.day:02d}.{day.month:02d}.{day.year}"
        if padded
        else f"{day.day}.{day.month}.{day.year}"
    )
    ((words, iso),) = dates_of(text)
    assert words == text
    assert datetime.date.fromisoformat(iso) == day


@given(DATES, st.sampled_from(["{d}. {m} {y}", "{d} {m} {y}", "{d}.{m} {y}"]))
def test_any_day_with_its_month_named_reads_back_as_itself(day, form):
    text = form.format(d=day.day, m=MONTH_NAMES[day.month - 1], y=day.year)
    ((words, iso),) = dates_of(text)
    assert words == text
    assert datetime.date.fromisoformat(iso) == day


@given(DATES)
def test_any_month_reads_back_as_itself(day):
    text = f"{MONTH_NAMES[day.month - 1]} {day.year}"
    assert dates_of(text) == [(text, f"{day.year:04d}-{day.month:02d}")]


@given(DATES, DATES)
def test_any_range_of_days_reads_as_its_two_ends(first, second):
    start, end = sorted((first, second))
    text = f"{start:%d.%m.%Y} - {end:%d.%m.%Y}"
    assert [datetime.date.fromisoformat(iso) for _, iso in dates_of(text)] == [
        start,
        end,
    ]
