"""`appraise extract PATH... [--json]`: the findings for each article."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from appraise.cli.common import clip
from appraise.errors import AppraiseError
from appraise.extract import analyse
from appraise.ingest import open_article


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="appraise extract",
        description="Find the facts about each study (design, sample size, control group, "
        "follow-up, endpoints, inconsistencies), each with the sentences that support it. "
        "Runs in one process over many files.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="articles: files, `-` for standard input, or PMIDs, DOIs or URLs",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='print JSON: one object for one path, JSON Lines (with "path") for several',
    )
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    several = len(args.paths) > 1
    failures = 0
    for path in args.paths:
        try:
            article = open_article(path)
        except AppraiseError as exc:
            if not several:
                raise
            failures += 1
            for problem in exc.problems:
                print(f"appraise: {problem}", file=sys.stderr)
            continue
        findings = analyse(article).to_json()
        if args.json:
            if several:
                sys.stdout.write(json.dumps({"path": path} | findings, ensure_ascii=False) + "\n")
            else:
                json.dump(findings, sys.stdout, ensure_ascii=False, indent=2)
                sys.stdout.write("\n")
        else:
            print_table(path, findings)
    return 1 if failures else 0


def print_table(path: str, findings: dict[str, Any]) -> None:
    rows = [
        ("design", _design(findings["design"]), findings["design"]),
        ("sample size", _value(findings["sample_size"]["value"]), findings["sample_size"]),
        ("control", _control(findings["control"]), findings["control"]),
        ("follow-up", _follow_up(findings["follow_up"]), findings["follow_up"]),
        ("efficacy", _efficacy(findings["efficacy"]), findings["efficacy"]),
        (
            "power calc.",
            _value(findings["power_calculation"]["reported"]),
            findings["power_calculation"],
        ),
    ]
    print(path)
    for name, shown, finding in rows:
        print(f"  {name:<12} {shown:<28} {clip(finding['rationale'], 70)}")
        for evidence in finding["evidence"][:2]:
            print(f"  {'':<12} \u201c{clip(evidence['quote'], 96)}\u201d")
    inconsistencies = findings["inconsistencies"]
    if not inconsistencies:
        print(f"  {'consistency':<12} no contradiction found")
    for item in inconsistencies:
        print(f"  {'INCONSISTENT':<12} [{item['kind']}] {clip(item['message'], 90)}")
        for evidence in item["evidence"][:3]:
            print(f"  {'':<12} \u201c{clip(evidence['quote'], 96)}\u201d")


def _value(value: object) -> str:
    if value is None:
        return "not stated"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def _design(design: dict[str, Any]) -> str:
    if design["value"] is None:
        return "not stated"
    variant = f" ({design['variant']})" if design.get("variant") else ""
    return f"{design['value']}{variant}"


def _control(control: dict[str, Any]) -> str:
    if control["present"] is None:
        return "not stated"
    return f"yes, {control['kind']}" if control["present"] else "none"


def _follow_up(follow_up: dict[str, Any]) -> str:
    if follow_up["days"] is None:
        return "not stated"
    return f"{follow_up['days']:g} days ({follow_up['text']})"


def _efficacy(efficacy: dict[str, Any]) -> str:
    if efficacy["reported"] is None:
        return "not stated"
    if efficacy["safety_only"]:
        return "no: safety only"
    return "reported" if efficacy["reported"] else "not reported"
