"""One number per question: every figure shown in more than one place has the same value in each.

For two sets of filters (2023, all groups; 2020, APG and EEG), each figure is read where a person
reads it: the pages (AppTest: tiles, chart data, tables), the year and State PDFs (their text, via
pypdf), the CSV and XLSX exports (read back as files), and the command line (`facts`, `states`).
The expected values are written out, so a surface that drifts fails here, whichever it is.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re

import openpyxl
import pyarrow as pa
import pandas as pd
import pypdf
import pytest

from conftest import metrics, vega_specs
from sp_data import exports
from sp_data.briefing import state_pdf, year_pdf
from sp_data.cli import main
from sp_data.exports import Provenance
from sp_data.params import Filters
from sp_data.visits import visits_carried_out

CASES = {
    "2023-all": {
        "query": {"year": "2023"}, "as_at": dt.date(2023, 12, 31), "regions": (),
        "visits": 82, "visits_by_group": {"AG": 22, "APG": 21, "GRULAC": 15, "WEOG": 14, "EEG": 5, None: 5},
        "communications_sent": 723, "reply_rate": "43.15 %", "never_visited": 21, "standing_invitations": 128,
        "five_plus_no_acceptance": 24,
        "to_states_by_group": {"AG": 92, "APG": 210, "EEG": 69, "GRULAC": 81, "WEOG": 81, None: 3},
        "states_addressed": 126, "non_state_actors": 163,
        "irn_pending": 8, "irn_sent": 3, "irn_rate": "33.33 %",
    },
    "2020-APG-EEG": {
        "query": {"year": "2020", "groups": ["EEG", "APG"]}, "as_at": dt.date(2020, 12, 31), "regions": ("APG", "EEG"),
        "visits": 6, "visits_by_group": {"APG": 5, "EEG": 1},
        "communications_sent": 431, "reply_rate": "34.80 %", "never_visited": 8, "standing_invitations": 44,
        "five_plus_no_acceptance": 3,
        "to_states_by_group": {"APG": 302, "EEG": 63},
        "states_addressed": 65, "non_state_actors": 42,
        "irn_pending": 3, "irn_sent": 3, "irn_rate": "0.00 %",
    },
}


def _number(text: str) -> int:
    return int(re.match(r"\s*([\d,]+)", text).group(1).replace(",", ""))


def _chart_rows(at, title_start: str) -> list[dict]:
    """The data rows of the chart whose title starts with title_start (every dataset Streamlit sent with it)."""
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        title = spec.get("title") or {}
        text = title.get("text") if isinstance(title, dict) else title
        text = " ".join(text.split()) if isinstance(text, str) else text  # ui.chart wraps titles for phones
        if text and text.startswith(title_start):
            rows = [row for rows in spec.get("datasets", {}).values() for row in rows]
            for dataset in element.proto.datasets:
                rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
            return rows
    raise AssertionError(f"no chart titled {title_start!r}; titles: {[s.get('title') for s in vega_specs(at)]}")


def _by_group(rows: list[dict], value: str) -> dict:
    """{group: value} from a chart's rows (the bar and its label share each row: counted once)."""
    out = {}
    for row in rows:
        if value in row:
            group = row.get("regional_group")
            out[None if group in (None, "No group") else group] = row[value]  # the chart names the empty group
    return out


def _cli(capsys, *args) -> object:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _cli_args(case) -> list[str]:
    return ["--as-at", case["as_at"].isoformat()] + [a for g in case["regions"] for a in ("--region", g)]


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _figure(text: str, label: str) -> str:
    """The value printed after a label on one line of a PDF's text."""
    match = re.search(re.escape(label) + r" ([\d,.]+(?: %)?)\n", text)
    assert match, f"{label!r} not found in the PDF"
    return match.group(1)


@pytest.fixture(params=list(CASES))
def case(request):
    return {"name": request.param, **CASES[request.param]}


def test_visits_carried_out_are_one_number(app, case, demo_db, demo_snapshot, capsys):
    overview = app("pages/overview.py", **case["query"]).run()
    visits_page = app("pages/country_visits.py", **case["query"]).run()
    assert not overview.exception and not visits_page.exception
    # Tiles
    assert _number(metrics(overview)["Visits carried out"]) == case["visits"]
    assert _number(metrics(visits_page)["Visits carried out"]) == case["visits"]
    # The chart of the same title on both pages, group by group (territories, institutions: no group)
    y = case["as_at"].year
    on_overview = _by_group(_chart_rows(overview, f"Country visits carried out in {y}, by host's regional group"), "visits")
    on_page = _by_group(_chart_rows(visits_page, f"Visits carried out in {y}, by host's regional group"), "visits")
    assert on_overview == on_page == case["visits_by_group"]
    assert sum(on_overview.values()) == case["visits"]
    # The trend's point for the year, summed over the groups
    trend = [r for r in _chart_rows(overview, "Country visits carried out per year") if r["year"] == y]
    assert sum(r["visits"] for r in trend) == case["visits"]
    # The table of visits and its CSV and XLSX exports
    table = next(df.value for df in visits_page.dataframe if {"mandate_title", "visit_start"} <= set(df.value.columns))
    assert len(table) == case["visits"]
    filters = Filters(as_at=case["as_at"], regions=case["regions"])
    frame = visits_carried_out(demo_db, filters)
    prov = Provenance.of(demo_snapshot, filters)
    csv = pd.read_csv(io.BytesIO(exports.table_csv(frame, prov)), comment="#", encoding="utf-8-sig")
    assert len(csv) == case["visits"]
    ws = openpyxl.load_workbook(io.BytesIO(exports.table_xlsx(frame, prov, "visits-carried-out")))["Data"]
    assert ws.max_row - exports.HEADER_ROW == case["visits"]
    # The year PDF and the command line
    text = _pdf_text(year_pdf(demo_db, demo_snapshot, filters))
    assert _figure(text, "Country visits carried out in the year") == str(case["visits"])
    assert f"Visits carried out in {y} ({case['visits']})" in text
    assert _cli(capsys, "facts", *_cli_args(case))["visits_in_year"] == case["visits"]


def test_communications_and_reply_rate_are_one_number(app, case, demo_db, demo_snapshot, capsys):
    overview = app("pages/overview.py", **case["query"]).run()
    comms_page = app("pages/communications.py", **case["query"]).run()
    assert not overview.exception and not comms_page.exception
    sent = case["communications_sent"]
    assert _number(metrics(overview)["Communications sent"]) == sent
    assert _number(metrics(comms_page)["Communications sent"]) == sent
    assert metrics(overview)["Substantive reply rate"] == metrics(comms_page)["Substantive reply rate"] == case["reply_rate"]
    y = case["as_at"].year
    # The trend counts letters to States and to non-State actors, as its title says: the tile's number.
    trend_title = f"Communications to States and non-State actors, {y - 12}–{y}"
    assert trend_title in [" ".join(s["title"]["text"].split()) for s in vega_specs(overview)]
    trend = [r for r in _chart_rows(overview, trend_title) if r["year"] == y]
    assert sum(r["communications"] for r in trend) == sent
    # The bar counts letters to States, as its title says: the Communications page's table of States.
    bars = _by_group(_chart_rows(overview, f"Communications sent to States in {y}"), "communications_in_year")
    assert bars == case["to_states_by_group"]
    table = next(df.value for df in comms_page.dataframe if {"name", "communications"} <= set(df.value.columns))
    per_group = table.groupby("regional_group", dropna=False)["communications"].sum()
    assert {(None if pd.isna(k) else k): int(v) for k, v in per_group.items()} == case["to_states_by_group"]
    states_cli = _cli(capsys, "states", *_cli_args(case))
    assert sum(r["communications_in_year"] for r in states_cli) == sum(case["to_states_by_group"].values())
    # States and non-State actors addressed: the tiles, the rows of the page's two tables, the CLI's States.
    actors = next(df.value for df in comms_page.dataframe if "recipient" in df.value.columns)
    for at in (overview, comms_page):
        assert _number(metrics(at)["States addressed"]) == case["states_addressed"]
        assert _number(metrics(at)["Non-State actors addressed"]) == case["non_state_actors"]
    assert len(table) == case["states_addressed"] and len(actors) == case["non_state_actors"]
    assert sum(1 for r in states_cli if r["communications_in_year"]) == case["states_addressed"]
    filters = Filters(as_at=case["as_at"], regions=case["regions"])
    text = _pdf_text(year_pdf(demo_db, demo_snapshot, filters))
    assert _figure(text, "Communications sent in the year") == f"{sent:,}"
    assert _figure(text, "Substantive reply rate") == case["reply_rate"]
    facts_cli = _cli(capsys, "facts", *_cli_args(case))
    assert facts_cli["communications_sent"] == sent
    assert f"{facts_cli['reply_rate_percent']:.2f} %" == case["reply_rate"]


def test_state_figures_are_one_number(app, case, demo_db, demo_snapshot, capsys):
    filters = Filters(as_at=case["as_at"], regions=case["regions"])
    overview = app("pages/overview.py", **case["query"]).run()
    never = app("pages/never_visited.py", **case["query"]).run()
    invitations = app("pages/standing_invitations.py", **case["query"]).run()
    pending = app("pages/pending_requests.py", **case["query"]).run()
    for at in (overview, never, invitations, pending):
        assert not at.exception
    tiles = metrics(overview)
    assert _number(tiles["Never visited"]) == _number(metrics(never)["Never visited"]) == case["never_visited"]
    assert (_number(tiles["Member States"]) == _number(metrics(invitations)["Member States with a standing invitation"])
            == case["standing_invitations"])
    n = filters.threshold
    window = next(label for label in metrics(pending) if label.startswith("…Member States with no visit accepted"))
    assert (_number(tiles["5+ pending, none accepted"]) == _number(metrics(pending)[window])
            == case["five_plus_no_acceptance"]), n
    text = _pdf_text(year_pdf(demo_db, demo_snapshot, filters))
    assert _figure(text, "Member States never visited") == str(case["never_visited"])
    assert _figure(text, "Member States with a standing invitation") == str(case["standing_invitations"])
    assert _figure(text, "Five or more pending requests, no visit accepted") == str(case["five_plus_no_acceptance"])
    facts_cli = _cli(capsys, "facts", *_cli_args(case))
    assert facts_cli["member_states_never_visited"] == case["never_visited"]
    assert facts_cli["standing_invitations_member_states"] == case["standing_invitations"]
    assert facts_cli["member_states_five_plus_pending_no_acceptance"] == case["five_plus_no_acceptance"]


def test_a_states_pending_requests_are_one_number(app, case, demo_db, demo_snapshot, capsys):
    profile = app("pages/profile.py", state="IRN", **case["query"]).run()
    assert not profile.exception
    assert _number(metrics(profile)["Pending requests"]) == case["irn_pending"]
    filters = Filters(as_at=case["as_at"], regions=case["regions"])
    text = _pdf_text(state_pdf(demo_db, demo_snapshot, filters, "IRN"))
    assert re.search(rf"\nPending requests {case['irn_pending']} ", text)
    rows = {r["iso3"]: r for r in _cli(capsys, "states", "--as-at", case["as_at"].isoformat())}
    assert rows["IRN"]["pending_requests"] == case["irn_pending"]
    # Its communications and reply rate in the year: the profile's tiles, its PDF's key figures, the CLI.
    y = case["as_at"].year
    assert metrics(profile)[f"Communications sent, {y}"] == str(case["irn_sent"])
    assert metrics(profile)[f"Substantive reply rate, {y}"] == case["irn_rate"]
    assert re.search(rf"\nCommunications sent, {y} {case['irn_sent']}\n", text)
    assert re.search(rf"\nSubstantive reply rate, {y} {re.escape(case['irn_rate'])} ", text)
    assert rows["IRN"]["communications_in_year"] == case["irn_sent"]
    assert f"{rows['IRN']['reply_rate_percent']:.2f} %" == case["irn_rate"]
