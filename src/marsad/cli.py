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
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from marsad.compare.timeline import timeline as event_timeline
from marsad.config import Settings, load_settings
from marsad.errors import InputError, MarsadError
from marsad.evaluate.dates import read_jsonl_gold, read_recognizers, read_wojood, score_dates
from marsad.evaluate.events import (
    read_duplicate_gold,
    read_event_gold,
)
from marsad.evaluate.ner import (
    in_article,
    read_bio,
    read_standoff,
    score_ner,
    standoff_articles,
)
from marsad.evaluate.summaries import read_summary_gold, score_summaries
from marsad.export import export_rows, write_rows
from marsad.extract.article_dates import parse_period
from marsad.extract.entities import entity_spans
from marsad.extract.ner_backends import load_backend, train_crf
from marsad.group.duplicates import duplicate_groups
from marsad.grouping import (
    cluster_params,
    compare_stored_event,
    list_events,
    merge_events,
    rebuild_events,
    report_html,
    score_stored_duplicates,
    score_stored_events,
    split_event,
    summary_systems,
)
from marsad.jobs import analyze_paths, entity_summary, read_wanted_ids, reextract_stored
from marsad.model import SCHEMA_VERSION, Article, DateValue, Event
from marsad.report.terminal import print_event, print_timeline
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


def _print_scores(gold: Path, scores: dict[str, Any]) -> None:
    _print_json({"schema_version": SCHEMA_VERSION, "gold": str(gold), **scores})


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
    only: Annotated[
        Path | None,
        typer.Option(
            "--only",
            help="Keep only the documents this file names (ids or DOCNOs one a line, or a "
            "JSONL gold file's id/a/b/articles fields).",
            exists=True,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=0,
            help="Processes for the per-article stages (0: one per CPU core, the default; "
            "1: none).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read inputs, run every stage, store the articles, group them into near-duplicates and
    events, and print a summary."""
    cfg = _settings(config)
    if workers is not None:
        cfg = dataclasses.replace(cfg, workers=workers)
    try:
        wanted = read_wanted_ids(only) if only is not None else None
    except (MarsadError, OSError, UnicodeDecodeError) as error:
        err_console.print(f"[red]error[/red] --only: {error}")
        raise typer.Exit(2) from error
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

            summary = analyze_paths(paths, store, cfg, on_item=advance, only=wanted)
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
        table.add_row("near-duplicate pairs found", str(summary.grouping.duplicate_pairs))
        table.add_row("events re-clustered", str(summary.grouping.events))
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


@contextmanager
def _gold_errors(gold: Path) -> Iterator[None]:
    """A gold file that cannot be read or scored: a clear message and exit code 2."""
    try:
        yield
    except (MarsadError, OSError, ValueError, KeyError) as error:
        # marsad's errors name their input already
        message = str(error) if isinstance(error, MarsadError) else f"{gold}: {error}"
        err_console.print(f"[red]error[/red] {message}")
        raise typer.Exit(2) from error


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
    with _gold_errors(gold):
        if gold_format == "jsonl":
            cases = read_jsonl_gold(gold, corpus=corpus, split=split)
        elif gold_format == "wojood":
            cases = read_wojood(gold)
        elif gold_format == "recognizers":
            cases = read_recognizers(gold, parsers=False) + read_recognizers(gold, parsers=True)
        else:
            raise ValueError(f"unknown format {gold_format!r}: want jsonl, wojood or recognizers")
    scores = score_dates(cases, today=date.today()).to_dict()
    if as_json:
        _print_scores(gold, scores)
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
    article: Annotated[
        bool,
        typer.Option(
            "--in-article", help="Standoff: read each paragraph inside its whole article."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Entity-level precision/recall/F1 per type (conlleval-style) of an NER backend."""
    with _gold_errors(gold):
        backend = load_backend(backend_spec, default=entity_spans)
        if gold_format == "bio":
            sentences = read_bio(gold)
        elif gold_format == "standoff" and corpus is not None:
            sentences = read_standoff(gold, corpus, split=split)
            if article:
                backend = in_article(backend, standoff_articles(gold, corpus))
        else:
            raise ValueError("want --format bio, or --format standoff with --corpus")
    scores = score_ner(sentences, backend, merge_gpe_loc=merge_gpe_loc).to_dict()
    if as_json:
        _print_scores(gold, scores)
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


def _event_row(event: Event) -> list[str]:
    date_cell = ""
    if event.date is not None:
        date_cell = event.date.value + ("?" if event.date.confidence < 0.5 else "")
    outlets = {a.outlet.name if a.outlet else "?" for a in event.articles}
    return [
        event.id,
        date_cell,
        event.title or "",
        str(len(event.articles)),
        ", ".join(sorted(outlets)),
        "، ".join(p.name_ar for p in event.participants[:4]),
    ]


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-cluster every stored article first.")
    ] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file.", exists=True)
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List events: date, title, articles, outlets, participants."""
    cfg = _settings(config)
    with _open_store(db) as store:
        if rebuild:
            summary = rebuild_events(store, cluster_params(cfg))
            err_console.print(f"re-clustered {summary.reclustered} articles into {summary.events}")
        found = list_events(store)
    if as_json:
        _print_json([event.to_dict() for event in found])
        return
    table = Table(
        Column("id", no_wrap=True, min_width=15),
        Column("date", no_wrap=True, min_width=11),
        Column("title", overflow="ellipsis", no_wrap=True, max_width=50),
        Column("articles", justify="right"),
        Column("outlets", overflow="ellipsis", max_width=24),
        Column("participants", overflow="ellipsis", max_width=30),
        box=box.SIMPLE_HEAD,
        title=f"{len(found)} events in {db}",
        caption="? unsure date (XXXX-WXX-3: a Wednesday, year unknown)",
    )
    for event in found:
        table.add_row(*_event_row(event))
    console.print(table)


@app.command()
def event(
    words: Annotated[
        list[str],
        typer.Argument(
            help="ID to show it; `merge ID ID…` to join events; `split ID ARTICLE…` to move "
            "articles into an event of their own."
        ),
    ],
    db: DbOption = DEFAULT_DB,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file.", exists=True)
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show one event, or record a correction (merge, split) that later runs respect."""
    cfg = _settings(config)
    action, rest = words[0], words[1:]
    with _open_store(db) as store:
        try:
            if action == "merge" and len(rest) >= 2:
                reference = merge_events(store, rest, cluster_params(cfg))
            elif action == "split" and len(rest) >= 2:
                reference = split_event(store, rest[0], rest[1:], cluster_params(cfg))
            elif action in ("merge", "split"):
                raise InputError(action, f"usage: marsad event {action} ID ID…", code="USAGE")
            else:
                reference = action
            comparison = compare_stored_event(store, reference, cfg)
        except MarsadError as error:
            err_console.print(f"[red]error[/red] {error}")
            raise typer.Exit(2) from error
    if as_json:
        _print_json(comparison.to_dict())
        return
    print_event(console, comparison)


@app.command()
def timeline(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Events in time order; undated and unsure ones placed by their evidence and marked."""
    with _open_store(db) as store:
        rows = event_timeline(list_events(store))
    if as_json:
        _print_json([{"schema_version": SCHEMA_VERSION, **row} for row in rows])
        return
    print_timeline(console, rows)


@app.command()
def report(
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("report.html"),
    max_events: Annotated[
        int, typer.Option("--max-events", help="Events shown in full (most articles first).")
    ] = 200,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file.", exists=True)
    ] = None,
) -> None:
    """Write one self-contained right-to-left HTML report: timeline, events, evidence."""
    cfg = _settings(config)
    with _open_store(db) as store:
        page = report_html(store, cfg, title=f"مرصد — {db.name}", max_events=max_events)
    out.write_text(page, encoding="utf-8")
    console.print(f"report written to {out}")


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv or parquet (pip install 'marsad[parquet]').")
    ] = "jsonl",
    what: Annotated[
        str, typer.Option("--what", help="articles, events, claims or quotes.")
    ] = "articles",
    db: DbOption = DEFAULT_DB,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file.", exists=True)
    ] = None,
) -> None:
    """Write one table of the store (articles, events, claims or quotes) for pandas, R or a
    spreadsheet."""
    cfg = _settings(config)
    if fmt not in ("jsonl", "csv", "parquet") or what not in (
        "articles",
        "events",
        "claims",
        "quotes",
    ):
        err_console.print(
            "[red]error[/red] --format jsonl|csv|parquet, --what articles|events|claims|quotes"
        )
        raise typer.Exit(2)
    with _open_store(db) as store:
        rows = export_rows(store, cfg, what)  # type: ignore[arg-type]
    try:
        write_rows(rows, out, fmt)  # type: ignore[arg-type]
    except MarsadError as error:
        err_console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    console.print(f"{len(rows)} {what} written to {out}")


@app.command()
def duplicates(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Near-duplicate groups across the store, with estimated similarity."""
    with _open_store(db) as store:
        pairs = store.duplicate_pairs()
        titles = {a.id: (a.title, a.outlet) for a in store.articles()}
    groups = duplicate_groups((pair.a, pair.b) for pair in pairs)
    similarity = {(pair.a, pair.b): pair.similarity for pair in pairs}
    rows: list[dict[str, Any]] = [
        {
            "articles": group,
            "similarity": min(v for (a, _), v in similarity.items() if a in group),
        }
        for group in groups
    ]
    if as_json:
        _print_json({"schema_version": SCHEMA_VERSION, "groups": rows})
        return
    for row in rows:
        console.print(f"[bold]group[/bold] (lowest pair similarity {row['similarity']:.2f})")
        for article_id in row["articles"]:
            title, outlet = titles.get(article_id, (None, None))
            console.print(f"  {article_id}  {outlet.name if outlet else '?'}  {title or ''}")


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Argument(help="JSONL lines {id, event}.", exists=True)],
    db: DbOption = DEFAULT_DB,
    split: Annotated[str | None, typer.Option("--split", help="Score only this split.")] = None,
    as_json: JsonOption = False,
) -> None:
    """B-cubed, pairwise F1 and ARI of the stored events, beside the all-singletons baseline."""
    with _gold_errors(gold):
        labels = {k: g.event for k, g in read_event_gold(gold).items() if split in (None, g.split)}
        with _open_store(db) as store:
            scores = score_stored_events(store, labels, str(gold))
    result = scores.to_dict()
    if as_json:
        _print_scores(gold, result)
        return
    table = Table("", "B³ P", "B³ R", "B³ F1", "pair F1", "ARI", title=f"events: {gold}")
    for name, row in (("marsad", result), ("all singletons", result["baseline"])):
        table.add_row(
            name,
            f"{row['bcubed']['precision']:.3f}",
            f"{row['bcubed']['recall']:.3f}",
            f"{row['bcubed']['f1']:.3f}",
            f"{row['pairwise']['f1']:.3f}",
            f"{row['ari']:.3f}",
        )
    console.print(table)
    console.print(
        f"{result['items']} articles, {result['gold_events']} gold events, "
        f"{result['predicted_events']} predicted, {result['missing']} not in the store"
    )


@eval_app.command("summaries")
def eval_summaries(
    gold: Annotated[
        Path, typer.Argument(help="JSONL lines {event, split, articles, summary}.", exists=True)
    ],
    db: DbOption = DEFAULT_DB,
    split: Annotated[str | None, typer.Option("--split", help="Score only this split.")] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file.", exists=True)
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """ROUGE-1/2/L of marsad's event summaries and of the lead-3 baseline."""
    cfg = _settings(config)
    with _gold_errors(gold):
        cases = [g for g in read_summary_gold(gold) if split in (None, g.split)]
        with _open_store(db) as store:
            result = score_summaries(cases, summary_systems(store, cfg))
    if as_json:
        _print_scores(gold, result)
        return
    table = Table("", "ROUGE-1 F", "ROUGE-2 F", "ROUGE-L F", title=f"summaries: {gold}")
    for name in ("marsad", "lead-3"):
        row = result[name]
        table.add_row(name, *(f"{row[kind]['f1']:.4f}" for kind in ("rouge1", "rouge2", "rougeL")))
    console.print(table)
    console.print(f"{result['events']} events")


@eval_app.command("duplicates")
def eval_duplicates(
    gold: Annotated[Path, typer.Argument(help="JSONL lines {a, b, duplicate}.", exists=True)],
    db: DbOption = DEFAULT_DB,
    split: Annotated[str | None, typer.Option("--split", help="Score only this split.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Precision and recall of near-duplicate pairs."""
    with _gold_errors(gold):
        pairs = [pair for pair in read_duplicate_gold(gold) if split in (None, pair.split)]
        with _open_store(db) as store:
            result = score_stored_duplicates(store, pairs, str(gold)).to_dict()
    if as_json:
        _print_scores(gold, result)
        return
    console.print(
        f"duplicates: precision {result['precision']:.3f}, recall {result['recall']:.3f} "
        f"({result['scored']} pairs scored, {result['missing']} with an article not stored)"
    )


def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()
