"""Ingest benchmark: how fast marsad reads, cleans, normalises and stores Arabic news.

Scenarios, each run in a fresh subprocess pinned to one CPU so that peak memory
(``VmHWM``; ``ru_maxrss`` where there is no ``/proc``) and timings never mix:

A0. ``e2e_foundation`` -- :func:`marsad.jobs.analyze_paths` over a ``.tar.gz`` holding
   the first ``--limit`` file members of the ANT corpus v2.1 (TREC-style ``<DOC>`` text
   files), into a fresh SQLite store, with the stages of the foundation issue only:
   reading, cleaning, normalising, language id, storing and the corpus-level
   recurring-line pass (issue 2's target: ≥ 1,000 docs/s on one core).
A. ``e2e``   -- the same with every stage of every issue (dates and sources, entities,
   quotes and facts, near-duplicates and events); those stages have targets of their
   own, measured by ``benchmarks/extract.py`` and ``benchmarks/grouping.py``.
B. ``clean`` -- ``clean_text`` (which also builds the normalised form and its offset
   map) alone on the same articles' ``<TEXT>`` bodies (no store, no language id).
C. ``html``  -- :func:`marsad.jobs.analyze_paths` over a folder of ``--html-limit`` HTML
   pages this script synthesises from the first ANT articles (see :func:`render_page`).

Preparing the inputs (subset archive, HTML pages) is not timed. Run from the
repository root::

    .venv/bin/python benchmarks/ingest.py [--limit 10000] [--html-limit 1000] [--out DIR]

To profile one scenario, keep the prepared inputs with ``--work DIR`` and then run::

    .venv/bin/python -m cProfile -s cumtime benchmarks/ingest.py --scenario e2e --work DIR
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import marsad
import marsad.jobs
import marsad.pipeline
import marsad.text.clean
from marsad import __version__ as marsad_version
from marsad.config import Settings
from marsad.grouping import GroupSummary
from marsad.ingest.records import read_trec
from marsad.jobs import analyze_paths
from marsad.model import Draft
from marsad.store.sqlite import Store
from marsad.text.clean import clean_text

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
ANT_ARCHIVE = DATA_DIR / "ant-corpus-v2.1" / "antcorpus.multisource.data.tar.gz"
SUBSET_NAME = "ant-subset.tar.gz"
HTML_FOLDER = "html"
MANIFEST_NAME = "manifest.json"
RESULT_PREFIX = "BENCH_RESULT "
SCENARIOS: tuple[str, ...] = ("e2e_foundation", "e2e", "e2e_cores", "clean", "html")
SCENARIO_TITLES = {
    "e2e_foundation": "A0. End to end, foundation stages (issue 2), ANT .txt (tar.gz)",
    "e2e": "A. End to end, every stage, ANT .txt (tar.gz)",
    "e2e_cores": "A2. As A, every core (analyze's default workers)",
    "clean": "B. clean + normalise (clean_text)",
    "html": "C. End to end, synthetic HTML pages",
}
TARGET_E2E_DOCS_PER_S = 1_000.0
_LATER_STAGES = ("extract_dates", "extract_outlet_and_sources", "extract_entities")
TARGET_CLEAN_MB_PER_S = 20.0
MB = 1_000_000  # throughput is reported in decimal megabytes of UTF-8 input
MIB = 1024 * 1024

# -- the HTML template ----------------------------------------------------------------------

SITE_NAMES = {
    "alarabia": "العربية",
    "bbc": "BBC News عربي",
    "cnn": "CNN بالعربية",
    "france24": "فرانس 24",
    "skynews": "سكاي نيوز عربية",
}
NAV_SECTIONS: tuple[tuple[str, str], ...] = (
    ("/", "الرئيسية"),
    ("/news/world", "العالم"),
    ("/news/middle-east", "الشرق الأوسط"),
    ("/news/arab-world", "العالم العربي"),
    ("/economy", "اقتصاد"),
    ("/sport", "رياضة"),
    ("/technology", "تكنولوجيا"),
    ("/culture", "ثقافة وفن"),
    ("/health", "صحة"),
    ("/video", "فيديو"),
)
PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {site}</title>
<meta name="description" content="{description}">
<meta property="og:site_name" content="{site}">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{published}">
<meta property="article:section" content="{section}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="{origin}/assets/css/main.min.css">
<script>
window.dataLayer = window.dataLayer || [];
dataLayer.push({{"section": "{section}"}});
</script>
</head>
<body>
<header class="site-header">
<a class="logo" href="{origin}/">{site}</a>
<nav class="main-menu" aria-label="الأقسام">
<ul>
{nav}
</ul>
</nav>
</header>
<div class="page">
<main>
<article class="article">
<h1 class="article-title">{title}</h1>
<div class="article-meta"><time datetime="{published}">{published_display}</time></div>
<div class="article-body">
{paragraphs}
</div>
</article>
</main>
<aside class="sidebar">
<h2>الأكثر قراءة</h2>
<ul class="most-read">
{sidebar}
</ul>
</aside>
</div>
<footer class="site-footer">
<div class="cookie-notice" role="dialog">
<p>نستخدم ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك على موقعنا وتحليل حركة الزوار.
بمواصلة التصفح فإنك توافق على استخدامنا لها وفق سياسة الخصوصية.</p>
<button type="button">موافق</button>
<a href="{origin}/privacy">سياسة الخصوصية</a>
</div>
<p class="copyright">© {year} {site}. جميع الحقوق محفوظة.</p>
</footer>
<script src="{origin}/assets/js/app.min.js" defer></script>
</body>
</html>
"""


def render_page(draft: Draft, others: Sequence[Draft], section: str) -> str:
    """A news page for ``draft``: head metadata, nav, article, sidebar of ``others``, footer."""
    url = draft.url or "https://news.example/article"
    parts = urlsplit(url)
    origin = f"{parts.scheme or 'https'}://{parts.netloc or 'news.example'}"
    outlet_name = draft.outlet.name if draft.outlet else ""
    site = SITE_NAMES.get(outlet_name.lower(), outlet_name or parts.netloc)
    title = draft.title or ""
    paragraphs = [line.strip() for line in draft.raw_text.split("\n") if line.strip()]
    published = draft.published or ""
    nav = "\n".join(
        f'<li><a href="{origin}{path}">{html.escape(label)}</a></li>'
        for path, label in NAV_SECTIONS
    )
    sidebar = "\n".join(
        f'<li><a href="{html.escape(other.url or origin, quote=True)}">'
        f"{html.escape(other.title or '')}</a></li>"
        for other in others
    )
    return PAGE_TEMPLATE.format(
        title=html.escape(title),
        site=html.escape(site),
        description=html.escape(paragraphs[0][:160] if paragraphs else "", quote=True),
        url=html.escape(url, quote=True),
        origin=html.escape(origin, quote=True),
        published=html.escape(published, quote=True),
        published_display=html.escape(published[:10]),
        section=html.escape(section, quote=True),
        nav=nav,
        paragraphs="\n".join(f"<p>{html.escape(text)}</p>" for text in paragraphs),
        sidebar=sidebar,
        year=published[:4] or "2018",
    )


# -- preparing the inputs (not timed) -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    """One regular-file member of the ANT archive."""

    name: str
    data: bytes


def first_members(archive: Path, count: int) -> list[Member]:
    """The first ``count`` regular-file members of ``archive``, in archive order."""
    members: list[Member] = []
    with tarfile.open(archive, mode="r|*") as tar:
        for info in tar:
            if len(members) >= count:
                break
            if not info.isfile() or PurePosixPath(info.name).name.startswith("._"):
                continue
            handle = tar.extractfile(info)
            if handle is not None:
                members.append(Member(info.name, handle.read()))
    return members


def drafts_of(members: Sequence[Member]) -> Iterator[tuple[Member, Draft]]:
    """Each member's articles as marsad's TREC reader sees them."""
    for member in members:
        text = member.data.decode("utf-8", errors="replace")
        for item in read_trec(text, source=member.name, group_key=""):
            if isinstance(item, Draft):
                yield member, item


def write_subset(members: Sequence[Member], path: Path) -> None:
    with tarfile.open(path, mode="w:gz") as tar:
        for member in members:
            info = tarfile.TarInfo(member.name)
            info.size = len(member.data)
            info.mtime = 0
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(member.data))


def write_html_pages(pool: Sequence[tuple[Member, Draft]], count: int, folder: Path) -> int:
    """Write ``count`` pages (fewer if the pool is smaller); return their total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.html"):  # a reused --work folder may hold an earlier run's pages
        stale.unlink()
    total = 0
    for index, (member, draft) in enumerate(pool[:count]):
        others = [pool[(index + step) % len(pool)][1] for step in range(1, 6) if step < len(pool)]
        section = PurePosixPath(member.name).parent.name
        page = render_page(draft, others, section).encode("utf-8")
        name = f"{index:06d}-{draft.external_id or PurePosixPath(member.name).stem}.html"
        (folder / name).write_bytes(page)
        total += len(page)
    return total


def prepare(limit: int, html_limit: int, work: Path) -> dict[str, Any]:
    """Write the subset archive and the HTML pages into ``work``; return the manifest."""
    members = first_members(ANT_ARCHIVE, max(limit, html_limit))
    subset = members[:limit]
    write_subset(subset, work / SUBSET_NAME)
    pool = list(drafts_of(members))
    html_members = {member.name for member in members[:html_limit]}
    html_pool = [pair for pair in pool if pair[0].name in html_members]
    html_bytes = write_html_pages(pool, len(html_pool), work / HTML_FOLDER) if html_limit else 0
    manifest: dict[str, Any] = {
        "archive": str(ANT_ARCHIVE),
        "members": len(subset),
        "first_member": subset[0].name if subset else None,
        "last_member": subset[-1].name if subset else None,
        "member_bytes": sum(len(member.data) for member in subset),
        "subset_gz_bytes": (work / SUBSET_NAME).stat().st_size,
        "html_pages": len(html_pool) if html_limit else 0,
        "html_bytes": html_bytes,
    }
    (work / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


# -- scenarios (each in its own subprocess) -------------------------------------------------


def pin_to_one_cpu() -> int | None:
    """Pin this process to one CPU where the platform allows; return the CPU or None."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def ru_maxrss_mib() -> float:
    """``getrusage(RUSAGE_SELF).ru_maxrss`` in MiB (kilobytes on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024


def peak_rss_mib() -> float:
    """Peak resident set size of this process since it started, in MiB.

    On Linux ``ru_maxrss`` survives fork and exec: a fresh subprocess starts with its
    parent's peak (here the driver's, which holds the prepared inputs). ``VmHWM`` in
    ``/proc/self/status`` belongs to the new address space, so it is used where it exists.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return ru_maxrss_mib()


def run_analyze(path: Path, cfg: Settings) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="marsad-bench-db-") as db_folder:
        db_path = Path(db_folder) / "bench.db"
        with Store(db_path) as store:
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            summary = analyze_paths([str(path)], store, cfg)
            wall, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start
            stored = store.count_articles()
        db_bytes = sum(file.stat().st_size for file in Path(db_folder).iterdir())
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "summary": summary.to_dict(),
        "articles_in_store": stored,
        "db_bytes": db_bytes,
    }


def scenario_e2e(work: Path, manifest: dict[str, Any], cfg: Settings) -> dict[str, Any]:
    result = run_analyze(work / SUBSET_NAME, cfg)
    result["docs"] = result["summary"]["read"]
    result["input_bytes"] = manifest["member_bytes"]
    return result


def scenario_e2e_foundation(work: Path, manifest: dict[str, Any], cfg: Settings) -> dict[str, Any]:
    """As A with only the stages of the foundation issue: read, clean, normalise, language,
    store, the recurring-line pass. The later issues' stages (dates and sources, entities,
    grouping) are replaced by no-ops in this process; each has its own benchmark."""

    def unchanged(article: Any, *_: Any, **__: Any) -> Any:
        return article

    def no_grouping(*_: Any) -> GroupSummary:
        return GroupSummary()

    stand_ins = [(marsad.pipeline, name, unchanged) for name in _LATER_STAGES]
    for module, name, stand_in in [*stand_ins, (marsad.jobs, "group_articles", no_grouping)]:
        setattr(module, name, stand_in)
    return scenario_e2e(work, manifest, cfg)


def scenario_html(work: Path, manifest: dict[str, Any], cfg: Settings) -> dict[str, Any]:
    result = run_analyze(work / HTML_FOLDER, cfg)
    result["docs"] = manifest["html_pages"]
    result["input_bytes"] = manifest["html_bytes"]
    return result


def scenario_clean(work: Path, manifest: dict[str, Any], cfg: Settings) -> dict[str, Any]:
    with tarfile.open(work / SUBSET_NAME, mode="r:gz") as tar:
        members = [
            Member(info.name, handle.read())
            for info in tar.getmembers()
            if (handle := tar.extractfile(info)) is not None
        ]
    drafts = [draft for _, draft in drafts_of(members)]
    input_bytes = sum(len(draft.raw_text.encode("utf-8")) for draft in drafts)
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    for draft in drafts:
        # clean_text returns the normalised form (and its offset map) too
        clean_text(
            draft.raw_text,
            headline_first=draft.headline_first,
            title=draft.title,
            min_repeat_chars=cfg.min_repeat_chars,
        )
    wall, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start
    return {"wall_s": wall, "cpu_s": cpu, "docs": len(drafts), "input_bytes": input_bytes}


def run_scenario(name: str, work: Path) -> dict[str, Any]:
    """One scenario; all but A2 pinned to one CPU, in one process (``workers=1``)."""
    every_core = name == "e2e_cores"
    cpu = None if every_core else pin_to_one_cpu()
    manifest = json.loads((work / MANIFEST_NAME).read_text(encoding="utf-8"))
    cfg = Settings(workers=0 if every_core else 1)
    baseline = peak_rss_mib()
    runner = {
        "e2e_foundation": scenario_e2e_foundation,
        "e2e": scenario_e2e,
        "e2e_cores": scenario_e2e,
        "clean": scenario_clean,
        "html": scenario_html,
    }[name]
    result = runner(work, manifest, cfg)
    wall = result["wall_s"]
    result.update(
        scenario=name,
        cpu=cpu,
        docs_per_s=result["docs"] / wall if wall else None,
        mb_per_s=result["input_bytes"] / MB / wall if wall else None,
        input_mb=result["input_bytes"] / MB,
        rss_after_imports_mib=baseline,
        peak_rss_mib=peak_rss_mib(),
        ru_maxrss_mib=ru_maxrss_mib(),
        # whether the cleaning modules ran as the C extensions `make` builds with mypyc
        compiled_cleaning=not marsad.text.clean.__file__.endswith(".py"),
    )
    return result


# -- the driver -----------------------------------------------------------------------------


def spawn_scenario(name: str, work: Path) -> dict[str, Any]:
    """Run one scenario in a fresh interpreter and return the result line it prints."""
    command = [sys.executable, str(Path(__file__).resolve()), "--scenario", name]
    command += ["--work", str(work)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"scenario {name} failed with exit code {completed.returncode}")
    for line in completed.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line.removeprefix(RESULT_PREFIX))
            return result
    raise SystemExit(f"scenario {name} printed no result line")


def judge(name: str, result: dict[str, Any]) -> tuple[str, str]:
    """(target, PASS/MISS/-) for a scenario."""
    if name == "e2e_foundation":
        target = f"≥ {TARGET_E2E_DOCS_PER_S:,.0f} docs/s"
        return target, "PASS" if result["docs_per_s"] >= TARGET_E2E_DOCS_PER_S else "MISS"
    if name == "clean":
        target = f"≥ {TARGET_CLEAN_MB_PER_S:.0f} MB/s"
        return target, "PASS" if result["mb_per_s"] >= TARGET_CLEAN_MB_PER_S else "MISS"
    return "-", "-"


def markdown_table(results: dict[str, dict[str, Any]]) -> str:
    header = (
        "| Scenario | Docs | Input MB | Wall s | Docs/s | MB/s | Peak RSS MiB | Target | Result |\n"
        "|---|---:|---:|---:|---:|---:|---:|---|---|"
    )
    rows = [header]
    for name, result in results.items():
        rows.append(
            f"| {SCENARIO_TITLES[name]} | {result['docs']:,} | {result['input_mb']:.2f} "
            f"| {result['wall_s']:.2f} | {result['docs_per_s']:,.0f} | {result['mb_per_s']:.2f} "
            f"| {result['peak_rss_mib']:.0f} | {result['target']} | {result['result']} |"
        )
    return "\n".join(rows)


def cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def source_digest() -> str:
    """SHA-256 (first 16 hex digits) of marsad's installed source and resource files.

    Ties the figures to the code they measured without asking version control.
    """
    package = Path(marsad.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def machine_info() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_model": cpu_model(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "marsad": marsad_version,
    }


def run_all(args: argparse.Namespace, work: Path) -> int:
    digest_before = source_digest()
    print(f"marsad {marsad_version}, source digest {digest_before}", flush=True)
    print(f"Preparing inputs in {work} (not timed) ...", flush=True)
    manifest = prepare(args.limit, args.html_limit, work)
    print(
        f"  {manifest['members']:,} ANT members ({manifest['member_bytes'] / MB:.1f} MB), "
        f"{manifest['html_pages']:,} HTML pages ({manifest['html_bytes'] / MB:.1f} MB)",
        flush=True,
    )
    names = [name for name in SCENARIOS if name != "html" or manifest["html_pages"]]
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        print(f"Running {SCENARIO_TITLES[name]} ...", flush=True)
        result = spawn_scenario(name, work)
        result["target"], result["result"] = judge(name, result)
        results[name] = result
        print(
            f"  {result['docs']:,} docs in {result['wall_s']:.2f} s: "
            f"{result['docs_per_s']:,.0f} docs/s, {result['mb_per_s']:.2f} MB/s, "
            f"peak RSS {result['peak_rss_mib']:.0f} MiB",
            flush=True,
        )
    table = markdown_table(results)
    print()
    print(table)
    print()
    for name, result in results.items():
        if result["result"] in {"PASS", "MISS"}:
            print(f"{result['result']}: {SCENARIO_TITLES[name]} (target {result['target']})")
    digest_after = source_digest()
    if digest_after != digest_before:
        print("WARNING: marsad's source changed while the benchmark ran; run it again.")
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "marsad_source_digest": digest_after,
        "source_changed_during_run": digest_after != digest_before,
        "parameters": {"limit": args.limit, "html_limit": args.html_limit, "one_cpu": True},
        "data": manifest,
        "targets": {
            "e2e_docs_per_s": TARGET_E2E_DOCS_PER_S,
            "clean_mb_per_s": TARGET_CLEAN_MB_PER_S,
            "mb": "10^6 bytes of UTF-8 input",
        },
        "scenarios": results,
        "table_markdown": table,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    out_file = args.out / "ingest.json"
    out_file.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWrote {out_file}")
    return 0


def positive_or_zero(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--limit", type=positive_or_zero, default=10_000, help="ANT members for A and B"
    )
    parser.add_argument(
        "--html-limit", type=positive_or_zero, default=1_000, help="HTML pages for C (0 skips C)"
    )
    parser.add_argument(
        "--out", type=Path, default=BENCH_DIR / "out", help="where ingest.json goes"
    )
    parser.add_argument(
        "--work", type=Path, help="prepare inputs here and keep them (default: a temp folder)"
    )
    parser.add_argument(
        "--scenario", choices=SCENARIOS, help="run one scenario on the inputs in --work"
    )
    args = parser.parse_args(argv)
    if args.scenario and args.work is None:
        parser.error("--scenario needs --work (a folder prepared by an earlier run)")
    if args.limit == 0:
        parser.error("--limit must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.scenario:
        result = run_scenario(args.scenario, args.work.resolve())
        print(RESULT_PREFIX + json.dumps(result, ensure_ascii=False), flush=True)
        return 0
    if not ANT_ARCHIVE.is_file():
        print(
            f"error: the ANT corpus archive is missing: {ANT_ARCHIVE}\n"
            "Put antcorpus.multisource.data.tar.gz (ANT corpus v2.1) there and run again.",
            file=sys.stderr,
        )
        return 2
    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
        return run_all(args, args.work.resolve())
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as folder:
        return run_all(args, Path(folder))


if __name__ == "__main__":
    sys.exit(main())
