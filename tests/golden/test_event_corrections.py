"""The user's merges and splits through the CLI: recorded, respected by later runs and
rebuilds; merged ids stay resolvable as aliases (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (../shared is absent)"
)


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _events(runner: CliRunner, db: Path, *extra: str) -> dict[str, set[str]]:
    data = json.loads(_run(runner, "events", "--db", str(db), "--json", *extra))
    return {e["id"]: {Path(a["source"]).name[:3] for a in e["articles"]} for e in data}


def _event_of(events: dict[str, set[str]], seed: str) -> str:
    return next(event_id for event_id, seeds in events.items() if seed in seeds)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corrections.db"
    runner = CliRunner()
    for name in ("000", "001", "003"):
        _run(runner, "analyze", str(next(SEEDS.glob(f"{name}_*.txt"))), "--db", str(path))
    return path


def test_merge_keeps_the_older_id_and_the_other_resolves_as_alias(db: Path) -> None:
    runner = CliRunner()
    before = _events(runner, db)
    older, younger = _event_of(before, "000"), _event_of(before, "001")
    shown = json.loads(_run(runner, "event", "merge", younger, older, "--db", str(db), "--json"))
    assert shown["id"] == older
    assert younger in shown["aliases"]
    # The alias still resolves, later runs and rebuilds keep the merge.
    assert json.loads(_run(runner, "event", younger, "--db", str(db), "--json"))["id"] == older
    _run(runner, "analyze", str(next(SEEDS.glob("004_*.txt"))), "--db", str(db))
    after = _events(runner, db, "--rebuild")
    assert after[older] >= {"000", "001"}
    assert younger not in after


def test_split_moves_articles_out_and_rebuild_respects_it(db: Path) -> None:
    runner = CliRunner()
    _run(runner, "analyze", str(next(SEEDS.glob("004_*.txt"))), "--db", str(db))
    events = _events(runner, db)
    moscow = _event_of(events, "000")
    assert events[moscow] == {"000", "004"}
    articles = json.loads(_run(runner, "event", moscow, "--db", str(db), "--json"))["articles"]
    moved = next(a["id"] for a in articles if Path(a["source"]).name.startswith("004"))
    shown = json.loads(_run(runner, "event", "split", moscow, moved, "--db", str(db), "--json"))
    assert [a["id"] for a in shown["articles"]] == [moved]
    assert shown["id"] != moscow
    rebuilt = _events(runner, db, "--rebuild")
    assert rebuilt[moscow] == {"000"}
    assert rebuilt[shown["id"]] == {"004"}
    # A new article of the same meeting still joins by its own evidence.
    _run(runner, "analyze", str(next(SEEDS.glob("002_*.txt"))), "--db", str(db))
    assert _events(runner, db)[moscow] == {"000", "002"}


def test_bad_event_references_are_clear_errors(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["event", "ev-nope", "--db", str(db)])
    assert result.exit_code == 2
    assert "ev-nope: no such event" in result.output
    moscow = _event_of(_events(runner, db), "000")
    result = runner.invoke(app, ["event", "split", moscow, "not-an-article", "--db", str(db)])
    assert result.exit_code == 2
    assert f"not-an-article: not an article of {moscow}" in result.output
