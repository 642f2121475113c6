"""Export the store as flat tables for pandas, R or a spreadsheet: JSONL, CSV or Parquet.

One row per article, event, claim or quote; lists are joined with `` | `` in CSV and kept
as lists in JSONL and Parquet. Parquet needs pyarrow (``pip install 'marsad[parquet]'``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from marsad.compare.event import EventComparison
from marsad.config import Settings
from marsad.errors import ConfigError
from marsad.grouping import compare_stored_event, list_events
from marsad.store.sqlite import Store

ExportFormat = Literal["jsonl", "csv", "parquet"]
ExportWhat = Literal["articles", "events", "claims", "quotes"]


def _article_rows(store: Store) -> Iterator[dict[str, Any]]:
    memberships = store.memberships()
    for article in store.articles():
        yield {
            "id": article.id,
            "external_id": article.external_id,
            "source": article.source,
            "outlet_id": article.outlet.id if article.outlet else None,
            "outlet": article.outlet.name if article.outlet else None,
            "published": article.published.value if article.published else None,
            "event_date": article.event_date.value if article.event_date else None,
            "event_id": memberships.get(article.id),
            "title": article.title,
            "language": article.language,
            "duplicate_of": article.duplicate_of,
            "entities": sorted({e.id for e in article.entities if e.id}),
            "cited_sources": [
                s.entity.name_en if s.entity else s.text for s in article.cited_sources
            ],
            "text": article.text,
        }


def _event_rows(store: Store) -> Iterator[dict[str, Any]]:
    for event in list_events(store):
        yield {
            "id": event.id,
            "title": event.title,
            "date": event.date.value if event.date else None,
            "date_granularity": event.date.granularity if event.date else None,
            "date_confidence": event.date.confidence if event.date else None,
            "place": event.place.name_en if event.place else None,
            "participants": [p.id or p.name_ar for p in event.participants],
            "articles": [a.id for a in event.articles],
            "outlets": sorted({a.outlet.id for a in event.articles if a.outlet}),
            "aliases": list(event.aliases),
            "related": list(event.related),
        }


def _comparisons(store: Store, cfg: Settings) -> Iterator[EventComparison]:
    events = list_events(store)
    by_id = {event.id: event for event in events}
    for event in events:
        yield compare_stored_event(store, event.id, cfg, events=by_id)


def _claim_rows(store: Store, cfg: Settings) -> Iterator[dict[str, Any]]:
    for comparison in _comparisons(store, cfg):
        event = comparison.event
        for claim in comparison.claims:
            data = claim.to_dict()
            yield {
                "event_id": event.id,
                "text": data["text"],
                "kind": data["kind"],
                "basis": data["basis"],
                "values": [f"{v['value']} {v['unit']}" for v in data["values"]],
                "outlets": [o["name"] for o in data["outlets"]],
                "disputed_by": [o["name"] for o in data["disputed_by"]],
                "cited_sources": sorted({source["name_ar"] for source in data["cited_sources"]}),
                "articles": [a["article_id"] for a in data["articles"]],
            }


def _quote_rows(store: Store, cfg: Settings) -> Iterator[dict[str, Any]]:
    for comparison in _comparisons(store, cfg):
        event = comparison.event
        for quote in comparison.quotes:
            data = quote.to_dict(comparison.voices)
            speaker = data["speaker"] or {}
            yield {
                "event_id": event.id,
                "speaker_id": speaker.get("id"),
                "speaker": speaker.get("name_ar") or speaker.get("anonymous"),
                "text": data["text"],
                "outlets": [o["name"] for o in data["outlets"]],
                "articles": [a["article_id"] for a in data["articles"]],
                "wordings_differ": data["wordings_differ"],
            }


def export_rows(store: Store, cfg: Settings, what: ExportWhat) -> list[dict[str, Any]]:
    """The rows of one table."""
    if what == "articles":
        return list(_article_rows(store))
    if what == "events":
        return list(_event_rows(store))
    if what == "claims":
        return list(_claim_rows(store, cfg))
    return list(_quote_rows(store, cfg))


def _cell(value: Any) -> Any:
    return " | ".join(map(str, value)) if isinstance(value, list) else value


def write_rows(rows: list[dict[str, Any]], out: Path, fmt: ExportFormat) -> None:
    """Write rows as JSONL, CSV (lists joined with `` | ``, UTF-8 with BOM so spreadsheets
    read Arabic) or Parquet."""
    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        fields = list(rows[0]) if rows else []
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {
                        k: " | ".join(map(str, v)) if isinstance(v, list) else v
                        for k, v in row.items()
                    }
                )
    else:
        try:
            import pyarrow as pa  # optional extra
            import pyarrow.parquet as pq
        except ImportError as error:
            raise ConfigError(
                "Parquet export needs pyarrow: pip install 'marsad[parquet]'"
            ) from error
        pq.write_table(pa.Table.from_pylist(rows), out)
