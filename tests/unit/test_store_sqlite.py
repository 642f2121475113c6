"""The SQLite store: schema, round trips, duplicates, look-ups, failures, recurring lines."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from marsad.config import Settings
from marsad.errors import StoreError
from marsad.jobs import analyze_paths
from marsad.model import Article, Draft, Failure, Outlet, text_hash
from marsad.pipeline import process_draft
from marsad.store.sqlite import MIGRATIONS, Store


def _article(raw: str, **fields: Any) -> Article:
    """A processed article from ``raw``; ``fields`` override the plain-text draft's."""
    draft = Draft(
        id=text_hash(raw),
        source="in/a.txt",
        input_format="txt",
        raw_text=raw,
        headline_first=True,
        group_key="in",
    )
    return process_draft(dataclasses.replace(draft, **fields), Settings())


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_store_schema_version_after_open(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "marsad.db"
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
    with Store(path) as store:  # reopening does not migrate again
        assert store.schema_version == len(MIGRATIONS)
        assert store.count_articles() == 0


def test_store_schema_too_new_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert caught.value.code == "SCHEMA_TOO_NEW"
    assert caught.value.stage == "store"
    assert str(path) in str(caught.value)


def test_store_uses_wal_journal(store: Store) -> None:
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_articles_round_trip(store: Store) -> None:
    plain = _article(
        "الرئيسيةأخبار محلية\nافتتاح حديقة عامة جديدة\n"
        "افتتحت البلدية حديقة عامة جديدة في الحي الشمالي تضم ملاعب للأطفال.\n"
    )
    with_metadata = _article(
        "انعقدت القمة الاقتصادية في العاصمة بحضور وفود من عشرين دولة.",
        source="docs.trec#NEWS-0001",
        input_format="trec",
        headline_first=False,
        group_key="trec.example.com",
        title="انعقاد القمة الاقتصادية",
        url="https://trec.example.com/a/1",
        outlet=Outlet(id="trec.example.com", name="شبكة الأخبار"),
        published="2018-02-28T11:34:31+04:00",
        external_id="NEWS-0001",
    )
    originals = [plain, with_metadata]
    for article in originals:
        assert Article.from_dict(article.to_dict()) == article
    assert plain.removed[0].kind == "breadcrumb"

    assert store.add_articles(originals, []) == 2
    assert store.add_articles(originals, []) == 0  # ids already stored are skipped
    stored = list(store.articles())
    assert stored == originals
    assert list(store.articles(ids=[with_metadata.id])) == [with_metadata]
    row = store.connection.execute(
        "SELECT title, outlet_id, outlet_name, external_id, published FROM articles WHERE id = ?",
        (with_metadata.id,),
    ).fetchone()
    assert row == (
        "انعقاد القمة الاقتصادية",
        "trec.example.com",
        "شبكة الأخبار",
        "NEWS-0001",
        "2018-02-28T11:34:31+04:00",
    )


def test_store_duplicate_of_same_body_different_headlines(tmp_path: Path, store: Store) -> None:
    body = (
        "أعلنت وزارة المالية اليوم عن زيادة رواتب الموظفين بنسبة عشرة في المئة "
        "اعتباراً من الشهر المقبل."
    )
    _write(tmp_path / "first" / "a.txt", f"زيادة رواتب الموظفين\n{body}\n")
    _write(tmp_path / "second" / "b.txt", f"المالية ترفع الرواتب عشرة بالمئة\n{body}\n")
    summary = analyze_paths([str(tmp_path / "first"), str(tmp_path / "second")], store, Settings())
    assert (summary.stored, summary.duplicates) == (2, 1)
    first, second = store.articles()
    assert first.title == "زيادة رواتب الموظفين"
    assert second.title == "المالية ترفع الرواتب عشرة بالمئة"
    assert first.id != second.id
    assert first.content_hash == second.content_hash
    assert first.duplicate_of is None
    assert second.duplicate_of == first.id


def test_store_duplicate_of_across_batches_and_runs(tmp_path: Path, store: Store) -> None:
    body = "شهدت العاصمة ازدحاماً مرورياً كبيراً بسبب أعمال الصيانة في الطريق الدائري الجنوبي."
    _write(tmp_path / "one" / "a.txt", f"ازدحام في العاصمة\n{body}\n")
    _write(tmp_path / "one" / "b.txt", f"أعمال صيانة تربك السير\n{body}\n")
    _write(tmp_path / "two" / "c.txt", f"الطريق الدائري مغلق جزئياً\n{body}\n")
    analyze_paths([str(tmp_path / "one")], store, Settings(batch_size=1))
    later = analyze_paths([str(tmp_path / "two")], store, Settings())
    assert later.duplicates == 1
    first, second, third = store.articles()
    assert first.duplicate_of is None
    assert second.duplicate_of == first.id
    assert third.duplicate_of == first.id


def test_store_find_article_by_id_prefix_and_external_id(store: Store) -> None:
    base = _article(
        "انعقدت القمة الاقتصادية في العاصمة.",
        input_format="trec",
        headline_first=False,
        title="القمة",
        external_id="NEWS-0001",
    )
    other = _article("عنوان آخر\nنص خبر آخر مختلف تماماً.")
    twin = dataclasses.replace(other, id=other.id[:6] + "f" * 10)
    assert len({base.id[:6], other.id[:6]}) == 2 and twin.id != other.id
    store.add_articles([base, other, twin], [])

    assert store.find_article(base.id) == base
    assert store.find_article(base.id[:7]) == base
    assert store.find_article("NEWS-0001") == base
    assert store.find_article(other.id) == other
    assert store.find_article(twin.id) == twin
    assert store.find_article(other.id[:6]) is None  # ambiguous prefix
    assert store.find_article("NEWS-9999") is None
    assert store.find_article(base.id[:3] + "%") is None  # no LIKE wildcards
    assert store.find_article("_" * 16) is None


def test_store_failures_counted_once_per_source_stage_code(store: Store) -> None:
    failure = Failure("in/x.txt", "decode", "EMPTY_INPUT", "in/x.txt: the input is empty")
    other = Failure("in/y.txt", "read", "INPUT_NOT_FOUND", "in/y.txt: no such file or folder")
    store.add_failures([failure, other])
    store.add_failures([failure])
    rows = store.failures()
    assert [(row[0], row[1]) for row in rows] == [(failure, 2), (other, 1)]


# -- corpus-level recurring lines ---------------------------------------------

RECURRING = "تابع آخر المستجدات على موقعنا الرسمي"
RARE = "شاهد الصور في المعرض الكامل"
BODIES = [
    "ارتفعت أسعار الخضروات في الأسواق المركزية بنسبة ملحوظة خلال الأسبوع الجاري.",
    "أعلن المنتخب الوطني قائمة اللاعبين المشاركين في البطولة الإقليمية المقبلة.",
    "بدأت وزارة التربية توزيع الكتب المدرسية على المدارس استعداداً للعام الدراسي.",
    "شهدت العاصمة ازدحاماً مرورياً كبيراً بسبب أعمال الصيانة في الطريق الدائري.",
    "افتتح معرض للفنون التشكيلية يضم أعمال خمسين فناناً من مختلف المحافظات.",
    "أطلقت شركة الاتصالات خدمة جديدة للإنترنت السريع في المناطق الريفية.",
]


def test_store_recurring_line_removed_from_every_article(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "outlet"
    for index, body in enumerate(BODIES):
        rare = f"{RARE}\n" if index < 2 else ""
        _write(folder / f"art{index}.txt", f"عنوان الخبر رقم {index}\n{body}\n{rare}{RECURRING}\n")
    summary = analyze_paths([str(folder)], store, Settings())
    assert (summary.stored, summary.recleaned) == (6, 6)
    articles = list(store.articles())
    assert [article.title for article in articles] == [
        f"عنوان الخبر رقم {index}" for index in range(6)
    ]
    for index, article in enumerate(articles):
        assert RECURRING not in article.text
        assert [(r.kind, r.text) for r in article.removed] == [("recurring_line", RECURRING)]
        removal = article.removed[0]
        assert article.raw_text[removal.raw_start : removal.raw_end] == RECURRING
        expected = f"{BODIES[index]}\n{RARE}" if index < 2 else BODIES[index]
        assert article.text == expected
    assert store.recurring_lines(str(folder)) == frozenset({"تابع اخر المستجدات علي موقعنا الرسمي"})


def test_store_recurring_line_applies_to_later_articles(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "outlet"
    for index, body in enumerate(BODIES[:5]):
        _write(folder / f"art{index}.txt", f"عنوان الخبر رقم {index}\n{body}\n{RECURRING}\n")
    analyze_paths([str(folder)], store, Settings())
    _write(folder / "art5.txt", f"عنوان الخبر رقم 5\n{BODIES[5]}\n{RECURRING}\n")
    later = analyze_paths([str(folder / "art5.txt")], store, Settings())
    assert later.stored == 1
    newest = list(store.articles())[-1]
    assert newest.text == BODIES[5]
    assert [r.kind for r in newest.removed] == ["recurring_line"]


def test_store_version_1_database_upgrades_and_reextracts(tmp_path: Path) -> None:
    """A store written before dates existed opens, keeps its articles and gains dates."""
    from marsad.grouping import list_events
    from marsad.jobs import reextract_stored

    path = tmp_path / "old.db"
    raw = "اجتماع في موسكو\nالتقى الرئيسان في موسكو يوم 13 أيلول 2021 وبحثا التعاون.\n"
    article = _article(raw)
    old_payload = article.to_dict()
    for key in ("event_date", "dates", "cited_sources", "byline"):
        old_payload.pop(key)
    old_payload["schema_version"] = 1
    old_payload["published"] = "2021-09-14"
    connection = sqlite3.connect(path)
    connection.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    import json

    connection.execute(
        "INSERT INTO articles (id, source, input_format, content_hash, language, group_key, "
        "payload, stored_at, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.source,
            "txt",
            article.content_hash,
            "ar",
            "in",
            json.dumps(old_payload, ensure_ascii=False),
            "2026-01-01",
            "2021-09-14",
        ),
    )
    connection.commit()
    connection.close()
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        (loaded,) = store.articles()
        assert loaded.dates == ()
        assert loaded.published is not None and loaded.published.value == "2021-09-14"
        assert reextract_stored(store, Settings(today="2026-11-23")) == 1
        (updated,) = store.articles()
    assert updated.text == loaded.text
    assert updated.published is not None and updated.published.confidence == 1.0
    assert [mention.value for mention in updated.dates] == ["2021-09-13"]
    assert updated.event_date is not None and updated.event_date.value == "2021-09-13"
    with Store(path) as store:
        (event,) = list_events(store)
    assert [a.id for a in event.articles] == [article.id]
    assert event.date is not None and event.date.value == "2021-09-13"
