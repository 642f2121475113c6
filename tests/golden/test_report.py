"""The HTML report: self-contained, right-to-left, escaped, and rendered by headless
Chromium (the Debian package at /usr/bin/chromium, which ``make test`` installs; never a
downloaded browser)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = (
    "عنوان تجريبي\n"
    'خبر تجريبي يحمل وسماً <script>document.title="pwned"</script> وسط النص، كتبه مختبر مرصد '
    "ليتأكد أن التقرير يعرض كل شيء نصاً ولا ينفذه أبداً، مهما كان ما يحمله المقال من وسوم.\n"
)

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (../shared is absent)"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    inputs = folder / "inputs"
    shutil.copytree(SEEDS, inputs)
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db, out = folder / "seeds.db", folder / "report.html"
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(inputs), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["report", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_report_is_self_contained_and_right_to_left(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", page)  # no external requests
    assert "<script" not in page  # no scripts at all…
    assert "&lt;script&gt;document.title" in page  # …and the article's tag shown as text
    for seen in ("الخط الزمني", "ملخص", "المصادر", "الادعاءات", "التأطير", "90 دقيقة"):
        assert seen in page
    # where each event happened, as its articles state it, is a labelled claim
    assert re.search(r"المكان:</span> موسكو", page)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
def test_report_renders_in_headless_chromium(report: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
        page.on("pageerror", lambda error: errors.append(str(error)))
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(report.as_uri())
        assert page.title() != "pwned"
        assert page.eval_on_selector("html", "e => getComputedStyle(e).direction") == "rtl"
        # the Arabic heading is laid out from the right edge: right to left on screen
        left, right, width = page.eval_on_selector(
            "h2",
            "e => { const r = document.createRange(); r.selectNodeContents(e);"
            " const b = r.getBoundingClientRect(); return [b.left, b.right, innerWidth]; }",
        )
        assert right > 0.9 * width and left > 0.3 * width
        body = page.inner_text("body")
        assert "الخط الزمني" in body and "موسكو" in body
        # the 2021 Moscow event with its figures, and the hostile article's tag as text
        assert "90 دقيقة" in body
        assert "<script>" in page.content().replace("&lt;", "<").replace("&gt;", ">")
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=False)
        browser.close()
    assert not errors
    assert requests == [report.as_uri()]
    assert shot.stat().st_size > 10_000
