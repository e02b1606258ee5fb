"""Accuracy of `appraise extract` per field, on our corpus or on any folder of texts with gold.

Usage:
  python benchmarks/accuracy.py [FOLDER ...] [--misses] [--min FIELD=VALUE ...]

A folder holds `<id>.txt` with `<id>.toml` gold beside each, or `texts/<id>.txt` with one
`gold.toml` of `[<id>]` tables (the layout of ../shared/realdev). Default: tests/corpus.
The scoring rules are those of the real development set's scorer (SOURCES.md there): a field
listed in a text's `ambiguous` is skipped; follow-up within 5%; inconsistency recall over texts
with gold inconsistencies, false alarms over texts with neither clear nor possible ones.
Extraction runs in this process, so this also shows what a batch of articles costs.
"""

from __future__ import annotations

import argparse
import math
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from appraise.extract import analyse  # noqa: E402
from appraise.ingest import load_article  # noqa: E402

FIELDS = [
    "sample_size",
    "control_present",
    "control_kind",
    "follow_up",
    "efficacy",
    "safety_only",
    "design",
]
AMBIGUOUS_NAME = {
    "sample_size": "sample_size",
    "control_present": "control_group",
    "control_kind": "control_type",
    "follow_up": "follow_up_days",
    "efficacy": "efficacy_endpoint_reported",
    "safety_only": "safety_only",
    "design": "design",
    "inconsistencies": "inconsistencies",
}
DESIGN_EQUIVALENT = {"single-arm": {"case-series"}, "case-series": {"single-arm"}}
KIND_EQUIVALENT = {"observational": {"observational", "no-treatment"}}


@dataclass
class Result:
    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    quotes: int = 0
    faithful: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    def add(self, name: str, ok: bool, text_id: str, got: Any, want: Any) -> None:
        self.total[name] = self.total.get(name, 0) + 1
        self.right[name] = self.right.get(name, 0) + int(ok)
        if not ok:
            self.misses.append((text_id, name, got, want))

    def rate(self, name: str) -> float:
        if name == "incons_recall":
            return self.tp / (self.tp + self.fn) if self.tp + self.fn else math.nan
        if name == "incons_false_alarm":
            return self.fp / (self.fp + self.tn) if self.fp + self.tn else math.nan
        if name == "evidence_faithful":
            return self.faithful / self.quotes if self.quotes else math.nan
        total = self.total.get(name, 0)
        return self.right.get(name, 0) / total if total else math.nan


def load_gold(folder: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Map id -> (text path, gold) for either folder layout."""
    single = folder / "gold.toml"
    if single.is_file():
        with single.open("rb") as handle:
            gold = tomllib.load(handle)
        return {tid: (folder / "texts" / f"{tid}.txt", g) for tid, g in gold.items()}
    found = {}
    for text in sorted(folder.glob("*.txt")):
        gold_file = text.with_suffix(".toml")
        if gold_file.is_file():
            with gold_file.open("rb") as handle:
                found[text.stem] = (text, tomllib.load(handle))
    return found


def score_one(tid: str, gold: dict[str, Any], out: dict[str, Any], text: str, r: Result) -> None:
    skip = set(gold.get("ambiguous", []))

    def check(name: str, ok: bool, got: Any, want: Any) -> None:
        if AMBIGUOUS_NAME[name] not in skip:
            r.add(name, ok, tid, got, want)

    size = out["sample_size"]["value"]
    accepted = (
        [gold["sample_size"], *gold.get("sample_size_alternatives", [])]
        if "sample_size" in gold
        else []
    )
    check("sample_size", size in accepted if accepted else size is None, size, accepted or None)
    present = out["control"]["present"]
    check("control_present", present == gold["control_group"], present, gold["control_group"])
    kinds: set[str] = set()
    for kind in [
        gold["control_type"],
        *gold.get("acceptable_control_types", []),
        *gold.get("control_types", []),
    ]:
        kinds |= KIND_EQUIVALENT.get(kind, {kind})
    kind = out["control"]["kind"]
    check("control_kind", kind in kinds, kind, sorted(kinds))
    days = out["follow_up"]["days"]
    if "follow_up_days" in gold:
        targets = [
            gold["follow_up_days"],
            *([gold["follow_up_typical_days"]] if "follow_up_typical_days" in gold else []),
            *gold.get("follow_up_days_alternatives", []),
        ]
        ok = days is not None and any(abs(days - t) <= 0.05 * t + 1e-9 for t in targets)
        check("follow_up", ok, days, targets)
    else:
        check("follow_up", days is None, days, None)
    reported = out["efficacy"]["reported"]
    check(
        "efficacy",
        reported == gold["efficacy_endpoint_reported"],
        reported,
        gold["efficacy_endpoint_reported"],
    )
    safety = out["efficacy"]["safety_only"]
    check("safety_only", safety == gold["safety_only"], safety, gold["safety_only"])
    designs = {gold["design"], *gold.get("acceptable_designs", [])}
    for design in list(designs):
        designs |= DESIGN_EQUIVALENT.get(design, set())
    design = out["design"]["value"]
    check("design", design in designs, design, sorted(designs))
    if "inconsistencies" not in skip:
        flagged = [i["kind"] for i in out["inconsistencies"]]
        if gold.get("inconsistencies"):
            if flagged:
                r.tp += 1
            else:
                r.fn += 1
                r.misses.append((tid, "incons_recall", "none flagged", gold["inconsistencies"]))
            for kind in gold.get("inconsistency_kinds", []):
                counts = r.by_kind.setdefault(kind, [0, 0])
                counts[0] += int(kind in flagged)
                counts[1] += 1
        elif not gold.get("possible_inconsistencies") and flagged:
            r.fp += 1
            r.misses.append(
                (tid, "incons_false_alarm", [i["message"] for i in out["inconsistencies"]], "none")
            )
        else:
            r.tn += 1
    for quote in iter_quotes(out):
        r.quotes += 1
        r.faithful += int(bool(quote.strip()) and quote in text)


def iter_quotes(data: Any) -> Any:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "evidence" and isinstance(value, list):
                yield from (e["quote"] for e in value)
            else:
                yield from iter_quotes(value)
    elif isinstance(data, list):
        for value in data:
            yield from iter_quotes(value)


def evaluate(folder: Path) -> Result:
    result = Result()
    for tid, (path, gold) in load_gold(folder).items():
        article = load_article(path)
        out = analyse(article).to_json()
        for section in out.values():
            for evidence in _evidence_lists(section):
                for e in evidence:
                    assert article.text[e["start"] : e["end"]] == e["quote"], (tid, e)
        score_one(tid, gold, out, article.text, result)
    return result


def _evidence_lists(section: Any) -> Any:
    if isinstance(section, dict):
        if "evidence" in section:
            yield section["evidence"]
    elif isinstance(section, list):
        for item in section:
            yield from _evidence_lists(item)


SUMMARY = [*FIELDS, "incons_recall", "incons_false_alarm", "evidence_faithful"]


def report(folder: Path, result: Result, misses: bool) -> None:
    print(f"{folder}")
    print(f"  {'field':<20} {'right/total':>12}  accuracy")
    for name in FIELDS:
        print(
            f"  {name:<20} {result.right.get(name, 0):>5}/{result.total.get(name, 0):<6}"
            f"  {result.rate(name):8.3f}"
        )
    print(
        f"  {'incons_recall':<20} {result.tp:>5}/{result.tp + result.fn:<6}"
        f"  {result.rate('incons_recall'):8.3f}"
    )
    print(
        f"  {'incons_false_alarm':<20} {result.fp:>5}/{result.fp + result.tn:<6}"
        f"  {result.rate('incons_false_alarm'):8.3f}"
    )
    print(
        f"  {'evidence_faithful':<20} {result.faithful:>5}/{result.quotes:<6}"
        f"  {result.rate('evidence_faithful'):8.3f}"
    )
    for kind, (hit, total) in sorted(result.by_kind.items()):
        print(f"    inconsistency kind {kind:<28} recall {hit}/{total}")
    if misses:
        for tid, name, got, want in result.misses:
            print(f"  MISS {tid:<32} {name:<18} {str(got)[:90]} -> {str(want)[:90]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "tests" / "corpus"])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument(
        "--min",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="exit 1 when FIELD falls below VALUE (above, for false alarms)",
    )
    args = parser.parse_args(argv)
    failed = []
    for folder in args.folders:
        result = evaluate(folder)
        report(folder, result, args.misses)
        for bound in args.min:
            name, _, value = bound.partition("=")
            rate = result.rate(name)
            bad = rate > float(value) if name == "incons_false_alarm" else rate < float(value)
            if math.isnan(rate) or bad:
                failed.append(f"{folder.name}: {name}={rate:.3f} (bound {value})")
    if failed:
        print("bounds failed: " + "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
