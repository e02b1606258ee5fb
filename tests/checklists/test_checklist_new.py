"""`appraise checklists new`: a scaffold, an extension, a copy; each loads as written."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from appraise.checklist.load import load_checklist, load_with_warnings
from appraise.checklist.schema import checklist_schema
from appraise.cli import main

GOOD = Path(__file__).resolve().parent.parent / "data" / "checklists" / "good"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def new(capsys: pytest.CaptureFixture[str], *argv: str) -> Path:
    code, out, _ = run(capsys, "checklists", "new", *argv)
    assert code == 0
    path = Path(out.strip())
    assert path.is_file()
    return path


def uncommented(text: str) -> str:
    """The extension with its examples uncommented, as a user would."""
    head, examples = text.split("\n# -- Remove", 1)
    lines = ["# -- Remove" + examples.split("\n", 1)[0]]
    for line in examples.split("\n")[1:]:
        lines.append(line if line.startswith("# --") else re.sub(r"^# ?", "", line))
    return head + "\n" + "\n".join(lines)


def test_the_scaffold_is_complete_and_loads_without_warnings(
    capsys: pytest.CaptureFixture[str], isolated_user_folders: Path
) -> None:
    path = new(capsys, "my-club")
    assert path == isolated_user_folders / "checklists" / "my-club.toml"
    loaded, warnings = load_with_warnings(path)
    assert warnings == []
    checklist = loaded.checklist
    assert (checklist.id, checklist.title, checklist.version) == ("my-club", "My club", "1.0")
    assert {item.kind for item in checklist.items} == {"choice", "number", "duration", "text"}
    assert all(item.infer for item in checklist.items)
    assert any(item.critical for item in checklist.items)
    assert any(item.bands for item in checklist.items)
    assert len(checklist.sections) == 2
    assert checklist.grading.critical_fail_caps_at == "weak"
    text = path.read_text()
    assert text.startswith("#:schema ./checklist.schema.json\n")
    assert text.count("\n#") > 20  # commented throughout
    schema = path.parent / "checklist.schema.json"
    assert json.loads(schema.read_text()) == checklist_schema()


def test_strict_validation_passes_on_the_scaffold(capsys: pytest.CaptureFixture[str]) -> None:
    path = new(capsys, "club_2")
    code, out, err = run(capsys, "checklists", "validate", "--strict", str(path))
    assert (code, err) == (0, "")
    assert out == f"{path}: ok (club_2 v1.0, 6 items)\n"


@pytest.mark.parametrize("parent", ["clinical-study", str(GOOD / "full.toml")], ids=["id", "path"])
def test_an_extension_loads_as_written_and_with_its_examples_uncommented(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, parent: str
) -> None:
    # A path in `extends` reaches only a checklist folder (or the file's own folder).
    monkeypatch.setenv("APPRAISE_CHECKLIST_DIRS", str(GOOD))
    path = new(capsys, "our-version", "--from", parent)
    text = path.read_text()
    parent_checklist = load_checklist(
        GOOD / "full.toml" if parent.endswith(".toml") else _builtin(parent)
    ).checklist
    loaded = load_checklist(path, extra_dirs=[str(GOOD)])
    assert loaded.checklist.id == "our-version"
    assert [i.id for i in loaded.checklist.items] == [i.id for i in parent_checklist.items]
    assert loaded.parents[0].id == parent_checklist.id
    if parent.endswith(".toml"):
        assert f'extends = "{GOOD / "full.toml"}"' in text
    else:
        assert 'extends = "clinical-study"\n' in text

    path.write_text(uncommented(text))
    changed = load_checklist(path, extra_dirs=[str(GOOD)]).checklist
    before = [i.id for i in parent_checklist.items]
    after = [i.id for i in changed.items]
    assert before[-1] not in after  # removed
    assert len(after) == len(before)  # one removed, one added
    added = next(i for i in changed.items if i.id not in before)
    assert added.infer is not None
    assert after.index(added.id) == after.index(before[0]) + 1  # placed after the first item
    banded = next(i for i in parent_checklist.items if i.bands)
    assert changed.item(banded.id).weight == banded.weight * 2


def _builtin(checklist_id: str) -> Path:
    from appraise.paths import builtin_checklists_dir

    return builtin_checklists_dir() / f"{checklist_id}.toml"


def test_a_copy_keeps_the_comments_under_a_new_id(capsys: pytest.CaptureFixture[str]) -> None:
    path = new(capsys, "copied", "--from", "clinical-study", "--copy")
    text = path.read_text()
    original = _builtin("clinical-study").read_text()
    first_comment = next(line for line in original.splitlines() if line.startswith("# "))
    assert first_comment in text
    assert 'id = "copied"\n' in text
    loaded = load_checklist(path)
    assert loaded.parents == ()
    parent = load_checklist(_builtin("clinical-study")).checklist
    assert [i.id for i in loaded.checklist.items] == [i.id for i in parent.items]


def test_a_copy_of_an_extension_keeps_a_relative_parent_reachable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(GOOD / "full.toml", tmp_path / "full.toml")
    child = tmp_path / "child.toml"
    child.write_text('extends = "full.toml"\nid = "child"\nversion = "1"\n')
    code, _, err = run(capsys, "checklists", "new", "grandchild", "--from", str(child), "--copy")
    assert code == 1
    assert err.startswith(
        f"appraise: --from: it would extend {(tmp_path / 'full.toml').resolve()}, which is "
        "outside your checklist folders"
    )
    monkeypatch.setenv("APPRAISE_CHECKLIST_DIRS", str(tmp_path))
    path = new(capsys, "grandchild", "--from", str(child), "--copy")
    parent = load_checklist(path, extra_dirs=[str(tmp_path)]).parents[0]
    assert parent.path == (tmp_path / "full.toml").resolve()


def test_refuses_to_overwrite_without_force(capsys: pytest.CaptureFixture[str]) -> None:
    path = new(capsys, "mine")
    path.write_text("# edited\n")
    code, out, err = run(capsys, "checklists", "new", "mine")
    assert (code, out) == (1, "")
    assert err == f"appraise: {path}: already exists (use --force to overwrite it)\n"
    assert path.read_text() == "# edited\n"
    assert new(capsys, "mine", "--force") == path
    assert load_checklist(path).checklist.id == "mine"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "My Club",
            "not a valid checklist name: use lowercase letters, digits, - and _ (starting "
            "with a letter or digit, at most 64)",
        ),
        ("_x", "not a valid checklist name"),
        ("x.y", "not a valid checklist name"),
        ("a" * 65, "not a valid checklist name"),
        ("auto", "reserved for `--checklist auto`: choose another name"),
    ],
)
def test_bad_names(capsys: pytest.CaptureFixture[str], name: str, message: str) -> None:
    code, out, err = run(capsys, "checklists", "new", name)
    assert (code, out) == (1, "")
    assert err.startswith(f"appraise: {name}: {message}")
    assert len(err.splitlines()) == 1


def test_copy_needs_from(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "checklists", "new", "x", "--copy")
    assert code == 1
    assert err == "appraise: --copy: --copy needs --from ID: the checklist to copy\n"


def test_an_unknown_parent(capsys: pytest.CaptureFixture[str], isolated_user_folders: Path) -> None:
    code, _, err = run(capsys, "checklists", "new", "x", "--from", "nope")
    assert code == 1
    assert err.startswith("appraise: --checklist: no checklist with id 'nope'")
    assert not (isolated_user_folders / "checklists" / "x.toml").exists()


def test_naming_it_after_a_builtin_overrides_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "checklists", "new", "clinical-study", "--from", "clinical-study")
    assert code == 0
    assert "`--checklist clinical-study` will now mean this file, not the built-in one" in err
    loaded = load_checklist(Path(out.strip()))
    assert loaded.checklist.title.endswith("(our version)")
    assert loaded.parents[0].path == _builtin("clinical-study")
