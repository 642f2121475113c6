"""Quality gate for named entities on real data (../shared/data), against pinned floors.

The default backend (gazetteer + rules) on the ANT news gold set (tests/data, labels
only; dev and held-out test halves) and on the Wojood validation part; a CRF trained on
AQMAR + Wojood train, scored on Wojood validation. Figures: docs/quality.md. Floors sit a
little under the measured values; lower one only on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.evaluate.ner import (
    gazetteer_coverage,
    in_article,
    read_bio,
    read_standoff,
    score_ner,
    standoff_articles,
)
from marsad.extract.entities import entity_spans, find_entities
from marsad.extract.gazetteer import load_gazetteer
from marsad.extract.ner_backends import CrfTagger, train_crf

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ANT = DATA / "ant-corpus-v2.1" / "antcorpus.multisource.data.tar.gz"
TEST_DATA = Path(__file__).resolve().parents[1] / "data"
GOLD = TEST_DATA / "ner-ant-gold.jsonl"
HELDOUT = TEST_DATA / "ner-ant-heldout.jsonl"
HELDOUT_2 = TEST_DATA / "ner-ant-heldout2.jsonl"
HELDOUT_3 = TEST_DATA / "ner-ant-heldout3.jsonl"
HELDOUT_4 = TEST_DATA / "ner-ant-heldout4.jsonl"
HELDOUT_5 = TEST_DATA / "ner-ant-heldout5.jsonl"
HELDOUT_6 = TEST_DATA / "ner-ant-heldout6.jsonl"
HELDOUT_7 = TEST_DATA / "ner-ant-heldout7.jsonl"
WOJOOD = DATA / "wojood-sample"
AQMAR = DATA / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.txt"


def _needs(*paths: Path) -> pytest.MarkDecorator:
    missing = [str(path) for path in paths if not path.exists()]
    return pytest.mark.skipif(bool(missing), reason=f"not found (../shared is absent): {missing}")


@_needs(ANT)
@pytest.mark.parametrize(
    ("split", "floors"),
    [
        ("dev", {"overall": 0.87, "PER": 0.91, "GPE": 0.88, "ORG": 0.85}),
        ("test", {"overall": 0.80, "PER": 0.86, "GPE": 0.82, "ORG": 0.86}),
    ],
)
def test_quality_entities_ant_news(split: str, floors: dict[str, float]) -> None:
    sentences = read_standoff(GOLD, ANT, split=split)
    assert len(sentences) == 32
    scores = score_ner(sentences, entity_spans, merge_gpe_loc=False).to_dict()
    assert scores["overall"]["f1"] >= floors["overall"], scores["overall"]
    for kind in ("PER", "GPE", "ORG"):
        assert scores["per_type"][kind]["f1"] >= floors[kind], (kind, scores["per_type"][kind])


def _resolved(text: str) -> list[tuple[int, int, str | None]]:
    return [(e.start, e.end, e.id) for e in find_entities(text, gazetteer=load_gazetteer())]


@_needs(ANT)
def test_quality_entities_ant_heldout_set() -> None:
    """The second ANT set, annotated before session 4's entity work, scored at its end and
    used as a development set in session 5 (docs/quality.md): floors under the last
    scoring, and the gazetteer coverage of its PER/GPE mentions."""
    sentences = read_standoff(HELDOUT, ANT, split="test")
    assert len(sentences) == 50
    scores = score_ner(sentences, entity_spans, merge_gpe_loc=False).to_dict()
    assert scores["overall"]["f1"] >= 0.85, scores["overall"]
    floors = {"PER": 0.83, "GPE": 0.92, "ORG": 0.81}
    for kind, floor in floors.items():
        assert scores["per_type"][kind]["f1"] >= floor, (kind, scores["per_type"][kind])
    coverage = gazetteer_coverage(sentences, _resolved)
    assert coverage.mentions == 104
    assert coverage.share >= 0.83, coverage


@_needs(ANT)
@pytest.mark.parametrize(
    ("gold", "mentions", "read_in_article", "floors"),
    [
        (
            HELDOUT_2,
            101,
            False,
            {"overall": 0.80, "PER": 0.66, "GPE": 0.92, "ORG": 0.70, "cov": 0.80},
        ),
        (
            HELDOUT_2,
            101,
            True,
            {"overall": 0.84, "PER": 0.85, "GPE": 0.91, "ORG": 0.70, "cov": 0.89},
        ),
        (
            HELDOUT_3,
            100,
            False,
            {"overall": 0.80, "PER": 0.79, "GPE": 0.85, "ORG": 0.80, "cov": 0.75},
        ),
        (
            HELDOUT_3,
            100,
            True,
            {"overall": 0.82, "PER": 0.85, "GPE": 0.85, "ORG": 0.80, "cov": 0.78},
        ),
        (
            HELDOUT_4,
            103,
            False,
            {"overall": 0.84, "PER": 0.83, "GPE": 0.92, "ORG": 0.78, "cov": 0.85},
        ),
        (
            HELDOUT_4,
            103,
            True,
            {"overall": 0.86, "PER": 0.92, "GPE": 0.92, "ORG": 0.78, "cov": 0.90},
        ),
        (
            HELDOUT_5,
            136,
            False,
            {"overall": 0.88, "PER": 0.84, "GPE": 0.96, "ORG": 0.78, "cov": 0.86},
        ),
        (
            HELDOUT_5,
            136,
            True,
            {"overall": 0.89, "PER": 0.86, "GPE": 0.96, "ORG": 0.78, "cov": 0.88},
        ),
        (
            HELDOUT_6,
            97,
            False,
            {"overall": 0.84, "PER": 0.86, "GPE": 0.95, "ORG": 0.72, "cov": 0.85},
        ),
        (
            HELDOUT_6,
            97,
            True,
            {"overall": 0.85, "PER": 0.92, "GPE": 0.94, "ORG": 0.72, "cov": 0.89},
        ),
        (
            HELDOUT_7,
            107,
            False,
            {"overall": 0.83, "PER": 0.79, "GPE": 0.97, "ORG": 0.73, "cov": 0.85},
        ),
        (
            HELDOUT_7,
            107,
            True,
            {"overall": 0.87, "PER": 0.91, "GPE": 0.97, "ORG": 0.73, "cov": 0.94},
        ),
    ],
)
def test_quality_entities_ant_later_sets(
    gold: Path, mentions: int, read_in_article: bool, floors: dict[str, float]
) -> None:
    """The third ANT set (session 5), the fourth (session 6), the fifth (session 7), the
    sixth (session 8), the seventh (session 9) and the eighth (session 10), each annotated
    while that session's entity rules were written and scored once at its end, each
    paragraph alone and inside its whole article (as ``marsad analyze`` reads it); the third
    set was a development set in session 6, the floors of the fifth and later follow the
    fixes made after their single scoring (docs/quality.md gives both figures)."""
    sentences = read_standoff(gold, ANT)
    assert len(sentences) == 50
    articles = standoff_articles(gold, ANT)
    backend = in_article(entity_spans, articles)
    scores = score_ner(
        sentences, backend if read_in_article else entity_spans, merge_gpe_loc=False
    ).to_dict()
    assert scores["overall"]["f1"] >= floors["overall"], scores["overall"]
    for kind in ("PER", "GPE", "ORG"):
        assert scores["per_type"][kind]["f1"] >= floors[kind], (kind, scores["per_type"][kind])
    coverage = gazetteer_coverage(
        sentences, in_article(_resolved, articles) if read_in_article else _resolved
    )
    assert coverage.mentions == mentions
    assert coverage.share >= floors["cov"], coverage


@_needs(WOJOOD)
def test_quality_entities_wojood_default_backend() -> None:
    scores = score_ner(read_bio(WOJOOD / "val.txt"), entity_spans, merge_gpe_loc=False).to_dict()
    # Wojood's spans include attached clitics, marsad's leave them out: relaxed is the fair one
    assert scores["overall"]["relaxed"]["f1"] >= 0.58, scores["overall"]


@_needs(WOJOOD, AQMAR)
def test_quality_entities_crf_aqmar_wojood(tmp_path: Path) -> None:
    training = read_bio(AQMAR) + read_bio(WOJOOD / "train.txt")
    model = tmp_path / "crf.model"
    train_crf(training, model)
    scores = score_ner(read_bio(WOJOOD / "val.txt"), CrfTagger(model), merge_gpe_loc=False)
    overall = scores.to_dict()["overall"]
    assert overall["f1"] >= 0.64, overall
    assert overall["relaxed"]["f1"] >= 0.71, overall
