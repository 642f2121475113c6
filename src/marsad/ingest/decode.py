"""Bytes to text: BOMs, UTF-8, UTF-16 and the single-byte Arabic code pages.

Order: byte-order mark; strict UTF-8; UTF-16 without BOM (NUL-byte pattern);
then the encoding the document declares (HTML ``<meta charset>``, XML
declaration, HTTP header) and faust-cchardet's guess, with charset-normalizer as
a fallback. chardet is never used: it reads windows-1256 as something else (see
the libraries guide). Every candidate must decode strictly *and* give plausible
text (few control or replacement characters), so bytes that only some code page
maps to characters are refused as ``UNDECODABLE`` instead of stored as mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import cchardet
from charset_normalizer import from_bytes

from marsad.errors import InputError

_DECLARED = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
_MAX_BAD_SHARE = 0.005
_ORDINARY_UTF16 = re.compile("[\t\n\r\x20-\x7e\u00a0\u0600-\u06ff\u2010-\u201f]")
# Code pages tried when a document is not UTF-8/16/32: Arabic first, then Western.
_SINGLE_BYTE = ("windows-1256", "iso-8859-6", "windows-1252", "iso-8859-1")
_NORMALISED_NAMES = {
    codecs.lookup(name).name: name for name in (*_SINGLE_BYTE, "utf-8", "utf-16", "utf-32")
}
# punctuation that is ordinary in Arabic and Western text: ، ؛ ؟ ٪ ٫ ٬ NBSP « » – — ‘ ’ “ ” … °
_TEXT_CATEGORIES = frozenset({"Cf", "Zs", "Pd", "Pi", "Pf", "Ps", "Pe", "Po"})
_TEXT_SYMBOLS = frozenset(
    "\u060c\u061b\u061f\u066a\u066b\u066c\u00a0\u00ab\u00bb"
    "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00b0"
)
# a haraka not following an Arabic letter: what Latin accents become in windows-1256
_ORPHAN_HARAKA = re.compile("(?<![\u0621-\u0652\u0670])[\u064b-\u0652]")


def declared_encoding(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB, if any."""
    match = _DECLARED.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _known(encoding: str | None) -> str | None:
    """The supported encoding ``encoding`` names, or None for any other."""
    if not encoding:
        return None
    try:
        return _NORMALISED_NAMES.get(codecs.lookup(encoding).name)
    except LookupError:
        return None


def _plausible(text: str, *, single_byte: bool) -> bool:
    """Few control/replacement characters; for a code page also mostly letters.

    Mojibake from a wrong code page shows up as symbols and stray accents among
    the non-ASCII characters. Bytes that are valid UTF-8/16 need no such check.
    """
    if not text.strip():
        return False
    bad = len(_BAD_CHAR.findall(text))
    if bad > max(1, len(text) * _MAX_BAD_SHARE):
        return False
    if not single_byte:
        return True
    non_ascii = [char for char in text[:20000] if ord(char) > 127]
    if not non_ascii:
        return True
    wordy = sum(
        1
        for char in non_ascii
        if char in _TEXT_SYMBOLS
        or unicodedata.category(char) in _TEXT_CATEGORIES
        or unicodedata.category(char)[0] in "LMN"
    )
    orphans = len(_ORPHAN_HARAKA.findall(text[:20000]))
    return wordy - orphans >= 0.9 * len(non_ascii)


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        codecs.lookup(encoding)
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    return text if _plausible(text, single_byte=encoding in _SINGLE_BYTE) else None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: high bytes are nearly all 0x00 (Latin) or 0x06 (Arabic)."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None

    def high_byte_share(high: bytes) -> float:
        return (high.count(0) + high.count(6)) / len(high)

    even, odd = high_byte_share(sample[0::2]), high_byte_share(sample[1::2])
    if odd > 0.8 and even < 0.3:
        text = _try(data, "utf-16-le")
    elif even > 0.8 and odd < 0.3:
        text = _try(data, "utf-16-be")
    else:
        return None
    if text is None:
        return None
    # Latin-1 or Arabic letters, digits, punctuation and spaces, not symbols from binary data
    ordinary = _ORDINARY_UTF16.findall(text[:2000])
    return text if len(ordinary) >= 0.8 * len(text[:2000]) else None


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Decode ``data``; :class:`InputError` EMPTY_INPUT, BINARY_INPUT or UNDECODABLE if not."""
    if not data.strip():
        raise InputError(source, "the input is empty", code="EMPTY_INPUT", stage="decode")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is None:
                break
            return text.lstrip("\ufeff")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise InputError(
            source, "binary data (NUL bytes), not text", code="BINARY_INPUT", stage="decode"
        )
    text = _try(data, "utf-8")
    if text is not None:
        return text
    guess = cchardet.detect(data[:65536]).get("encoding")
    best = from_bytes(data[:65536]).best()
    candidates = (declared, declared_encoding(data), guess, best.encoding if best else None)
    for candidate in (*candidates, *_SINGLE_BYTE):
        text = _try(data, _known(candidate))
        if text is not None:
            return text
    raise InputError(
        source,
        f"bytes are neither UTF-8/16 nor a supported code page "
        f"(declared {declared or declared_encoding(data) or 'nothing'}, guessed {guess})",
        code="UNDECODABLE",
        stage="decode",
    )
