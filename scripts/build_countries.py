"""Generate the country rows of the gazetteer: ``src/marsad/resources/gazetteer/countries.tsv``.

One row for every ISO 3166-1 country in ``pycountry``. The Arabic names are merged, in this
order, from:

1. ``OVERRIDES`` below: the forms Arabic news uses, the first one canonical;
2. the Arabic CLDR territory name (``babel``, installed with trafilatura);
3. the Arabic translation of the ISO 3166-1 name and official name that ``pycountry`` ships
   (``iso3166-1`` gettext domain).

Names are stripped of harakat and tatweel; names with a comma, a bracket, a spaced dash or a
Latin letter (awkward translations such as ``كوريا، جمهورية كوريا``) and the forms in
``EXCLUDED`` are dropped; a name whose match key (hamza, alef, ya and ta marbuta folded, as
the gazetteer compares names) equals an earlier one is dropped too. ``QIDS`` holds the
Wikidata items that are certain; the rest stay empty. ``NOTES`` become comment lines above
a row (ambiguous names the matching code must handle).

Re-run after editing this file or upgrading pycountry/babel::

    .venv/bin/python scripts/build_countries.py
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pycountry
from babel import Locale

from marsad.text.normalize import match_key

OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "marsad"
    / "resources"
    / "gazetteer"
    / "countries.tsv"
)

# The forms Arabic news uses, canonical first. Capitals are places (places.tsv), not here.
OVERRIDES: dict[str, tuple[str, ...]] = {
    "AE": (
        "الإمارات",
        "الإمارات العربية المتحدة",
        "دولة الإمارات",
        "دولة الإمارات العربية المتحدة",
    ),
    "AF": ("أفغانستان", "جمهورية أفغانستان الإسلامية", "إمارة أفغانستان الإسلامية"),
    "AQ": ("أنتاركتيكا", "القارة القطبية الجنوبية"),
    "BA": ("البوسنة والهرسك", "البوسنة"),
    "BH": ("البحرين", "مملكة البحرين"),
    "BY": ("بيلاروسيا", "بيلاروس", "روسيا البيضاء"),
    "CD": (
        "جمهورية الكونغو الديمقراطية",
        "الكونغو الديمقراطية",
        "الكونغو الديموقراطية",
        "الكونغو كينشاسا",
    ),
    "CF": ("جمهورية أفريقيا الوسطى", "أفريقيا الوسطى"),
    "CG": ("جمهورية الكونغو", "الكونغو برازافيل", "الكونغو"),
    "CI": ("ساحل العاج", "كوت ديفوار"),
    "CN": ("الصين", "جمهورية الصين الشعبية", "الصين الشعبية"),
    "CV": ("الرأس الأخضر", "كابو فيردي"),
    "CZ": ("التشيك", "جمهورية التشيك", "تشيكيا"),
    "DE": ("ألمانيا", "جمهورية ألمانيا الاتحادية"),
    "DK": ("الدنمارك", "الدانمرك"),
    "DJ": ("جيبوتي", "جمهورية جيبوتي"),
    "DZ": (
        "الجزائر",
        "الجمهورية الجزائرية",
        "الجمهورية الجزائرية الديمقراطية الشعبية",
    ),
    "EG": ("مصر", "جمهورية مصر العربية"),
    "EH": ("الصحراء الغربية",),
    "ET": ("إثيوبيا", "الحبشة"),
    "FR": ("فرنسا", "الجمهورية الفرنسية"),
    "GB": ("بريطانيا", "المملكة المتحدة", "بريطانيا العظمى"),
    "GR": ("اليونان",),
    "HK": ("هونغ كونغ", "هونج كونج"),
    "HU": ("المجر", "هنغاريا"),
    "IE": ("أيرلندا", "جمهورية أيرلندا"),
    "IL": ("إسرائيل", "دولة إسرائيل", "الكيان الصهيوني", "الكيان الإسرائيلي", "دولة الاحتلال"),
    "IN": ("الهند", "جمهورية الهند"),
    "IQ": ("العراق", "جمهورية العراق"),
    "IR": (
        "إيران",
        "الجمهورية الإسلامية الإيرانية",
        "جمهورية إيران الإسلامية",
        "الجمهورية الإسلامية في إيران",
    ),
    "JO": ("الأردن", "المملكة الأردنية الهاشمية", "المملكة الأردنية"),
    "KG": ("قرغيزستان", "قيرغيزستان"),
    "KM": ("جزر القمر", "اتحاد جزر القمر"),
    "KP": (
        "كوريا الشمالية",
        "جمهورية كوريا الديمقراطية الشعبية",
        "جمهورية كوريا الشعبية الديمقراطية",
    ),
    "KR": ("كوريا الجنوبية", "جمهورية كوريا"),
    "KW": ("الكويت", "دولة الكويت"),
    "KZ": ("كازاخستان", "قازاقستان"),
    "LB": ("لبنان", "الجمهورية اللبنانية"),
    "LT": ("ليتوانيا",),
    "LY": ("ليبيا", "دولة ليبيا"),
    "MA": ("المغرب", "المملكة المغربية"),
    "ME": ("الجبل الأسود", "مونتينيغرو"),
    "MK": ("مقدونيا الشمالية", "مقدونيا"),
    "MM": ("ميانمار", "بورما"),
    "MO": ("ماكاو", "مكاو"),
    "MR": ("موريتانيا", "الجمهورية الإسلامية الموريتانية"),
    "OM": ("سلطنة عمان", "عمان"),
    "PK": ("باكستان", "جمهورية باكستان الإسلامية"),
    "PS": ("فلسطين", "دولة فلسطين", "الأراضي الفلسطينية"),
    "QA": ("قطر", "دولة قطر"),
    "RS": ("صربيا", "جمهورية صربيا"),
    "RU": ("روسيا", "روسيا الاتحادية", "الاتحاد الروسي"),
    "SA": ("السعودية", "المملكة العربية السعودية"),
    "SD": ("السودان", "جمهورية السودان"),
    "SO": ("الصومال", "جمهورية الصومال الفيدرالية"),
    "SS": ("جنوب السودان", "دولة جنوب السودان", "جمهورية جنوب السودان"),
    "SY": ("سوريا", "سورية", "الجمهورية العربية السورية"),
    "SZ": ("إسواتيني", "سوازيلاند"),
    "TL": ("تيمور الشرقية", "تيمور ليشتي"),
    "TN": ("تونس", "الجمهورية التونسية"),
    "TR": ("تركيا", "الجمهورية التركية", "جمهورية تركيا"),
    "TW": ("تايوان",),
    "UA": ("أوكرانيا",),
    "US": (
        "الولايات المتحدة",
        "الولايات المتحدة الأمريكية",
        "الولايات المتحدة الأميركية",
        "أمريكا",
        "أميركا",
    ),
    "UY": ("الأوروغواي", "أوروغواي", "أوروجواي", "الأوروجواي"),
    "VA": ("الفاتيكان", "دولة الفاتيكان", "دولة مدينة الفاتيكان"),
    "VN": ("فيتنام", "فييتنام", "جمهورية فيتنام الاشتراكية"),
    "YE": ("اليمن", "الجمهورية اليمنية"),
    "ZA": ("جنوب أفريقيا", "جمهورية جنوب أفريقيا"),
}

# Translations from pycountry or CLDR that are wrong, odd or misleading.
EXCLUDED: dict[str, frozenset[str]] = {
    "AQ": frozenset({"القطب الجنوبي"}),  # the South Pole, not the continent
    "FR": frozenset({"جمهورية الفرنسية"}),  # ungrammatical
    "GG": frozenset({"جزيرة جويرزني"}),
    "GP": frozenset({"جوادالوبي"}),
    "GR": frozenset({"الجمهورية الهلنستية"}),  # "Hellenistic", not "Hellenic"
    "HK": frozenset({"هونج كونج المنطقة الصينية الإدارية الخاصة"}),
    "IM": frozenset({"آيزل أف مان"}),
    "LT": frozenset({"لثوانيا", "جمهورية لثوانيا"}),
    "ME": frozenset({"المنتنيغرو"}),
    "MO": frozenset({"منطقة ماكاو الإدارية الخاصة", "مكاو المنطقة الصينية الإدارية الخاصة"}),
    "NC": frozenset({"نيو قلدونيا"}),
    # "صربية" is also the feminine adjective "Serbian"
    "RS": frozenset({"صربية", "جمهورية صربية"}),
    "VN": frozenset({"الفييتنام", "جمهورية الفييتنام الاشتراكية"}),
}

# English names where pycountry's are formal or dated.
ENGLISH: dict[str, str] = {
    "BN": "Brunei",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "MF": "Saint Martin (French part)",
    "PS": "Palestine",
    "RU": "Russia",
    "SX": "Sint Maarten (Dutch part)",
    "TR": "Turkey",
    "US": "United States",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
}

# Wikidata items, certain only. NL is left out: Q55 (the country) and Q29999 (the kingdom)
# both carry the code; AQ too (Antarctica Q51 vs. the Antarctic Treaty area).
_QID_TABLE = """
AD Q228 AE Q878 AF Q889 AG Q781 AL Q222 AM Q399 AO Q916 AR Q414 AT Q40 AU Q408 AZ Q227
BA Q225 BB Q244 BD Q902 BE Q31 BF Q965 BG Q219 BH Q398 BI Q967 BJ Q962 BN Q921 BO Q750
BR Q155 BS Q778 BT Q917 BW Q963 BY Q184 BZ Q242 CA Q16 CD Q974 CF Q929 CG Q971 CH Q39
CI Q1008 CL Q298 CM Q1009 CN Q148 CO Q739 CR Q800 CU Q241 CV Q1011 CY Q229 CZ Q213
DE Q183 DJ Q977 DK Q35 DM Q784 DO Q786 DZ Q262 EC Q736 EE Q191 EG Q79 EH Q6250 ER Q986
ES Q29 ET Q115 FI Q33 FJ Q712 FM Q702 FR Q142 GA Q1000 GB Q145 GD Q769 GE Q230 GH Q117
GL Q223 GM Q1005 GN Q1006 GQ Q983 GR Q41 GT Q774 GW Q1007 GY Q734 HK Q8646 HN Q783
HR Q224 HT Q790 HU Q28 ID Q252 IE Q27 IL Q801 IN Q668 IQ Q796 IR Q794 IS Q189 IT Q38
JM Q766 JO Q810 JP Q17 KE Q114 KG Q813 KH Q424 KI Q710 KM Q970 KN Q763 KP Q423 KR Q884
KW Q817 KZ Q232 LA Q819 LB Q822 LC Q760 LI Q347 LK Q854 LR Q1014 LS Q1013 LT Q37 LU Q32
LV Q211 LY Q1016 MA Q1028 MC Q235 MD Q217 ME Q236 MG Q1019 MH Q709 MK Q221 ML Q912
MM Q836 MN Q711 MO Q14773 MR Q1025 MT Q233 MU Q1027 MV Q826 MW Q1020 MX Q96 MY Q833
MZ Q1029 NA Q1030 NE Q1032 NG Q1033 NI Q811 NO Q20 NP Q837 NR Q697 NZ Q664 OM Q842
PA Q804 PE Q419 PG Q691 PH Q928 PK Q843 PL Q36 PR Q1183 PS Q219060 PT Q45 PW Q695
PY Q733 QA Q846 RO Q218 RS Q403 RU Q159 RW Q1037 SA Q851 SB Q685 SC Q1042 SD Q1049
SE Q34 SG Q334 SI Q215 SK Q214 SL Q1044 SM Q238 SN Q1041 SO Q1045 SR Q730 SS Q958
ST Q1039 SV Q792 SY Q858 SZ Q1050 TD Q657 TG Q945 TH Q869 TJ Q863 TL Q574 TM Q874
TN Q948 TO Q678 TR Q43 TT Q754 TV Q672 TW Q865 TZ Q924 UA Q212 UG Q1036 US Q30 UY Q77
UZ Q265 VA Q237 VC Q757 VE Q717 VN Q881 VU Q686 WS Q683 YE Q805 ZA Q258 ZM Q953 ZW Q954
"""
QIDS: dict[str, str] = dict(zip(*[iter(_QID_TABLE.split())] * 2, strict=True))

# Comment lines written above a row: names the matching code must treat with care.
NOTES: dict[str, str] = {
    "BH": "البحرين is also the dual of بحر (two seas)",
    "BJ": "بنين is also the plural noun 'sons'",
    "CD": "bare الكونغو is on CG; news often means the DR Congo by it",
    "CF": "أفريقيا الوسطى is also the region Central Africa",
    "DZ": "الجزائر is also the capital, Algiers (الجزائر العاصمة)",
    "EH": "status disputed (Morocco / SADR); الصحراء الغربية is also Egypt's Western Desert",
    "GE": "جورجيا is also the US state of Georgia",
    "GI": "جبل طارق is also the Rock and the strait (مضيق جبل طارق)",
    "IL": (
        "الكيان الصهيوني, الكيان الإسرائيلي and دولة الاحتلال are loaded names "
        "in wide use for Israel"
    ),
    "JO": "الأردن is also the Jordan river (نهر الأردن)",
    "KM": "جزر القمر reads literally 'the islands of the moon'",
    "KW": "الكويت is also Kuwait City (مدينة الكويت)",
    "MA": "المغرب is also the Maghreb region, the sunset prayer and 'sunset'",
    "ME": "الجبل الأسود reads literally 'the black mountain'",
    "MK": "مقدونيا is also the Greek region of Macedonia",
    "ML": "مالي is also the adjective 'financial'",
    "OM": "عمان is also Amman (عمّان), the capital of Jordan: resolve by context",
    "PS": "فلسطين is also historic Palestine (the region)",
    "QA": "قطر is also the noun 'diameter'",
    "SA": "السعودية is also the feminine adjective 'Saudi'",
    "SS": "جنوب السودان is also 'the south of Sudan'",
    "SY": "سورية is also the feminine adjective 'Syrian'",
    "TN": "تونس is also the capital, Tunis (تونس العاصمة)",
    "US": "أمريكا/أميركا is also the Americas (the continents)",
    "VA": "الفاتيكان often names the Holy See (holy-see in organizations.tsv)",
    "ZA": "جنوب أفريقيا is also 'southern Africa'",
}

HEADER = """\
# GENERATED FILE, do not edit by hand: run `.venv/bin/python scripts/build_countries.py`
# (edit the tables in that script to change a row).
# Countries and territories with an ISO 3166-1 code. Places are in places.tsv.
# One country a line, eight tab-separated columns:
#   id        country-xx (ISO 3166-1 alpha-2, lower case); unique across the gazetteer files
#   type      GPE
#   kind      country
#   name_en   English name
#   names_ar  Arabic names separated by |; the first is the canonical one. Hamza, alef, ya
#             and ta marbuta variants are folded by the code, so only real spelling
#             variants are listed. Capitals are separate entries in places.tsv.
#   country   ISO 3166-1 alpha-2 code
#   qid       Wikidata item, only when certain; otherwise empty
#   parent    empty
# Comment lines above a row name its ambiguous forms.
"""

_HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_SPACES = re.compile(r"\s+")


def clean(name: str) -> str:
    """A translated name without harakat, with the conjunction و joined to its word."""
    name = _SPACES.sub(" ", _HARAKAT.sub("", name)).strip()
    return name.replace(" و ", " و")


def usable(name: str) -> bool:
    """Whether a translated name reads as a name in running text."""
    return bool(name) and not (
        any(mark in name for mark in ("،", ",", "(", ")", " - ")) or _LATIN.search(name)
    )


def arabic_names(code: str, candidates: list[str]) -> list[str]:
    """The overrides, then the usable candidates, without forms that fold to the same key."""
    excluded = EXCLUDED.get(code, frozenset())
    names: list[str] = []
    seen: set[str] = set()
    for name in [*OVERRIDES.get(code, ()), *(clean(item) for item in candidates)]:
        key = match_key(name)
        if name in excluded or not usable(name) or key in seen:
            continue
        seen.add(key)
        names.append(name)
    return names


def rows() -> list[str]:
    """The lines of countries.tsv after the header, sorted by code."""
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    cldr = Locale("ar").territories
    lines: list[str] = []
    for country in sorted(pycountry.countries, key=lambda item: item.alpha_2):
        code = country.alpha_2
        candidates = [cldr.get(code, ""), translation.gettext(country.name)]
        official = getattr(country, "official_name", "")
        if official:
            candidates.append(translation.gettext(official))
        names = arabic_names(code, candidates)
        if not names:
            raise SystemExit(f"no usable Arabic name for {code}")
        english = ENGLISH.get(code) or getattr(country, "common_name", "") or country.name
        if code in NOTES:
            lines.append(f"# {NOTES[code]}")
        cells = [
            f"country-{code.lower()}",
            "GPE",
            "country",
            english,
            "|".join(names),
            code,
            QIDS.get(code, ""),
            "",
        ]
        lines.append("\t".join(cells))
    return lines


def main() -> None:
    unknown = (set(OVERRIDES) | set(EXCLUDED) | set(QIDS) | set(NOTES) | set(ENGLISH)) - {
        country.alpha_2 for country in pycountry.countries
    }
    if unknown:
        raise SystemExit(f"codes not in pycountry: {sorted(unknown)}")
    OUTPUT.write_text(HEADER + "\n".join(rows()) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
