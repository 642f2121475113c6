from __future__ import annotations

import pytest

from marsad.text.boilerplate import is_navigation, line_key
from marsad.text.clean import clean_text


@pytest.mark.parametrize(
    "line",
    [
        "العناوين الرئيسيةسورية",
        "الرئيسيةأخبار محلية",
        "الصفحة الرئيسية » سياسة",
        "الرئيسية / عربي ودولي / لبنان",
        "أخبارسياسةالشرق الأوسط",
        "Home > World > Middle East",
    ],
)
def test_clean_glued_navigation_lines_are_detected(line: str) -> None:
    key = line_key(line)
    assert is_navigation(key, key.count(" ") + 1)
    cleaned = clean_text(f"{line}\nعنوان الخبر الحقيقي\nنص الخبر هنا.", headline_first=True)
    assert cleaned.headline == "عنوان الخبر الحقيقي"
    assert [(r.kind, r.text) for r in cleaned.removed] == [("breadcrumb", line)]


@pytest.mark.parametrize(
    "line",
    ["سوريا تستعيد مقعدها في الجامعة", "الأخبار السارة لا تأتي فرادى", "رئيس الحكومة"],
)
def test_clean_headlines_made_of_ordinary_words_are_not_navigation(line: str) -> None:
    key = line_key(line)
    assert not is_navigation(key, key.count(" ") + 1)


def test_clean_keeps_long_paragraph_that_mentions_cookies_words() -> None:
    paragraph = (
        "ناقش البرلمان في جلسته المطولة مشروع قانون حماية البيانات الشخصية، وقال النواب إن "
        "المواقع التي تستخدم ملفات تعريف الارتباط يجب أن تطلب موافقة صريحة من المستخدمين، "
        "وإن الهيئة الوطنية ستراقب الالتزام بذلك وتفرض غرامات على المخالفين بدءاً من العام "
        "المقبل، فيما اعترض عدد من النواب على صياغة المادة الخاصة بالشركات الصغيرة وطالبوا "
        "بمهلة أطول للتطبيق تصل إلى عامين، قبل أن يحال المشروع إلى لجنة الصياغة لإعادة النظر "
        "في مواده الخلافية وتقديمه في جلسة لاحقة."
    )
    cleaned = clean_text(f"عنوان\n{paragraph}", headline_first=True)
    assert cleaned.text == paragraph


def test_clean_related_list_after_header_is_removed_until_real_paragraph() -> None:
    raw = (
        "عنوان الخبر\nفقرة أولى من الخبر.\nأخبار ذات صلة\nعنوان خبر آخر\nعنوان خبر ثالث\n"
        + "فقرة طويلة تعود إلى نص الخبر وتشرح ما جرى بالتفصيل في الاجتماع الذي عقد أمس."
    )
    cleaned = clean_text(raw, headline_first=True)
    assert [r.kind for r in cleaned.removed] == [
        "related_header",
        "other_headline",
        "other_headline",
    ]
    assert cleaned.text.endswith("عقد أمس.")


def test_clean_whitespace_and_invisibles_are_collapsed_and_mapped() -> None:
    raw = "عنوان\n  قال\u00a0\u00a0الوزير\u200f  إن   الخ\u200cطة\tجاهزة  \n"
    cleaned = clean_text(raw, headline_first=True)
    assert cleaned.text == "قال الوزير إن الخطة جاهزة"
    assert [(r.kind, r.text) for r in cleaned.removed] == [("invisible", "\u200c")]
    start = cleaned.text.index("الوزير")
    raw_start, raw_end = cleaned.clean_to_raw.span_to_source(start, start + len("الوزير"))
    assert raw[raw_start:raw_end] == "الوزير"


def test_clean_recurring_lines_are_removed_as_outlet_boilerplate() -> None:
    raw = "عنوان\nتابعوا تغطيتنا المباشرة\nنص الخبر."
    cleaned = clean_text(raw, headline_first=True, recurring=frozenset({"تابعوا تغطيتنا المباشره"}))
    assert cleaned.text == "نص الخبر."
    assert [r.kind for r in cleaned.removed] == ["recurring_line"]


def test_clean_short_repeated_lines_are_kept() -> None:
    cleaned = clean_text("عنوان\nبوتين:\nنص أول.\nبوتين:\nنص ثان.", headline_first=True)
    assert cleaned.text.count("بوتين:") == 2


_OWN_DATELINE = (
    "دبي، الإمارات العربية المتحدة (CNN)-- أعلنت وزارة المالية اليوم عن خطة جديدة لخفض "
    "العجز في الموازنة العامة خلال السنوات الثلاث المقبلة."
)
_BODY = "وأوضح الوزير أن الخطة تشمل إصلاح نظام الدعم وتوسيع قاعدة الضرائب على الشركات الكبيرة."
_OTHER_LEAD = (
    "دبي، الإمارات العربية المتحدة (CNN)- أعلنت شركة طيران إقليمية عن فتح خطوط جديدة إلى "
    "عدد من المدن الأوروبية بدءا من الشهر المقبل."
)
_NEXT_LEAD = "فاز المنتخب الوطني على ضيفه بهدفين دون رد في المباراة الودية التي أقيمت مساء أمس."


def test_clean_other_stories_after_a_second_dateline_are_removed() -> None:
    cleaned = clean_text("\n".join([_OWN_DATELINE, _BODY, _OTHER_LEAD, _NEXT_LEAD]))
    assert cleaned.text == f"{_OWN_DATELINE}\n{_BODY}"
    assert [(r.kind, r.text) for r in cleaned.removed] == [
        ("other_story", _OTHER_LEAD),
        ("other_story", _NEXT_LEAD),
    ]


def test_clean_other_stories_need_the_article_to_open_with_a_dateline() -> None:
    # a dateline deep in the page, or lines of a list with brackets and dashes, are kept
    raw = "\n".join([_BODY, _BODY.replace("الوزير", "المسؤول"), _OTHER_LEAD, _NEXT_LEAD])
    assert not clean_text(raw).removed
    lineup = "\n".join(
        [
            _OWN_DATELINE,
            "لاتسيو (إيطاليا) - دينامو كييف (أوكرانيا)",
            "لايبزيغ (ألمانيا) - زينيت (روسيا)",
        ]
    )
    assert not clean_text(lineup).removed


@pytest.mark.parametrize(
    "caption",
    [
        "صورة أرشيفية لمدخل الميناء",
        "متظاهرون في ساحة وسط المدينة (أ ف ب)",
        "الوزير خلال المؤتمر الصحفي (رويترز).",
        "Photo: the delegation at the airport",
    ],
)
def test_clean_photo_captions_are_kept_and_marked(caption: str) -> None:
    raw = f"عنوان\nوصل الوفد إلى العاصمة صباح اليوم.\n{caption}\nوعقد الوفد اجتماعا مطولا."
    cleaned = clean_text(raw, headline_first=True)
    assert [span.text for span in cleaned.captions] == [caption]
    assert caption in cleaned.text


def test_clean_a_long_paragraph_ending_with_an_agency_credit_is_not_a_caption() -> None:
    paragraph = " ".join(["قال المسؤول إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة"] * 5)
    cleaned = clean_text(f"عنوان\n{paragraph} (رويترز)", headline_first=True)
    assert not cleaned.captions
