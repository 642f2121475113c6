"""``marsad export``: the store as JSONL, CSV and Parquet tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (../shared is absent)"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "seeds.db"
    result = CliRunner().invoke(app, ["analyze", str(SEEDS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _export(db: Path, out: Path, fmt: str, what: str) -> None:
    args = ["export", "--db", str(db), "--out", str(out), "--format", fmt, "--what", what]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output


def test_export_articles_jsonl_keeps_arabic_and_event_ids(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    _export(db, out, "jsonl", "articles")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    assert all(row["event_id"].startswith("ev-") for row in rows)
    assert len({row["event_id"] for row in rows}) == 3
    assert any("بوتين" in row["text"] for row in rows)


def test_export_events_csv_opens_in_a_spreadsheet(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    _export(db, out, "csv", "events")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    dated = {row["date"] for row in rows}
    assert {"2021-09-13", "2020-03-23", "XXXX-WXX-3"} == dated
    assert any(" | " in row["articles"] for row in rows)


def test_export_claims_parquet_reads_back(db: Path, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "claims.parquet"
    _export(db, out, "parquet", "claims")
    table = parquet.read_table(out).to_pylist()
    corroborated = [row for row in table if row["kind"] == "corroborated"]
    assert any(row["values"] == ["90 minute"] for row in corroborated)


def test_export_rejects_unknown_tables(db: Path, tmp_path: Path) -> None:
    args = ["export", "--db", str(db), "--out", str(tmp_path / "x"), "--what", "nothing"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "--what articles|events|claims|quotes" in result.output
