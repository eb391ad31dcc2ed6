"""Hostile input to import: a valid source folder corrupted at random never crashes, hangs or half-writes."""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import shutil
import signal
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import BASE_MANDATES, BASE_STATES, frames, thread, threads
from sp_data.cli import main
from sp_data.db import connect
from sp_data.errors import SourceError
from sp_data.export_csv import write_source
from sp_data.schema import TABLES
from sp_data.snapshot import open_snapshot, write_snapshot
from sp_data.source import read_source

D = dt.date
HARD_LIMIT_S = 30  # a hang ends the example with an error instead of stalling the suite
SETTINGS = settings(max_examples=80, deadline=dt.timedelta(seconds=10), database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _fixture_tables() -> dict[str, pl.DataFrame]:
    """A small world touching every table and rule: completed and pending threads, letters and replies."""
    states = BASE_STATES + [{"iso3": "TUR", "name": "Türkiye", "regional_group": "WEOG", "un_status": "member"},
                            {"iso3": "CIV", "name": "Côte d’Ivoire", "regional_group": "AG", "un_status": "member"}]
    visits = threads(
        thread("V1", "AAA", [(D(2021, 1, 5), "requested"), (D(2021, 6, 1), "accepted"),
                             (D(2022, 3, 7), "completed", D(2022, 3, 18))]),
        thread("V2", "BBB", [(D(2020, 2, 1), "requested"), (D(2022, 2, 1), "reminder")], mandate_id="SR-BBB"),
        thread("V3", None, [(D(2023, 4, 1), "invited"), (D(2023, 9, 4), "completed", D(2023, 9, 8))],
               host_kind="institution", host_name="World Bank, Washington"),
        thread("V4", "TUR", [(D(2019, 5, 5), "requested"), (D(2019, 9, 9), "declined")]),
    )
    return frames(
        states=states, mandates=BASE_MANDATES, **visits,
        standing_invitations=[{"iso3": "CCC", "extended_on": D(2001, 3, 1), "withdrawn_on": None},
                              {"iso3": "AAA", "extended_on": D(2005, 3, 1), "withdrawn_on": D(2010, 1, 1)}],
        communications=[
            {"ref": "UA BBB 7/2023", "sent_on": D(2023, 3, 1), "type": "UA", "recipient_kind": "state",
             "iso3": "BBB", "mandate_ids": ["SR-BBB", "SR-EDU"], "individuals": 3, "individuals_female": 1,
             "follow_up": False},
            {"ref": "AL OTH 2/2023", "sent_on": D(2023, 5, 10), "type": "AL", "recipient_kind": "non_state_actor",
             "recipient": "Example Mining, \"Ltd\"", "mandate_ids": ["SR-EDU"], "follow_up": True},
            {"ref": "OL CIV 1/2024", "sent_on": D(2024, 1, 9), "type": "OL", "recipient_kind": "state",
             "iso3": "CIV", "mandate_ids": ["SR-EDU"], "individuals": 0, "individuals_female": 0,
             "follow_up": False},
        ],
        replies=[{"ref": "UA BBB 7/2023", "received_on": D(2023, 4, 28), "substantive": True, "confidential": True},
                 {"ref": "UA BBB 7/2023", "received_on": D(2023, 6, 1), "substantive": False},
                 {"ref": "OL CIV 1/2024", "received_on": D(2024, 2, 1), "substantive": True}],
        hrc_membership=[{"iso3": "AAA", "term_start": D(2021, 1, 1), "term_end": D(2023, 12, 31)}],
    )


@pytest.fixture(scope="module")
def valid_source(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("valid") / "source"
    write_source(_fixture_tables(), folder)
    assert read_source(folder).warnings == []  # the starting point is valid
    return folder


FILES = sorted(t.file_name for t in TABLES.values())
HOSTILE_CELLS = [
    "", " ", "abc", "12.5", "-3", "+4", "1e9", "0x1F", "NaN", "null", "None", "2023-02-30", "2023/01/01",
    "23-01-01", "2023-1-1", "９９", "١٢", "TRUE ", "yes", "Thematic", "STATE", "aaa", "A A", "ÄÖÜ",
    "2" * 30, "9" * 5000, str(2**63), str(2**63 - 1), str(-(2**63)), "x" * 100_000, "y" * 200_000,
    "'; DROP TABLE states; --", "=cmd|' /C calc'!A0", "a;;;b", ";", " ; ", "\t", "\x00", "\u2028", "\ufeff",
    "\ud7ff", "line\nbreak", 'quo"te', "comma,inside", "SR-EDU; SR-EDU", "SR-EDU;NOPE", "ZZZ", "V1", "V2",
]
cell_values = st.one_of(st.sampled_from(HOSTILE_CELLS), st.text(max_size=40),
                        st.integers(min_value=-(2**70), max_value=2**70).map(str),
                        st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)).map(dt.date.isoformat))
JUNK_BYTES = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\x80\x81", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x00",
              b"\r", b'"', b'""', b"\n\n", b",,,,", b"\xef\xbb\xbf"]


def _read(path: Path) -> list[list[str]]:
    """A file's records; earlier corruptions may have left bad bytes, kept as they are."""
    try:
        text = path.read_bytes().decode("utf-8", errors="surrogateescape")
        return list(csv.reader(io.StringIO(text, newline="")))
    except (OSError, csv.Error):
        return []


def _write(path: Path, records: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", errors="surrogateescape", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(records)


def _pick(draw, folder: Path, files=None) -> tuple[Path, list[list[str]]] | None:
    """A file of the folder and its records, or None when there is nothing left to change in it."""
    path = folder / draw(st.sampled_from(files or FILES))
    records = _read(path) if path.is_file() else []
    return (path, records) if records and records[0] else None


# ---------------------------------------------------------------------------------------------
# Corruptions: each draws what it needs and changes the folder in place.

def set_cell(draw, folder: Path) -> None:
    """A wrong type, unknown code or huge value in one cell (or a header cell)."""
    if (picked := _pick(draw, folder)) is None:
        return
    path, records = picked
    r = draw(st.integers(0, len(records) - 1))
    if records[r]:
        records[r][draw(st.integers(0, len(records[r]) - 1))] = draw(cell_values)
    _write(path, records)


def drop_column(draw, folder: Path) -> None:
    if (picked := _pick(draw, folder)) is None:
        return
    path, records = picked
    c = draw(st.integers(0, len(records[0]) - 1))
    _write(path, [row[:c] + row[c + 1:] for row in records])


def add_column(draw, folder: Path) -> None:
    """An extra column, maybe with a header that repeats or is blank."""
    if (picked := _pick(draw, folder)) is None:
        return
    path, records = picked
    name = draw(st.one_of(st.sampled_from(records[0] + ["", "notes", "ISO3"]), st.text(max_size=10)))
    _write(path, [records[0] + [name]] + [row + [draw(cell_values)] for row in records[1:]])


def change_row_width(draw, folder: Path) -> None:
    """A row with too few or too many cells."""
    if (picked := _pick(draw, folder)) is None:
        return
    path, records = picked
    r = draw(st.integers(0, len(records) - 1))
    records[r] = records[r][: draw(st.integers(0, len(records[r])))] + draw(st.lists(cell_values, max_size=3))
    _write(path, records)


def duplicate_row(draw, folder: Path) -> None:
    """A repeated key (or a repeated header)."""
    if (picked := _pick(draw, folder)) is None:
        return
    path, records = picked
    r = draw(st.integers(0, len(records) - 1))
    records.insert(draw(st.integers(1, len(records))), list(records[r]))
    _write(path, records)


def delete_row(draw, folder: Path) -> None:
    """A missing row, so references to it dangle (or the header goes)."""
    if (picked := _pick(draw, folder)) is None:
        return
    path, records = picked
    del records[draw(st.integers(0, len(records) - 1))]
    _write(path, records)


def shuffle_rows(draw, folder: Path) -> None:
    """Row order means nothing: a permutation of the data rows stays valid."""
    if (picked := _pick(draw, folder)) is None:
        return
    path, records = picked
    _write(path, records[:1] + draw(st.permutations(records[1:])))


def event_out_of_order(draw, folder: Path) -> None:
    """An event after a completed visit, a second completion, or a reply before its letter."""
    choice = draw(st.sampled_from(["after", "second", "reply", "end"]))
    if choice == "reply":
        records = _read(folder / "replies.csv")
        if len(records) > 1 and len(records[1]) > 1:
            records[1][1] = "2020-01-01"
            _write(folder / "replies.csv", records)
        return
    records = _read(folder / "visit_events.csv")
    if not records:
        return
    day = draw(st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31))).isoformat()
    if choice == "after":
        records.append(["V1", day, draw(st.sampled_from(["reminder", "accepted", "declined"])), ""])
    elif choice == "second":
        records.append(["V3", day, "completed", day])
    else:
        for row in records:
            if row[:1] == ["V1"] and row[2:3] == ["completed"] and len(row) > 3:
                row[3] = day
    _write(folder / "visit_events.csv", records)


def reencode(draw, folder: Path) -> None:
    """The file saved as UTF-16 (with or without a BOM), Latin-1, or with invalid UTF-8 bytes inserted."""
    path = folder / draw(st.sampled_from(["states.csv", "mandates.csv", "communications.csv", "replies.csv"]))
    if not path.is_file():
        return
    text = path.read_bytes().decode("utf-8", errors="replace")
    how = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252", "insert", "bom"]))
    if how == "insert":
        data = path.read_bytes()
        at = draw(st.integers(0, len(data)))
        path.write_bytes(data[:at] + draw(st.sampled_from(JUNK_BYTES)) + data[at:])
    elif how == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    else:
        path.write_bytes(text.encode(how, errors="replace"))


def empty_file(draw, folder: Path) -> None:
    path = folder / draw(st.sampled_from(FILES))
    path.write_bytes(draw(st.sampled_from([b"", b"\n", b"   \n\n", b"\r\n", b",,,\n", b"\xef\xbb\xbf"])))


def header_only(draw, folder: Path) -> None:
    path = folder / draw(st.sampled_from(FILES))
    if path.is_file():
        path.write_bytes(path.read_bytes().split(b"\n", 1)[0] + b"\n")


def delete_file(draw, folder: Path) -> None:
    (folder / draw(st.sampled_from(FILES))).unlink(missing_ok=True)


def binary_junk(draw, folder: Path) -> None:
    """Random bytes instead of, inside, or after a file."""
    path = folder / draw(st.sampled_from(FILES))
    data = path.read_bytes() if path.is_file() else b""
    junk = draw(st.binary(min_size=1, max_size=2000))
    at = draw(st.integers(0, len(data)))
    how = draw(st.sampled_from(["replace", "insert", "overwrite"]))
    if how == "replace":
        data = junk
    elif how == "insert":
        data = data[:at] + junk + data[at:]
    else:
        data = data[:at] + junk + data[at + len(junk):]
    path.write_bytes(data)


def bad_quotes(draw, folder: Path) -> None:
    """A stray or unclosed quote somewhere, which can swallow the rest of the file into one cell."""
    path = folder / draw(st.sampled_from(FILES))
    if not path.is_file():
        return
    data = path.read_bytes()
    at = draw(st.integers(0, len(data)))
    quote = draw(st.sampled_from([b'"', b'""', b'"""', b'"x', b'x"', b'",', b',"', b'"\n']))
    path.write_bytes(data[:at] + quote + data[at:])


def line_endings(draw, folder: Path) -> None:
    path = folder / draw(st.sampled_from(FILES))
    if path.is_file():
        sep = draw(st.sampled_from([b"\r\n", b"\r", b"\n\n", b"\x0b", b"\x1c"]))
        path.write_bytes(path.read_bytes().replace(b"\n", sep))


def huge_file(draw, folder: Path) -> None:
    """Many rows, or one enormous line, in one file."""
    if (picked := _pick(draw, folder, ["communications.csv", "visit_events.csv", "replies.csv"])) is None:
        return
    path, records = picked
    if draw(st.booleans()):
        # Capped at a few megabytes, so that earlier huge cells do not make the run slow.
        copies = min(draw(st.integers(100, 2000)), 4_000_000 // max(1, path.stat().st_size))
        _write(path, records + records[1:] * copies)
    else:
        path.write_bytes(path.read_bytes() + b"a," * draw(st.integers(10_000, 200_000)) + b"\n")


def huge_number(draw, folder: Path) -> None:
    """A number too large for any integer column, or one padded with thousands of zeros."""
    path = folder / "communications.csv"
    records = _read(path) if path.is_file() else []
    columns = [c for c in ("individuals", "individuals_female") if records and c in records[0]]
    if len(records) > 1 and columns:
        row = records[draw(st.integers(1, len(records) - 1))]
        column = records[0].index(draw(st.sampled_from(columns)))
        if column < len(row):
            row[column] = draw(st.sampled_from(["9" * 5000, "1" * 4301, str(2**63), str(2**64), "0" * 5000 + "1",
                                                "0" * 19 + "2", str(2**63 - 1), "00"]))
            _write(path, records)


CELL = [set_cell, huge_number]
STRUCTURE = [drop_column, add_column, change_row_width, duplicate_row, delete_row, shuffle_rows, event_out_of_order,
             header_only, delete_file, huge_file]
BYTES = [reencode, empty_file, binary_junk, bad_quotes, line_endings]


# ---------------------------------------------------------------------------------------------
# The property


@contextlib.contextmanager
def _hard_limit(seconds: int):
    """Abort a hung call with an exception (the hypothesis deadline only measures finished calls)."""
    def stop(signum, frame):
        raise TimeoutError(f"import did not finish within {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def _check_import(source_dir: Path, root: Path) -> str:
    """Import a (corrupted) folder: a clear SourceError, or a snapshot that opens; nothing in between."""
    with _hard_limit(HARD_LIMIT_S):
        try:
            source = read_source(source_dir)
        except SourceError as exc:
            assert exc.issues, "a SourceError must carry at least one issue"
            for issue in exc.issues:
                assert isinstance(issue.file, str) and issue.file, issue
                assert isinstance(issue.message, str) and issue.message.strip(), issue
                assert issue.row is None or (isinstance(issue.row, int) and issue.row >= 1), issue
            exc.report().encode("utf-8")  # the report can be printed: no lone surrogates
            assert _leftovers(root) == []
            return "refused"
        for name, table in TABLES.items():
            assert dict(source.tables[name].schema) == table.polars_schema, name
        path, new = write_snapshot(source.tables, source="hostile import", simulated=False, root=root)
        snap = open_snapshot(path)
        assert new and snap.manifest["row_counts"] == {n: f.height for n, f in source.tables.items()}
        connect(snap).close()
        assert _leftovers(root) == [path.name]  # one whole snapshot and no .tmp-* folder
        return "imported"


def _run(data, corruptions, valid_source: Path, steps: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "source"
        shutil.copytree(valid_source, folder)
        for _ in range(data.draw(st.integers(1, steps), label="steps")):
            corrupt = data.draw(st.sampled_from(corruptions), label="corruption")
            corrupt(data.draw, folder)
        outcome = _check_import(folder, Path(tmp) / "parquet")
        event(outcome)  # --hypothesis-show-statistics shows how often each outcome occurred
        return outcome


@SETTINGS
@given(data=st.data())
def test_hostile_cells(valid_source, data):
    _run(data, CELL, valid_source, steps=3)


@SETTINGS
@given(data=st.data())
def test_hostile_structure(valid_source, data):
    _run(data, STRUCTURE, valid_source, steps=2)


@SETTINGS
@given(data=st.data())
def test_hostile_bytes(valid_source, data):
    _run(data, BYTES, valid_source, steps=2)


@settings(SETTINGS, max_examples=60)
@given(data=st.data())
def test_hostile_mixture(valid_source, data):
    _run(data, CELL + STRUCTURE + BYTES, valid_source, steps=4)


# ---------------------------------------------------------------------------------------------
# Examples worth pinning down, whatever hypothesis draws


def test_the_valid_fixture_imports(valid_source, tmp_path):
    assert _check_import(valid_source, tmp_path / "parquet") == "imported"


@pytest.mark.parametrize("file, mutate, message", [
    ("communications.csv", lambda t: t.replace(",3,1,", f",{'9' * 5000},1,"), "is implausibly large"),
    ("communications.csv", lambda t: t.replace(",3,1,", f",{2**63},1,"), "is implausibly large"),
    ("states.csv", lambda t: t.encode("utf-16"), "not valid UTF-8"),
    ("communications.csv", lambda t: t.replace(",3,1,", f",3,{'0' * 5000}9,"), "is more than individuals (3)"),
    ("states.csv", lambda t: t.encode("cp1252"), "not valid UTF-8"),
    # An unclosed quote swallows the rest of the file into one cell: the row is then incomplete.
    ("visits.csv", lambda t: t.replace("V4,", '"V4,'), "a value is required"),
    ("mandates.csv", lambda t: t.replace("thematic", "Thematic"), "is not an allowed value"),
    ("replies.csv", lambda t: "", "the file is empty"),
    ("states.csv", lambda t: t + "AAA,Arcadia again,AG,member\n", "duplicate iso3 'AAA'"),
    ("visit_events.csv", lambda t: t + "V1,2023-01-01,reminder,\n", "is after the completed event"),
    ("states.csv", lambda t: bytes(range(256)), "not valid UTF-8"),
    ("states.csv", lambda t: t.replace("regional_group,", ""), "required column is missing"),
])
def test_pinned_hostile_examples(valid_source, tmp_path, file, mutate, message):
    folder = tmp_path / "source"
    shutil.copytree(valid_source, folder)
    changed = mutate((folder / file).read_text(encoding="utf-8"))
    (folder / file).write_bytes(changed if isinstance(changed, bytes) else changed.encode("utf-8"))
    assert _check_import(folder, tmp_path / "parquet") == "refused"
    with pytest.raises(SourceError) as exc:
        read_source(folder)
    assert any(message in issue.message and issue.file == file for issue in exc.value.issues), exc.value.report()


def test_cli_import_of_hostile_folder_exits_1_and_writes_nothing(valid_source, tmp_path):
    folder = tmp_path / "source"
    shutil.copytree(valid_source, folder)
    (folder / "replies.csv").write_bytes(b"\x00\xff" * 100)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", str(folder), "--parquet-dir", str(tmp_path / "parquet")])
    assert code == 1
    assert "error: replies.csv" in err.getvalue() and "nothing was written" in err.getvalue()
    assert "Traceback" not in err.getvalue() and out.getvalue() == ""
    assert _leftovers(tmp_path / "parquet") == []


def test_a_failure_while_writing_leaves_no_partial_snapshot(valid_source, tmp_path, monkeypatch):
    source = read_source(valid_source)
    written = []
    original = pl.DataFrame.write_parquet

    def failing(self, path, *args, **kwargs):
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        written.append(path)
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_parquet", failing)
    root = tmp_path / "parquet"
    with pytest.raises(OSError, match="No space left"):
        write_snapshot(source.tables, source="hostile import", simulated=False, root=root)
    assert len(written) == 3  # it failed part-way through, not before starting
    assert _leftovers(root) == []
