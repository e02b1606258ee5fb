"""`appraise checklists schema | validate [--strict] | list`: schema, warnings, origins."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from appraise.checklist.model import Checklist, Extension, Item, ItemChange, Section, SectionChange
from appraise.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "checklists"
GOOD = DATA / "good"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# -- schema ------------------------------------------------------------------------------------


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [r for value in node.values() for r in refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in refs(value)]
    return []


def test_schema_is_json_with_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "checklists", "schema")
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["oneOf"] == [
        {"$ref": "#/definitions/Checklist"},
        {"$ref": "#/definitions/Extension"},
    ]
    definitions = schema["definitions"]
    for model in (Checklist, Extension, Item, ItemChange, Section, SectionChange):
        properties = definitions[model.__name__]["properties"]
        assert list(properties) == list(model.model_fields), model.__name__
        assert definitions[model.__name__]["additionalProperties"] is False
    checklist = definitions["Checklist"]
    assert set(checklist["required"]) == {"id", "title", "version", "sections", "items", "grading"}
    assert set(definitions["Extension"]["required"]) == {"extends", "id", "version"}
    # The docstrings of the models are the editors' help.
    assert (
        checklist["properties"]["applies_to"]["description"] == "Study designs the checklist suits."
    )
    assert definitions["Item"]["properties"]["id"]["pattern"] == "^[a-z0-9][a-z0-9_-]{0,63}$"
    # Every reference resolves, and nothing says null: TOML has none.
    for ref in refs(schema):
        assert ref.removeprefix("#/definitions/") in definitions, ref
    assert '"null"' not in out


def test_item_changes_offer_every_item_key() -> None:
    # Keep the two models in step: a key added to Item must be changeable by an extension.
    assert set(ItemChange.model_fields) == {*Item.model_fields, "after", "before"}
    assert set(SectionChange.model_fields) == {*Section.model_fields, "after", "before"}
    assert {*Checklist.model_fields} - {*Extension.model_fields} == set()


# -- validate: warnings -------------------------------------------------------------------------


def test_warnings_go_to_stderr_and_leave_the_exit_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(GOOD / "full.toml")
    code, out, err = run(capsys, "checklists", "validate", path)
    assert code == 0
    assert out == f"{path}: ok (full-features v2.1, 6 items)\n"
    assert err.splitlines() == [
        f"{path}:84:1: warning: item 'blinding' has no inferrer: it will always be answered "
        "by hand",
    ]


def test_strict_makes_warnings_fail(capsys: pytest.CaptureFixture[str]) -> None:
    full, minimal = str(GOOD / "full.toml"), str(GOOD / "minimal.toml")
    code, out, err = run(capsys, "checklists", "validate", "--strict", full, minimal)
    assert code == 1
    assert out == f"{minimal}: ok (minimal v1, 1 items)\n"
    assert len(err.splitlines()) == 1
    assert "warning: item 'blinding' has no inferrer" in err


def test_other_warnings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (GOOD / "minimal.toml").read_text()
    path = tmp_path / "w.toml"
    path.write_text(
        text + '\n[scales.spare]\noptions = [{ id = "a", label = "A", points = 1 }, '
        '{ id = "b", label = "B", points = 0 }]\n\n[[sections]]\nid = "empty"\ntitle = "Empty"\n'
    )
    code, _, err = run(capsys, "checklists", "validate", str(path))
    assert code == 0
    lines = [line.split(": ", 1)[1] for line in err.splitlines()]
    assert "warning: section 'empty' has no items: it will show as an empty heading" in lines
    assert "warning: scale 'spare' is not used by any item" in lines


def test_validate_an_extension(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(GOOD / "full.toml", tmp_path / "full.toml")
    child = tmp_path / "child.toml"
    child.write_text('extends = "full.toml"\nid = "child"\nversion = "1"\n')
    code, out, err = run(capsys, "checklists", "validate", str(child))
    assert (code, err) == (0, "")  # the parent's by-hand item is the parent's business
    assert out == f"{child}: ok (child v1, 6 items, extends full-features v2.1)\n"


# -- list and show ------------------------------------------------------------------------------


def test_list_shows_origins_and_overrides(
    capsys: pytest.CaptureFixture[str], isolated_user_folders: Path
) -> None:
    user = isolated_user_folders / "checklists"
    user.mkdir(parents=True)
    (user / "clinical-study.toml").write_text(
        'extends = "clinical-study"\nid = "clinical-study"\nversion = "9"\ntitle = "Ours"\n'
    )
    shutil.copy(GOOD / "minimal.toml", user / "minimal.toml")
    code, out, _ = run(capsys, "checklists", "list")
    assert code == 0
    lines = out.splitlines()
    builtin = next(line for line in lines if line.startswith(f"{'clinical-study':<22} built-in"))
    assert builtin.endswith("  [overridden by user]")
    ours = f"{'clinical-study':<22} {'user':<9} Ours (v9)"
    assert f"{ours}  [extends clinical-study; overrides built-in]" in lines
    assert f"{'minimal':<22} {'user':<9} Minimal checklist (v1)" in lines


def test_show_names_the_parent(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(GOOD / "full.toml", tmp_path / "full.toml")
    child = tmp_path / "child.toml"
    child.write_text('extends = "full.toml"\nid = "child"\nversion = "1"\n')
    code, out, _ = run(capsys, "checklists", "show", str(child))
    assert code == 0
    assert out.splitlines()[1] == f"extends full-features v2.1  {tmp_path / 'full.toml'}"


@pytest.mark.parametrize(
    ("argv", "explains"),
    [
        (["new"], "extends"),
        (["schema"], "#:schema ./checklist.schema.json"),
        (["validate"], "--strict"),
    ],
)
def test_help(capsys: pytest.CaptureFixture[str], argv: list[str], explains: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["checklists", *argv, "--help"])
    out, _ = capsys.readouterr()
    assert caught.value.code == 0
    assert explains in out
