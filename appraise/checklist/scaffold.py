"""Starting files for `appraise checklists new`: a scaffold, an extension of a checklist, a copy.

Every text made here is validated before it is written (`write_checklist`), so a new file always
loads as written.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any

import tomlkit

from appraise.atomic import atomic_write_text
from appraise.checklist.auto import AUTO
from appraise.checklist.catalog import find_source, resolve_checklist
from appraise.checklist.inherit import within_reach
from appraise.checklist.load import LoadedChecklist, checklist_from_text
from appraise.checklist.model import Checklist
from appraise.checklist.schema import SCHEMA_FILE, checklist_schema
from appraise.checklist.sources import looks_like_path
from appraise.errors import ChecklistError, Problem
from appraise.infer.registry import VERDICTS, inferrers
from appraise.paths import user_checklists_dir

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
"""What a checklist id may be: lowercase letters, digits, - and _."""

SCHEMA_LINE = f"#:schema ./{SCHEMA_FILE}"

_SCAFFOLD = '''\
{schema_line}
# {name}: a checklist for appraise, made by `appraise checklists new {name}`.
#
# Edit it, then check it with `appraise checklists validate {path}`
# and use it with `appraise ARTICLE --checklist {name}`.
# Every key is explained in the schema (`appraise checklists schema`): an editor that reads it
# (VS Code with Even Better TOML, or taplo) completes keys and shows their help as you type.

# The id is what --checklist and reports call it; bump the version whenever the items change,
# so that reports made with an older version can tell.
id = "{name}"
title = "{title}"
version = "1.0"
description = """
What this checklist is for, and where its questions come from.
"""
# The study designs it suits (rct, non-randomised-controlled, single-arm, cohort, case-control,
# cross-sectional, case-series, case-report, systematic-review, other).
applies_to = ["rct", "non-randomised-controlled", "cohort"]

# -- Scales: the answers a choice item offers, defined once, best first. ---------------------------
# `points` count towards the score; an option without points ("not applicable") leaves the item
# out of the total. The reader picks an option with the keys 1-9.
[scales.yes-no]
description = "Whether the article shows it."
options = [
  {{ id = "yes", label = "Yes", points = 2 }},
  {{ id = "unclear", label = "Can't tell", points = 1, description = "Silent or ambiguous." }},
  {{ id = "no", label = "No", points = 0 }},
  {{ id = "na", label = "Not applicable", description = "Leaves the item out of the total." }},
]

# -- Sections: headings that group the items, in order. --------------------------------------------
[[sections]]
id = "design"
title = "Can the design answer the question?"
description = "Size, comparison and allocation decide how far a result can be trusted."

[[sections]]
id = "results"
title = "What did it measure, and for how long?"

# -- Items: the questions, in order. ---------------------------------------------------------------
# kind is choice (an option of a scale; the default), number, duration, or text (not scored).
# `infer` names the inferrer that suggests an answer from the article, with its evidence; an item
# without one is answered by hand. The inferrers, by key:
{inferrers}

# A number item: bands turn the number into points, lowest band first; a band's `below` is where
# the next band's `at_least` starts.
[[items]]
id = "sample_size"
section = "design"
kind = "number"
prompt = "How many participants were enrolled?"
guidance = "Small studies cannot tell a real effect from chance; look for a power calculation."
infer = "sample_size"
params = {{ min_confidence = 0.5 }}  # leave the answer blank when the finding is less sure
bands = [
  {{ below = 30, points = 0, label = "very small" }},
  {{ at_least = 30, below = 100, points = 1, label = "small" }},
  {{ at_least = 100, points = 2, label = "adequate" }},
]

# A choice item. `critical = true`: a failing answer (the option with the fewest points, unless an
# option says `fails`) caps the grade at `grading.critical_fail_caps_at`.
[[items]]
id = "control_group"
section = "design"
scale = "yes-no"
critical = true
prompt = "Was there a comparison group that did not receive the treatment?"
guidance = "Comparing the same patients before and after is not a control group."
infer = "control_group"

[[items]]
id = "randomised"
section = "design"
scale = "yes-no"
weight = 2  # counts twice
prompt = "Were participants randomly allocated to the groups compared?"
infer = "randomised"

# A duration item: the answer is kept in days; `unit` is the unit the bands are written in.
[[items]]
id = "follow_up"
section = "results"
kind = "duration"
unit = "months"
prompt = "How long were participants followed up?"
infer = "follow_up"
bands = [
  {{ below = 1, points = 0, label = "under a month" }},
  {{ at_least = 1, below = 12, points = 1, label = "under a year" }},
  {{ at_least = 12, points = 2, label = "a year or more" }},
]

[[items]]
id = "efficacy_endpoint"
section = "results"
scale = "yes-no"
critical = true
prompt = "Did the study measure whether the treatment works, not only its safety?"
infer = "efficacy_endpoint"

# A text item: a note for the discussion, not scored.
[[items]]
id = "study_design"
section = "results"
kind = "text"
prompt = "What kind of study is it?"
infer = "study_design"

# -- Grading: the percentage of points becomes a grade, best first. --------------------------------
# The last grade has no at_least, so that every percentage gets one.
[grading]
critical_fail_caps_at = "weak"
bands = [
  {{ at_least = 75, grade = "strong", description = "The design can support the claim." }},
  {{ at_least = 50, grade = "moderate", description = "Useful, with reservations to discuss." }},
  {{ grade = "weak", description = "The design cannot support a claim of benefit." }},
]
'''


def new_checklist(
    name: str,
    from_ref: str | None = None,
    copy: bool = False,
    force: bool = False,
    extra_dirs: list[str] | None = None,
    folder: Path | None = None,
) -> tuple[Path, list[str]]:
    """Write `NAME.toml` into the user's checklist folder (or `folder`): the scaffold, an
    extension of `from_ref`, or (`copy`) a full copy of it; and the schema beside it, for
    editors. The path written, and notes for the user."""
    if not NAME.match(name):
        raise ChecklistError(
            Problem(
                "not a valid checklist name: use lowercase letters, digits, - and _ "
                "(starting with a letter or digit, at most 64)",
                name,
            )
        )
    if name == AUTO:
        raise ChecklistError(Problem("reserved for `--checklist auto`: choose another name", name))
    if copy and from_ref is None:
        raise ChecklistError(Problem("--copy needs --from ID: the checklist to copy", "--copy"))
    folder = folder or user_checklists_dir()
    path = folder / f"{name}.toml"
    if path.exists() and not force:
        raise ChecklistError(Problem("already exists (use --force to overwrite it)", str(path)))
    notes: list[str] = []
    shadowed = find_source(name, extra_dirs)
    if shadowed is not None and shadowed.origin == "built-in":
        notes.append(f"`--checklist {name}` will now mean this file, not the built-in one")
    if from_ref is None:
        text = scaffold_text(name, path)
    else:
        parent = resolve_checklist(from_ref, extra_dirs)
        if copy:
            text = copy_text(name, parent, from_ref, folder, extra_dirs)
        else:
            text = extension_text(name, parent, from_ref, path, extra_dirs)
    # What is written always loads: a failure here is a bug in this module, not the user's.
    checklist_from_text(text, str(path), extra_dirs, path)
    atomic_write_text(path, text)
    schema = folder / SCHEMA_FILE
    schema_text = json.dumps(checklist_schema(), indent=2, ensure_ascii=False) + "\n"
    if not schema.exists() or schema.read_text(encoding="utf-8") != schema_text:
        atomic_write_text(schema, schema_text)
        notes.append(f"wrote {schema}, which editors use to complete and check the file")
    return path, notes


def title_from_name(name: str) -> str:
    words = re.sub(r"[-_]+", " ", name).strip()
    return (words[:1].upper() + words[1:]) or name


def scaffold_text(name: str, path: Path | str) -> str:
    """A small, complete, commented checklist: scales, two sections, an item of each kind (each
    with an inferrer), bands, a critical item and grading."""
    return _SCAFFOLD.format(
        schema_line=SCHEMA_LINE,
        name=name,
        title=title_from_name(name),
        path=path,
        inferrers="\n".join(_inferrer_lines()),
    )


def _inferrer_lines() -> list[str]:
    """One comment line per inferrer: its key, the kinds of item it answers, what it finds."""
    lines: list[str] = []
    for key, inferrer in sorted(inferrers().items()):
        params = f" (params: {', '.join(inferrer.params)})" if inferrer.params else ""
        text = f"{key} [{'/'.join(inferrer.kinds)}]: {inferrer.summary}{params}"
        lines.extend(_wrapped("#   ", text, indent=4))
    return lines


def extension_text(
    name: str,
    parent: LoadedChecklist,
    ref: str,
    path: Path | str,
    extra_dirs: list[str] | None = None,
) -> str:
    """A checklist that extends `parent` (named `ref` in `extends`) and changes nothing yet, with
    commented examples of removing, changing and adding items that work when uncommented."""
    checklist = parent.checklist
    extends = (
        extends_path(parent.path, Path(path).parent, extra_dirs) if looks_like_path(ref) else ref
    )
    lines = [
        SCHEMA_LINE,
        f'# {name}: your version of "{checklist.title}" ({checklist.id} v{checklist.version}),',
        f"# made by `appraise checklists new {name} --from {ref}`.",
        "#",
        f"# It extends {checklist.id}: its scales, sections, items and grading are inherited, and",
        "# follow its updates; this file says only what differs. As written it changes nothing:",
        "# uncomment and edit the examples below.",
        f"# Check it with `appraise checklists validate {path}`",
        f"# and use it with `appraise ARTICLE --checklist {name}`.",
        "#",
        "# - [[items]] with the id of an inherited item changes it: the keys you give replace the",
        "#   inherited ones, the others are kept.",
        "# - [[items]] with a new id adds an item (section and prompt are required, and scale",
        "#   for a choice item): after the item named by `after`, before the one named by",
        "#   `before`, or else at the end of its section.",
        "# - remove_items and remove_sections take inherited ones out (a section's items must go",
        "#   too, or move). To replace an item whole, remove it and add it again.",
        "# - [[sections]] work like [[items]]; [scales.ID] adds or replaces a whole scale;",
        "#   [grading], title, description and applies_to replace the inherited ones when given.",
        "",
        f"extends = {_value(extends)}",
        f'id = "{name}"',
        f"title = {_value(_child_title(checklist.title, checklist.id, name))}",
        'version = "1.0"',
        "",
        f"# What {checklist.id} asks, by section:",
    ]
    for section in checklist.sections:
        ids = [item.id for item in checklist.items if item.section == section.id]
        lines.extend(_wrapped(f"#   {section.id}: ", ", ".join(ids) or "(no items)"))
    lines.append("")
    lines.extend(_remove_example(checklist))
    lines.extend(_change_example(checklist))
    lines.extend(_add_example(checklist))
    return "\n".join(lines) + "\n"


def copy_text(
    name: str,
    parent: LoadedChecklist,
    ref: str,
    folder: Path | None = None,
    extra_dirs: list[str] | None = None,
) -> str:
    """A full copy of `parent`'s file under a new id, its comments kept (edited with tomlkit),
    to be written into `folder` (default: the user's checklist folder)."""
    text = parent.path.read_text(encoding="utf-8-sig")
    document = tomlkit.parse(text)
    document["id"] = name
    document["version"] = "1.0"
    extends = document.get("extends")
    if isinstance(extends, str) and looks_like_path(extends):
        # A relative parent path would now start from the new file's folder.
        base = parent.path.parent
        document["extends"] = extends_path(
            base / Path(extends).expanduser(), folder or user_checklists_dir(), extra_dirs
        )
    body = tomlkit.dumps(document)
    kept = [line for line in body.splitlines() if not line.startswith("#:schema")]
    header = [
        SCHEMA_LINE,
        f"# {name}: a copy of {parent.checklist.id} v{parent.checklist.version} ({parent.path}),",
        f"# made by `appraise checklists new {name} --from {ref} --copy`. It no longer follows",
        f"# changes to {parent.checklist.id}: edit anything.",
        "",
    ]
    return "\n".join(header + kept) + "\n"


# -- the commented examples of an extension ------------------------------------------------------


def extends_path(parent: Path, folder: Path, extra_dirs: list[str] | None) -> str:
    """How a checklist written into `folder` names the file `parent` in `extends`: relative when
    it is in that folder, else its full path if it is in a checklist folder. A path in `extends`
    may reach no further (see `within_reach`): for a parent elsewhere, this says what to do."""
    target = parent.resolve()
    with contextlib.suppress(ValueError, OSError):
        return target.relative_to(folder.resolve()).as_posix()
    if within_reach(target, folder, extra_dirs):
        return str(target)
    raise ChecklistError(
        Problem(
            f"it would extend {target}, which is outside your checklist folders, and a path in "
            "`extends` may name only a file beside the checklist or in a checklist folder: copy "
            f"that file into {folder}, or add its folder to checklist_dirs in your config",
            "--from",
        )
    )


def _remove_example(checklist: Checklist) -> list[str]:
    last = checklist.items[-1]
    return [
        _rule("Remove inherited items (and sections, once their items are gone)"),
        f"# remove_items = [{_value(last.id)}]",
        "",
    ]


def _change_example(checklist: Checklist) -> list[str]:
    banded = next((item for item in checklist.items if item.bands), None)
    lines = [_rule("Change an inherited item: give its id and only the keys that change")]
    if banded is not None:
        unit = f" (in {banded.unit})" if banded.kind == "duration" else ""
        lines += [
            "# [[items]]",
            f"# id = {_value(banded.id)}",
            f"# weight = {_value(banded.weight * 2)}",
            f"# bands = [  # the inherited bands{unit}: change the numbers",
        ]
        for band in banded.bands:
            fields = band.model_dump(exclude_defaults=True)
            lines.append(f"#   {_value(fields)},")
        lines.append("# ]")
    else:
        item = checklist.items[0]
        lines += [
            "# [[items]]",
            f"# id = {_value(item.id)}",
            f"# weight = {_value(item.weight * 2)}",
            f"# prompt = {_value(item.prompt)}",
        ]
    return [*lines, ""]


def _add_example(checklist: Checklist) -> list[str]:
    """An added choice item with an inferrer the checklist does not use yet, on a scale of its
    own whose options take every verdict; or a text item when no such inferrer is left."""
    used = {item.infer for item in checklist.items}
    known = inferrers()
    spare = [n for n in (*_PROMPTS, *sorted(known)) if n in known and n not in used]
    choice = next((n for n in spare if known[n].kinds == ("choice",)), None)
    first = checklist.items[0]
    header = _rule("Add an item: a new id, placed after (or before) an item of its section")
    if choice is None:
        return [
            header,
            "# [[items]]",
            '# id = "club_notes"',
            f"# section = {_value(first.section)}",
            f"# after = {_value(first.id)}",
            '# kind = "text"',
            '# prompt = "What did the club make of it?"',
            "",
        ]
    scale = _scale_for_verdicts(checklist)
    lines = [header]
    if scale is None:
        scale = "yes-no-unclear"
        while scale in checklist.scales:
            scale += "-2"
        lines += [
            f"# [scales.{scale}]",
            "# options = [",
            '#   { id = "yes", label = "Yes", points = 2 },',
            '#   { id = "unclear", label = "Can\'t tell", points = 1 },',
            '#   { id = "no", label = "No", points = 0 },',
            "# ]",
            "#",
        ]
    prompt = _PROMPTS.get(choice, known[choice].summary)
    return [
        *lines,
        "# [[items]]",
        f"# id = {_value(choice)}",
        f"# section = {_value(first.section)}",
        f"# after = {_value(first.id)}",
        f"# scale = {_value(scale)}",
        f"# prompt = {_value(prompt)}",
        f"# infer = {_value(choice)}",
        "",
    ]


_PROMPTS = {
    "randomised": "Were participants randomly allocated to the groups compared?",
    "allocation_concealment": "Was the allocation concealed from those enrolling participants?",
    "blinding": "Were participants and those treating them kept unaware of the treatment given?",
    "loss_to_follow_up": "Were few enough participants lost to follow-up?",
    "intention_to_treat": "Were participants analysed in the groups they were allocated to?",
    "harms_reported": "Are the harms of the treatment reported?",
    "absolute_benefits": "Are the benefits given in absolute terms, not only relative ones?",
    "trial_registration": "Was the study registered before it started?",
    "funding_disclosed": "Is the study's funding disclosed?",
    "conflicts_of_interest": "Are the authors' conflicts of interest declared?",
    "inclusion_criteria": "Are the criteria for including participants stated?",
}


def _child_title(title: str, parent_id: str, name: str) -> str:
    return f"{title} ({'our version' if name == parent_id else name})"


def _rule(title: str, width: int = 96) -> str:
    return f"# -- {title} ".ljust(width, "-")


def _scale_for_verdicts(checklist: Checklist) -> str | None:
    for scale_id, scale in checklist.scales.items():
        if set(VERDICTS) <= {option.id for option in scale.options}:
            return scale_id
    return None


def _value(value: Any) -> str:
    """A value as TOML, inline (tables as inline tables)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = [f"{_key(k)} = {_value(v)}" for k, v in value.items()]
        return "{ " + ", ".join(parts) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(tomlkit.item(value).as_string())


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _value(key)


def _wrapped(prefix: str, text: str, width: int = 100, indent: int = 0) -> list[str]:
    """`text` after `prefix`, wrapped into comment lines, later ones indented `indent` more."""
    lines: list[str] = []
    line = prefix
    for word in text.split(" "):
        if len(line) + len(word) > width and line.strip("# "):
            lines.append(line.rstrip())
            line = "#" + " " * (len(prefix) - 1 + indent)
        line += word + " "
    lines.append(line.rstrip())
    return lines
