"""Per-article extraction benchmark on ANT articles, in two parts timed apart:

* **dates, outlet, byline and cited sources** (the ``extract_dates`` and
  ``extract_outlet_and_sources`` stages): target median ≤ 2 ms per article;
* **entities, quotes and numeric facts** (the ``extract_entities`` stage): target
  ≥ 200 articles/s, i.e. total time over the articles.

The first ``--limit`` articles of the ANT corpus v2.1 are read and cleaned first (not
timed); then, pinned to one CPU, each article goes through the stages, timed one article
at a time with ``time.perf_counter``. The gazetteer, the automaton and the compiled
patterns are loaded before the clock starts (a run loads them once). Run from the
repository root::

    .venv/bin/python benchmarks/extract.py [--limit 5000] [--out benchmarks/out]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

from ingest import ANT_ARCHIVE, machine_info, pin_to_one_cpu, source_digest
from marsad.config import Settings
from marsad.extract.gazetteer import load_gazetteer
from marsad.ingest.records import read_trec
from marsad.model import Article, Draft
from marsad.pipeline import (
    extract_dates,
    extract_entities,
    extract_outlet_and_sources,
    process_draft,
)

TARGET_MEDIAN_MS = 2.0
TARGET_ENTITIES_PER_S = 200


def load_articles(limit: int, cfg: Settings) -> list[tuple[Article, Draft]]:
    """The first ``limit`` ANT articles, cleaned, with their drafts (for metadata)."""
    pairs: list[tuple[Article, Draft]] = []
    with tarfile.open(ANT_ARCHIVE, mode="r|gz") as archive:
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            text = handle.read().decode("utf-8", errors="replace")
            for draft in read_trec(text, source=member.name, group_key="ant"):
                if isinstance(draft, Draft):
                    pairs.append((process_draft(draft, cfg), draft))
            if len(pairs) >= limit:
                break
    return pairs[:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)
    if not ANT_ARCHIVE.exists():
        print(f"ANT archive not found at {ANT_ARCHIVE}", file=sys.stderr)
        return 2
    cfg = Settings(today="2026-11-23")
    pairs = load_articles(args.limit, cfg)
    cpu = pin_to_one_cpu()
    load_gazetteer(cfg.outlets_file)
    extract_entities(pairs[0][0], cfg)  # builds the automaton and patterns once
    timings: list[float] = []
    entity_timings: list[float] = []
    for article, draft in pairs:
        bare = dataclasses.replace(article, dates=(), cited_sources=(), event_date=None)
        started = time.perf_counter()
        dated = extract_dates(bare, cfg, metadata_published=draft.published)
        sourced = extract_outlet_and_sources(dated, cfg, metadata_byline=draft.byline)
        middle = time.perf_counter()
        extract_entities(sourced, cfg)
        ended = time.perf_counter()
        timings.append((middle - started) * 1000)
        entity_timings.append((ended - middle) * 1000)
    timings.sort()
    entity_timings.sort()
    entity_rate = len(entity_timings) / (sum(entity_timings) / 1000)
    result = {
        "articles": len(timings),
        "median_ms": round(statistics.median(timings), 3),
        "mean_ms": round(statistics.fmean(timings), 3),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 3),
        "max_ms": round(timings[-1], 3),
        "target_median_ms": TARGET_MEDIAN_MS,
        "entities_quotes_facts": {
            "articles_per_s": round(entity_rate, 1),
            "median_ms": round(statistics.median(entity_timings), 3),
            "p95_ms": round(entity_timings[int(0.95 * (len(entity_timings) - 1))], 3),
            "target_articles_per_s": TARGET_ENTITIES_PER_S,
        },
        "cpu": cpu,
        "date": datetime.now(UTC).isoformat(timespec="minutes"),
        "source_digest": source_digest(),
        "machine": machine_info(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "extract.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    verdict = "PASS" if result["median_ms"] <= TARGET_MEDIAN_MS else "MISS"
    print(
        f"| {result['articles']:,} ANT articles | median {result['median_ms']} ms | "
        f"mean {result['mean_ms']} ms | p95 {result['p95_ms']} ms | max {result['max_ms']} ms |"
    )
    print(f"target median ≤ {TARGET_MEDIAN_MS} ms per article: {verdict}")
    entities = result["entities_quotes_facts"]
    entity_verdict = "PASS" if entity_rate >= TARGET_ENTITIES_PER_S else "MISS"
    print(
        f"entities, quotes, facts: {entities['articles_per_s']} articles/s "
        f"(median {entities['median_ms']} ms, p95 {entities['p95_ms']} ms); "
        f"target ≥ {TARGET_ENTITIES_PER_S}/s: {entity_verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
