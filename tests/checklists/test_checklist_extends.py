"""`extends`: a checklist that inherits another and adds, changes or removes items and sections."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from checklist_helpers import BASE, HEAD, Write, problems

from appraise.checklist.catalog import resolve_checklist
from appraise.checklist.load import load_checklist, load_with_warnings
from appraise.checklist.model import Checklist

GOOD = Path(__file__).resolve().parent.parent / "data" / "checklists" / "good"


def ids(checklist: Checklist) -> list[tuple[str, str]]:
    return [(item.section, item.id) for item in checklist.items]


def test_a_child_that_changes_nothing_is_its_parent(write: Write) -> None:
    path = write("child.toml", HEAD)
    loaded = load_checklist(path)
    parent = load_checklist(path.parent / "base.toml").checklist
    child = loaded.checklist
    assert (child.id, child.version) == ("child", "2")
    assert (child.title, child.applies_to) == (parent.title, parent.applies_to)
    assert child.model_dump(exclude={"id", "version"}) == parent.model_dump(
        exclude={"id", "version"}
    )
    # The report keeps the child's id, version and sha256; the parent is recorded.
    assert loaded.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    (parent_ref,) = loaded.parents
    assert (parent_ref.ref, parent_ref.id, parent_ref.version) == ("base.toml", "base", "1")
    assert parent_ref.path == path.parent / "base.toml"


def test_add_items_at_the_end_of_their_section_or_after_or_before_one(write: Write) -> None:
    path = write(
        "child.toml",
        HEAD
        + """
[[items]]
id = "randomised"
section = "design"
scale = "yes-no"
prompt = "Randomised?"
infer = "randomised"

[[items]]
id = "primary"
section = "results"
before = "efficacy_endpoint"
scale = "yes-no"
prompt = "Primary outcome named?"
infer = "primary_endpoint"

[[items]]
id = "power"
section = "design"
after = "sample_size"
scale = "yes-no"
prompt = "Power calculation?"
infer = "power_calculation"
""",
    )
    assert ids(load_checklist(path).checklist) == [
        ("design", "sample_size"),
        ("design", "power"),
        ("design", "control_group"),
        ("design", "randomised"),
        ("results", "primary"),
        ("results", "efficacy_endpoint"),
    ]


def test_add_a_section_and_its_items(write: Write) -> None:
    path = write(
        "child.toml",
        HEAD
        + """
[[sections]]
id = "bias"
title = "Bias"
after = "design"

[[items]]
id = "blinding"
section = "bias"
scale = "yes-no"
prompt = "Blinded?"
infer = "blinding"
""",
    )
    checklist = load_checklist(path).checklist
    assert [s.id for s in checklist.sections] == ["design", "bias", "results"]
    assert ids(checklist)[-1] == ("bias", "blinding")


def test_changing_an_item_keeps_the_keys_not_given(write: Write) -> None:
    path = write(
        "child.toml",
        HEAD
        + """
[[items]]
id = "sample_size"
weight = 2
bands = [{ below = 100, points = 0 }, { at_least = 100, points = 2 }]

[[sections]]
id = "results"
title = "What was found"
""",
    )
    checklist = load_checklist(path).checklist
    item = checklist.item("sample_size")
    assert (item.weight, item.prompt, item.infer) == (2.0, "How many?", "sample_size")
    assert [band.below for band in item.bands] == [100, None]
    assert [i for _, i in ids(checklist)] == ["sample_size", "control_group", "efficacy_endpoint"]
    assert checklist.section("results").title == "What was found"


def test_changing_an_items_section_moves_it_to_the_end_of_that_section(write: Write) -> None:
    path = write("child.toml", HEAD + '\n[[items]]\nid = "sample_size"\nsection = "results"\n')
    assert ids(load_checklist(path).checklist) == [
        ("design", "control_group"),
        ("results", "efficacy_endpoint"),
        ("results", "sample_size"),
    ]


def test_remove_items_and_sections(write: Write) -> None:
    path = write(
        "child.toml",
        HEAD + 'remove_items = ["efficacy_endpoint"]\nremove_sections = ["results"]\n',
    )
    checklist = load_checklist(path).checklist
    assert [s.id for s in checklist.sections] == ["design"]
    assert [i for _, i in ids(checklist)] == ["sample_size", "control_group"]


def test_remove_then_add_replaces_an_item_whole(write: Write) -> None:
    path = write(
        "child.toml",
        HEAD
        + """remove_items = ["control_group"]

[[items]]
id = "control_group"
section = "design"
after = "sample_size"
scale = "yes-no"
prompt = "Was there a fair comparison?"
""",
    )
    item = load_checklist(path).checklist.item("control_group")
    assert (item.prompt, item.infer, item.critical) == ("Was there a fair comparison?", None, False)


def test_scales_grading_and_title_are_inherited_unless_given(write: Write) -> None:
    path = write(
        "child.toml",
        HEAD
        + """title = "Our checklist"

[scales.yes-no]
options = [
  { id = "yes", label = "Yes", points = 1 },
  { id = "unclear", label = "Unsure", points = 0 },
  { id = "no", label = "No", points = 0 },
]

[scales.extra]
options = [{ id = "a", label = "A", points = 1 }, { id = "b", label = "B", points = 0 }]

[grading]
bands = [{ at_least = 90, grade = "top" }, { grade = "rest" }]
""",
    )
    checklist = load_checklist(path).checklist
    assert checklist.title == "Our checklist"
    assert list(checklist.scales) == ["yes-no", "extra"]
    assert checklist.scales["yes-no"].options[0].points == 1
    assert [b.grade for b in checklist.grading.bands] == ["top", "rest"]
    assert checklist.grading.critical_fail_caps_at is None  # [grading] is replaced whole


def test_a_chain_of_three(write: Write) -> None:
    write(
        "middle.toml",
        'extends = "base.toml"\nid = "middle"\nversion = "1"\n'
        'remove_items = ["efficacy_endpoint"]\nremove_sections = ["results"]\n',
    )
    path = write(
        "child.toml",
        'extends = "middle.toml"\nid = "child"\nversion = "1"\n'
        '[[items]]\nid = "sample_size"\nweight = 3\n',
    )
    loaded = load_checklist(path)
    assert [i for _, i in ids(loaded.checklist)] == ["sample_size", "control_group"]
    assert loaded.checklist.item("sample_size").weight == 3
    assert [p.id for p in loaded.parents] == ["middle", "base"]


def test_extends_by_id_from_an_extra_folder(write: Write, tmp_path: Path) -> None:
    path = write("child.toml", HEAD.replace('"base.toml"', '"base"'))
    assert load_checklist(path, extra_dirs=[str(tmp_path)]).checklist.id == "child"


def test_a_users_checklist_can_extend_the_builtin_it_overrides(
    isolated_user_folders: Path,
) -> None:
    user = isolated_user_folders / "checklists"
    user.mkdir(parents=True)
    (user / "clinical-study.toml").write_text(
        'extends = "clinical-study"\nid = "clinical-study"\nversion = "9"\n'
        'remove_items = ["study_design"]\n'
    )
    loaded = resolve_checklist("clinical-study")
    assert loaded.path == user / "clinical-study.toml"
    assert loaded.checklist.version == "9"
    assert loaded.parents[0].path.parent.name == "checklists"
    assert loaded.parents[0].path != loaded.path
    assert "study_design" not in [item.id for item in loaded.checklist.items]


# -- problems --------------------------------------------------------------------------------------


def test_a_cycle_is_refused(write: Write) -> None:
    write("a.toml", 'extends = "b.toml"\nid = "a"\nversion = "1"\n')
    write("b.toml", 'extends = "a.toml"\nid = "b"\nversion = "1"\n')
    assert problems(Path(write("c.toml", 'extends = "a.toml"\nid = "c"\nversion = "1"\n'))) == [
        "c.toml:1:1: extends: 'a.toml' is not a valid checklist: its problems follow",
        "a.toml:1:1: extends: 'b.toml' is not a valid checklist: its problems follow",
        "b.toml:1:1: extends: 'a.toml' leads back in a cycle: c.toml → a.toml → b.toml → a.toml",
    ]


def test_a_checklist_cannot_extend_itself(write: Write) -> None:
    path = write("self.toml", 'extends = "self.toml"\nid = "self"\nversion = "1"\n')
    assert problems(path) == [
        "self.toml:1:1: extends: 'self.toml' leads back in a cycle: self.toml → self.toml"
    ]


def test_a_missing_parent(write: Write) -> None:
    path = write("child.toml", HEAD.replace('"base.toml"', '"./nope.toml"'))
    # (`problems` leaves the folder out of every path)
    assert problems(path) == ["child.toml:1:1: extends: no such file: nope.toml"]
    path = write("child.toml", HEAD.replace('"base.toml"', '"clinical-stdy"'))
    (line,) = problems(path)
    assert line.startswith(
        "child.toml:1:1: extends: no checklist with id 'clinical-stdy' (did you mean "
        "'clinical-study'?) (known: "
    )


def test_an_error_in_the_parent_names_the_parent_file(write: Write) -> None:
    write("base.toml", BASE.replace('scale = "yes-no"\ncritical', 'scale = "yes-or-no"\ncritical'))
    path = write("child.toml", HEAD)
    assert problems(path) == [
        "child.toml:1:1: extends: 'base.toml' is not a valid checklist: its problems follow",
        "base.toml:32:1: items[1].scale: scale 'yes-or-no' does not exist (scales: yes-no)",
    ]


def test_an_invalid_value_in_the_child_is_at_the_childs_line(write: Write) -> None:
    path = write("child.toml", HEAD + '\n[[items]]\nid = "sample_size"\nweight = -1\n')
    assert problems(path) == ["child.toml:7:1: items[0].weight: must be greater than or equal to 0"]


def test_unknown_key_in_the_child(write: Write) -> None:
    path = write("child.toml", HEAD + "remove = []\n")
    assert problems(path) == ["child.toml:4:1: remove: unknown key"]


def test_a_resolved_problem_from_the_childs_change_is_at_the_childs_line(write: Write) -> None:
    # The child turns a number item into a choice item without a scale: the item is the child's
    # to fix, even where the key at fault (bands, infer) was inherited.
    path = write("child.toml", HEAD + '\n[[items]]\nid = "sample_size"\nkind = "choice"\n')
    assert problems(path) == [
        "child.toml:5:3: items[0].scale: a choice item needs a scale",
        "child.toml:5:3: items[0].bands: bands are for number and duration items, not choice "
        "items (the value inherited from base.toml:27:1)",
        "child.toml:5:3: items[0].infer: inferrer 'sample_size' answers number items, not choice "
        "items (the value inherited from base.toml:26:1)",
    ]


def test_an_inherited_key_broken_by_the_child_is_at_the_parents_line(write: Write) -> None:
    # The child's scale lacks the `unclear` option that control_group's inferrer may give (the
    # efficacy_endpoint inferrer gives only yes or no).
    path = write(
        "child.toml",
        HEAD + '[scales.yes-no]\noptions = [{ id = "yes", label = "Y", points = 1 }, '
        '{ id = "no", label = "N", points = 0 }]\n',
    )
    message = (
        "the inferrer's answer 'unclear' maps to 'unclear', which is not an option of scale "
        "'yes-no'; add answer_map = { unclear = \"...\" } (inherited by "
    )
    assert problems(path) == [
        f"base.toml:29:3: items[1].answer_map: {message}child.toml)",
    ]


def test_removing_what_is_not_there(write: Write) -> None:
    path = write(
        "child.toml",
        HEAD + 'remove_items = ["sample_sise", "sample_size", "sample_size"]\n'
        'remove_sections = ["results"]\n',
    )
    assert problems(path) == [
        "child.toml:4:17: remove_items[0]: 'base' has no item 'sample_sise' to remove (did you "
        "mean 'sample_size'?)",
        "child.toml:4:47: remove_items[2]: item 'sample_size' is listed twice",
        "child.toml:5:20: remove_sections[0]: section 'results' still has items: "
        "efficacy_endpoint (remove them too, or move them with `section = ...`)",
    ]


def test_placements_that_cannot_be(write: Write) -> None:
    path = write(
        "child.toml",
        HEAD
        + """
[[items]]
id = "a"
section = "results"
after = "sample_size"
scale = "yes-no"
prompt = "A?"
infer = "randomised"

[[items]]
id = "b"
section = "results"
before = "nothing"
scale = "yes-no"
prompt = "B?"
infer = "blinding"

[[items]]
id = "c"
section = "results"
after = "a"
before = "a"
scale = "yes-no"
prompt = "C?"
infer = "harms_reported"

[[items]]
id = "a"
prompt = "A again?"
""",
    )
    assert problems(path) == [
        "child.toml:8:1: items[0].after: item 'sample_size' is in section 'design', not "
        "'results': an item is placed among the items of its own section",
        "child.toml:16:1: items[1].before: no item 'nothing'",
        "child.toml:25:1: items[2].before: give after or before, not both",
        "child.toml:31:1: items[3].id: duplicate id 'a' (first used at items[0])",
    ]


def test_a_new_item_without_its_required_keys(write: Write) -> None:
    path = write("child.toml", HEAD + '\n[[items]]\nid = "new"\nscale = "yes-no"\n')
    assert problems(path) == [
        "child.toml:5:3: items[0].section: required key is missing",
        "child.toml:5:3: items[0].prompt: required key is missing",
    ]


def test_results_stay_bounded(write: Write) -> None:
    added = "".join(
        f'\n[[items]]\nid = "q{n}"\nsection = "results"\nkind = "text"\nprompt = "Q?"\n'
        for n in range(198)
    )
    path = write("child.toml", HEAD + added)
    assert problems(path) == [
        "child.toml:5:3: items: List should have at most 200 items after validation, not 201"
    ]


def test_chains_are_bounded(write: Write) -> None:
    write("c0.toml", HEAD.replace('id = "child"', 'id = "c0"'))
    for n in range(1, 10):
        write(f"c{n}.toml", f'extends = "c{n - 1}.toml"\nid = "c{n}"\nversion = "1"\n')
    lines = problems(Path(write("c9.toml", 'extends = "c8.toml"\nid = "c9"\nversion = "1"\n')))
    assert lines[-1] == "c2.toml:1:1: extends: more than 8 checklists extend each other in a chain"
    assert len(lines) == 8


def test_warnings_are_about_the_file_itself(write: Write) -> None:
    # A by-hand item in the parent is the parent's business; the child's own one is warned about.
    write("base.toml", BASE.replace('infer = "efficacy_endpoint"\n', ""))
    path = write(
        "child.toml",
        HEAD + '\n[[items]]\nid = "notes"\nsection = "results"\nkind = "text"\nprompt = "Notes"\n',
    )
    _, warnings = load_with_warnings(path)
    assert [str(w) for w in warnings] == [
        f"{path}:6:1: warning: item 'notes' has no inferrer: it will always be answered by hand"
    ]
    _, warnings = load_with_warnings(path.parent / "base.toml")
    assert len(warnings) == 1


def test_the_full_example_can_be_extended(tmp_path: Path) -> None:
    shutil.copy(GOOD / "full.toml", tmp_path / "full.toml")
    child = tmp_path / "child.toml"
    child.write_text('extends = "full.toml"\nid = "child"\nversion = "1"\n')
    assert len(load_checklist(child).checklist.items) == 6
