"""Data and definitions: provenance of the snapshot, every definition, the tables as downloads."""
import streamlit as st

from sp_data.catalog import comparable_snapshots, provenance, snapshot_list, table
from sp_data.coverage import coverage_lines
from sp_data.errors import SnapshotError
from sp_data.definitions import DEFINITIONS, TITLES
from sp_data.facts import data_extent
from sp_data.schema import TABLE_ORDER
from ui import components as ui
from ui.cache import diff, verified
from ui.importer import upload_box
from ui.state import current, url_selectbox

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
if extent.get("first_date") is None:
    cols[3].metric("Data covers", "no dates", border=True,
                   help="This snapshot holds no dated visit event, invitation, communication or reply.")
else:
    cols[3].metric("Data covers", f"{extent['first_date']:%Y}–{extent['last_date']:%Y}", border=True,
                   help=f"From {extent['first_date']:%d %B %Y} to {extent['last_date']:%d %B %Y}: the first and "
                        "last dates of the visit events, invitations, communications and replies.")
st.markdown(f"**Source:** {snap.source}")
details = [f"schema version {m.get('schema_version')}", f"content sha256 `{m.get('content_sha256', '')[:16]}…`"]
if m.get("calibrated_to"):
    details.append(f"calibrated to: {m['calibrated_to']}")
st.caption(" · ".join(details) + ". Every file's checksum was verified when the snapshot was opened.")
ui.table(view, provenance(snap), "snapshot-files",
         {"table": "Table", "file": "File", "rows": st.column_config.NumberColumn("Rows", format="%d"),
          "sha256": "sha256 (verified)"})
st.markdown("**What the snapshot covers.** A figure that needs records it does not hold, or a period outside "
            "theirs, reads “not recorded in this snapshot”, never 0.\n\n"
            + "\n".join(f"- {line}" for line in view.data(coverage_lines)))

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

st.subheader("Snapshots")
st.markdown("Every snapshot in the snapshots folder. The current one is what the dashboard opens by default "
            "(`python -m sp_data use ID` changes it); the sidebar can show any of them.")
ui.table(view, snapshot_list(), "snapshots",
         {"current": "Current", "id": "Snapshot", "created": "Created", "simulated": "Simulated",
          "source": "Source", "status": "Status"})

st.subheader("What changed")
others = comparable_snapshots(snap.id)
if not others:
    ui.empty("This is the only snapshot, so there is nothing to compare it with. Import a newer or older "
             "extract of the records to see what changed between them.")
else:
    older = url_selectbox("Compare with", others, "compare", lambda s: s,
                          help="The earlier snapshot; the table lists what changed from it to the one shown.")
    try:
        change = diff(verified(older), snap)
    except SnapshotError as exc:
        change = None
        st.error(f"Cannot compare with {older}: {exc}")
    if change is not None:
        st.markdown(f"**{change.title}**")
        if change.simulated:
            st.caption("At least one of the two snapshots is simulated: these changes are invented.")
        totals = change.totals()
        cols = st.columns(5)
        for col, key in zip(cols, ("new requests", "acceptances", "visits", "new communications", "new replies")):
            col.metric(key.capitalize(), f"{totals.get(key, 0):,}", border=True)
        summary = change.summary()
        if summary.height == 0:
            ui.empty("Nothing changed between the two snapshots.")
        else:
            ui.table(view, summary, f"what-changed-since-{older}",
                     {"who": "State (or actor)", "iso3": "ISO3", "regional_group": "Group",
                      **{c: c.capitalize() for c in summary.columns[3:]}}, height=360)
            st.markdown("**Every change**")
            ui.table(view, change.changes, f"changes-since-{older}",
                     {"state": "State", "party": "Non-State actor", "section": "Record", "change": "Change",
                      "direction": "Added or removed", "date": st.column_config.DateColumn("Date"),
                      "mandates": "Mandates", "ref": "Reference", "detail": "Detail"}, height=360)

st.subheader("Import a snapshot")
upload_box(view)
