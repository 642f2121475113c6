"""Cited sources, the publisher and the byline, on a small gazetteer built by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.extract.gazetteer import Gazetteer, build_gazetteer
from marsad.extract.outlets import find_byline, identify_outlet
from marsad.extract.sources import find_cited_sources
from marsad.model import Outlet, Removal


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return build_gazetteer(
        (
            ("sputnik", "agency", "سبوتنيك", "Sputnik", "Sputnik", "sputniknews.com", "RU", "", ""),
            (
                "sana",
                "agency",
                "سانا",
                "SANA",
                "الوكالة العربية السورية للأنباء",
                "sana.sy",
                "SY",
                "",
                "",
            ),
            ("rt", "outlet", "روسيا اليوم", "RT", "آر تي|RT", "rt.com", "RU", "", ""),
            ("hibr", "outlet", "حبر", "Hibr", "صحيفة حبر", "", "SY", "", ""),
            ("mada-post", "outlet", "مدى بوست", "Mada Post", "", "", "", "", ""),
        ),
        (
            ("kremlin", "government", "Kremlin", "الكرملين|موقع الكرملين", "RU", ""),
            (
                "ru-mod",
                "ministry",
                "Russian Ministry of Defence",
                "وزارة الدفاع الروسية|الدفاع الروسية",
                "RU",
                "",
            ),
            ("sy-presidency", "government", "Syrian Presidency", "رئاسة الجمهورية", "SY", ""),
        ),
        (
            (
                "dmitry-peskov",
                "Dmitry Peskov",
                "دميتري بيسكوف|بيسكوف",
                "",
                "spokesperson@RU:2012-05..",
            ),
        ),
    )


def cited(text: str, gazetteer: Gazetteer) -> list[tuple[str, str, str | None]]:
    found = find_cited_sources(text, gazetteer=gazetteer)
    for source in found:
        assert text[source.start : source.end] == source.text
    return [(s.text, s.kind, s.entity.id if s.entity else None) for s in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وحسب وكالة سبوتنيك الروسية، استمرت الجلسة", [("وكالة سبوتنيك", "agency", "sputnik")]),
        ("وحسب وكالة “سبوتنبك” الروسية، استمرت", [("سبوتنبك", "agency", "sputnik")]),
        ("ذكرت وكالة سانا أن الرئيس", [("وكالة سانا", "agency", "sana")]),
        ("نقل موقع الكرملين الكلمات", [("موقع الكرملين", "government", "kremlin")]),
        ("وقد أفاد الكرملين، صباح اليوم", [("الكرملين", "government", "kremlin")]),
        ("قالت رئاسة الجمهورية إن الوزير", [("رئاسة الجمهورية", "government", "sy-presidency")]),
        ("وذكرت الدفاع الروسية أن", [("الدفاع الروسية", "government", "ru-mod")]),
        ("وفقًا لمصادر روسية.", [("مصادر روسية", "anonymous", None)]),
        ("تتناقل مصادر مطلعة في موسكو", [("مصادر مطلعة", "anonymous", None)]),
        ("بحسب مصادر قريبة من اللقاء الذي", [("مصادر قريبة من اللقاء", "anonymous", None)]),
        ("وذكرت مصادر لـ RT أن المباحثات", [("مصادر", "anonymous", None), ("RT", "outlet", "rt")]),
        ("المصدر: RT", [("RT", "outlet", "rt")]),
        (
            "وذكر الناطق باسم الكرملين دميتري بيسكوف أن",
            [("دميتري بيسكوف", "official", "dmitry-peskov")],
        ),
        ("وقال وزير الخارجية إن الطرفين", [("وزير الخارجية", "official", None)]),
    ],
)
def test_sources_cited(
    text: str, expected: list[tuple[str, str, str | None]], gazetteer: Gazetteer
) -> None:
    assert cited(text, gazetteer) == expected


@pytest.mark.parametrize(
    "text",
    [
        "تم تسليم أولى شحنات لقاحات سبوتنيك V لسوريا",  # the vaccine
        "قال إن لقاح سبوتنيك فعال",
        "كشفت مصادر عن تفاصيل اجتماع الرئيس الروسي فلاديمير بوتين",  # Putin is reported on
        "أعلن الكرملين أن دميتري بيسكوف سافر",  # Peskov comes after أن: reported, not cited
    ],
)
def test_sources_other_senses_and_reported_names(text: str, gazetteer: Gazetteer) -> None:
    assert all(entity != "sputnik" for _, _, entity in cited(text, gazetteer))
    assert all(entity != "dmitry-peskov" for _, _, entity in cited(text, gazetteer))


def test_sources_spans_keep_original_spelling(gazetteer: Gazetteer) -> None:
    text = "وحسبَ وكالةِ سانا، وصل"
    from marsad.text.normalize import normalize_with_map

    normalized, mapping = normalize_with_map(text)
    (source,) = find_cited_sources(
        text, normalized=normalized, normalized_to_clean=mapping, gazetteer=gazetteer
    )
    assert source.text == "وكالةِ سانا"


def test_outlet_by_domain_then_name_then_signature(gazetteer: Gazetteer) -> None:
    by_domain = identify_outlet(None, url_domain="arabic.rt.com", removed=(), gazetteer=gazetteer)
    assert by_domain == Outlet("rt", "روسيا اليوم")
    by_name = identify_outlet(
        Outlet("x", "آر تي"), url_domain=None, removed=(), gazetteer=gazetteer
    )
    assert by_name == Outlet("rt", "روسيا اليوم")
    unknown = Outlet("example.org", "Example")
    assert (
        identify_outlet(unknown, url_domain="example.org", removed=(), gazetteer=gazetteer)
        == unknown
    )
    subscribe = Removal("subscribe", "لمتابعة كل جديد اشترك في قناة صحيفة حبر على تلغرام", 0, 10)
    assert identify_outlet(
        None, url_domain=None, removed=(subscribe,), gazetteer=gazetteer
    ) == Outlet("hibr", "حبر")


def test_outlet_and_byline_from_a_signature_line(gazetteer: Gazetteer) -> None:
    byline = Removal("byline", "مدى بوست – فريق التحرير", 0, 10)
    outlet = identify_outlet(None, url_domain=None, removed=(byline,), gazetteer=gazetteer)
    assert outlet == Outlet("mada-post", "مدى بوست")
    assert find_byline(None, (byline,), outlet) == "فريق التحرير"
    unregistered = Removal("byline", "شبكة المدار – فريق التحرير", 0, 10)
    found = identify_outlet(None, url_domain=None, removed=(unregistered,), gazetteer=gazetteer)
    assert found is not None and found.name == "شبكة المدار"


@pytest.mark.parametrize(
    ("kind", "line", "expected"),
    [
        # a registered name inside the blurb (الوطن, Al-Watan) is not the publisher
        (
            "self_description",
            "«الرملية اليوم» صحيفة إلكترونية يومية تواكب مسيرة الوطن وإنجازاته",
            "الرملية اليوم",
        ),
        # the registry's أخبار الخليج is a shorter name than the one stated
        ("self_description", "«أخبار الخليج الرقمية» منصة إخبارية رقمية", "أخبار الخليج الرقمية"),
        # الأخبار (Al-Akhbar) is an ordinary word before the channel's name
        (
            "subscribe",
            "لمتابعة آخر الأخبار لحظة بلحظة اشترك في قناة منبر الأحرار على تلغرام",
            "منبر الأحرار",
        ),
        ("subscribe", "اشترك في قناة صحيفة المدار على تلغرام", "المدار"),
    ],
)
def test_outlet_is_the_name_a_signature_states(
    kind: str, line: str, expected: str, gazetteer: Gazetteer
) -> None:
    outlet = identify_outlet(
        None, url_domain=None, removed=(Removal(kind, line, 0, len(line)),), gazetteer=gazetteer
    )
    assert outlet is not None and outlet.name == expected


def test_outlet_none_from_signatures_that_state_no_name(gazetteer: Gazetteer) -> None:
    lines = (
        Removal("subscribe", "تابعوا صفحتنا على فيسبوك ليصلكم كل جديد من الأخبار", 0, 10),
        Removal("recurring_line", "اقرأ المزيد من الأخبار على موقعنا", 0, 10),
    )
    assert identify_outlet(None, url_domain=None, removed=lines, gazetteer=gazetteer) is None


def test_outlet_none_when_only_a_source_is_named(gazetteer: Gazetteer) -> None:
    # "المصدر: RT" names a source, not the publisher
    assert identify_outlet(None, url_domain=None, removed=(), gazetteer=gazetteer) is None
    assert find_byline(None, (), None) is None
    assert find_byline("  أحمد   علي ", (), None) == "أحمد علي"


def test_outlet_registry_extended_by_the_users_file(tmp_path: Path) -> None:
    from marsad.extract.gazetteer import load_gazetteer

    own = tmp_path / "outlets.tsv"
    own.write_text(
        "# my outlets\n"
        "sawt-alsahel\toutlet\tصوت الساحل\tSawt al-Sahel\t\tsawt-alsahel.example\t\t\topposition\n"
        "sana\tagency\tسانا\tSANA (state agency)\t\tsana.sy\tSY\t\tgovernment\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(str(own))
    added = gazetteer.outlet_for_domain("sawt-alsahel.example")
    assert added is not None and added.alignment == "opposition"
    assert gazetteer.entries["sana"].name_en == "SANA (state agency)"  # replaced by id
    assert gazetteer.entries["sana"].alignment == "government"
    shipped = load_gazetteer()
    assert shipped.outlet_for_domain("sawt-alsahel.example") is None
    assert all(not entry.alignment for entry in shipped.entries.values())  # never guessed
