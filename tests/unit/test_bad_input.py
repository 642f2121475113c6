"""Bad inputs become recorded failures with the right code; the rest of the batch is stored."""

from __future__ import annotations

import gzip
import io
import random
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.jobs import analyze_paths
from marsad.store.sqlite import Store

GOOD_HEADLINE = "الحكومة تعلن خطة النقل الجديدة"
GOOD_BODY = (
    "أعلنت الحكومة اليوم عن خطة جديدة لتطوير شبكة النقل العام في العاصمة خلال السنوات المقبلة."
)
GOOD = f"{GOOD_HEADLINE}\n{GOOD_BODY}\n"


def _tar_gz(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


BAD_INPUTS: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "EMPTY_INPUT"),
    ("spaces.txt", b" \n\n\t ", "EMPTY_INPUT"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "BINARY_INPUT"),
    ("latin.txt", bytes(range(0x80, 0x100)) * 2, "UNDECODABLE"),
    ("story.txt.gz", _truncated(gzip.compress(GOOD.encode() * 50)), "BAD_ARCHIVE"),
    ("nobody.html", b"<html><head><title>x</title></head></html>", "NO_MAIN_TEXT"),
    (
        "empty.rss",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<link>https://empty.example.com/</link></channel></rss>",
        "EMPTY_FEED",
    ),
    ("boilerplate.txt", "اترك تعليقاً\nزر الذهاب إلى الأعلى\n".encode(), "EMPTY_TEXT"),
]


@pytest.mark.parametrize(("name", "data", "code"), BAD_INPUTS, ids=[item[0] for item in BAD_INPUTS])
def test_bad_input_is_recorded_and_batch_goes_on(
    tmp_path: Path, store: Store, name: str, data: bytes, code: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    summary = analyze_paths([str(folder)], store, Settings())
    [(failure, seen, _)] = store.failures()
    assert failure.code == code
    assert failure.source == str(folder / name)
    assert failure.message.startswith(str(folder / name))
    assert seen == 1
    assert dict(summary.failures) == {code: 1}
    assert summary.stored == 1
    [article] = store.articles()
    assert article.title == GOOD_HEADLINE
    assert article.text == GOOD_BODY


def test_bad_input_missing_path(tmp_path: Path, store: Store) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    missing = str(tmp_path / "nowhere" / "missing.txt")
    summary = analyze_paths([missing, str(good)], store, Settings())
    [(failure, _, _)] = store.failures()
    assert (failure.source, failure.stage, failure.code) == (missing, "read", "INPUT_NOT_FOUND")
    assert summary.stored == 1
    assert store.count_articles() == 1


def test_bad_input_over_size_limit(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text("عنوان طويل\n" + "كلمة " * 400, encoding="utf-8")
    (folder / "small.txt").write_text(GOOD, encoding="utf-8")
    summary = analyze_paths([str(folder)], store, Settings(max_input_bytes=1000))
    [(failure, _, _)] = store.failures()
    assert (failure.source, failure.code) == (str(folder / "big.txt"), "INPUT_TOO_LARGE")
    assert summary.stored == 1
    assert [article.title for article in store.articles()] == [GOOD_HEADLINE]


def test_bad_input_truncated_tar_gz_keeps_members_before_damage(
    tmp_path: Path, store: Store
) -> None:
    members = [
        (f"news/m{index}.txt", f"عنوان الخبر رقم {index}\n{GOOD_BODY} الخبر رقم {index}.".encode())
        for index in range(3)
    ]
    # incompressible filler after the text members, so cutting the archive hits only the filler
    filler = random.Random(7).randbytes(200_000)
    data = _tar_gz([*members, ("news/filler.bin", filler)])
    path = tmp_path / "archive.tar.gz"
    path.write_bytes(data[: len(data) - 50_000])
    summary = analyze_paths([str(path)], store, Settings())
    [(failure, _, _)] = store.failures()
    assert (failure.source, failure.code) == (str(path), "BAD_ARCHIVE")
    assert summary.stored == 3
    assert [article.title for article in store.articles()] == [
        "عنوان الخبر رقم 0",
        "عنوان الخبر رقم 1",
        "عنوان الخبر رقم 2",
    ]
    assert [article.source for article in store.articles()] == [
        f"{path}!news/m{index}.txt" for index in range(3)
    ]


def _page(index: int) -> bytes:
    return f"""<html><head><title>خبر رقم {index} عن الاقتصاد</title></head><body><article>
<p>هذا هو النص الأول للخبر رقم {index}، ويتناول تطورات الاقتصاد المحلي خلال الربع الأخير.</p>
<p>وأشار التقرير رقم {index} إلى ارتفاع الصادرات الزراعية وتراجع معدلات البطالة.</p>
</article></body></html>""".encode()


def test_bad_input_truncated_warc_gz(
    tmp_path: Path, store: Store, write_warc: Callable[..., list[int]]
) -> None:
    path = tmp_path / "crawl.warc.gz"
    responses = [
        (f"https://warc.example.com/{index}", "text/html; charset=utf-8", _page(index))
        for index in range(3)
    ]
    ends = write_warc(path, responses)
    data = path.read_bytes()
    path.write_bytes(data[: ends[0] + (ends[1] - ends[0]) // 2])  # cut inside the second record
    summary = analyze_paths([str(path)], store, Settings())
    [(failure, _, _)] = store.failures()
    assert (failure.source, failure.stage, failure.code) == (str(path), "read", "BAD_ARCHIVE")
    assert summary.stored == 1
    [article] = store.articles()
    assert article.url == "https://warc.example.com/0"
    assert article.title == "خبر رقم 0 عن الاقتصاد"


def test_bad_input_second_run_stores_nothing_new_and_counts_failures(
    tmp_path: Path, store: Store
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "other.txt").write_text(
        "افتتاح مدرسة جديدة\nافتتحت وزارة التربية مدرسة جديدة في القرية.", encoding="utf-8"
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.dat").write_bytes(b"\x00\x01\x02\x03")
    missing = str(tmp_path / "missing.txt")

    first = analyze_paths([str(folder), missing], store, Settings())
    failures_before = store.failures()
    second = analyze_paths([str(folder), missing], store, Settings())
    failures_after = store.failures()

    assert (first.stored, first.already_stored) == (2, 0)
    assert (second.stored, second.already_stored) == (0, 2)
    assert store.count_articles() == 2
    assert len(failures_before) == len(failures_after) == 3
    assert [(f.source, f.code) for f, _, _ in failures_after] == [
        (f.source, f.code) for f, _, _ in failures_before
    ]
    assert sorted(f.code for f, _, _ in failures_after) == [
        "BINARY_INPUT",
        "EMPTY_INPUT",
        "INPUT_NOT_FOUND",
    ]
    assert [seen for _, seen, _ in failures_before] == [1, 1, 1]
    assert [seen for _, seen, _ in failures_after] == [2, 2, 2]
