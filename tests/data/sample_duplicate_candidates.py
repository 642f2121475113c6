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
by how many rare phrases the leads share (bucket edges PHRASE_BUCKETS): the buckets only
spread the draw over pairs that share little, some or most of their wording, so the labeller
sees near-duplicates and same-story pairs of every kind. With ``random.Random(SEED)`` each
stratum's pairs (sorted) are shuffled once and taken in order: QUOTA per stratum in round 1,
then TOP_UP more in round 2 (continuing down the same order, so round 1 is unchanged), each
DOCNO at most once in the whole draw (an identical group gives one pair). Output, one TSV
row per pair: round, stratum, the DOCNOs, outlets, days apart, the channels, the two counts
and both titles; ``--text`` also prints both bodies, paragraph by paragraph::

    python3 tests/data/sample_duplicate_candidates.py > /tmp/dup-candidates.tsv
    python3 tests/data/sample_duplicate_candidates.py --text > /tmp/dup-candidates.txt
    python3 tests/data/sample_duplicate_candidates.py --check tests/data/duplicates-ant-gold.jsonl

Labelling (by hand, reading both bodies; no similarity score decided a label). All 490 drawn
pairs were read; 301 are in the gold file, the rest left out as different stories (113) or
as ambiguous (76):

* ``near`` / ``cross_outlet_near`` (same outlet / two outlets): the same sentences in the
  same order for most of both texts: a different headline, an agency-style summary lead,
  an added or dropped paragraph, merged paragraphs, spelling/transliteration or punctuation
  edits are allowed. A shorter text that is (nearly) all inside a longer one counts when it
  is at least about half the longer one's length; the notes mark such calls, and updates
  that replace the first paragraph(s) of an otherwise unchanged story.
* ``same_story``: the same event (same day or the next), independently written; sharing
  quotes, one wire sentence or background lines (up to about a third of either text) is
  allowed and noted.
* left out as ambiguous: pairs sharing between about a third and two thirds of their text
  (a shared wire lead with different backgrounds, a follow-up reusing half of the earlier
  story, a short text inside a much longer one).

``--check`` verifies a gold file: known DOCNOs, each pair once and ordered, kind consistent
with ``duplicate``, with the bodies (identical or not) and outlets, and the split equal to
``assign_splits``: connected components of pairs sharing an article, grouped by kind,
shuffled with ``random.Random(SPLIT_SEED)`` and dealt half to ``dev``, half to ``test``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
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
SEED, SPLIT_SEED = 20261125, 10
KINDS = ("identical", "near", "cross_outlet_near", "same_story")
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
# Round 2, drawn after the labelling of round 1 showed too few near-duplicates: more pairs
# from the strata where the bodies share most of their wording.
TOP_UP: dict[str, int] = {"cross:20+": 45, "same:20+": 45}
FIELD = {tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL) for tag in ("DOCNO", "TITLE", "TEXT")}
WORD = re.compile(r"[\u0621-\u064a]+|[A-Za-z]+|[0-9\u0660-\u0669]+")
DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
CLITIC = re.compile(r"^(?:[وفبلك]?ال|لل|[وفبلك])(?=...)")
COLUMNS = (
    "round stratum a b outlet_a outlet_b days channels title_shared phrase_shared title_a title_b"
)


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


def draw(
    identical: list[list[Doc]], pairs: list[Pair], rng: random.Random
) -> list[tuple[int, str, Pair]]:
    """Draw (round, stratum, pair): each stratum's QUOTA, then the TOP_UP round.

    Each stratum's pairs are sorted and shuffled once; round 2 continues down the same
    shuffled list where round 1 stopped, so adding a top-up leaves round 1 unchanged.
    Each DOCNO is used at most once over both rounds.
    """
    used: set[str] = set()
    drawn: list[tuple[int, str, Pair]] = []
    groups = sorted(identical, key=lambda g: sorted(d.docno for d in g))
    firsts = [sorted(g, key=lambda d: d.docno)[:2] for g in groups]
    pool = [Pair(a, b, 0, 0) for a, b in firsts]
    strata: defaultdict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        strata[stratum(pair)].append(pair)
    members = {"identical": pool, **{name: strata[name] for name in sorted(strata)}}
    order: dict[str, list[Pair]] = {}
    position: dict[str, int] = {}
    for name, group in members.items():
        sys.stderr.write(f"{name}\t{len(group)} pairs\n")
        order[name] = rng.sample(sorted(group, key=lambda p: (p.a.docno, p.b.docno)), len(group))
        position[name] = 0
    rounds = [
        {name: QUOTA.get(name, QUOTA[name.split(":")[0]]) for name in members},
        TOP_UP,
    ]
    for number, quotas in enumerate(rounds, start=1):
        for name, quota in quotas.items():
            while quota and position[name] < len(order[name]):
                pair = order[name][position[name]]
                position[name] += 1
                if pair.a.docno in used or pair.b.docno in used:
                    continue
                used.update((pair.a.docno, pair.b.docno))
                drawn.append((number, name, pair))
                quota -= 1
    return drawn


def components(pairs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Group pairs into connected components (pairs sharing an article), sorted."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair in pairs:
        groups[root(pair[0])].append(pair)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def assign_splits(labelled: list[dict[str, object]]) -> dict[tuple[str, str], str]:
    """Split the gold pairs into dev/test halves, a connected component never split.

    Components (pairs sharing an article) are grouped by the kind of their first pair, in
    KINDS order; within each kind they are shuffled with one ``random.Random(SPLIT_SEED)``
    and dealt to dev until dev holds half of that kind's pairs (rounded up), the rest to test.
    """
    kind = {(str(r["a"]), str(r["b"])): str(r["kind"]) for r in labelled}
    rng = random.Random(SPLIT_SEED)
    split: dict[tuple[str, str], str] = {}
    for name in KINDS:
        group = [c for c in components(sorted(kind)) if kind[c[0]] == name]
        total = sum(len(c) for c in group)
        dev = 0
        for component in rng.sample(group, len(group)):
            side = "dev" if dev < (total + 1) // 2 else "test"
            dev += len(component) if side == "dev" else 0
            split.update(dict.fromkeys(component, side))
    return split


def check(gold: Path, docs: list[Doc]) -> list[str]:
    """Problems with a gold file: unknown DOCNOs, repeats, labels, splits."""
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    known = {d.docno: d for d in docs}
    problems, seen = [], set()
    for i, row in enumerate(rows, start=1):
        a, b = row["a"], row["b"]
        if a not in known or b not in known:
            problems.append(f"line {i}: unknown DOCNO")
        if not a < b or (a, b) in seen:
            problems.append(f"line {i}: pair not ordered or given twice")
        seen.add((a, b))
        if row["kind"] not in KINDS or row["duplicate"] != (row["kind"] != "same_story"):
            problems.append(f"line {i}: kind and duplicate disagree")
        if row["split"] not in ("dev", "test"):
            problems.append(f"line {i}: bad split")
        if a in known and b in known:
            same_body = known[a].body == known[b].body
            cross = known[a].outlet != known[b].outlet
            expected = {"identical": same_body, "near": not same_body and not cross}
            expected["cross_outlet_near"] = not same_body and cross
            if not expected.get(row["kind"], not same_body):
                problems.append(f"line {i}: kind does not fit the bodies/outlets")
    split = assign_splits(rows)
    for i, row in enumerate(rows, start=1):
        if split[(row["a"], row["b"])] != row["split"]:
            problems.append(f"line {i}: split differs from assign_splits")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--text", action="store_true", help="print both bodies after each row")
    parser.add_argument("--check", type=Path, help="check a gold file instead of drawing")
    args = parser.parse_args()
    docs = sorted(read(args.archive), key=lambda d: d.docno)
    if args.check:
        problems = check(args.check, docs)
        sys.stdout.write("".join(f"{p}\n" for p in problems) or "ok\n")
        raise SystemExit(1 if problems else 0)
    identical, pairs = candidates(docs)
    drawn = draw(identical, pairs, random.Random(SEED))
    sys.stdout.write("\t".join(COLUMNS.split()) + "\n")
    for number, name, p in drawn:
        days = abs((p.a.day - p.b.day).days)
        row = (
            number,
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
