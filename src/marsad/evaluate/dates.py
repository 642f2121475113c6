"""Scoring the dates extractor against gold sets: span precision/recall/F1 and value accuracy.

Gold formats read here (see ``docs/schema.md``, "Gold sets"):

* ``jsonl`` — marsad's own: one sentence a line, ``{"text" | "docno"+"sentence_start"+
  "sentence_end", "reference", "split", "timexes": [{"start", "end", "value"}]}``;
  lines that give a DOCNO instead of the text take it from a TREC corpus (``--corpus``),
  so that gold sets built on licensed corpora carry labels only;
* ``wojood`` — the Wojood NER sample (``token TAG [TAG…]``), its DATE spans, recognition only;
* ``recognizers`` — Microsoft Recognizers-Text Arabic specs, the date and date-range cases.
"""

from __future__ import annotations

import hashlib
import json
import re
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from marsad.evaluate import precision_recall_f1
from marsad.extract.article_dates import extract_article_dates
from marsad.model import DateMention


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    value: str | None = None
    accepted: tuple[str, ...] = ()  # further values that count as right (Recognizers' resolutions)


@dataclass(frozen=True, slots=True)
class GoldCase:
    """One gold sentence: its text, the date it was written on, and its expressions."""

    text: str
    reference: date | None
    timexes: tuple[GoldTimex, ...]
    split: str = ""


@dataclass(slots=True)
class DateScores:
    """Counts behind the scores; properties give precision, recall, F1 and accuracy."""

    cases: int = 0
    gold: int = 0
    predicted: int = 0
    exact_matches: int = 0
    overlap_matches: int = 0
    valued: int = 0  # matched (overlap) gold expressions that carry a value
    value_correct: int = 0
    gold_valued: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def ratio(part: int, whole: int) -> float:
            return round(part / whole, 4) if whole else 0.0

        return {
            "cases": self.cases,
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": precision_recall_f1(self.exact_matches, self.gold, self.predicted),
            "overlap": precision_recall_f1(self.overlap_matches, self.gold, self.predicted),
            "value_accuracy": ratio(self.value_correct, self.valued),
            "value_recall": ratio(self.value_correct, self.gold_valued),
            "valued": self.valued,
            "value_correct": self.value_correct,
        }


def _value_agrees(predicted: DateMention, gold: GoldTimex) -> bool:
    if gold.value is None:
        return False
    if predicted.value == gold.value or predicted.value in gold.accepted:
        return True
    return _fits_pattern(predicted.value, gold.value)


def _fits_pattern(value: str, pattern: str) -> bool:
    """``2016-08-02`` fits the gold ``XXXX-08-02``: every stated position agrees."""
    if "X" not in pattern or len(value) != len(pattern):
        return False
    return all(p == "X" or p == v for p, v in zip(pattern, value, strict=True))


def _overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def score_dates(cases: Iterable[GoldCase], *, today: date, keep_errors: int = 50) -> DateScores:
    """Run the extractor on every gold case and count matches one to one."""
    scores = DateScores()
    for case in cases:
        scores.cases += 1
        found = extract_article_dates(
            case.text,
            published=case.reference.isoformat() if case.reference else None,
            today=max(today, case.reference) if case.reference else today,
        ).dates
        scores.gold += len(case.timexes)
        scores.predicted += len(found)
        scores.gold_valued += sum(1 for timex in case.timexes if timex.value)
        unused = list(found)
        for gold in case.timexes:
            exact = next((m for m in unused if (m.start, m.end) == (gold.start, gold.end)), None)
            match = exact or next(
                (m for m in unused if _overlaps((m.start, m.end), (gold.start, gold.end))), None
            )
            if match is None:
                _note(scores, keep_errors, case, "missed", gold=gold)
                continue
            unused.remove(match)
            scores.overlap_matches += 1
            scores.exact_matches += exact is not None
            if gold.value:
                scores.valued += 1
                if _value_agrees(match, gold):
                    scores.value_correct += 1
                else:
                    _note(scores, keep_errors, case, "value", gold=gold, predicted=match)
        for extra in unused:
            _note(scores, keep_errors, case, "spurious", predicted=extra)
    return scores


def _note(
    scores: DateScores,
    keep: int,
    case: GoldCase,
    kind: str,
    *,
    gold: GoldTimex | None = None,
    predicted: DateMention | None = None,
) -> None:
    if len(scores.errors) >= keep:
        return
    scores.errors.append(
        {
            "kind": kind,
            "gold": case.text[gold.start : gold.end] if gold else None,
            "gold_value": gold.value if gold else None,
            "predicted": predicted.text if predicted else None,
            "predicted_value": predicted.value if predicted else None,
            "reference": case.reference.isoformat() if case.reference else None,
            "context": case.text[:160],
        }
    )


# -- gold formats -----------------------------------------------------------------------


def _reference(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def read_jsonl_gold(
    path: Path, *, corpus: Path | None = None, split: str | None = None
) -> list[GoldCase]:
    """marsad's gold format; lines naming a DOCNO take their sentence from ``corpus``."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from error
    if split:
        rows = [row for row in rows if row.get("split") == split]
    wanted = {row["docno"] for row in rows if "text" not in row}
    bodies = trec_bodies(corpus, wanted) if wanted else {}
    if wanted and corpus is None:
        raise ValueError(f"{path}: lines name DOCNOs; give the corpus they come from")
    cases = []
    for row in rows:
        text = row.get("text")
        if text is None:
            body = bodies.get(row["docno"])
            if body is None:
                raise ValueError(f"{path}: DOCNO {row['docno']} is not in {corpus}")
            text = body[row["sentence_start"] : row["sentence_end"]]
            expected = row.get("sentence_sha256")
            actual = hashlib.sha256(text.encode("utf-8")).hexdigest()[: len(expected or "")]
            if expected and actual != expected:
                raise ValueError(f"{path}: DOCNO {row['docno']}: the sentence text differs")
        timexes = tuple(
            GoldTimex(
                int(t["start"]), int(t["end"]), t.get("value"), tuple(t.get("alternatives", ()))
            )
            for t in row.get("timexes", ())
        )
        cases.append(
            GoldCase(text, _reference(row.get("reference")), timexes, row.get("split", ""))
        )
    return cases


_DOCNO = re.compile(r"<DOCNO>\s*(.*?)\s*</DOCNO>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


def trec_bodies(corpus: Path | None, wanted: set[str]) -> dict[str, str]:
    """``<TEXT>`` bodies (exactly as in the file) of the wanted DOCNOs of a TREC corpus."""
    bodies: dict[str, str] = {}
    if corpus is None:
        return bodies
    for document in _trec_documents(corpus):
        docno = _DOCNO.search(document)
        text = _TEXT.search(document)
        if docno and text and docno.group(1) in wanted:
            bodies[docno.group(1)] = text.group(1)
            if len(bodies) == len(wanted):
                break
    return bodies


def _trec_documents(corpus: Path) -> Iterator[str]:
    if corpus.is_dir():
        for path in sorted(corpus.rglob("*")):
            if path.is_file():
                yield path.read_text(encoding="utf-8", errors="replace")
        return
    with tarfile.open(corpus, mode="r|*") as archive:
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is not None:
                yield handle.read().decode("utf-8", errors="replace")


def read_wojood(path: Path) -> list[GoldCase]:
    """Sentences of a Wojood file with their DATE spans (any nesting level); no values."""
    cases: list[GoldCase] = []
    tokens: list[tuple[str, bool, bool]] = []  # token, begins a DATE, inside a DATE

    def flush() -> None:
        if not tokens:
            return
        text, spans, position, open_start = "", [], 0, None
        for index, (token, begins, inside) in enumerate(tokens):
            if index:
                text += " "
                position += 1
            if open_start is not None and (begins or not inside):
                spans.append(GoldTimex(open_start, position - 1))
                open_start = None
            if begins or (inside and open_start is None):
                open_start = position
            text += token
            position += len(token)
        if open_start is not None:
            spans.append(GoldTimex(open_start, position))
        cases.append(GoldCase(text, None, tuple(spans)))
        tokens.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "$#$":
            flush()
            continue
        tags = parts[1:]
        tokens.append((parts[0], "B-DATE" in tags, any(t.endswith("-DATE") for t in tags)))
    flush()
    return cases


_RECOGNIZER_FILES = {
    "DateExtractor.json": "date",
    "DatePeriodExtractor.json": "daterange",
    "DateParser.json": "date",
    "DatePeriodParser.json": "daterange",
}


def read_recognizers(folder: Path, *, parsers: bool) -> list[GoldCase]:
    """Date and date-range cases of Recognizers-Text (extractor specs, or parser specs)."""
    cases = []
    for name, kind in _RECOGNIZER_FILES.items():
        if name.endswith("Parser.json") != parsers:
            continue
        path = folder / name
        if not path.exists():
            continue
        for case in json.loads(path.read_text(encoding="utf-8-sig")):
            text = case["Input"]
            reference = case.get("Context", {}).get("ReferenceDateTime")
            timexes = []
            for result in case.get("Results", ()):
                if result.get("Type", result.get("TypeName")) != kind:
                    continue
                start = int(result["Start"])
                length = int(result.get("Length", len(result["Text"])))
                value = result.get("Value", {})
                accepted = tuple(
                    item
                    for key in ("FutureResolution", "PastResolution")
                    for item in (value.get(key) or {}).values()
                )
                timexes.append(GoldTimex(start, start + length, value.get("Timex"), accepted))
            ref = datetime.fromisoformat(reference).date() if reference else None
            cases.append(GoldCase(text, ref, tuple(timexes)))
    return cases
