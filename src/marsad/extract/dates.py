"""What temporal expressions mean in the calendar: TIMEX3 values, resolved against anchors.

:func:`marsad.extract.timex.find_timexes` says what an expression literally
states; this module fills in what it leaves out:

* a relative expression (``أمس``, ``قبل يومين``, ``الشهر الماضي``,
  ``الأربعاء الماضي``, ``23 مارس الماضي``) counts from its *anchor*: a date stated
  in the same sentence for counted shifts (``يوم أمس الأربعاء 15 أيلول … قبل
  يومين`` → two days before the 15th), else the publication date;
* a missing year comes from the anchor (resolution ``inferred``); without one,
  from the user's ``period`` or from the stated weekday: the latest year not
  after the processing date in which weekday and day agree, the other fitting
  years kept as alternatives. Never silently the current year: with nothing to go
  on the year stays ``XXXX``;
* Hijri dates are converted with hijridate.

Hand-written: no library resolves Arabic relative dates against a document's own
anchors (see :mod:`marsad.extract.timex`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from marsad.extract.timex import Timex

YearRange = tuple[int, int]
_EARLIEST_INFERRED_YEAR = 1990  # weekday-fitting years are searched back to here
_MAX_ALTERNATIVES = 5
_FUTURE_SLACK_DAYS = 60  # a day-month this far after the anchor is taken as last year's


@dataclass(frozen=True, slots=True)
class Anchor:
    """What relative expressions count from: a day (with other possible days) or a weekday only."""

    day: date | None = None
    weekday: int | None = None
    alternatives: tuple[date, ...] = ()

    @property
    def known(self) -> bool:
        return self.day is not None or self.weekday is not None


NO_ANCHOR = Anchor()


@dataclass(frozen=True, slots=True)
class Resolved:
    """A timex with its calendar value; ``day`` when it points to one day (for anchoring)."""

    timex: Timex
    value: str
    granularity: str
    resolution: str
    alternatives: tuple[str, ...] = ()
    day: date | None = None
    weekday: int | None = None
    alternative_days: tuple[date, ...] = ()


def _day_value(day: date, part: str | None) -> str:
    return day.isoformat() + (f"T{part}" if part else "")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_years(
    month: int, day: int, weekday: int, *, period: YearRange | None, today: date
) -> list[date]:
    """Days with this month and day falling on ``weekday``, latest first, not after ``today``."""
    last = min(period[1], today.year) if period else today.year
    first = period[0] if period else _EARLIEST_INFERRED_YEAR
    found = []
    for year in range(last, first - 1, -1):
        candidate = _safe_date(year, month, day)
        if candidate and candidate <= today and candidate.isoweekday() == weekday:
            found.append(candidate)
    return found


def _from_anchor(
    anchor: Anchor, compute: Callable[[date], date | None], fmt: Callable[[date], str]
) -> tuple[str, tuple[str, ...], date | None, tuple[date, ...]] | None:
    """Apply ``compute`` to the anchor's day and to each of its alternatives."""
    if anchor.day is None:
        return None
    main = compute(anchor.day)
    if main is None:
        return None
    others = tuple(day for alt in anchor.alternatives if (day := compute(alt)) is not None)
    return fmt(main), tuple(fmt(day) for day in others), main, others


def resolve(
    timex: Timex, anchor: Anchor, *, period: YearRange | None = None, today: date
) -> Resolved:
    """The calendar value of ``timex`` counted from ``anchor``."""
    if timex.range_end is not None:
        return _resolve_range(timex, anchor, period=period, today=today)
    if timex.decade is not None:
        return Resolved(timex, f"{timex.decade}X", "range", "explicit")
    if timex.season is not None:
        return _resolve_season(timex, anchor)
    if timex.hijri:
        return _resolve_hijri(timex, anchor)
    if timex.month is not None:
        return _resolve_month_date(timex, anchor, period=period, today=today)
    if timex.year is not None:
        return Resolved(timex, str(timex.year), "year", "explicit")
    if timex.period is not None and timex.day is not None:
        return _resolve_day_of_month(timex, anchor)
    if timex.period is not None:
        return _resolve_period(timex, anchor)
    return _resolve_relative_day(timex, anchor)


def _resolve_day_of_month(timex: Timex, anchor: Anchor) -> Resolved:
    """``15 من الشهر الجاري``: a day of the anchor's month, or of the month before or after."""
    shift = timex.period[1] if timex.period else 0
    day_number = timex.day or 1

    def compute(day: date) -> date | None:
        month = _add_months(day, shift)
        return _safe_date(month.year, month.month, day_number)

    found = _from_anchor(anchor, compute, lambda day: _day_value(day, timex.part_of_day))
    if found is None:
        return Resolved(timex, f"XXXX-XX-{day_number:02d}", "day", "relative")
    value, alternatives, day, others = found
    return Resolved(
        timex,
        value,
        _day_granularity(timex),
        "relative",
        alternatives,
        day=day,
        alternative_days=others,
    )


def _resolve_range(
    timex: Timex, anchor: Anchor, *, period: YearRange | None, today: date
) -> Resolved:
    end = timex.range_end
    range_end = end if end is not None else timex
    start_timex = Timex(
        timex.start,
        timex.end,
        ("date",) if timex.day else ("year",),
        year=timex.year if timex.year is not None else range_end.year,
        month=timex.month if timex.month is not None else (range_end.month if timex.day else None),
        day=timex.day,
        year_shift=timex.year_shift,
        month_direction=timex.month_direction,
        hijri=timex.hijri,
    )
    first = resolve(start_timex, anchor, period=period, today=today)
    if range_end.year is None and first.day is not None and range_end.month is not None:
        # "بين 17 و30 آب": the end is in the year the start was found in
        range_end = replace(range_end, year=first.day.year, month_direction=None)
    second = resolve(range_end, anchor, period=period, today=today)
    resolution = "explicit"
    if "inferred" in {first.resolution, second.resolution}:
        resolution = "inferred"
    if "relative" in {first.resolution, second.resolution}:
        resolution = "relative"
    return Resolved(timex, f"{first.value}/{second.value}", "range", resolution)


def _resolve_season(timex: Timex, anchor: Anchor) -> Resolved:
    if timex.year is not None:
        return Resolved(timex, f"{timex.year}-{timex.season}", "range", "explicit")
    if timex.period is not None and anchor.day is not None:
        year = anchor.day.year + timex.period[1]
        return Resolved(timex, f"{year}-{timex.season}", "range", "relative")
    return Resolved(timex, f"XXXX-{timex.season}", "range", "relative")


def _resolve_hijri(timex: Timex, anchor: Anchor) -> Resolved:
    year = timex.year
    resolution = "explicit"
    if year is None and anchor.day is not None:
        today_hijri = Gregorian(anchor.day.year, anchor.day.month, anchor.day.day).to_hijri()
        year = today_hijri.year
        resolution = "inferred"
        direction = timex.month_direction
        if timex.month is not None and direction is not None and direction != 0:
            resolution = "relative"
            # "رمضان الماضي": the last Ramadan before the anchor's month; "المقبل": the next one
            if direction < 0 and timex.month >= today_hijri.month:
                year -= 1
            elif direction > 0 and timex.month <= today_hijri.month:
                year += 1
    if year is None:
        return Resolved(timex, "XXXX", "month" if timex.month else "year", "explicit")
    try:
        if timex.month is None:
            first = Hijri(year, 1, 1).to_gregorian()
            return Resolved(timex, str(first.year), "year", resolution)
        gregorian = Hijri(year, timex.month, timex.day or 1).to_gregorian()
    except (ValueError, OverflowError):
        return Resolved(timex, "XXXX", "year", resolution)
    day = date(gregorian.year, gregorian.month, gregorian.day)
    if timex.day is None:
        return Resolved(timex, f"{day.year}-{day.month:02d}", "month", resolution)
    return Resolved(
        timex, _day_value(day, timex.part_of_day), _day_granularity(timex), resolution, day=day
    )


def _day_granularity(timex: Timex) -> str:
    return "part_of_day" if timex.part_of_day else "day"


def _resolve_month_date(
    timex: Timex, anchor: Anchor, *, period: YearRange | None, today: date
) -> Resolved:
    month = timex.month or 1
    if timex.year is not None:
        return _month_date_in(timex, timex.year, "explicit")
    if timex.year_shift is not None:
        if anchor.day is None:
            return _month_date_unknown_year(timex, "relative")
        return _month_date_in(
            timex,
            anchor.day.year + timex.year_shift,
            "relative",
            anchor=anchor,
            shift=timex.year_shift,
        )
    if timex.month_direction is not None and anchor.day is not None:
        return _month_date_relative(timex, anchor, timex.month_direction, "relative")
    if anchor.day is not None and timex.future:
        return _month_date_relative(timex, anchor, 1, "inferred")
    if anchor.day is not None:
        return _month_date_relative(timex, anchor, None, "inferred")
    if timex.day is not None and timex.weekday is not None:
        fitting = _weekday_years(month, timex.day, timex.weekday, period=period, today=today)
        if fitting:
            return Resolved(
                timex,
                _day_value(fitting[0], timex.part_of_day),
                _day_granularity(timex),
                "inferred",
                tuple(
                    _day_value(day, timex.part_of_day) for day in fitting[1 : _MAX_ALTERNATIVES + 1]
                ),
                day=fitting[0],
                alternative_days=tuple(fitting[1 : _MAX_ALTERNATIVES + 1]),
            )
    if period is not None and period[0] == period[1]:
        return _month_date_in(timex, period[0], "inferred")
    return _month_date_unknown_year(timex, "explicit")


def _month_date_in(
    timex: Timex, year: int, resolution: str, *, anchor: Anchor | None = None, shift: int = 0
) -> Resolved:
    month = timex.month or 1
    alternatives: tuple[str, ...] = ()
    if anchor is not None:
        alternatives = tuple(
            str(alt.year + shift) + f"-{month:02d}" + (f"-{timex.day:02d}" if timex.day else "")
            for alt in anchor.alternatives
        )
    if timex.day is None:
        return Resolved(timex, f"{year}-{month:02d}", "month", resolution, alternatives)
    day = _safe_date(year, month, timex.day)
    if day is None:
        return Resolved(
            timex, f"{year}-{month:02d}-{timex.day:02d}", "day", resolution, alternatives
        )
    alt_days = tuple(
        alt
        for text in alternatives
        if (alt := _safe_date(int(text[:4]), month, timex.day)) is not None
    )
    return Resolved(
        timex,
        _day_value(day, timex.part_of_day),
        _day_granularity(timex),
        resolution,
        tuple(_day_value(alt, timex.part_of_day) for alt in alt_days),
        day=day,
        alternative_days=alt_days,
    )


def _month_date_unknown_year(timex: Timex, resolution: str) -> Resolved:
    month = timex.month or 1
    if timex.day is None:
        return Resolved(timex, f"XXXX-{month:02d}", "month", resolution)
    return Resolved(timex, f"XXXX-{month:02d}-{timex.day:02d}", "day", resolution)


def _year_for(month: int, day: int, reference: date, direction: int | None) -> int:
    """The year of a month (and day) named relative to ``reference``."""
    candidate = (month, day)
    now = (reference.month, reference.day)
    if direction == 0:
        return reference.year
    if direction is not None and direction < 0:
        return reference.year if candidate < now else reference.year - 1
    if direction is not None and direction > 0:
        return reference.year if candidate > now else reference.year + 1
    this_year = _safe_date(reference.year, month, min(day, 28))
    if this_year is not None and (this_year - reference).days > _FUTURE_SLACK_DAYS:
        return reference.year - 1
    return reference.year


def _month_date_relative(
    timex: Timex, anchor: Anchor, direction: int | None, resolution: str
) -> Resolved:
    month = timex.month or 1
    # a month named without a day: "الماضي" means before the anchor's month
    day_key = timex.day if timex.day is not None else (0 if (direction or 0) < 0 else 32)
    anchor_day = anchor.day if anchor.day is not None else date.min
    year = _year_for(month, day_key, anchor_day, direction)
    years = [year] + [_year_for(month, day_key, alt, direction) for alt in anchor.alternatives]
    main = _month_date_in(timex, years[0], resolution)
    if len(years) == 1:
        return main
    others = [_month_date_in(timex, other, resolution) for other in years[1:]]
    return Resolved(
        timex,
        main.value,
        main.granularity,
        resolution,
        tuple(other.value for other in others),
        day=main.day,
        alternative_days=tuple(other.day for other in others if other.day is not None),
    )


def _resolve_period(timex: Timex, anchor: Anchor) -> Resolved:
    unit, direction = timex.period or ("year", 0)
    granularity = {"week": "week", "month": "month", "year": "year"}[unit]

    def compute(day: date) -> date:
        if unit == "week":
            return day + timedelta(weeks=direction)
        if unit == "month":
            return _add_months(day, direction)
        return date(day.year + direction, 1, 1)

    def fmt(day: date) -> str:
        if unit == "week":
            return _iso_week(day)
        if unit == "month":
            return f"{day.year}-{day.month:02d}"
        return str(day.year)

    found = _from_anchor(anchor, compute, fmt)
    if found is None:
        unknown = {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit]
        return Resolved(timex, unknown, granularity, "relative")
    value, alternatives, _, _ = found
    return Resolved(timex, value, granularity, "relative", alternatives)


def _shift_days(timex: Timex) -> Callable[[date], date] | None:
    """How the expression moves from its anchor, when it names a day."""
    if timex.ago is not None:
        unit, count = timex.ago
        if unit == "day":
            return lambda day: day + timedelta(days=count)
        if unit == "week":
            return lambda day: day + timedelta(weeks=count)
        if unit == "month":
            return lambda day: _add_months(day, count)
        return lambda day: date(day.year + count, 1, 1)
    if timex.day_offset is not None:
        offset, stated = timex.day_offset, timex.weekday

        def shifted(day: date) -> date:
            result = day + timedelta(days=offset)
            if stated is None or result.isoweekday() == stated:
                return result
            # "اليوم الاثنين" in a page dated Tuesday: the stated weekday wins, the nearest one
            # (the metadata date is often the upload, or in another time zone)
            return min(
                (result + timedelta(days=delta) for delta in range(-3, 4)),
                key=lambda candidate: (
                    candidate.isoweekday() != stated,
                    abs((candidate - result).days),
                    candidate,
                ),
            )

        return shifted
    if timex.weekday is not None:
        weekday, direction = timex.weekday, timex.weekday_direction
        if direction is None and timex.future:
            direction = 1

        def to_weekday(day: date) -> date:
            difference = (weekday - day.isoweekday()) % 7
            if direction is not None and direction > 0:
                return day + timedelta(days=difference or 7)
            back = (day.isoweekday() - weekday) % 7
            if direction is not None and direction < 0:
                back = back or 7
            return day - timedelta(days=back)

        return to_weekday
    return None


def _resolve_relative_day(timex: Timex, anchor: Anchor) -> Resolved:
    """``أمس``, ``قبل يومين``, ``الأربعاء الماضي``, ``صباح اليوم``…"""
    shift = _shift_days(timex)
    coarse = timex.ago is not None and timex.ago[0] in {"month", "year"}
    granularity = (
        ("month" if timex.ago and timex.ago[0] == "month" else "year")
        if coarse
        else _day_granularity(timex)
    )

    def fmt(day: date) -> str:
        if coarse:
            return f"{day.year}-{day.month:02d}" if granularity == "month" else str(day.year)
        return _day_value(day, timex.part_of_day)

    if shift is not None:
        found = _from_anchor(anchor, shift, fmt)
        if found is not None:
            value, alternatives, day, others = found
            return Resolved(
                timex,
                value,
                granularity,
                "relative",
                alternatives,
                day=day,
                alternative_days=others,
            )
    weekday = _weekday_without_date(timex, anchor)
    if weekday is not None:
        part = f"T{timex.part_of_day}" if timex.part_of_day else ""
        return Resolved(timex, f"XXXX-WXX-{weekday}{part}", "weekday", "relative", weekday=weekday)
    unknown = (
        "XXXX-XX" if granularity == "month" else ("XXXX" if granularity == "year" else "XXXX-XX-XX")
    )
    return Resolved(timex, unknown, granularity, "relative")


def _weekday_without_date(timex: Timex, anchor: Anchor) -> int | None:
    """The weekday an expression names when no day is known: stated, or the anchor's shifted."""
    if timex.weekday is not None:
        return timex.weekday
    if anchor.weekday is None:
        return None
    offset = timex.day_offset if timex.day_offset is not None else None
    if offset is None and timex.ago is not None and timex.ago[0] == "day":
        offset = timex.ago[1]
    if offset is None:
        return None
    return (anchor.weekday - 1 + offset) % 7 + 1
