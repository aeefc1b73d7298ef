"""``mougraph.io.staged_folder``: a run's files replace a folder's entries, or (``whole=True``) the folder itself."""

from __future__ import annotations

import pytest

from mougraph import io


def _tree(folder):
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_whole_replaces_the_folder(tmp_path):
    target = tmp_path / "site"
    (target / "gone").mkdir(parents=True)
    (target / "gone" / "old.html").write_text("stale")
    with io.staged_folder(target, whole=True) as staging:
        (staging / "new").mkdir()
        (staging / "new" / "page.html").write_text("fresh")
    assert _tree(target) == {"new/page.html": "fresh"}
    assert oct(target.stat().st_mode & 0o777) == oct(0o777 & ~io.umask())  # not mkdtemp's private mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_entries_replace_entries_and_others_stay(tmp_path):
    target = tmp_path / "build"
    (target / "bench").mkdir(parents=True)
    (target / "bench" / "results.json").write_text("kept")
    (target / "pages").mkdir()
    (target / "pages" / "old.html").write_text("stale")
    with io.staged_folder(target) as staging:
        (staging / "pages").mkdir()
        (staging / "pages" / "new.html").write_text("fresh")
    assert _tree(target) == {"bench/results.json": "kept", "pages/new.html": "fresh"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


@pytest.mark.parametrize("whole", [True, False])
def test_a_failed_run_leaves_the_folder_as_it_was(tmp_path, whole):
    target = tmp_path / "site"
    target.mkdir()
    (target / "keep.txt").write_text("earlier")
    with pytest.raises(KeyboardInterrupt), io.staged_folder(target, whole=whole) as staging:
        (staging / "half.txt").write_text("half")
        raise KeyboardInterrupt
    assert _tree(target) == {"keep.txt": "earlier"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _can_exchange(tmp_path) -> bool:
    a, b = tmp_path / "probe-a", tmp_path / "probe-b"
    a.mkdir()
    b.mkdir()
    (a / "from-a").write_text("a")
    swapped = io._exchange(a, b)
    if swapped:
        assert (b / "from-a").is_file() and not (a / "from-a").exists()
    for folder in (a, b):
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
    return swapped


def test_the_target_is_never_missing_where_paths_can_be_swapped(tmp_path, monkeypatch):
    """With renameat2(RENAME_EXCHANGE), the folder is swapped in one step: no rename leaves it missing."""
    if not _can_exchange(tmp_path):
        pytest.skip("this system cannot swap two paths at once (renameat2 RENAME_EXCHANGE)")
    target = tmp_path / "site"
    target.mkdir()
    (target / "a.txt").write_text("old")

    def no_rename(self, destination):
        raise AssertionError(f"renamed {self} to {destination}: the target was missing for a moment")

    monkeypatch.setattr(type(target), "rename", no_rename)
    with io.staged_folder(target, whole=True) as staging:
        (staging / "a.txt").write_text("new")
    assert _tree(target) == {"a.txt": "new"}
