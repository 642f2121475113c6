"""Cross-source comparison: copies and voices (``compare.sources``) and claims aligned across
articles (``compare.claims``), on small articles run through the per-document pipeline."""

from __future__ import annotations

from article_factory import processed_article

from marsad.compare.claims import Claim, align_claims
from marsad.compare.sources import Voice, copies, source_rows, voices
from marsad.model import Article

_article = processed_article


def _claims(*articles: Article) -> tuple[list[Claim], list[dict[str, object]]]:
    return align_claims(articles, voices(articles, {}))


def _figures(claims: list[Claim]) -> list[Claim]:
    return [claim for claim in claims if claim.basis == "figure"]


def _statements(claims: list[Claim]) -> list[Claim]:
    return [claim for claim in claims if claim.basis == "statement"]


# -- sources: copies and voices --------------------------------------------------------

_BOOK_FAIR = (
    "افتتاح معرض الكتاب الدولي في العاصمة\n"
    "افتتح وزير الثقافة صباح اليوم الدورة الجديدة لمعرض الكتاب الدولي بمشاركة مئات دور النشر "
    "العربية والأجنبية.\n"
    "ويستمر المعرض عشرة أيام ويضم ندوات فكرية وأمسيات شعرية وورشا للأطفال.\n"
)


def test_near_duplicate_later_copies_earlier_and_shares_its_voice() -> None:
    early = _article(_BOOK_FAIR, "first.example", "2026-11-18", "dup-early")
    late = _article(
        _BOOK_FAIR + "وتشارك في المعرض دور نشر من عشرين دولة.\n",
        "second.example",
        "2026-11-19",
        "dup-late",
    )
    # the group lists the later one first: order in the group must not matter
    copy_of = copies([late, early], [["dup-late", "dup-early"]], [])
    assert copy_of == {"dup-late": "dup-early"}

    heard = voices([early, late], copy_of)
    assert heard["dup-late"] == heard["dup-early"]
    assert heard["dup-late"].outlet_id == "first.example"
    assert not heard["dup-late"].unknown
    assert len({voice.key for voice in heard.values()}) == 1

    rows = source_rows([late, early], copy_of, {})
    assert [row["article_id"] for row in rows] == ["dup-early", "dup-late"]
    assert rows[0]["copy_of"] is None
    assert rows[1]["copy_of"] == "dup-early"
    assert rows[1]["outlet"] == {"id": "second.example", "name": "second.example"}


def test_near_duplicate_order_honours_utc_offsets() -> None:
    riyadh = _article(_BOOK_FAIR, "riyadh.example", "2026-11-18T09:00:00+03:00", "tz-riyadh")
    london = _article(
        _BOOK_FAIR + "وتشارك في المعرض دور نشر من عشرين دولة.\n",
        "london.example",
        "2026-11-18T07:00:00+00:00",
        "tz-london",
    )
    # 06:00 UTC is before 07:00 UTC: the London article is the copy
    assert copies([riyadh, london], [["tz-riyadh", "tz-london"]], []) == {"tz-london": "tz-riyadh"}


def test_passage_reuse_first_decides_who_copies() -> None:
    one = _article(_BOOK_FAIR, "one.example", "2026-11-18", "reuse-one")
    two = _article(_BOOK_FAIR, "two.example", "2026-11-18", "reuse-two")
    row = {"a": "reuse-one", "b": "reuse-two", "paragraphs": [[0, 0]]}

    copy_of = copies([one, two], [], [{**row, "first": "reuse-two"}])
    assert copy_of == {"reuse-one": "reuse-two"}
    heard = voices([one, two], copy_of)
    assert heard["reuse-one"].outlet_id == "two.example"
    assert heard["reuse-two"].outlet_id == "two.example"

    copy_of = copies([one, two], [], [{**row, "first": "reuse-one"}])
    assert copy_of == {"reuse-two": "reuse-one"}
    assert voices([one, two], copy_of)["reuse-two"].outlet_id == "one.example"

    # the dates do not tell who was first: nobody copies, two voices
    assert copies([one, two], [], [{**row, "first": None}]) == {}
    assert len({v.key for v in voices([one, two], {}).values()}) == 2


def test_articles_of_unknown_outlet_are_separate_flagged_voices() -> None:
    first = _article(_BOOK_FAIR, None, "2026-11-18", "anon-1")
    second = _article(
        _BOOK_FAIR + "وتشارك في المعرض دور نشر من عشرين دولة.\n", None, "2026-11-18", "anon-2"
    )
    heard = voices([first, second], {})
    assert heard["anon-1"] != heard["anon-2"]
    assert heard["anon-1"].unknown and heard["anon-2"].unknown
    shown = heard["anon-1"].to_dict()
    assert shown["unknown_outlet"] is True
    assert shown["outlet"] is None
    assert shown["name"].startswith("unknown outlet")


def test_articles_of_one_outlet_are_one_voice() -> None:
    morning = _article(_BOOK_FAIR, "same.example", "2026-11-18", "same-1")
    evening = _article(
        "ختام اليوم الأول لمعرض الكتاب الدولي\n"
        "شهد اليوم الأول لمعرض الكتاب الدولي إقبالا كبيرا من الزوار والطلاب والباحثين.\n",
        "same.example",
        "2026-11-18",
        "same-2",
    )
    heard = voices([morning, evening], {})
    assert (
        heard["same-1"] == heard["same-2"] == Voice("same.example", "same.example", "same.example")
    )


# -- claims: figures ---------------------------------------------------------------------

_BLAST_A = (
    "انفجار في سوق المدينة\n"
    "سقط 12 قتيلا في انفجار سيارة مفخخة وسط سوق المدينة صباح اليوم.\n"
    "وأغلقت قوات الأمن الطرق المؤدية إلى السوق.\n"
)
_BLAST_B = (
    "تفجير دام يضرب سوق المدينة\n"
    "سقط 12 قتيلا في انفجار سيارة مفخخة وسط سوق المدينة بحسب وكالة رويترز.\n"
    "وهرعت سيارات الإسعاف إلى المكان.\n"
)


def test_same_figure_in_two_outlets_is_one_corroborated_claim() -> None:
    a = _article(_BLAST_A, "a.example", "2026-11-20", "blast-a")
    b = _article(_BLAST_B, "b.example", "2026-11-20", "blast-b")
    claims, _ = _claims(a, b)
    killed = [claim for claim in _figures(claims) if claim.values[0]["value"] == 12]
    assert len(killed) == 1
    claim = killed[0]
    assert claim.kind == "corroborated"
    assert claim.values[0]["unit"] == "count"
    assert {item.article_id for item in claim.evidence} == {"blast-a", "blast-b"}
    for item in claim.evidence:
        article = a if item.article_id == "blast-a" else b
        assert article.text[item.start : item.end] == item.text == "12 قتيلا"
        assert item.text in item.sentence
    assert [voice.outlet_id for voice in claim.voices] == ["a.example", "b.example"]
    # corroborated claims come before single ones
    assert claims.index(claim) < min(
        (index for index, claim in enumerate(claims) if claim.kind == "single"),
        default=len(claims),
    )


_SIGNING_A = (
    "الرئيسان يوقعان اتفاقات في العاصمة\n"
    "وقع الرئيسان في ختام المحادثات ثلاث مذكرات تفاهم في مجالات الطاقة والنقل والزراعة.\n"
)
_SIGNING_B = (
    "المتحدث: لا وثائق موقعة\n"
    "وخلافاً لما أوردته وكالة الأنباء الرسمية عن توقيع ثلاث مذكرات تفاهم، قال المتحدث باسم "
    "الرئاسة إن الجانبين لم يوقعا أي وثائق.\n"
)


def test_a_figure_one_outlet_reports_only_to_contradict_is_disputed() -> None:
    a = _article(_SIGNING_A, "a.example", "2026-11-20", "sign-a")
    b = _article(_SIGNING_B, "b.example", "2026-11-20", "sign-b")
    claims, _ = _claims(a, b)
    (memoranda,) = [claim for claim in _figures(claims) if claim.values[0]["value"] == 3]
    assert memoranda.kind == "disputed"
    assert [voice.outlet_id for voice in memoranda.voices] == ["a.example"]
    assert [voice.outlet_id for voice in memoranda.disputed_by] == ["b.example"]
    shown = memoranda.to_dict()
    assert [item["disputes"] for item in shown["articles"]] == [False, True]
    assert shown["disputed_by"][0]["outlet"] == "b.example"
    # disputed claims come before corroborated and single ones
    assert claims.index(memoranda) == 0


def test_a_denial_in_a_relative_clause_or_after_the_figure_disputes_nothing() -> None:
    from marsad.compare.claims import disputes

    assert disputes("وخلافاً لما أوردته الوكالة عن توقيع ")
    assert not disputes("وحصل المرشح الذي نفى هذه الاتهامات بشكل قاطع، على ")
    assert not disputes("وقتل في الهجوم ")  # the words before the figure only


def test_cited_agency_in_the_figure_sentence_is_credited_to_its_article() -> None:
    a = _article(_BLAST_A, "a.example", "2026-11-20", "blast-a")
    b = _article(_BLAST_B, "b.example", "2026-11-20", "blast-b")
    claims, _ = _claims(a, b)
    claim = next(c for c in _figures(claims) if c.values[0]["value"] == 12)
    reuters = [source for source in claim.cited_sources if source["id"] == "reuters"]
    assert reuters == [
        {
            "id": "reuters",
            "name_ar": "رويترز",
            "name_en": "Reuters",
            "kind": "agency",
            "article_id": "blast-b",
        }
    ]
    assert all(source["article_id"] == "blast-b" for source in claim.cited_sources)
    assert claim.to_dict()["cited_sources"][0]["article_id"] == "blast-b"


def test_different_counts_of_one_quantity_from_two_outlets_conflict() -> None:
    a = _article(_BLAST_A, "a.example", "2026-11-20", "blast-a")
    b = _article(
        "تفجير دام يضرب سوق المدينة\n"
        "سقط 15 قتيلا في انفجار سيارة مفخخة وسط سوق المدينة صباح الأحد.\n",
        "b.example",
        "2026-11-20",
        "blast-b",
    )
    claims, _ = _claims(a, b)
    conflicts = [claim for claim in _figures(claims) if claim.kind == "conflict"]
    assert len(conflicts) == 1
    conflict = conflicts[0]
    # conflicts are listed first
    assert claims.index(conflict) < min(
        (index for index, claim in enumerate(claims) if claim.kind != "conflict"),
        default=len(claims),
    )
    assert sorted((v["value"], v["article_id"]) for v in conflict.values) == [
        (12, "blast-a"),
        (15, "blast-b"),
    ]
    assert {item.article_id for item in conflict.evidence} == {"blast-a", "blast-b"}
    assert {voice.outlet_id for voice in conflict.voices} == {"a.example", "b.example"}
    # the conflicting figures are not also listed as single claims
    assert not [c for c in _figures(claims) if c.kind != "conflict"]


def test_conflict_needs_two_voices() -> None:
    a = _article(_BLAST_A, "a.example", "2026-11-20", "blast-a")
    b = _article(
        "تفجير دام يضرب سوق المدينة\n"
        "سقط 15 قتيلا في انفجار سيارة مفخخة وسط سوق المدينة صباح الأحد.\n",
        "a.example",
        "2026-11-20",
        "blast-b",
    )
    claims, _ = _claims(a, b)
    assert not [claim for claim in _figures(claims) if claim.kind == "conflict"]
    assert sorted(c.values[0]["value"] for c in _figures(claims)) == [12, 15]


def test_counts_of_people_conflict() -> None:
    a = _article(
        "انفجار في سوق المدينة\nقتل 12 شخصا في انفجار سيارة مفخخة وسط سوق المدينة صباح اليوم.\n",
        "a.example",
        "2026-11-20",
        "people-a",
    )
    b = _article(
        "تفجير دام يضرب سوق المدينة\n"
        "قتل 15 شخصا في انفجار سيارة مفخخة وسط سوق المدينة صباح الأحد.\n",
        "b.example",
        "2026-11-20",
        "people-b",
    )
    claims, _ = _claims(a, b)
    assert [claim.kind for claim in claims if claim.basis == "figure"] == ["conflict"]


def test_uncounted_numbers_never_conflict() -> None:
    a = _article(
        "حصيلة انفجار سوق المدينة\nوارتفعت الحصيلة إلى 12 في انفجار سوق المدينة المركزي.\n",
        "a.example",
        "2026-11-20",
        "bare-a",
    )
    b = _article(
        "حصيلة جديدة لانفجار السوق\nوارتفعت الحصيلة إلى 15 في انفجار سوق المدينة المركزي.\n",
        "b.example",
        "2026-11-20",
        "bare-b",
    )
    assert [fact.measure for fact in (*a.facts, *b.facts)] == [None, None]
    claims, _ = _claims(a, b)
    figures = _figures(claims)
    assert sorted(claim.values[0]["value"] for claim in figures) == [12, 15]
    assert all(claim.kind == "single" for claim in figures)


def test_sum_of_durations_is_a_consistency_check() -> None:
    a = _article(
        "مباحثات مطولة في القصر الرئاسي\n"
        "واستمر الاجتماع المغلق 90 دقيقة ثم عقد لقاء موسع لمدة 45 دقيقة.\n",
        "a.example",
        "2026-11-20",
        "talks-a",
    )
    b = _article(
        "قمة ثنائية في القصر الرئاسي\nودامت المحادثات بين الجانبين حوالي ساعتين وربع الساعة.\n",
        "b.example",
        "2026-11-20",
        "talks-b",
    )
    claims, checks = _claims(a, b)
    assert len(checks) == 1
    check = checks[0]
    assert check["consistent"] is True
    assert check["total"]["value"] == 135
    assert check["total"]["unit"] == "minute"
    assert check["total"]["article_id"] == "talks-b"
    assert "ساعتين وربع الساعة" in check["total"]["text"]
    assert sorted(part["value"] for part in check["parts"]) == [45, 90]
    assert {part["article_id"] for part in check["parts"]} == {"talks-a"}
    # three different durations: no conflict among them
    assert sorted(c.values[0]["value"] for c in _figures(claims)) == [45, 90, 135]
    assert all(claim.kind == "single" for claim in _figures(claims))


def test_no_check_when_no_sum_matches() -> None:
    a = _article(
        "مباحثات مطولة في القصر الرئاسي\n"
        "واستمر الاجتماع المغلق 90 دقيقة ثم عقد لقاء موسع لمدة 45 دقيقة.\n",
        "a.example",
        "2026-11-20",
        "talks-a",
    )
    b = _article(
        "قمة ثنائية في القصر الرئاسي\nودامت المحادثات بين الجانبين نحو أربع ساعات.\n",
        "b.example",
        "2026-11-20",
        "talks-b",
    )
    assert _claims(a, b)[1] == []


# -- claims: statements ------------------------------------------------------------------

_TALKS_A = (
    "لقاء روسي سوري في موسكو\n"
    "بحث الجانبان تطورات مسار آستانة، وإعادة تأهيل شبكة الكهرباء السورية، إضافة إلى ملف "
    "اللاجئين العائدين.\n"
)
_TALKS_B = (
    "محادثات روسية سورية في الكرملين\n"
    "وتناول اللقاء مستجدات مسار أستانة وإعادة تأهيل الشبكة الكهربائية السورية والاقتصاد.\n"
)


def test_discussed_items_are_split_and_aligned_across_spellings() -> None:
    a = _article(_TALKS_A, "a.example", "2026-11-20", "talks-a")
    b = _article(_TALKS_B, "b.example", "2026-11-20", "talks-b")
    statements = _statements(_claims(a, b)[0])

    def find(words: str) -> Claim:
        return next(c for c in statements if any(words in e.text for e in c.evidence))

    astana = find("مسار آستانة")
    assert astana.kind == "corroborated"
    assert sorted(e.article_id for e in astana.evidence) == ["talks-a", "talks-b"]
    assert any("مسار أستانة" in e.text for e in astana.evidence)

    power = find("شبكة الكهرباء")
    assert power is not astana
    assert power.kind == "corroborated"
    assert sorted(e.text for e in power.evidence) == [
        "إعادة تأهيل الشبكة الكهربائية السورية",
        "إعادة تأهيل شبكة الكهرباء السورية",
    ]
    assert len(power.voices) == 2

    refugees = find("اللاجئين")
    assert refugees.kind == "single"
    assert [e.text for e in refugees.evidence] == ["ملف اللاجئين العائدين"]

    # every item is a stretch of its article, inside its sentence
    for claim in statements:
        for item in claim.evidence:
            article = a if item.article_id == "talks-a" else b
            assert article.text[item.start : item.end] == item.text
            assert item.text in item.sentence
    # the single-word topic «والاقتصاد» is no claim
    assert not [c for c in statements if any("الاقتصاد" in e.text for e in c.evidence)]
    assert len(statements) == 3


def test_single_word_topics_are_not_claims() -> None:
    a = _article(
        "لقاء ثنائي في العاصمة\nوجرى خلال اللقاء بحث الاقتصاد، والأمن، والطاقة، والتعليم.\n",
        "a.example",
        "2026-11-20",
        "topics-a",
    )
    b = _article(
        "مباحثات ثنائية في العاصمة\nودارت المحادثات حول الاقتصاد والأمن والطاقة.\n",
        "b.example",
        "2026-11-20",
        "topics-b",
    )
    claims, checks = _claims(a, b)
    assert _statements(claims) == []
    assert _figures(claims) == []
    assert checks == []


def test_subject_after_the_cue_is_not_part_of_an_item() -> None:
    a = _article(
        "لقاء ثنائي في العاصمة\nوبحث الجانبان الاقتصاد والأمن والطاقة.\n",
        "a.example",
        "2026-11-20",
        "subject-a",
    )
    assert _statements(_claims(a)[0]) == []
    b = _article(_TALKS_A, "b.example", "2026-11-20", "subject-b")
    texts = [claim.text for claim in _statements(_claims(b)[0])]
    assert "تطورات مسار آستانة" in texts


# -- where the event happened ---------------------------------------------------------------


def _places(claims: list[Claim]) -> list[Claim]:
    return [claim for claim in claims if claim.basis == "place"]


def test_two_outlets_naming_different_cities_for_a_meeting_conflict() -> None:
    a = _article(
        "قمة روسية تركية\nعقد الرئيسان اجتماعا مطولا في مدينة سوتشي الروسية يوم الأحد.\n",
        "a.example",
        "2026-11-20",
        "summit-a",
    )
    b = _article(
        "قمة روسية تركية\nعقد الرئيسان اجتماعا مطولا في موسكو يوم الأحد.\n",
        "b.example",
        "2026-11-20",
        "summit-b",
    )
    (claim,) = _places(_claims(a, b)[0])
    assert claim.kind == "conflict"
    assert sorted((v["value"], v["article_id"]) for v in claim.values) == [
        ("city-moscow", "summit-b"),
        ("city-sochi", "summit-a"),
    ]
    assert {item.text for item in claim.evidence} == {"سوتشي", "موسكو"}
    assert all("اجتماعا" in item.sentence for item in claim.evidence)


def test_a_place_inside_another_agrees_and_datelines_and_descriptions_do_not_count() -> None:
    a = _article(
        "غارات على الغوطة\nقتل خمسة مدنيين في غارات جوية على بلدة في مدينة دوما صباح اليوم.\n",
        "a.example",
        "2026-11-20",
        "raid-a",
    )
    b = _article(
        "غارات على الغوطة\nدمشق (CNN) -- قتل خمسة مدنيين في غارات جوية في ريف دمشق صباح اليوم.\n",
        "b.example",
        "2026-11-20",
        "raid-b",
    )
    c = _article(
        "غارات على الغوطة\nقال السفير السوري في واشنطن إن الغارات لم تستهدف المدنيين.\n",
        "c.example",
        "2026-11-20",
        "raid-c",
    )
    (claim,) = _places(_claims(a, b, c)[0])
    assert claim.kind == "corroborated"
    assert sorted(v["value"] for v in claim.values) == ["city-douma", "gov-sy-rif-dimashq"]
    assert {item.article_id for item in claim.evidence} == {"raid-a", "raid-b"}
