"""Golden cases: each folder under cases/ holds input.txt (a plain-text scrape whose
first line is its headline) and expected.json (headline, cleaned text, removed parts,
captions). Set MARSAD_UPDATE_GOLDEN=1 to rewrite expected.json after a deliberate change,
then read the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from marsad.text.clean import clean_text

CASES = sorted(path for path in (Path(__file__).parent / "cases").iterdir() if path.is_dir())


def _observed(case: Path) -> dict[str, Any]:
    cleaned = clean_text((case / "input.txt").read_text(encoding="utf-8"), headline_first=True)
    return {
        "headline": cleaned.headline,
        "text": cleaned.text,
        "removed": [[removal.kind, removal.text] for removal in cleaned.removed],
        "captions": [span.text for span in cleaned.captions],
    }


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_case(case: Path) -> None:
    observed = _observed(case)
    expected_path = case / "expected.json"
    if os.environ.get("MARSAD_UPDATE_GOLDEN") == "1":
        expected_path.write_text(
            json.dumps(observed, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    assert observed == json.loads(expected_path.read_text(encoding="utf-8"))
