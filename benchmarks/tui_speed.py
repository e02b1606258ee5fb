"""How fast the TUI is ready, and how fast it moves between items, measured headless.

    .venv/bin/python benchmarks/tui_speed.py [--runs 5]

Ready: from a fresh interpreter (so the imports of textual and of appraise count) to the main
screen drawn with the first item and its evidence, through the same path as `appraise ARTICLE`
(`build_appraisal`, then `make_app`), on the bundled seed and on a ~300 KB full text made by
repeating the seed's paragraphs. Each run is its own process; the table shows the median and the
worst of the runs. Targets: ready < 1 s on the seed.

Move: 50 presses of `j` (and back with `k`), each timed from the key event to the screen having
handled it and drawn the result; mean and max. Target: < 50 ms. Pilot's own `press` also waits for
the process to idle (tens of ms) and would measure that wait, so the key is posted directly.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

MOVES = 50


def make_full_text(folder: Path, size: int = 300_000) -> Path:
    """A long article: the seed's paragraphs repeated, under numbered headings."""
    from appraise.paths import default_seed

    paragraphs = [p for p in default_seed().read_text(encoding="utf-8").split("\n") if p.strip()]
    parts = ["# A long full text made by repeating a news story\n"]
    total, n = 0, 0
    while total < size:
        text = f"\n## Section {n + 1}\n\n{paragraphs[n % len(paragraphs)]}\n"
        parts.append(text)
        total += len(text)
        n += 1
    path = folder / "full-text.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return path


async def measure(article: str) -> dict[str, float]:
    from textual import events

    from appraise.cli.infer_cmd import build_appraisal
    from appraise.tui.app import make_app
    from appraise.tui.widgets.article import ArticleView

    appraisal = build_appraisal(article, None, "Benchmark")
    app = make_app(appraisal)
    result: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot._wait_for_screen()
        app.screen._on_timer_update()  # draw now, as the screen's refresh timer would
        view = app.main.query_one(ArticleView)
        assert app.main.current and view.virtual_size.height > 0
        result["ready"] = time.perf_counter() - STARTED

        times = []
        for index in range(MOVES):
            key = "j" if index < MOVES // 2 else "k"
            start = time.perf_counter()
            app.post_message(events.Key(key, key))
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            await pilot._wait_for_screen()  # watchers and scrolls queued by the move
            times.append(time.perf_counter() - start)
        result["move_mean"] = statistics.fmean(times)
        result["move_max"] = max(times)
        result["chars"] = float(len(appraisal.article.text))
        result["lines"] = float(view.virtual_size.height)
    return result


def child(article: str) -> None:
    print(json.dumps(asyncio.run(measure(article))))


def run(runs: int) -> None:
    from appraise.paths import default_seed

    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ)
        env["APPRAISE_STATE_DIR"] = str(Path(folder) / "state")
        env["APPRAISE_CONFIG_DIR"] = str(Path(folder) / "config")
        cases = [("seed", default_seed()), ("300 KB full text", make_full_text(Path(folder)))]
        print(
            f"{'article':<18} {'chars':>8} {'lines':>6} {'ready median':>13} {'ready worst':>12}"
            f" {'move mean':>10} {'move max':>9}"
        )
        for name, path in cases:
            results = []
            for _ in range(runs):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(path)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            ready = [r["ready"] for r in results]
            print(
                f"{name:<18} {results[0]['chars']:>8.0f} {results[0]['lines']:>6.0f}"
                f" {statistics.median(ready) * 1000:>10.0f} ms {max(ready) * 1000:>9.0f} ms"
                f" {statistics.median(r['move_mean'] for r in results) * 1000:>7.1f} ms"
                f" {max(r['move_max'] for r in results) * 1000:>6.1f} ms"
            )
    print(
        f"\n{runs} runs each, terminal 120x40, {MOVES} moves a run; targets: ready < 1000 ms, "
        "move < 50 ms."
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", metavar="ARTICLE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
    else:
        run(args.runs)
