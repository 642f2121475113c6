"""Acceptance of issue 6 on the seeds: claims across outlets, their sources and checks, and
framing evidence by voice."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.compare.event import EventComparison
from marsad.config import Settings
from marsad.grouping import compare_stored_event, list_events
from marsad.jobs import analyze_paths
from marsad.store.sqlite import Store

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
CFG = Settings(today="2026-11-23")

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (../shared is absent)"
)


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, EventComparison]:
    """Each seed event's comparison, keyed by its first seed number."""
    db = tmp_path_factory.mktemp("compare") / "seeds.db"
    with Store(db) as store:
        analyze_paths([str(SEEDS)], store, CFG)
        return {
            min(Path(a.source).name[:3] for a in event.articles): compare_stored_event(
                store, event.id, CFG
            )
            for event in list_events(store)
        }


def _seed_of(comparison: EventComparison) -> dict[str, str]:
    return {a.id: Path(a.source).name[:3] for a in comparison.event.articles}


def test_duration_figures_reported_by_two_outlets_and_credited(
    compared: dict[str, EventComparison],
) -> None:
    moscow = compared["000"]
    seed = _seed_of(moscow)
    for figure in (90, 45):
        claim = next(
            c for c in moscow.claims if c.basis == "figure" and c.values[0]["value"] == figure
        )
        assert claim.kind == "corroborated"
        assert {seed[e.article_id] for e in claim.evidence} == {"000", "002"}
        assert len(claim.voices) == 2
        credited = {(seed[s["article_id"]], s["name_en"]) for s in claim.cited_sources}
        assert ("000", "Sputnik") in credited
    (check,) = moscow.checks
    assert check["total"]["value"] == 135 and check["consistent"]
    assert sorted(part["value"] for part in check["parts"]) == [45, 90]


def test_each_event_place_as_its_articles_state_it(
    compared: dict[str, EventComparison],
) -> None:
    """Moscow for the 2021 meeting (002 names Moscow only as where its sources sit, so it
    does not count), Damascus for Shoigu's visit; no event has a place conflict."""
    places = {
        first: [c for c in comparison.claims if c.basis == "place"]
        for first, comparison in compared.items()
    }
    (moscow,) = places["000"]
    seed = _seed_of(compared["000"])
    assert moscow.kind == "corroborated"
    assert [v["value"] for v in moscow.values] == ["city-moscow"]
    assert {seed[e.article_id] for e in moscow.evidence} == {"000", "004"}
    (damascus,) = places["001"]
    assert damascus.kind == "single" and damascus.values[0]["value"] == "city-damascus"
    assert not [c for claims in places.values() for c in claims if c.kind == "conflict"]


@pytest.mark.parametrize(
    "words", ["محطات الكهرباء|المحطات الكهربائية", "القمح", "آستانة|أستانة", "الدستور"]
)
def test_discussed_items_are_claims_of_both_outlets(
    compared: dict[str, EventComparison], words: str
) -> None:
    moscow = compared["000"]
    seed = _seed_of(moscow)
    claims = [
        c
        for c in moscow.claims
        if c.basis == "statement" and any(w in e.text for e in c.evidence for w in words.split("|"))
    ]
    assert any({"000", "002"} <= {seed[e.article_id] for e in c.evidence} for c in claims), [
        (c.text, c.kind) for c in claims
    ]


def _terms(comparison: EventComparison, seed: str, voice: str) -> set[str]:
    number = _seed_of(comparison)
    return {m.text for m in comparison.marks if number[m.article_id] == seed and m.voice == voice}


def test_framing_evidence_by_voice(compared: dict[str, EventComparison]) -> None:
    moscow = compared["000"]
    assert "ميليشياته" in _terms(moscow, "000", "own")
    assert "الإرهابيين" in _terms(moscow, "000", "attributed")
    assert {"تحرير", "الرئيس الأسد"} <= _terms(moscow, "002", "own")
    assert {"رئيس النظام", "وكالة أنباء النظام"} <= _terms(moscow, "004", "own")
    assert "تحرير" in _terms(moscow, "004", "quoted")
    assert "تحرير" not in _terms(moscow, "004", "own")
    assert "رأس النظام" in _terms(compared["001"], "001", "own")


def test_context_dependent_terms_are_not_counted_for_a_side(
    compared: dict[str, EventComparison],
) -> None:
    moscow = compared["000"]
    control = [m for m in moscow.marks if "سيطر" in m.text]
    assert control and all(m.entry.side == "context" for m in control)
    assert all(m.sentence for m in control)  # shown with their sentence


def test_summary_cites_articles_and_has_no_near_duplicates(
    compared: dict[str, EventComparison],
) -> None:
    summary = compared["000"].summary
    assert 3 <= len(summary) <= 6
    assert all(sentence.evidence and sentence.voices for sentence in summary)
    texts = [sentence.text for sentence in summary]
    assert len(set(texts)) == len(texts)


def test_event_json_carries_the_comparison(compared: dict[str, EventComparison]) -> None:
    data = compared["000"].to_dict()
    assert {"sources", "claims", "quotes", "framing", "summary"} <= set(data)
    row = data["sources"][0]
    assert set(row) == {
        "article_id",
        "outlet",
        "published",
        "title",
        "cited_sources",
        "copy_of",
        "framing",
    }
    claim = data["claims"][0]
    assert {"text", "kind", "values", "outlets", "cited_sources", "articles"} <= set(claim)
    assert claim["kind"] in ("corroborated", "single", "conflict")


@pytest.mark.parametrize("width", [80, 200])
def test_seed_event_in_the_terminal_keeps_each_source_readable(
    compared: dict[str, EventComparison], width: int
) -> None:
    from rich.console import Console

    from marsad.report.terminal import print_event

    console = Console(width=width, record=True, color_system=None)
    print_event(console, compared["000"])
    lines = console.export_text().splitlines()
    # every article's outlet (or "unknown outlet") is shown, whole: in a narrow terminal on
    # its own line, in a wide one inside the table
    for source in compared["000"].sources:
        name = source["outlet"]["name"] if source["outlet"] else "unknown outlet"
        assert any(name in line for line in lines), (width, name)
        if width == 80:
            assert name in [line.strip() for line in lines]
