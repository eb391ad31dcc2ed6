"""Which snapshots the Data page offers for "what changed"."""
from conftest import frames
from sp_data.catalog import comparable_snapshots
from sp_data.snapshot import write_snapshot


def test_comparable_snapshots_are_the_other_good_ones(tmp_path):
    for sid in ("older", "current", "broken"):
        write_snapshot(frames(), source=sid, simulated=False, root=tmp_path, snapshot_id=sid)
    (tmp_path / "broken" / "manifest.json").write_text("{not json")
    assert comparable_snapshots("current", root=tmp_path) == ["older"]
    assert comparable_snapshots("older", root=tmp_path) == ["current"]
