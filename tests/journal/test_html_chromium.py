"""The HTML export rendered by a real browser: headless Chromium takes a screenshot and dumps the
DOM it built. Skipped where Chromium is not installed (CI installs Debian's `chromium`)."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from appraise.cli import main
from appraise.report.io import load_report, save_report

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)",
)
WIDTH, HEIGHT = 1200, 1600


def chromium(page: Path, tmp_path: Path, *action: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        f"--window-size={WIDTH},{HEIGHT}",
        *action,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def export(report: Path, target: Path) -> Path:
    assert main(["report", "export", str(report), "--to", "html", "-o", str(target)]) == 0
    return target


def test_screenshot(members: list[Path], tmp_path: Path) -> None:
    page = export(members[1], tmp_path / "ben.html")
    shot = tmp_path / "ben.png"
    result = chromium(page, tmp_path, f"--screenshot={shot}")
    assert shot.is_file(), result.stderr[-2000:]
    assert png_size(shot) == (WIDTH, HEIGHT)
    # A blank 1200x1600 page compresses to a few KB; text, tables and lights take far more.
    assert shot.stat().st_size > 40_000


def test_dom_holds_the_report(members: list[Path], tmp_path: Path) -> None:
    page = export(members[1], tmp_path / "ben.html")
    result = chromium(page, tmp_path, "--dump-dom")
    dom = result.stdout
    assert '<h2 id="evidence">Evidence and notes</h2>' in dom, result.stderr[-2000:]
    report = load_report(members[1])
    assert f">{report.score.grade}<small>" in dom
    assert "Was there a comparison group that did not receive the treatment?" in dom
    assert "patients who did not respond to other drugs: a historical control?" in dom
    for words in ("Full points", "Partial", "No points", "Not scored"):
        assert words in dom


def test_hostile_text_stays_text_in_the_browser(seed_report: Path, tmp_path: Path) -> None:
    report = load_report(seed_report)
    hostile = (
        '<img src="x" onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
    )
    changed = report.model_copy(
        update={
            "article": report.article.model_copy(update={"title": hostile}),
            "items": [report.items[0].model_copy(update={"notes": hostile}), *report.items[1:]],
        }
    )
    source = tmp_path / "hostile.toml"
    save_report(changed, source)
    page = export(source, tmp_path / "hostile.html")
    dom = chromium(page, tmp_path, "--dump-dom").stdout
    assert "<title>Appraisal: &lt;img src=" in dom
    assert "pwned</title>" not in dom
    assert "<img" not in dom and "<script" not in dom
