"""Data and definitions: provenance of the snapshot, every definition, the tables as downloads."""
import streamlit as st

from sp_data.catalog import provenance, table
from sp_data.definitions import DEFINITIONS, TITLES
from sp_data.facts import data_extent
from sp_data.schema import TABLE_ORDER
from ui import components as ui
from ui.state import current

view = current()
ui.header(view, "Data and definitions",
          "Where the numbers come from, what each one means, and the data itself.")
snap = view.snapshot
m = snap.manifest
extent = view.data(data_extent)

st.subheader("The snapshot")
cols = st.columns(4)
cols[0].metric("Snapshot", snap.id, border=True)
cols[1].metric("Created", snap.created[:10], border=True)
cols[2].metric("Simulated", "Yes" if snap.simulated else "No", border=True,
               help="A simulated snapshot holds invented events; its numbers are not official figures.")
cols[3].metric("Data covers", f"{extent['first_date']:%Y}–{extent['last_date']:%Y}", border=True,
               help=f"From {extent['first_date']:%d %B %Y} to {extent['last_date']:%d %B %Y}: the first and last "
                    "dates of the visit events, invitations, communications and replies.")
st.markdown(f"**Source:** {snap.source}")
details = [f"schema version {m.get('schema_version')}", f"content sha256 `{m.get('content_sha256', '')[:16]}…`"]
if m.get("calibrated_to"):
    details.append(f"calibrated to: {m['calibrated_to']}")
st.caption(" · ".join(details) + ". Every file's checksum was verified when the snapshot was opened.")
ui.table(view, provenance(snap), "snapshot-files",
         {"table": "Table", "file": "File", "rows": st.column_config.NumberColumn("Rows", format="%d"),
          "sha256": "sha256 (verified)"})

st.subheader("Definitions")
st.markdown("Every figure in the dashboard follows these definitions (from the design document; "
            "the SQL in `queries/` implements them). *d* is the as-at date, *Y* its year.")
for term, text in DEFINITIONS.items():
    st.markdown(f"**{TITLES[term]}.** {text}")

st.subheader("Tables")
st.markdown("The snapshot's tables in the import format, to download whole.")
name = st.selectbox("Table", list(TABLE_ORDER), key="table", bind="query-params")
frame = view.data(table, name)
if frame.height == 0:
    ui.empty(f"The {name} table of this snapshot is empty.")
else:
    ui.table(view, frame, f"table-{name}", {c: c for c in frame.columns}, height=360)
