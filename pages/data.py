"""Data and definitions: provenance of the snapshot, every definition, the tables as downloads."""
import datetime as dt

import streamlit as st

from sp_data.catalog import comparable_snapshots, provenance
from sp_data.diff import Diff
from sp_data.errors import SnapshotError, problem_text
from sp_data.definitions import DEFINITIONS, TITLES
from sp_data.facts import data_extent
from sp_data.page_data import data
from sp_data.plain import formal, reply_rate_example
from sp_data.i18n import N_, _, n_, number
from sp_data.wording import date_text, named, table_name
from sp_data.schema import TABLE_ORDER
from ui import components as ui
from ui import history
from ui.cache import diff, verified
from ui.importer import public_build_box, upload_box
from ui.state import current, url_selectbox

# The totals of "what changed" shown as tiles.
TOTALS = ("new requests", "acceptances", "visits", "new communications", "new replies")

view = current()
ui.header(view, _("Data and definitions"),
          _("Where the numbers come from, what each one means, and the data itself."))
snap = view.snapshot
m = snap.manifest
extent = view.data(data_extent)  # the sidebar's, from the cache
d = view.data(data.load, view.filters)

st.subheader(_("The snapshot"))
cols = st.columns(4)
cols[0].metric(_("Snapshot"), snap.id, border=True, height="stretch")
try:
    created = date_text(dt.date.fromisoformat(snap.created[:10]))
except (TypeError, ValueError):
    created = snap.created or "–"
cols[1].metric(_("Created"), created, border=True, height="stretch")
cols[2].metric(_("Simulated"), _("Yes") if snap.simulated else _("No"), border=True, height="stretch",
               help=_("A simulated snapshot holds invented events; its numbers are not official figures."))
if extent.get("first_date") is None:
    cols[3].metric(_("Data covers"), _("no dates"), border=True, height="stretch",
                   help=_("This snapshot holds no dated visit event, invitation, communication or reply."))
else:
    cols[3].metric(_("Data covers"), f"{extent['first_date']:%Y}–{extent['last_date']:%Y}", border=True,
                   height="stretch",
                   help=_("From {first} to {last}: the first and last dates of the visit events, invitations, "
                          "communications and replies.").format(first=date_text(extent["first_date"]),
                                                                 last=date_text(extent["last_date"])))
st.markdown(_("**Source:** {source}").format(source=data.source_text(snap.source)))
if m.get("calibrated_to"):
    st.caption(_("Calibrated to: {report}").format(report=data.source_text(m["calibrated_to"])))
st.markdown(_("**What the snapshot covers.** A figure that needs records it does not hold, or a period outside "
              "theirs, reads “not recorded in this snapshot”, never 0.") + "\n\n"
            + "\n".join(f"- {line}" for line in d.coverage_lines))

st.subheader(_("Definitions"))
st.markdown(_("Every figure in the dashboard follows these definitions, in the words of the design document. "
              "In them, *d* is the as-at date and *Y* its year; words set in `code type` are the names of "
              "columns in the data."))
example = reply_rate_example(d.facts, view.filters, short=True)
for term in DEFINITIONS:
    st.markdown(f"**{_(TITLES[term])}.** {formal(term, example if term == 'reply_rate' else None)}")

st.subheader(_("Tables"))
st.markdown(_("The snapshot's tables as the import format writes them, to download whole: the column "
              "headings are the import format's own names."))
name = url_selectbox(_("Table"), list(TABLE_ORDER), "table", format_func=table_name, key="table", what=N_("Table"),
                     where=N_("in the import format"))
chosen = view.data(data.load_table, view.filters, name)
frame = chosen.frame
if frame.height == 0:
    ui.empty(_("The table “{table}” of this snapshot is empty.").format(table=table_name(chosen.name)))
else:
    ui.table(view, frame, f"table-{chosen.name}", {c: c for c in frame.columns}, height=360)

history.section(view)

st.subheader(_("Snapshots"))
st.markdown(_("Every snapshot in the snapshots folder. The current one is what the dashboard opens by default "
              "(an editor's recorded change or undo, or the administrator's command-line tool, changes it); the "
              "sidebar can show any of them."))
ui.table(view, data.snapshots(), "snapshots",
         {"current": _("Current"), "id": _("Snapshot"), "created": _("Created"), "simulated": _("Simulated"),
          "source": _("Source"), "status": _("Status")})

st.subheader(_("What changed"))
others = comparable_snapshots(snap.id)
if not others:
    ui.empty(_("This is the only snapshot, so there is nothing to compare it with. Import a newer or older "
               "extract of the records to see what changed between them."))
else:
    older = url_selectbox(_("Compare with"), others, "compare", history.snapshot_words(),
                          help=_("The earlier snapshot; the table lists what changed from it to the one shown."),
                          what=N_("Snapshot"), where=N_("among the snapshots this one can be compared with"))
    assert older is not None  # the list is not empty, so the box always holds a choice
    change: Diff | None
    try:
        change = diff(verified(older), snap, view.filters.regions)
    except SnapshotError as exc:
        change = None
        st.error(_("Cannot compare with {snapshot}: {problem}").format(snapshot=older, problem=problem_text(exc)))
    if change is not None:
        st.markdown(f"**{data.diff_title(change)}** · {view.groups_text}")
        if change.simulated:
            st.caption(_("At least one of the two snapshots is simulated: these changes are invented."))
        totals = change.totals()
        for col, key in zip(st.columns(5), TOTALS, strict=True):
            col.metric(data.count_label(key), number(totals.get(key, 0)), border=True, height="stretch")
        by_state = change.by_state()
        if change.changes.height == 0:
            ui.empty(_("Nothing changed between the two snapshots in {groups}.").format(groups=view.groups_text))
        if by_state.height:
            st.markdown(_("**By State**, most changes first; a State of the selected groups with none says "
                          "*no change*.") if view.filters.regions else
                        _("**By State**, most changes first; a State of any group with none says *no change*."))
            ui.table(view, by_state, f"what-changed-since-{older}",
                     {"who": _("State (or actor)"), "regional_group": _("Group"),
                      "what": st.column_config.TextColumn(_("What changed"), width="large"),
                      "all changes": st.column_config.NumberColumn(_("Changes"), format="%d"),
                      **{c: st.column_config.NumberColumn(data.count_label(c), format="%d")
                         for c in by_state.columns[3:-2]}},
                     height=360, filters=_("changes since snapshot {snapshot}").format(snapshot=older),
                     title=_("What changed since snapshot {snapshot}, by State").format(snapshot=older))
        if change.changes.height:
            st.markdown(_("**Every change**"))
            ui.table(view, change.readable(), f"changes-since-{older}", history.change_columns(),
                     height=360, filters=_("changes since snapshot {snapshot}").format(snapshot=older),
                     title=_("Every change since snapshot {snapshot}").format(snapshot=older))

with st.expander(_("Files and checksums")):
    files = named(provenance(snap))
    st.markdown(n_("The snapshot is {n} file, one per table.", "The snapshot is {n} files, one per table.",
                   files.height).format(n=files.height) + " "
                + _("Each file's checksum (its SHA-256 fingerprint, recorded when the snapshot was written) was "
                    "checked when the snapshot was opened, and all match: no file has changed since. Import format "
                    "version {version}.").format(version=m.get("schema_version")))
    ui.table(view, files, "snapshot-files",
             {"table_name": _("Table"), "rows": st.column_config.NumberColumn(_("Rows"), format="%d"),
              "sha256": st.column_config.TextColumn(_("Checksum (checked)"), width="large")})

st.subheader(_("Import a snapshot"))
upload_box(view)

st.subheader(_("Build from public sources"))
public_build_box(view)
