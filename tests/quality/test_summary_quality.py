"""Quality gate for event summaries: ROUGE against reference summaries written for 48
multi-outlet events of the ANT event gold set (tests/data/summaries-ant-gold.jsonl), beside
the lead-3 baseline. Tuned on dev; test scored once at the end (docs/quality.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.evaluate.summaries import read_summary_gold, score_summaries
from marsad.grouping import summary_systems
from marsad.jobs import analyze_paths, read_wanted_ids
from marsad.store.sqlite import Store

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ANT = DATA / "ant-corpus-v2.1" / "antcorpus.multisource.data.tar.gz"
GOLD = Path(__file__).resolve().parents[1] / "data" / "summaries-ant-gold.jsonl"
CFG = Settings(period="2018..2018", today="2026-11-23")

pytestmark = pytest.mark.skipif(not ANT.exists(), reason=f"{ANT} not found (../shared is absent)")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("summaries") / "gold.db")
    analyze_paths([str(ANT)], store, CFG, only=read_wanted_ids(GOLD))
    return store


@pytest.mark.parametrize(("split", "floor"), [("dev", 0.155), ("test", 0.13)])
def test_quality_summaries_beat_lead_3(store: Store, split: str, floor: float) -> None:
    gold = [item for item in read_summary_gold(GOLD) if item.split == split]
    assert len(gold) == 24
    scores = score_summaries(gold, summary_systems(store, CFG))
    marsad, lead = scores["marsad"], scores["lead-3"]
    assert marsad["rouge2"]["f1"] >= floor, scores
    assert marsad["rouge2"]["f1"] > lead["rouge2"]["f1"], scores
    assert marsad["rouge1"]["f1"] > lead["rouge1"]["f1"], scores
