"""List the population of the ANT event gold set (the articles that were labelled).

Why: ``events-ant-gold.jsonl`` (next to this file) is a hand-labelled gold set of real-world
events over Arabic news, for evaluating marsad's event clustering. ANT is Apache-2.0 and is
not copied into the repository, so the gold file holds DOCNOs and labels only; this script
shows, and reproduces, which articles were labelled.

What: stream the ANT v2.1 archive; keep the documents of the ``middleEast`` and
``internationalNews`` sections of every outlet (member paths are ``outlet/section/file.txt``;
Al Arabiya has no ``middleEast`` section in ANT v2.1); read the ``<TIME>`` field (RFC 2822 in
all five outlets: ``+0400`` for Al Arabiya, ``+0000`` for CNN, ``GMT`` for the others) and take
the calendar date as written, in the outlet's own offset; keep the 14 days from START to END
inclusive. The window 2018-09-30..2018-10-13 was picked from the per-day counts (``--counts``):
of all 14-day runs in which at least three outlets publish every day it has the fewest
articles (756: BBC, CNN and Sky News Arabia every day; Al Arabiya and France 24 have no
political articles in it), so that every article could be read and labelled by hand; runs
with four or more outlets every day hold 1,020 articles or more. Every kept document
is printed, sorted by date, publication instant and DOCNO, as one tab-separated row:
DOCNO, outlet, section, date, title. Article bodies are never printed::

    python3 tests/data/sample_event_window.py > /tmp/event-window.tsv
    python3 tests/data/sample_event_window.py --counts   # articles per day and outlet
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

ARCHIVE = (
    Path(__file__).resolve().parents[3]
    / "shared/data/ant-corpus-v2.1/antcorpus.multisource.data.tar.gz"
)
SECTIONS = ("internationalNews", "middleEast")
OUTLETS = ("Alarabia", "BBC", "CNN", "France24", "SkyNews")
START, END = date(2018, 9, 30), date(2018, 10, 13)
FIELD = {tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL) for tag in ("DOCNO", "TITLE", "TIME")}
COLUMNS = ("docno", "outlet", "section", "date", "title")


@dataclass(frozen=True)
class Article:
    docno: str
    outlet: str
    section: str
    published: datetime
    title: str

    @property
    def day(self) -> date:
        """Calendar date as written in TIME (the outlet's own UTC offset)."""
        return self.published.date()


def articles(archive: Path) -> Iterator[Article]:
    """Yield every article of the political sections, whatever its date."""
    with tarfile.open(archive, mode="r|gz") as tar:
        for member in tar:
            parts = member.name.split("/")
            if len(parts) != 3 or parts[1] not in SECTIONS or not member.name.endswith(".txt"):
                continue
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            raw = handle.read().decode("utf-8")
            found = [pattern.search(raw) for pattern in FIELD.values()]
            if any(match is None for match in found):
                continue
            docno, title, time = (match.group(1).strip() for match in found if match is not None)
            yield Article(docno, parts[0], parts[1], parsedate_to_datetime(time), title)


def in_window(article: Article, start: date, end: date) -> bool:
    """True when the article's date lies in [start, end]."""
    return start <= article.day <= end


def print_counts(population: list[Article]) -> None:
    """Print, per day, the number of outlets present, the total and the count per outlet."""
    per_day: dict[date, Counter[str]] = {}
    for article in population:
        per_day.setdefault(article.day, Counter())[article.outlet] += 1
    sys.stdout.write("date\toutlets\ttotal\t" + "\t".join(OUTLETS) + "\n")
    for day in sorted(per_day):
        counts = per_day[day]
        present = sum(1 for outlet in OUTLETS if counts[outlet])
        row = [day.isoformat(), str(present), str(sum(counts.values()))]
        sys.stdout.write("\t".join(row + [str(counts[o]) for o in OUTLETS]) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--start", type=date.fromisoformat, default=START)
    parser.add_argument("--end", type=date.fromisoformat, default=END)
    parser.add_argument(
        "--counts", action="store_true", help="print per-day counts for the whole year instead"
    )
    args = parser.parse_args()
    population = list(articles(args.archive))
    if args.counts:
        print_counts(population)
        return
    window = sorted(
        (a for a in population if in_window(a, args.start, args.end)),
        key=lambda a: (a.day, a.published.timestamp(), a.docno),
    )
    sys.stdout.write("\t".join(COLUMNS) + "\n")
    for a in window:
        row = (a.docno, a.outlet, a.section, a.day.isoformat(), " ".join(a.title.split()))
        sys.stdout.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
