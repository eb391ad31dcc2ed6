"""What changed since the previous snapshot: a State's section on its profile."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from sp_data.diff import previous_snapshot
from sp_data.errors import SnapshotError
from sp_data.wording import DATE_FORMAT
from ui import cache
from ui import components as ui
from ui.state import View, carried_params

DATA_PAGE = "pages/data.py"


def state_section(view: View, iso3: str, name: str) -> None:
    """What changed about one State since the snapshot before the one shown (every record, dated)."""
    older = previous_snapshot(view.snapshot)
    st.subheader("What changed since the previous snapshot")
    if older is None:
        st.markdown("Nothing to compare with: this is the earliest snapshot.")
        return
    try:
        change = cache.diff(cache.verified(older), view.snapshot)
    except SnapshotError as exc:
        st.error(f"Cannot compare with the previous snapshot, {older}: {exc}")
        return
    rows = change.for_state(iso3)
    created = dt.date.fromisoformat(change.old.created[:10])
    since = f"the snapshot of {created.day} {created:%B %Y} ({older})"
    if rows.height == 0:
        st.markdown(f"**No change** for {name} since {since}: no new or corrected visit event, standing "
                    "invitation, communication or reply.")
    else:
        st.markdown(f"**{rows.height:,} change{'s' if rows.height > 1 else ''}** for {name} since {since}.")
        ui.table(view, change.readable(rows), f"{iso3}-changes-since-{older}", title=f"{name}: changes since {older}",
                 columns={
            "date": st.column_config.DateColumn("Date", format=DATE_FORMAT),
            "change": "Change",
            "direction": "Added or removed",
            "mandate_names": "Mandates",
            "detail_text": "Detail",
        }, filters=f"changes since snapshot {older}")
    if change.simulated:
        st.caption("At least one of the two snapshots is simulated: these changes are invented.")
    st.page_link(DATA_PAGE, label="Every change, for every State", icon=":material/difference:",
                 query_params={**carried_params(), "compare": older})
