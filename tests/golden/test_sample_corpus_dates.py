"""Event dates of the shipped sample corpus against the dates its description gives.

examples/corpus.md states each event's date (E4 runs over three days);
examples/corpus-labels.jsonl says which event each article reports. An article's
event date must be that date, or, when only a weekday can be known, that weekday.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.jobs import analyze_paths
from marsad.model import Article
from marsad.store.sqlite import Store

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
LABELS = CORPUS.parent / "corpus-labels.jsonl"
EVENT_DAYS = {
    "E1": ["2025-03-10"],
    "E2": ["2025-07-14"],
    "E3": ["2025-04-02"],
    "E4": ["2025-05-05", "2025-05-06", "2025-05-07"],
    "E5": ["2025-06-20"],
    "E6": ["2025-09-18"],
    "E7": ["2025-08-12"],
    "E8": ["2025-02-24"],
}


def _label_key(article: Article) -> tuple[str, int]:
    relative = Path(article.source.partition("#")[0]).resolve().relative_to(CORPUS.resolve())
    item = article.source.partition("#")[2]
    index = int(item[1:]) - 1 if item.startswith("L") else int(item or 0)
    return relative.as_posix(), index


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Article, str]]:
    labels = {
        (row["file"], row["item"]): row["event"]
        for row in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines())
    }
    with Store(tmp_path_factory.mktemp("sample") / "sample.db") as store:
        analyze_paths([str(CORPUS)], store, Settings(today="2026-11-23"))
        articles = list(store.articles())
    assert len(articles) == len(labels)
    return [(article, labels[_label_key(article)]) for article in articles]


def _fits(value: str, days: list[str]) -> bool:
    if value.startswith("XXXX-WXX-"):
        return any(date.fromisoformat(day).isoweekday() == int(value[-1]) for day in days)
    return value in days


def test_sample_corpus_event_dates(labelled: list[tuple[Article, str]]) -> None:
    reported = [(article, event) for article, event in labelled if event != "OTHER"]
    wrong = [
        (article.source, event, article.event_date.value if article.event_date else None)
        for article, event in reported
        if article.event_date is None or not _fits(article.event_date.value, EVENT_DAYS[event])
    ]
    assert wrong == []
    assert len(reported) == 29
