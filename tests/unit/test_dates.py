"""Temporal expressions: recognition, TIMEX3 values, anchors, publication and event dates."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.extract.article_dates import extract_article_dates, parse_period
from marsad.model import DateMention

TODAY = date(2026, 11, 23)


def dates_of(text: str, published: str | None = None, **kwargs: object) -> list[DateMention]:
    found = extract_article_dates(text, published=published, today=TODAY, **kwargs)  # type: ignore[arg-type]
    for mention in found.dates:
        assert text[mention.start : mention.end] == mention.text
    return list(found.dates)


def values(text: str, published: str | None = None) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.granularity) for m in dates_of(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Levantine, Egyptian and Maghrebi month names, with and without a year
        ("وصل الوفد في 15 أيلول 2021.", [("15 أيلول 2021", "2021-09-15", "day")]),
        ("اجتمعا في 3 ماي 2018.", [("3 ماي 2018", "2018-05-03", "day")]),
        ("وقع في 5 جانفي 2019.", [("5 جانفي 2019", "2019-01-05", "day")]),
        ("في 23 مارس/ آذار 2020 ", [("23 مارس/ آذار 2020", "2020-03-23", "day")]),
        ("في يناير كانون الثاني 2018 ", [("يناير كانون الثاني 2018", "2018-01", "month")]),
        ("في ٢٣ آذار ٢٠٢٠ ", [("٢٣ آذار ٢٠٢٠", "2020-03-23", "day")]),
        ("في الثامن عشر من آذار 2018 ", [("الثامن عشر من آذار 2018", "2018-03-18", "day")]),
        ("بتاريخ 15/3/2018 ", [("15/3/2018", "2018-03-15", "day")]),
        ("في عام 2011 ", [("عام 2011", "2011", "year")]),
        ("في رمضان 1445 هـ ", [("رمضان 1445 هـ", "2024-03", "month")]),
        # hijridate follows the Umm al-Qura calendar
        ("في 1 رمضان 1439 هـ ", [("1 رمضان 1439 هـ", "2018-05-16", "day")]),
        ("في صيف 2017 ", [("صيف 2017", "2017-SU", "range")]),
        ("منذ التسعينيات ", [("التسعينيات", "199X", "range")]),
        ("بين 1 و5 آذار 2018 ", [("بين 1 و5 آذار 2018", "2018-03-01/2018-03-05", "range")]),
        ("من 2011 إلى 2014 ", [("من 2011 إلى 2014", "2011/2014", "range")]),
        ("في أواخر آذار 2020 ", [("أواخر آذار 2020", "2020-03", "month")]),
    ],
)
def test_dates_explicit_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "استمرت الجلسة 90 دقيقة",  # a duration
        "ازداد التبادل 3.5 مرات",  # a number
        "أرسلت 2000 جندي",  # a count, not a year
        "مارس ضغوطا كبيرة على الحكومة",  # the verb, not March
        "قالت تيريزا ماي إن",  # the surname, not May
        "وصلت لقاحات سبوتنيك V",
        "اتفق الاثنين على ذلك",  # "the two", not Monday
        "في سوق الجمعة",  # a market's name
        "خلال الربيع العربي",  # not a season of a year
        "لمدة ثلاثة أيام",
    ],
)
def test_dates_not_dates(text: str) -> None:
    assert values(text, "2021-09-16") == []


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("وصل اليوم", "2021-09-16", "day"),
        ("وصل صباح اليوم", "2021-09-16TMO", "part_of_day"),
        ("وصل أمس", "2021-09-15", "day"),
        ("وصل أمس الأول", "2021-09-14", "day"),
        ("وصل قبل يومين", "2021-09-14", "day"),
        ("وصل منذ ثلاثة أيام", "2021-09-13", "day"),
        ("وصل الأسبوع الماضي", "2021-W36", "week"),
        ("وصل الشهر الماضي", "2021-08", "month"),
        ("وصل العام الماضي", "2020", "year"),
        ("التقيا في 23 مارس الماضي", "2021-03-23", "day"),
        ("التقيا في 15 مارس من العام الماضي", "2020-03-15", "day"),
        ("يعقد في 5 تشرين الأول المقبل", "2021-10-05", "day"),
        ("مطلع العام الجاري", "2021", "year"),
        ("سيعقد الاجتماع بحلول نوفمبر", "2021-11", "month"),
    ],
)
def test_dates_relative_to_publication(text: str, value: str, granularity: str) -> None:
    # 2021-09-16 was a Thursday
    (mention,) = dates_of(text, "2021-09-16")
    assert (mention.value, mention.granularity) == (value, granularity)
    assert mention.resolution in {"relative", "inferred"}


def test_dates_weekday_last_is_before_the_anchor() -> None:
    # published on Thursday 16 September 2021: "الأربعاء الماضي" is the day before
    (mention,) = dates_of("جرى ذلك الأربعاء الماضي", "2021-09-16")
    assert mention.value == "2021-09-15"


def test_dates_counted_shift_anchors_on_a_date_in_the_same_sentence() -> None:
    text = "كشفت مصادر، يوم أمس الأربعاء 15 أيلول، عن تفاصيل اجتماع عقد قبل يومين."
    found = extract_article_dates(text, today=TODAY)
    stated, shifted = found.dates
    assert stated.value == "2021-09-15"
    assert "2010-09-15" in stated.alternatives  # the other years with a Wednesday 15 September
    assert stated.resolution == "inferred"
    assert shifted.value == "2021-09-13"  # two days before the 15th, not before publication
    assert found.published is not None
    assert found.published.value == "2021-09-16"  # "أمس" on the 15th: published the day after
    assert "2010-09-16" in found.published.alternatives
    assert found.published.evidence[0].text == "يوم أمس الأربعاء 15 أيلول"


def test_dates_year_is_never_silently_the_current_one() -> None:
    (mention,) = dates_of("التقيا في 15 أيلول")
    assert mention.value == "XXXX-09-15"
    (period,) = dates_of("التقيا في 15 أيلول", period=(2019, 2019))
    assert period.value == "2019-09-15"


def test_dates_weekday_without_anchor_stays_a_weekday() -> None:
    found = extract_article_dates(
        "أعلن الكرملين صباح اليوم الخميس أن بوتين اجتمع بالأسد أمس الأربعاء.", today=TODAY
    )
    assert [m.value for m in found.dates] == ["XXXX-WXX-4TMO", "XXXX-WXX-3"]
    assert found.published is not None and found.published.value == "XXXX-WXX-4"
    assert found.event_date is not None
    assert (found.event_date.value, found.event_date.granularity) == ("XXXX-WXX-3", "weekday")


def test_dates_event_date_skips_background_and_reporting_dates() -> None:
    text = (
        "أعلن الكرملين صباح اليوم أن الرئيسين اجتمعا في موسكو أمس.\n"
        "وكان آخر لقاء بينهما قد عقد في 15 مارس من العام الماضي.\n"
        "وجرى آخر اتصال هاتفي بينهما في 23 مارس الماضي."
    )
    found = extract_article_dates(text, published="2024-07-25", today=TODAY)
    assert found.event_date is not None
    assert found.event_date.value == "2024-07-24"
    assert any(span.text == "أمس" for span in found.event_date.evidence)
    assert 0 < found.event_date.confidence <= 1


def test_dates_event_date_falls_back_to_a_reporting_date_with_less_confidence() -> None:
    text = "وذكرت الوزارة الإثنين 23 مارس 2020 أن الوزير زار دمشق."
    found = extract_article_dates(text, today=TODAY)
    assert found.event_date is not None
    assert found.event_date.value == "2020-03-23"
    assert found.event_date.confidence < 0.7


def test_dates_metadata_publication_date_wins() -> None:
    found = extract_article_dates("وصل أمس الأربعاء 15 أيلول", published="2021-09-16", today=TODAY)
    assert found.published is not None
    assert (found.published.value, found.published.confidence) == ("2021-09-16", 1.0)
    assert found.published.evidence == ()


def test_dates_spans_map_to_the_cleaned_text_with_diacritics() -> None:
    text = "عُقِدَ الاجتماعُ أمسِ في ١٥ أيلولَ ٢٠٢١."
    found = dates_of(text)
    assert [mention.text for mention in found] == ["أمسِ", "١٥ أيلولَ ٢٠٢١"]


def test_dates_parse_period() -> None:
    assert parse_period("2011..2026") == (2011, 2026)
    assert parse_period("2021") == (2021, 2021)
    assert parse_period("") is None
    with pytest.raises(ValueError, match="period"):
        parse_period("2026..2011")
