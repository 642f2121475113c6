"""Framing evidence (``compare.framing``): lexicon terms in articles, in whose voice, and the
per-outlet table, with the shipped lexicon and with a user's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from article_factory import processed_article

from marsad.compare.framing import (
    CONTEXT,
    FramingMark,
    Term,
    find_framing,
    load_lexicon,
    outlet_framing,
)
from marsad.compare.sources import voices
from marsad.model import Article


def _article(
    raw: str,
    outlet: str | None = None,
    published: str | None = "2026-11-20",
    article_id: str | None = None,
) -> Article:
    return processed_article(raw, outlet, published, article_id)


@pytest.fixture(scope="module")
def lexicon() -> tuple[Term, ...]:
    return load_lexicon()


def _marks(article: Article, lexicon: tuple[Term, ...]) -> list[FramingMark]:
    marks = find_framing(article, lexicon)
    for mark in marks:
        assert article.text[mark.start : mark.end] == mark.text
        assert mark.article_id == article.id
        assert mark.text in mark.sentence
    return marks


def _by_term(marks: list[FramingMark]) -> dict[str, FramingMark]:
    return {mark.entry.term: mark for mark in marks}


def test_voices_own_quoted_reported_and_attributed(lexicon: tuple[Term, ...]) -> None:
    article = _article(
        "معارك عنيفة في ريف إدلب الجنوبي\n"
        "قصفت قوات النظام بلدة كفرنبل في ريف إدلب صباح اليوم.\n"
        'وقال الرئيس الأسد: "إن الإرهابيين سيهزمون قريبا".\n'
        "وأكدت مصادر محلية أن الثوار تقدموا في ريف حماة الشمالي.\n"
        'ووصفت وسائل الإعلام الرسمية المقاتلين بـ"المسلحين" على حد تعبيرها.\n',
        "x.example",
    )
    marks = _by_term(_marks(article, lexicon))

    own = marks["قوات النظام"]
    assert (own.voice, own.speaker) == ("own", None)
    assert own.entry.side == "opposition"
    assert own.entry.category == "syrian_army"

    quoted = marks["الإرهابيين"]
    assert quoted.voice == "quoted"
    assert quoted.speaker is not None
    assert quoted.speaker["id"] == "bashar-al-assad"
    assert quoted.entry.side == "government"

    # reported speech is the outlet's paraphrase: its words are the outlet's own
    reported = marks["الثوار"]
    assert (reported.voice, reported.speaker) == ("own", None)
    assert any(q.kind == "indirect" for q in article.quotes)

    attributed = marks["المسلحين"]
    assert (attributed.voice, attributed.speaker) == ("attributed", None)

    # «الرئيس الأسد» outside the quotation marks is the outlet's own word
    assert marks["الرئيس الأسد"].voice == "own"
    assert marks["الرئيس الأسد"].to_dict()["voice"] == "own"
    assert quoted.to_dict()["speaker"]["id"] == "bashar-al-assad"


def test_quoted_word_without_distancing_phrase_is_own(lexicon: tuple[Term, ...]) -> None:
    article = _article(
        "معارك عنيفة في ريف إدلب الجنوبي\n"
        'واتهمت الحكومة من وصفتهم بـ"الإرهابيين" بقصف الأحياء السكنية في المدينة.\n',
        "x.example",
    )
    marks = _marks(article, lexicon)
    assert [(m.entry.term, m.voice) for m in marks] == [("الإرهابيين", "own")]


def test_context_terms_and_longest_phrase(lexicon: tuple[Term, ...]) -> None:
    article = _article(
        "تقدم ميداني في ريف إدلب\n"
        "أعلنت هيئة تحرير الشام السيطرة على قرية جديدة في ريف إدلب.\n"
        "وبتحرير القرية تقترب الفصائل من المدينة.\n"
        "وتحدث الوزير عن أطماع للاحتلال في المنطقة.\n",
        "x.example",
    )
    marks = _marks(article, lexicon)
    terms = [(mark.text, mark.entry.term, mark.entry.side) for mark in marks]

    # the longest listed phrase wins: تحرير inside the name is no mark of its own
    hts = next(mark for mark in marks if mark.entry.term == "هيئة تحرير الشام")
    assert hts.text == "هيئة تحرير الشام"
    assert hts.entry.side == CONTEXT
    assert not [m for m in marks if m.entry.term == "تحرير" and hts.start <= m.start < hts.end]

    control = next(mark for mark in marks if mark.entry.term == "السيطرة")
    assert control.entry.side == CONTEXT

    # clitics: و+ب before تحرير, the contracted لل before الاحتلال
    liberation = [m for m in marks if m.entry.term == "تحرير"]
    assert len(liberation) == 1
    assert liberation[0].text == "تحرير"
    assert article.text[liberation[0].start - 2 : liberation[0].end] == "وبتحرير"
    assert liberation[0].entry.side == "sympathetic"

    occupation = [m for m in marks if m.entry.term == "الاحتلال"]
    assert len(occupation) == 1
    assert occupation[0].text.endswith("احتلال")
    assert "للاحتلال" in article.text[occupation[0].start - 2 : occupation[0].end]
    assert occupation[0].entry.side == "resistance"

    assert len(terms) == 4


def test_no_marks_inside_words_or_with_empty_lexicon(lexicon: tuple[Term, ...]) -> None:
    article = _article(
        "افتتاح مكتبة عامة في المدينة\n"
        "عمل رئيس التحرير على تحريرات الكتاب الجديد قبل صدوره في المعرض.\n",
        "x.example",
    )
    assert [mark.entry.side for mark in _marks(article, lexicon)] == [CONTEXT]
    assert find_framing(article, ()) == []


def test_outlet_framing_counts_per_voice(lexicon: tuple[Term, ...]) -> None:
    first = _article(
        "قصف على ريف إدلب الجنوبي\n"
        "قصفت قوات النظام بلدة كفرنبل صباح اليوم.\n"
        "ثم عادت قوات النظام لقصف بلدة حاس المجاورة.\n",
        "one.example",
        article_id="frame-1",
    )
    second = _article(
        "غارات على ريف إدلب الجنوبي\n"
        "وجددت قوات النظام قصف بلدة معرة حرمة مساء اليوم.\n"
        'وقال الرئيس الأسد: "إن الإرهابيين سيهزمون قريبا".\n',
        "one.example",
        article_id="frame-2",
    )
    third = _article(
        "الجيش يتقدم في ريف إدلب\n"
        "دخل الجيش العربي السوري بلدات في ريف إدلب الجنوبي بعد معارك مع المسلحين.\n",
        "two.example",
        article_id="frame-3",
    )
    articles = [first, second, third]
    marks = [mark for article in articles for mark in _marks(article, lexicon)]
    rows = {row["voice_key"]: row for row in outlet_framing(marks, voices(articles, {}))}
    assert set(rows) == {"one.example", "two.example"}

    one = rows["one.example"]
    assert one["outlet"] == {
        "outlet": "one.example",
        "name": "one.example",
        "unknown_outlet": False,
    }
    counts = {(t["term"], t["voice"]): t["count"] for t in one["terms"]}
    assert counts[("قوات النظام", "own")] == 3
    assert counts[("الإرهابيين", "quoted")] == 1
    regime = next(t for t in one["terms"] if t["term"] == "قوات النظام")
    assert regime["side"] == "opposition"
    assert [span["article_id"] for span in regime["spans"]] == ["frame-1", "frame-1", "frame-2"]
    # own-voice terms are listed before quoted ones
    voices_in_order = [t["voice"] for t in one["terms"]]
    assert voices_in_order == sorted(voices_in_order, key=lambda voice: voice != "own")

    two = {(t["term"], t["voice"]): t["count"] for t in rows["two.example"]["terms"]}
    assert two == {("الجيش العربي السوري", "own"): 1, ("المسلحين", "own"): 1}


def test_user_lexicon_replaces_the_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "my_framing.tsv"
    path.write_text(
        "# my own lexicon\n"
        "\n"
        "الانقطاع المبرمج\tpower\tgovernment\tpower cuts\tofficial wording\n"
        "التقنين\tpower\topposition\tpower cuts\t\n"
        "الكهرباء\tpower\tcontext\telectricity\t\n",
        encoding="utf-8",
    )
    mine = load_lexicon(path)
    assert [entry.term for entry in mine] == ["الانقطاع المبرمج", "التقنين", "الكهرباء"]
    assert mine[0] == Term(
        "الانقطاع المبرمج", "power", "government", "power cuts", "official wording"
    )
    assert mine[1].note == ""

    article = _article(
        "أزمة الكهرباء في الصيف\n"
        "أعلنت وزارة الكهرباء جدولا جديدا للانقطاع المبرمج بعد اشتداد التقنين في الأحياء.\n"
        "وقالت إن قوات النظام لا علاقة لها بالأزمة.\n",
        "x.example",
    )
    marks = _marks(article, mine)
    assert [(m.entry.term, m.entry.side) for m in marks] == [
        ("الكهرباء", CONTEXT),
        ("الانقطاع المبرمج", "government"),
        ("التقنين", "opposition"),
    ]
    # the shipped terms are gone
    assert "قوات النظام" in {mark.entry.term for mark in _marks(article, load_lexicon())}


def test_conjoined_quoted_words_before_distancing_are_attributed(
    lexicon: tuple[Term, ...],
) -> None:
    article = _article(
        "تقرير عن المعارك في الشمال\n"
        'ويطلق الإعلام الرسمي على المقاتلين "الإرهابيين" و"المسلحين" على حد تعبيرهم.\n',
        "x.example",
    )
    assert [m.voice for m in _marks(article, lexicon)] == ["attributed", "attributed"]


def test_contracted_lil_before_a_term_without_al(lexicon: tuple[Term, ...]) -> None:
    article = _article(
        "تشييع حاشد في البلدة\n"
        "وأقيمت جنازة للشهيد في ساحة البلدة بعد صلاة الظهر، ودعا الخطيب للتحرير الكامل.\n",
        "x.example",
    )
    found = [(mark.entry.term, mark.text) for mark in _marks(article, lexicon)]
    assert ("شهيد", "شهيد") in found
    assert ("تحرير", "تحرير") in found
