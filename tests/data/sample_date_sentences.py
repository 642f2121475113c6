"""Draw the candidate sentences of the ANT temporal-expression gold set.

Why: ``dates-ant-gold.jsonl`` (next to this file) is a hand-annotated gold set of Arabic
temporal expressions for evaluating marsad's date extractor. ANT is Apache-2.0 and is not
copied into the repository, so the gold file points at sentences by DOCNO and character
offsets into the ``<TEXT>`` body; this script shows, and reproduces, how they were drawn.

What: stream the ANT v2.1 archive; take each ``<TEXT>`` body exactly as it appears between
the tags; split it on ``.`` (not between digits) ``؟`` ``?`` ``!`` and line breaks; keep
sentences of 5-60 words with at least one temporal cue (CUES; deliberately broad, so cues
that are not dates, e.g. هجري inside مهجرين, give negatives); skip the few docs whose TIME
is not in 2018. Pick with ``random.Random(SEED)``: QUOTAS per cue family, rarest first,
then UNIFORM from all candidates; at most MAX_PER_DOC per doc, no sentence text twice.
Shuffle the picks (sorted by DOCNO, offset) with ``random.Random(SPLIT_SEED)``: first half
``dev``, rest ``test``. Output, one TSV row per pick::

    python3 tests/data/sample_date_sentences.py > /tmp/date-candidates.tsv
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import tarfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ARCHIVE = (
    Path(__file__).resolve().parents[3]
    / "shared/data/ant-corpus-v2.1/antcorpus.multisource.data.tar.gz"
)
SEED, SPLIT_SEED, MAX_PER_DOC, MIN_WORDS, MAX_WORDS = 20261123, 7, 2, 5, 60

PRE = r"(?<!\w)(?:[وفبلك]|وب|ول|فب)?"  # at most one proclitic before a cue
END = r"(?!\w)"
EGYPTIAN = (
    "يناير|فبراير|مارس|أبريل|إبريل|ابريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس"
    "|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
)
LEVANTINE = (
    "كانون الثاني|كانون الأول|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني"
)
MAGHREBI_BARE = "جانفي|فيفري|أفريل|جويلية"
MAGHREBI_AMBIG = "ماي|جوان|أوت"  # also names (Theresa May, Juan): only next to a number
HIJRI = (
    "محرم|صفر|ربيع الأول|ربيع الآخر|ربيع الثاني|جمادى الأولى|جمادى الآخرة|جمادى الثانية"
    "|رجب|شعبان|رمضان|شوال|ذو القعدة|ذي القعدة|ذو الحجة|ذي الحجة"
)
WEEKDAY = "الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت"
MONTH = f"{EGYPTIAN}|{LEVANTINE}|{MAGHREBI_BARE}|{MAGHREBI_AMBIG}"
MOD = "منتصف|أواسط|أواخر|أوائل|مطلع|بداية|بدايات|نهاية|أول|آخر"
PART = "صباح|مساء|ليل|ليلة|فجر|ظهر|ظهيرة|عصر|بعد ظهر"
NUM = r"\d{1,4}"
RELATIVE = (
    "اليوم|أمس|الأمس|غدا|غداً|الماضي|الماضية|المقبل|المقبلة|القادم|القادمة|الجاري|الجارية"
    "|منذ|قبل|بعد|أسبوع|الأسبوع|شهر|الشهر|عام|العام|سنة|السنة"
)
MAGHREBI_CUE = (
    rf"{PRE}(?:{MAGHREBI_BARE}){END}|\d\s+(?:{MAGHREBI_AMBIG}){END}"
    rf"|{PRE}(?:{MAGHREBI_AMBIG})\s+(?:19|20)\d\d"
)
HIJRI_CUE = (
    rf"\d\s*(?:هـ|ه){END}|هجري|هجرية|للهجرة|\d+\s+(?:{HIJRI}){END}"
    rf"|{PRE}شهر\s+(?:{HIJRI}){END}|(?:{HIJRI})\s+(?:عام\s+)?14\d\d"
)
RANGE_CUE = (
    rf"(?:بين|من)\s+(?:عامي|العامين|عام|سنة)?\s*{NUM}\s+(?:و|إلى|الى|حتى)\s*(?:عام\s+)?{NUM}"
    r"|(?<!\d)(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d(?!\d)"
)
PAIRED_CUE = rf"(?:{EGYPTIAN})\s*[/(]\s*(?:{LEVANTINE})|(?:{LEVANTINE})\s*[/(]\s*(?:{EGYPTIAN})"
MOD_CUE = (
    rf"{PRE}(?:{MOD})\s+(?:شهر\s+|عام\s+)?"
    rf"(?:{MONTH}|العام|الشهر|الأسبوع|السنة|(?:19|20)\d\d){END}"
)

# (family, pattern), rarest first; a sentence's primary family is the first that matches.
CUES: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern))
    for name, pattern in [
        ("maghrebi_month", MAGHREBI_CUE),
        ("hijri", HIJRI_CUE),
        ("numeric_date", r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}(?!\d)"),
        ("decade", rf"{PRE}ال(?:عشر|ثلاث|أربع|خمس|ست|سبع|ثمان|تسع)ين(?:ي)?ات{END}|{PRE}القرن{END}"),
        ("range", RANGE_CUE),
        ("paired_month", PAIRED_CUE),
        ("season", rf"{PRE}(?:ال)?(?:صيف|شتاء|ربيع|خريف){END}"),
        ("part_of_day", rf"{PRE}(?:{PART})\s+(?:يوم\s+)?(?:{WEEKDAY}|اليوم|أمس|الأمس|غد){END}"),
        ("mod_period", MOD_CUE),
        ("levantine_month", rf"{PRE}(?:{LEVANTINE}){END}"),
        ("weekday", rf"{PRE}(?:{WEEKDAY}){END}"),
        ("egyptian_month", rf"{PRE}(?:{EGYPTIAN}){END}"),
        ("year", r"(?<!\d)(?:19|20)\d\d(?!\d)"),
        ("relative", rf"{PRE}(?:{RELATIVE}){END}"),
    ]
]
QUOTAS = {"maghrebi_month": 6, "hijri": 12, "numeric_date": 10, "decade": 8, "range": 12}
QUOTAS |= {"paired_month": 18, "season": 10, "part_of_day": 12, "mod_period": 14}
QUOTAS |= {"levantine_month": 14, "weekday": 16, "egyptian_month": 14, "year": 10, "relative": 10}
UNIFORM = 40
SENTENCE_END = re.compile(r"\n|[؟?!]|(?<!\d)\.|\.(?!\d)")
FIELD = {tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL) for tag in ("DOCNO", "TIME", "TEXT")}
COLUMNS = "docno sentence_start sentence_end sentence_sha256 reference time family stratum split"


@dataclass(frozen=True)
class Candidate:
    docno: str
    start: int
    end: int
    time: str
    reference: str
    families: tuple[str, ...]
    sha: str


def split_sentences(body: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets into body, whitespace trimmed, end after the mark."""
    start = 0
    for match in SENTENCE_END.finditer(body):
        yield from _trimmed(body, start, match.end())
        start = match.end()
    yield from _trimmed(body, start, len(body))


def _trimmed(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def reference_date(time: str) -> str:
    """'Tue, 20 Feb 2018 01:44:01 GMT' or '... +0400' -> '2018-02-20' (the date as written)."""
    return datetime.strptime(" ".join(time.split()[1:4]), "%d %b %Y").strftime("%Y-%m-%d")


def candidates(archive: Path) -> Iterator[Candidate]:
    with tarfile.open(archive, mode="r|gz") as tar:
        for member in tar:
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None or not member.name.endswith(".txt"):
                continue
            raw = handle.read().decode("utf-8")
            found = [FIELD[tag].search(raw) for tag in ("DOCNO", "TIME", "TEXT")]
            if not all(found):
                continue
            docno, time, body = (m.group(1) for m in found if m is not None)
            reference = reference_date(time.strip())
            if not reference.startswith("2018"):
                continue
            for start, end in split_sentences(body):
                sentence = body[start:end]
                if not MIN_WORDS <= len(sentence.split()) <= MAX_WORDS:
                    continue
                families = tuple(name for name, rx in CUES if rx.search(sentence))
                if families:
                    sha = hashlib.sha256(sentence.encode("utf-8")).hexdigest()[:16]
                    yield Candidate(
                        docno.strip(), start, end, time.strip(), reference, families, sha
                    )


def select(pool: list[Candidate], rng: random.Random) -> list[tuple[Candidate, str, str]]:
    """Return (candidate, family, stratum) picks: QUOTAS per family, then UNIFORM."""
    picked: list[tuple[Candidate, str, str]] = []
    per_doc: Counter[str] = Counter()
    seen: set[str] = set()

    def draw(subset: list[Candidate], n: int, family: str | None) -> None:
        for cand in rng.sample(subset, len(subset)):
            if n == 0:
                return
            if per_doc[cand.docno] >= MAX_PER_DOC or cand.sha in seen:
                continue
            per_doc[cand.docno] += 1
            seen.add(cand.sha)
            picked.append((cand, family or cand.families[0], family or "uniform"))
            n -= 1

    for family, quota in QUOTAS.items():
        draw([c for c in pool if family in c.families], quota, family)
    draw(pool, UNIFORM, None)
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--counts", action="store_true", help="only count candidates per family")
    args = parser.parse_args()
    pool = sorted(candidates(args.archive), key=lambda c: (c.docno, c.start))
    if args.counts:
        counts: defaultdict[str, int] = defaultdict(int)
        for cand in pool:
            for family in cand.families:
                counts[family] += 1
        print(f"candidates\t{len(pool)}")
        for family, _ in CUES:
            print(f"{family}\t{counts[family]}")
        return
    picked = sorted(select(pool, random.Random(SEED)), key=lambda p: (p[0].docno, p[0].start))
    order = list(range(len(picked)))
    random.Random(SPLIT_SEED).shuffle(order)
    split = {i: "dev" if rank < len(order) // 2 else "test" for rank, i in enumerate(order)}
    sys.stdout.write("\t".join(COLUMNS.split()) + "\n")
    for i, (c, family, stratum) in enumerate(picked):
        row = (c.docno, c.start, c.end, c.sha, c.reference, c.time, family, stratum, split[i])
        sys.stdout.write("\t".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main()
