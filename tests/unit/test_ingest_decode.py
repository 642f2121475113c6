"""decode_bytes: BOMs, UTF-8/16, the Arabic code pages, and the bytes it refuses."""

from __future__ import annotations

import codecs
import random

import pytest

from marsad.errors import InputError
from marsad.ingest.decode import declared_encoding, decode_bytes
from marsad.ingest.dispatch import read_bytes
from marsad.model import Draft

ARABIC = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة، "
    "وسيستقبل المرضى اعتباراً من الأسبوع المقبل.\n"
    "وقال الوزير إن المستشفى يضم مئتي سرير؛ فهل يكفي ذلك؟"
)


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", ARABIC.encode("utf-8")),
        ("utf-8 with BOM", codecs.BOM_UTF8 + ARABIC.encode("utf-8")),
        ("utf-16 with BOM", ARABIC.encode("utf-16")),
        ("utf-16-be with BOM", codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be")),
        ("utf-16-le without BOM", ARABIC.encode("utf-16-le")),
        ("windows-1256", ARABIC.encode("cp1256")),
        ("iso-8859-6", ARABIC.encode("iso-8859-6")),
    ],
)
def test_decode_round_trips_supported_encodings(label: str, data: bytes) -> None:
    assert decode_bytes(data, source=label) == ARABIC


def test_decode_windows_1256_html_page_uses_declared_charset() -> None:
    html = (
        '<html><head><meta charset="windows-1256"><title>افتتاح مستشفى جديد</title></head>'
        f"<body><article><p>{ARABIC}</p>"
        "<p>وأضاف أن العمل في المشروع استمر ثلاث سنوات متواصلة.</p></article></body></html>"
    )
    data = html.encode("cp1256")
    assert declared_encoding(data) == "windows-1256"
    [draft] = list(read_bytes(data, name="p.html", source="p.html", group_key="g", max_bytes=10**6))
    assert isinstance(draft, Draft)
    assert draft.title == "افتتاح مستشفى جديد"
    assert draft.raw_text.endswith("وأضاف أن العمل في المشروع استمر ثلاث سنوات متواصلة.")


def test_decode_random_high_bytes_are_undecodable() -> None:
    rng = random.Random(20240512)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(300))
    with pytest.raises(InputError) as caught:
        decode_bytes(data, source="noise.txt")
    assert caught.value.code == "UNDECODABLE"
    assert caught.value.stage == "decode"
    assert caught.value.source == "noise.txt"


def test_decode_nul_bytes_are_binary() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    with pytest.raises(InputError) as caught:
        decode_bytes(data, source="image.txt")
    assert caught.value.code == "BINARY_INPUT"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n "])
def test_decode_empty_or_whitespace_is_empty_input(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, source="blank.txt")
    assert caught.value.code == "EMPTY_INPUT"
    assert str(caught.value) == "blank.txt: the input is empty"


def test_decode_alternating_nul_and_high_bytes_are_binary_not_utf16() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(b"\x00\xff\x00\xfe" * 16, source="blob")
    assert caught.value.code == "BINARY_INPUT"
