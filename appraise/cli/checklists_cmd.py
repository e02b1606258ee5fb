"""`appraise checklists list | show ID | validate PATH...`."""

from __future__ import annotations

import argparse
import sys

from appraise.checklist.catalog import checklist_sources, resolve_checklist
from appraise.checklist.load import load_checklist
from appraise.cli.common import clip
from appraise.config import load_config
from appraise.errors import AppraiseError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="appraise checklists",
        description="Checklists are TOML files: built-in ones ship with appraise; your own live in "
        "your config folder's `checklists/` or in folders named in your config.",
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser("list", help="every checklist by id, with its title and where it comes from")
    show = sub.add_parser("show", help="a checklist's sections and items")
    show.add_argument("id", metavar="ID|PATH")
    validate = sub.add_parser("validate", help="check checklist files; FILE:LINE:COL per problem")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if args.action == "list":
        return list_checklists()
    if args.action == "show":
        return show_checklist(args.id)
    return validate_checklists(args.paths)


def list_checklists() -> int:
    config = load_config()
    for source in checklist_sources(config.checklist_dirs):
        try:
            loaded = load_checklist(source.path)
            title = f"{loaded.checklist.title} (v{loaded.checklist.version})"
        except AppraiseError as exc:
            title = f"INVALID: {exc.problems[0]}"
        print(f"{source.id:<22} {source.origin:<9} {clip(title, 80)}")
    return 0


def show_checklist(ref: str) -> int:
    config = load_config()
    loaded = resolve_checklist(ref, config.checklist_dirs)
    checklist = loaded.checklist
    print(f"{checklist.title}  [{checklist.id} v{checklist.version}]  {loaded.path}")
    if checklist.description:
        print(checklist.description.strip())
    for section in checklist.sections:
        print(f"\n{section.title}")
        for item in checklist.items:
            if item.section != section.id:
                continue
            marks = ("critical " if item.critical else "") + (
                f"infer={item.infer}" if item.infer else "answered by hand"
            )
            print(f"  {item.id:<22} {item.kind:<8} {marks}")
            print(f"  {'':<22} {item.prompt}")
    grades = ", ".join(
        f"{b.grade} (≥{b.at_least:g}%)" if b.at_least is not None else b.grade
        for b in checklist.grading.bands
    )
    print(f"\ngrades: {grades}")
    if checklist.grading.critical_fail_caps_at:
        print(
            f"a failing critical item caps the grade at {checklist.grading.critical_fail_caps_at}"
        )
    return 0


def validate_checklists(paths: list[str]) -> int:
    bad = 0
    for path in paths:
        try:
            loaded = load_checklist(path)
        except AppraiseError as exc:
            bad += 1
            for problem in exc.problems:
                print(str(problem), file=sys.stderr)
            continue
        print(
            f"{path}: ok ({loaded.checklist.id} v{loaded.checklist.version}, "
            f"{len(loaded.checklist.items)} items)"
        )
    return 1 if bad else 0
