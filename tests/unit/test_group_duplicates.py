"""Near-duplicate articles (MinHash over word shingles) and passages reused across outlets."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.group.duplicates import (
    MIN_BODY_CHARS,
    NUM_PERM,
    SHINGLE_WORDS,
    DuplicatePair,
    Fingerprint,
    Paragraph,
    Thresholds,
    candidate_pairs,
    duplicate_groups,
    find_duplicate_pairs,
    find_passage_reuse,
    fingerprint_articles,
    judge_pair,
    paragraphs_of,
    shingles_of,
)
from marsad.text.normalize import normalize

# A ~420-word agency story (headline line, then eight paragraphs), a paragraph an outlet
# might add to it, and a different story on the same topic.
HEADLINE = "افتتاح محطة جديدة لتحلية مياه البحر في مدينة الساحل"
OTHER_HEADLINE = "المحافظ يدشن محطة لتحلية المياه تخدم نصف مليون نسمة"
PARAGRAPHS = [
    "افتتح محافظ المنطقة الساحلية صباح اليوم محطة جديدة لتحلية مياه البحر شمال المدينة، "
    "بطاقة إنتاجية تصل إلى مئة وعشرين ألف متر مكعب يوميا، في خطوة تهدف إلى إنهاء أزمة العطش "
    "التي عانى منها السكان خلال الصيفين الماضيين. وحضر حفل الافتتاح عدد من المسؤولين المحليين "
    "وممثلو الشركة المنفذة وحشد من أهالي الأحياء المجاورة الذين رفعوا لافتات ترحيب.",
    "وقال المحافظ في كلمة ألقاها أمام الحضور إن المشروع استغرق ثلاث سنوات من العمل المتواصل، "
    "وإن كلفته الإجمالية بلغت نحو مئتي مليون دولار تقاسمتها الحكومة مع صندوق تنموي إقليمي. "
    "وأضاف أن المحطة ستغطي حاجة ما يقارب نصف مليون نسمة، وأن المرحلة الثانية ستبدأ مطلع العام "
    "المقبل لمد أنابيب إضافية نحو القرى الجبلية البعيدة.",
    "من جهته، أوضح مدير الشركة المنفذة أن المحطة تعتمد تقنية التناضح العكسي، وأنها مزودة بألواح "
    "شمسية تؤمن قرابة ثلث الطاقة اللازمة لتشغيلها، ما يخفض التكاليف ويقلل الانبعاثات. وأشار إلى "
    "أن فريقا من المهندسين الشباب تلقى تدريبا مكثفا في الخارج لإدارة المنشأة وصيانتها، مؤكدا أن "
    "نسبة العمالة المحلية في المشروع تجاوزت ثمانين بالمئة.",
    "وعبر عدد من السكان عن ارتياحهم لافتتاح المحطة، إذ قالت ربة منزل من حي الميناء إنها كانت "
    "تشتري صهاريج المياه بأسعار مرتفعة كل أسبوع، وإن الانقطاعات الطويلة أرهقت ميزانية أسرتها. "
    "فيما طالب صاحب مطعم صغير بتحسين شبكة التوزيع القديمة التي تتسرب منها كميات كبيرة قبل "
    "وصولها إلى المنازل والمحال التجارية.",
    "ويرى خبراء في شؤون المياه أن المشروع يمثل حلا مؤقتا لا يغني عن إصلاح شامل لإدارة الموارد، "
    "محذرين من أن استنزاف الآبار الجوفية وتراجع معدلات الأمطار يهددان الأمن المائي للمنطقة "
    "بأكملها. ودعا أستاذ في كلية الهندسة إلى إطلاق حملات توعية لترشيد الاستهلاك، وإلى فرض تعرفة "
    "متدرجة تشجع الأسر على تقليل الهدر.",
    "وتأتي هذه الخطوة ضمن خطة وطنية أعلنتها وزارة الموارد المائية قبل عامين، وتشمل بناء خمس "
    "محطات مماثلة على امتداد الشريط الساحلي بحلول نهاية العقد. وتقول الوزارة إن المحطة الثانية "
    "قيد الإنشاء حاليا قرب الحدود الجنوبية، وإن العمل فيها يسير وفق الجدول الزمني المحدد رغم "
    "الصعوبات التي فرضها ارتفاع أسعار المواد.",
    "وفي ختام الحفل، جال المحافظ برفقة الصحفيين على أقسام المحطة، واطلع على غرف التحكم وخزانات "
    "التجميع الضخمة، قبل أن يفتتح معرضا للصور يوثق مراحل البناء منذ وضع حجر الأساس. ووعد بزيارة "
    "ميدانية أخرى بعد ستة أشهر لتقييم أداء المنشأة والاستماع إلى ملاحظات المواطنين حول جودة "
    "المياه وانتظام وصولها.",
    "وعلى صعيد متصل، أعلنت إدارة المحطة عن فتح باب التوظيف أمام خريجي المعاهد التقنية في المحافظة، "
    "على أن تجرى المقابلات خلال الشهر القادم في مقر الإدارة الجديد. وأكدت أن الأولوية ستمنح لأبناء "
    "البلدات القريبة من الموقع، وأن برنامجا تدريبيا مدته أربعة أشهر سيسبق تسلم المتقدمين المقبولين "
    "مهامهم الفعلية.",
]
ADDED = (
    "وكانت بلديات الساحل قد شهدت الصيف الماضي احتجاجات متفرقة بسبب انقطاع المياه لأيام متتالية، "
    "أغلق خلالها محتجون طرقا رئيسية بالإطارات المشتعلة مطالبين بحلول عاجلة من السلطات المركزية."
)
SAME_TOPIC = [
    "محطة التحلية الجديدة تدخل الخدمة وسط آمال بانتهاء أزمة الشح",
    "دخلت محطة تحلية مياه البحر الواقعة شمال مدينة الساحل حيز التشغيل رسميا، بعد حفل حضره "
    "المحافظ وعدد من المسؤولين. وتنتج المحطة، بحسب بيان رسمي، ما يزيد على مئة ألف متر مكعب في "
    "اليوم، وهي كمية يقول المسؤولون إنها كافية لتلبية احتياجات معظم سكان المدينة خلال أشهر الذروة.",
    "وبلغت تكلفة المنشأة مئتي مليون دولار، ساهم صندوق إقليمي في تمويل جزء منها، فيما تكفلت الخزينة "
    "العامة بالباقي. واستخدم المهندسون في تصميمها أغشية حديثة لفصل الأملاح، إلى جانب منظومة طاقة "
    "شمسية تغذي جانبا من المضخات.",
    "ولم يخف بعض المواطنين تشككهم، إذ يقول موظف متقاعد يسكن الحي القديم إن وعودا مشابهة أطلقت "
    "مرارا دون أن يتغير شيء في صنابير البيوت. ويضيف أن المشكلة الحقيقية تكمن في الشبكة المهترئة "
    "وفي سوء توزيع الحصص بين الأحياء الغنية والفقيرة.",
    "أما الباحثون في مجال البيئة فيحذرون من أثر المياه شديدة الملوحة التي تعيدها المحطات إلى البحر "
    "على الثروة السمكية والشعاب القريبة، ويطالبون بدراسات مستقلة ترصد التغيرات في المنطقة البحرية "
    "المحيطة. وتؤكد الوزارة المختصة أنها تراقب جودة المياه المصرفة بصورة دورية وفق المعايير "
    "الدولية.",
]


def _story(*lines: str) -> str:
    return normalize("\n".join(lines))


STORY = _story(HEADLINE, *PARAGRAPHS)


def _pairs(bodies: dict[str, str]) -> list[DuplicatePair]:
    return find_duplicate_pairs(fingerprint_articles(list(bodies.items())), [])


# -- shingles and fingerprints ----------------------------------------------------------


def test_shingles_of_short_text_is_the_whole_text_or_nothing() -> None:
    assert shingles_of("") == set()
    assert shingles_of("  ،  ") == set()
    assert shingles_of("وزير") == {"وزير"}
    assert shingles_of("وزير الخارجية،") == {"وزير الخارجيه"}  # by match key


def test_shingles_of_long_text_are_overlapping_word_runs() -> None:
    assert SHINGLE_WORDS == 3
    assert shingles_of("بحث الوزير مع نظيره في دمشق، سبل التعاون.") == {
        "بحث الوزير مع",
        "الوزير مع نظيره",
        "مع نظيره في",
        "نظيره في دمشق",
        "في دمشق سبل",
        "دمشق سبل التعاون",
    }
    # by match key: hamza forms, diacritics and punctuation do not count
    assert shingles_of("قال إنَّ الوزيرَ، وصل") == shingles_of("قال ان الوزير وصل")
    # a repeated run counts once
    assert shingles_of("قال انه قال انه قال انه") == {"قال انه قال", "انه قال انه"}


def test_fingerprint_articles_leaves_out_short_bodies() -> None:
    long_body = _story(PARAGRAPHS[0], PARAGRAPHS[1])
    short_body = "حقوق النشر محفوظة لموقع الساحل الإخباري. " * 4
    assert len(short_body) < MIN_BODY_CHARS <= len(long_body)
    found = fingerprint_articles([("short", short_body), ("long", long_body), ("empty", "")])
    assert [item.article_id for item in found] == ["long"]
    [fingerprint] = found
    assert fingerprint.signature.shape == (NUM_PERM,)
    assert fingerprint.signature.dtype == np.uint32
    assert fingerprint.shingles == len(shingles_of(long_body))
    assert fingerprint_articles([("short", short_body)]) == []
    assert fingerprint_articles([]) == []


def test_fingerprint_of_a_text_does_not_depend_on_its_company() -> None:
    alone = fingerprint_articles([("a", STORY)])[0]
    together = fingerprint_articles([("c", _story(*SAME_TOPIC)), ("a", STORY)])[1]
    assert np.array_equal(alone.signature, together.signature)


# -- near-duplicate pairs ---------------------------------------------------------------


def test_copy_with_new_headline_and_added_paragraph_is_a_duplicate() -> None:
    copy = _story(OTHER_HEADLINE, *PARAGRAPHS[:3], ADDED, *PARAGRAPHS[3:])
    assert 380 <= len(STORY.split()) <= 460
    [pair] = _pairs({"wire": STORY, "outlet": copy})
    assert (pair.a, pair.b) == ("outlet", "wire")
    assert pair.similarity >= 0.8


def test_copy_with_only_the_headline_changed_is_a_duplicate() -> None:
    copy = _story(OTHER_HEADLINE, *PARAGRAPHS)
    [pair] = _pairs({"a": STORY, "b": copy})
    assert pair.similarity >= 0.9


def test_different_stories_on_the_same_topic_are_not_duplicates() -> None:
    other = _story(*SAME_TOPIC)
    assert len(other) >= MIN_BODY_CHARS
    assert _pairs({"a": STORY, "b": other}) == []


def test_short_text_inside_a_long_one_is_not_a_duplicate() -> None:
    inside = _story(*PARAGRAPHS[:2])  # about a quarter of the story
    assert len(inside.split()) < 0.3 * len(STORY.split())
    assert _pairs({"long": STORY, "short": inside}) == []


def test_most_of_a_text_inside_it_is_a_duplicate() -> None:
    most = _story(HEADLINE, *PARAGRAPHS[:6])  # about 80 % of the story
    assert 0.7 < len(most.split()) / len(STORY.split()) < 0.85
    [pair] = _pairs({"long": STORY, "most": most})
    assert (pair.a, pair.b) == ("long", "most")
    assert pair.similarity >= 0.6


def _fingerprint(article_id: str, equal: int, shingles: int) -> Fingerprint:
    """A signature agreeing with ``_BASE`` on its first ``equal`` rows."""
    signature = _BASE.copy()
    signature[equal:] += np.uint32(1)
    return Fingerprint(article_id, signature, shingles)


_BASE = np.arange(NUM_PERM, dtype=np.uint32)


@pytest.mark.parametrize(
    ("equal", "shorter", "longer", "expected"),
    [
        (84, 100, 100, 0.35),  # Jaccard over 0.34 whatever the lengths
        (84, 10, 100, 0.35),
        (72, 100, 200, 0.3),  # shorter half as long, ~69 % of it inside the longer
        (72, 90, 200, None),  # shorter under half as long: containment is not asked
        (60, 100, 200, None),  # ~60 % contained: too little
        (0, 100, 100, None),
    ],
)
def test_judge_pair_jaccard_or_containment(
    equal: int, shorter: int, longer: int, expected: float | None
) -> None:
    base = Fingerprint("base", _BASE, longer)
    other = _fingerprint("other", equal, shorter)
    result = judge_pair(base, other, Thresholds())
    assert result == (pytest.approx(expected) if expected is not None else None)
    assert judge_pair(other, base, Thresholds()) == result


def test_candidate_pairs_only_involve_new_fingerprints() -> None:
    first, second, third = fingerprint_articles([("x", STORY), ("y", STORY), ("z", STORY)])
    # identical signatures share every band; stored-with-stored is never proposed
    assert candidate_pairs([first], [second, third]) == {(0, 1), (0, 2)}
    assert candidate_pairs([first, second], [third]) == {(0, 1), (0, 2), (1, 2)}
    assert candidate_pairs([], [second, third]) == set()
    assert candidate_pairs([], []) == set()


def test_candidate_pairs_skip_unrelated_texts() -> None:
    fingerprints = fingerprint_articles([("a", STORY), ("b", _story(*SAME_TOPIC))])
    assert candidate_pairs(fingerprints, []) == set()


def test_find_duplicate_pairs_against_stored_fingerprints() -> None:
    stored = fingerprint_articles([("old-1", STORY), ("old-2", STORY)])
    new = fingerprint_articles([("new", _story(OTHER_HEADLINE, *PARAGRAPHS))])
    found = find_duplicate_pairs(new, stored)
    assert [(pair.a, pair.b) for pair in found] == [("new", "old-1"), ("new", "old-2")]
    assert find_duplicate_pairs([], stored) == []


def test_find_duplicate_pairs_respects_thresholds() -> None:
    new = fingerprint_articles([("a", STORY), ("b", _story(*PARAGRAPHS[:6]))])
    assert len(find_duplicate_pairs(new, [])) == 1
    strict = Thresholds(jaccard=0.95, containment=1.01)
    assert find_duplicate_pairs(new, [], thresholds=strict) == []


def test_duplicate_groups_join_transitively_and_sort() -> None:
    pairs = [("d", "e"), ("c", "b"), ("b", "a"), ("x", "z"), ("y", "z")]
    assert duplicate_groups(pairs) == [["a", "b", "c"], ["d", "e"], ["x", "y", "z"]]
    assert duplicate_groups([("b", "a"), ("c", "d"), ("d", "a")]) == [["a", "b", "c", "d"]]
    assert duplicate_groups([]) == []


# -- passage reuse ----------------------------------------------------------------------


def test_paragraphs_of_keeps_long_paragraphs_with_their_index() -> None:
    text = "\n".join(["دمشق - الساحل", PARAGRAPHS[0], "", SAME_TOPIC[1]])
    found = paragraphs_of("a", text)
    assert [p.index for p in found] == [1, 3]
    assert all(p.article_id == "a" for p in found)
    # the same paragraph with other punctuation and diacritics hashes alike
    twin = paragraphs_of("b", PARAGRAPHS[0].replace("،", " ,").replace("محطة", "مَحطة"))
    assert twin[0].key_hash == found[0].key_hash
    assert found[0].key_hash != found[1].key_hash


def _reuse_paragraphs() -> list[Paragraph]:
    wire = "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]])
    outlet = "\n".join([SAME_TOPIC[1], PARAGRAPHS[2], SAME_TOPIC[2], PARAGRAPHS[0]])
    return paragraphs_of("wire", wire) + paragraphs_of("outlet", outlet)


def test_find_passage_reuse_reports_shared_paragraphs_and_who_was_first() -> None:
    outlets = {"wire": "agency", "outlet": "daily"}
    published = {"wire": "2023-03-14", "outlet": "2023-03-15T08:00:00"}
    [reuse] = find_passage_reuse(_reuse_paragraphs(), outlets, published)
    assert (reuse.a, reuse.b) == ("outlet", "wire")
    # (index in a, index in b), sorted
    assert reuse.paragraphs == ((1, 2), (3, 0))
    assert reuse.first == "wire"
    assert reuse.to_dict() == {
        "a": "outlet",
        "b": "wire",
        "paragraphs": [[1, 2], [3, 0]],
        "first": "wire",
    }
    published = {"wire": "2023-03-16", "outlet": "2023-03-15"}
    assert find_passage_reuse(_reuse_paragraphs(), outlets, published)[0].first == "outlet"


def test_find_passage_reuse_ignores_same_outlet_and_unknown_outlet() -> None:
    published = {"wire": "2023-03-14", "outlet": "2023-03-15"}
    same = {"wire": "daily", "outlet": "daily"}
    assert find_passage_reuse(_reuse_paragraphs(), same, published) == []
    unknown: dict[str, str | None] = {"wire": None, "outlet": "daily"}
    assert find_passage_reuse(_reuse_paragraphs(), unknown, published) == []
    assert find_passage_reuse(_reuse_paragraphs(), {"outlet": "daily"}, published) == []


@pytest.mark.parametrize(
    "published",
    [
        {"wire": "2023-03-14", "outlet": "2023-03-14"},  # the same day
        {"wire": "2023-03-14"},  # one date unknown
        {"wire": None, "outlet": "2023-03-14"},
        {"wire": "XXXX-WXX-2", "outlet": "2023-03-14"},  # not a day
    ],
)
def test_find_passage_reuse_first_unknown_when_dates_do_not_tell(
    published: dict[str, str | None],
) -> None:
    outlets = {"wire": "agency", "outlet": "daily"}
    [reuse] = find_passage_reuse(_reuse_paragraphs(), outlets, published)
    assert reuse.first is None


def test_find_passage_reuse_pairs_every_outlet_sharing_a_paragraph() -> None:
    paragraphs = [
        *paragraphs_of("a", PARAGRAPHS[4]),
        *paragraphs_of("b", PARAGRAPHS[4]),
        *paragraphs_of("c", PARAGRAPHS[4]),
        *paragraphs_of("d", PARAGRAPHS[5]),
    ]
    outlets = {"a": "one", "b": "two", "c": "three", "d": "four"}
    found = find_passage_reuse(paragraphs, outlets, {})
    assert [(r.a, r.b, r.paragraphs) for r in found] == [
        ("a", "b", ((0, 0),)),
        ("a", "c", ((0, 0),)),
        ("b", "c", ((0, 0),)),
    ]


def test_find_passage_reuse_first_respects_utc_offsets() -> None:
    outlets = {"wire": "agency", "outlet": "daily"}
    published = {"wire": "2023-03-14T10:00:00+03:00", "outlet": "2023-03-14T08:00:00+00:00"}
    [reuse] = find_passage_reuse(_reuse_paragraphs(), outlets, published)
    assert reuse.first == "wire"
