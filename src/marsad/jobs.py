"""Jobs that tie readers, stages and the store together (what the CLI commands run)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, BinaryIO

from marsad.config import Settings
from marsad.errors import InputError, MarsadError
from marsad.grouping import GroupSummary, cluster_params, group_articles, rebuild_events
from marsad.ingest.dispatch import read_inputs
from marsad.model import Article, Draft, Failure
from marsad.pipeline import (
    extract_dates,
    extract_entities,
    extract_outlet_and_sources,
    metadata_published,
    process_draft,
)
from marsad.store.sqlite import Store
from marsad.text.boilerplate import line_key

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class AnalyzeSummary:
    """What one ``analyze`` run did."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    duplicates: int = 0
    recleaned: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    grouping: GroupSummary = field(default_factory=GroupSummary)
    stored_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "stored": self.stored,
            "already_stored": self.already_stored,
            "duplicates": self.duplicates,
            "recleaned": self.recleaned,
            "failures": dict(sorted(self.failures.items())),
            "grouping": self.grouping.to_dict(),
        }


def short_line_keys(article: Article, max_words: int) -> set[str]:
    """Keys of the article's short lines: the candidates for outlet boilerplate."""
    keys = set()
    for line in article.text.split("\n"):
        key = line_key(line)
        if key and key.count(" ") < max_words:
            keys.add(key)
    return keys


def _batches(items: Iterable[Draft | Failure], size: int) -> Iterator[list[Draft | Failure]]:
    batch: list[Draft | Failure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _process(draft: Draft, cfg: Settings, recurring: frozenset[str]) -> Article | Failure:
    try:
        return process_draft(draft, cfg, recurring=recurring)
    except MarsadError as error:
        return Failure(draft.source, error.stage, error.code, str(error))
    except Exception as error:  # a bug in a stage must not stop the batch
        logger.exception("stage failed on %s", draft.source)
        return Failure(draft.source, "clean", "STAGE_FAILED", f"{draft.source}: {error!r}")


_MIN_PARALLEL = 64  # fewer new articles than this are processed in-process: no pickling


def _process_all(
    drafts: list[Draft], recurring: list[frozenset[str]], cfg: Settings, pool: Executor | None
) -> list[Article | Failure]:
    """Every draft through the per-article stages, in order; on ``pool`` when there is one
    and the batch is large enough (the stages are pure functions of one article)."""
    if pool is None or len(drafts) < _MIN_PARALLEL:
        return [_process(draft, cfg, lines) for draft, lines in zip(drafts, recurring, strict=True)]
    return list(pool.map(_process, drafts, repeat(cfg), recurring, chunksize=16))


def _worker_pool(cfg: Settings) -> contextlib.AbstractContextManager[Executor | None]:
    workers = cfg.workers or os.cpu_count() or 1
    if workers <= 1:
        return contextlib.nullcontext()
    return ProcessPoolExecutor(max_workers=workers)


def _store_batch(
    batch: list[Draft | Failure],
    store: Store,
    cfg: Settings,
    summary: AnalyzeSummary,
    recurring_cache: dict[str, frozenset[str]],
    pool: Executor | None = None,
) -> None:
    drafts = [item for item in batch if isinstance(item, Draft)]
    failures = [item for item in batch if isinstance(item, Failure)]
    summary.read += len(drafts)
    existing = store.existing_ids([draft.id for draft in drafts])
    articles: list[Article] = []
    seen_in_batch: set[str] = set()
    new_drafts: list[Draft] = []
    for draft in drafts:
        if draft.id in existing or draft.id in seen_in_batch:
            summary.already_stored += 1
            continue
        seen_in_batch.add(draft.id)
        if draft.group_key not in recurring_cache:
            recurring_cache[draft.group_key] = store.recurring_lines(draft.group_key)
        new_drafts.append(draft)
    recurring = [recurring_cache[draft.group_key] for draft in new_drafts]
    for result in _process_all(new_drafts, recurring, cfg, pool):
        if isinstance(result, Failure):
            failures.append(result)
        else:
            articles.append(result)
    first = store.first_by_content_hash(sorted({article.content_hash for article in articles}))
    marked: list[Article] = []
    for article in articles:
        original = first.setdefault(article.content_hash, article.id)
        if original != article.id:
            article = dataclasses.replace(article, duplicate_of=original)
            summary.duplicates += 1
        marked.append(article)
    line_rows = [
        (article.id, article.group_key, key)
        for article in marked
        for key in short_line_keys(article, cfg.recurring_max_words)
    ]
    summary.stored += store.add_articles(marked, line_rows)
    summary.stored_ids.extend(article.id for article in marked)
    if failures:
        store.add_failures(failures)
        summary.failures.update(failure.code for failure in failures)


def remove_recurring_lines(store: Store, group_keys: Iterable[str], cfg: Settings) -> list[str]:
    """Corpus-level pass: lines recurring across an outlet's articles become boilerplate.

    A short line found in at least ``recurring_min_articles`` articles of a group
    (outlet domain, else source folder) and in at least ``recurring_min_share`` of
    them is removed from every article of the group as ``recurring_line``; the
    affected articles are re-cleaned from their raw text. Returns their ids.
    """
    recleaned: list[str] = []
    for group_key, size in store.group_sizes(group_keys).items():
        threshold = max(cfg.recurring_min_articles, int(cfg.recurring_min_share * size + 0.999))
        frequent = store.frequent_lines(group_key, threshold)
        known = store.recurring_lines(group_key)
        new_lines = {key: count for key, count in frequent.items() if key not in known}
        if not new_lines:
            continue
        store.add_recurring_lines(group_key, new_lines)
        recurring = known | frozenset(new_lines)
        ids = store.articles_with_lines(group_key, new_lines)
        updated = [_reclean(article, cfg, recurring) for article in store.articles(ids=ids)]
        store.replace_articles(updated)
        recleaned.extend(ids)
    return recleaned


def _reclean(article: Article, cfg: Settings, recurring: frozenset[str]) -> Article:
    draft = Draft(
        id=article.id,
        source=article.source,
        input_format=article.input_format,
        raw_text=article.raw_text,
        title=None if article.input_format == "txt" else article.title,
        url=article.url,
        outlet=article.outlet,
        published=metadata_published(article),
        byline=article.byline,
        headline_first=article.input_format == "txt",
        group_key=article.group_key,
        external_id=article.external_id,
    )
    return dataclasses.replace(
        process_draft(draft, cfg, recurring=recurring), duplicate_of=article.duplicate_of
    )


def analyze_paths(
    paths: Iterable[str],
    store: Store,
    cfg: Settings,
    *,
    stdin: BinaryIO | None = None,
    on_item: Callable[[str], None] | None = None,
    only: frozenset[str] | None = None,
) -> AnalyzeSummary:
    """Read every path, run every stage that exists, store the results and group the new
    articles into near-duplicates and events. ``only``: keep just the documents whose id
    or external id (DOCNO) is listed."""
    summary = AnalyzeSummary()
    recurring_cache: dict[str, frozenset[str]] = {}
    groups: set[str] = set()

    def tracked(items: Iterable[Draft | Failure]) -> Iterator[Draft | Failure]:
        for item in items:
            if _left_out(item, only):
                continue
            if on_item is not None:
                on_item(item.source)
            if isinstance(item, Draft):
                groups.add(item.group_key)
            yield item

    reader = tracked(read_inputs(paths, max_bytes=cfg.max_input_bytes, stdin=stdin))
    with _worker_pool(cfg) as pool:
        for batch in _batches(reader, cfg.batch_size):
            _store_batch(batch, store, cfg, summary, recurring_cache, pool)
    recleaned = remove_recurring_lines(store, groups, cfg)
    summary.recleaned = len(recleaned)
    changed = sorted({*summary.stored_ids, *recleaned})
    summary.grouping = group_articles(store, changed, cluster_params(cfg))
    return summary


def _left_out(item: Draft | Failure, only: frozenset[str] | None) -> bool:
    """Whether ``--only`` leaves this document out (failures are always kept)."""
    if only is None or not isinstance(item, Draft):
        return False
    return item.id not in only and item.external_id not in only


def read_wanted_ids(path: Path) -> frozenset[str]:
    """Document ids listed in a file: one a line, or JSONL records' ``id``/``a``/``b`` fields
    and ``articles`` lists."""
    wanted: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = line.strip()
        if not line.startswith("{"):
            if line:
                wanted.add(line)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(
                f"{path}:{number}", f"not JSON ({error})", code="BAD_RECORD"
            ) from error
        wanted.update(str(record[key]) for key in ("id", "a", "b") if key in record)
        wanted.update(str(item) for item in record.get("articles", ()))
    return frozenset(wanted)


def reextract_stored(store: Store, cfg: Settings) -> int:
    """Run the per-article extraction stages again on every stored article; return the count.

    For a store written by an older marsad (or after editing the gazetteer or the
    date resources): texts stay as stored, dates, outlet, byline and cited sources
    are recomputed. Metadata dates and bylines are kept. Then every article is grouped
    again (features, near-duplicates, events), since its entities and dates changed.
    """
    ids = store.article_ids()
    for start in range(0, len(ids), cfg.batch_size):
        updated = []
        for article in store.articles(ids=ids[start : start + cfg.batch_size]):
            dated = extract_dates(article, cfg, metadata_published=metadata_published(article))
            sourced = extract_outlet_and_sources(dated, cfg, metadata_byline=article.byline)
            updated.append(extract_entities(sourced, cfg))
        store.replace_articles(updated)
    rebuild_events(store, cluster_params(cfg), reindex=True)
    return len(ids)


def entity_summary(articles: Iterable[Article]) -> list[dict[str, Any]]:
    """Entities across articles, most mentioned first: mention and article counts, and the
    outlets that mention them (an unknown outlet counts as ``null``)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for article in articles:
        outlet = article.outlet
        seen: set[tuple[str, str]] = set()
        for entity in article.entities:
            key = (entity.id or entity.name_ar, entity.type)
            row = rows.setdefault(
                key,
                {
                    "id": entity.id,
                    "type": entity.type,
                    "name_en": entity.name_en,
                    "name_ar": entity.name_ar,
                    "mentions": 0,
                    "articles": 0,
                    "outlets": Counter(),
                },
            )
            row["mentions"] += 1
            if key not in seen:
                seen.add(key)
                row["articles"] += 1
                row["outlets"][(outlet.id, outlet.name) if outlet else (None, None)] += 1
    summary = sorted(rows.values(), key=lambda row: (-row["mentions"], row["name_ar"]))
    for row in summary:
        row["outlets"] = [
            {"id": outlet_id, "name": name, "mentions": count}
            for (outlet_id, name), count in row["outlets"].most_common()
        ]
    return summary
