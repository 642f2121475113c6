"""Event clustering (features, blocking, date conflicts, constrained average-link) and event
records (stable ids, date, participants, duplicate groups, story arcs)."""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.config import Settings
from marsad.group.events import (
    ClusterParams,
    Constraints,
    _average_link,
    blocking_keys,
    candidate_pairs,
    cluster_events,
    dates_conflict,
    similarity_matrix,
    time_of,
)
from marsad.group.features import ENTITY_WEIGHTS, EntityInfo, EventFeatures, features_of
from marsad.group.records import (
    MAX_PARTICIPANTS,
    assign_event_ids,
    build_event,
    event_date,
    link_related,
    new_event_id,
)
from marsad.model import Article, Draft, Event, EventDate, EventEntity, Outlet, text_hash
from marsad.pipeline import process_draft

PARAMS = ClusterParams()

# entity id → (type, English name, Arabic name)
NAMES = {
    "per-salem": ("PER", "Salem Haddad", "سالم حداد"),
    "per-rana": ("PER", "Rana Khoury", "رنا خوري"),
    "per-omar": ("PER", "Omar Nasser", "عمر ناصر"),
    "per-lina": ("PER", "Lina Saad", "لينا سعد"),
    "org-council": ("ORG", "City Council", "المجلس البلدي"),
    "city-harbor": ("GPE", "Harbor City", "مدينة الميناء"),
    "loc-valley": ("LOC", "Green Valley", "الوادي الأخضر"),
    "country-xx": ("country", "Xland", "إكسلاند"),
}


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(value * value for value in weights.values()))
    return {key: value / norm for key, value in weights.items()} if norm else {}


def _granularity(value: str | None) -> str | None:
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"XXXX-WXX-[1-7]", value):
        return "weekday"
    return "month" if re.fullmatch(r"\d{4}-\d{2}", value) else "year"


def feat(
    article_id: str,
    words: str = "",
    *,
    title: str | None = None,
    entities: Sequence[str] = (),
    mentions: dict[str, int] | None = None,
    event: str | None = None,
    confidence: float = 1.0,
    published: str | None = None,
    outlet: str | None = None,
) -> EventFeatures:
    """Features with stems ``words`` (weight 1 each; the title's stems default to them) and
    entities named by their keys in ``NAMES`` (``name:…`` keys have no gazetteer id)."""
    counts = mentions or {}
    info = {}
    for key in entities:
        kind, name_en, name_ar = NAMES.get(key, ("PER", key, key))
        info[key] = EntityInfo(None if key.startswith("name:") else key, kind, name_en, name_ar)
    weights = {key: ENTITY_WEIGHTS[info[key].type] for key in entities}
    return EventFeatures(
        article_id=article_id,
        title=title if title is not None else f"عنوان {article_id}",
        outlet_id=outlet,
        outlet_name=outlet.upper() if outlet else None,
        source=f"in/{article_id}.txt",
        published=published,
        event_date=event,
        event_granularity=_granularity(event),
        event_confidence=confidence if event else 0.0,
        terms=_unit(dict.fromkeys(words.split(), 1.0)),
        title_terms=_unit(dict.fromkeys(words.split(), 1.0)),
        entities=_unit(weights),
        mentions={key: counts.get(key, 1) for key in entities},
        entity_info=info,
    )


MEETING = "لقاء وزير خارج ميناء اتفاق تجار"
PARK = "حديق عام افتتاح بلدي اطفال ملاعب"


def ids(events: list[tuple[str, list[str]]]) -> list[list[str]]:
    return [members for _, members in events]


# -- features of analysed articles ----------------------------------------------------------


def _article(raw: str, published: str, outlet: str) -> Article:
    """An analysed article from a plain-text scrape (headline first), as the store tests
    build them, with publication metadata and an outlet."""
    draft = Draft(
        id=text_hash(raw),
        source=f"in/{outlet}.txt",
        input_format="txt",
        raw_text=raw,
        headline_first=True,
        group_key="in",
        published=published,
        outlet=Outlet(outlet, outlet.title()),
    )
    return process_draft(draft, Settings(today="2026-01-01"))


MOSCOW_MEETING = (
    "لافروف يلتقي نظيره التركي فيدان في موسكو\n"
    "التقى وزير الخارجية الروسي سيرغي لافروف نظيره التركي هاكان فيدان في موسكو يوم {day}، "
    "وبحث الوزيران تطورات الملف السوري وتوسيع التبادل التجاري بين البلدين.\n"
)
MOSCOW_TALKS = (
    "مباحثات روسية تركية في موسكو بين لافروف وفيدان\n"
    "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره التركي هاكان فيدان في موسكو يوم "
    "الثلاثاء 14 آذار 2023 تطورات الملف السوري والتبادل التجاري بين البلدين.\n"
)
BOOK_FAIR = (
    "افتتاح معرض للكتاب في بيروت\n"
    "افتتح معرض بيروت للكتاب أبوابه يوم الثلاثاء 14 آذار 2023 بمشاركة مئات دور النشر "
    "العربية والأجنبية وسط إقبال كبير من الزوار.\n"
)


def test_features_of_an_analysed_article() -> None:
    article = _article(MOSCOW_MEETING.format(day="الثلاثاء 14 آذار 2023"), "2023-03-14", "alpha")
    features = features_of(article)
    assert features.article_id == article.id
    assert features.title == "لافروف يلتقي نظيره التركي فيدان في موسكو"
    assert (features.outlet_id, features.outlet_name) == ("alpha", "Alpha")
    assert (features.event_date, features.event_granularity) == ("2023-03-14", "day")
    assert features.weekday == 2  # a Tuesday
    assert features.published == "2023-03-14"
    assert {"sergey-lavrov", "hakan-fidan"} <= set(features.entities)
    assert features.entity_info["sergey-lavrov"].type == "PER"
    people = features.entities["sergey-lavrov"]
    assert all(people >= weight for weight in features.entities.values())
    for vector in (features.terms, features.title_terms, features.entities):
        assert sum(value * value for value in vector.values()) == pytest.approx(1, abs=1e-3)
    assert set(features.title_terms) <= set(features.terms)
    assert EventFeatures.from_dict(features.to_dict()) == features


def test_cluster_events_on_analysed_articles() -> None:
    same_day = [
        _article(MOSCOW_MEETING.format(day="الثلاثاء 14 آذار 2023"), "2023-03-14", "alpha"),
        _article(MOSCOW_TALKS, "2023-03-14", "beta"),
    ]
    ten_days_later = _article(
        MOSCOW_MEETING.format(day="الجمعة 24 آذار 2023"), "2023-03-24", "alpha"
    )
    fair = _article(BOOK_FAIR, "2023-03-14", "gamma")
    features = [features_of(a) for a in (*same_day, ten_days_later, fair)]
    expected = sorted([sorted(a.id for a in same_day), [ten_days_later.id], [fair.id]])
    assert ids(cluster_events(features)) == expected


# -- dates ----------------------------------------------------------------------------------


def test_time_of_is_the_event_day_else_the_publication_day() -> None:
    assert str(time_of(feat("a", event="2023-03-14", published="2023-03-16"))) == "2023-03-14"
    assert str(time_of(feat("a", event="XXXX-WXX-2", published="2023-03-16T09:30:00"))) == (
        "2023-03-16"
    )
    assert time_of(feat("a", event="2023-03", published=None)) is None
    assert time_of(feat("a", event="2023-02-30")) is None  # not a day


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        # event day against another article's publication day: a window of max_days
        (dict(event="2023-03-10"), dict(published="2023-03-12"), False),
        (dict(event="2023-03-10"), dict(published="2023-03-13"), True),
        (dict(published="2023-03-01"), dict(published="2023-03-11"), True),
        (dict(event="2023-03-24"), dict(event="2023-03-14"), True),
        (dict(event="2023-03-14"), dict(event="2023-03-14", published="2023-03-20"), False),
        # stated weekdays
        (dict(event="XXXX-WXX-2"), dict(event="XXXX-WXX-4"), True),
        (dict(event="XXXX-WXX-2"), dict(event="XXXX-WXX-2"), False),
        (dict(event="XXXX-WXX-2", published="2023-03-14"), dict(event="XXXX-WXX-5"), True),
        # 2023-03-14 is a Tuesday (ISO 2)
        (dict(event="2023-03-14"), dict(event="XXXX-WXX-2"), False),
        (dict(event="2023-03-14"), dict(event="XXXX-WXX-3"), True),
        (dict(event="2023-03-14"), dict(event="XXXX-WXX-2", published="2023-03-15"), False),
        # undated articles never conflict
        (dict(), dict(event="2023-03-14"), False),
        (dict(), dict(event="XXXX-WXX-3"), False),
        (dict(), dict(), False),
        (dict(event="2023-03"), dict(event="2023-05-01"), False),
    ],
)
def test_dates_conflict(first: dict[str, str], second: dict[str, str], conflict: bool) -> None:
    a, b = feat("a", **first), feat("b", **second)  # type: ignore[arg-type]
    assert dates_conflict(a, b, PARAMS) is conflict
    assert dates_conflict(b, a, PARAMS) is conflict


def test_dates_conflict_window_follows_max_days() -> None:
    a, b = feat("a", event="2023-03-10"), feat("b", published="2023-03-15")
    assert dates_conflict(a, b, ClusterParams(max_days=4))
    assert not dates_conflict(a, b, ClusterParams(max_days=5))


def test_dates_conflict_full_dates_within_max_days() -> None:
    a, b = feat("a", event="2023-03-14"), feat("b", event="2023-03-15")
    assert not dates_conflict(a, b, ClusterParams(max_days=2))


# -- corrections ----------------------------------------------------------------------------


def test_constraints_merge_then_split() -> None:
    a, b, c = frozenset({"a"}), frozenset({"b"}), frozenset({"c"})
    rules = Constraints.from_corrections([("merge", a | c, b), ("split", a | c, b)])
    assert rules.apart == ((a | c, b),)
    # the merge is undone (what was kept is free again); what moved stays together
    assert rules.together == (b,)
    # an earlier merge inside the kept part survives the split
    rules = Constraints.from_corrections(
        [("merge", a, c), ("merge", a | c, b), ("split", a | c, b)]
    )
    assert rules.together == (a | c, b)
    assert rules.apart == ((a | c, b),)


def test_constraints_split_then_merge_overrides() -> None:
    a, b = frozenset({"a"}), frozenset({"b", "c"})
    rules = Constraints.from_corrections([("split", a, b), ("merge", a, b)])
    assert rules.apart == ()
    assert frozenset({"a", "b", "c"}) in rules.together


def test_constraints_merge_keeps_unrelated_splits() -> None:
    rules = Constraints.from_corrections(
        [
            ("split", frozenset({"x"}), frozenset({"y"})),
            ("merge", frozenset({"a"}), frozenset({"b"})),
        ]
    )
    assert rules.apart == ((frozenset({"x"}), frozenset({"y"})),)
    assert frozenset({"a", "b"}) in rules.together


# -- blocking -------------------------------------------------------------------------------


def test_blocking_keys_are_named_participants_and_heavy_stems() -> None:
    item = feat(
        "a",
        "لقاء وزير",
        entities=["per-salem", "org-council", "country-xx", "name:رجل"],
    )
    assert sorted(blocking_keys(item, PARAMS)) == sorted(
        ["e:per-salem", "e:org-council", "t:لقاء", "t:وزير"]
    )


def test_blocking_keys_take_only_the_heaviest_stems() -> None:
    terms = {f"stem{i}": 10.0 - i for i in range(8)} | {"light": 0.2}
    item = dataclasses.replace(feat("a"), terms=_unit(terms))
    keys = blocking_keys(item, PARAMS)
    assert keys == [f"t:stem{i}" for i in range(PARAMS.block_stems)]
    assert "t:light" not in keys  # under block_min_idf_weight even with room


def test_pair_sharing_nothing_is_no_candidate() -> None:
    items = [
        feat("a", MEETING, entities=["per-salem"], event="2023-03-14"),
        feat("b", PARK, entities=["per-rana"], event="2023-03-14"),
    ]
    assert candidate_pairs(items, PARAMS) == set()
    assert ids(cluster_events(items)) == [["a"], ["b"]]


def test_pair_sharing_only_a_country_or_an_unidentified_name_is_no_candidate() -> None:
    items = [
        feat("a", MEETING, entities=["country-xx", "name:رجل"]),
        feat("b", PARK, entities=["country-xx", "name:رجل"]),
    ]
    assert candidate_pairs(items, PARAMS) == set()


def test_pair_sharing_a_participant_or_a_stem_is_a_candidate() -> None:
    person = [feat("a", MEETING, entities=["per-salem"]), feat("b", PARK, entities=["per-salem"])]
    assert candidate_pairs(person, PARAMS) == {(0, 1)}
    stem = [feat("a", "لقاء وزير"), feat("b", "لقاء حديق")]
    assert candidate_pairs(stem, PARAMS) == {(0, 1)}


def test_candidates_are_near_in_time_unless_undated() -> None:
    items = [
        feat("a", MEETING, event="2023-03-10"),
        feat("b", MEETING, published="2023-03-13"),  # 3 days: inside the window
        feat("c", MEETING, event="2023-03-17"),  # 4 days after b
        feat("d", MEETING),  # undated: pairs with all
    ]
    assert candidate_pairs(items, PARAMS) == {(0, 1), (0, 3), (1, 3), (2, 3)}


# -- clustering -----------------------------------------------------------------------------


def test_similar_same_day_articles_form_one_event() -> None:
    items = [
        feat("b", MEETING, entities=["per-salem", "per-rana"], event="2023-03-14"),
        feat("a", MEETING + " زيار", entities=["per-salem", "per-rana"], published="2023-03-14"),
        feat("c", PARK, entities=["org-council"], event="2023-03-14"),
    ]
    assert similarity_matrix(items[:2], PARAMS)[0, 1] >= PARAMS.threshold
    assert cluster_events(items) == [("a", ["a", "b"]), ("c", ["c"])]


# two outlets' reports of one happening in their own words: few shared stems
SWEEP = "اقتحام حي ميناء قوات"
SWEEP_OTHER = "عملي امني ميناء اعتقال"
_SWEEP_PLACE = ["city-harbor", "per-salem", "country-xx"]


def _sweep_reports(**second: str) -> list[EventFeatures]:
    return [
        feat("a", SWEEP, entities=_SWEEP_PLACE, event="2023-03-14", outlet="one"),
        feat(
            "b",
            SWEEP_OTHER,
            entities=second.get("entities", "city-harbor per-rana").split(),
            event=second.get("event", "2023-03-14"),
            outlet=second.get("outlet", "two"),
        ),
    ]


def test_two_outlets_stating_one_day_and_one_place_form_one_event() -> None:
    items = _sweep_reports()
    without = ClusterParams(same_day_place_bonus=0.0)
    assert ids(cluster_events(items, params=without)) == [["a"], ["b"]]
    assert ids(cluster_events(items)) == [["a", "b"]]
    bonus = similarity_matrix(items, PARAMS)[0, 1] - similarity_matrix(items, without)[0, 1]
    assert bonus == pytest.approx(PARAMS.same_day_place_bonus)


@pytest.mark.parametrize(
    "second",
    [
        {"event": "2023-03-15"},  # another day
        {"entities": "per-rana country-xx"},  # only the whole country in common
        {"entities": "loc-valley per-rana"},  # another place
        {"outlet": "one"},  # one outlet twice: its two reports are seldom of one happening
    ],
)
def test_no_same_day_and_place_bonus_without_both(second: dict[str, str]) -> None:
    items = _sweep_reports(**second)
    without = ClusterParams(same_day_place_bonus=0.0)
    assert similarity_matrix(items, PARAMS)[0, 1] == similarity_matrix(items, without)[0, 1]
    assert len(cluster_events(items)) == 2


def test_near_identical_articles_ten_days_apart_stay_apart() -> None:
    items = [
        feat("a", MEETING, entities=["per-salem", "per-rana"], event="2023-03-04"),
        feat("b", MEETING, entities=["per-salem", "per-rana"], event="2023-03-14"),
    ]
    assert similarity_matrix(items, PARAMS)[0, 1] == pytest.approx(1)
    assert ids(cluster_events(items)) == [["a"], ["b"]]


def test_undated_article_cannot_chain_two_dated_events() -> None:
    people = ["per-salem", "per-rana"]
    items = [
        feat("a", MEETING, entities=people, event="2023-03-04"),
        feat("b", MEETING, entities=people, event="2023-03-14"),
        feat("c", MEETING, entities=people),
    ]
    events = cluster_events(items)
    assert len(events) == 2
    assert {component for component, _ in events} == {"a"}  # one linked set
    assert not any({"a", "b"} <= set(members) for _, members in events)
    assert sorted(i for _, members in events for i in members) == ["a", "b", "c"]


def test_average_link_does_not_chain_through_a_bridge() -> None:
    # b is close to a and to c, which share nothing: once b joins one, the other stays out
    items = [feat("a", "لقاء وزير"), feat("b", "لقاء وزير حديق بلدي"), feat("c", "حديق بلدي")]
    scores = similarity_matrix(items, PARAMS)
    assert scores[0, 1] >= PARAMS.threshold and scores[1, 2] >= PARAMS.threshold
    assert scores[0, 2] == 0
    assert cluster_events(items) == [("a", ["a", "b"]), ("a", ["c"])]


def _naive_average_link(items: list[EventFeatures]) -> list[list[int]]:
    """Average-link as defined: at each step the allowed pair of clusters with the highest
    mean pair score (to nine decimals; the first such pair in cluster order), while it
    reaches the threshold."""
    scores = similarity_matrix(items, PARAMS)
    clusters = [[i] for i in range(len(items))]
    while True:
        best: tuple[float, int, int] | None = None
        for a, b in itertools.combinations(range(len(clusters)), 2):
            pairs = [(i, j) for i in clusters[a] for j in clusters[b]]
            if any(dates_conflict(items[i], items[j], PARAMS) for i, j in pairs):
                continue
            average = round(sum(scores[i, j] for i, j in pairs) / len(pairs), 9)
            if average >= PARAMS.threshold and (best is None or average > best[0]):
                best = (average, a, b)
        if best is None:
            return clusters
        _, a, b = best
        clusters[a] = sorted(clusters[a] + clusters[b])
        del clusters[b]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sets(st.sampled_from(["لقاء", "وزير", "حديق", "بلدي", "ميناء", "مطر"]), min_size=1),
            st.sampled_from(["2023-03-14", "2023-03-15", "2023-03-20", None]),
            st.sampled_from(["one", "two", "three"]),
            st.sets(st.sampled_from(["city-harbor", "per-salem", "per-rana"])),
        ),
        min_size=2,
        max_size=9,
    )
)
def test_average_link_matches_its_definition(
    rows: list[tuple[set[str], str | None, str, set[str]]],
) -> None:
    items = [
        feat(
            f"a{index:02d}",
            " ".join(sorted(words)),
            event=day,
            outlet=outlet,
            entities=sorted(entities),
        )
        for index, (words, day, outlet, entities) in enumerate(rows)
    ]
    assert _average_link(items, PARAMS, Constraints()) == _naive_average_link(items)


def test_threshold_decides_the_link() -> None:
    items = [feat("a", "لقاء وزير"), feat("b", "لقاء وزير حديق بلدي")]
    assert ids(cluster_events(items)) == [["a", "b"]]
    assert ids(cluster_events(items, params=ClusterParams(threshold=0.9))) == [["a"], ["b"]]


def test_together_constraint_joins_dissimilar_articles() -> None:
    items = [
        feat("a", MEETING, event="2023-03-14"),
        feat("b", PARK, event="2023-03-14"),
        feat("c", "مطر عاصف فيضان", event="2023-03-14"),
    ]
    assert ids(cluster_events(items)) == [["a"], ["b"], ["c"]]
    rules = Constraints(together=(frozenset({"a", "b", "missing"}),))
    assert cluster_events(items, constraints=rules) == [("a", ["a", "b"]), ("c", ["c"])]


def test_together_constraint_overrides_a_date_conflict() -> None:
    items = [feat("a", MEETING, event="2023-03-04"), feat("b", MEETING, event="2023-03-14")]
    rules = Constraints(together=(frozenset({"a", "b"}),))
    assert cluster_events(items, constraints=rules) == [("a", ["a", "b"])]


def test_apart_constraint_splits_similar_articles() -> None:
    people = ["per-salem", "per-rana"]
    items = [
        feat("a", MEETING, entities=people, event="2023-03-14"),
        feat("b", MEETING, entities=people, event="2023-03-14"),
        feat("c", MEETING, entities=people, event="2023-03-14"),
    ]
    assert ids(cluster_events(items)) == [["a", "b", "c"]]
    rules = Constraints(apart=((frozenset({"a"}), frozenset({"b", "c"})),))
    assert cluster_events(items, constraints=rules) == [("a", ["a"]), ("a", ["b", "c"])]


def test_corrections_in_order_decide_the_clusters() -> None:
    similar = [feat("a", MEETING, event="2023-03-14"), feat("b", MEETING, event="2023-03-14")]
    a, b = frozenset({"a"}), frozenset({"b"})
    split_last = Constraints.from_corrections([("merge", a, b), ("split", a, b)])
    assert ids(cluster_events(similar, constraints=split_last)) == [["a"], ["b"]]
    unlike = [feat("a", MEETING, event="2023-03-14"), feat("b", PARK, event="2023-03-14")]
    merge_last = Constraints.from_corrections([("split", a, b), ("merge", a, b)])
    assert ids(cluster_events(unlike, constraints=merge_last)) == [["a", "b"]]


def test_cluster_events_of_nothing_and_of_one() -> None:
    assert cluster_events([]) == []
    assert cluster_events([feat("a", MEETING)]) == [("a", ["a"])]


# -- event ids ------------------------------------------------------------------------------


def test_event_id_is_stable_when_membership_is_unchanged() -> None:
    previous = {"a": "ev-old", "b": "ev-old", "c": "ev-other"}
    result = assign_event_ids([["a", "b"], ["c"]], previous, {"ev-old": 1, "ev-other": 2}, set())
    assert result.ids == ("ev-old", "ev-other")
    assert result.aliases == {}


def test_oldest_id_survives_a_merge_and_the_other_becomes_an_alias() -> None:
    previous = {"a": "ev-young", "b": "ev-young", "c": "ev-young", "d": "ev-aged"}
    age = {"ev-aged": 1, "ev-young": 7}
    result = assign_event_ids([["a", "b", "c", "d"]], previous, age, {"ev-aged", "ev-young"})
    assert result.ids == ("ev-aged",)
    assert result.aliases == {"ev-young": "ev-aged"}


def test_split_keeps_the_id_on_the_larger_part() -> None:
    previous = dict.fromkeys("abcde", "ev-1")
    taken = {"ev-1"}
    result = assign_event_ids([["d", "e"], ["a", "b", "c"]], previous, {"ev-1": 0}, taken)
    assert result.ids[1] == "ev-1"
    assert result.ids[0].startswith("ev-") and result.ids[0] not in taken
    assert result.ids[0] == new_event_id("d", taken | {"ev-1"})
    assert result.aliases == {}


def test_new_ids_never_collide() -> None:
    first = new_event_id("a", set())
    assert re.fullmatch(r"ev-[0-9a-f]{12}", first)
    assert new_event_id("a", set()) == first  # derived from the first article id
    second = new_event_id("a", {first})
    assert second != first and second.startswith("ev-")
    result = assign_event_ids([["a"], ["b"]], {}, {}, {first})
    assert first not in result.ids
    assert len(set(result.ids)) == 2
    assert result.ids == (second, new_event_id("b", {first, second}))


def test_moved_articles_do_not_take_their_id_along() -> None:
    previous = {"a": "ev-1", "b": "ev-1", "c": "ev-2", "d": "ev-2", "e": "ev-2"}
    age = {"ev-1": 1, "ev-2": 2}
    # c and d join ev-1's articles; ev-2 stays with e
    result = assign_event_ids([["a", "b", "c", "d"], ["e"]], previous, age, {"ev-1", "ev-2"})
    assert result.ids == ("ev-1", "ev-2")
    assert result.aliases == {}


def test_retired_id_aliases_the_event_holding_most_of_its_articles() -> None:
    previous = {"a": "ev-1", "b": "ev-2", "c": "ev-2", "d": "ev-3", "e": "ev-3", "f": "ev-3"}
    age = {"ev-1": 1, "ev-2": 2, "ev-3": 3}
    clusters = [["a", "d", "e", "x"], ["b", "c", "f"]]
    result = assign_event_ids(clusters, previous, age, {"ev-1", "ev-2", "ev-3"})
    assert result.ids == ("ev-1", "ev-2")
    assert result.aliases == {"ev-3": "ev-1"}


# -- event records --------------------------------------------------------------------------


def test_event_date_prefers_the_most_supported_full_date() -> None:
    members = [
        feat("a", event="2023-03-14", confidence=0.9),
        feat("b", event="2023-03-14", confidence=0.7),
        feat("c", event="2023-03-13", confidence=1.0),
        feat("d", event="XXXX-WXX-1"),
        feat("e"),
    ]
    found = event_date(members)
    assert found is not None
    assert (found.value, found.granularity) == ("2023-03-14", "day")
    assert found.confidence == pytest.approx(2 / 3 * 0.8)


def test_event_date_ties_go_to_the_earlier_day() -> None:
    found = event_date([feat("a", event="2023-03-14"), feat("b", event="2023-03-13")])
    assert found == EventDate("2023-03-13", "day", 0.5)


def test_event_date_falls_back_to_an_unsure_weekday() -> None:
    found = event_date([feat("a", event="XXXX-WXX-2"), feat("b"), feat("c", event="XXXX-WXX-4")])
    assert found is not None
    assert (found.value, found.granularity) == ("XXXX-WXX-2", "weekday")
    assert found.confidence < 0.5
    many = event_date([feat(name, event="XXXX-WXX-5") for name in "abcdef"])
    assert many is not None and many.confidence < 0.5


def test_event_date_month_or_nothing() -> None:
    found = event_date([feat("a", event="2023-03"), feat("b")])
    assert found is not None and (found.value, found.granularity) == ("2023-03", "month")
    assert event_date([feat("a"), feat("b")]) is None


def test_build_event_ranks_participants_by_article_count() -> None:
    members = [
        feat(
            "a",
            MEETING,
            title="سالم حداد يلتقي رنا خوري",
            entities=["per-salem", "per-rana", "city-harbor"],
            published="2023-03-14T10:00:00",
            outlet="alpha",
        ),
        feat(
            "b",
            MEETING,
            entities=["per-salem", "org-council", "per-omar", "country-xx"],
            mentions={"per-omar": 9},
            published="2023-03-14T08:00:00",
            outlet="beta",
        ),
        feat("c", MEETING, entities=["per-salem", "org-council", "name:شخص"], event="2023-03-14"),
    ]
    event = build_event("ev-1", members, aliases=["ev-z", "ev-b"])
    # salem in three articles, the council in two; with one article each, omar's nine
    # mentions put him before rana; a name without an id and a country are no participants
    assert [p.id for p in event.participants] == [
        "per-salem",
        "org-council",
        "per-omar",
        "per-rana",
    ]
    assert event.participants[0] == EventEntity("per-salem", "Salem Haddad", "سالم حداد", "PER")
    assert event.place == EventEntity("city-harbor", "Harbor City", "مدينة الميناء", "GPE")
    assert event.date == EventDate("2023-03-14", "day", 1.0)
    assert event.aliases == ("ev-b", "ev-z")
    # published first, undated last
    assert [item.id for item in event.articles] == ["b", "a", "c"]
    assert event.articles[0].outlet == Outlet("beta", "BETA")
    assert event.articles[2].outlet is None
    # equally central titles: the earliest published article's
    assert event.title == "عنوان b"


def test_build_event_caps_participants_and_falls_back_to_a_country_place() -> None:
    people = [f"per-{i}" for i in range(MAX_PARTICIPANTS + 3)]
    event = build_event("ev-1", [feat("a", entities=[*people, "country-xx"])])
    assert len(event.participants) == MAX_PARTICIPANTS
    assert event.place == EventEntity("country-xx", "Xland", "إكسلاند", "GPE")
    assert build_event("ev-2", [feat("a")]).place is None


def test_build_event_place_may_be_a_town_the_gazetteer_lacks() -> None:
    NAMES["name:كفر الرمان"] = ("GPE", "", "كفر الرمان")
    try:
        town = ["name:كفر الرمان"]
        # the unlisted town in both articles beats a listed city named by one
        members = [feat("a", entities=[*town, "city-harbor"]), feat("b", entities=town)]
        assert build_event("ev-1", members).place == EventEntity(None, "", "كفر الرمان", "GPE")
        # named by as many articles, the listed place comes first
        tie = [feat("a", entities=[*town, "city-harbor"]), feat("b", entities=[])]
        assert build_event("ev-2", tie).place == EventEntity(
            "city-harbor", "Harbor City", "مدينة الميناء", "GPE"
        )
    finally:
        del NAMES["name:كفر الرمان"]


def test_build_event_takes_an_unlisted_participant_that_two_articles_name() -> None:
    twice, once = "name:سامر العطار", "name:شخص"
    members = [
        feat("a", entities=[twice, once, "per-rana"]),
        feat("b", entities=[twice, "per-rana"]),
    ]
    event = build_event("ev-1", members)
    # listed before unlisted at equal counts; a name one article gives is left out
    assert [(p.id, p.name_ar) for p in event.participants] == [
        ("per-rana", "رنا خوري"),
        (None, twice),
    ]


def test_build_event_lists_duplicate_groups_only_within_the_event() -> None:
    members = [feat("a"), feat("b"), feat("c")]
    duplicates = [["a", "b"], ["c", "zz"], ["c"], ["a", "b", "c"]]
    event = build_event("ev-1", members, duplicates=duplicates)
    assert event.duplicates == (("a", "b"), ("a", "b", "c"))


def _event(event_id: str, *people: str) -> Event:
    return Event(
        id=event_id,
        title=None,
        date=None,
        place=None,
        participants=tuple(EventEntity(p, NAMES[p][1], NAMES[p][2], NAMES[p][0]) for p in people),
        articles=(),
    )


def test_link_related_needs_the_two_main_people() -> None:
    events = [
        _event("ev-1", "per-salem", "per-rana", "per-omar"),
        _event("ev-2", "per-rana", "per-salem"),
        _event("ev-3", "per-salem", "per-omar", "per-rana"),  # shares only salem at the top
        _event("ev-4", "per-salem"),
        _event("ev-5", "per-salem", "per-rana", "per-lina"),
    ]
    related = {event.id: event.related for event in link_related(events)}
    assert related == {
        "ev-1": ("ev-2", "ev-5"),
        "ev-2": ("ev-1", "ev-5"),
        "ev-3": (),
        "ev-4": (),
        "ev-5": ("ev-1", "ev-2"),
    }
    # the records are otherwise unchanged
    assert [dataclasses.replace(e, related=()) for e in link_related(events)] == events


def test_link_related_counts_people_not_organisations() -> None:
    events = [
        _event("ev-1", "per-salem", "org-council"),
        _event("ev-2", "per-salem", "org-council"),
    ]
    assert [event.related for event in link_related(events)] == [(), ()]
