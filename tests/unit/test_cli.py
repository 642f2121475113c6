"""The marsad command through Typer's CliRunner."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.model import SCHEMA_VERSION

HEADLINE = "افتتاح مكتبة عامة جديدة"
BODY = "افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم آلاف الكتب."
ARTICLE_KEYS = {
    "id",
    "content_hash",
    "duplicate_of",
    "source",
    "url",
    "title",
    "outlet",
    "language",
    "text",
    "removed",
    "schema_version",
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{HEADLINE}\n{BODY}\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "الرئيسيةأخبار محلية\nأمطار غزيرة في الشمال\nهطلت أمطار غزيرة على المناطق الشمالية.\n",
        encoding="utf-8",
    )
    (folder / "c.dat").write_bytes(b"\x00\x01\x02\x03")
    return folder


@pytest.fixture
def db(tmp_path: Path, runner: CliRunner, inputs: Path) -> Path:
    path = tmp_path / "marsad.db"
    result = runner.invoke(app, ["analyze", str(inputs), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_cli_analyze_prints_summary(tmp_path: Path, runner: CliRunner, inputs: Path) -> None:
    path = tmp_path / "marsad.db"
    result = runner.invoke(app, ["analyze", str(inputs), "--db", str(path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert re.search(r"read\W+2\W", out)
    assert re.search(r"stored \(new\)\W+2\W", out)
    assert re.search(r"failed: BINARY_INPUT\W+1\W", out)
    assert re.search(r"articles in store\W+2\W", out)
    assert "marsad failures --db" in out
    assert path.exists()


def test_cli_analyze_json_summary(db: Path, runner: CliRunner, inputs: Path) -> None:
    result = runner.invoke(app, ["analyze", str(inputs), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary == {
        "schema_version": SCHEMA_VERSION,
        "db": str(db),
        "read": 2,
        "stored": 0,
        "already_stored": 2,
        "duplicates": 0,
        "recleaned": 0,
        "failures": {"BINARY_INPUT": 1},
        "grouping": {
            "duplicate_pairs": 0,
            "events": 0,
            "indexed": 0,
            "passage_reuse": 0,
            "reclustered": 0,
        },
    }


def test_cli_analyze_nothing_readable_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "binary_only"
    folder.mkdir()
    (folder / "blob.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = runner.invoke(app, ["analyze", str(folder), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 2
    assert "nothing could be read" in result.stderr


def test_cli_analyze_missing_path_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    missing = str(tmp_path / "missing")
    result = runner.invoke(app, ["analyze", missing, "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 2
    assert re.search(r"failed: INPUT_NOT_FOUND\W+1\W", result.stdout)


def test_cli_no_arguments_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert "analyze" in result.output


def test_cli_articles_json(db: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["articles", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    articles = json.loads(result.stdout)
    assert isinstance(articles, list)
    assert len(articles) == 2
    for item in articles:
        assert set(item) >= ARTICLE_KEYS
        assert item["language"] == "ar"
        assert item["schema_version"] == SCHEMA_VERSION
    assert [item["title"] for item in articles] == [HEADLINE, "أمطار غزيرة في الشمال"]
    assert articles[0]["text"] == BODY
    assert articles[1]["removed"] == [
        {"kind": "breadcrumb", "text": "الرئيسيةأخبار محلية", "raw_start": 0, "raw_end": 19}
    ]
    # Arabic is written as is, not as \\u escapes
    assert HEADLINE in result.stdout
    assert "\\u0627" not in result.stdout


def test_cli_article_by_id_json(db: Path, runner: CliRunner) -> None:
    listing = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--json"]).stdout)
    wanted = listing[0]
    result = runner.invoke(app, ["article", wanted["id"][:8], "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert isinstance(found, dict)
    assert found == wanted
    assert BODY in result.stdout


def test_cli_article_plain_shows_headline_and_text(db: Path, runner: CliRunner) -> None:
    listing = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--json"]).stdout)
    result = runner.invoke(app, ["article", listing[0]["id"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == HEADLINE
    assert BODY in result.stdout
    assert f"id: {listing[0]['id']}" in result.stdout


def test_cli_article_unknown_exits_2(db: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["article", "nonexistent", "--db", str(db)])
    assert result.exit_code == 2
    assert "no single article matches 'nonexistent'" in result.stderr


def test_cli_failures_json(db: Path, runner: CliRunner, inputs: Path) -> None:
    result = runner.invoke(app, ["failures", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    failures = json.loads(result.stdout)
    assert [(item["code"], item["stage"], item["source"]) for item in failures] == [
        ("BINARY_INPUT", "decode", str(inputs / "c.dat"))
    ]
    assert failures[0]["seen"] == 1
    assert failures[0]["schema_version"] == SCHEMA_VERSION


def test_cli_articles_table_shows_dates_and_article_shows_evidence(
    tmp_path: Path, runner: CliRunner
) -> None:
    folder = tmp_path / "dated"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "لقاء في موسكو\nكشفت مصادر، يوم أمس الأربعاء 15 أيلول، عن اجتماع عقد قبل يومين.\n",
        encoding="utf-8",
    )
    path = tmp_path / "dated.db"
    result = runner.invoke(
        app, ["analyze", str(folder), "--db", str(path), "--period", "2021..2021"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["articles", "--db", str(path), "--json"])
    (item,) = json.loads(result.stdout)
    assert item["published"]["value"] == "2021-09-16"
    assert item["published"]["alternatives"] == []  # the period leaves one year
    assert item["event_date"]["value"] == "2021-09-13"
    assert [d["value"] for d in item["dates"]] == ["2021-09-15", "2021-09-13"]
    result = runner.invoke(app, ["article", item["id"], "--db", str(path)])
    assert "2021-09-13" in result.stdout and "قبل يومين" in result.stdout


def test_cli_analyze_rejects_a_bad_period(tmp_path: Path, runner: CliRunner, inputs: Path) -> None:
    result = runner.invoke(
        app, ["analyze", str(inputs), "--db", str(tmp_path / "x.db"), "--period", "soon"]
    )
    assert result.exit_code == 2
    assert "period" in result.output


def test_cli_eval_dates_scores_a_gold_file(tmp_path: Path, runner: CliRunner) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = [
        {
            "text": "وصل الوفد أمس إلى دمشق",
            "reference": "2021-09-16",
            "timexes": [{"start": 10, "end": 13, "value": "2021-09-15"}],
        },
        {"text": "استمرت الجلسة 90 دقيقة", "reference": "2021-09-16", "timexes": []},
    ]
    gold.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines))
    result = runner.invoke(app, ["eval", "dates", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["overlap"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert scores["value_accuracy"] == 1.0
    result = runner.invoke(app, ["eval", "dates", str(gold), "--format", "nonsense"])
    assert result.exit_code == 2


def test_cli_reextract(db: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["reextract", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "re-extracted 2 articles" in result.stdout


def test_cli_entities_lists_counts_and_outlets(tmp_path: Path, runner: CliRunner) -> None:
    feed = tmp_path / "wire.jsonl"
    lines = [
        {
            "text": "التقى فلاديمير بوتين بشار الأسد في موسكو. وقال بوتين إن اللقاء مهم.",
            "outlet": "سانا",
        },
        {"text": "وصل بوتين إلى دمشق في زيارة قصيرة.", "outlet": "روسيا اليوم"},
    ]
    feed.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8"
    )
    path = tmp_path / "e.db"
    assert runner.invoke(app, ["analyze", str(feed), "--db", str(path)]).exit_code == 0
    result = runner.invoke(app, ["entities", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    putin = rows["vladimir-putin"]
    assert (putin["mentions"], putin["articles"], putin["type"]) == (3, 2, "PER")
    assert {outlet["id"] for outlet in putin["outlets"]} == {"sana", "rt"}
    assert rows["bashar-al-assad"]["articles"] == 1


def test_cli_ner_train_and_eval(tmp_path: Path, runner: CliRunner) -> None:
    corpus = tmp_path / "train.bio"
    corpus.write_text(
        "\n".join(
            f"وصل O\n{name} B-PER\nإلى O\n{place} B-GPE\n"
            for name, place in [("بوتين", "موسكو"), ("الأسد", "دمشق"), ("أردوغان", "أنقرة")] * 8
        ),
        encoding="utf-8",
    )
    model = tmp_path / "crf.model"
    result = runner.invoke(app, ["ner", "train", str(corpus), "--out", str(model)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["eval", "ner", str(corpus), "--backend", f"crf:{model}", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["overall"]["f1"] == 1.0
    result = runner.invoke(app, ["eval", "ner", str(corpus), "--backend", "nonsense:x"])
    assert result.exit_code == 2
