"""Data and definitions: provenance of the snapshot, every definition, the tables as downloads."""
import datetime as dt

import streamlit as st

from sp_data.catalog import comparable_snapshots, provenance, snapshot_list
from sp_data.diff import Diff
from sp_data.errors import SnapshotError
from sp_data.definitions import DEFINITIONS, TITLES
from sp_data.facts import data_extent
from sp_data.page_data import data
from sp_data.plain import formal, reply_rate_example
from sp_data.wording import DATE_FORMAT, date_text, dates_in_words, named, table_name
from sp_data.schema import TABLE_ORDER
from ui import components as ui
from ui import history
from ui.cache import diff, verified
from ui.importer import public_build_box, upload_box
from ui.state import current, url_selectbox

view = current()
ui.header(view, "Data and definitions",
          "Where the numbers come from, what each one means, and the data itself.")
snap = view.snapshot
m = snap.manifest
extent = view.data(data_extent)  # the sidebar's, from the cache
d = view.data(data.load, view.filters)

st.subheader("The snapshot")
cols = st.columns(4)
cols[0].metric("Snapshot", snap.id, border=True)
try:
    created = date_text(dt.date.fromisoformat(snap.created[:10]))
except (TypeError, ValueError):
    created = snap.created or "–"
cols[1].metric("Created", created, border=True)
cols[2].metric("Simulated", "Yes" if snap.simulated else "No", border=True,
               help="A simulated snapshot holds invented events; its numbers are not official figures.")
if extent.get("first_date") is None:
    cols[3].metric("Data covers", "no dates", border=True,
                   help="This snapshot holds no dated visit event, invitation, communication or reply.")
else:
    cols[3].metric("Data covers", f"{extent['first_date']:%Y}–{extent['last_date']:%Y}", border=True,
                   help=f"From {date_text(extent['first_date'])} to {date_text(extent['last_date'])}: the first and "
                        "last dates of the visit events, invitations, communications and replies.")
st.markdown(f"**Source:** {snap.source}")
if m.get("calibrated_to"):
    st.caption(f"Calibrated to: {dates_in_words(m['calibrated_to'])}")
st.markdown("**What the snapshot covers.** A figure that needs records it does not hold, or a period outside "
            "theirs, reads “not recorded in this snapshot”, never 0.\n\n"
            + "\n".join(f"- {line}" for line in d.coverage_lines))

st.subheader("Definitions")
st.markdown("Every figure in the dashboard follows these definitions, in the words of the design document. "
            "In them, *d* is the as-at date and *Y* its year; words set in `code type` are the names of "
            "columns in the data.")
example = reply_rate_example(d.facts, view.filters, short=True)
for term in DEFINITIONS:
    st.markdown(f"**{TITLES[term]}.** {formal(term, example if term == 'reply_rate' else None)}")

st.subheader("Tables")
st.markdown("The snapshot's tables as the import format writes them, to download whole: the column "
            "headings are the import format's own names.")
name = url_selectbox("Table", list(TABLE_ORDER), "table", format_func=table_name, key="table", what="Table",
                     where="in the import format")
chosen = view.data(data.load_table, view.filters, name)
frame = chosen.frame
if frame.height == 0:
    ui.empty(f"The {table_name(chosen.name).lower()} table of this snapshot is empty.")
else:
    ui.table(view, frame, f"table-{chosen.name}", {c: c for c in frame.columns}, height=360)

history.section(view)

st.subheader("Snapshots")
st.markdown("Every snapshot in the snapshots folder. The current one is what the dashboard opens by default "
            "(an editor's recorded change or undo, or the administrator's command-line tool, changes it); the "
            "sidebar can show any of them.")
ui.table(view, snapshot_list(), "snapshots",
         {"current": "Current", "id": "Snapshot", "created": "Created", "simulated": "Simulated",
          "source": "Source", "status": "Status"})

st.subheader("What changed")
others = comparable_snapshots(snap.id)
if not others:
    ui.empty("This is the only snapshot, so there is nothing to compare it with. Import a newer or older "
             "extract of the records to see what changed between them.")
else:
    older = url_selectbox("Compare with", others, "compare", history.snapshot_words(),
                          help="The earlier snapshot; the table lists what changed from it to the one shown.",
                          what="Snapshot", where="among the snapshots this one can be compared with")
    assert older is not None  # the list is not empty, so the box always holds a choice
    change: Diff | None
    try:
        change = diff(verified(older), snap, view.filters.regions)
    except SnapshotError as exc:
        change = None
        st.error(f"Cannot compare with {older}: {exc}")
    if change is not None:
        st.markdown(f"**{dates_in_words(change.title).replace(' -> ', ' to ')}** · {view.groups_text}")
        if change.simulated:
            st.caption("At least one of the two snapshots is simulated: these changes are invented.")
        totals = change.totals()
        for col, key in zip(st.columns(5), ("new requests", "acceptances", "visits", "new communications", "new replies"), strict=True):
            col.metric(key.capitalize(), f"{totals.get(key, 0):,}", border=True)
        by_state = change.by_state()
        if change.changes.height == 0:
            ui.empty(f"Nothing changed between the two snapshots in {view.groups_text}.")
        if by_state.height:
            st.markdown("**By State**, most changes first; a State of "
                        + ("the selected groups" if view.filters.regions else "any group")
                        + " with none says *no change*.")
            ui.table(view, by_state, f"what-changed-since-{older}",
                     {"who": "State (or actor)", "regional_group": "Group",
                      "what": st.column_config.TextColumn("What changed", width="large"),
                      "all changes": st.column_config.NumberColumn("Changes", format="%d"),
                      **{c: st.column_config.NumberColumn(c.capitalize(), format="%d")
                         for c in by_state.columns[3:-2]}},
                     height=360, filters=f"changes since snapshot {older}",
                     title=f"What changed since snapshot {older}, by State")
        if change.changes.height:
            st.markdown("**Every change**")
            ui.table(view, change.readable(), f"changes-since-{older}",
                     {"state": "State", "party_text": "Non-State actor", "section_name": "Record", "change": "Change",
                      "direction": "Added or removed", "date": st.column_config.DateColumn("Date", format=DATE_FORMAT),
                      "mandate_names": "Mandates", "ref": "Reference", "detail_text": "Detail"}, height=360,
                     filters=f"changes since snapshot {older}", title=f"Every change since snapshot {older}")

with st.expander("Files and checksums"):
    files = named(provenance(snap))
    st.markdown(f"The snapshot is {files.height} files, one per table. Each file's checksum (its SHA-256 "
                "fingerprint, recorded when the snapshot was written) was checked when the snapshot was opened, "
                "and all match: no file has changed since. "
                f"Import format version {m.get('schema_version')}.")
    ui.table(view, files, "snapshot-files",
             {"table_name": "Table", "rows": st.column_config.NumberColumn("Rows", format="%d"),
              "sha256": st.column_config.TextColumn("Checksum (checked)", width="large")})

st.subheader("Import a snapshot")
upload_box(view)

st.subheader("Build from public sources")
public_build_box(view)
