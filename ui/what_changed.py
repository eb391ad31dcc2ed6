"""What changed since the previous snapshot: a State's section on its profile."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from sp_data.diff import previous_snapshot
from sp_data.errors import SnapshotError
from sp_data.i18n import _, n_, number
from sp_data.wording import date_column_format, date_text
from ui import cache
from ui import components as ui
from ui.state import View, carried_params

DATA_PAGE = "pages/data.py"


def state_section(view: View, iso3: str, name: str) -> None:
    """What changed about one State since the snapshot before the one shown (every record, dated)."""
    older = previous_snapshot(view.snapshot)
    st.subheader(_("What changed since the previous snapshot"))
    if older is None:
        st.markdown(_("Nothing to compare with: this is the earliest snapshot."))
        return
    try:
        change = cache.diff(cache.verified(older), view.snapshot)
    except SnapshotError as exc:
        st.error(_("Cannot compare with the previous snapshot, {snapshot}: {problem}").format(snapshot=older,
                                                                                             problem=exc))
        return
    rows = change.for_state(iso3)
    created = dt.date.fromisoformat(change.old.created[:10])
    since = _("the snapshot of {date} ({snapshot})").format(date=date_text(created), snapshot=older)
    if rows.height == 0:
        st.markdown(_("**No change** for {name} since {since}: no new or corrected visit event, standing "
                      "invitation, communication or reply.").format(name=name, since=since))
    else:
        st.markdown(n_("**{n} change** for {name} since {since}.", "**{n} changes** for {name} since {since}.",
                       rows.height).format(n=number(rows.height), name=name, since=since))
        ui.table(view, change.readable(rows), f"{iso3}-changes-since-{older}",
                 title=_("{name}: changes since {snapshot}").format(name=name, snapshot=older),
                 columns={
            "date": st.column_config.DateColumn(_("Date"), format=date_column_format()),
            "change_name": _("Change"),
            "direction_name": _("Added or removed"),
            "mandate_names": _("Mandates"),
            "detail_text": _("Detail"),
        }, filters=_("changes since snapshot {snapshot}").format(snapshot=older))
    if change.simulated:
        st.caption(_("At least one of the two snapshots is simulated: these changes are invented."))
    st.page_link(DATA_PAGE, label=_("Every change, for every State"), icon=":material/difference:",
                 query_params={**carried_params(), "compare": older})
