"""``analyze`` with worker processes stores exactly what it stores in one process."""

from __future__ import annotations

import random
from pathlib import Path

from marsad.config import Settings
from marsad.jobs import analyze_paths
from marsad.store.sqlite import Store

_WORDS = [
    "الرئيس",
    "الوزير",
    "الحكومة",
    "البرلمان",
    "اجتماع",
    "زيارة",
    "موسكو",
    "دمشق",
    "القاهرة",
    "بيروت",
    "الاتفاق",
    "الجيش",
    "المعارضة",
    "الانتخابات",
    "الأمم",
    "المتحدة",
    "مجلس",
    "الأمن",
    "وزير",
    "الخارجية",
    "الروسي",
    "السوري",
    "المصري",
    "أعلن",
    "قال",
    "أكد",
    "أضاف",
    "التقى",
    "بحث",
    "ناقش",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
]


def _corpus(folder: Path, count: int) -> Path:
    """``count`` small articles, a copy of one and an undecodable file."""
    rng = random.Random(7)
    folder.mkdir()
    for number in range(count):
        headline = " ".join(rng.choices(_WORDS, k=6))
        paragraphs = [" ".join(rng.choices(_WORDS, k=25)) + "." for _ in range(3)]
        text = "\n".join([headline, *paragraphs]) + "\n"
        (folder / f"{number:03}.txt").write_text(text, encoding="utf-8")
    # the same body with another line ending: another id, the same content (a duplicate)
    (folder / "copy.txt").write_bytes((folder / "005.txt").read_bytes() + b"\n\n")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8 not text \x81\x8d")
    return folder


def _stored(store: Store) -> list[dict[str, object]]:
    return sorted((article.to_dict() for article in store.articles()), key=lambda a: str(a["id"]))


def test_workers_store_the_same_articles_and_failures(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 90)  # above the batch size that uses the pool
    results = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            cfg = Settings(today="2026-11-24", workers=workers)
            summary = analyze_paths([str(corpus)], store, cfg)
            failures = sorted((f.source, f.code) for f, _, _ in store.failures())
            results.append((summary.stored, summary.duplicates, _stored(store), failures))
    assert results[0][0] == 91 and results[0][1] == 1
    assert [code for _, code in results[0][3]] == ["BINARY_INPUT"]
    assert results[0] == results[1]
