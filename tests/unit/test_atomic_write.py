"""Atomic writes: the old file or the new one, never half of one, and no scratch file left."""

from __future__ import annotations

import pytest

from autograder.atomic_write import replacing, write_text_atomically


def test_the_new_text_replaces_the_old_and_no_scratch_file_is_left(tmp_path):
    path = tmp_path / "deep" / "results.json"
    write_text_atomically(path, "old")
    write_text_atomically(path, "new é")
    assert path.read_text(encoding="utf-8") == "new é"
    assert sorted(p.name for p in path.parent.iterdir()) == ["results.json"]


def test_a_write_that_fails_half_way_keeps_the_old_file_and_removes_the_scratch(tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text("old")
    with pytest.raises(KeyboardInterrupt):
        with replacing(path) as partial:
            partial.write_text("half of the")
            raise KeyboardInterrupt
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades.csv"]


def test_two_files_with_one_stem_get_their_own_scratch_files(tmp_path):
    with replacing(tmp_path / "summary.html") as page, replacing(tmp_path / "summary.png") as chart:
        page.write_text("<p>page</p>")
        chart.write_bytes(b"png")
        assert page != chart
    assert (tmp_path / "summary.html").read_text() == "<p>page</p>" and (tmp_path / "summary.png").read_bytes() == b"png"
