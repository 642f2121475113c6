"""Terminal views (Rich) of events and the timeline.

Arabic reads right to left in any terminal with bidi support; each piece of Arabic is
printed as its own line or table cell so that the terminal's bidi algorithm keeps it
whole (mixing it with Latin labels on one line is what scrambles it).
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Column, Table

from marsad.compare.event import EventComparison
from marsad.model import Event


def _date_text(event: Event) -> str:
    if event.date is None:
        return "undated"
    sure = "unsure" if event.date.confidence < 0.5 else "confidence"
    return f"{event.date.value} ({event.date.granularity}, {sure} {event.date.confidence:.2f})"


def print_event(console: Console, comparison: EventComparison) -> None:
    """Everything about one event: header, summary, sources, claims, quotes, framing."""
    event = comparison.event
    console.print(f"[bold]{event.title or '(no headline)'}[/bold]")
    console.print(f"[dim]{event.id} · {_date_text(event)}[/dim]")
    details = [
        ("place", f"{event.place.name_ar} ({event.place.name_en})" if event.place else ""),
        ("participants", "، ".join(p.name_ar for p in event.participants)),
        ("aliases", ", ".join(event.aliases)),
        ("related events (story arc)", ", ".join(event.related)),
    ]
    for label, value in details:
        if value:
            console.print(f"[dim]{label}:[/dim] {value}")
    _print_summary(console, comparison)
    _print_sources(console, comparison)
    _print_claims(console, comparison)
    _print_quotes(console, comparison)
    _print_framing(console, comparison)


def _print_summary(console: Console, comparison: EventComparison) -> None:
    if not comparison.summary:
        return
    console.rule("summary")
    for sentence in comparison.summary:
        outlets = ", ".join(v.to_dict()["name"] for v in sentence.voices)
        console.print(sentence.text)
        console.print(f"  [dim]← {outlets}[/dim]")


_WIDE = 150  # columns a sources table needs to stay readable; narrower terminals get blocks


def _print_sources(console: Console, comparison: EventComparison) -> None:
    if console.width < _WIDE:
        _print_source_blocks(console, comparison)
        return
    table = Table(
        Column("article", no_wrap=True),
        Column("outlet", max_width=18),
        Column("published", no_wrap=True),
        Column("title", max_width=40),
        Column("cites", max_width=28),
        Column("copy of", no_wrap=True),
        Column("framing (own voice)", max_width=30),
        box=box.SIMPLE_HEAD,
        title="sources",
    )
    for row in comparison.sources:
        own = sorted({m["term"] for m in row["framing"] if m["voice"] == "own"})
        cited = "، ".join(
            (c["entity"]["name_ar"] if c["entity"] else c["text"]) for c in row["cited_sources"]
        )
        table.add_row(
            row["article_id"],
            row["outlet"]["name"] if row["outlet"] else "unknown outlet",
            (row["published"] or "")[:10],
            row["title"] or "",
            cited,
            row["copy_of"] or "",
            "، ".join(own),
        )
    console.print(table)


def _print_source_blocks(console: Console, comparison: EventComparison) -> None:
    """The sources table as one block per article, each Arabic piece on its own line."""
    console.rule("sources")
    for row in comparison.sources:
        copy = f" · copy of {row['copy_of']}" if row["copy_of"] else ""
        console.print(f"[dim]{row['article_id']} · {(row['published'] or '')[:10]}{copy}[/dim]")
        console.print(
            f"[bold]{row['outlet']['name'] if row['outlet'] else 'unknown outlet'}[/bold]"
        )
        if row["title"]:
            console.print(row["title"])
        cited = "، ".join(
            dict.fromkeys(
                c["entity"]["name_ar"] if c["entity"] else c["text"] for c in row["cited_sources"]
            )
        )
        own = "، ".join(sorted({m["term"] for m in row["framing"] if m["voice"] == "own"}))
        for label, value in (("cites", cited), ("framing, own voice", own)):
            if value:
                console.print(f"  [dim]{label}:[/dim]")
                console.print(f"  {value}")
        console.print()


def _print_claims(console: Console, comparison: EventComparison) -> None:
    if not comparison.claims:
        return
    table = Table(
        "kind",
        Column("claim", max_width=60),
        Column("outlets", max_width=30),
        Column("on whose authority", max_width=30),
        box=box.SIMPLE_HEAD,
        title="claims",
    )
    for claim in comparison.claims:
        outlets = ", ".join(voice.to_dict()["name"] for voice in claim.voices)
        if claim.disputed_by:
            against = ", ".join(voice.to_dict()["name"] for voice in claim.disputed_by)
            outlets = f"{outlets}\n≠ {against}" if outlets else f"≠ {against}"
        text = claim.text
        if claim.kind == "conflict":
            text = " ≠ ".join(f"{v['text']}" for v in claim.values)
        sources = "، ".join(dict.fromkeys(source["name_ar"] for source in claim.cited_sources))
        # when and where the event happened are claims too: say which one a row is
        kind = f"{claim.kind} ({claim.basis})" if claim.basis in {"date", "place"} else claim.kind
        table.add_row(kind, text, outlets, sources)
    console.print(table)
    for check in comparison.checks:
        parts = " + ".join(part["text"] for part in check["parts"])
        console.print(f"[green]consistent:[/green] {check['total']['text']} = {parts}")


def _speaker_name(speaker: dict[str, Any] | None) -> str:
    if not speaker:
        return "?"
    return str(speaker.get("name_ar") or speaker.get("anonymous") or "?")


def _print_quotes(console: Console, comparison: EventComparison) -> None:
    merged = [q.to_dict(comparison.voices) for q in comparison.quotes]
    if not merged:
        return
    console.rule("quotes by speaker")
    for quote in merged[:12]:
        outlets = ", ".join(o["name"] for o in quote["outlets"])
        console.print(f"[bold]{_speaker_name(quote['speaker'])}[/bold]  [dim]({outlets})[/dim]")
        console.print(quote["text"])
        if quote["wordings_differ"]:
            for wording in quote["articles"][1:]:
                console.print(f"  [dim]{wording['article_id']}:[/dim] {wording['text']}")


def _print_framing(console: Console, comparison: EventComparison) -> None:
    if not comparison.framing:
        return
    table = Table(
        Column("outlet", max_width=20),
        "side",
        "voice",
        Column("terms", max_width=60),
        box=box.SIMPLE_HEAD,
        title="framing evidence (which side's words; marsad labels no outlet)",
    )
    for row in comparison.framing:
        grouped: dict[tuple[str, str], list[str]] = {}
        for term in row["terms"]:
            grouped.setdefault((term["side"], term["voice"]), []).append(
                f"{term['term']} ×{term['count']}"
            )
        for (side, voice), terms in sorted(grouped.items()):
            table.add_row(row["outlet"]["name"], side, voice, "، ".join(terms))
    console.print(table)


def print_timeline(console: Console, rows: list[dict[str, Any]]) -> None:
    """Events in date order; undated and unsure dates marked."""
    table = Table(
        Column("when", no_wrap=True),
        Column("event", no_wrap=True),
        Column("title", max_width=60),
        "articles",
        Column("arc", no_wrap=True),
        box=box.SIMPLE_HEAD,
        title="timeline",
        caption="~ placed by publication date (no event date)   ? unsure date",
    )
    for row in rows:
        when = row["sort_date"] or ""
        if not row["dated"]:
            when += "~"
        elif row["date"] and row["date"]["confidence"] < 0.5:
            when += "?"
        table.add_row(
            when, row["id"], row["title"] or "", str(row["articles"]), ", ".join(row["related"])
        )
    console.print(table)
