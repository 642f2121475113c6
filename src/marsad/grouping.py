"""Corpus-level grouping jobs: load candidates from the store, run ``group/``, save results.

``group_articles`` runs after each ``analyze``: new articles are fingerprinted,
compared with every stored fingerprint for near-duplicates, checked for paragraphs
shared with other outlets, and placed into events by re-clustering only the
components they touch. ``rebuild_events`` re-clusters everything; ``merge_events`` and
``split_event`` record the user's corrections, which every later run respects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.compare.event import EventComparison, compare_event
from marsad.compare.framing import find_framing, load_lexicon
from marsad.compare.sources import copies, voices
from marsad.compare.summary import lead_baseline, summarize
from marsad.compare.timeline import timeline
from marsad.config import Settings
from marsad.errors import InputError
from marsad.evaluate.events import (
    ClusterScores,
    DuplicateScores,
    GoldPair,
    score_clusters,
    score_duplicates,
)
from marsad.evaluate.summaries import GoldSummary
from marsad.group.duplicates import (
    Fingerprint,
    duplicate_groups,
    find_duplicate_pairs,
    find_passage_reuse,
    fingerprint_articles,
    paragraphs_of,
)
from marsad.group.events import ClusterParams, Constraints, blocking_keys, cluster_events, time_of
from marsad.group.features import EventFeatures, features_of
from marsad.group.records import assign_event_ids, build_event, link_related
from marsad.model import Article, Event
from marsad.report.html import render_report
from marsad.store.sqlite import Store

_BATCH = 500
_NOT_STORED = "no article of {gold} is stored here: run marsad analyze CORPUS --only {gold} first"


@dataclass(slots=True)
class GroupSummary:
    """What one grouping run did."""

    indexed: int = 0
    duplicate_pairs: int = 0
    passage_reuse: int = 0
    reclustered: int = 0
    events: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "indexed": self.indexed,
            "duplicate_pairs": self.duplicate_pairs,
            "passage_reuse": self.passage_reuse,
            "reclustered": self.reclustered,
            "events": self.events,
        }


def cluster_params(cfg: Settings) -> ClusterParams:
    return ClusterParams(
        threshold=cfg.event_threshold,
        max_days=cfg.event_max_days,
        same_outlet_penalty=cfg.event_same_outlet_penalty,
        same_day_place_bonus=cfg.event_same_day_place_bonus,
    )


def _keys(item: EventFeatures, params: ClusterParams) -> list[tuple[str, str, int | None]]:
    day = time_of(item)
    ordinal = day.toordinal() if day else None
    return [(key, item.article_id, ordinal) for key in blocking_keys(item, params)]


def index_articles(
    store: Store, ids: Sequence[str], params: ClusterParams, summary: GroupSummary
) -> list[EventFeatures]:
    """Fingerprint and featurise stored articles, a batch at a time (whole articles are
    large); find their near-duplicates and passage reuse."""
    wanted = set(ids)
    stored = [f for f in store.fingerprints() if f.article_id not in wanted]
    features: list[EventFeatures] = []
    for start in range(0, len(ids), _BATCH):
        batch = list(store.articles(ids=ids[start : start + _BATCH]))
        features.extend(_index_batch(store, batch, stored, params, summary))
    return features


def _index_batch(
    store: Store,
    articles: Sequence[Article],
    stored: list[Fingerprint],
    params: ClusterParams,
    summary: GroupSummary,
) -> list[EventFeatures]:
    features = [features_of(article) for article in articles]
    fingerprints = fingerprint_articles([(article.id, article.normalized) for article in articles])
    paragraphs = [p for article in articles for p in paragraphs_of(article.id, article.text)]
    keys = [key for item in features for key in _keys(item, params)]
    store.save_group_index(features, keys, fingerprints, paragraphs)
    pairs = find_duplicate_pairs(fingerprints, stored)
    store.save_duplicate_pairs(pairs)
    stored.extend(fingerprints)
    new_ids = {article.id for article in articles}
    sharing = store.paragraphs_sharing(sorted(new_ids))
    involved = {item.article_id: item for item in features}
    others = sorted({p.article_id for p in sharing} - new_ids)
    involved.update({item.article_id: item for item in store.group_features(others)})
    reuse = find_passage_reuse(
        sharing,
        {key: item.outlet_id for key, item in involved.items()},
        {key: item.published for key, item in involved.items()},
    )
    reuse = [r for r in reuse if r.a in new_ids or r.b in new_ids]
    store.save_passage_reuse(reuse)
    summary.indexed += len(articles)
    summary.duplicate_pairs += len(pairs)
    summary.passage_reuse += len(reuse)
    return features


def _recluster(
    store: Store,
    features: Sequence[EventFeatures],
    params: ClusterParams,
    summary: GroupSummary,
) -> None:
    """Cluster exactly these articles (whole components) and save their events."""
    ids = sorted(item.article_id for item in features)
    constraints = Constraints.from_corrections(store.corrections())
    clustered = cluster_events(features, params=params, constraints=constraints)
    previous = store.memberships(ids)
    assignment = assign_event_ids(
        [members for _, members in clustered], previous, store.event_ages(), store.taken_event_ids()
    )
    by_id = {item.article_id: item for item in features}
    groups = duplicate_groups((pair.a, pair.b) for pair in store.duplicate_pairs(ids))
    group_of = {article_id: tuple(group) for group in groups for article_id in group}
    events: list[Event] = []
    members: list[tuple[str, str, str]] = []
    for event_id, (component, cluster) in zip(assignment.ids, clustered, strict=True):
        inside = sorted({group_of[a] for a in cluster if a in group_of})
        events.append(build_event(event_id, [by_id[a] for a in cluster], duplicates=inside))
        members.extend((article_id, event_id, component) for article_id in cluster)
    store.save_events(events, members, assignment.aliases, replace_articles=ids)
    summary.reclustered += len(ids)
    summary.events += len(events)


def group_articles(store: Store, ids: Sequence[str], params: ClusterParams) -> GroupSummary:
    """Group newly stored (or re-cleaned) articles into duplicates and events."""
    summary = GroupSummary()
    if not ids:
        return summary
    features = index_articles(store, ids, params, summary)
    if 2 * len(ids) >= store.count_articles():
        # Clustering depends only on the set of articles: with this many new ones, one
        # pass over the whole store is cheaper than finding the components they touch.
        _recluster(store, store.group_features(), params, summary)
        return summary
    key_days = {(key, day) for item in features for key, _, day in _keys(item, params)}
    neighbours = store.keyed_neighbours(sorted(key_days, key=str), params.block_window_days)
    # Components are closed under the user's merges, so whole components suffice.
    touched = set(store.components_of(sorted(neighbours | set(ids)))) | neighbours
    fresh = {item.article_id: item for item in features}
    known = store.group_features(sorted(touched - set(fresh)))
    _recluster(store, [*known, *fresh.values()], params, summary)
    return summary


def rebuild_events(store: Store, params: ClusterParams, *, reindex: bool = False) -> GroupSummary:
    """Re-cluster every stored article. Articles stored before grouping existed are indexed
    first; with ``reindex`` every article is (after its extracted fields changed)."""
    summary = GroupSummary()
    indexed = set() if reindex else {item.article_id for item in store.group_features()}
    missing = [article_id for article_id in store.article_ids() if article_id not in indexed]
    index_articles(store, missing, params, summary)
    _recluster(store, store.group_features(), params, summary)
    return summary


def list_events(store: Store) -> list[Event]:
    """Every event with its story-arc links, most recent date first."""
    events = link_related(store.events())
    return sorted(events, key=lambda event: (event.date.value if event.date else "", event.id))[
        ::-1
    ]


def _members(store: Store, reference: str) -> tuple[str, list[str]]:
    event_id = store.resolve_event(reference)
    if event_id is None:
        raise InputError(reference, "no such event (id or alias)", code="NO_SUCH_EVENT")
    return event_id, sorted(a for a, e in store.memberships().items() if e == event_id)


def merge_events(store: Store, references: Iterable[str], params: ClusterParams) -> str:
    """Record that these events are one; re-cluster their components. Returns the
    surviving id (the oldest)."""
    groups = [_members(store, reference) for reference in references]
    first = groups[0][1]
    for _, members in groups[1:]:
        store.add_correction("merge", first, members)
        first = sorted({*first, *members})
    _recluster_around(store, first, params)
    survivor = store.memberships([first[0]])[first[0]]
    return survivor


def split_event(
    store: Store, reference: str, article_refs: Sequence[str], params: ClusterParams
) -> str:
    """Record that these articles report another event than the rest; returns the new
    event's id."""
    event_id, members = _members(store, reference)
    moved = []
    for article_ref in article_refs:
        article = store.find_article(article_ref)
        if article is None or article.id not in members:
            raise InputError(article_ref, f"not an article of {event_id}", code="NOT_IN_EVENT")
        moved.append(article.id)
    kept = [a for a in members if a not in moved]
    if not kept:
        raise InputError(event_id, "a split must leave some articles", code="SPLIT_ALL")
    store.add_correction("split", kept, moved)
    _recluster_around(store, members, params)
    return store.memberships([moved[0]])[moved[0]]


def _recluster_around(store: Store, ids: Sequence[str], params: ClusterParams) -> None:
    touched = store.components_of(ids)
    _recluster(store, store.group_features(touched), params, GroupSummary())


def compare_stored_event(
    store: Store, reference: str, cfg: Settings, *, events: Mapping[str, Event] | None = None
) -> EventComparison:
    """The cross-source comparison of a stored event (by id, alias or unique prefix).
    ``events``: every event by id, when the caller compares many (listing them is slow)."""
    event_id = store.resolve_event(reference)
    known = events if events is not None else {e.id: e for e in list_events(store)}
    found = known.get(event_id or "")
    if found is None:
        raise InputError(reference, "no such event (id or alias)", code="NO_SUCH_EVENT")
    ids = [article.id for article in found.articles]
    articles = list(store.articles(ids=ids))
    lexicon = load_lexicon(Path(cfg.framing_file) if cfg.framing_file else None)
    return compare_event(found, articles, store.passage_reuse(ids), lexicon)


def report_html(store: Store, cfg: Settings, *, title: str, max_events: int) -> str:
    """The HTML report of the store: the timeline, then each event (those with the most
    articles when there are more than ``max_events``), in timeline order."""
    events = list_events(store)
    by_id = {event.id: event for event in events}
    rows = timeline(events)
    shown = {e.id for e in sorted(events, key=lambda e: (-len(e.articles), e.id))[:max_events]}
    sections = []
    for row in rows:
        if row["id"] in shown:
            sections.append(compare_stored_event(store, row["id"], cfg, events=by_id))
    return render_report(rows, sections, title=title, left_out=len(events) - len(shown))


def summary_systems(store: Store, cfg: Settings) -> dict[str, Callable[[GoldSummary], str]]:
    """The summariser and the lead-3 baseline, each summarising the articles a reference
    summary names (as stored, found by id or DOCNO)."""
    lexicon = load_lexicon(Path(cfg.framing_file) if cfg.framing_file else None)

    def articles_of(gold: GoldSummary) -> list[Article]:
        ids = sorted(set(store.resolve_articles(list(gold.articles)).values()))
        if not ids:
            raise InputError(gold.event, "none of its articles is in the store", code="MISSING")
        return list(store.articles(ids=ids))

    def marsad(gold: GoldSummary) -> str:
        articles = articles_of(gold)
        reuse = store.passage_reuse([a.id for a in articles])
        heard = voices(articles, copies(articles, (), reuse))
        marks = [m for a in articles for m in find_framing(a, lexicon)]
        return "\n".join(s.text for s in summarize(articles, marks, heard))

    def lead_3(gold: GoldSummary) -> str:
        return "\n".join(lead_baseline(articles_of(gold)))

    return {"marsad": marsad, "lead-3": lead_3}


def score_stored_events(store: Store, labels: Mapping[str, str], gold: str) -> ClusterScores:
    """The stored events scored against gold labels (article id or DOCNO → event label)."""
    ids = store.resolve_articles(sorted(labels))
    membership = store.memberships(sorted(set(ids.values())))
    predicted = {ref: membership[i] for ref, i in ids.items() if i in membership}
    if labels and not predicted:
        raise InputError(str(store.path), _NOT_STORED.format(gold=gold), code="MISSING")
    return score_clusters(labels, predicted)


def score_stored_duplicates(store: Store, pairs: Sequence[GoldPair], gold: str) -> DuplicateScores:
    """The stored near-duplicate groups scored against gold pairs."""
    ids = store.resolve_articles(sorted({p.a for p in pairs} | {p.b for p in pairs}))
    if pairs and not ids:
        raise InputError(str(store.path), _NOT_STORED.format(gold=gold), code="MISSING")
    found = store.duplicate_pairs(sorted(set(ids.values())))
    group_of = {
        a: n for n, group in enumerate(duplicate_groups((p.a, p.b) for p in found)) for a in group
    }

    def same_group(a: str, b: str) -> bool | None:
        if a not in ids or b not in ids:
            return None
        first, second = group_of.get(ids[a]), group_of.get(ids[b])
        return first is not None and first == second

    return score_duplicates(pairs, same_group)
