"""Entities, quotes and numeric facts on sentences in the style of the seeds."""

from __future__ import annotations

import pytest

from marsad.extract.entities import find_entities
from marsad.extract.facts import find_facts
from marsad.extract.gazetteer import Gazetteer, build_gazetteer, load_gazetteer
from marsad.extract.quotes import find_quotes
from marsad.extract.sources import find_cited_sources
from marsad.model import DateValue, Entity
from marsad.resources import read_resource_table


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def entities_of(text: str, gazetteer: Gazetteer, **kwargs: DateValue) -> list[Entity]:
    found = find_entities(text, gazetteer=gazetteer, **kwargs)
    for entity in found:
        assert text[entity.start : entity.end] == entity.text
    return list(found)


def ids(found: list[Entity]) -> list[str | None]:
    return [entity.id for entity in found]


def test_entities_names_variants_and_clitics(gazetteer: Gazetteer) -> None:
    found = entities_of("التقى وبوتين للأسد وشويجو وسيرغي شويغو", gazetteer)
    assert [(e.text, e.id) for e in found] == [
        ("بوتين", "vladimir-putin"),
        ("لأسد", "bashar-al-assad"),  # للأسد: the article fused with ل
        ("شويجو", "sergei-shoigu"),
        ("سيرغي شويغو", "sergei-shoigu"),
    ]
    assert {e.type for e in found} == {"PER"}


def test_entities_role_resolved_by_date(gazetteer: Gazetteer) -> None:
    text = "وقال وزير الدفاع الروسي إن الزيارة ناجحة"
    before = entities_of(text, gazetteer, published=DateValue("2020-03-23", "day", 1.0))
    after = entities_of(text, gazetteer, published=DateValue("2024-08-01", "day", 1.0))
    assert ids(before) == ["sergei-shoigu"]
    assert ids(after) != ["sergei-shoigu"]
    assert before[0].via == "role" and before[0].text == "وزير الدفاع الروسي"


def test_entities_epithet_and_anaphor(gazetteer: Gazetteer) -> None:
    text = "التقى بوتين رأس النظام السوري في موسكو. وقال الأخير إن الاجتماع الأخير كان مهما."
    found = entities_of(text, gazetteer, published=DateValue("2021-09-14", "day", 1.0))
    epithet = next(e for e in found if e.epithet)
    assert (epithet.id, epithet.via) == ("bashar-al-assad", "epithet")
    assert epithet.text == "رأس النظام السوري"
    anaphor = next(e for e in found if e.via == "anaphor")
    assert anaphor.id == "bashar-al-assad"
    assert anaphor.text == "الأخير"
    assert sum(e.via == "anaphor" for e in found) == 1  # "الاجتماع الأخير" is an adjective


def test_entities_an_epithet_names_its_own_government_after_it_fell(
    gazetteer: Gazetteer,
) -> None:
    # "رأس النظام" in 2025 is the fallen regime's head, not the next head of state
    text = "وكان رأس النظام قد فر من سوريا إلى موسكو"
    found = entities_of(text, gazetteer, published=DateValue("2025-06-01", "day", 1.0))
    assert [(e.id, e.epithet) for e in found if e.epithet] == [("bashar-al-assad", True)]
    role = entities_of(
        "وقال الرئيس السوري", gazetteer, published=DateValue("2025-06-01", "day", 1.0)
    )
    assert ids(role) == ["ahmed-al-sharaa"]  # a plain role still follows the date


def test_entities_context_cue_finds_a_name_the_gazetteer_lacks() -> None:
    persons = tuple(
        row
        for row in read_resource_table("gazetteer/persons.tsv")
        if row[0] != "alexander-lavrentiev"
    )
    without = build_gazetteer(
        read_resource_table("outlets.tsv"),
        read_resource_table("gazetteer/organizations.tsv"),
        persons,
    )
    text = (
        "فالرئيس الروسي على اطلاع عبر مبعوثه الخاص الكسندر لافرنتييف على موقف الأسد."
        " وقال لافرنتييف إن"
    )
    found = entities_of(text, without)
    named = [e for e in found if e.name_ar == "الكسندر لافرنتييف"]
    assert [(e.text, e.via, e.type) for e in named] == [
        ("الكسندر لافرنتييف", "context", "PER"),
        ("لافرنتييف", "short_form", "PER"),
    ]


def test_entities_other_sense_kept_apart(gazetteer: Gazetteer) -> None:
    found = entities_of("تم تسليم أولى شحنات لقاحات “سبوتنيك V” وذكرت وكالة سبوتنيك", gazetteer)
    assert [e.text for e in found if e.id and "sputnik" in e.id] == ["سبوتنيك"]
    assert found[-1].start > 40


def test_entities_hyphenated_names_match_their_entries(gazetteer: Gazetteer) -> None:
    found = entities_of("التقى كيم جونغ-أون بالرئيس مون جاي-إن في بانمونجوم", gazetteer)
    assert [(e.text, e.id) for e in found if e.type == "PER"] == [
        ("كيم جونغ-أون", "kim-jong-un"),
        ("مون جاي-إن", "moon-jae-in"),
    ]


def test_entities_spokesperson_on_behalf_of_is_not_the_name_basim(gazetteer: Gazetteer) -> None:
    for text in ("وقال متحدث باسم الشرطة المحلية إن", "وقال متحدثا باسم المعارضة السورية"):
        assert not [e for e in entities_of(text, gazetteer) if e.type == "PER"]
    found = entities_of("التقى باسم الزيدوني بالوفد", gazetteer)
    assert [(e.text, e.type) for e in found] == [("باسم الزيدوني", "PER")]


def test_entities_a_title_stays_outside_a_listed_persons_span(gazetteer: Gazetteer) -> None:
    found = entities_of("التقى الملك سلمان بن عبد العزيز وزير الخارجية", gazetteer)
    (king,) = [e for e in found if e.type == "PER"]
    assert (king.text, king.id) == ("سلمان بن عبد العزيز", "king-salman")
    (king,) = [e for e in entities_of("واستقبل الملك سلمان الوفد", gazetteer) if e.type == "PER"]
    assert (king.text, king.id) == ("سلمان", "king-salman")


def test_entities_occupations_and_foreign_given_names_open_names(gazetteer: Gazetteer) -> None:
    text = (
        "وأكدت القاضية ماريسا ديميو الخميس الحكم. وأضاف دوف زاخيم، المسؤول السابق، أن زاخيم يرى ذلك"
    )
    people = [e.text for e in entities_of(text, gazetteer) if e.type == "PER"]
    assert people == ["ماريسا ديميو", "دوف زاخيم", "زاخيم"]
    found = entities_of("رفع الحصانة عن القس كابيلا كي تتسنى محاكمته", gazetteer)
    assert not [e for e in found if "تتسنى" in e.text]


def test_entities_two_word_given_name_keeps_its_first_letter(gazetteer: Gazetteer) -> None:
    for text in ("وقال عبد الرحيم الزيدوني إن", "وأكد وعبد الرحيم الزيدوني ذلك"):
        (found,) = entities_of(text, gazetteer)
        assert found.text == "عبد الرحيم الزيدوني"


def test_entities_last_words_that_are_ordinary_words_do_not_stand_alone(
    gazetteer: Gazetteer,
) -> None:
    found = entities_of("زار صدام حسين المدينة. وقال حسين إن", gazetteer)
    assert [e.text for e in found] == ["صدام حسين"]
    found = entities_of("قال الرئيس محمود عباس. وأضاف عباس أن", gazetteer)
    assert [(e.text, e.id) for e in found] == [
        ("محمود عباس", "mahmoud-abbas"),
        ("عباس", "mahmoud-abbas"),
    ]


def test_entities_agency_noun_before_a_paper_named_by_a_word(gazetteer: Gazetteer) -> None:
    assert not entities_of("نقلت وكالة الأنباء الرسمية عن مصدر", gazetteer)
    found = entities_of("ونشرت صحيفة الأنباء تقريرا", gazetteer)
    assert [(e.text, e.id) for e in found] == [("الأنباء", "al-anba-kuwait")]


def test_entities_a_shared_place_name_follows_the_nationality_adjectives(
    gazetteer: Gazetteer,
) -> None:
    libya = entities_of("أعلنت مصادر رسمية ليبية أن هجوما استهدف مقرا في طرابلس.", gazetteer)
    assert [e.id for e in libya] == ["city-tripoli-ly"]
    lebanon = entities_of("قال مسؤول لبناني إن الجيش انتشر في طرابلس.", gazetteer)
    assert [e.id for e in lebanon] == ["city-tripoli-lb"]


def test_entities_a_glued_word_ends_a_context_name(gazetteer: Gazetteer) -> None:
    for text, name in (
        ("التقى وزير الخارجية نادر حلبي ووزير الدفاع في القصر", "نادر حلبي"),
        ("وصل المبعوث اندريه سولين للتحضير للقمة", "اندريه سولين"),
        ("وقال عبد الرحيم الزيدوني بالقاهرة إن الوفد وصل", "عبد الرحيم الزيدوني"),
    ):
        assert [e.text for e in entities_of(text, gazetteer) if e.type == "PER"] == [name]


def test_entities_a_glued_cue_or_function_word_ends_a_context_name(gazetteer: Gazetteer) -> None:
    text = "قال المتحدث باسم البحرية توم هاريس لوكالة رويترز إن السفينة عادت"
    found = entities_of(text, gazetteer)
    assert [e.text for e in found if e.type == "PER"] == ["توم هاريس"]


def test_entities_a_designator_stays_outside_a_listed_name(gazetteer: Gazetteer) -> None:
    found = entities_of("زار الوفد محافظة نينوى ثم دولة قطر، وقاتل ميليشيا الحوثي", gazetteer)
    assert [(e.text, e.type) for e in found] == [
        ("نينوى", "GPE"),
        ("قطر", "GPE"),
        ("الحوثي", "ORG"),
    ]
    # قوات is part of this name: the rest alone is no listed name
    sdf = entities_of("وأعلنت قوات سوريا الديمقراطية السيطرة على القرية", gazetteer)
    assert [e.text for e in sdf if e.type == "ORG"] == ["قوات سوريا الديمقراطية"]


def test_entities_news_agency_named_with_its_noun(gazetteer: Gazetteer) -> None:
    found = entities_of("ونقلت عنه لوكالة الأنباء القطرية تصريحا", gazetteer)
    assert [e.text for e in found if e.type == "ORG"] == ["وكالة الأنباء القطرية"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وأصدرت منظمة الرعاية الاجتماعية بيانا أمس", "منظمة الرعاية الاجتماعية"),
        ("وقرر المجلس الأعلى لتنظيم الإعلام وقف البرنامج", "المجلس الأعلى لتنظيم الإعلام"),
        ("وزع مسؤولو اللجنة العليا للإغاثة مساعدات", "اللجنة العليا للإغاثة"),
        ("افتتح المركز الثقافي الفرنسي معرضا", "المركز الثقافي الفرنسي"),
        ("فاز حزب العدالة والتنمية الحاكم بالانتخابات", None),
        ("وصلت القافلة إلى مركز المديرية مساء", None),
        ("وقال إن الحزب الحاكم يرفض ذلك", None),
        ("افتتحت جمعية مصرية فرعا جديدا", None),
    ],
)
def test_entities_institution_nouns_open_organisation_names(
    gazetteer: Gazetteer, text: str, name: str | None
) -> None:
    found = [e.text for e in entities_of(text, gazetteer) if e.type == "ORG" and e.id is None]
    assert found == ([name] if name else [])


def test_entities_a_name_set_off_by_commas_after_a_role(gazetteer: Gazetteer) -> None:
    text = "وأعلن رئيس اللجنة العليا للانتخابات، مراد يلدز، النتائج الأولية."
    assert [e.text for e in entities_of(text, gazetteer) if e.type == "PER"] == ["مراد يلدز"]
    # without a closing comma or full stop it is a clause, not an apposition
    text = "وأعلن رئيس اللجنة العليا للانتخابات، وصول النتائج من المحافظات"
    assert not [e for e in entities_of(text, gazetteer) if e.type == "PER"]


@pytest.mark.parametrize(
    "text",
    [
        # a clause after the role and its comma: neither a name after the cue nor an apposition
        "وتكفلت الدولة بمصاريف الإقامة الرسمية لرئيس الوزراء، وتوظيف طاهين خصوصيين.",
        "وأعلن رئيس اللجنة العليا للانتخابات، وتأجيل الجلسة.",
    ],
)
def test_entities_no_name_opens_with_a_glued_conjunction_after_a_comma(
    gazetteer: Gazetteer, text: str
) -> None:
    assert not [e for e in entities_of(text, gazetteer) if e.type == "PER"]
    # a given name that begins with و still opens one
    text = "وقال رئيس المؤتمر، ولفغانغ ايشينغر، إن العالم تغير"
    assert [e.text for e in entities_of(text, gazetteer) if e.type == "PER"] == ["ولفغانغ ايشينغر"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name no list holds: found only after the cue (without it, nothing)
        ("ونقلت الوكالة على لسان تشارو بوهدوز قوله إن", "تشارو بوهدوز"),
        ("وخسر المنتخب بنيران لاعبه تشارو بوهدوز أمام إيران", "تشارو بوهدوز"),
        ("وقال اللاعب ميغيل دياز إن الفريق جاهز", "ميغيل دياز"),
        ("وقالت والدة خافيير، غابرييلا ميلر، إنها", "غابرييلا ميلر"),
        # a verb ends the name after a title
        ("وطلب السيد عزرا سيدوف طلب تعويض عن المصاريف", "عزرا سيدوف"),
    ],
)
def test_entities_speaker_and_player_cues_and_foreign_given_names(
    gazetteer: Gazetteer, text: str, name: str
) -> None:
    assert name in [e.text for e in entities_of(text, gazetteer) if e.type == "PER"]
    assert not [e for e in entities_of("ونقلت الوكالة عن تشارو بوهدوز", gazetteer)]
    assert all("طلب" not in e.text for e in entities_of(text, gazetteer))


def test_entities_a_family_name_written_first_stands_alone_after_the_full_name(
    gazetteer: Gazetteer,
) -> None:
    text = "وصل الزعيم الكوري الشمالي #كيم_جونغ_أون إلى سنغافورة. ويلتقي ترمب وكيم غدا."
    found = [(e.text, e.id) for e in entities_of(text, gazetteer) if e.type == "PER"]
    assert ("كيم", "kim-jong-un") in found
    # without the full name earlier, كيم alone is nobody in particular
    assert "كيم" not in [e.text for e in entities_of("ويلتقي ترمب وكيم غدا.", gazetteer)]


def test_entities_a_surname_met_again_inside_another_phrase(gazetteer: Gazetteer) -> None:
    text = (
        "التقى عبد الملك الحوثي وفدا. وقال الحوثي إن الحصار مستمر. "
        "وحاصرت قوات التمرد الحوثي المدينة."
    )
    found = [e for e in entities_of(text, gazetteer) if e.type == "PER"]
    assert [e.text for e in found] == ["عبد الملك الحوثي", "الحوثي"]


def test_entities_hashtags_inside_names_and_after_designators(gazetteer: Gazetteer) -> None:
    text = "وقال الرئيس رجب طيب #أردوغان إن الاشتباكات في محافظة #البيضاء توقفت و#المخابرات صامتة"
    found = [(e.text, e.id) for e in entities_of(text, gazetteer) if e.via == "name"]
    # the hashtag is the mention; the given names before it are not a second, unknown person
    assert found == [("أردوغان", "recep-tayyip-erdogan"), ("البيضاء", "gov-ye-bayda")]
    # without the designator, البيضاء ("white") is no place
    assert not [e for e in entities_of("رفعوا الراية #البيضاء", gazetteer) if e.type == "GPE"]


def test_entities_a_space_beside_a_joining_hyphen(gazetteer: Gazetteer) -> None:
    found = entities_of("استقبل الزعيم كيم جونغ- أون الوفد", gazetteer)
    assert [(e.text, e.id) for e in found if e.via == "name"] == [("كيم جونغ- أون", "kim-jong-un")]


@pytest.mark.parametrize(
    ("text", "name", "entry"),
    [
        ("وصرح الوزير ريكس تليرسون بأن", "ريكس تليرسون", "rex-tillerson"),  # swap
        ("واتهم أفيغدور ليبرلمان الحركة", "أفيغدور ليبرلمان", "avigdor-lieberman"),  # insertion
        # a listed surname takes a given name spelt one edit from the listed one
        ("وأوضح ديميتري بيسكوف للصحفيين", "ديميتري بيسكوف", "dmitry-peskov"),
        # but a title before a listed name is no misspelling of it
        ("في حفل للأمير هاري", "هاري", "prince-harry"),
        # one letter in a short word is another person, not a misspelling
        ("وقال الوزير أحمد حسين إن", "أحمد حسين", None),
    ],
)
def test_entities_a_misspelt_full_name_is_the_listed_person(
    gazetteer: Gazetteer, text: str, name: str, entry: str | None
) -> None:
    found = [(e.text, e.id) for e in entities_of(text, gazetteer) if e.type == "PER"]
    assert (name, entry) in found


@pytest.mark.parametrize(
    "text",
    [
        "وفاز بولاية رابعة تستمر ست سنوات",  # ولاية: a term of office
        "ودعا إلى مقاطعة الانتخابات المقبلة",  # مقاطعة: a boycott
        "وسقطت القذيفة في منطقة سكنية مكتظة",  # an adjective after the place noun
        "ويعيش في مخيم للنازحين قرب الحدود",  # a preposition glued to the next word
        "وتجمعوا أمام لجان الاقتراع منذ الصباح",  # لجان: committees, not ل + Jean
        "رغم الهزائم التي مني بها التنظيم",  # مني: a verb, not the name Mona
        "عن غاز الأعصاب المعروف باسم نوفيتشوك",  # باسم: "by the name of"
        "وقال الوزير أثناء زيارة إلى باريس",  # a cue followed by a clause
    ],
)
def test_entities_cue_words_in_another_sense_find_no_name(gazetteer: Gazetteer, text: str) -> None:
    assert not [e for e in entities_of(text, gazetteer) if e.id is None]


def test_entities_a_place_name_of_two_words_after_a_place_noun(gazetteer: Gazetteer) -> None:
    text = "ووقع الحادث في مدينة سان ماركوس، وفي بلدة كفر نبودة"
    found = [e.text for e in entities_of(text, gazetteer) if e.type == "GPE"]
    assert found == ["سان ماركوس", "كفر نبودة"]


def test_quotes_marked_colon_and_reported(gazetteer: Gazetteer) -> None:
    text = (
        "بوتين: أنا سعيد جدا برؤيتكم.\n"
        "لدينا الفرصة للحديث عن علاقاتنا بأكملها.\n"
        "وذكر الناطق باسم الكرملين دميتري بيسكوف أن الرئيسين لم يوقعا أي وثائق.\n"
        "وقال الأسد إن “العقوبات لا إنسانية وغير أخلاقية”، وأضاف أنه يثق بروسيا.\n"
        "المصدر: RT"
    )
    entities = find_entities(text, gazetteer=gazetteer)
    sources = find_cited_sources(text, gazetteer=gazetteer)
    quotes = find_quotes(text, entities=entities, sources=sources)
    seen = [(q.kind, q.speaker.id if q.speaker else None, q.text) for q in quotes]
    assert seen == [
        ("direct", "vladimir-putin", "أنا سعيد جدا برؤيتكم"),
        ("direct", "vladimir-putin", "لدينا الفرصة للحديث عن علاقاتنا بأكملها"),
        ("indirect", "dmitry-peskov", "الرئيسين لم يوقعا أي وثائق"),
        ("direct", "bashar-al-assad", "العقوبات لا إنسانية وغير أخلاقية"),
        ("indirect", "bashar-al-assad", "يثق بروسيا"),
    ]
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker_span is not None
        assert text[quote.speaker_span.start : quote.speaker_span.end] == quote.speaker_span.text


def test_quotes_unbalanced_marks_never_swallow_a_paragraph(gazetteer: Gazetteer) -> None:
    text = "قال بوتين ”إن العلاقات جيدة جدا.\nوفي فقرة أخرى لا علاقة لها بالكلام تماما."
    entities = find_entities(text, gazetteer=gazetteer)
    quotes = find_quotes(text, entities=entities, sources=())
    assert all("\n" not in quote.text for quote in quotes)


def test_quotes_stance_and_anonymous(gazetteer: Gazetteer) -> None:
    text = "وزعمت مصادر مطلعة أن الاتفاق وقع سرا."
    sources = find_cited_sources(text, gazetteer=gazetteer)
    (quote,) = find_quotes(text, entities=(), sources=sources)
    assert (quote.kind, quote.stance, quote.anonymous) == ("indirect", "claim", "مصادر مطلعة")
    assert quote.to_dict()["speaker"] == {"anonymous": "مصادر مطلعة"}


def test_quotes_relayed_speaker_through_an_outlet(gazetteer: Gazetteer) -> None:
    """``نقلت X عن Y قوله``: Y speaks; a dotted abbreviation's letters (``سي.إن.إن``) are
    not the complementiser ``إن``."""
    cases = {
        'نقلت وكالة "رويترز" عن شاهد قوله إن ثلاث لافتات ظهرت في المدينة.': (None, "شاهد"),
        "ونقلت وكالة سانا عن الرئيس بشار الأسد قوله إن الحرب تقترب من نهايتها.": (
            "bashar-al-assad",
            None,
        ),
        'ونقلت سي.إن.إن عن الوزير قوله "التقاضي مصدر قلق كبير لنا".': (None, "الوزير"),
        # the outlet spoken with listens
        'وقالت المتحدثة في اتصال مع وكالة فرانس برس "لا شيء خطيرا في حالته".': (
            None,
            "المتحدثة",
        ),
    }
    for text, (speaker_id, anonymous) in cases.items():
        entities = find_entities(text, gazetteer=gazetteer)
        sources = find_cited_sources(text, gazetteer=gazetteer)
        (quote,) = find_quotes(text, entities=entities, sources=sources)
        assert (quote.speaker.id if quote.speaker else None, quote.anonymous) == (
            speaker_id,
            anonymous,
        ), text


def test_quotes_names_of_works_in_marks_are_not_speech() -> None:
    for text in (
        'التزمت الجهات الرسمية الصمت عملا بمبدأ "اعمل نفسك ميت" المعروف.',
        'وأطلق الناشطون حملة بعنوان "معا من أجل التغيير الحقيقي" أمس.',
    ):
        assert find_quotes(text, entities=(), sources=()) == ()
    (quote,) = find_quotes('وقال الوزير "إن الحكومة ستعمل على حل الأزمة".', entities=(), sources=())
    assert quote.kind == "direct"


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("استمرت الجلسة لمدة 90 دقيقة", 90, "minute", None),
        ("لتمدد الجلسة لـ 45 دقيقة أخرى", 45, "minute", "additional"),
        ("استمرت حوالي الساعتين وربع الساعة", 135, "minute", "approximately"),
        ("استمرت ساعة ونصف", 90, "minute", None),
        ("يسيطر على أكثر من 90 % من الأراضي", 90, "percent", "more_than"),
        ("يسيطر على ٩٠ في المئة من الأراضي", 90, "percent", None),
        ("ازداد بمقدار 3.5 مرات", 3.5, "times", None),
        ("شاركت ثلاث طائرات حربية", 3, "count", None),
        ("مضى ست سنوات", 6, "year", None),
        ("بقيمة 5 ملايين دولار", 5_000_000, "money:USD", None),
        ("الذكرى (الـ80) للعلاقات", 80, "ordinal", None),
        ("تجاوز عدد المشاهدات 2٬314", 2314, "count", None),
    ],
)
def test_facts(text: str, value: float, unit: str, qualifier: str | None) -> None:
    (fact,) = find_facts(text)
    assert (fact.value, fact.unit, fact.qualifier) == (value, unit, qualifier)
    assert text[fact.start : fact.end] == fact.text
    assert fact.sentence.start <= fact.start < fact.sentence.end


def test_facts_skip_numbers_in_dates_and_words_alone() -> None:
    from datetime import date

    from marsad.extract.article_dates import extract_article_dates

    text = "وصل في 15 أيلول 2021 واحد من المسؤولين"
    dates = extract_article_dates(text, today=date(2026, 11, 23)).dates
    assert find_facts(text, dates=dates) == ()


def test_facts_skip_numbers_in_web_addresses() -> None:
    text = "للاطلاع على البيان: https://news.example/politics/2025/03/10/statement وقتل 12 شخصا"
    assert [fact.text for fact in find_facts(text)] == ["12 شخصا"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وحضرت الأميرة يوجيني الحفل برفقة والدتها", "يوجيني"),  # after a one-word title
        ("ونجا الطفل سامر من الحريق وحده", "سامر"),  # after a word of a person's standing
        ("وقالت والدة مريم، إن ابنتها بخير", "مريم"),  # after a word of kinship
        ("وعثر على العميل السابق وابنته يوليا فاقدين للوعي", "يوليا"),
    ],
)
def test_entities_a_given_name_alone_after_a_title_or_kinship(
    gazetteer: Gazetteer, text: str, name: str
) -> None:
    assert name in [e.text for e in entities_of(text, gazetteer) if e.type == "PER"]


def test_entities_names_written_alone_open_no_longer_name(gazetteer: Gazetteer) -> None:
    # يوليا is a person after a word of kinship only, and never takes the verb after it
    assert not entities_of("وتحدثت يوليا مطولا عن الحادث", gazetteer)
    found = [e.text for e in entities_of("وكان والده يرافق ابنته يوليا تتحدث", gazetteer)]
    assert found == ["يوليا"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # عبد and a definite word are one given name
        ("وقال رئيس المحكمة عبد الباسط يونس حين النطق بالحكم", "عبد الباسط يونس"),
        # a third name word closed by punctuation
        ("وقال سامر فؤاد حمدان، المتحدث باسم البلدية، إن", "سامر فؤاد حمدان"),
        ("أن الفتى هو عثمان رامي حلس (15 عاما)", "عثمان رامي حلس"),
    ],
)
def test_entities_longer_names_the_gazetteer_lacks(
    gazetteer: Gazetteer, text: str, name: str
) -> None:
    assert name in [e.text for e in entities_of(text, gazetteer) if e.type == "PER"]


def test_entities_a_second_given_name_after_and_is_another_person(gazetteer: Gazetteer) -> None:
    found = [e.text for e in entities_of("وأصيب طارق وياسر وسامر حمدان بجروح", gazetteer)]
    assert not [name for name in found if " و" in name]


@pytest.mark.parametrize(
    "text",
    [
        "ومنح الجندي وسام الشرف تقديرا لشجاعته",  # وسام: a medal
        "وتحدث باسم الحكومة في المؤتمر",  # باسم: in the name of
        "وأعلنت عن ولادة وحيد القرن في الحديقة",  # a rhinoceros
        "وقع القصف في محافظة إيرانية حدودية",  # an adjective after the place noun
        "وقال مسؤول تركي آخر إن المحادثات مستمرة",  # تركي: Turkish, not the name Turki
    ],
)
def test_entities_given_names_in_another_sense_find_no_name(
    gazetteer: Gazetteer, text: str
) -> None:
    assert not [e for e in entities_of(text, gazetteer) if e.id is None]


def test_entities_spaces_on_both_sides_of_a_joining_hyphen(gazetteer: Gazetteer) -> None:
    found = entities_of("وقال الزعيم الكوري الشمالي كيم جونغ - أون إن", gazetteer)
    assert [(e.text, e.id) for e in found if e.type == "PER"] == [("كيم جونغ - أون", "kim-jong-un")]


def test_entities_a_title_listed_with_a_name_stays_outside_its_span(gazetteer: Gazetteer) -> None:
    found = entities_of("وأصبح الأمير وليام أول من يزور المنطقة", gazetteer)
    assert [(e.text, e.id) for e in found] == [("وليام", "prince-william")]


def test_entities_a_number_glued_to_a_name_ends_it(gazetteer: Gazetteer) -> None:
    found = entities_of('فرغم الرهان على مؤتمر "جنيف2" في حينه', gazetteer)
    assert [(e.text, e.id) for e in found] == [("جنيف", "city-geneva")]


@pytest.mark.parametrize(
    "text",
    [
        'حتى يعود الأمن إلى كل قرية وبلدة". صورة من اجتماع سابق',  # no place across a full stop
        'وقال الرئيس الأميركي: "سوف نرى" ثم غادر',  # speech after a colon is no name
        "عن إجراءات أمنية غير مسبوقة في العاصمة وإغلاق طرق رئيسية",  # و + a noun: a conjunction
        "وانتشرت عناصرها في العاصمة ونشرت حواجز",
    ],
)
def test_entities_no_context_name_across_a_sentence_end_or_after_a_glued_and(
    gazetteer: Gazetteer, text: str
) -> None:
    assert not [e for e in entities_of(text, gazetteer) if e.id is None]


def test_entities_a_foreign_w_after_a_place_noun_is_still_a_place(gazetteer: Gazetteer) -> None:
    found = entities_of("أصيب رجل في ولاية ويسكنسن الأمريكية في انفجار", gazetteer)
    assert ("ويسكنسن", "GPE") in [(e.text, e.type) for e in found]


def test_entities_none_inside_a_web_address(gazetteer: Gazetteer) -> None:
    text = "المصدر: https://www.aljazeera.net/news/2025/03/10/x وقالت قناة الجزيرة"
    found = entities_of(text, gazetteer)
    assert [(e.text, e.id) for e in found] == [("الجزيرة", "aljazeera")]


def test_entities_an_epithet_needs_its_country_named(gazetteer: Gazetteer) -> None:
    # whose regime? nothing of Syria is named: the epithet stays unresolved, not Assad
    text = "وقالت مصادر معارضة إن رأس النظام استقبل الوفد في القصر"
    assert not entities_of(text, gazetteer, published=DateValue("2021-09-14", "day", 1.0))
