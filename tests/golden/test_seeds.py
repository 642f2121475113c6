"""Acceptance on the five real scraped articles in ../shared/seeds (issue 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.jobs import analyze_paths
from marsad.model import Article
from marsad.store.sqlite import Store

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (../shared is absent)"
)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(db) as store:
        summary = analyze_paths([str(SEEDS)], store, Settings())
    assert summary.stored == 5
    assert not summary.failures
    return db


@pytest.fixture(scope="module")
def seed_articles(seeds_db: Path) -> dict[str, Article]:
    with Store(seeds_db) as store:
        return {Path(article.source).name[:3]: article for article in store.articles()}


def _first_line(name: str) -> str:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return next(
        line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    )


def test_seeds_five_arabic_articles_titled_by_headline(seed_articles: dict[str, Article]) -> None:
    assert sorted(seed_articles) == ["000", "001", "002", "003", "004"]
    assert {article.language for article in seed_articles.values()} == {"ar"}
    for name in ("000", "001", "003", "004"):
        assert seed_articles[name].title == _first_line(name)


def test_seeds_breadcrumb_is_removed_and_next_line_is_headline(
    seed_articles: dict[str, Article],
) -> None:
    article = seed_articles["002"]
    assert article.title == "ماذا في زيارة الرئيس الأسد إلى موسكو؟"
    assert [r.text for r in article.removed if r.kind == "breadcrumb"] == ["العناوين الرئيسيةسورية"]
    assert "العناوين الرئيسية" not in article.text


def test_seeds_repeated_lead_appears_once(seed_articles: dict[str, Article]) -> None:
    text = seed_articles["000"].text
    assert text.count("كشفت مصادر روسية، يوم أمس الأربعاء 15 أيلول") == 1
    assert text.count("قبل يومين.") == 1
    kinds = [r.kind for r in seed_articles["000"].removed]
    assert kinds.count("repeated_paragraph") == 2


BOILERPLATE = (
    "2٬314",
    "اقرأ أيضاً",
    "اشترك في",
    "اترك تعليق",
    "ملفات تعريف الارتباط",
    "سياسة الخصوصية",
    "مدى بوست – فريق التحرير",
    "تعليقات فيسبوك",
    "الوسوم",
    "لن يتم نشر عنوان بريدك",
    "مقالات ذات صلة",
    "زر الذهاب إلى الأعلى",
    "إغلاق",
    "Adblock",
    "أجواء برس",
    "مجموعة من الإعلام العربي المحترف",
    "Read Previous",
    "Read Next",
    "أوروبا تطالب اليونان",
    "مديرة الاستخبارات الأميركية",
    "Leave a Reply",
    "Most Popular",
)


@pytest.mark.parametrize("phrase", BOILERPLATE)
def test_seeds_boilerplate_does_not_survive(seed_articles: dict[str, Article], phrase: str) -> None:
    for article in seed_articles.values():
        assert phrase not in article.text, f"{phrase!r} survives in {article.source}"
    assert any(phrase in r.text for a in seed_articles.values() for r in a.removed)


def test_seeds_evasion_spellings_repaired(seed_articles: dict[str, Article]) -> None:
    text = seed_articles["001"].text
    assert text.count("إطلاق النار") == 2
    for word in ("حربية", "القتالية", "عسكري", "أوامر"):
        assert word in text
    assert "ـ." not in text and ".ـ" not in text and "أوامـر" not in text
    assert {r.kind for r in seed_articles["001"].removed} >= {"evasion_mark", "tatweel"}


def test_seeds_real_dots_dashes_and_tatweel_survive(seed_articles: dict[str, Article]) -> None:
    assert "3.5 مرات" in seed_articles["004"].text
    assert "بوتين ـ الأسد" in seed_articles["003"].text
    assert "(الـ80)" in seed_articles["003"].text
    assert "لـ RT" in seed_articles["003"].text
    assert "المصدر: RT" in seed_articles["003"].text


def test_seeds_caption_kept_and_marked(seed_articles: dict[str, Article]) -> None:
    article = seed_articles["001"]
    assert [span.text for span in article.captions] == [
        "صورة من لقاء سابق بين بشار الأسد ووزير الدفاع الروسي سيرغي شويغو"
    ]
    for span in article.captions:
        assert article.text[span.start : span.end] == span.text


def test_seeds_removed_text_points_into_raw(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        for removal in article.removed:
            assert article.raw_text[removal.raw_start : removal.raw_end] == removal.text


def test_seeds_second_run_stores_nothing(seeds_db: Path) -> None:
    with Store(seeds_db) as store:
        summary = analyze_paths([str(SEEDS)], store, Settings())
        assert store.count_articles() == 5
    assert summary.stored == 0
    assert summary.already_stored == 5
