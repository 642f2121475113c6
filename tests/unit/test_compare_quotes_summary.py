"""Quotes merged across articles (``compare.quotes``) and the cited extractive summary
(``compare.summary``), on small articles run through the per-document pipeline."""

from __future__ import annotations

import itertools

import pytest
from article_factory import processed_article

from marsad.compare.framing import FramingMark, find_framing, load_lexicon
from marsad.compare.quotes import merge_quotes
from marsad.compare.sources import voices
from marsad.compare.summary import (
    NEAR_DUPLICATE,
    Candidate,
    candidates,
    lead_baseline,
    summarize,
)
from marsad.model import Article
from marsad.text.segment import sentence_bounds


def _article(
    raw: str,
    outlet: str | None = None,
    published: str | None = "2026-11-20",
    article_id: str | None = None,
) -> Article:
    return processed_article(raw, outlet, published, article_id)


def _cosine(first: dict[str, float], second: dict[str, float]) -> float:
    return sum(weight * second.get(key, 0.0) for key, weight in first.items())


# -- quotes ------------------------------------------------------------------------------


def test_one_statement_in_two_wordings_is_one_merged_quote() -> None:
    first = _article(
        "لافروف يتحدث عن التسوية في سوريا\n"
        "قال وزير الخارجية الروسي سيرغي لافروف إن "
        '"الحل السياسي في سوريا هو الطريق الوحيد لإنهاء الأزمة".\n',
        "a.example",
        "2026-11-20",
        "quote-a",
    )
    second = _article(
        "تصريحات روسية جديدة حول سوريا\n"
        'وأكد لافروف أن "الحل السياسي في سوريا هو السبيل الوحيد لإنهاء الأزمة" '
        "في مؤتمر صحفي عقده في موسكو.\n",
        "b.example",
        "2026-11-21",
        "quote-b",
    )
    merged = merge_quotes([second, first])
    assert len(merged) == 1
    quote = merged[0]
    assert quote.speaker is not None
    assert quote.speaker["id"] == "sergey-lavrov"
    # first reporter first
    assert [article_id for article_id, _ in quote.wordings] == ["quote-a", "quote-b"]

    shown = quote.to_dict(voices([first, second], {}))
    assert shown["wordings_differ"] is True
    assert shown["text"] == quote.wordings[0][1].text
    assert [item["article_id"] for item in shown["articles"]] == ["quote-a", "quote-b"]
    assert "الطريق الوحيد" in shown["articles"][0]["text"]
    assert "السبيل الوحيد" in shown["articles"][1]["text"]
    assert [outlet["outlet"] for outlet in shown["outlets"]] == ["a.example", "b.example"]
    for item, article in zip(shown["articles"], (first, second), strict=True):
        assert article.text[item["start"] : item["end"]] == item["text"]


def test_same_words_of_different_speakers_never_merge() -> None:
    words = '"الحل السياسي في سوريا هو الطريق الوحيد لإنهاء الأزمة".\n'
    russian = _article(
        "لافروف يتحدث عن التسوية في سوريا\nقال وزير الخارجية الروسي سيرغي لافروف إن " + words,
        "a.example",
        "2026-11-20",
        "speaker-a",
    )
    turkish = _article(
        "موقف تركي من التسوية في سوريا\nوقال وزير الخارجية التركي هاكان فيدان إن " + words,
        "b.example",
        "2026-11-20",
        "speaker-b",
    )
    merged = merge_quotes([russian, turkish])
    assert len(merged) == 2
    speakers = sorted(quote.speaker["id"] for quote in merged if quote.speaker)
    assert speakers == ["hakan-fidan", "sergey-lavrov"]
    heard = voices([russian, turkish], {})
    for quote in merged:
        assert len(quote.wordings) == 1
        assert quote.to_dict(heard)["wordings_differ"] is False


def test_identical_wording_does_not_differ() -> None:
    raw = (
        "لافروف يتحدث عن التسوية في سوريا\n"
        "قال وزير الخارجية الروسي سيرغي لافروف إن "
        '"الحل السياسي في سوريا هو الطريق الوحيد لإنهاء الأزمة".\n'
    )
    first = _article(raw, "a.example", "2026-11-20", "same-a")
    second = _article(raw, "a.example", "2026-11-21", "same-b")
    (quote,) = merge_quotes([first, second])
    shown = quote.to_dict(voices([first, second], {}))
    assert shown["wordings_differ"] is False
    assert len(shown["articles"]) == 2
    assert len(shown["outlets"]) == 1  # one outlet is one voice


# -- summary -----------------------------------------------------------------------------

_BRIDGE_A = """افتتاح جسر جديد على نهر دجلة في الموصل
افتتحت الحكومة العراقية صباح الثلاثاء جسرا جديدا يربط ضفتي نهر دجلة في مدينة الموصل.
ويبلغ طول الجسر نحو 400 متر، وقد استغرق بناؤه قرابة ثلاث سنوات.
وحضر حفل الافتتاح رئيس الوزراء وعدد من الوزراء والنواب وممثلي المنظمات الدولية.
وقال محافظ نينوى إن الجسر سيخفف الازدحام المروري في الجانب الأيمن من المدينة.
وكان الجسر القديم قد دمر خلال المعارك التي شهدتها المدينة قبل سنوات.
"""
_BRIDGE_B = """الموصل تحتفل بافتتاح جسرها الجديد
احتفل أهالي الموصل يوم الثلاثاء بافتتاح جسر جديد فوق نهر دجلة بعد سنوات من الانتظار.
وتجمع المئات على ضفتي النهر لمشاهدة مراسم الافتتاح والألعاب النارية.
وأوضح مهندسون عملوا في المشروع أن الجسر صمم لتحمل حركة الشاحنات الثقيلة.
وتأمل السلطات المحلية أن يساهم المشروع في إنعاش الأسواق التجارية القريبة من النهر.
"""
_BRIDGE_C = """جسر الموصل الجديد يدخل الخدمة
دخل جسر الموصل الجديد على نهر دجلة الخدمة رسميا يوم الثلاثاء بحضور رئيس الوزراء العراقي.
وبلغت كلفة المشروع نحو 60 مليون دولار بتمويل من الحكومة وصندوق إعادة الإعمار.
وأشار مسؤولون إلى أن ثلاثة جسور أخرى ستفتتح في المدينة خلال العام المقبل.
وانتقد ناشطون تأخر المشروع وارتفاع كلفته مقارنة بمشاريع مماثلة في بلدان الجوار.
"""


@pytest.fixture(scope="module")
def bridge() -> list[Article]:
    return [
        _article(_BRIDGE_A, "a.example", "2026-11-18T09:00:00+03:00", "bridge-a"),
        _article(_BRIDGE_B, "b.example", "2026-11-18T12:00:00+03:00", "bridge-b"),
        _article(_BRIDGE_C, "c.example", "2026-11-17T20:00:00+03:00", "bridge-c"),
    ]


def _marks(articles: list[Article]) -> list[FramingMark]:
    lexicon = load_lexicon()
    return [mark for article in articles for mark in find_framing(article, lexicon)]


def test_summary_is_short_cited_distinct_and_in_event_order(bridge: list[Article]) -> None:
    heard = voices(bridge, {})
    summary = summarize(bridge, _marks(bridge), heard)
    assert 3 <= len(summary) <= 6
    assert len(summary) == 5  # three voices: 2 + 3 sentences

    by_id = {article.id: article for article in bridge}
    pool: dict[tuple[str, int], Candidate] = {
        (c.article_id, c.start): c for article in bridge for c in candidates(article, [])
    }
    picked = []
    for sentence in summary:
        assert sentence.evidence, "every sentence cites at least one article"
        for article_id, start, end in sentence.evidence:
            assert (article_id, start) in pool
            assert by_id[article_id].text[start:end] == pool[(article_id, start)].text
        article_id, start, end = sentence.evidence[0]
        assert by_id[article_id].text[start:end] == sentence.text
        assert {v.key for v in sentence.voices} == {heard[a].key for a, _, _ in sentence.evidence}
        picked.append(pool[(article_id, start)])

    for first, second in itertools.combinations(picked, 2):
        assert _cosine(first.vector, second.vector) < NEAR_DUPLICATE

    published = {article.id: article.published.value for article in bridge if article.published}
    order = [(published[c.article_id], c.article_id, c.position) for c in picked]
    assert order == sorted(order)
    # the earliest article (bridge-c, the evening before) opens the summary
    assert picked[0].article_id == "bridge-c"
    assert picked[0].position == 0

    # a near-duplicate sentence of another outlet is cited, not repeated
    opening = summary[0].to_dict()
    assert {item["article_id"] for item in opening["articles"]} == {"bridge-c", "bridge-b"}
    assert len(opening["outlets"]) == 2


def test_summary_size_and_empty_input(bridge: list[Article]) -> None:
    heard = voices(bridge, {})
    assert len(summarize(bridge, [], heard, size=3)) == 3
    short = _article("خبر قصير عن الطقس\nأمطار غزيرة اليوم.\n", "a.example", article_id="short")
    assert summarize([short], [], voices([short], {})) == []


def test_loaded_sentence_loses_to_neutral_one_with_the_same_fact() -> None:
    # the same sentence, one with the opposition's «قوات النظام», one with the neutral
    # «القوات الحكومية»; the loaded article sorts first, so it wins every tie
    loaded = _article(
        "قصف على ريف إدلب الجنوبي\n"
        "قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم بعشرات القذائف.\n",
        "a.example",
        article_id="a-loaded",
    )
    neutral = _article(
        "قصف على ريف إدلب الجنوبي\n"
        "قصفت القوات الحكومية بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم بعشرات القذائف.\n",
        "b.example",
        article_id="b-neutral",
    )
    articles = [loaded, neutral]
    heard = voices(articles, {})
    marks = _marks(articles)
    assert [(m.article_id, m.entry.term, m.voice) for m in marks] == [
        ("a-loaded", "قوات النظام", "own")
    ]
    assert [c.loaded for c in candidates(loaded, marks)] == [True]
    assert [c.loaded for c in candidates(neutral, [])] == [False]

    # without the framing marks the two are equal and the first one is picked …
    assert summarize(articles, [], heard, size=1)[0].evidence[0][0] == "a-loaded"
    # … with them the neutral one carries the fact, citing both articles
    (picked,) = summarize(articles, marks, heard)
    assert picked.text == neutral.text.strip()
    assert [item[0] for item in picked.evidence] == ["b-neutral", "a-loaded"]


def test_lead_baseline_is_the_earliest_articles_first_three_sentences(
    bridge: list[Article],
) -> None:
    lead = lead_baseline(bridge)
    earliest = bridge[2]
    bounds = sentence_bounds(earliest.text)
    assert lead == [earliest.text[a:b] for a, b in bounds[:3]]
    assert lead[0].startswith("دخل جسر الموصل الجديد")
    assert lead[2].startswith("وأشار مسؤولون")
    assert lead_baseline(bridge, size=1) == lead[:1]
