"""File stamps tell a changed, added, removed or replaced file from an unchanged one."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.filestamps import folder_stamps, stamp


def test_stamps_change_with_every_kind_of_change(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    page = tmp_path / "sub" / "page.html"
    page.write_text("one")
    before = folder_stamps([tmp_path])
    assert folder_stamps([tmp_path]) == before
    page.write_text("two!")
    changed = folder_stamps([tmp_path])
    assert changed != before
    (tmp_path / "new.html").write_text("x")
    added = folder_stamps([tmp_path])
    assert len(added) == 2 and added != changed
    replacement = tmp_path / "other"
    replacement.write_text("two!")
    os.utime(replacement, ns=(os.stat(page).st_atime_ns, os.stat(page).st_mtime_ns))
    os.replace(replacement, page)  # same size and time, another file
    assert folder_stamps([tmp_path]) != added


def test_a_missing_or_dangling_file_has_no_size(tmp_path: Path) -> None:
    assert stamp(tmp_path / "gone") == (str(tmp_path / "gone"), -1, -1, -1)
    (tmp_path / "link").symlink_to(tmp_path / "gone")
    assert folder_stamps([tmp_path]) == ((str(tmp_path / "link"), -1, -1, -1),)
