"""Properties of grouping, checked with hypothesis: event clustering depends on the set of
articles only (never their order), clusters partition the articles and respect the user's
constraints, date conflicts are symmetric, duplicate groups partition what the pairs join."""

from __future__ import annotations

import math
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.group.duplicates import duplicate_groups
from marsad.group.events import ClusterParams, Constraints, cluster_events, dates_conflict
from marsad.group.features import EntityInfo, EventFeatures
from marsad.group.records import assign_event_ids


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(value * value for value in weights.values()))
    return {key: value / norm for key, value in weights.items()} if norm else {}


def _features(
    article_id: str,
    words: str,
    people: Sequence[str] = (),
    event: str | None = None,
    granularity: str | None = None,
    published: str | None = None,
) -> EventFeatures:
    terms = _unit(dict.fromkeys(words.split(), 1.0))
    return EventFeatures(
        article_id=article_id,
        title=words,
        outlet_id=None,
        outlet_name=None,
        source=f"in/{article_id}.txt",
        published=published,
        event_date=event,
        event_granularity=granularity,
        event_confidence=1.0 if event else 0.0,
        terms=terms,
        title_terms=terms,
        entities=_unit(dict.fromkeys(people, 3.0)),
        mentions=dict.fromkeys(people, 1),
        entity_info={key: EntityInfo(key, "PER", key, key) for key in people},
    )


MEETING = "لقاء وزير خارج ميناء اتفاق تجار"
TALKS = "مباحث وزير خارج ميناء تجار"
PARK = "حديق عام افتتاح بلدي اطفال"
PEOPLE = ("per-salem", "per-rana")

# Two meetings of the same people ten days apart, an undated report that could join either,
# a weekday-only report, a park opening, a bridge between the park and a meeting, and
# a lone article: enough for links, date conflicts and average-link choices to matter.
ITEMS = [
    _features("m1", MEETING, PEOPLE, "2023-03-04", "day"),
    _features("m2", TALKS, PEOPLE, "2023-03-04", "day", "2023-03-05"),
    _features("m3", MEETING, PEOPLE, "2023-03-14", "day"),
    _features("m4", TALKS, PEOPLE, "XXXX-WXX-2", "weekday", "2023-03-14"),
    _features("u1", MEETING, PEOPLE),
    _features("p1", PARK, (), "2023-03-04", "day"),
    _features("p2", PARK + " افتتاح", ("per-omar",), None, None, "2023-03-05"),
    _features("bridge", "لقاء وزير حديق عام مطر", (), "2023-03-04", "day"),
    _features("lone", "مطر عاصف فيضان", (), "2023-03-04", "day"),
]
CONSTRAINTS = [
    Constraints(),
    Constraints(together=(frozenset({"lone", "p1"}),)),
    Constraints(apart=((frozenset({"m1"}), frozenset({"m2", "u1"})),)),
    Constraints.from_corrections(
        [
            ("merge", frozenset({"m1", "m2"}), frozenset({"m3"})),
            ("split", frozenset({"m1", "m2"}), frozenset({"m3"})),
            ("merge", frozenset({"lone"}), frozenset({"bridge"})),
        ]
    ),
]
EXPECTED = [cluster_events(ITEMS, constraints=rules) for rules in CONSTRAINTS]


def test_fixed_set_clusters() -> None:
    # the undated report joins the first meeting; the weekday-only one the second
    assert [group for _, group in EXPECTED[0]] == [
        ["bridge"],
        ["lone"],
        ["m1", "m2", "u1"],
        ["m3", "m4"],
        ["p1", "p2"],
    ]
    assert [group for _, group in EXPECTED[1]][1] == ["lone", "p1", "p2"]


@settings(max_examples=200, deadline=None)
@given(st.permutations(ITEMS), st.sampled_from(range(len(CONSTRAINTS))))
def test_property_clusters_do_not_depend_on_input_order(
    items: list[EventFeatures], which: int
) -> None:
    assert cluster_events(items, constraints=CONSTRAINTS[which]) == EXPECTED[which]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(ITEMS), unique_by=lambda item: item.article_id),
    st.sampled_from(CONSTRAINTS),
)
def test_property_clusters_partition_and_respect_constraints(
    items: list[EventFeatures], rules: Constraints
) -> None:
    events = cluster_events(items, constraints=rules)
    members = [article for _, group in events for article in group]
    assert sorted(members) == sorted(item.article_id for item in items)
    assert [group for _, group in events] == sorted(group for _, group in events)
    event_of = {article: index for index, (_, group) in enumerate(events) for article in group}
    for component, group in events:
        assert group == sorted(group)
        assert component <= group[0]
        assert component in event_of
    for together in rules.together:
        present = {event_of[a] for a in together if a in event_of}
        assert len(present) <= 1
    for first, second in rules.apart:
        assert not {event_of[a] for a in first if a in event_of} & {
            event_of[b] for b in second if b in event_of
        }
    by_id = {item.article_id: item for item in items}
    forced = {a for group in rules.together for a in group}
    for _, group in events:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if not (a in forced and b in forced):
                    assert not dates_conflict(by_id[a], by_id[b], ClusterParams())


days = st.one_of(
    st.none(),
    st.dates().map(lambda day: (day.isoformat(), "day")),
    st.integers(1, 7).map(lambda weekday: (f"XXXX-WXX-{weekday}", "weekday")),
)


@settings(max_examples=300, deadline=None)
@given(days, days, st.one_of(st.none(), st.dates()), st.one_of(st.none(), st.dates()))
def test_property_dates_conflict_is_symmetric(
    first_event: tuple[str, str] | None,
    second_event: tuple[str, str] | None,
    first_published: object,
    second_published: object,
) -> None:
    def make(name: str, event: tuple[str, str] | None, published: object) -> EventFeatures:
        value, granularity = event or (None, None)
        return _features(name, "", (), value, granularity, str(published) if published else None)

    a = make("a", first_event, first_published)
    b = make("b", second_event, second_published)
    params = ClusterParams()
    assert dates_conflict(a, b, params) == dates_conflict(b, a, params)
    assert not dates_conflict(a, a, params)
    if first_event is None and first_published is None:
        assert not dates_conflict(a, b, params)


pairs = st.lists(st.tuples(st.sampled_from("abcdefgh"), st.sampled_from("abcdefgh")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(pairs, st.randoms(use_true_random=False))
def test_property_duplicate_groups_partition_connected_articles(
    found: list[tuple[str, str]], random: object
) -> None:
    groups = duplicate_groups(found)
    members = [article for group in groups for article in group]
    assert sorted(members) == sorted({article for pair in found for article in pair})
    assert groups == sorted(sorted(group) for group in groups)
    group_of = {article: index for index, group in enumerate(groups) for article in group}
    for a, b in found:
        assert group_of[a] == group_of[b]
    shuffled = [(b, a) for a, b in found]
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert duplicate_groups(shuffled) == groups


clusterings = st.lists(st.sampled_from("abcdefgh"), unique=True, min_size=1).flatmap(
    lambda articles: st.lists(
        st.integers(0, 3), min_size=len(articles), max_size=len(articles)
    ).map(
        lambda labels: [
            sorted(a for a, label in zip(articles, labels, strict=True) if label == wanted)
            for wanted in sorted(set(labels))
        ]
    )
)
previous_ids = st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from(["ev-1", "ev-2"]))


@settings(max_examples=300, deadline=None)
@given(clusterings, previous_ids, st.sets(st.sampled_from(["ev-1", "ev-2", "ev-x"])))
def test_property_event_ids_are_unique_and_kept_or_fresh(
    clusters: list[list[str]], previous: dict[str, str], extra: set[str]
) -> None:
    taken = set(previous.values()) | extra
    result = assign_event_ids(clusters, previous, {"ev-1": 1, "ev-2": 2}, taken)
    assert len(result.ids) == len(clusters)
    assert len(set(result.ids)) == len(result.ids)
    for cluster, event_id in zip(clusters, result.ids, strict=True):
        held = {previous[a] for a in cluster if a in previous}
        assert event_id in held or (event_id.startswith("ev-") and event_id not in taken)
    for retired, survivor in result.aliases.items():
        assert retired not in result.ids
        assert survivor in result.ids
    # every previous event of a clustered article survives or aliases a survivor
    clustered = {previous[a] for cluster in clusters for a in cluster if a in previous}
    assert set(result.aliases) | set(result.ids) >= clustered
