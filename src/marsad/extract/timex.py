"""Recognising Arabic temporal expressions: where they are and what they literally say.

Works on the normalised text (folded alef, ya and ta marbuta, ASCII digits, no
diacritics), so one spelling of each resource word matches them all. Recognition
is in two steps: *atoms* (a month date, a weekday, ``أمس``, ``قبل يومين``,
``الشهر الماضي``, a part of the day, a modifier such as ``أواخر``…) found by
one regular expression built from the resource files, then *merging* of atoms
that stand next to each other into one expression (``صباح`` + ``اليوم`` +
``الخميس``; ``أمس`` + ``الأربعاء`` + ``15 أيلول``), and ranges
(``بين 1 و5 آذار``, ``من 2011 إلى 2014``). What the expression means in the
calendar is worked out by :mod:`marsad.extract.dates`.

Hand-written: dateparser knows no Levantine month, no ``أمس الإثنين`` and no
``23 مارس الماضي``, and invents dates from ``90 دقيقة`` (see the libraries guide).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from marsad.resources import read_resource_table
from marsad.text.normalize import normalize

_CLITIC = r"(?:وب|ول|فب|فل|وك|[وفبلك])?"
_START = r"(?<![\w])"
_END = r"(?![\w])"
_GAP = r"[\s،,]*"
# what may stand between atoms of one expression: spaces, a comma, the word يوم
_JOINER = re.compile(r"[\s،,]*(?:يوم\s+)?")
_RANGE_OPEN = re.compile(r"(?:^|\s)[وف]?(?:ال)?(بين|من|منذ)\s*$")
_RANGE_LINK = re.compile(r"^\s*(?:و|الي|حتي|-|–)\s*$")
_NUMERIC_DATE = (
    r"(?P<nd_a>\d{1,4})\s*(?P<nd_sep>[/.\-])\s*(?P<nd_b>\d{1,2})\s*(?P=nd_sep)\s*(?P<nd_c>\d{1,4})"
)


@dataclass(frozen=True, slots=True)
class TimeWords:
    """The resource words, normalised, by category (see ``time_words.tsv``)."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    hijri_months: dict[str, int]
    ambiguous_hijri: frozenset[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    by_category: dict[str, dict[str, str]]

    def words(self, category: str) -> dict[str, str]:
        return self.by_category.get(category, {})


def _names(cell: str) -> list[str]:
    return [normalize(name.strip()).lower() for name in cell.split("|") if name.strip()]


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    months: dict[str, int] = {}
    ambiguous_months: set[str] = set()
    for row in read_resource_table("months.tsv"):
        for name in _names(row[1]):
            months[name] = int(row[0])
        if len(row) > 2:
            ambiguous_months.update(_names(row[2]))
    hijri: dict[str, int] = {}
    ambiguous_hijri: set[str] = set()
    for row in read_resource_table("hijri_months.tsv"):
        for name in _names(row[1]):
            hijri[name] = int(row[0])
            if len(row) > 2 and row[2] == "ambiguous":
                ambiguous_hijri.add(name)
    weekdays: dict[str, int] = {}
    ambiguous_weekdays: set[str] = set()
    for row in read_resource_table("weekdays.tsv"):
        for name in _names(row[1]):
            weekdays[name] = int(row[0])
            if len(row) > 2 and row[2] == "ambiguous":
                ambiguous_weekdays.add(name)
    by_category: dict[str, dict[str, str]] = {}
    for row in read_resource_table("time_words.tsv"):
        category, value = row[0], row[1]
        for name in _names(row[2]):
            by_category.setdefault(category, {})[name] = value
    return TimeWords(
        months,
        frozenset(ambiguous_months),
        hijri,
        frozenset(ambiguous_hijri),
        weekdays,
        frozenset(ambiguous_weekdays),
        by_category,
    )


def _alternation(names: object) -> str:
    ordered = sorted({str(name) for name in names}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "(?:" + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered) + ")"


def _month_pair(prefix: str, month: str) -> str:
    """A month name, or two names of one month (``مارس/ آذار``, ``يناير كانون الثاني``)."""
    return rf"(?P<{prefix}m1>{month})(?:\s*[/(\-]?\s*(?P<{prefix}m2>{month})\s*\)?)?"


def _year_tail(prefix: str, year_word: str, era: str) -> str:
    return (
        rf"(?:{_GAP}(?:من\s+)?(?:ل?{year_word}\s+)?\(?\s*(?P<{prefix}y1>\d{{4}})(?:\s*\))?"
        rf"(?:\s*(?P<{prefix}era>{era}){_END})?)?"
    )


def _relative_tail(prefix: str, period: str, direction: str) -> str:
    """``من العام الماضي`` (a year shift) or ``الماضي``/``الجاري`` (a month direction)."""
    return (
        rf"(?:\s+من\s+(?P<{prefix}yperiod>{period})\s+(?P<{prefix}ydir>{direction})"
        rf"|\s+(?P<{prefix}mdir>{direction}))?"
    )


@lru_cache(maxsize=1)
def _atom_pattern() -> re.Pattern[str]:
    words = time_words()
    month = _alternation(words.months)
    direction = _alternation(words.words("direction"))
    period = _alternation(words.words("period"))
    era = _alternation(words.words("era"))
    year_word = _alternation(words.words("year_word"))
    number = _alternation(words.words("number"))
    branches = {
        "numeric": (
            rf"(?P<nyawm>يوم\s+)?{_NUMERIC_DATE}(?:\s*(?P<nera>{era}){_END})?(?![\d/]|[.,]\d)"
        ),
        "day_month": (
            rf"(?P<dyawm>يوم\s+)?(?:(?P<d1>\d{{1,2}})(?:\s*(?:-|–|و|الي|حتي)\s*(?P<d2>\d{{1,2}}))?"
            rf"|(?P<dord>{_alternation(words.words('ordinal'))})\s+(?=من)|(?P<dfirst>اول)\s+)"
            rf"\s*(?:من\s+)?(?:شهر\s+)?{_month_pair('d', month)}"
            rf"{_year_tail('d', year_word, era)}{_relative_tail('d', period, direction)}"
        ),
        "month": (
            rf"(?P<mword>شهر\s+)?{_month_pair('m', month)}"
            rf"{_year_tail('m', year_word, era)}{_relative_tail('m', period, direction)}"
        ),
        "hijri": (
            rf"(?:(?P<hd>\d{{1,2}})\s+)?(?P<hword>شهر\s+)?(?P<hm>{_alternation(words.hijri_months)})"
            rf"(?:\s+(?P<hy>\d{{3,4}}))?(?:\s*(?P<hera>{era}){_END})?"
            rf"(?:\s+(?P<hdir>{direction}))?"
        ),
        "year": (
            rf"(?:(?P<yw>{year_word})\s+)?\(?\s*(?P<yval>1[3-4]\d\d|19\d\d|20\d\d)(?:\s*\))?"
            rf"(?:\s*(?P<yera>{era}){_END})?"
        ),
        # not "اليوم التالي" / "اليوم نفسه": the day after or the same day as something else
        "relday": _alternation(words.words("day")) + r"(?!\s+(?:التالي|نفسه|ذاته|السابق|الموالي))",
        # "15 من الشهر الجاري", "العشرين من الشهر الماضي"
        "day_of_month": (
            rf"(?P<pd>\d{{1,2}}|{_alternation(words.words('ordinal'))})\s+من\s+"
            rf"(?:(?P<pdthis>{_alternation(words.words('this'))})\s+الشهر"
            rf"|الشهر\s+(?P<pddir>{direction}))"
        ),
        "weekday": (
            rf"(?P<wyawm>يوم\s+)?(?P<wd>{_alternation(words.weekdays)})"
            rf"(?:\s+(?P<wddir>{direction}))?"
        ),
        "ago": (
            rf"(?P<agoword>{_alternation(words.words('ago'))})\s+"
            rf"(?:(?P<count>\d{{1,3}}|{number})\s+)?(?P<unit>{_alternation(words.words('unit'))})"
            # not "منذ شهر رمضان" (since the month of Ramadan), not "بعد 22 سنة من الغياب",
            # not "منذ عام 1948" (since the year 1948)
            rf"(?!\s+(?:{month}|{_alternation(words.hijri_months)}|من\s|علي\s|\(?\d))"
        ),
        "period": (
            rf"(?:(?P<this>{_alternation(words.words('this'))})\s+(?P<pthis>{period})"
            rf"|(?P<pname>{period})\s+(?P<pdir>{direction})|(?P<pbare>{period}))"
        ),
        "part": _alternation(words.words("part")),
        "mod": _alternation(words.words("mod")),
        "season": (
            rf"(?:(?P<sthis>{_alternation(words.words('this'))})\s+)?(?:ال)?"
            rf"(?P<sname>{_alternation(words.words('season'))})(?:\s+(?P<sdir>{direction}))?"
        ),
        "decade": (
            rf"(?:عقد\s+)?(?P<dname>{_alternation(words.words('decade'))})"
            rf"(?:\s+من\s+القرن\s+(?:الماضي|العشرين))?"
        ),
    }
    body = "|".join(f"(?P<{name}>{pattern})" for name, pattern in branches.items())
    return re.compile(f"{_START}{_CLITIC}(?:{body}){_END}", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Timex:
    """A recognised temporal expression on the normalised text, with what it says.

    Fields are None when the expression does not state them. ``day_offset`` is
    a shift in days from the anchor (``أمس`` -1); ``ago`` is a counted shift
    (``قبل يومين`` → ("day", -2)); ``period`` a named period with its direction
    (``الشهر الماضي`` → ("month", -1)); ``month_direction`` completes a month
    (``مارس الماضي`` -1, ``آذار الجاري`` 0) and ``year_shift`` comes from
    ``من العام الماضي``. ``end`` holds the second end of a range.
    """

    start: int
    end: int
    kinds: tuple[str, ...]
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    day_offset: int | None = None
    ago: tuple[str, int] | None = None
    period: tuple[str, int] | None = None
    month_direction: int | None = None
    weekday_direction: int | None = None
    year_shift: int | None = None
    part_of_day: str | None = None
    mod: str | None = None
    season: str | None = None
    decade: str | None = None
    hijri: bool = False
    future: bool = False  # the clause speaks of what is to come (بحلول، من المقرر، سيعقد)
    weak: bool = False  # a reading that needs a neighbour: an ambiguous month or weekday alone
    range_end: Timex | None = field(default=None)

    @property
    def has_date(self) -> bool:
        """States a month (with or without a day or a year) or a year."""
        return self.month is not None or self.year is not None


def _direction(text: str | None) -> int | None:
    return int(time_words().words("direction")[_key(text)]) if text else None


def _atom(match: re.Match[str], folded: str) -> Timex | None:
    """One atom from a match of the atom pattern, or None when it is not a date after all."""
    kind = match.lastgroup or ""
    start = match.start(kind)
    if kind == "numeric":
        return _numeric_atom(match, start, match.end())
    if kind in {"day_month", "month"}:
        return _month_atom(match, folded, kind, start)
    if kind == "hijri":
        return _hijri_atom(match, start)
    if kind == "day_of_month":
        return _day_of_month_atom(match, start)
    if kind == "year":
        return _year_atom(match, folded, start, match.end())
    return _word_atom(match, kind, start, folded)


def _month_atom(match: re.Match[str], folded: str, kind: str, start: int) -> Timex | None:
    words = time_words()
    prefix = "d" if kind == "day_month" else "m"
    name = _key(match.group(f"{prefix}m1"))
    year = int(match.group(f"{prefix}y1")) if match.group(f"{prefix}y1") else None
    atom = Timex(
        start,
        match.end(),
        ("date",) if kind == "day_month" else ("month",),
        year=year,
        month=words.months[name],
        year_shift=_direction(match.group(f"{prefix}ydir")),
        month_direction=_direction(match.group(f"{prefix}mdir")),
    )
    if kind == "month":
        supported = (
            match.group("mword")
            or match.group("mm2")
            or year
            or atom.year_shift is not None
            or atom.month_direction is not None
            or (len(name) > 3 and _MONTH_BEFORE.search(folded[max(0, start - 8) : start]))
        )
        return atom if supported or name not in words.ambiguous_months else replace(atom, weak=True)
    if match.group("d1"):
        day = int(match.group("d1"))
    elif match.group("dord"):
        day = int(words.words("ordinal")[_key(match.group("dord"))])
    else:
        day = 1  # أول يناير
    if not 1 <= day <= 31:
        return None
    atom = replace(atom, day=day)
    second = match.group("d2")
    if second is None:
        return atom
    if int(second) <= day or int(second) > 31:
        return None
    return replace(atom, kinds=("range",), range_end=replace(atom, day=int(second)))


def _day_of_month_atom(match: re.Match[str], start: int) -> Timex | None:
    text = match.group("pd")
    day = int(text) if text.isdigit() else int(time_words().words("ordinal")[_key(text)])
    if not 1 <= day <= 31:
        return None
    direction = 0 if match.group("pdthis") else (_direction(match.group("pddir")) or 0)
    return Timex(start, match.end(), ("date",), day=day, period=("month", direction))


def _hijri_atom(match: re.Match[str], start: int) -> Timex | None:
    words = time_words()
    name = _key(match.group("hm"))
    year = int(match.group("hy")) if match.group("hy") else None
    day = int(match.group("hd")) if match.group("hd") else None
    stated = year or day or match.group("hword") or match.group("hera")
    if not stated and name in words.ambiguous_hijri:
        return None
    return Timex(
        start,
        match.end(),
        ("hijri",),
        year=year,
        month=words.hijri_months[name],
        day=day,
        month_direction=_direction(match.group("hdir")),
        hijri=True,
    )


_NOT_WEEKDAY_BEFORE = ("سوق ",)


def _word_atom(match: re.Match[str], kind: str, start: int, folded: str) -> Timex | None:
    words = time_words()
    end = match.end()
    text = _key(match.group(kind))
    if kind == "relday":
        return Timex(start, end, ("relday",), day_offset=int(words.words("day")[text]))
    if kind == "weekday":
        if folded[max(0, start - 6) : start].endswith(_NOT_WEEKDAY_BEFORE):
            return None  # سوق الجمعة: a place named after a weekday
        # "، الاثنين،": set off by commas, as news dates its reports
        between_commas = folded[max(0, start - 2) : start].strip() in {"،", ","} and folded[
            end : end + 2
        ].strip()[:1] in {"،", ","}
        return Timex(
            start,
            end,
            ("weekday",),
            weekday=words.weekdays[_key(match.group("wd"))],
            weekday_direction=_direction(match.group("wddir")),
            weak=match.group("wyawm") is None
            and match.group("wddir") is None
            and not between_commas
            and _key(match.group("wd")) in words.ambiguous_weekdays,
        )
    if kind == "ago":
        unit, implied = words.words("unit")[_key(match.group("unit"))].split(":")
        count = _count(match.group("count"), implied)
        if not count:
            return None
        sign = int(words.words("ago")[_key(match.group("agoword"))])
        return Timex(start, end, ("ago",), ago=(unit, sign * count))
    if kind == "period":
        if match.group("pbare"):  # "العام" alone: only "مطلع العام" and the like
            unit = words.words("period")[_key(match.group("pbare"))]
            return Timex(start, end, ("bare_period",), period=(unit, 0))
        name = match.group("pthis") or match.group("pname")
        direction = 0 if match.group("this") else _direction(match.group("pdir"))
        unit = words.words("period")[_key(name)]
        return Timex(start, end, ("period",), period=(unit, direction or 0))
    if kind == "part":
        return Timex(start, end, ("part",), part_of_day=words.words("part")[text])
    if kind == "mod":
        return Timex(start, end, ("mod",), mod=words.words("mod")[text])
    if kind == "season":
        season = words.words("season")[_key(match.group("sname"))]
        direction = 0 if match.group("sthis") else _direction(match.group("sdir"))
        period = ("year", direction) if direction is not None else None
        return Timex(start, end, ("season",), season=season, period=period)
    if kind == "decade":
        return Timex(
            start, end, ("decade",), decade=words.words("decade")[_key(match.group("dname"))]
        )
    return None


def _count(text: str | None, implied: str) -> int | None:
    """How many units ``قبل 3 أيام`` / ``قبل يومين`` / ``قبل أسبوع`` count, or None."""
    if text is None:
        return None if implied == "n" else int(implied)
    if text.isdigit():
        return int(text)
    value = time_words().words("number").get(_key(text))
    return int(value) if value is not None else None


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).lower()


def _numeric_atom(match: re.Match[str], start: int, end: int) -> Timex | None:
    first, second, third = (int(match.group(name)) for name in ("nd_a", "nd_b", "nd_c"))
    if len(match.group("nd_a")) == 4:  # 2021-09-15
        year, month, day = first, second, third
    elif len(match.group("nd_c")) == 4 and second > 12 >= first:  # 4/22/1948: month first
        month, day, year = first, second, third
    elif len(match.group("nd_c")) == 4:  # 15/9/2021: day first, the Arab convention
        day, month, year = first, second, third
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1000 <= year <= 2200):
        return None
    era = match.group("nera")
    # 26/9/1439ه, or 16/8/1439 alone: years 1300-1499 are Hijri years in today's news
    hijri = (era is not None and _is_hijri_era(era)) or 1300 <= year < 1500
    return Timex(
        start, end, ("hijri",) if hijri else ("date",), year=year, month=month, day=day, hijri=hijri
    )


def _is_hijri_era(text: str) -> bool:
    return time_words().words("era").get(_key(text)) == "hijri"


# a bare year is a year only after a preposition or year word, or before punctuation or an
# era mark: "2000 جندي" is a count
_YEAR_BEFORE = re.compile(
    r"(?:(?:^|[\s(])[وفل]?(?:في|منذ|حتي|قبل|بعد|خلال|مطلع|منتصف|اواخر|نهايه|بدايه|الي|من|بين|او"
    r"|حرب|ثوره|انتفاضه|الانتفاضه|الاولي|الثانيه|انتخابات|دستور|احداث|اتفاقيه|اتفاق|مونديال"
    r"|كاس|موازنه|ميزانيه|تعداد|نكبه|نكسه)"
    r"|[-–]|(?:^|\s)و|\d\s+و)\s*\(?\s*$"
)
_YEAR_AFTER = re.compile(r"^\s*\)?\s*(?:$|[.،,؛:)\n\"»”]|و\s|-|–)")
_MONTH_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:في|خلال|منذ|حتي|شهر)\s+$")


def _year_atom(match: re.Match[str], folded: str, start: int, end: int) -> Timex | None:
    year = int(match.group("yval"))
    era = match.group("yera")
    hijri = era is not None and _is_hijri_era(era)
    if year < 1900 and not hijri:
        return None
    if not (match.group("yw") or era):
        before = folded[max(0, start - 12) : start]
        after = folded[end : end + 4]
        if re.match(r"[.,٫]\d", after) or before.endswith((".", ",", "/")):
            return None  # part of a number: 2018.5, 1,2019
        if _YEAR_BEFORE.search(before) is None and _YEAR_AFTER.match(after) is None:
            return None
    return Timex(start, end, ("hijri",) if hijri else ("year",), year=year, hijri=hijri)


# atoms that mean something alone; the others only complete a neighbour
_STANDALONE = {
    "date",
    "month",
    "hijri",
    "year",
    "relday",
    "weekday",
    "ago",
    "period",
    "decade",
    "range",
}
# slots an expression holds once: a second atom of the same slot starts a new expression
_SLOT = {
    "date": "date",
    "month": "date",
    "hijri": "date",
    "year": "date",
    "range": "date",
    "relday": "relday",
    "weekday": "weekday",
    "ago": "relday",
    "period": "date",
    "bare_period": "date",
    "part": "part",
    "mod": "mod",
    "season": "season",
    "decade": "date",
}
# slots that must come before the date slot in one expression (صباح أمس الأربعاء 15 أيلول)
_LEADING = ("part", "mod", "season", "relday", "weekday")


def _merge(first: Timex, second: Timex) -> Timex:
    values = {}
    for name in Timex.__dataclass_fields__:
        if name in {"start", "end", "kinds", "weak"}:
            continue
        value = getattr(second, name)
        values[name] = getattr(first, name) if value is None or value is False else value
    values["weak"] = first.weak and second.weak
    return Timex(first.start, second.end, first.kinds + second.kinds, **values)


def _can_join(group: Timex, atom: Timex, gap: str) -> bool:
    if _JOINER.fullmatch(gap) is None:
        return False
    group_slots = {_SLOT[kind] for kind in group.kinds}
    atom_slots = {_SLOT[kind] for kind in atom.kinds}
    if group_slots & atom_slots:
        return False
    if "date" in group_slots:  # nothing leading may follow the date: "15 أيلول، الخميس" is two
        return False
    if "ago" in group.kinds and atom_slots != {"part"}:
        return False
    last = _SLOT[group.kinds[-1]]
    first = _SLOT[atom.kinds[0]]
    order = {name: index for index, name in enumerate(_LEADING)}
    return first == "date" or order.get(first, 9) > order.get(last, -1)


def _keep(timex: Timex) -> bool:
    kinds = set(timex.kinds)
    if "bare_period" in kinds:
        return "mod" in kinds  # "مطلع العام", never "العام" alone
    if "season" in kinds:
        return bool(timex.year or timex.period)  # "صيف 2017", never "الربيع العربي"
    # a weak atom alone is not enough: مارس may be the verb, الاثنين "the two"
    return bool(kinds & _STANDALONE) and not (timex.weak and len(timex.kinds) == 1)


def _link_ranges(expressions: list[Timex], folded: str) -> list[Timex]:
    """``بين 1 و5 آذار``-style pairs and ``من 2011 إلى 2014`` become one range."""
    linked: list[Timex] = []
    index = 0
    while index < len(expressions):
        current = expressions[index]
        if index + 1 < len(expressions):
            following = expressions[index + 1]
            opener = _RANGE_OPEN.search(folded, max(0, current.start - 8), current.start)
            link = folded[current.end : following.start]
            same_kind = current.kinds[-1] == following.kinds[-1] or (
                current.kinds[-1] in {"year", "date", "month"}
                and following.kinds[-1] in {"year", "date", "month"}
            )
            dash = link.strip() in {"-", "–"} and current.kinds == ("year",) == following.kinds
            if same_kind and _RANGE_LINK.match(link) and (opener or dash) and current.has_date:
                start = opener.start(1) if opener else current.start
                linked.append(
                    replace(
                        current,
                        start=start,
                        end=following.end,
                        kinds=("range",),
                        range_end=following,
                    )
                )
                index += 2
                continue
        if current.kinds == ("range",) and (
            opener := _RANGE_OPEN.search(folded, max(0, current.start - 8), current.start)
        ):
            current = replace(current, start=opener.start(1))
        linked.append(current)
        index += 1
    return linked


_WORD = re.compile(r"\w+|\((?=\s*\d)")
_CLITIC_PREFIXES = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """Every word an atom may start with, bare or with a clitic: a cheap test before the
    pattern (digits are tested apart)."""
    words = time_words()
    names: set[str] = {*words.months, *words.hijri_months, *words.weekdays}
    for category in words.by_category.values():
        names.update(category)
    names.update("ال" + season for season in words.words("season"))
    first = {name.split()[0] for name in names} | {"يوم", "شهر", "عقد", "اول"}
    return frozenset(prefix + word for word in first for prefix in ("", *_CLITIC_PREFIXES))


def _may_start_atom(word: str, first_words: frozenset[str]) -> bool:
    return (
        word[0].isdigit()
        or word[0] == "("
        or word in first_words
        or (len(word) > 1 and word[0] in "وفبلك" and word[1].isdigit())
    )


def _atom_matches(folded: str) -> list[re.Match[str]]:
    """The atom pattern tried only where a word could start an atom (same result as
    ``finditer`` over the whole text, several times faster on news text)."""
    pattern = _atom_pattern()
    first_words = _first_words()
    matches = []
    reached = 0
    for word in _WORD.finditer(folded):
        if word.start() < reached or not _may_start_atom(word.group().lower(), first_words):
            continue
        match = pattern.match(folded, word.start())
        if match is not None:
            matches.append(match)
            reached = match.end()
    return matches


def find_timexes(folded: str) -> list[Timex]:
    """Temporal expressions in a normalised text, in order, not overlapping."""
    atoms = [atom for match in _atom_matches(folded) if (atom := _atom(match, folded))]
    expressions: list[Timex] = []
    for atom in atoms:
        if expressions:
            group = expressions[-1]
            if group.end <= atom.start and _can_join(group, atom, folded[group.end : atom.start]):
                expressions[-1] = _merge(group, atom)
                continue
        expressions.append(atom)
    kept = [_with_tense(timex, folded) for timex in expressions if _keep(timex)]
    return _link_ranges(kept, folded)


_CLAUSE_START = re.compile(r"[.!؟?\n]")
_FUTURE_WINDOW = 60


def _with_tense(timex: Timex, folded: str) -> Timex:
    """Mark a timex whose clause, up to it, speaks of the future."""
    window_start = max(0, timex.start - _FUTURE_WINDOW)
    before = folded[window_start : timex.start]
    stops = list(_CLAUSE_START.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    future_words = time_words().words("future")
    if any(token in future_words for token in re.findall(r"\w+", before)):
        return replace(timex, future=True)
    return timex
