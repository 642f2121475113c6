"""The ``marsad`` command: thin Typer wrappers over :mod:`marsad.jobs` and the store.

JSON goes to stdout as UTF-8 with Arabic unescaped; tables and progress go to
the terminal. Exit codes: 0 when a batch ran (even with recorded failures),
2 on usage errors or when nothing could be read.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from marsad.config import Settings, load_settings
from marsad.errors import MarsadError
from marsad.evaluate.dates import read_jsonl_gold, read_recognizers, read_wojood, score_dates
from marsad.evaluate.ner import read_bio, read_standoff, score_ner
from marsad.extract.article_dates import parse_period
from marsad.extract.entities import entity_spans
from marsad.extract.ner_backends import load_backend, train_crf
from marsad.jobs import analyze_paths, entity_summary, reextract_stored
from marsad.model import SCHEMA_VERSION, Article, DateValue
from marsad.store.sqlite import Store

app = typer.Typer(
    help="marsad: turn scraped Arabic news into a clean archive, with the evidence kept.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=False, highlight=False)
err_console = Console(stderr=True, highlight=False)

DbOption = Annotated[
    Path, typer.Option("--db", help="SQLite database file.", dir_okay=False, show_default=True)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON to stdout.")]
DEFAULT_DB = Path("marsad.db")


def _settings(config: Path | None) -> Settings:
    try:
        return load_settings(config)
    except MarsadError as error:
        err_console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error


def _open_store(db: Path) -> Store:
    try:
        return Store(db)
    except MarsadError as error:
        err_console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


@app.command()
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, archives, or - for standard input.")
    ],
    db: DbOption = DEFAULT_DB,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file.", exists=True)
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Years the corpus covers, e.g. 2011..2026: where dates without a year fall.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read inputs, run every stage, store the articles and print a summary."""
    cfg = _settings(config)
    if period is not None:
        try:
            parse_period(period)
        except ValueError as error:
            err_console.print(f"[red]error[/red] --period: {error}")
            raise typer.Exit(2) from error
        cfg = dataclasses.replace(cfg, period=period)
    with _open_store(db) as store:
        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed} inputs read"),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err_console,
            transient=True,
            disable=not err_console.is_terminal,
        )
        with progress:
            task = progress.add_task("", total=None)

            def advance(source: str) -> None:
                progress.update(task, advance=1, description=source[-60:])

            summary = analyze_paths(paths, store, cfg, on_item=advance)
        total = store.count_articles()
    if as_json:
        _print_json({"schema_version": SCHEMA_VERSION, "db": str(db), **summary.to_dict()})
    else:
        table = Table(title=f"marsad analyze → {db}", show_header=False)
        table.add_row("read", str(summary.read))
        table.add_row("stored (new)", str(summary.stored))
        table.add_row("already stored", str(summary.already_stored))
        table.add_row("duplicates (same content as a stored article)", str(summary.duplicates))
        table.add_row("re-cleaned (outlet boilerplate found)", str(summary.recleaned))
        for code, count in sorted(summary.failures.items()):
            table.add_row(f"failed: {code}", str(count))
        table.add_row("articles in store", str(total))
        console.print(table)
        if summary.failures:
            console.print(f"See the failures with: marsad failures --db {db}")
    if summary.read == 0:
        err_console.print("[red]error[/red] nothing could be read from the given paths")
        raise typer.Exit(2)


def _date_cell(value: DateValue | None) -> str:
    """A date for a table: its value, marked ``~`` when derived from the text, ``?`` when weak."""
    if value is None:
        return ""
    text = value.value[:10]
    if value.confidence < 0.5:
        return text + "?"
    return text + ("~" if value.evidence else "")


def _article_row(article: Article) -> list[str]:
    return [
        article.id,
        article.outlet.name if article.outlet else "",
        _date_cell(article.published),
        _date_cell(article.event_date),
        article.duplicate_of[:8] if article.duplicate_of else "",
        f"{article.title or ''} ({article.language})",
    ]


@app.command()
def articles(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """List stored articles."""
    with _open_store(db) as store:
        if as_json:
            _print_json([article.to_dict() for article in store.articles()])
            return
        table = Table(
            Column("id", no_wrap=True, min_width=16),
            Column("outlet", no_wrap=True, overflow="ellipsis", max_width=16),
            Column("published", no_wrap=True, min_width=11),
            Column("event date", no_wrap=True, min_width=11),
            Column("dup of", no_wrap=True, min_width=6),
            Column("title (language)", no_wrap=True, overflow="ellipsis"),
            box=box.SIMPLE_HEAD,
            title=str(db),
            caption="~ derived from the text   ? low confidence",
        )
        for article in store.articles():
            table.add_row(*_article_row(article))
        console.print(table)


@app.command()
def article(
    reference: Annotated[str, typer.Argument(help="Article id, unique id prefix, or DOCNO.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Show one article: cleaned text, removed parts and metadata."""
    with _open_store(db) as store:
        found = store.find_article(reference)
    if found is None:
        err_console.print(f"[red]error[/red] no single article matches {reference!r} in {db}")
        raise typer.Exit(2)
    if as_json:
        _print_json(found.to_dict())
        return
    console.print(f"[bold]{found.title or '(no headline)'}[/bold]")
    for label, value in (
        ("id", found.id),
        ("source", found.source),
        ("url", found.url),
        ("outlet", found.outlet.name if found.outlet else None),
        ("byline", found.byline),
        ("published", _date_line(found.published)),
        ("event date", _date_line(found.event_date)),
        ("language", found.language),
        ("duplicate of", found.duplicate_of),
    ):
        if value:
            console.print(f"[dim]{label}:[/dim] {value}")
    console.print()
    console.print(found.text)
    if found.dates:
        table = Table("expression", "value", "granularity", "resolution", title="dates")
        for mention in found.dates:
            table.add_row(mention.text, mention.value, mention.granularity, mention.resolution)
        console.print(table)
    if found.cited_sources:
        table = Table("cited as", "kind", "entity", title="cited sources")
        for source in found.cited_sources:
            entity = source.entity.name_en if source.entity else ""
            table.add_row(source.text, source.kind, entity)
        console.print(table)
    if found.removed:
        table = Table("kind", "removed text", title="removed by cleaning")
        for removal in found.removed:
            table.add_row(removal.kind, removal.text[:100])
        console.print(table)


def _date_line(value: DateValue | None) -> str | None:
    if value is None:
        return None
    line = f"{value.value} ({value.granularity}, confidence {value.confidence:.2f})"
    if value.evidence:
        line += " from: " + " | ".join(span.text for span in value.evidence)
    if value.alternatives:
        line += " — also possible: " + ", ".join(value.alternatives)
    return line


@app.command()
def reextract(
    db: DbOption = DEFAULT_DB,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file.", exists=True)
    ] = None,
) -> None:
    """Recompute dates, outlets and cited sources of every stored article (after an upgrade)."""
    cfg = _settings(config)
    with _open_store(db) as store:
        count = reextract_stored(store, cfg)
    console.print(f"re-extracted {count} articles in {db}")


@app.command()
def failures(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """List inputs that failed, with stage, code and reason."""
    with _open_store(db) as store:
        rows = store.failures()
    if as_json:
        _print_json(
            [
                {
                    "schema_version": SCHEMA_VERSION,
                    **failure.to_dict(),
                    "seen": seen,
                    "last_seen": last_seen,
                }
                for failure, seen, last_seen in rows
            ]
        )
        return
    table = Table("code", "stage", "source", "message", "seen")
    for failure, seen, _ in rows:
        table.add_row(failure.code, failure.stage, failure.source, failure.message, str(seen))
    console.print(table)


eval_app = typer.Typer(help="Score marsad against gold sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("dates")
def eval_dates(
    gold: Annotated[
        Path, typer.Argument(help="Gold file (or Recognizers-Text folder).", exists=True)
    ],
    gold_format: Annotated[
        str, typer.Option("--format", help="jsonl (marsad's), wojood or recognizers.")
    ] = "jsonl",
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus", help="TREC corpus (.tar.gz or folder) for lines that name a DOCNO."
        ),
    ] = None,
    split: Annotated[str | None, typer.Option("--split", help="Score only this split.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Span precision/recall/F1 (exact and overlap) and value accuracy of the dates extractor."""
    try:
        if gold_format == "jsonl":
            cases = read_jsonl_gold(gold, corpus=corpus, split=split)
        elif gold_format == "wojood":
            cases = read_wojood(gold)
        elif gold_format == "recognizers":
            cases = read_recognizers(gold, parsers=False) + read_recognizers(gold, parsers=True)
        else:
            raise ValueError(f"unknown format {gold_format!r}: want jsonl, wojood or recognizers")
    except (OSError, ValueError, KeyError) as error:
        err_console.print(f"[red]error[/red] {gold}: {error}")
        raise typer.Exit(2) from error
    scores = score_dates(cases, today=date.today()).to_dict()
    if as_json:
        _print_json({"schema_version": SCHEMA_VERSION, "gold": str(gold), **scores})
        return
    table = Table(
        "measure", "precision", "recall", "F1", title=f"dates: {gold} ({scores['cases']} cases)"
    )
    for name in ("exact", "overlap"):
        row = scores[name]
        table.add_row(
            f"{name} span", f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}"
        )
    console.print(table)
    console.print(
        f"value accuracy {scores['value_accuracy']:.3f} ({scores['value_correct']} of "
        f"{scores['valued']} matched expressions with a value); "
        f"value recall {scores['value_recall']:.3f}"
    )


@eval_app.command("ner")
def eval_ner(
    gold: Annotated[
        Path, typer.Argument(help="Gold file: BIO, or marsad's standoff JSONL.", exists=True)
    ],
    backend_spec: Annotated[
        str, typer.Option("--backend", help="default, crf:FILE, onnx:DIR or hf:DIR.")
    ] = "default",
    gold_format: Annotated[str, typer.Option("--format", help="bio or standoff.")] = "bio",
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="TREC corpus for a standoff gold set.")
    ] = None,
    split: Annotated[str | None, typer.Option("--split", help="Score only this split.")] = None,
    merge_gpe_loc: Annotated[
        bool, typer.Option("--merge-gpe-loc", help="Count GPE and LOC as one type (AQMAR).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Entity-level precision/recall/F1 per type (conlleval-style) of an NER backend."""
    try:
        backend = load_backend(backend_spec, default=entity_spans)
        if gold_format == "bio":
            sentences = read_bio(gold)
        elif gold_format == "standoff" and corpus is not None:
            sentences = read_standoff(gold, corpus, split=split)
        else:
            raise ValueError("want --format bio, or --format standoff with --corpus")
    except (MarsadError, OSError, ValueError) as error:
        err_console.print(f"[red]error[/red] {gold}: {error}")
        raise typer.Exit(2) from error
    scores = score_ner(sentences, backend, merge_gpe_loc=merge_gpe_loc).to_dict()
    if as_json:
        _print_json({"schema_version": SCHEMA_VERSION, "gold": str(gold), **scores})
        return
    table = Table("type", "gold", "predicted", "P", "R", "F1", "relaxed F1", title=f"NER: {gold}")
    rows = [("overall", scores["overall"]), *sorted(scores["per_type"].items())]
    for name, row in rows:
        table.add_row(
            name,
            str(row["gold"]),
            str(row["predicted"]),
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
            f"{row['relaxed']['f1']:.3f}",
        )
    console.print(table)


ner_app = typer.Typer(help="Named-entity models.", no_args_is_help=True)
app.add_typer(ner_app, name="ner")


@ner_app.command("train")
def ner_train(
    corpora: Annotated[list[Path], typer.Argument(help="BIO training files.", exists=True)],
    out: Annotated[Path, typer.Option("--out", help="Where to write the CRF model.")],
) -> None:
    """Train a CRF tagger (python-crfsuite) on BIO files; use it with --backend crf:FILE."""
    try:
        sentences = [sentence for path in corpora for sentence in read_bio(path)]
        train_crf(sentences, out)
    except (OSError, ValueError) as error:
        err_console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    console.print(f"trained on {len(sentences)} sentences → {out}")


@app.command()
def entities(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Entities across the store: mentions, articles and the outlets that mention them."""
    with _open_store(db) as store:
        summary = entity_summary(store.articles())
    if as_json:
        _print_json([{"schema_version": SCHEMA_VERSION, **row} for row in summary])
        return
    table = Table("entity", "type", "mentions", "articles", "outlets", box=box.SIMPLE_HEAD)
    for row in summary:
        outlets = ", ".join(f"{item['name']} ({item['mentions']})" for item in row["outlets"])
        table.add_row(
            f"{row['name_ar']} [dim]{row['id'] or ''}[/dim]",
            row["type"],
            str(row["mentions"]),
            str(row["articles"]),
            outlets,
        )
    console.print(table)


def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()
