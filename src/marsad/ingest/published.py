"""Publication dates from metadata fields (feed ``pubDate``, TREC ``TIME``, JSONL ``published``).

Accepts ISO 8601, RFC 822, and the Arabic forms feeds use that feedparser leaves
unparsed (``الاثنين، 10 مارس 2025 14:05``, ``10 آذار 2025``, Arabic-Indic
digits), with month names from ``resources/months.tsv``. Returns an ISO 8601
string (date, or date and time with offset when given) or None. Dates inside
article text are a different job (the dates extractor).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

from marsad.resources import read_resource_table
from marsad.text.normalize import normalize

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Normalised, lower-cased month name → month number, from ``months.tsv``."""
    numbers: dict[str, int] = {}
    for row in read_resource_table("months.tsv"):
        for name in row[1].split("|"):
            numbers[normalize(name.strip()).lower()] = int(row[0])
    return numbers


@lru_cache(maxsize=1)
def _arabic_date_pattern() -> re.Pattern[str]:
    names = sorted(month_numbers(), key=len, reverse=True)
    alternation = "|".join(re.escape(name) for name in names)
    return re.compile(
        rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?(?P<month>{alternation})(?:\s*/\s*(?:{alternation}))?"
        rf"[\s,،]*(\d{{4}})(?!\d)",
        re.IGNORECASE,
    )


def _iso_datetime(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def parse_published(text: str | None) -> str | None:
    """ISO 8601 form of a metadata date string, or None when it cannot be read."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw).isoformat()
        return _iso_datetime(datetime.fromisoformat(raw.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _iso_datetime(parsedate_to_datetime(raw))
    except (TypeError, ValueError, IndexError):
        pass
    folded = normalize(raw).lower()
    match = _arabic_date_pattern().search(folded)
    if match is None:
        return None
    day, year = int(match.group(1)), int(match.group(3))
    month = month_numbers()[match.group("month")]
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    time_match = _TIME.search(folded, match.end())
    if time_match is None:
        return day_value.isoformat()
    hour, minute = int(time_match.group(1)), int(time_match.group(2))
    second = int(time_match.group(3) or 0)
    try:
        return _iso_datetime(datetime(year, month, day, hour, minute, second))
    except ValueError:
        return day_value.isoformat()
