"""The comparison briefing: two to six States side by side, their ranks within their groups and their years."""
from __future__ import annotations

from collections.abc import Sequence

import duckdb

from sp_data.briefing.layout import Briefing, Column, date_text, definition
from sp_data.charts.compare import states_over_years
from sp_data.compare import MAX_STATES, MIN_STATES, Comparison, comparison
from sp_data.errors import UnknownState
from sp_data.exports import Provenance
from sp_data.i18n import _
from sp_data.params import Filters
from sp_data.profile import state_choices
from sp_data.snapshot import Snapshot

DEFINITION_TERMS = ("reporting_year", "window", "standing_invitation", "pending", "visit_in_year", "visited",
                    "communications", "reply_rate")


def checked_states(con: duckdb.DuckDBPyConnection, filters: Filters, states: Sequence[str]) -> tuple[str, ...]:
    """The codes in upper case, each once; UnknownState for a code the snapshot lacks, ValueError for too few or many."""
    codes = tuple(dict.fromkeys(s.strip().upper() for s in states if s.strip()))
    known = set(state_choices(con, filters).options)
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UnknownState(_("no State with the code {codes} in this snapshot").format(codes=", ".join(unknown)))
    if not MIN_STATES <= len(codes) <= MAX_STATES:
        raise ValueError(_("a comparison needs two to six States, not {n}").format(n=len(codes)))
    return codes


def compare_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters, states: Sequence[str]) -> bytes:
    """The comparison as PDF bytes (UnknownState for an unknown code, ValueError for fewer than two or more than six)."""
    c = comparison(con, filters, checked_states(con, filters, states))
    names = [c.names[s] for s in c.states]
    listed = ", ".join(names)
    d = date_text(filters.as_at)
    prov = Provenance.of(snapshot, filters, extra=_("States: {names}").format(names=listed))
    pdf = Briefing(prov, _("{names}: cooperation with the special procedures compared").format(names=listed),
                   running_title=_("Comparison · {names} · as at {date}").format(names=listed, date=d))
    pdf.title_block(_("Comparison of {n} States").format(n=len(names)),
                    _("Cooperation with the special procedures of the Human Rights Council, as at {date}").format(
                        date=d), listed + " · " + _("snapshot {id} of {created}").format(id=snapshot.id,
                                                                                          created=prov.created_text))
    _table(pdf, _("Key figures"), c, c.figures, _("Each State's figures as its cooperation profile gives them."))
    _table(pdf, _("Rank within the regional group"), c, c.ranks,
           _("Each State is ranked among all the States of its own regional group, 1st being the highest figure; "
             "States with the same figure share a rank. A higher figure is neither good nor bad in itself."))
    _years(pdf, c, names)
    pdf.section(_("Provenance"), keep=50)
    pdf.provenance_section(snapshot.source, extra=[(_("States"), ", ".join(f"{c.names[s]} ({s})" for s in c.states))])
    pdf.section(_("Definitions used"), keep=40)
    pdf.definition_list(DEFINITION_TERMS)
    return pdf.output_bytes()


def _table(pdf: Briefing, title: str, c: Comparison, frame, caption: str) -> None:
    columns = [Column(_("Figure"), 1.6)] + [Column(c.names[s], 1.0) for s in c.states]
    rows = [list(r) for r in frame.iter_rows()]
    pdf.section(title, keep=min(pdf.table_height(columns, rows, 8.2, caption) + 14, 120))
    pdf.table(columns, rows, size=8.2 if len(c.states) <= 4 else 7.2, caption=caption)


def _years(pdf: Briefing, c: Comparison, names: list[str]) -> None:
    years = c.by_year
    if years.height == 0:
        return
    y0, y1 = years["year"].min(), years["year"].max()
    each = _("Each year as at its 31 December (the last year as at the as-at date).")
    for value, axis, title, rate in (
            ("pending_requests", _("Pending requests"), _("Pending requests, {y0}–{y1}"), False),
            ("visits", _("Visits carried out"), _("Visits carried out, {y0}–{y1}"), False),
            ("reply_rate_percent", _("Substantive reply rate (%)"), _("Substantive reply rate, {y0}–{y1}"),
             True)):
        heading = _("Over the years") if value == "pending_requests" else None
        pdf.chart(states_over_years(years, value, axis, title.format(y0=y0, y1=y1), names, subtitle=each,
                                    fmt=".1f" if rate else ",d", percent=rate, height=200),
                  heading=heading, alt_text=title.format(y0=y0, y1=y1), caption=definition(
                      {"pending_requests": "pending", "visits": "visit_in_year", "reply_rate_percent": "reply_rate"}[value]))
