"""Choose the events of the ANT reference-summary gold set, and check the gold file.

Why: ``summaries-ant-gold.jsonl`` (next to this file) holds hand-written reference summaries
of real-world events, for evaluating marsad's multi-document event summariser with ROUGE. The
events and their articles come from the event gold set ``events-ant-gold.jsonl``. ANT is
Apache-2.0 and is not copied into the repository, so the gold file holds DOCNOs, labels and
summaries written for it only; this script reproduces which events were chosen, prints their
articles for reading, and checks the gold file.

What: an event is eligible when it has at least MIN_ARTICLES articles in
``events-ant-gold.jsonl`` and is not a feature (no article's note starts with FEATURE_NOTE:
analyses, profiles, explainers and op-eds have their own labels and nothing to summarise as
one happening). Each split keeps the split its events already have. Per split, the eligible
labels are sorted and divided into events with articles from at least two outlets and events
from one outlet only; each group is shuffled with its own ``random.Random(SEED)``, the
multi-outlet group is put first, and the first PER_SPLIT labels are taken (all of them when a
split has fewer). Output, one TSV row per chosen event: split, rank, label, number of articles,
outlets, DOCNOs; ``--text`` also prints every article (title, time, body) for reading::

    python3 tests/data/sample_summary_events.py > /tmp/summary-events.tsv
    python3 tests/data/sample_summary_events.py --text > /tmp/summary-events.txt
    python3 tests/data/sample_summary_events.py --check tests/data/summaries-ant-gold.jsonl

Writing (by hand, after reading all the articles of an event): Modern Standard Arabic,
3 to 5 sentences and 50 to 110 words (whitespace tokens), in the writer's own words, the most
important facts first (what happened, who, where, when, key figures, the main statements,
attributed: «قال …», «أفادت …»), neutral vocabulary, nothing that the articles do not say
(CNN pages end with teasers of other stories of the day: those lines were ignored). Where
the articles disagree, the summary gives both versions (Gaza toll, Barkan injury) or follows
one and the ``note`` says which. The draw of the current event gold set: 54 eligible events
in ``dev`` (45 from two or more outlets) and 55 in ``test`` (43), so all 48 chosen events
(24 per split) have articles from at least two outlets.

``--check`` verifies a gold file: sorted by event, each event once, in ``events-ant-gold.jsonl``
with the same split and exactly its articles (sorted), a chosen event; each summary of
3 to 5 sentences (ended by ``.``, ``!``, ``?`` or ``؟``) and 50 to 110 words; and no run of
COPY_RUN consecutive words of a summary sentence found in the title or body of any of the
event's articles (words lightly normalised: diacritics and tatweel removed, alef forms, alef
maqsura and ta marbuta folded, punctuation dropped).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tarfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARCHIVE = HERE.parents[2] / "shared/data/ant-corpus-v2.1/antcorpus.multisource.data.tar.gz"
EVENTS = HERE / "events-ant-gold.jsonl"
GOLD = HERE / "summaries-ant-gold.jsonl"
SEED, PER_SPLIT, MIN_ARTICLES = 11, 24, 2
SPLITS = ("dev", "test")
FEATURE_NOTE = "not about a specific happening"
SENTENCES, WORDS, COPY_RUN = range(3, 6), range(50, 111), 8
KEYS = {"event", "split", "articles", "summary", "note"}
FIELD = {tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL) for tag in ("DOCNO", "TITLE", "TIME")}
BODY = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
WORD = re.compile(r"[\u0621-\u064a]+|[A-Za-z]+|[0-9\u0660-\u0669]+")
DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
SENTENCE_END = re.compile(r"(?<=[.!?؟])(?:\s+|$)")


@dataclass(frozen=True)
class Event:
    label: str
    split: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    feature: bool


@dataclass(frozen=True)
class Doc:
    docno: str
    title: str
    time: str
    body: str


def load_events(path: Path) -> dict[str, Event]:
    """Group the rows of the event gold set by label."""
    rows: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows[row["event"]].append(row)
    events = {}
    for label, group in rows.items():
        splits = {r["split"] for r in group}
        if len(splits) != 1:
            raise SystemExit(f"{label}: articles in several splits {sorted(splits)}")
        events[label] = Event(
            label,
            splits.pop(),
            tuple(sorted(r["id"] for r in group)),
            tuple(sorted({r["outlet"] for r in group})),
            any(r.get("note", "").startswith(FEATURE_NOTE) for r in group),
        )
    return events


def choose(events: dict[str, Event]) -> dict[str, list[Event]]:
    """Return the chosen events per split, in draw order."""
    chosen = {}
    for split in SPLITS:
        eligible = sorted(
            (e for e in events.values() if e.split == split),
            key=lambda e: e.label,
        )
        eligible = [e for e in eligible if len(e.articles) >= MIN_ARTICLES and not e.feature]
        multi = [e for e in eligible if len(e.outlets) >= 2]
        single = [e for e in eligible if len(e.outlets) < 2]
        random.Random(SEED).shuffle(multi)
        random.Random(SEED).shuffle(single)
        chosen[split] = (multi + single)[:PER_SPLIT]
    return chosen


def read(archive: Path, wanted: set[str]) -> Iterator[Doc]:
    """Yield the wanted documents of the archive."""
    with tarfile.open(archive, mode="r|gz") as tar:
        for member in tar:
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None or not member.name.endswith(".txt"):
                continue
            raw = handle.read().decode("utf-8")
            docno, title, time = (FIELD[tag].search(raw) for tag in ("DOCNO", "TITLE", "TIME"))
            body = BODY.search(raw)
            if docno is None or body is None or docno.group(1).strip() not in wanted:
                continue
            yield Doc(
                docno.group(1).strip(),
                title.group(1).strip() if title else "",
                time.group(1).strip() if time else "",
                body.group(1).strip(),
            )


def words(text: str) -> list[str]:
    """Normalised words of text."""
    return WORD.findall(DIACRITICS.sub("", text).translate(FOLD))


def sentences(text: str) -> list[str]:
    """Split a summary into sentences ended by . ! ? or ؟."""
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def runs(w: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def check(path: Path, events: dict[str, Event], archive: Path) -> int:
    """Print the problems of a gold file; return their number."""
    chosen = {e.label for split in choose(events).values() for e in split}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    problems: list[str] = []
    labels = [r.get("event", "") for r in rows]
    if labels != sorted(labels) or len(set(labels)) != len(labels):
        problems.append("events not sorted or not unique")
    if set(labels) != chosen:
        missing, extra = sorted(chosen - set(labels)), sorted(set(labels) - chosen)
        problems.append(f"not the chosen events: missing {missing}, extra {extra}")
    for row in rows:
        label = row.get("event", "")
        event = events.get(label)
        if set(row) - KEYS or not {"event", "split", "articles", "summary"} <= set(row):
            problems.append(f"{label}: keys {sorted(row)}")
        if event is None:
            problems.append(f"{label}: unknown event")
            continue
        if row.get("split") != event.split:
            problems.append(f"{label}: split {row.get('split')} != {event.split}")
        if row.get("articles") != list(event.articles):
            problems.append(f"{label}: articles differ from the event gold set (or unsorted)")
        summary = row.get("summary", "")
        n_sentences, n_words = len(sentences(summary)), len(summary.split())
        if n_sentences not in SENTENCES:
            problems.append(f"{label}: {n_sentences} sentences")
        if n_words not in WORDS:
            problems.append(f"{label}: {n_words} words")
    wanted = {docno for row in rows for docno in row.get("articles", [])}
    source: dict[str, set[tuple[str, ...]]] = {}
    for doc in read(archive, wanted):
        source[doc.docno] = runs(words(doc.title), COPY_RUN) | runs(words(doc.body), COPY_RUN)
    for row in rows:
        for docno in row.get("articles", []):
            if docno not in source:
                problems.append(f"{row['event']}: {docno} not in the archive")
                continue
            for sentence in sentences(row.get("summary", "")):
                copied = runs(words(sentence), COPY_RUN) & source[docno]
                if copied:
                    run = " ".join(sorted(copied)[0])
                    problems.append(f"{row['event']}: copied from {docno}: {run}")
    for problem in problems:
        sys.stdout.write(problem + "\n")
    sys.stdout.write(f"{len(rows)} summaries, {len(problems)} problems\n")
    return len(problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--events", type=Path, default=EVENTS)
    parser.add_argument("--text", action="store_true", help="also print every article")
    parser.add_argument("--check", type=Path, nargs="?", const=GOLD, help="check a gold file")
    args = parser.parse_args()
    events = load_events(args.events)
    if args.check:
        sys.exit(1 if check(args.check, events, args.archive) else 0)
    chosen = choose(events)
    docs: dict[str, Doc] = {}
    if args.text:
        wanted = {d for split in chosen.values() for e in split for d in e.articles}
        docs = {doc.docno: doc for doc in read(args.archive, wanted)}
    sys.stdout.write("split\trank\tevent\tarticles\toutlets\tdocnos\n")
    for split in SPLITS:
        for rank, e in enumerate(chosen[split], 1):
            row = (split, str(rank), e.label, str(len(e.articles)), ",".join(e.outlets))
            sys.stdout.write("\t".join((*row, ",".join(e.articles))) + "\n")
            for docno in e.articles if args.text else ():
                doc = docs[docno]
                sys.stdout.write(f"\n=== {docno} | {doc.time} | {' '.join(doc.title.split())}\n")
                paragraphs = (" ".join(p.split()) for p in doc.body.splitlines())
                sys.stdout.write("\n".join(p for p in paragraphs if p) + "\n\n")


if __name__ == "__main__":
    main()
