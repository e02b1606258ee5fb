"""`appraise checklists list | show ID | validate PATH... | new NAME | schema`."""

from __future__ import annotations

import argparse
import builtins
import json
import sys

from appraise.checklist.catalog import ChecklistSource, checklist_sources, resolve_checklist
from appraise.checklist.load import LoadedChecklist, load_checklist, load_with_warnings
from appraise.cli.common import clip
from appraise.config import load_config
from appraise.errors import AppraiseError

DESCRIPTION = """\
Checklists are TOML files: built-in ones ship with appraise; your own live in your config
folder's `checklists/` ({user}) or in folders named in your config (checklist_dirs). Yours
override a built-in one of the same id. `appraise checklists new NAME` starts one."""

NEW_EPILOG = """\
Without --from: a small, complete checklist to edit (scales, two sections, an item of each kind,
bands, a critical item, grading), every key explained in a comment.

With --from ID: a checklist that `extends` ID and changes nothing yet, with commented examples of
removing, changing and adding items. It inherits everything else from ID and follows its updates,
so it stays short and shows only what your club does differently. Its reports keep its own id,
version and sha256. With --copy as well: a full copy of ID's file under the new id, comments
kept, that no longer follows ID.

The file goes to your checklist folder ({user}), with checklist.schema.json beside it for editors
(see `appraise checklists schema --help`). Its path is printed on stdout, so
`$EDITOR "$(appraise checklists new my-club)"` opens it.

NAME becomes the checklist's id: lowercase letters, digits, - and _. A NAME that is the id of a
built-in checklist overrides it (with --from it can extend the very one it overrides:
`appraise checklists new clinical-study --from clinical-study`)."""

SCHEMA_EPILOG = """\
Editors that read JSON Schema for TOML then complete keys, show each key's help, and flag wrong
values as you type. Save the schema beside your checklists and name it on the first line of a
checklist file:

  appraise checklists schema > ~/.config/appraise/checklists/checklist.schema.json
  #:schema ./checklist.schema.json        (first line of the .toml file; path relative to it)

VS Code: install the Even Better TOML extension (it runs taplo), which reads that line; so does
the taplo CLI (`taplo check FILE.toml`) and tombi. To apply the schema to every checklist in a
folder without the line, put a .taplo.toml in that folder:

  [[rule]]
  include = ["*.toml"]
  [rule.schema]
  path = "/full/path/to/checklist.schema.json"

`appraise checklists new` writes the schema and the line for you. A schema cannot express the
cross-references (an item's section exists, bands do not overlap...): `appraise checklists
validate` checks those."""


def parser() -> argparse.ArgumentParser:
    from appraise.paths import user_checklists_dir

    user = user_checklists_dir()
    p = argparse.ArgumentParser(
        prog="appraise checklists",
        description=DESCRIPTION.format(user=user),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser(
        "list",
        help="every checklist by id, with its title and where it comes from",
        description="Every checklist by id, with its title and origin (built-in, user, or an "
        "extra folder); one of yours with the id of a built-in one overrides it.",
    )
    show = sub.add_parser("show", help="a checklist's sections and items")
    show.add_argument("id", metavar="ID|PATH")
    validate = sub.add_parser(
        "validate",
        help="check checklist files; FILE:LINE:COL per problem",
        description="Check checklist files: every problem as FILE:LINE:COL: key: message on "
        "stderr, and warnings (things allowed but probably not meant) as FILE:LINE:COL: "
        "warning: message. Exit code 1 if a file has problems; warnings alone leave it 0, "
        "unless --strict.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    new = sub.add_parser(
        "new",
        help="start a checklist of your own: a scaffold, or one that extends another",
        description="Write a commented checklist into your checklist folder and print its path.",
        epilog=NEW_EPILOG.format(user=user),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("name", metavar="NAME", help="the new checklist's id, and file name")
    new.add_argument(
        "--from", dest="from_ref", metavar="ID|PATH", help="extend this checklist (see below)"
    )
    new.add_argument("--copy", action="store_true", help="with --from: copy it whole instead")
    new.add_argument("--force", action="store_true", help="overwrite a file of that name")
    sub.add_parser(
        "schema",
        help="print the JSON Schema of checklist files, for editors",
        description="Print the JSON Schema of checklist files (a whole checklist, or one that "
        "extends another), made from the same models that `validate` uses.",
        epilog=SCHEMA_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if args.action == "list":
        return list_checklists()
    if args.action == "show":
        return show_checklist(args.id)
    if args.action == "new":
        return new_checklist(args.name, args.from_ref, args.copy, args.force)
    if args.action == "schema":
        return print_schema()
    return validate_checklists(args.paths, args.strict)


def list_checklists() -> int:
    config = load_config()
    sources = checklist_sources(config.checklist_dirs)
    for source in sources:
        try:
            loaded = load_checklist(source.path, extra_dirs=config.checklist_dirs)
            title = f"{loaded.checklist.title} (v{loaded.checklist.version})"
            notes = [f"extends {loaded.parents[0].ref}"] if loaded.parents else []
        except AppraiseError as exc:
            title = f"INVALID: {exc.problems[0]}"
            notes = []
        notes.extend(_override_notes(source, sources))
        line = f"{source.id:<22} {source.origin:<9} {clip(title, 80)}"
        print(f"{line}  [{'; '.join(notes)}]" if notes else line)
    return 0


def _override_notes(source: ChecklistSource, sources: list[ChecklistSource]) -> list[str]:
    same = [s for s in sources if s.id == source.id]
    if len(same) < 2:
        return []
    if source is same[-1]:
        return [f"overrides {', '.join(s.origin for s in same[:-1])}"]
    return [f"overridden by {same[-1].origin}"]


def show_checklist(ref: str) -> int:
    from appraise.report.view import safe_text

    def print(text: str = "") -> None:  # a checklist's words are data, never terminal codes
        builtins.print(safe_text(text))

    config = load_config()
    loaded = resolve_checklist(ref, config.checklist_dirs)
    checklist = loaded.checklist
    print(f"{checklist.title}  [{checklist.id} v{checklist.version}]  {loaded.path}")
    for parent in loaded.parents:
        print(f"extends {parent.id} v{parent.version}  {parent.path}")
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


def validate_checklists(paths: list[str], strict: bool = False) -> int:
    config = load_config()
    bad = 0
    for path in paths:
        try:
            loaded, warnings = load_with_warnings(path, extra_dirs=config.checklist_dirs)
        except AppraiseError as exc:
            bad += 1
            for problem in exc.problems:
                print(str(problem), file=sys.stderr)
            continue
        for warning in warnings:
            print(str(warning), file=sys.stderr)
        if strict and warnings:
            bad += 1
            continue
        print(f"{path}: ok ({_summary(loaded)})")
    return 1 if bad else 0


def _summary(loaded: LoadedChecklist) -> str:
    checklist = loaded.checklist
    text = f"{checklist.id} v{checklist.version}, {len(checklist.items)} items"
    if loaded.parents:
        parent = loaded.parents[0]
        text += f", extends {parent.id} v{parent.version}"
    return text


def new_checklist(name: str, from_ref: str | None, copy: bool, force: bool) -> int:
    from appraise.checklist.scaffold import new_checklist as write_new

    config = load_config()
    path, notes = write_new(name, from_ref, copy, force, config.checklist_dirs)
    print(path)
    for note in notes:
        print(f"appraise: {note}", file=sys.stderr)
    print(
        f"appraise: edit it, check it with `appraise checklists validate {path}`, "
        f"use it with `--checklist {name}`",
        file=sys.stderr,
    )
    return 0


def print_schema() -> int:
    from appraise.checklist.schema import checklist_schema

    json.dump(checklist_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
