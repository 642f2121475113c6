"""The report: one self-contained, right-to-left HTML file (no external requests, fonts or
scripts), readable on a phone and a desktop.

Every piece of article text goes through ``html.escape``: a ``<script>`` in an article is
shown as text, never run. Evidence is highlighted in the article text by offsets: framing
terms (by side and voice), claim evidence and quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape
from typing import Any

from marsad.compare.event import EventComparison
from marsad.model import Article, Event

_CSS = """
:root { --ink:#1d1d1f; --muted:#5f6368; --line:#d9d9de; --own:#fde2b8; --quoted:#dbe8ff;
  --attributed:#e8dcff; --context:#e6e6e6; --claim:#d8f3dc; --quote:#eef5ff; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Noto Naskh Arabic", "Segoe UI", Tahoma, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 70rem; padding: 1rem; line-height: 1.7; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; border-top: 2px solid var(--line);
  padding-top: 1rem; } h3 { font-size: 1.05rem; margin-bottom: .3rem; }
.meta, .muted { color: var(--muted); font-size: .9rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
.scroll table { min-width: 44rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: start;
  vertical-align: top; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; font-size: .8rem;
  background: var(--context); }
.badge.corroborated { background: var(--claim); } .badge.conflict { background: #ffd6d6; }
.badge.disputed { background: #ffe7c2; }
.unsure { color: #a15c00; }
mark { padding: 0 .1rem; border-radius: .2rem; }
mark.own { background: var(--own); } mark.quoted { background: var(--quoted); }
mark.attributed { background: var(--attributed); } mark.context { background: var(--context); }
mark.claim { background: var(--claim); } mark.quote { background: var(--quote); }
.article-text { white-space: pre-wrap; border: 1px solid var(--line); padding: .75rem;
  border-radius: .4rem; }
.summary li { margin-bottom: .4rem; }
details { margin: .4rem 0; } summary { cursor: pointer; }
[dir=ltr] { direction: ltr; unicode-bidi: isolate; }
@media (max-width: 40rem) { body { padding: .5rem; } th, td { padding: .25rem; } }
"""


def _ltr(text: str) -> str:
    return f'<span dir="ltr">{escape(text)}</span>'


def _date(event: Event) -> str:
    if event.date is None:
        return '<span class="unsure">تاريخ غير معروف</span>'
    value = _ltr(event.date.value)
    note = f"{event.date.granularity}, {event.date.confidence:.2f}"
    if event.date.confidence < 0.5:
        return f'<span class="unsure">{value} (غير مؤكد: {escape(note)})</span>'
    return f"{value} <span class=muted>({escape(note)})</span>"


def _highlight(article: Article, comparison: EventComparison) -> str:
    """The article's cleaned text with evidence marked; overlapping marks keep the first."""
    spans: list[tuple[int, int, str, str]] = []
    for mark in comparison.marks:
        if mark.article_id == article.id:
            kind = "context" if mark.entry.side == "context" else mark.voice
            title = f"{mark.entry.category} / {mark.entry.side} / {mark.voice}"
            spans.append((mark.start, mark.end, kind, title))
    for claim in comparison.claims:
        for item in claim.evidence:
            if item.article_id == article.id:
                spans.append((item.start, item.end, "claim", f"claim: {claim.kind}"))
    for quote in article.quotes:
        spans.append((quote.start, quote.end, "quote", "quote"))
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    out, position = [], 0
    for start, end, kind, title in spans:
        if start < position:
            continue
        out.append(escape(article.text[position:start]))
        out.append(
            f'<mark class="{kind}" title="{escape(title)}">{escape(article.text[start:end])}</mark>'
        )
        position = end
    out.append(escape(article.text[position:]))
    return "".join(out)


def _voice_name(voice: dict[str, Any]) -> str:
    return escape(voice["name"])


def _event_section(comparison: EventComparison) -> str:
    event = comparison.event
    data = comparison.to_dict()
    parts = [f'<section id="{escape(event.id)}"><h2>{escape(event.title or event.id)}</h2>']
    participants = "، ".join(escape(p.name_ar) for p in event.participants)
    place = escape(event.place.name_ar) if event.place else "—"
    related = " ".join(f'<a href="#{escape(r)}">{escape(r)}</a>' for r in event.related)
    parts.append(
        f'<p class="meta">{_ltr(event.id)} · التاريخ: {_date(event)} · المكان: {place}'
        f"<br>المشاركون: {participants or '—'}"
        + (f"<br>أحداث مرتبطة: {related}" if related else "")
        + "</p>"
    )
    if data["summary"]:
        items = "".join(
            f"<li>{escape(s['text'])} <span class=muted>— "
            + "، ".join(_voice_name(o) for o in s["outlets"])
            + "</span></li>"
            for s in data["summary"]
        )
        parts.append(f'<h3>ملخص</h3><ol class="summary">{items}</ol>')
    parts.append(_sources_table(data["sources"]))
    parts.append(_claims_table(data["claims"], data["checks"]))
    parts.append(_quotes_list(data["quotes"]))
    parts.append(_framing_table(data["framing"]))
    for article in comparison.articles:
        outlet = escape(article.outlet.name) if article.outlet else "مصدر غير معروف"
        parts.append(
            f"<details><summary>{escape(article.title or article.id)} — {outlet}</summary>"
            f'<div class="article-text">{_highlight(article, comparison)}</div></details>'
        )
    parts.append("</section>")
    return "\n".join(parts)


def _sources_table(rows: list[dict[str, Any]]) -> str:
    body = []
    for row in rows:
        cited = "، ".join(
            escape(c["entity"]["name_ar"] if c["entity"] else c["text"])
            for c in row["cited_sources"]
        )
        own = sorted({m["term"] for m in row["framing"] if m["voice"] == "own"})
        body.append(
            f"<tr><td>{_ltr(row['article_id'])}</td>"
            f"<td>{escape(row['outlet']['name']) if row['outlet'] else 'مصدر غير معروف'}</td>"
            f"<td>{_ltr((row['published'] or '')[:10])}</td><td>{escape(row['title'] or '')}</td>"
            f"<td>{cited}</td><td>{_ltr(row['copy_of'] or '')}</td>"
            f"<td>{'، '.join(escape(t) for t in own)}</td></tr>"
        )
    head = (
        "<tr><th>المقال</th><th>الوسيلة</th><th>النشر</th><th>العنوان</th><th>المصادر</th>"
        "<th>منسوخ من</th><th>مفردات التأطير</th></tr>"
    )
    return f'<h3>المصادر</h3><div class="scroll"><table>{head}{"".join(body)}</table></div>'


# claims about when and where the event happened, labelled in the claims table
_BASIS_LABELS = {"date": "التاريخ", "place": "المكان"}


def _disputers(claim: dict[str, Any]) -> str:
    """The outlets that report a claim only to deny or contradict it."""
    if not claim["disputed_by"]:
        return ""
    names = "، ".join(_voice_name(o) for o in claim["disputed_by"])
    return f'<br><span class="muted">ينفيه:</span> {names}'


def _claims_table(claims: list[dict[str, Any]], checks: list[dict[str, Any]]) -> str:
    if not claims:
        return ""
    body = []
    for claim in claims:
        text = escape(claim["text"])
        if claim["kind"] == "conflict":
            text = " ≠ ".join(escape(v["text"]) for v in claim["values"])
        sentences = "<br>".join(escape(a["sentence"]) for a in claim["articles"][:3])
        about = _BASIS_LABELS.get(claim["basis"])
        if about:
            text = f'<span class="muted">{about}:</span> {text}'
        body.append(
            f'<tr><td><span class="badge {claim["kind"]}">{claim["kind"]}</span></td>'
            f"<td>{text}<details><summary class=muted>الجمل</summary>{sentences}</details></td>"
            f"<td>{'، '.join(_voice_name(o) for o in claim['outlets'])}{_disputers(claim)}</td>"
            f"<td>{'، '.join(escape(s['name_ar']) for s in claim['cited_sources'])}</td></tr>"
        )
    consistent = "".join(
        f"<li>{escape(c['total']['text'])} = "
        + " + ".join(escape(p["text"]) for p in c["parts"])
        + " ✓</li>"
        for c in checks
    )
    head = "<tr><th>النوع</th><th>الادعاء</th><th>الوسائل</th><th>على لسان</th></tr>"
    return f'<h3>الادعاءات</h3><div class="scroll"><table>{head}{"".join(body)}</table></div>' + (
        f"<ul>{consistent}</ul>" if consistent else ""
    )


def _quotes_list(quotes: list[dict[str, Any]]) -> str:
    if not quotes:
        return ""
    items = []
    for quote in quotes[:20]:
        speaker = quote["speaker"] or {}
        name = escape(str(speaker.get("name_ar") or speaker.get("anonymous") or "؟"))
        outlets = "، ".join(_voice_name(o) for o in quote["outlets"])
        wordings = ""
        if quote["wordings_differ"]:
            wordings = "".join(f"<br><q>{escape(w['text'])}</q>" for w in quote["articles"][1:])
        items.append(
            f"<li><b>{name}</b>: <q>{escape(quote['text'])}</q>{wordings} — {outlets}</li>"
        )
    return f"<h3>الاقتباسات حسب المتحدث</h3><ul>{''.join(items)}</ul>"


def _framing_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    body = []
    for row in rows:
        for term in row["terms"]:
            body.append(
                f"<tr><td>{_voice_name(row['outlet'])}</td><td>{escape(term['term'])}</td>"
                f"<td>{escape(term['category'])}</td><td>{escape(term['side'])}</td>"
                f"<td>{escape(term['voice'])}</td><td>{term['count']}</td></tr>"
            )
    head = (
        "<tr><th>الوسيلة</th><th>المفردة</th><th>الفئة</th><th>الجهة</th><th>بصوت</th>"
        "<th>العدد</th></tr>"
    )
    note = (
        '<p class="muted">أدلة فقط: يعرض مرصد المفردات وسياقها ولا يصنّف أي وسيلة. '
        "«بصوت»: own = بصوت الوسيلة، quoted = داخل اقتباس، attributed = منسوبة للطرف الآخر.</p>"
    )
    return f'<h3>التأطير</h3>{note}<div class="scroll"><table>{head}{"".join(body)}</table></div>'


def render_report(
    timeline_rows: list[dict[str, Any]],
    sections: Sequence[EventComparison],
    *,
    title: str,
    left_out: int = 0,
) -> str:
    """The whole report as one HTML document."""
    items = []
    for row in timeline_rows:
        when = escape(row["sort_date"] or "؟")
        mark = "" if row["dated"] else ' <span class="unsure">(تقديري)</span>'
        arc = " ".join(f'<a href="#{escape(r)}">↔ {escape(r)}</a>' for r in row["related"])
        items.append(
            f'<li>{_ltr(when)}{mark} — <a href="#{escape(row["id"])}">'
            f"{escape(row['title'] or row['id'])}</a> ({row['articles']})"
            + (f' <span class="muted">قصة واحدة مع: {arc}</span>' if arc else "")
            + "</li>"
        )
    more = f"<p class=muted>{left_out} أحداث أخرى غير معروضة.</p>" if left_out else ""
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join(_event_section(comparison) for comparison in sections)
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1><p class=muted>مرصد · {_ltr(generated)}</p>"
        f"<h2>الخط الزمني</h2><ol>{''.join(items)}</ol>{more}{body}</body></html>\n"
    )
