"""ROUGE of event summaries against reference summaries, beside the lead-3 baseline.

rouge-score computes ROUGE-1/2/L; its default tokenizer deletes every non-Latin letter,
so Arabic would score zero. ``arabic_tokens`` gives it normalised words instead (alef,
ya and ta marbuta folded, diacritics removed, a leading conjunction و/ف taken off).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Any

from marsad.errors import ConfigError, InputError
from marsad.text.normalize import normalize
from marsad.text.stem import words_of

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


def arabic_tokens(text: str) -> list[str]:
    """Normalised Arabic (and Latin) words: what ROUGE counts."""
    return words_of(normalize(text))


def _scorer() -> Any:
    """rouge-score's scorer with the Arabic tokenizer (imported here: it is needed only for
    evaluation, a development extra)."""
    try:
        from rouge_score import rouge_scorer, tokenizers
    except ImportError as error:
        raise ConfigError(
            "marsad eval summaries needs rouge-score: pip install 'marsad[dev]'"
        ) from error

    class ArabicTokenizer(tokenizers.Tokenizer):  # type: ignore[misc]
        def tokenize(self, text: str) -> list[str]:
            return arabic_tokens(text)

    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=ArabicTokenizer())


@dataclass(frozen=True, slots=True)
class GoldSummary:
    """A reference summary of an event: its articles (ids or DOCNOs) and the text."""

    event: str
    split: str
    articles: tuple[str, ...]
    summary: str


def read_summary_gold(path: Path) -> list[GoldSummary]:
    """JSONL lines ``{event, split, articles: [...], summary}``."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            found.append(
                GoldSummary(
                    str(data["event"]),
                    str(data.get("split", "")),
                    tuple(str(a) for a in data["articles"]),
                    str(data["summary"]),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            reason = f"not a summary record ({error!r})"
            raise InputError(f"{path}:{number}", reason, code="BAD_RECORD") from error
    return found


def score_summaries(
    gold: Sequence[GoldSummary],
    systems: Mapping[str, Callable[[GoldSummary], str]],
) -> dict[str, Any]:
    """Mean ROUGE-1/2/L F1 (and precision, recall) of each system over the gold events."""
    scorer = _scorer()
    results: dict[str, Any] = {"events": len(gold)}
    for name, system in systems.items():
        scores = [scorer.score(item.summary, system(item)) for item in gold]
        results[name] = {
            kind: {
                "f1": round(mean(s[kind].fmeasure for s in scores), 4) if scores else 0.0,
                "precision": round(mean(s[kind].precision for s in scores), 4) if scores else 0.0,
                "recall": round(mean(s[kind].recall for s in scores), 4) if scores else 0.0,
            }
            for kind in ROUGE_TYPES
        }
    return results
