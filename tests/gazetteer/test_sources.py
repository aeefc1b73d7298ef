"""The pinned wheels are checked before a byte of them is read (no download here)."""

import pytest

from mougraph.gazetteer import sources


def test_missing_wheel_names_the_fetch_script(tmp_path):
    with pytest.raises(sources.SourceError, match="fetch_sources.py"):
        sources.wheel_path(sources.VOS, tmp_path)


def test_wheel_with_other_bytes_is_refused(tmp_path):
    (tmp_path / sources.PDR.wheel).write_bytes(b"not the pinned wheel")
    with pytest.raises(sources.SourceError, match="is not the pinned"):
        sources.pdr_registry(tmp_path)
    assert not sources.available(tmp_path)
