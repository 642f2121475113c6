"""Readers: txt, folders, HTML, RSS/Atom, WARC, JSONL, TREC, tar.gz, stdin and sniffing."""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.ingest.dispatch import read_bytes, read_file, read_inputs, sniff_format
from marsad.jobs import analyze_paths
from marsad.model import Draft, Failure, Outlet
from marsad.pipeline import process_draft
from marsad.store.sqlite import Store

MAX = 1_000_000


def _drafts(items: list[Draft | Failure]) -> list[Draft]:
    assert all(isinstance(item, Draft) for item in items), items
    return [item for item in items if isinstance(item, Draft)]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- plain text ---------------------------------------------------------------


def test_txt_headline_is_first_non_empty_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "news.txt",
        "\n\n  افتتاح مكتبة عامة في المدينة  \n"
        "افتتحت البلدية اليوم مكتبة عامة جديدة تضم آلاف الكتب.\n",
    )
    [draft] = _drafts(list(read_file(path, max_bytes=MAX)))
    assert draft.input_format == "txt"
    assert draft.headline_first is True
    assert draft.source == str(path)
    assert draft.group_key == str(tmp_path)
    article = process_draft(draft, Settings())
    assert article.title == "افتتاح مكتبة عامة في المدينة"
    assert article.text == "افتتحت البلدية اليوم مكتبة عامة جديدة تضم آلاف الكتب."


@pytest.mark.parametrize(
    ("residue", "headline", "body"),
    [
        (
            "الرئيسيةأخبار محلية",
            "افتتاح حديقة عامة جديدة",
            "افتتحت البلدية حديقة عامة جديدة في الحي الشمالي تضم ملاعب للأطفال.",
        ),
        (
            "الصفحة الرئيسية » سياسة",
            "البرلمان يقر قانون الانتخابات",
            "أقر البرلمان في جلسته اليوم قانون الانتخابات الجديد بأغلبية الأصوات.",
        ),
    ],
)
def test_txt_breadcrumb_first_line_is_not_headline(
    tmp_path: Path, store: Store, residue: str, headline: str, body: str
) -> None:
    folder = tmp_path / "in"
    _write(folder / "article.txt", f"{residue}\n{headline}\n{body}\n")
    summary = analyze_paths([str(folder)], store, Settings())
    assert summary.stored == 1
    [article] = store.articles()
    assert article.title == headline
    assert article.text == body
    assert [(r.kind, r.text) for r in article.removed] == [("breadcrumb", residue)]
    assert article.raw_text[article.removed[0].raw_start : article.removed[0].raw_end] == residue


def test_txt_folder_read_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _write(root / "b.txt", "عنوان ب\nنص الخبر ب.")
    _write(root / "a" / "z.txt", "عنوان أ ز\nنص الخبر أ ز.")
    _write(root / "a" / "c.txt", "عنوان أ ج\nنص الخبر أ ج.")
    _write(root / ".hidden.txt", "مخفي\nلا يقرأ.")
    _write(root / ".cache" / "d.txt", "مخفي\nلا يقرأ أيضا.")
    drafts = _drafts(list(read_inputs([str(root)], max_bytes=MAX)))
    assert [Path(draft.source).relative_to(root).as_posix() for draft in drafts] == [
        "a/c.txt",
        "a/z.txt",
        "b.txt",
    ]
    assert drafts[0].raw_text == "عنوان أ ج\nنص الخبر أ ج."
    assert drafts[0].group_key == str(root / "a")


# -- HTML -----------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>افتتاح مكتبة عامة جديدة في المدينة</title>
<meta property="og:site_name" content="جريدة الصباح">
<meta property="article:published_time" content="2024-05-12T09:30:00+03:00">
<link rel="canonical" href="https://www.alsabah.example.com/news/1">
</head><body>
<nav><a href="/">الرئيسية</a></nav>
<article>
<p>افتتحت البلدية صباح اليوم مكتبة عامة جديدة في وسط المدينة تضم أكثر من عشرين ألف كتاب.</p>
<p>وقال رئيس البلدية إن المكتبة ستفتح أبوابها للجمهور يومياً من التاسعة صباحاً حتى المساء.</p>
<p>وأضاف أن المشروع استغرق عامين من العمل وشارك فيه عدد كبير من المهندسين والعمال.</p>
</article></body></html>
"""


def test_html_page_gives_title_outlet_published_and_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "page.html", HTML_PAGE)
    [draft] = _drafts(list(read_file(path, max_bytes=MAX)))
    assert draft.input_format == "html"
    assert draft.title == "افتتاح مكتبة عامة جديدة في المدينة"
    assert draft.outlet == Outlet(id="alsabah.example.com", name="جريدة الصباح")
    assert draft.url == "https://www.alsabah.example.com/news/1"
    assert draft.published == "2024-05-12"
    assert draft.group_key == "alsabah.example.com"
    assert draft.raw_text.splitlines() == [
        "افتتحت البلدية صباح اليوم مكتبة عامة جديدة في وسط المدينة تضم أكثر من عشرين ألف كتاب.",
        "وقال رئيس البلدية إن المكتبة ستفتح أبوابها للجمهور يومياً من التاسعة صباحاً حتى المساء.",
        "وأضاف أن المشروع استغرق عامين من العمل وشارك فيه عدد كبير من المهندسين والعمال.",
    ]


# -- feeds ----------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>وكالة الأنباء</title><link>https://news.example.org/</link>
<item><title>ارتفاع أسعار الذهب</title><link>https://news.example.org/a/1</link>
<pubDate>{first}</pubDate>
<description>ارتفعت أسعار الذهب اليوم في الأسواق المحلية.</description></item>
<item><title>هطول أمطار غزيرة</title><link>https://news.example.org/a/2</link>
<pubDate>{second}</pubDate>
<description>&lt;p&gt;شهدت المنطقة أمطاراً غزيرة.&lt;/p&gt;
&lt;p&gt;وتوقفت الدراسة.&lt;/p&gt;</description>
</item>
</channel></rss>
"""


def test_feeds_rss_rfc822_pubdate(tmp_path: Path) -> None:
    rss = RSS.format(first="Mon, 10 Mar 2025 14:05:00 GMT", second="Tue, 11 Mar 2025 09:00:00 GMT")
    path = _write(tmp_path / "feed.xml", rss)
    first, second = _drafts(list(read_file(path, max_bytes=MAX)))
    assert first.input_format == "feed"
    assert first.source == f"{path}#0"
    assert first.title == "ارتفاع أسعار الذهب"
    assert first.url == "https://news.example.org/a/1"
    assert first.outlet == Outlet(id="news.example.org", name="وكالة الأنباء")
    assert first.published == "2025-03-10T14:05:00+00:00"
    assert first.raw_text == "ارتفعت أسعار الذهب اليوم في الأسواق المحلية."
    assert second.source == f"{path}#1"
    assert second.published == "2025-03-11T09:00:00+00:00"
    lines = [line for line in second.raw_text.splitlines() if line.strip()]
    assert lines == ["شهدت المنطقة أمطاراً غزيرة.", "وتوقفت الدراسة."]


def test_feeds_rss_arabic_pubdate(tmp_path: Path) -> None:
    rss = RSS.format(first="الاثنين، 10 مارس 2025 14:05", second="١١ آذار ٢٠٢٥")
    path = _write(tmp_path / "feed.rss", rss)
    first, second = _drafts(list(read_file(path, max_bytes=MAX)))
    assert first.published == "2025-03-10T14:05:00"
    assert second.published == "2025-03-11"


def test_feeds_atom_entry(tmp_path: Path) -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>موقع الأخبار</title><link href="https://atom.example.net/"/>
<id>urn:feed</id><updated>2025-01-02T08:00:00Z</updated>
<entry><title>انطلاق معرض الكتاب</title><link href="https://atom.example.net/e/1"/>
<id>urn:e1</id><updated>2025-01-02T08:00:00Z</updated>
<content type="html">&lt;p&gt;انطلق معرض الكتاب الدولي اليوم بمشاركة واسعة.&lt;/p&gt;</content>
</entry></feed>
"""
    path = _write(tmp_path / "site.atom", atom)
    [draft] = _drafts(list(read_file(path, max_bytes=MAX)))
    assert draft.input_format == "feed"
    assert draft.title == "انطلاق معرض الكتاب"
    assert draft.url == "https://atom.example.net/e/1"
    assert draft.outlet == Outlet(id="atom.example.net", name="موقع الأخبار")
    assert draft.published == "2025-01-02T08:00:00+00:00"
    assert draft.raw_text.strip() == "انطلق معرض الكتاب الدولي اليوم بمشاركة واسعة."


# -- WARC -----------------------------------------------------------------------

WARC_PAGE = """<html><head><title>اجتماع مجلس الوزراء</title></head><body><article>
<p>عقد مجلس الوزراء اجتماعه الأسبوعي اليوم برئاسة رئيس الحكومة وناقش ملفات اقتصادية.</p>
<p>وقرر المجلس تخصيص ميزانية إضافية لدعم المزارعين في المناطق المتضررة من الجفاف.</p>
</article></body></html>""".encode()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_only_html_responses_become_drafts(
    tmp_path: Path, write_warc: Callable[..., list[int]], name: str
) -> None:
    path = tmp_path / name
    write_warc(
        path,
        [
            ("https://warc.example.com/news/7", "text/html; charset=utf-8", WARC_PAGE),
            ("https://warc.example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ],
    )
    [draft] = _drafts(list(read_file(path, max_bytes=MAX)))
    assert draft.url == "https://warc.example.com/news/7"
    assert draft.source == f"{path}#https://warc.example.com/news/7"
    assert draft.input_format == "html"
    assert draft.title == "اجتماع مجلس الوزراء"
    assert draft.outlet == Outlet(id="warc.example.com", name="warc.example.com")
    assert draft.raw_text.splitlines() == [
        "عقد مجلس الوزراء اجتماعه الأسبوعي اليوم برئاسة رئيس الحكومة وناقش ملفات اقتصادية.",
        "وقرر المجلس تخصيص ميزانية إضافية لدعم المزارعين في المناطق المتضررة من الجفاف.",
    ]


# -- JSONL ----------------------------------------------------------------------


def test_jsonl_records_and_bad_line(tmp_path: Path) -> None:
    first = {
        "text": "نص الخبر الأول عن حالة الطقس في البلاد.",
        "title": "الطقس اليوم",
        "url": "https://www.jsonl.example.com/1",
        "published": "2024-02-03T10:00:00",
        "outlet": "صحيفة النهار",
        "id": "J-1",
    }
    third = {"text": "نص الخبر الثالث عن مباراة كرة القدم.", "title": "مباراة الأمس", "id": 3}
    lines = [json.dumps(first, ensure_ascii=False), "{not json", json.dumps(third)]
    path = _write(tmp_path / "file.jsonl", "\n".join(lines) + "\n")
    items = list(read_file(path, max_bytes=MAX))
    assert [type(item).__name__ for item in items] == ["Draft", "Failure", "Draft"]
    one, failure, three = items
    assert isinstance(one, Draft) and isinstance(three, Draft) and isinstance(failure, Failure)
    assert failure.code == "BAD_RECORD"
    assert failure.source == f"{path}#L2"
    assert failure.stage == "parse"
    assert one.source == f"{path}#L1"
    assert one.input_format == "jsonl"
    assert one.raw_text == first["text"]
    assert one.title == "الطقس اليوم"
    assert one.url == "https://www.jsonl.example.com/1"
    assert one.published == "2024-02-03T10:00:00"
    assert one.outlet == Outlet(id="jsonl.example.com", name="صحيفة النهار")
    assert one.external_id == "J-1"
    assert one.group_key == "jsonl.example.com"
    assert three.source == f"{path}#L3"
    assert three.external_id == "3"
    assert three.outlet is None
    assert three.group_key == str(tmp_path)


def test_jsonl_line_separator_inside_text_stays_one_record() -> None:
    record = {"text": "الفقرة الأولى\u2028الفقرة الثانية من الخبر", "id": "x1"}
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    items = list(read_bytes(data, name="a.jsonl", source="a.jsonl", group_key="g", max_bytes=MAX))
    [draft] = _drafts(items)
    assert draft.raw_text == record["text"]


# -- TREC -----------------------------------------------------------------------

TREC_DOCS = [
    """<DOC>
<DOCNO>NEWS-0001</DOCNO>
<URL>https://www.trec.example.com/a/1</URL>
<SRC>شبكة الأخبار</SRC>
<TITLE>انعقاد القمة الاقتصادية</TITLE>
<TIME>Wed, 28 Feb 2018 11:34:31 +0400</TIME>
<TEXT>
انعقدت القمة الاقتصادية في العاصمة بحضور وفود من عشرين دولة.
</TEXT>
</DOC>
""",
    """<DOC>
<DOCNO>NEWS-0002</DOCNO>
<URL>https://www.trec.example.com/a/2</URL>
<SRC>شبكة الأخبار</SRC>
<TITLE>افتتاح جسر جديد</TITLE>
<TIME>Thu, 01 Mar 2018 08:00:00 +0400</TIME>
<TEXT>
افتتح وزير النقل جسراً جديداً يربط ضفتي النهر &amp; يخفف الازدحام.
</TEXT>
</DOC>
""",
]


def _check_trec(first: Draft, second: Draft) -> None:
    assert first.input_format == "trec"
    assert first.external_id == "NEWS-0001"
    assert first.title == "انعقاد القمة الاقتصادية"
    assert first.url == "https://www.trec.example.com/a/1"
    assert first.outlet == Outlet(id="trec.example.com", name="شبكة الأخبار")
    assert first.published == "2018-02-28T11:34:31+04:00"
    assert first.raw_text == "انعقدت القمة الاقتصادية في العاصمة بحضور وفود من عشرين دولة."
    assert first.group_key == "trec.example.com"
    assert second.external_id == "NEWS-0002"
    assert second.published == "2018-03-01T08:00:00+04:00"
    assert second.raw_text == "افتتح وزير النقل جسراً جديداً يربط ضفتي النهر & يخفف الازدحام."


def test_trec_two_docs_in_one_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "docs", "".join(TREC_DOCS))
    first, second = _drafts(list(read_file(path, max_bytes=MAX)))
    assert first.source == f"{path}#NEWS-0001"
    assert second.source == f"{path}#NEWS-0002"
    _check_trec(first, second)


def test_trec_members_of_tar_gz(tmp_path: Path) -> None:
    path = tmp_path / "collection.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, doc in zip(["2018/one.txt", "2018/two.txt"], TREC_DOCS, strict=True):
            data = doc.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    first, second = _drafts(list(read_file(path, max_bytes=MAX)))
    assert first.source == f"{path}!2018/one.txt#NEWS-0001"
    assert second.source == f"{path}!2018/two.txt#NEWS-0002"
    _check_trec(first, second)


# -- stdin and sniffing ---------------------------------------------------------


def test_stdin_read_with_dash() -> None:
    text = "عنوان من المدخل القياسي\nنص الخبر القادم من المدخل القياسي."
    [draft] = _drafts(list(read_inputs(["-"], max_bytes=MAX, stdin=io.BytesIO(text.encode()))))
    assert draft.source == "<stdin>"
    assert draft.input_format == "txt"
    assert draft.raw_text == text
    assert draft.headline_first is True
    assert process_draft(draft, Settings()).title == "عنوان من المدخل القياسي"


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("feed", b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>', "feed"),
        ("page", b"<!DOCTYPE html>\n<html><head><title>t</title>", "html"),
        ("page", b"  <html><body>", "html"),
        ("dump", b'{"text": "x"}\n', "jsonl"),
        ("notes.txt", b'{"text": "x"}\n', "txt"),
        ("docs", b"\n<DOC>\n<DOCNO>1</DOCNO>", "trec"),
        ("crawl", b"WARC/1.0\r\n", "warc"),
        ("x.HTM", b"plain words", "html"),
        ("notes", "سطر عادي من النص".encode(), "txt"),
    ],
)
def test_sniff_format_by_content(name: str, head: bytes, expected: str) -> None:
    assert sniff_format(name, head) == expected


def test_sniff_extensionless_files_are_read_by_content(tmp_path: Path) -> None:
    rss = RSS.format(first="Mon, 10 Mar 2025 14:05:00 GMT", second="Tue, 11 Mar 2025 09:00:00 GMT")
    feed = _write(tmp_path / "feed", rss)
    page = _write(tmp_path / "page", HTML_PAGE)
    feed_drafts = _drafts(list(read_file(feed, max_bytes=MAX)))
    [page_draft] = _drafts(list(read_file(page, max_bytes=MAX)))
    assert [draft.title for draft in feed_drafts] == ["ارتفاع أسعار الذهب", "هطول أمطار غزيرة"]
    assert {draft.input_format for draft in feed_drafts} == {"feed"}
    assert page_draft.input_format == "html"
    assert page_draft.title == "افتتاح مكتبة عامة جديدة في المدينة"


def test_sniff_doctype_html_wins_over_feed_marker_in_body() -> None:
    head = b"<!DOCTYPE html><html><head><title>t</title></head><body><p>the <feed> tag</p>"
    assert sniff_format("page", head) == "html"
