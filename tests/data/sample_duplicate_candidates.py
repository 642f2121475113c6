"""Draw the candidate article pairs of the ANT near-duplicate gold set.

Why: ``duplicates-ant-gold.jsonl`` (next to this file) is a hand-labelled gold set of article
pairs for evaluating marsad's near-duplicate detector: near-duplicates (the same text, copied
or edited, within one outlet or across outlets) and hard non-duplicates (the same story,
independently written). ANT is Apache-2.0 and is not copied into the repository, so the gold
file holds DOCNOs and labels only; this script shows, and reproduces, how the pairs that were
then read and labelled by hand were found. It proposes pairs; it decides nothing.

What: stream the ANT v2.1 archive; take each ``<TEXT>`` body and ``<TITLE>``; the day is the
``YYYYMMDD`` at the end of the DOCNO. Bodies of fewer than MIN_WORDS words are left out.
Words are Arabic-letter, Latin-letter or digit runs, lightly normalised (diacritics and
tatweel removed; alef forms, alef maqsura and ta marbuta folded). Two channels, both limited
to pairs at most MAX_DAYS apart:

* ``title``: the pair's titles share at least TITLE_SHARED rare title words. A title word is
  its normalised form with one leading clitic (``و``, ``ف``, ``ب``, ``ل``, ``ك``) and the
  article (``ال``/``لل``) stripped, at least 3 letters long; rare = in at most TITLE_DF titles.
* ``phrase``: the leads (first LEAD_WORDS words) of the bodies share at least one rare
  8-word phrase (a run of 8 normalised words found in at most PHRASE_DF distinct leads, so
  boilerplate does not count). Leads only: CNN and some other pages end with the opening
  lines of other stories of the day, which would otherwise pair unrelated articles.

Byte-identical bodies (the same story filed twice, usually under two sections) form their own
stratum ``identical``. Every other pair is put in a stratum by outlet (``same``/``cross``) and
by how many rare phrases the bodies share (bucket edges PHRASE_BUCKETS): the buckets only
spread the draw over pairs that share little, some or most of their wording, so the labeller
sees near-duplicates and same-story pairs of every kind. With ``random.Random(SEED)`` each
stratum's pairs (sorted) are shuffled and taken in order up to its quota, each DOCNO at most
once in the whole draw (an identical group gives one pair). Output, one TSV row per pair,
stratum by stratum: the DOCNOs, outlets, days apart, the channels, the two counts and both
titles; ``--text`` also prints both bodies, paragraph by paragraph::

    python3 tests/data/sample_duplicate_candidates.py > /tmp/dup-candidates.tsv
    python3 tests/data/sample_duplicate_candidates.py --text > /tmp/dup-candidates.txt
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import random
import re
import sys
import tarfile
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ARCHIVE = (
    Path(__file__).resolve().parents[3]
    / "shared/data/ant-corpus-v2.1/antcorpus.multisource.data.tar.gz"
)
SEED = 20261125
MIN_WORDS, MAX_DAYS = 40, 1
TITLE_DF, TITLE_SHARED = 40, 2
PHRASE_N, PHRASE_DF, LEAD_WORDS = 8, 5, 150
PHRASE_BUCKETS: tuple[tuple[int, int], ...] = ((0, 0), (1, 4), (5, 19), (20, 10**9))
# Pairs drawn per stratum ("same"/"cross" = default per phrase bucket); more where the
# near-duplicates are, fewer where mostly unrelated stories share a background sentence.
QUOTA: dict[str, int] = {
    "identical": 20,
    "same": 45,
    "cross": 45,
    "same:20+": 80,
    "cross:20+": 60,
    "same:1-4": 30,
    "cross:1-4": 30,
}
FIELD = {tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL) for tag in ("DOCNO", "TITLE", "TEXT")}
WORD = re.compile(r"[\u0621-\u064a]+|[A-Za-z]+|[0-9\u0660-\u0669]+")
DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
CLITIC = re.compile(r"^(?:[وفبلك]?ال|لل|[وفبلك])(?=...)")
COLUMNS = "stratum a b outlet_a outlet_b days channels title_shared phrase_shared title_a title_b"


@dataclass(frozen=True)
class Doc:
    docno: str
    outlet: str
    day: dt.date
    title: str
    body: str


@dataclass(frozen=True)
class Pair:
    a: Doc
    b: Doc
    title_shared: int
    phrase_shared: int

    @property
    def channels(self) -> str:
        found = [("title", self.title_shared >= TITLE_SHARED), ("phrase", self.phrase_shared > 0)]
        return "+".join(name for name, hit in found if hit) or "identical"


def words(text: str) -> list[str]:
    """Normalised words of text."""
    return WORD.findall(DIACRITICS.sub("", text).translate(FOLD))


def title_words(title: str) -> set[str]:
    """Normalised title words, one leading clitic and the article stripped, 3+ letters."""
    return {w for w in (CLITIC.sub("", w) for w in words(title)) if len(w) >= 3}


def read(archive: Path) -> Iterator[Doc]:
    """Yield every document of the archive."""
    with tarfile.open(archive, mode="r|gz") as tar:
        for member in tar:
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None or not member.name.endswith(".txt"):
                continue
            raw = handle.read().decode("utf-8")
            docno, title, body = (FIELD[tag].search(raw) for tag in ("DOCNO", "TITLE", "TEXT"))
            if docno is None or body is None:
                continue
            name = docno.group(1).strip()
            day = dt.datetime.strptime(name.rsplit("-", 1)[1], "%Y%m%d").date()
            text = title.group(1).strip() if title else ""
            yield Doc(name, member.name.split("/")[0], day, text, body.group(1))


def phrase_keys(w: list[str]) -> set[bytes]:
    """8-byte BLAKE2b digests of the PHRASE_N-word runs of w (stable across runs)."""
    runs = (" ".join(w[i : i + PHRASE_N]) for i in range(len(w) - PHRASE_N + 1))
    return {hashlib.blake2b(r.encode("utf-8"), digest_size=8).digest() for r in runs}


def near_in_time(a: Doc, b: Doc) -> bool:
    return abs((a.day - b.day).days) <= MAX_DAYS


def rare_sharing(
    keys: Mapping[str, Collection[Hashable]], max_df: int
) -> dict[tuple[str, str], int]:
    """Count, per DOCNO pair, the keys both have among keys held by at most max_df DOCNOs."""
    holders: defaultdict[Hashable, list[str]] = defaultdict(list)
    for docno in sorted(keys):
        for key in keys[docno]:
            holders[key].append(docno)
    shared: defaultdict[tuple[str, str], int] = defaultdict(int)
    for owners in holders.values():
        if 1 < len(owners) <= max_df:
            for pair in itertools.combinations(owners, 2):
                shared[pair] += 1
    return shared


def candidates(docs: list[Doc]) -> tuple[list[list[Doc]], list[Pair]]:
    """Return the identical-body groups and the other candidate pairs."""
    by_body: defaultdict[str, list[Doc]] = defaultdict(list)
    for doc in docs:
        by_body[doc.body].append(doc)
    identical = [group for group in by_body.values() if len(group) > 1]
    first = {doc.docno: doc for group in by_body.values() for doc in group[:1]}
    kept = {k: d for k, d in first.items() if len(words(d.body)) >= MIN_WORDS}
    titles = {k: title_words(d.title) for k, d in kept.items()}
    phrases = {k: phrase_keys(words(d.body)[:LEAD_WORDS]) for k, d in kept.items()}
    by_title = rare_sharing(titles, TITLE_DF)
    by_phrase = rare_sharing(phrases, PHRASE_DF)
    pairs = []
    for a, b in sorted(set(by_title) | set(by_phrase)):
        t, p = by_title.get((a, b), 0), by_phrase.get((a, b), 0)
        if (t >= TITLE_SHARED or p > 0) and near_in_time(kept[a], kept[b]):
            pairs.append(Pair(kept[a], kept[b], t, p))
    return identical, pairs


def stratum(pair: Pair) -> str:
    side = "same" if pair.a.outlet == pair.b.outlet else "cross"
    low, high = next(b for b in PHRASE_BUCKETS if b[0] <= pair.phrase_shared <= b[1])
    return f"{side}:{low}-{high}" if high < 10**9 else f"{side}:{low}+"


def draw(identical: list[list[Doc]], pairs: list[Pair], rng: random.Random) -> list[Pair]:
    """Draw each stratum's quota, each DOCNO at most once."""
    used: set[str] = set()
    drawn: list[Pair] = []
    groups = sorted(identical, key=lambda g: sorted(d.docno for d in g))
    pool = [Pair(*sorted(g, key=lambda d: d.docno)[:2], 0, 0) for g in groups]
    strata: defaultdict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        strata[stratum(pair)].append(pair)
    plan = [("identical", pool, QUOTA["identical"])]
    plan += [
        (name, strata[name], QUOTA.get(name, QUOTA[name.split(":")[0]])) for name in sorted(strata)
    ]
    for name, members, quota in plan:
        sys.stderr.write(f"{name}\t{len(members)} pairs\n")
        members = sorted(members, key=lambda p: (p.a.docno, p.b.docno))
        for pair in rng.sample(members, len(members)):
            if quota == 0:
                break
            if pair.a.docno in used or pair.b.docno in used:
                continue
            used.update((pair.a.docno, pair.b.docno))
            drawn.append(pair)
            quota -= 1
    return drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--text", action="store_true", help="print both bodies after each row")
    args = parser.parse_args()
    docs = sorted(read(args.archive), key=lambda d: d.docno)
    identical, pairs = candidates(docs)
    drawn = draw(identical, pairs, random.Random(SEED))
    sys.stdout.write("\t".join(COLUMNS.split()) + "\n")
    for p in drawn:
        name = "identical" if p.channels == "identical" else stratum(p)
        days = abs((p.a.day - p.b.day).days)
        row = (
            name,
            p.a.docno,
            p.b.docno,
            p.a.outlet,
            p.b.outlet,
            days,
            p.channels,
            p.title_shared,
            p.phrase_shared,
            p.a.title,
            p.b.title,
        )
        sys.stdout.write("\t".join(map(str, row)) + "\n")
        if args.text:
            for doc in (p.a, p.b):
                sys.stdout.write(f"--- {doc.docno} | {doc.title}\n")
                for line in filter(str.strip, doc.body.split("\n")):
                    sys.stdout.write(line.strip() + "\n")
            sys.stdout.write("\n")


if __name__ == "__main__":
    main()
