"""The write stage: the whole output tree is replaced atomically, unchanged files are shared, not rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output import write
from generator.output.write import MARKER, UnsafeOutputDir, write_tree


def contents(folder: Path) -> dict[str, str]:
    """Relative path -> text of every file but the marker."""
    return {
        p.relative_to(folder).as_posix(): p.read_text()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def test_first_write_then_only_changes(tmp_path: Path) -> None:
    """Unchanged files keep their inode (hard-linked into the new tree); changed and removed are reported."""
    out = tmp_path / "generated"
    first = write_tree(out, {"a.md": "A", "dir/b.md": "B", "c.md": "C"})
    assert (sorted(first.written), first.removed, first.unchanged) == (["a.md", "c.md", "dir/b.md"], [], 0)
    inode_b = (out / "dir/b.md").stat().st_ino
    second = write_tree(out, {"a.md": "A2", "dir/b.md": "B"})
    assert (second.written, second.removed, second.unchanged) == (["a.md"], ["c.md"], 1)
    assert contents(out) == {"a.md": "A2", "dir/b.md": "B"}
    assert (out / "dir/b.md").stat().st_ino == inode_b


def test_nothing_changed_touches_nothing(tmp_path: Path) -> None:
    """A rerun with the same files leaves the folder itself in place."""
    out = tmp_path / "generated"
    write_tree(out, {"a.md": "A"})
    inode = out.stat().st_ino
    report = write_tree(out, {"a.md": "A"})
    assert (report.written, report.removed, report.unchanged) == ([], [], 1)
    assert out.stat().st_ino == inode


def test_no_staging_folders_are_left_behind(tmp_path: Path) -> None:
    """After a write, the parent holds only the output folder."""
    out = tmp_path / "generated"
    write_tree(out, {"a.md": "A"})
    write_tree(out, {"a.md": "B"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_fallback_without_atomic_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where RENAME_EXCHANGE is unavailable, two renames give the same result."""
    monkeypatch.setattr(write, "_exchange", lambda first, second: False)
    out = tmp_path / "generated"
    write_tree(out, {"a.md": "A"})
    write_tree(out, {"a.md": "B", "b.md": "C"})
    assert contents(out) == {"a.md": "B", "b.md": "C"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_a_swap_killed_between_its_renames_is_recovered(tmp_path: Path) -> None:
    """If the fallback was killed after moving the old tree aside, the next run puts it back first."""
    out = tmp_path / "generated"
    write_tree(out, {"a.md": "A"})
    out.rename(tmp_path / ".generated.previous")
    leftover = tmp_path / ".generated.new-abc"
    leftover.mkdir()
    write.recover(out)
    assert contents(out) == {"a.md": "A"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_writer_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    """Pointing --out at a folder with other files must not replace them."""
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(UnsafeOutputDir):
        write_tree(tmp_path, {"a.md": "x"})
    assert (tmp_path / "precious.txt").read_text() == "keep me"
