"""NER scoring: BIO and standoff gold files, exact and relaxed precision/recall/F1."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from marsad.evaluate.ner import (
    NerSentence,
    gazetteer_coverage,
    in_article,
    read_bio,
    read_standoff,
    score_ner,
)
from marsad.extract.ner_backends import NerSpan

# Wojood-style: nested tags in further columns, $#$ and blank lines end sentences;
# AQMAR-style MIS tags and Wojood's other types are dropped.
BIO = """\
فقد O
حرصت O
روسيا B-GPE
في O
مجلس B-ORG
الأمن I-ORG
ضد I-ORG
الأسد I-ORG B-PERS
، O
$#$ O

سكرتير B-OCC
اللجنة I-OCC B-ORG
القومية I-OCC I-ORG

ولد O
جمال B-PERS
عبد I-PERS
الناصر I-PERS
في O
الإسكندرية B-LOC
( O
1918 B-DATE
) O
أتوموس B-MIS0
"""


def test_evaluate_ner_read_bio_outer_tags_and_sentence_breaks(tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_text(BIO, encoding="utf-8")
    sentences = read_bio(path)
    assert [s.text for s in sentences] == [
        "فقد حرصت روسيا في مجلس الأمن ضد الأسد ،",
        "سكرتير اللجنة القومية",
        "ولد جمال عبد الناصر في الإسكندرية ( 1918 ) أتوموس",
    ]
    found = [[(s.text[a:b], kind) for a, b, kind in s.spans] for s in sentences]
    assert found == [
        [("روسيا", "GPE"), ("مجلس الأمن ضد الأسد", "ORG")],  # the nested PERS is ignored
        [],  # OCC is not a marsad type
        [("جمال عبد الناصر", "PER"), ("الإسكندرية", "LOC")],
    ]


def test_evaluate_ner_read_bio_rejects_a_line_without_tag(tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_text("روسيا B-GPE\nمجلس\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.txt:2: want 'token TAG'"):
        read_bio(path)


def write_standoff(tmp_path: Path, paragraph: str, entities: list[dict[str, object]]) -> Path:
    body = f"\nمقدمة الخبر.\n{paragraph}\nخاتمة.\n"
    start = body.index(paragraph)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc1.txt").write_text(
        f"<DOC>\n<DOCNO>SKY-1</DOCNO>\n<TEXT>{body}</TEXT>\n</DOC>\n", encoding="utf-8"
    )
    sha = hashlib.sha256(paragraph.encode("utf-8")).hexdigest()[:16]
    rows = [
        {
            "docno": "SKY-1",
            "paragraph_start": start,
            "paragraph_end": start + len(paragraph),
            "paragraph_sha256": sha,
            "split": split,
            "entities": entities,
        }
        for split in ("dev", "test")
    ]
    gold = tmp_path / "gold.jsonl"
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def test_evaluate_ner_read_standoff_takes_paragraphs_from_the_corpus(tmp_path: Path) -> None:
    paragraph = "التقى بوتين في موسكو وفد الأمم المتحدة"
    entities: list[dict[str, object]] = [
        {"start": 15, "end": 20, "text": "موسكو", "type": "GPE"},
        {"start": 6, "end": 11, "text": "بوتين", "type": "PER"},
        {"start": 0, "end": 5, "text": "التقى", "type": "EVENT"},
    ]
    corpus = write_standoff(tmp_path, paragraph, entities)
    assert read_standoff(tmp_path / "gold.jsonl", corpus, split="test") == [
        NerSentence(paragraph, ((6, 11, "PER"), (15, 20, "GPE")))
    ]
    assert len(read_standoff(tmp_path / "gold.jsonl", corpus)) == 2


def test_evaluate_ner_read_standoff_checks_text_and_offsets(tmp_path: Path) -> None:
    paragraph = "التقى بوتين في موسكو"
    corpus = write_standoff(
        tmp_path, paragraph, [{"start": 5, "end": 11, "text": "بوتين", "type": "PER"}]
    )
    gold = tmp_path / "gold.jsonl"
    with pytest.raises(ValueError, match=r"gold\.jsonl:1: DOCNO SKY-1: entity 'بوتين'"):
        read_standoff(gold, corpus)
    moved = gold.read_text(encoding="utf-8").replace('"SKY-1"', '"SKY-2"')
    gold.write_text(moved, encoding="utf-8")
    with pytest.raises(ValueError, match="DOCNO SKY-2 is not in the corpus"):
        read_standoff(gold, corpus)
    (corpus / "doc1.txt").write_text(
        "<DOC><DOCNO>SKY-2</DOCNO><TEXT>\nمقدمة الخبر.\nالتقى ترامب في موسكو\n</TEXT></DOC>",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"the paragraph text differs \(sha256\)"):
        read_standoff(gold, corpus)
    with pytest.raises(ValueError, match="does not exist"):
        read_standoff(gold, tmp_path / "missing.tar.gz")


def scores(
    gold: list[NerSpan], predicted: list[NerSpan], *, merge_gpe_loc: bool = False
) -> dict[str, Any]:
    text = "x" * 40
    return score_ner(
        [NerSentence(text, tuple(gold))], lambda _: predicted, merge_gpe_loc=merge_gpe_loc
    ).to_dict()


def test_evaluate_ner_score_exact_and_relaxed() -> None:
    gold = [(0, 5, "PER"), (10, 15, "GPE"), (20, 25, "ORG")]
    predicted = [
        (0, 5, "PER"),  # exact
        (10, 16, "GPE"),  # overlap only
        (20, 25, "LOC"),  # right span, wrong type
        (30, 35, "PER"),  # spurious
    ]
    result = scores(gold, predicted)
    assert result["sentences"] == 1
    assert result["overall"] == {
        "precision": 0.25,
        "recall": 0.3333,
        "f1": 0.2857,
        "gold": 3,
        "predicted": 4,
        "correct": 1,
        "relaxed": {"precision": 0.5, "recall": 0.6667, "f1": 0.5714, "correct": 2},
    }
    per_type = result["per_type"]
    assert list(per_type) == ["PER", "ORG", "GPE", "LOC"]
    assert per_type["PER"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "gold": 1,
        "predicted": 2,
        "correct": 1,
        "relaxed": {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "correct": 1},
    }
    assert per_type["GPE"]["correct"] == 0
    assert per_type["GPE"]["relaxed"]["correct"] == 1
    assert per_type["ORG"]["predicted"] == 0
    assert per_type["ORG"]["f1"] == 0.0
    assert per_type["LOC"]["gold"] == 0


def test_evaluate_ner_score_relaxed_is_one_to_one() -> None:
    result = scores([(0, 10, "PER")], [(0, 4, "PER"), (5, 10, "PER")])
    assert result["overall"]["relaxed"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "correct": 1,
    }
    # an exact match is taken first, even when an overlapping prediction comes earlier
    result = scores([(0, 10, "PER"), (2, 6, "PER")], [(0, 8, "PER"), (2, 6, "PER")])
    assert result["overall"]["correct"] == 1
    assert result["overall"]["relaxed"]["correct"] == 2


def test_evaluate_ner_score_merge_gpe_loc() -> None:
    gold = [(0, 5, "LOC"), (10, 15, "LOC")]  # AQMAR does not tell states from places
    predicted = [(0, 5, "GPE"), (10, 15, "LOC")]
    assert scores(gold, predicted)["overall"]["f1"] == 0.5
    merged = scores(gold, predicted, merge_gpe_loc=True)
    assert merged["overall"]["f1"] == 1.0
    assert list(merged["per_type"]) == ["LOC"]


def test_evaluate_ner_score_over_several_sentences() -> None:
    sentences = [
        NerSentence("التقى بوتين", ((6, 11, "PER"),)),
        NerSentence("في موسكو", ((3, 8, "GPE"),)),
        NerSentence("لا شيء", ()),
    ]
    predictions: dict[str, list[NerSpan]] = {
        "التقى بوتين": [(6, 11, "PER")],
        "في موسكو": [],
        "لا شيء": [(0, 2, "ORG")],
    }
    result = score_ner(sentences, predictions.__getitem__, merge_gpe_loc=False).to_dict()
    assert result["sentences"] == 3
    assert {k: result["overall"][k] for k in ("precision", "recall", "gold")} == {
        "precision": 0.5,
        "recall": 0.5,
        "gold": 2,
    }


def test_gazetteer_coverage_counts_gold_mentions_a_resolved_entity_overlaps() -> None:
    text = "قال بوتين في موسكو إن الزيدوني وصل إلى دمشق"
    spans = ((4, 9, "PER"), (13, 18, "GPE"), (22, 30, "PER"), (39, 43, "GPE"), (0, 3, "ORG"))
    sentence = NerSentence(text, spans)

    def resolver(_: str) -> list[tuple[int, int, str | None]]:
        # Putin and Moscow resolved, the unknown name found without an id, Damascus missed
        return [(4, 9, "vladimir-putin"), (13, 18, "city-moscow"), (22, 30, None)]

    coverage = gazetteer_coverage([sentence], resolver)
    assert (coverage.mentions, coverage.resolved) == (4, 2)  # the ORG is not counted
    assert coverage.to_dict()["share"] == 0.5


def test_eval_ner_in_article_reads_the_paragraph_inside_its_article() -> None:
    body = "قال سامر حداد إن الوفد وصل.\nوأضاف حداد أن المحادثات مستمرة."
    paragraph = body.split("\n")[1]
    offset = body.index(paragraph)

    def surname_needs_the_full_name(text: str) -> list[tuple[int, int, str]]:
        if "سامر حداد" not in text:
            return []
        return [(m.start(), m.end(), "PER") for m in re.finditer("حداد", text)]

    backend = in_article(surname_needs_the_full_name, {paragraph: (body, offset)})
    assert surname_needs_the_full_name(paragraph) == []
    start = paragraph.index("حداد")
    assert backend(paragraph) == [(start, start + 4, "PER")]
