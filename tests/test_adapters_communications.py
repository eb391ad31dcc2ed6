"""The communications adapter: messy exports in, a validated snapshot out, or every problem reported."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from conftest import reference_frames
from sp_data.adapters.communications import import_communications
from sp_data.cli import main
from sp_data.errors import SourceError
from sp_data.export_csv import read_snapshot_tables
from sp_data.snapshot import open_snapshot, write_snapshot

D = dt.date
HEADER = ["Date", " COUNTRY ", "Type", "Ref. No.", "Mandates", "Summary", "UN Region", "OHCHR Region",
          "Nb. of alleged victims", "Nb. of replies", "Replies"]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A real-world base snapshot holding one communication and its acknowledgement."""
    rows = reference_frames(
        communications=[{"ref": "AL IRN 3/2023", "sent_on": D(2023, 2, 1), "type": "AL", "recipient_kind": "state",
                         "iso3": "IRN", "mandate_ids": ["SR-IRAN"], "follow_up": False},
                        {"ref": "UA TUR 7/2023", "sent_on": D(2023, 5, 1), "type": "UA", "recipient_kind": "state",
                         "iso3": "TUR", "mandate_ids": ["SR-FOE"], "follow_up": False}],
        replies=[{"ref": "AL IRN 3/2023", "received_on": D(2023, 3, 1), "substantive": True},
                 {"ref": "UA TUR 7/2023", "received_on": D(2023, 6, 12), "substantive": False}],
    )
    path, _ = write_snapshot(rows, source="base", simulated=False, root=tmp_path / "parquet", snapshot_id="base")
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def messy_rows() -> list[list]:
    """An export as the public database and its users produce them: every variant in one sheet."""
    return [
        ["Communications sent, search results"],
        [],
        HEADER,
        # row 4: joint urgent appeal, Turkey, mandates on two lines, replies in words, one confidential
        [dt.datetime(2023, 5, 12), "  Turkey ", "JUA", "UA  TUR 7/2023", "SR on torture\nWGAD", "s", "WEOG", "Europe",
         3, 2, "Reply received 12 June 2023\nConfidential reply received on 01/07/2023"],
        # row 5: reference without its type, Iran, dd/mm/yyyy, mandates separated by ';'
        ["12/05/2023", "Iran", "UA", "IRN 7/2023", "WGEID; SR Iran", None, None, None, "2 (1 woman)", 0, None],
        # row 6: Côte d'Ivoire without accents, a written date, a full title holding commas beside an abbreviation
        ["12 May 2023", "Cote d'Ivoire", "AL", "AL CIV 2/2023",
         "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment, SRHRD",
         None, None, None, None, None, None],
        # rows 7-8: the two Koreas, one dated by an Excel serial number
        [45061, "Republic of Korea", "OL", "OL KOR 1/2023", "SR-FOE", None, None, None, None, None, None],
        ["2023-05-16", "Democratic People's Republic of Korea", "JAL", "AL PRK 3/2023", "SR DPRK, WGAD",
         None, None, None, 1, 1, dt.datetime(2023, 6, 30)],
        # row 9: the page header repeated by the export
        HEADER,
        # rows 10-14: more States under common names
        ["2023-06-01", "Venezuela", "AL", "AL VEN 4/2023", "SRHRD", None, None, None, None, None, "2023-07-01; 2023-08-01"],
        ["2023-06-02", "Bolivia", "AL", "AL BOL 1/2023", "SR on the rights of Indigenous Peoples", None, None, None,
         None, None, None],
        ["2023-06-03", "Viet Nam", "OL", "OL VNM 2/2023", "WG-EID", None, None, None, None, None, None],
        ["2023-06-04", "Vietnam", "OL", "OL VNM 3/2023", "SR FoE", None, None, None, None, None, None],
        ["2023-06-05", "Syria", "UA", "UA SYR 5/2023", "SR torture", None, None, None, None, None, None],
        # rows 15-17: non-State actors: a company (OTH), one whose reference names the State concerned,
        # an international organization
        ["2023-06-06", "Acme Mining Corp.", "JOL", "OL OTH 12/2023", "WG on business and human rights; SR-HRD",
         None, None, None, None, None, "Acknowledgement of receipt, 2023-06-20"],
        ["2023-06-07", "Meta Platforms, Inc.", "OL", "OL USA 9/2023", "SR FoE", None, None, None, None, None, None],
        ["2023-06-08", "European Union", "OL", "OL OTH 13/2023", "SR on migrants", None, None, None, None, None, None],
        # row 18: the Turkey row again, exactly the same: merged
        [dt.datetime(2023, 5, 12), "Türkiye", "UA", "UA TUR 7/2023", "SR-TORTURE; WG-AD", None, None, None, 3, 2,
         "2023-06-12"],
        # trailing blank rows with stray spaces
        [None, "  ", None],
        [],
    ]


def comm(tables, ref: str) -> dict:
    rows = tables["communications"].filter(pl.col("ref") == ref).to_dicts()
    assert len(rows) == 1, ref
    return rows[0]


def replies(tables, ref: str) -> list[tuple]:
    frame = tables["replies"].filter(pl.col("ref") == ref).sort("received_on")
    return [(r["received_on"], r["substantive"], r["confidential"]) for r in frame.to_dicts()]


def test_messy_xlsx_becomes_a_validated_snapshot(tmp_path, base):
    export = write_xlsx(tmp_path / "export.xlsx", messy_rows())
    result = import_communications(export, base=base, root=tmp_path / "parquet")
    snap = open_snapshot(result.path)
    tables = read_snapshot_tables(snap)
    assert snap.simulated is False
    assert "communications export export.xlsx" in snap.source and "merged onto snapshot base" in snap.source
    assert snap.manifest["base_snapshot"] == "base"

    tur = comm(tables, "UA TUR 7/2023")
    assert (tur["sent_on"], tur["type"], tur["recipient_kind"], tur["iso3"]) == (D(2023, 5, 12), "UA", "state", "TUR")
    assert tur["mandate_ids"] == ["SR-TORTURE", "WG-AD"] and tur["individuals"] == 3
    # The file wins: the base's SR-FOE letter with this reference is replaced, and its replies
    # are the export's, the base's flag kept for the same date (not substantive).
    assert replies(tables, "UA TUR 7/2023") == [(D(2023, 6, 12), False, False), (D(2023, 7, 1), True, True)]

    irn = comm(tables, "UA IRN 7/2023")
    assert (irn["sent_on"], irn["iso3"], irn["mandate_ids"]) == (D(2023, 5, 12), "IRN", ["WG-EID", "SR-IRAN"])
    assert (irn["individuals"], irn["individuals_female"]) == (2, 1)
    civ = comm(tables, "AL CIV 2/2023")
    assert (civ["sent_on"], civ["iso3"], civ["mandate_ids"]) == (D(2023, 5, 12), "CIV", ["SR-TORTURE", "SR-HRD"])
    assert comm(tables, "OL KOR 1/2023")["iso3"] == "KOR"
    assert comm(tables, "OL KOR 1/2023")["sent_on"] == D(2023, 5, 15)
    prk = comm(tables, "AL PRK 3/2023")
    assert (prk["iso3"], prk["mandate_ids"]) == ("PRK", ["SR-DPRK", "WG-AD"])
    assert replies(tables, "AL PRK 3/2023") == [(D(2023, 6, 30), True, False)]
    assert replies(tables, "AL VEN 4/2023") == [(D(2023, 7, 1), True, False), (D(2023, 8, 1), True, False)]
    assert {comm(tables, r)["iso3"] for r in ("AL VEN 4/2023", "AL BOL 1/2023", "OL VNM 2/2023", "OL VNM 3/2023",
                                              "UA SYR 5/2023")} == {"VEN", "BOL", "VNM", "SYR"}
    assert comm(tables, "AL BOL 1/2023")["mandate_ids"] == ["SR-INDIGENOUS"]

    acme = comm(tables, "OL OTH 12/2023")
    assert (acme["recipient_kind"], acme["iso3"], acme["recipient"]) == ("non_state_actor", None, "Acme Mining Corp.")
    assert acme["mandate_ids"] == ["WG-BHR", "SR-HRD"]
    assert replies(tables, "OL OTH 12/2023") == [(D(2023, 6, 20), False, False)]  # an acknowledgement
    meta = comm(tables, "OL USA 9/2023")
    assert (meta["recipient_kind"], meta["iso3"], meta["recipient"]) == ("non_state_actor", "USA", "Meta Platforms, Inc.")
    assert comm(tables, "OL OTH 13/2023")["recipient_kind"] == "non_state_actor"

    # The base's other communication and its reply are kept; 13 distinct references were added or replaced.
    assert replies(tables, "AL IRN 3/2023") == [(D(2023, 3, 1), True, False)]
    assert tables["communications"].height == 1 + 13
    messages = [str(w) for w in result.warnings]
    assert any("row 9" in m and "header is repeated" in m for m in messages)
    assert any("row 18" in m and "repeats row 4" in m for m in messages)
    assert any("row 18" in m and "says 2 replies but 1 reply date(s) are given" in m for m in messages)
    assert len(messages) == 3  # Summary and the regions are known columns, unused: no warning


def test_merging_twice_gives_the_same_snapshot(tmp_path, base):
    export = write_xlsx(tmp_path / "export.xlsx", messy_rows())
    first = import_communications(export, base=base, root=tmp_path / "parquet")
    second = import_communications(export, base=first.path, root=tmp_path / "parquet")
    assert first.new is True and second.new is False
    assert second.path == first.path
    one, two = read_snapshot_tables(open_snapshot(first.path)), read_snapshot_tables(open_snapshot(second.path))
    assert all(one[name].equals(two[name]) for name in one)


def test_csv_with_addressee_and_country_columns(tmp_path, base):
    export = tmp_path / "export.csv"
    export.write_text(
        "Date;Addressee;Country;Type;Reference;Mandate(s);Nb. of replies;Replies\n"
        "01/03/2023;Grupo Minero S.A.;Mexico;AL;AL OTH 1/2023;SR HRD;;\n"
        "02/03/2023;Peru;;UA;UA PER 1/2023;SR on torture;1;\n"
        "03/03/2023;Free Borduria Front;Other;AL;AL OTH 2/2023;WGAD;;\n", encoding="utf-8")
    result = import_communications(export, base=base, root=tmp_path / "parquet")
    tables = read_snapshot_tables(open_snapshot(result.path))
    assert [(c["ref"], c["recipient_kind"], c["iso3"], c["recipient"]) for c in
            tables["communications"].filter(pl.col("sent_on").is_between(D(2023, 3, 1), D(2023, 3, 31))).to_dicts()] == [
        ("AL OTH 1/2023", "non_state_actor", "MEX", "Grupo Minero S.A."),
        ("UA PER 1/2023", "state", "PER", None),
        ("AL OTH 2/2023", "non_state_actor", None, "Free Borduria Front"),
    ]
    # A reply counted but not dated cannot be recorded: said, not hidden.
    assert any("says 1 replies but 0 reply date(s)" in str(w) for w in result.warnings)


def errors_of(tmp_path, base, rows, mapping: str | None = None) -> list[str]:
    export = write_xlsx(tmp_path / "bad.xlsx", rows)
    map_file = None
    if mapping is not None:
        map_file = tmp_path / "mapping.csv"
        map_file.write_text(mapping, encoding="utf-8")
    before = sorted(p.name for p in (tmp_path / "parquet").iterdir())
    with pytest.raises(SourceError) as info:
        import_communications(export, base=base, mapping=map_file, root=tmp_path / "parquet")
    assert sorted(p.name for p in (tmp_path / "parquet").iterdir()) == before  # nothing written
    return [str(i) for i in info.value.issues]


def row(date="2023-05-02", country="Peru", ctype="AL", ref="AL PER 1/2023", mandates="SR torture",
        victims=None, count=None, reply=None):
    return [date, country, ctype, ref, mandates, None, None, None, victims, count, reply]


def test_unknown_names_are_listed_once_with_rows_and_closest_matches(tmp_path, base):
    errors = errors_of(tmp_path, base, [HEADER, row(country="Trukey", ref="AL TUR 1/2023"),
                                        row(ref="AL PER 2/2023", mandates="SR on tortur"),
                                        row(country="Trukey", ref="AL TUR 2/2023"),
                                        row(country="Korea", ref="AL KOR 3/2023", ctype="Letter"),
                                        row(country="Sandland", ref="SL-17/2023")])
    assert errors == [
        "bad.xlsx, row 2, column COUNTRY: unknown State 'Trukey' (rows 2, 4); closest known: Türkiye (TUR); "
        "to resolve it add a line to a mapping file (--mapping), e.g. state,Trukey,ISO3 (value 'Trukey')",
        "bad.xlsx, row 3, column Mandates: unknown mandate 'SR on tortur' (rows 3); closest known: SR-TORTURE "
        "(Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment); SR-TRUTH (Special Rapporteur on the promotion of truth, justice, reparation and guarantees of "
        "non-recurrence); SR-OPT (Special Rapporteur on the situation of human rights in the Palestinian territories "
        "occupied since 1967); to resolve "
        "it add a line to a mapping file (--mapping), e.g. mandate,SR on tortur,MANDATE-ID (value 'SR on tortur')",
        "bad.xlsx, row 5, column COUNTRY: unknown State 'Korea' (rows 5); closest known: Democratic People's "
        "Republic of Korea (PRK); Republic of Korea (KOR); to resolve it add a line to a mapping file (--mapping), "
        "e.g. state,Korea,ISO3 (value 'Korea')",
        "bad.xlsx, row 5, column Type: unknown communication type 'Letter' (rows 5); closest known: other letter; "
        "other; joint other letter; to resolve it add a line to a mapping file (--mapping), e.g. type,Letter,AL (value 'Letter')",
        "bad.xlsx, row 6, column COUNTRY: unknown addressee 'Sandland': neither a known State nor marked as a "
        "non-State actor (a company, armed group or organization is mapped as non_state_actor,Sandland,) (rows 6); "
        "closest known: Eswatini (SWZ); Finland (FIN); Thailand (THA); to resolve it add a line to a mapping file "
        "(--mapping), e.g. state,Sandland,ISO3 (value 'Sandland')",
    ]


def test_a_mapping_file_resolves_what_the_export_cannot(tmp_path, base):
    export = write_xlsx(tmp_path / "export.xlsx", [
        HEADER, row(country="Trukey", ref="AL TUR 1/2023"), row(ref="AL PER 2/2023", mandates="SR on tortur"),
        row(country="Korea", ref="AL KOR 3/2023", ctype="Letter"), row(country="Sandland Oil", ref="AL OTH 4/2023")])
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("kind,value,maps_to\n"
                       "state,TRUKEY,TUR\n"
                       "mandate,SR on tortur,SR-TORTURE\n"
                       "type,letter,AL\n"
                       "state,Korea,Republic of Korea\n"
                       "non_state_actor,Sandland Oil,Sandland Oil Company\n"
                       "state,Atlantis,USA\n", encoding="utf-8")
    result = import_communications(export, base=base, mapping=mapping, root=tmp_path / "parquet")
    tables = read_snapshot_tables(open_snapshot(result.path))
    assert comm(tables, "AL TUR 1/2023")["iso3"] == "TUR"
    assert comm(tables, "AL PER 2/2023")["mandate_ids"] == ["SR-TORTURE"]
    assert (comm(tables, "AL KOR 3/2023")["iso3"], comm(tables, "AL KOR 3/2023")["type"]) == ("KOR", "AL")
    assert comm(tables, "AL OTH 4/2023")["recipient"] == "Sandland Oil Company"
    assert [str(w) for w in result.warnings if "mapping" in w.file] == [
        "mapping.csv, column state: this mapping line matched no value of the export (value 'Atlantis')"]


def test_bad_mapping_files_are_refused(tmp_path, base):
    errors = errors_of(tmp_path, base, [HEADER, row()], mapping=(
        "kind,value,maps_to\n"
        "country,Trukey,TUR\n"
        "state,Trukey,Atlantis\n"
        "mandate,SR on tortur,SR-TORTUR\n"
        "state,Persia,IRN\n"
        "state,persia,IRQ\n"
        "type,Letter,LETTER\n"))
    assert errors == [
        "mapping.csv, row 2, column kind: is not a kind; use one of: state, mandate, non_state_actor, type, status, "
        "territory, institution (value 'country')",
        "mapping.csv, row 3, column maps_to: is not a State of the base snapshot (give its ISO3 code); closest: "
        "Albania (ALB) (value 'Atlantis')",
        "mapping.csv, row 4, column maps_to: is not a mandate_id of the base snapshot; closest: SR-TORTURE (Special "
        "Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment); SR-TRUTH (Special Rapporteur on the promotion of truth, justice, reparation and guarantees of "
        "non-recurrence); SR-OPT (Special Rapporteur on the situation of human rights in the Palestinian territories "
        "occupied since 1967) (value 'SR-TORTUR')",
        "mapping.csv, row 6, column value: is mapped differently in row 5 (value 'persia')",
        "mapping.csv, row 7, column maps_to: must be one of AL, UA, OL, JAL, JUA, JOL (value 'LETTER')",
    ]
    assert errors_of(tmp_path, base, [HEADER, row()], mapping="state,Trukey,TUR\n") == [
        "mapping.csv, row 1: the mapping file's header must be: kind,value,maps_to"]


def test_bad_cells_are_errors_naming_row_column_and_value(tmp_path, base):
    errors = errors_of(tmp_path, base, [
        HEADER,
        row(date="31/02/2023"),
        row(date="yesterday", ref="AL PER 2/2023"),
        row(ref="UA PER 3/2023", ctype="AL"),
        row(country="Chile", ref="AL PER 4/2023"),
        row(ref="AL PER 5/2023", victims="many"),
        row(ref="AL PER 6/2023", reply="2023-02-30"),
        row(ref="AL PER 7/2023", date="2023-05-02", reply="2023-04-01"),
        row(ref="", mandates=""),
    ])
    assert errors == [
        "bad.xlsx, row 2, column Date: is not a real calendar date (dates with / are read day/month/year) "
        "(value '31/02/2023')",
        "bad.xlsx, row 3, column Date: is not a date; write it as YYYY-MM-DD, DD/MM/YYYY or 12 May 2023 "
        "(value 'yesterday')",
        "bad.xlsx, row 4, column Type: says AL but the reference 'UA PER 3/2023' is a UA (value 'AL')",
        "bad.xlsx, row 5, column COUNTRY: is Chile (CHL) but the reference 'AL PER 4/2023' names PER; if 'Chile' "
        "stands for PER, add the mapping line state,Chile,PER (value 'Chile')",
        "bad.xlsx, row 6, column Nb. of alleged victims: must be a whole number of people (or empty) (value 'many')",
        "bad.xlsx, row 7, column Replies: is not a real calendar date (value '2023-02-30')",
        "bad.xlsx, row 9, column Ref. No.: a reference number is required",
    ]
    # A rule only the validator knows is still said of the export's own row.
    errors = errors_of(tmp_path, base, [HEADER, row(ref="AL PER 7/2023", date="2023-05-02", reply="2023-04-01")])
    assert errors == ["bad.xlsx, row 2, column replies.received_on: is before the communication was sent "
                      "(2023-05-02) (value '2023-04-01')"]


def test_ambiguous_mandates_and_conflicting_repeats(tmp_path):
    frames = reference_frames()
    extra = {"mandate_id": "WG-TORTURE", "title": "Working Group on torture", "kind": "thematic",
             "country_iso3": None, "established_on": D(2020, 1, 1), "ended_on": None}
    frames["mandates"] = pl.concat([frames["mandates"], pl.DataFrame([extra], schema=frames["mandates"].schema)])
    path, _ = write_snapshot(frames, source="base", simulated=False, root=tmp_path / "parquet", snapshot_id="b2")
    errors = errors_of(tmp_path, path, [HEADER, row(mandates="torture"),
                                        row(ref="AL PER 2/2023", mandates="SR torture"),
                                        row(ref="AL PER 2/2023", mandates="WGAD")])
    assert errors == [
        "bad.xlsx, row 2, column Mandates: ambiguous mandate 'torture': it matches SR-TORTURE, WG-TORTURE (rows 2); "
        "closest known: SR-TORTURE (Special Rapporteur on torture and other cruel, inhuman or degrading treatment or "
        "punishment); WG-TORTURE (Working Group on torture); to resolve it add a line to a mapping file (--mapping), "
        "e.g. mandate,torture,SR-TORTURE (value 'torture')",
        "bad.xlsx, row 4, column Ref. No.: repeats the reference of row 3 with a different mandates "
        "(value 'AL PER 2/2023')",
    ]


def test_header_problems(tmp_path, base):
    assert errors_of(tmp_path, base, [["Date", "Country", "Ref. no.", "Summary"], row()]) == [
        "bad.xlsx, row 1, column Mandates: required column is missing from the header"]
    assert errors_of(tmp_path, base, [["a", "b"], ["c", "d"]])[0].startswith(
        "bad.xlsx: no header row found in the first 30 rows; expected columns such as: Date, Country")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(SourceError) as info:
        import_communications(old, base=base, root=tmp_path / "parquet")
    assert [str(i) for i in info.value.issues] == [
        "old.xls: old Excel .xls files cannot be read; save the export as .xlsx or .csv"]


def test_a_simulated_base_gives_a_partly_simulated_snapshot(tmp_path, demo_snapshot):
    export = tmp_path / "e.csv"
    export.write_text("Date,Country,Type,Ref. no.,Mandates\n2024-06-20,Türkiye,JUA,UA TUR 99/2024,WGAD\n",
                      encoding="utf-8")
    result = import_communications(export, base=demo_snapshot.path, root=tmp_path / "parquet")
    snap = open_snapshot(result.path)
    assert snap.simulated is True
    assert "partly SIMULATED" in snap.source
    assert comm(read_snapshot_tables(snap), "UA TUR 99/2024")["mandate_ids"] == ["WG-AD"]


def test_command_line(tmp_path, base, capsys):
    export = tmp_path / "e.csv"
    export.write_text("Date,Country,Type,Ref. no.,Mandates\n2023-06-20,Peru,AL,AL PER 9/2023,WGAD\n", encoding="utf-8")
    code = main(["import-communications", str(export), "--base", str(base), "--parquet-dir", str(tmp_path / "parquet")])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    assert open_snapshot(Path(out[-1])).manifest["adapter"] == "comms"
    export.write_text("Date,Country,Type,Ref. no.,Mandates\n2023-06-20,Perru,AL,AL PER 9/2023,WGAD\n", encoding="utf-8")
    code = main(["import-communications", str(export), "--base", str(base), "--parquet-dir", str(tmp_path / "parquet")])
    err = capsys.readouterr().err
    assert code == 1
    assert "e.csv, row 2, column Country: unknown State 'Perru' (rows 2); closest known: Peru (PER)" in err
    assert err.strip().endswith("1 error(s); nothing was written.")
    assert json.loads((Path(out[-1]) / "manifest.json").read_text())["input_file"] == "e.csv"
