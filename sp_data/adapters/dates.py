"""Dates as exports write them: spreadsheet dates, Excel serial numbers, text, and visit periods."""
from __future__ import annotations

import datetime as dt
import re

from sp_data.adapters.sheets import cell_text

EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = range(20000, 80001)  # 1954-10-03 .. 2119-01-11: plausible record dates only
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"[A-Za-z]{3,9}\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_FORMS = re.compile(
    rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?)"
    rf"|(?P<dmy>(?P<nd>\d{{1,2}})[/.](?P<nm>\d{{1,2}})[/.](?P<ny>\d{{4}}))"
    rf"|(?P<text>(?P<td>{_DAY})[ -]+(?P<tm>{_MONTH}),?[ -]+(?P<ty>\d{{4}}))"
    rf"|(?P<us>(?P<um>{_MONTH}) +(?P<ud>{_DAY}),? +(?P<uy>\d{{4}}))",
)
SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_DATE_HINT = "write it as YYYY-MM-DD, DD/MM/YYYY or 12 May 2023"
VISIT_PERIOD_HINT = "write it as 12-23 May 2023, 28 Nov - 5 Dec 2023 or 2023-05-12 - 2023-05-23"
_M = r"(?:[A-Za-z]{3,9})\.?"
DAY_FIRST = re.compile(rf"(?P<d1>{_DAY})(?:\s+(?P<m1>{_M}))?(?:,?\s+(?P<y1>\d{{4}}))?\s*-\s*"
                       rf"(?P<d2>{_DAY})\s+(?P<m2>{_M}),?\s+(?P<y2>\d{{4}})")
MONTH_FIRST = re.compile(rf"(?P<m1>{_M})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>\d{{4}}))?\s*-\s*"
                         rf"(?:(?P<m2>{_M})\s+)?(?P<d2>{_DAY}),?\s+(?P<y2>\d{{4}})")
FULL_DATES = re.compile(r"(?P<a>.+?)\s*-\s*(?P<b>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})")


class DateProblem(ValueError):
    """A cell that should hold a date and does not hold a valid one."""


def _day(text: str) -> int:
    """The day of '12', '1st' or '23rd'."""
    return int(re.findall(r"\d+", text)[0])


def _from_match(m: re.Match) -> dt.date:
    """The date a DATE_FORMS match spells, or DateProblem."""
    if m.group("iso"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    elif m.group("dmy"):
        y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    elif m.group("text"):
        y, mo, d = int(m.group("ty")), _month(m.group("tm")), _day(m.group("td"))
    else:
        y, mo, d = int(m.group("uy")), _month(m.group("um")), _day(m.group("ud"))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        note = " (dates with / are read day/month/year)" if m.group("dmy") else ""
        raise DateProblem(f"is not a real calendar date{note}") from None


def _month(name: str) -> int:
    month = MONTHS.get(name.rstrip(".").lower())
    if month is None:
        raise DateProblem(f"{name!r} is not a month name")
    return month


def parse_date(value: object) -> dt.date | None:
    """A date from a cell: a spreadsheet date, an Excel serial number or text; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value)
    text = cell_text(value).rstrip(".")
    if not text:
        return None
    if SERIAL.fullmatch(text):
        return _serial(float(text))
    m = DATE_FORMS.fullmatch(text)
    if m is None:
        raise DateProblem(f"is not a date; {_DATE_HINT}")
    return _from_match(m)


def _serial(number: float) -> dt.date:
    if not float(number).is_integer() or int(number) not in EXCEL_SERIALS:
        raise DateProblem(f"is a number but not an Excel date serial number; {_DATE_HINT}")
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def _written_date(value: object) -> dt.date:
    """A date from a cell that is not empty: parse_date without its None."""
    day = parse_date(value)
    if day is None:
        raise DateProblem(f"is not a date; {_DATE_HINT}")
    return day


def find_dates(text: str) -> list[dt.date]:
    """Every date written in a piece of text (words around them are ignored)."""
    return [_from_match(m) for m in DATE_FORMS.finditer(text)]


def parse_visit_dates(value: object) -> tuple[dt.date, dt.date] | None:
    """A visit's first and last day from '12-23 May 2023', '28 Nov - 5 Dec 2023', two full dates or one date."""
    if value is None or cell_text(value) == "":
        return None
    if not isinstance(value, str):
        day = _written_date(value)
        return day, day
    text = re.sub(r"\s*[\u2013\u2014\u2012\u2011\u2212]\s*", " - ", cell_text(value).replace("\n", " "))
    text = re.sub(r"\s+(?:to|until|till|au)\s+", " - ", text, flags=re.IGNORECASE).strip().rstrip(".")
    start, end = _two_full_dates(text)
    if start is None or end is None:
        m = DAY_FIRST.fullmatch(text) or MONTH_FIRST.fullmatch(text)
        if m:
            start, end = _period(m)
        else:
            try:
                start = end = _written_date(text)
            except DateProblem:
                raise DateProblem(f"is not a visit period; {VISIT_PERIOD_HINT}") from None
    if end < start:
        raise DateProblem(f"ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    return start, end


def _two_full_dates(text: str) -> tuple[dt.date | None, dt.date | None]:
    """Both ends of '2023-05-12 - 2023-05-23' or '12/05/2023 - 23/05/2023'; (None, None) otherwise."""
    m = FULL_DATES.fullmatch(text)
    if not m or DAY_FIRST.fullmatch(text):
        return None, None
    try:
        return parse_date(m.group("a")), parse_date(m.group("b"))
    except DateProblem:
        return None, None


def _period(m: re.Match) -> tuple[dt.date, dt.date]:
    """Both ends of a period written with words; the first end takes the second's month and year
    when it omits them (a period over the new year, 28 Dec - 5 Jan 2024, starts the year before)."""
    end = _written_date(f"{_day(m.group('d2'))} {m.group('m2') or m.group('m1')} {m.group('y2')}")
    month = m.group("m1") or m.group("m2")
    year = int(m.group("y1") or m.group("y2"))
    start = _written_date(f"{_day(m.group('d1'))} {month} {year}")
    if start > end and not m.group("y1") and m.group("m1") and m.group("m2"):
        start = _written_date(f"{_day(m.group('d1'))} {month} {year - 1}")
    return start, end
