"""Near-duplicate and event-clustering benchmark on the ANT corpus (10,000 and all articles).

Targets (issue 5), on one core:

* MinHash signatures ≥ 2,500 articles/s, shingling included;
* clustering the whole ANT corpus into events in under 5 minutes and 2 GB.

Preparation (not timed): every ANT article is analysed by the full per-article pipeline
(two worker processes), and its normalised body and clustering features are pickled to a
work folder. Then each measurement runs in a fresh process pinned to one CPU, loads what
it needs, and times one step with ``time.perf_counter``:

* ``signatures``: shingling + rensa MinHash of the first N bodies;
* ``duplicates``: the same, then banding, candidate pairs and judging them;
* ``events``: ``cluster_events`` over the first N articles' features (blocking, pair
  scores, components, constrained average-link).

Peak memory is the process's ``VmHWM`` (peak RSS, interpreter and loaded inputs included);
``rss_before_mib`` is the RSS when the clock starts. Run from the repository root::

    .venv/bin/python benchmarks/grouping.py [--sizes 10000 0] [--work DIR] [--out DIR]

(size 0 means every article).
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest import ANT_ARCHIVE, machine_info, peak_rss_mib, pin_to_one_cpu, source_digest
from marsad.config import Settings
from marsad.group.duplicates import find_duplicate_pairs, fingerprint_articles
from marsad.group.events import cluster_events
from marsad.group.features import EventFeatures, features_of
from marsad.ingest.records import read_trec
from marsad.model import Draft
from marsad.pipeline import process_draft

TARGET_SIGNATURES_PER_S = 2500
TARGET_CLUSTER_SECONDS = 300
TARGET_CLUSTER_MIB = 2048
CFG = Settings(period="2018..2018", today="2026-11-23")


def _members() -> Iterator[tuple[str, str]]:
    with tarfile.open(ANT_ARCHIVE, mode="r|gz") as archive:
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is not None:
                yield member.name, handle.read().decode("utf-8", errors="replace")


def _analyse(member: tuple[str, str]) -> list[tuple[str, dict[str, Any]]]:
    name, text = member
    rows = []
    for draft in read_trec(text, source=name, group_key="ant"):
        if isinstance(draft, Draft):
            article = process_draft(draft, CFG)
            rows.append((article.normalized, features_of(article).to_dict()))
    return rows


def prepare(work: Path) -> int:
    """Analyse every ANT article once; keep bodies and features for the measurements."""
    rows: list[tuple[str, dict[str, Any]]] = []
    with ProcessPoolExecutor(max_workers=2) as pool:
        for part in pool.map(_analyse, _members(), chunksize=64):
            rows.extend(part)
    with (work / "prepared.pickle").open("wb") as handle:
        pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return len(rows)


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_step(step: str, size: int, work: Path) -> dict[str, Any]:
    """One measurement, in this process."""
    with (work / "prepared.pickle").open("rb") as handle:
        rows = pickle.load(handle)
    if size:
        rows = rows[:size]
    cpu = pin_to_one_cpu()
    result: dict[str, Any] = {"step": step, "articles": len(rows), "cpu": cpu}
    if step == "events":
        features = [EventFeatures.from_dict(data) for _, data in rows]
        result["rss_before_mib"] = round(_rss_mib(), 1)
        start = time.perf_counter()
        events = cluster_events(features)
        result["seconds"] = round(time.perf_counter() - start, 2)
        result["events"] = len(events)
        result["largest_event"] = max(len(members) for _, members in events)
        components: dict[str, int] = {}
        for component, members in events:
            components[component] = components.get(component, 0) + len(members)
        result["largest_component"] = max(components.values())
    else:
        bodies = [(data["article_id"], body) for body, data in rows]
        result["rss_before_mib"] = round(_rss_mib(), 1)
        start = time.perf_counter()
        fingerprints = fingerprint_articles(bodies)
        signed = time.perf_counter() - start
        result["signatures_per_s"] = round(len(bodies) / signed)
        result["fingerprinted"] = len(fingerprints)
        if step == "duplicates":
            pairs = find_duplicate_pairs(fingerprints, [])
            result["duplicate_pairs"] = len(pairs)
        result["seconds"] = round(time.perf_counter() - start, 2)
    result["peak_rss_mib"] = round(peak_rss_mib(), 1)
    return result


def spawn(step: str, size: int, work: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--step", step, "--size", str(size), "--work", str(work)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 0])
    parser.add_argument("--work", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--step", choices=["signatures", "duplicates", "events"])
    parser.add_argument("--size", type=int, default=0)
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps(run_step(args.step, args.size, args.work)))
        return 0
    if not ANT_ARCHIVE.exists():
        print(f"ANT archive not found at {ANT_ARCHIVE}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        if not (work / "prepared.pickle").exists():
            started = time.perf_counter()
            count = prepare(work)
            print(f"prepared {count} articles in {time.perf_counter() - started:.0f} s")
        results = [
            spawn(step, size, work)
            for size in args.sizes
            for step in ("signatures", "duplicates", "events")
        ]
    print("| step | articles | seconds | rate / result | peak RSS MiB (before) |")
    print("|---|---|---|---|---|")
    for row in results:
        detail = (
            f"{row['signatures_per_s']} signatures/s"
            + (f", {row['duplicate_pairs']} pairs" if "duplicate_pairs" in row else "")
            if row["step"] != "events"
            else f"{row['events']} events (largest component {row['largest_component']})"
        )
        print(
            f"| {row['step']} | {row['articles']} | {row['seconds']} | {detail} | "
            f"{row['peak_rss_mib']} ({row['rss_before_mib']}) |"
        )
    for row in results:
        if row["step"] == "signatures":
            ok = row["signatures_per_s"] >= TARGET_SIGNATURES_PER_S
            print(f"{'PASS' if ok else 'MISS'} signatures ≥ {TARGET_SIGNATURES_PER_S}/s: {row}")
        if row["step"] == "events":
            ok = row["seconds"] < TARGET_CLUSTER_SECONDS
            ok = ok and row["peak_rss_mib"] < TARGET_CLUSTER_MIB
            print(f"{'PASS' if ok else 'MISS'} clustering < 5 min and < 2 GB: {row}")
    args.out.mkdir(parents=True, exist_ok=True)
    report = {
        "results": results,
        "machine": machine_info(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "source_digest": source_digest(),
    }
    (args.out / "grouping.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
