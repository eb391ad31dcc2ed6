"""The standing-invitations adapter: the public list, its errors, and a real snapshot built from it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from sp_data.adapters.standing_invitations import import_standing_invitations
from sp_data.cli import main
from sp_data.errors import SourceError
from sp_data.export_csv import read_snapshot_tables
from sp_data.snapshot import open_snapshot

D = dt.date


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def invitations(path: Path) -> list[tuple]:
    frame = read_snapshot_tables(open_snapshot(path))["standing_invitations"]
    return [(r["iso3"], r["extended_on"], r["withdrawn_on"]) for r in frame.to_dicts()]


def errors_of(tmp_path: Path, text: str, mapping: str | None = None, base="reference") -> list[str]:
    export = write_csv(tmp_path / "standing-invitations.csv", text)
    mapping_path = write_csv(tmp_path / "mapping.csv", mapping) if mapping else None
    with pytest.raises(SourceError) as info:
        import_standing_invitations(export, base=base, mapping=mapping_path, root=tmp_path / "refused")
    assert not (tmp_path / "refused").exists() or not any(
        p for p in (tmp_path / "refused").iterdir() if not p.name.startswith(".")), "something was written"
    return [str(i) for i in info.value.issues]


def test_the_public_list_as_csv_and_xlsx(tmp_path):
    text = ("Standing invitations extended to the special procedures\n\n"
            "Country,Date extended,Withdrawn\n"
            "Iran (Islamic Republic of),24 Jul 2002,\n"
            "Türkiye,01/03/2001,\n"
            "Holy See,2012-01-01,\n"
            "Netherlands (Kingdom of the),3/8/2001,\n"
            "Paraguay,2003-04-23,2016-05-01\n")
    result = import_standing_invitations(write_csv(tmp_path / "list.csv", text), base="reference",
                                         root=tmp_path / "parquet")
    assert open_snapshot(result.path).simulated is False
    expected = [("IRN", D(2002, 7, 24), None), ("NLD", D(2001, 8, 3), None), ("PRY", D(2003, 4, 23), D(2016, 5, 1)),
                ("TUR", D(2001, 3, 1), None), ("VAT", D(2012, 1, 1), None)]
    assert invitations(result.path) == expected
    book = openpyxl.Workbook()
    book.active.append(["State", "Date of standing invitation", "Date of withdrawal"])
    for name, extended, withdrawn in [("Iran", D(2002, 7, 24), None), ("Turkey", D(2001, 3, 1), None),
                                      ("Holy See", D(2012, 1, 1), None), ("Netherlands", D(2001, 8, 3), None),
                                      ("Paraguay", D(2003, 4, 23), D(2016, 5, 1))]:
        book.active.append([name, extended, withdrawn])
    book.save(tmp_path / "list.xlsx")
    again = import_standing_invitations(tmp_path / "list.xlsx", base="reference", root=tmp_path / "parquet")
    assert invitations(again.path) == expected


def test_importing_twice_gives_the_same_snapshot(tmp_path):
    export = write_csv(tmp_path / "list.csv", "Country,Date extended\nChile,2009-07-01\nPeru,2002-01-01\n")
    first = import_standing_invitations(export, base="reference", root=tmp_path / "parquet")
    second = import_standing_invitations(export, base="reference", root=tmp_path / "parquet")
    assert (first.new, second.new) == (True, False)
    assert first.path == second.path
    onto_itself = import_standing_invitations(export, base=str(first.path), root=tmp_path / "parquet")
    assert invitations(onto_itself.path) == invitations(first.path)
    assert (first.path / "manifest.json").read_bytes() == (second.path / "manifest.json").read_bytes()


def test_a_state_not_on_the_list_keeps_the_bases_invitation(tmp_path):
    first = import_standing_invitations(write_csv(tmp_path / "a.csv", "Country,Date extended\nChile,2009-07-01\n"),
                                        base="reference", root=tmp_path / "parquet")
    second = import_standing_invitations(
        write_csv(tmp_path / "b.csv", "Country,Date extended,Withdrawn\nPeru,2002-01-01,\nChile,2009-07-01,2020-02-02\n"),
        base=str(first.path), root=tmp_path / "parquet")
    assert invitations(second.path) == [("CHL", D(2009, 7, 1), D(2020, 2, 2)), ("PER", D(2002, 1, 1), None)]


def test_every_error_names_file_row_column_and_value(tmp_path):
    text = ("Country,Date extended,Withdrawn\n"
            "Chile,2009-07-01,2001-01-01\n"        # row 2: withdrawn before extended
            "Atlantis,2002-07-24,\n"                # row 3: unknown State
            ",2001-03-01,\n"                        # row 4: no State
            "Peru,,\n"                              # row 5: no date
            "France,31/02/2020,\n"                  # row 6: impossible date
            "Spain,2001-01-01,soon\n"               # row 7: not a date
            "Italy,45000.5,\n"                      # row 8: a number that is no date
            "Mexico,2001-01-01,\n"
            "Mexico,2002-02-02,\n")                 # row 10: the same State with other dates
    assert errors_of(tmp_path, text) == [
        "standing-invitations.csv, row 2, column Withdrawn: is before the invitation was extended (2009-07-01) "
        "(value '2001-01-01')",
        "standing-invitations.csv, row 3, column Country: unknown State 'Atlantis' (rows 3); closest known: "
        "Albania (ALB); to resolve it add a line to a mapping file (--mapping), e.g. state,Atlantis,ISO3 "
        "(value 'Atlantis')",
        "standing-invitations.csv, row 4, column Country: the State is required",
        "standing-invitations.csv, row 5, column Date extended: the date the standing invitation was extended is "
        "required",
        "standing-invitations.csv, row 6, column Date extended: is not a real calendar date (dates with / are read "
        "day/month/year) (value '31/02/2020')",
        "standing-invitations.csv, row 7, column Withdrawn: is not a date; write it as YYYY-MM-DD, DD/MM/YYYY or "
        "12 May 2023 (value 'soon')",
        "standing-invitations.csv, row 8, column Date extended: is not a date; write it as YYYY-MM-DD, DD/MM/YYYY "
        "or 12 May 2023 (value '45000.5')",
        "standing-invitations.csv, row 10, column Country: is listed again, with other dates, in row 9; a State "
        "has one standing invitation (value 'Mexico')",
    ]


def test_header_problems(tmp_path):
    assert errors_of(tmp_path, "Country,Withdrawn\nChile,\n") == [
        "standing-invitations.csv, row 1, column Date extended: required column is missing from the header"]
    assert errors_of(tmp_path, "Country,Date extended\n") == [
        "standing-invitations.csv, row 2: the list has no rows under its header"]
    assert errors_of(tmp_path, "Nation,When\nChile,2001-01-01\n")[0].startswith(
        "standing-invitations.csv: no header row found")


def test_a_mapping_file_resolves_names_and_is_checked(tmp_path):
    text = "Country,Date extended\nRepublic of Atlantis,2002-07-24\n"
    export = write_csv(tmp_path / "list.csv", text)
    mapping = write_csv(tmp_path / "mapping.csv", "kind,value,maps_to\nstate,Republic of Atlantis,CHL\n")
    result = import_standing_invitations(export, base="reference", mapping=mapping, root=tmp_path / "parquet")
    assert invitations(result.path) == [("CHL", D(2002, 7, 24), None)]
    assert errors_of(tmp_path, text, mapping="kind,value,maps_to\nstate,Republic of Atlantis,ATL\n") == [
        "mapping.csv, row 2, column maps_to: is not a State of the base snapshot (give its ISO3 code); closest: "
        "none (value 'ATL')"]


def test_command_line(tmp_path, capsys):
    export = write_csv(tmp_path / "list.csv", "Country,Date extended\nChile,2009-07-01\n")
    assert main(["import-standing-invitations", str(export), "--base", "reference",
                 "--parquet-dir", str(tmp_path / "parquet")]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("Wrote: ") and "standing_invitations 1" in out[0]
    assert open_snapshot(Path(out[-1])).simulated is False
    bad = write_csv(tmp_path / "bad.csv", "Country,Date extended\nAtlantis,2009-07-01\n")
    assert main(["import-standing-invitations", str(bad), "--base", "reference",
                 "--parquet-dir", str(tmp_path / "parquet")]) == 1
    assert "unknown State 'Atlantis'" in capsys.readouterr().err
