"""Acceptance of issue 5 on the five seed articles: three events, whatever the order."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.grouping import list_events
from marsad.jobs import analyze_paths
from marsad.model import Event
from marsad.store.sqlite import Store

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
CFG = Settings(today="2026-11-23")

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (../shared is absent)"
)


def _seed(name: str) -> Path:
    return next(SEEDS.glob(f"{name}_*.txt"))


def _memberships(events: list[Event]) -> set[frozenset[str]]:
    return {frozenset(Path(a.source).name[:3] for a in event.articles) for event in events}


def _analyze_in_order(db: Path, order: tuple[str, ...]) -> list[Event]:
    with Store(db) as store:
        for name in order:
            analyze_paths([str(_seed(name))], store, CFG)
        return list_events(store)


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Event]:
    db = tmp_path_factory.mktemp("seed-events") / "seeds.db"
    with Store(db) as store:
        analyze_paths([str(SEEDS)], store, CFG)
        events = list_events(store)
    return {min(Path(a.source).name[:3] for a in event.articles): event for event in events}


def test_seeds_form_exactly_three_events(seed_events: dict[str, Event]) -> None:
    assert _memberships(list(seed_events.values())) == {
        frozenset({"000", "002", "004"}),
        frozenset({"001"}),
        frozenset({"003"}),
    }


def test_seed_event_dates(seed_events: dict[str, Event]) -> None:
    moscow_2021, shoigu, wednesday = seed_events["000"], seed_events["001"], seed_events["003"]
    assert moscow_2021.date is not None and moscow_2021.date.value == "2021-09-13"
    assert shoigu.date is not None and shoigu.date.value == "2020-03-23"
    # A Wednesday, year unknown from the text: shown, and marked unsure.
    assert wednesday.date is not None
    assert (wednesday.date.value, wednesday.date.granularity) == ("XXXX-WXX-3", "weekday")
    assert wednesday.date.confidence < 0.5


def test_two_moscow_meetings_are_one_story_arc(seed_events: dict[str, Event]) -> None:
    moscow_2021, shoigu, wednesday = seed_events["000"], seed_events["001"], seed_events["003"]
    assert moscow_2021.related == (wednesday.id,)
    assert wednesday.related == (moscow_2021.id,)
    assert shoigu.id not in moscow_2021.related
    assert {p.id for p in moscow_2021.participants} >= {"bashar-al-assad", "vladimir-putin"}
    assert moscow_2021.place is not None and moscow_2021.place.name_en == "Moscow"
    assert shoigu.place is not None and shoigu.place.name_en == "Damascus"


def test_seed_event_json_contract(seed_events: dict[str, Event]) -> None:
    data = seed_events["000"].to_dict()
    assert set(data) == {
        "schema_version",
        "id",
        "aliases",
        "title",
        "date",
        "place",
        "participants",
        "articles",
        "duplicates",
        "related",
    }
    assert set(data["date"]) == {"value", "granularity", "confidence"}
    assert {a["id"] for a in data["articles"]} == {a.id for a in seed_events["000"].articles}
    assert Event.from_dict(data) == seed_events["000"]


ORDERS = [
    ("000", "001", "002", "003", "004"),
    ("004", "003", "002", "001", "000"),
    ("002", "003", "000", "004", "001"),
    *random.Random(5).sample(list(itertools.permutations(["000", "001", "002", "003", "004"])), 3),
]


@pytest.mark.parametrize("order", ORDERS, ids="-".join)
def test_seeds_one_at_a_time_in_any_order_give_the_same_events(
    order: tuple[str, ...], tmp_path: Path, seed_events: dict[str, Event]
) -> None:
    events = _analyze_in_order(tmp_path / "one-by-one.db", order)
    assert _memberships(events) == _memberships(list(seed_events.values()))


def test_event_ids_are_stable_when_the_same_files_are_analysed_again(tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    first = _analyze_in_order(db, ("000", "001", "002", "003", "004"))
    again = _analyze_in_order(db, ("000", "001", "002", "003", "004"))
    assert {e.id for e in first} == {e.id for e in again}
