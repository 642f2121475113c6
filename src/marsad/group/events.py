"""Group articles into real-world events: blocking, pair scores, constrained clustering.

Written here because no library clusters under these rules. A pair of articles
scores by content (cosine of fixed-idf stem vectors of headline and lead), headline
alone, and participants (cosine of entity vectors), less a penalty when one outlet
published both (an outlet seldom writes twice about one happening, while it often
writes about several developments of one story in a day; measured on the dev half
of the event gold set, the penalty is what lifts B-cubed F1 above the singletons
baseline), and may be the same event only when its dates allow it: event
days more than ``max_days`` apart, or different stated weekdays, keep two articles
apart whatever else they share (the same two leaders meet more than once); an
undated article joins by content and participants alone. Two outlets' reports that
state the same event day and name the same place (a town, city or region, not a whole
country) score a bonus: the same happening at the same time and place is what makes one
event, and independently written reports share few words (outlets of opposite sides
least of all). Candidate pairs come
from blocking (shared rare stems or named participants, near in time), never from
all pairs. Pairs scoring at least ``threshold`` link articles into components;
inside a component, average-link agglomeration under cannot-link constraints (date
conflicts, the user's splits) forms the events, so one shared article cannot chain
two events together. Every step depends only on the set of articles, never on the
order they arrived in: adding articles one at a time or all at once gives the same
events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import numpy as np
import numpy.typing as npt
from scipy import sparse

from marsad.group.features import EventFeatures
from marsad.group.links import connected_groups

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ClusterParams:
    """Weights and thresholds of event clustering (tuned on the dev half of the gold set;
    see docs/quality.md)."""

    content_weight: float = 0.5
    title_weight: float = 0.3
    entity_weight: float = 0.2
    threshold: float = 0.35
    same_outlet_penalty: float = 0.3
    same_day_place_bonus: float = 0.1
    max_days: int = 2
    block_stems: int = 6
    block_min_idf_weight: float = 0.1
    block_window_days: int = 3


@dataclass(frozen=True, slots=True)
class Constraints:
    """The user's corrections as article-level constraints.

    ``together``: groups of articles that must share an event (a merge, or the
    articles split off together); ``apart``: pairs of article groups that must not
    (a split). Later corrections override earlier ones, which ``from_corrections``
    resolves.
    """

    together: tuple[frozenset[str], ...] = ()
    apart: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()

    @classmethod
    def from_corrections(
        cls, corrections: Iterable[tuple[str, frozenset[str], frozenset[str]]]
    ) -> Constraints:
        """``corrections`` in the order made: ``("merge", A, B)`` or ``("split", kept, moved)``."""
        together: list[frozenset[str]] = []
        apart: list[tuple[frozenset[str], frozenset[str]]] = []
        for kind, first, second in corrections:
            if kind == "merge":
                joined = first | second
                apart = [(s, t) for s, t in apart if not (s & joined and t & joined)]
                together.append(joined)
            else:
                together = [group - first if group & second else group for group in together]
                together = [group for group in together if len(group) > 1]
                together.append(second)
                apart.append((first, second))
        return cls(tuple(together), tuple(apart))


# -- blocking and scores -------------------------------------------------------


def blocking_keys(features: EventFeatures, params: ClusterParams) -> list[str]:
    """Keys two articles of one event very likely share: named participants (not whole
    countries, too common to block on) and the article's heaviest stems."""
    keys = [
        "e:" + key
        for key, info in features.entity_info.items()
        if info.id is not None and info.type != "country"
    ]
    heavy = sorted(features.terms.items(), key=lambda item: (-item[1], item[0]))
    keys += [
        "t:" + stem
        for stem, weight in heavy[: params.block_stems]
        if weight >= params.block_min_idf_weight
    ]
    return keys


def time_of(features: EventFeatures) -> date | None:
    """The day an article is placed at for blocking: its event day, else its publication."""
    return features.event_day or features.published_day


def candidate_pairs(
    features: Sequence[EventFeatures], params: ClusterParams
) -> set[tuple[int, int]]:
    """Index pairs sharing a blocking key and no more than a window apart in time
    (an article without any date pairs with everything sharing a key)."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(features):
        for key in blocking_keys(item, params):
            buckets[key].append(index)
    ordinals: dict[int, int] = {}
    for index, item in enumerate(features):
        if (day := time_of(item)) is not None:
            ordinals[index] = day.toordinal()
    pairs: set[tuple[int, int]] = set()
    window = params.block_window_days
    for members in buckets.values():
        dated = sorted((ordinals[i], i) for i in members if i in ordinals)
        undated = [i for i in members if i not in ordinals]
        for position, (ordinal, i) in enumerate(dated):
            for later_day, j in dated[position + 1 :]:
                if later_day - ordinal > window:
                    break
                pairs.add((min(i, j), max(i, j)))
        for i in undated:
            pairs.update((min(i, j), max(i, j)) for j in members if j != i)
    return pairs


def _vectors(rows: Sequence[Mapping[str, float]]) -> sparse.csr_matrix:
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    values: list[float] = []
    pointers = [0]
    for row in rows:
        for key, value in row.items():
            indices.append(vocabulary.setdefault(key, len(vocabulary)))
            values.append(value)
        pointers.append(len(indices))
    shape = (len(rows), max(len(vocabulary), 1))
    return sparse.csr_matrix((values, indices, pointers), shape=shape)


_DayAndPlaces = tuple[date | None, str | None, frozenset[str]]


def _day_and_places(item: EventFeatures) -> _DayAndPlaces:
    return item.event_day, item.outlet_id, item.places


def _same_day_and_place(first: _DayAndPlaces, second: _DayAndPlaces) -> bool:
    """Whether two outlets' reports (``_day_and_places`` of each) state the same event day
    and name a common place smaller than a country; an article of unknown outlet counts as
    an outlet of its own."""
    day, outlet, places = first
    if day is None or day != second[0] or (outlet is not None and outlet == second[1]):
        return False
    return not places.isdisjoint(second[2])


def similarity_matrix(features: Sequence[EventFeatures], params: ClusterParams) -> Matrix:
    """Pair scores of a (small) set of articles: weighted content, headline and entity
    cosines, less the same-outlet penalty, plus the same-day-and-place bonus."""
    scores = np.zeros((len(features), len(features)))
    for weight, matrix in _weighted_vectors(features, params):
        scores += weight * (matrix @ matrix.T).toarray()
    codes: dict[str, int] = {}
    outlet_codes = np.array(
        [
            codes.setdefault(item.outlet_id, len(codes)) if item.outlet_id else -1 - index
            for index, item in enumerate(features)
        ]
    )
    same_outlet = outlet_codes[:, None] == outlet_codes[None, :]
    np.fill_diagonal(same_outlet, False)
    scores -= params.same_outlet_penalty * same_outlet
    keys = [_day_and_places(item) for item in features]
    for i, j in combinations(range(len(features)), 2):
        if _same_day_and_place(keys[i], keys[j]):
            scores[i, j] += params.same_day_place_bonus
            scores[j, i] += params.same_day_place_bonus
    return scores


def _weighted_vectors(
    features: Sequence[EventFeatures], params: ClusterParams
) -> list[tuple[float, sparse.csr_matrix]]:
    return [
        (params.content_weight, _vectors([item.terms for item in features])),
        (params.title_weight, _vectors([item.title_terms for item in features])),
        (params.entity_weight, _vectors([item.entities for item in features])),
    ]


def pair_scores(
    features: Sequence[EventFeatures], pairs: Sequence[tuple[int, int]], params: ClusterParams
) -> Matrix:
    """Scores of the given index pairs only (for blocking over a large set)."""
    if not pairs:
        return np.zeros(0)
    vectors = _weighted_vectors(features, params)
    first = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    second = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    scores = np.zeros(len(pairs))
    for start in range(0, len(pairs), 20_000):
        rows_a, rows_b = first[start : start + 20_000], second[start : start + 20_000]
        for weight, matrix in vectors:
            cosine = np.asarray(matrix[rows_a].multiply(matrix[rows_b]).sum(axis=1)).ravel()
            scores[start : start + 20_000] += weight * cosine
    keys = [_day_and_places(item) for item in features]
    for index, (a, b) in enumerate(pairs):
        outlet = features[a].outlet_id
        if outlet is not None and outlet == features[b].outlet_id:
            scores[index] -= params.same_outlet_penalty
        elif _same_day_and_place(keys[a], keys[b]):
            scores[index] += params.same_day_place_bonus
    return scores


def dates_conflict(first: EventFeatures, second: EventFeatures, params: ClusterParams) -> bool:
    """Whether the two articles' dates say they report different happenings: days more
    than ``max_days`` apart, or, when one article states only a weekday, another weekday
    than the other article's event day."""
    day_a, day_b = time_of(first), time_of(second)
    if day_a is not None and day_b is not None:
        if abs((day_a - day_b).days) > params.max_days:
            return True
        if first.event_day is not None and second.event_day is not None:
            return False
    weekday_a, weekday_b = first.weekday, second.weekday
    return weekday_a is not None and weekday_b is not None and weekday_a != weekday_b


# -- clustering ----------------------------------------------------------------


def cluster_events(
    features: Sequence[EventFeatures],
    *,
    params: ClusterParams | None = None,
    constraints: Constraints | None = None,
) -> list[tuple[str, list[str]]]:
    """Events of a set of articles: ``(component, article ids)``, ids sorted, events sorted
    by first id. ``component`` (its first article id) names the linked set the event was
    formed in: an incremental run re-clusters whole components, never less."""
    rule = params or ClusterParams()
    rules = constraints or Constraints()
    items = sorted(features, key=lambda item: item.article_id)
    position = {item.article_id: index for index, item in enumerate(items)}
    pairs = sorted(candidate_pairs(items, rule))
    links = [
        (i, j)
        for (i, j), score in zip(pairs, pair_scores(items, pairs, rule), strict=True)
        if score >= rule.threshold and not dates_conflict(items[i], items[j], rule)
    ]
    for group in rules.together:
        present = sorted(position[a] for a in group if a in position)
        links.extend((present[0], other) for other in present[1:])
    events: list[tuple[str, list[str]]] = []
    # members of a component come in index order: the first is its smallest article id
    for members in connected_groups(links, range(len(items))):
        chosen = [items[i] for i in members]
        component = chosen[0].article_id
        for cluster in _average_link(chosen, rule, rules):
            events.append((component, sorted(chosen[i].article_id for i in cluster)))
    return sorted(events, key=lambda event: event[1])


def _average_link(
    items: Sequence[EventFeatures], params: ClusterParams, constraints: Constraints
) -> list[list[int]]:
    """Average-link agglomeration of one component, never joining across a cannot-link.

    Cluster-to-cluster score sums and cannot-links are kept as matrices and updated on
    each merge (Lance-Williams), so a step costs one pass over the cluster pairs in numpy;
    of equal averages (to nine decimals) the first pair in cluster order wins."""
    if len(items) == 1:
        return [[0]]
    scores = similarity_matrix(items, params)
    blocked = _cannot_link(items, params, constraints)
    clusters: list[list[int]] = [[i] for i in range(len(items))]
    for group in constraints.together:
        inside = [i for i, item in enumerate(items) if item.article_id in group]
        if len(inside) > 1:
            joined = sorted({i for c in clusters if set(c) & set(inside) for i in c})
            clusters = [c for c in clusters if not set(c) & set(inside)] + [joined]
    membership = np.zeros((len(items), len(clusters)))
    for index, members in enumerate(clusters):
        membership[members, index] = 1.0
    sums = membership.T @ scores @ membership
    apart = (membership.T @ blocked.astype(np.float64) @ membership) > 0
    sizes = membership.sum(axis=0)
    active = np.ones(len(clusters), dtype=bool)
    upper = np.triu(np.ones((len(clusters), len(clusters)), dtype=bool), k=1)
    while active.sum() > 1:
        allowed = upper & ~apart & active[:, None] & active[None, :]
        # rounded: averages equal but for float noise tie, and the first pair wins
        averages = np.where(allowed, np.round(sums / np.outer(sizes, sizes), 9), -np.inf)
        a, b = divmod(int(np.argmax(averages)), len(clusters))
        if not averages[a, b] >= params.threshold:
            break
        clusters[a] = sorted(clusters[a] + clusters[b])
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        apart[a, :] |= apart[b, :]
        apart[:, a] |= apart[:, b]
        sizes[a] += sizes[b]
        active[b] = False
    return [members for index, members in enumerate(clusters) if active[index]]


def _cannot_link(
    items: Sequence[EventFeatures], params: ClusterParams, constraints: Constraints
) -> npt.NDArray[np.bool_]:
    size = len(items)
    blocked = np.zeros((size, size), dtype=bool)
    for i in range(size):
        for j in range(i + 1, size):
            if dates_conflict(items[i], items[j], params):
                blocked[i, j] = blocked[j, i] = True
    for first, second in constraints.apart:
        a = [i for i, item in enumerate(items) if item.article_id in first]
        b = [i for i, item in enumerate(items) if item.article_id in second]
        blocked[np.ix_(a, b)] = True
        blocked[np.ix_(b, a)] = True
    return blocked
