"""Draw the paragraphs of the ANT named-entity gold set.

Why: ``ner-ant-gold.jsonl`` (next to this file) is a hand-annotated gold set of named
entities (PER, ORG, GPE, LOC) in Arabic political news, for evaluating marsad's entity
extractor. ANT is Apache-2.0 and is not copied into the repository, so the gold file points
at paragraphs by DOCNO and character offsets into the ``<TEXT>`` body; this script shows,
and reproduces, how they were drawn.

What: stream the ANT v2.1 archive; keep the documents of the POLITICAL sections (member
paths are ``outlet/section/file.txt``; the other sections are culture, economy, sport and
technology); take each ``<TEXT>`` body exactly as it appears between the tags; split it on
``\\n`` into paragraphs, whitespace trimmed at both ends (offsets into the body); keep
paragraphs of MIN_WORDS-MAX_WORDS words. Quotas: TOTAL paragraphs spread evenly over the
outlets (remainder to the first outlets in sorted order), each outlet's share spread evenly
over its political sections (same rule). Within a section, with ``random.Random(SEED)``,
shuffle the documents that have a candidate, take the first ones (one paragraph per
document, picked at random within it, no paragraph text twice). Sort the picks by DOCNO,
shuffle them with ``random.Random(SPLIT_SEED)``: first half ``dev``, rest ``test``::

    python3 tests/data/sample_ner_paragraphs.py > /tmp/ner-paragraphs.tsv
    python3 tests/data/sample_ner_paragraphs.py --text   # also print each paragraph

The second, wholly held-out set ``ner-ant-heldout.jsonl`` (drawn in session 4, after the
first set's test half had been scored more than once) uses another seed and leaves out
every document of the first set; all its paragraphs are ``test``::

    python3 tests/data/sample_ner_paragraphs.py --seed 20261125 --total 50 \
        --exclude tests/data/ner-ant-gold.jsonl --all-test --text

The third set ``ner-ant-heldout2.jsonl`` (session 5) leaves out the documents of both::

    python3 tests/data/sample_ner_paragraphs.py --seed 20261126 --total 50 \
        --exclude tests/data/ner-ant-gold.jsonl --exclude tests/data/ner-ant-heldout.jsonl \
        --all-test --text

The fourth set ``ner-ant-heldout3.jsonl`` (session 6) leaves out the documents of all three::

    python3 tests/data/sample_ner_paragraphs.py --seed 20261127 --total 50 \
        --exclude tests/data/ner-ant-gold.jsonl --exclude tests/data/ner-ant-heldout.jsonl \
        --exclude tests/data/ner-ant-heldout2.jsonl --all-test --text

The fifth set ``ner-ant-heldout4.jsonl`` (session 7) leaves out the documents of all four::

    python3 tests/data/sample_ner_paragraphs.py --seed 20261128 --total 50 \
        --exclude tests/data/ner-ant-gold.jsonl --exclude tests/data/ner-ant-heldout.jsonl \
        --exclude tests/data/ner-ant-heldout2.jsonl --exclude tests/data/ner-ant-heldout3.jsonl \
        --all-test --text

The sixth set ``ner-ant-heldout5.jsonl`` (session 8) leaves out the documents of all five::

    python3 tests/data/sample_ner_paragraphs.py --seed 20261129 --total 50 \
        --exclude tests/data/ner-ant-gold.jsonl --exclude tests/data/ner-ant-heldout.jsonl \
        --exclude tests/data/ner-ant-heldout2.jsonl --exclude tests/data/ner-ant-heldout3.jsonl \
        --exclude tests/data/ner-ant-heldout4.jsonl --all-test --text

The seventh set ``ner-ant-heldout6.jsonl`` (session 9) leaves out the documents of all six::

    python3 tests/data/sample_ner_paragraphs.py --seed 20261130 --total 50 \
        --exclude tests/data/ner-ant-gold.jsonl --exclude tests/data/ner-ant-heldout.jsonl \
        --exclude tests/data/ner-ant-heldout2.jsonl --exclude tests/data/ner-ant-heldout3.jsonl \
        --exclude tests/data/ner-ant-heldout4.jsonl --exclude tests/data/ner-ant-heldout5.jsonl \
        --all-test --text

The eighth set ``ner-ant-heldout7.jsonl`` (session 10) leaves out the documents of all seven::

    python3 tests/data/sample_ner_paragraphs.py --seed 20261201 --total 50 \
        --exclude tests/data/ner-ant-gold.jsonl --exclude tests/data/ner-ant-heldout.jsonl \
        --exclude tests/data/ner-ant-heldout2.jsonl --exclude tests/data/ner-ant-heldout3.jsonl \
        --exclude tests/data/ner-ant-heldout4.jsonl --exclude tests/data/ner-ant-heldout5.jsonl \
        --exclude tests/data/ner-ant-heldout6.jsonl --all-test --text
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ARCHIVE = (
    Path(__file__).resolve().parents[3]
    / "shared/data/ant-corpus-v2.1/antcorpus.multisource.data.tar.gz"
)
POLITICAL: dict[str, tuple[str, ...]] = {
    "Alarabia": ("internationalNews",),  # Al Arabiya has no middleEast section in ANT v2.1
    "BBC": ("internationalNews", "middleEast"),
    "CNN": ("internationalNews", "middleEast"),
    "France24": ("internationalNews", "middleEast"),
    "SkyNews": ("internationalNews", "middleEast"),
}
SEED, SPLIT_SEED, TOTAL, MIN_WORDS, MAX_WORDS = 20261124, 8, 64, 25, 120
FIELD = {tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL) for tag in ("DOCNO", "TEXT")}
COLUMNS = "docno paragraph_start paragraph_end paragraph_sha256 outlet section split"


@dataclass(frozen=True)
class Paragraph:
    docno: str
    start: int
    end: int
    sha: str
    outlet: str
    section: str
    text: str


def split_paragraphs(body: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each line of body, whitespace trimmed; empty lines skipped."""
    start = 0
    for line in body.split("\n"):
        left, right = start, start + len(line)
        while left < right and body[left].isspace():
            left += 1
        while right > left and body[right - 1].isspace():
            right -= 1
        if right > left:
            yield left, right
        start += len(line) + 1


def candidates(archive: Path) -> Iterator[list[Paragraph]]:
    """Yield, per political document, its paragraphs of MIN_WORDS-MAX_WORDS words."""
    with tarfile.open(archive, mode="r|gz") as tar:
        for member in tar:
            parts = member.name.split("/")
            if len(parts) != 3 or parts[1] not in POLITICAL.get(parts[0], ()):
                continue
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None or not member.name.endswith(".txt"):
                continue
            raw = handle.read().decode("utf-8")
            docno, body = (FIELD[tag].search(raw) for tag in ("DOCNO", "TEXT"))
            if docno is None or body is None:
                continue
            outlet, section, found = parts[0], parts[1], []
            for start, end in split_paragraphs(body.group(1)):
                text = body.group(1)[start:end]
                if MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
                    doc = docno.group(1).strip()
                    found.append(Paragraph(doc, start, end, sha, outlet, section, text))
            if found:
                yield found


def even(total: int, keys: list[str]) -> dict[str, int]:
    """Split total over keys as evenly as possible, remainder to the first keys."""
    return {key: total // len(keys) + (i < total % len(keys)) for i, key in enumerate(keys)}


def select(docs: list[list[Paragraph]], rng: random.Random, total: int) -> list[Paragraph]:
    """Pick the quota of each (outlet, section), one paragraph per document."""
    picked: list[Paragraph] = []
    seen: set[str] = set()
    for outlet, n_outlet in even(total, sorted(POLITICAL)).items():
        for section, quota in even(n_outlet, sorted(POLITICAL[outlet])).items():
            pool = [d for d in docs if (d[0].outlet, d[0].section) == (outlet, section)]
            for doc in rng.sample(pool, len(pool)):
                if quota == 0:
                    break
                choice = rng.choice(doc)
                if choice.sha not in seen:
                    seen.add(choice.sha)
                    picked.append(choice)
                    quota -= 1
            if quota:
                raise SystemExit(f"not enough candidates in {outlet}/{section}")
    return sorted(picked, key=lambda p: (p.docno, p.start))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--text", action="store_true", help="print each paragraph after its row")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--total", type=int, default=TOTAL)
    parser.add_argument(
        "--exclude", type=Path, action="append", default=[], help="gold JSONL: skip its documents"
    )
    parser.add_argument("--all-test", action="store_true", help="no dev half: every row is test")
    args = parser.parse_args()
    excluded = {
        json.loads(line)["docno"]
        for path in args.exclude
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    docs = sorted(
        (d for d in candidates(args.archive) if d[0].docno not in excluded),
        key=lambda d: d[0].docno,
    )
    picked = select(docs, random.Random(args.seed), args.total)
    order = list(range(len(picked)))
    random.Random(SPLIT_SEED).shuffle(order)
    split = {
        i: "dev" if rank < len(order) // 2 and not args.all_test else "test"
        for rank, i in enumerate(order)
    }
    sys.stdout.write("\t".join(COLUMNS.split()) + "\n")
    for i, p in enumerate(picked):
        row = (p.docno, p.start, p.end, p.sha, p.outlet, p.section, split[i])
        sys.stdout.write("\t".join(map(str, row)) + "\n")
        if args.text:
            sys.stdout.write(p.text + "\n\n")


if __name__ == "__main__":
    main()
