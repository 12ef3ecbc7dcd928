"""German dates as editors write them, read for machines.

A timeline step's date is free text: „23.06.2017“, „22. Februar 2019“,
„2015 - 2017“, „Sommer 2019“.  :func:`read_date` finds the date (or the two
dates of a range) in such a text and gives each its place in the text and its
ISO form, as HTML's ``<time datetime>`` takes it: a day (``2017-06-23``), a
month (``2019-02``) or a year (``2019``).  HTML has no form for a season or a
range: „Sommer 2019“ is its year, „2015 - 2017“ two dates, ``2015`` and
``2017``, so a page shows two ``<time>`` elements with the words between them
as written.  The text itself is never changed; where it does not read as a
date, there is no machine-readable date, and the caller says so to editors.

No Sphinx here: a pure function, tested form by form.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

#: German month names and their usual abbreviations (Austrian ones too).
MONTHS = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "jän": 1,
    "februar": 2,
    "feber": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}

#: The full month names, January first, for writing dates (tests, examples).
MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)

_NAME = (
    r"(?P<name>"
    + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
    + r")(?!\w)\.?"
)
_YEAR = r"(?P<y>\d{4})(?!\d)"
#: Words before a year that make it no more precise: the year is the date.
_PERIOD = (
    r"(?:frühjahr|frühling|sommer|herbst|winter|jahresbeginn|jahresmitte|"
    r"jahresende|q\s?[1-4]|[1-4]\.\s*quartal|[12]\.\s*halbjahr)"
)
#: Words before a month or year that say where in it: the date is the same.
_WITHIN = r"(?:(?:anfang|mitte|ende)\s+)?"

#: The forms of one date; ``y`` may be missing where a range's end gives it.
_FORMS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # ISO, as some editors write it: 2017-06-23, 2019-02
        r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?![\d-])",
        # 23.06.2017, 1.8.2019, 23.06. (the start of a range)
        r"(?P<d>\d{1,2})\.\s*(?P<m>\d{1,2})\.(?:\s*" + _YEAR + ")?",
        # 06.2017, 6/2019
        r"(?P<m>\d{1,2})\s*[./]\s*" + _YEAR,
        # 22. Februar 2019, 22 Feb. 2019, 22. Februar (the start of a range)
        r"(?P<d>\d{1,2})\.?\s*" + _NAME + r"(?:\s*" + _YEAR + ")?",
        # März 2018, Ende März 2018, März (the start of a range)
        _WITHIN + _NAME + r"(?:\s*" + _YEAR + ")?",
        # 23. (the start of a range: 23. - 25. Juni 2019)
        r"(?P<d>\d{1,2})\.(?!\s*\d)",
        # Sommer 2019, 3. Quartal 2019, Ende 2019, 2019
        r"(?:" + _PERIOD + r"\s+|" + _WITHIN + ")" + _YEAR,
    )
]

#: What may stand before a date: „seit 2019“, „von 2015 bis 2017“.
_LEAD = re.compile(r"(?:seit|ab|bis|von|vom|am|im|um|ca\.|circa|etwa)\s+", re.I)
#: What joins the two dates of a range.
_JOIN = re.compile(r"\s*(?:[-\u2013\u2014/]|bis(?:\s+(?:zum|zur))?(?=\s))\s*", re.I)


@dataclass(frozen=True)
class Moment:
    """One date in a text: where it stands (``text[start:end]``), and its ISO form."""

    start: int
    end: int
    iso: str


@dataclass(frozen=True)
class _Partial:
    """A date as written, perhaps lacking what a range's end supplies."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None


def read_date(text: str) -> tuple[Moment, ...] | None:
    """The date of ``text``, or the two of a range; None if it reads as neither.

    >>> read_date("23.06.2017")
    (Moment(start=0, end=10, iso='2017-06-23'),)
    >>> [m.iso for m in read_date("2015 - 2017")]
    ['2015', '2017']
    """
    start = _skip_space(text, 0)
    lead = _LEAD.match(text, start)
    if lead:
        start = lead.end()
    for first in _partials(text, start):
        if _skip_space(text, first.end) == len(text):
            moment = _complete(first, None)
            if moment is not None:
                return (moment,)
            continue
        join = _JOIN.match(text, first.end)
        if join is None:
            continue
        for second in _partials(text, join.end()):
            if _skip_space(text, second.end) != len(text):
                continue
            moments = _range(first, second)
            if moments is not None:
                return moments
    return None


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _partials(text: str, position: int) -> Iterator[_Partial]:
    """Every way a date can start at ``position``, longest first."""
    found = []
    for form in _FORMS:
        match = form.match(text, position)
        if match is None:
            continue
        groups = match.groupdict()
        name = groups.get("name")
        month = MONTHS[name.lower()] if name else _number(groups.get("m"))
        found.append(
            _Partial(
                match.start(),
                match.end(),
                _number(groups.get("y")),
                month,
                _number(groups.get("d")),
            )
        )
    yield from sorted(found, key=lambda partial: partial.end, reverse=True)


def _number(digits: str | None) -> int | None:
    return int(digits) if digits else None


def _range(first: _Partial, second: _Partial) -> tuple[Moment, Moment] | None:
    """The two dates of a range; the first takes what it lacks from the second."""
    end = _complete(second, None)
    start = _complete(first, second)
    if start is None or end is None:
        return None
    # Compared as far as both are precise: „2019 - März 2019“ is a range.
    digits = min(len(start.iso), len(end.iso))
    if start.iso[:digits] > end.iso[:digits]:
        return None
    return start, end


def _complete(partial: _Partial, end: _Partial | None) -> Moment | None:
    """The ISO form of ``partial``, completed from a range's ``end``."""
    year, month, day = partial.year, partial.month, partial.day
    if end is not None and year is None:
        year = end.year
        if month is None and day is not None:
            month = end.month
    if year is None or year == 0 or (day is not None and month is None):
        return None
    if month is None:
        return Moment(partial.start, partial.end, f"{year:04d}")
    if not 1 <= month <= 12:
        return None
    if day is None:
        return Moment(partial.start, partial.end, f"{year:04d}-{month:02d}")
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    return Moment(partial.start, partial.end, date.isoformat())
