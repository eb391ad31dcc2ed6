"""Chart builders for country visits, thread statuses and pending requests."""
from __future__ import annotations

import json

import altair as alt
import polars as pl

from sp_data.i18n import N_, _, p_
from sp_data.wording import HOST_KIND_NAMES, STATUS_NAMES, Words, group_name, named

from sp_data.charts.base import NO_GROUP, OKABE_ITO, WIDTH, bars_by_group, group_scale, title_params

# Okabe-Ito blue and vermillion: told apart with every common colour-vision deficiency.
ACCEPTED_COLOURS = {"accepted": OKABE_ITO[4], "not_accepted": OKABE_ITO[5]}
ACCEPTED_NAMES = Words({"accepted": N_("Accepted a visit in the window"),
                        "not_accepted": N_("No visit accepted in the window")})
KIND_COLOURS = {"thematic": OKABE_ITO[4], "country": OKABE_ITO[0]}
KIND_NAMES = Words({"thematic": N_("Thematic mandate"), "country": N_("Country mandate")})
OPEN_COLOURS = {"open": OKABE_ITO[4], "closed": "#999999"}
OPEN_NAMES = Words({"open": N_("Open"), "closed": N_("Closed")})
BAR = 22  # pixels per bar
LABEL_LIMIT = 300  # long names are cut with an ellipsis; the tooltip has them whole
MANDATE_LABEL_LIMIT = 480  # mandate titles share long openings ("Special Rapporteur on the promotion and ...")


def _height(rows: int) -> int:
    return max(BAR * rows, 60)


def _sized(chart: alt.LayerChart, rows: int, width: int, title: str, subtitle: str | None) -> alt.LayerChart:
    """Title the whole chart; fix the plot's height to its bars, only the width follows the page
    (Streamlit's default autosize "fit" would squeeze the height too). width is the whole image's,
    labels included, as exported."""
    return chart.properties(width=width, height=_height(rows), title=title_params(title, subtitle),
                            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


def _scale(names: Words, colours: dict[str, str]) -> alt.Scale:
    """A colour per code, its legend entry in the reader's language."""
    return alt.Scale(domain=[names[c] for c in colours], range=list(colours.values()))


def no_group_label() -> str:
    """A legend's label expression: the regional groups by abbreviation, "No group" in the reader's language."""
    return f"datum.label == {json.dumps(NO_GROUP)} ? {json.dumps(group_name(None))} : datum.label"


def _group_names(frame: pl.DataFrame) -> pl.Series:
    return pl.Series("group_name", [group_name(g) for g in frame["regional_group"]], dtype=pl.String)


def visits_by_host(frame: pl.DataFrame, title: str, top: int = 15, subtitle: str | None = None) -> alt.LayerChart:
    """Hosts with most visits, coloured by regional group (frame from visits_by(..., 'host_key'))."""
    data = frame.head(top)
    data = data.with_columns(_group_names(data), pl.col("regional_group").fill_null(NO_GROUP),
                             pl.Series("host_kind", [HOST_KIND_NAMES.get(k, k) for k in data["host_kind"]], dtype=pl.String))
    visits = _("Visits carried out")
    base = alt.Chart(data).encode(
        y=alt.Y("host:N", title=None, sort=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("visits:Q", title=visits, axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("host:N", title=_("Host")), alt.Tooltip("host_kind:N", title=_("Kind of host")),
                 alt.Tooltip("group_name:N", title=_("Regional group")),
                 alt.Tooltip("visits:Q", title=visits)],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "regional_group:N", title=_("Regional group"), scale=group_scale(),
        # Four to a row: six groups in French or Spanish overflow one row of the page's left column.
        legend=alt.Legend(orient="top", direction="horizontal", columns=4, labelLimit=0, labelExpr=no_group_label())))
    labels = base.mark_text(align="left", dx=3, color="#333").encode(text="visits:Q")
    return _sized(bars + labels, data.height, WIDTH, title, subtitle)


def visits_by_mandate(frame: pl.DataFrame, title: str, top: int = 15, subtitle: str | None = None) -> alt.LayerChart:
    """Mandates with most visits, coloured by kind (frame from visits_by(..., 'mandate_id'))."""
    data = frame.head(top)
    if "mandate_name" not in data.columns:
        data = named(data)  # the short name on the axis, the full title on hover
    data = data.with_columns(pl.Series("kind_name", [KIND_NAMES.get(k, k) for k in data["mandate_kind"]], dtype=pl.String))
    visits = _("Visits carried out")
    base = alt.Chart(data).encode(
        y=alt.Y("mandate_name:N", title=None, sort=None, axis=alt.Axis(labelLimit=MANDATE_LABEL_LIMIT)),
        x=alt.X("visits:Q", title=visits, axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("mandate_name:N", title=_("Mandate")), alt.Tooltip("mandate_title:N", title=_("Full title")),
                 alt.Tooltip("kind_name:N", title=_("Kind")),
                 alt.Tooltip("visits:Q", title=visits)],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "kind_name:N", title=None, scale=_scale(KIND_NAMES, KIND_COLOURS),
        legend=alt.Legend(orient="top", direction="horizontal", labelLimit=0)))
    labels = base.mark_text(align="left", dx=3, color="#333").encode(text="visits:Q")
    return _sized(bars + labels, data.height, WIDTH + 440, title, subtitle)


def visits_by_region(frame: pl.DataFrame, title: str, subtitle: str | None = None) -> alt.LayerChart:
    """Visits per regional group of the host (frame from visits_by(..., 'regional_group'))."""
    chart = bars_by_group(frame, "visits", _("Visits carried out"), title, subtitle=subtitle)
    # Whole visits only on the axis, also when every group has one or two.
    return (chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
            .configure_axisX(tickMinStep=1, format="d"))


def status_counts(frame: pl.DataFrame, title: str, subtitle: str | None = None) -> alt.LayerChart:
    """Threads per status, in the import format's order, open ones in blue (frame: status, open, threads)."""
    data = frame.with_columns(
        pl.when(pl.col("open")).then(pl.lit(OPEN_NAMES["open"])).otherwise(pl.lit(OPEN_NAMES["closed"])).alias("state"),
        pl.Series("status", [STATUS_NAMES.get(s, s) for s in frame["status"]], dtype=pl.String))
    threads = _("Visit threads")
    base = alt.Chart(data).encode(
        y=alt.Y("status:N", title=None, sort=data["status"].to_list()),
        x=alt.X("threads:Q", title=threads),
        tooltip=[alt.Tooltip("status:N", title=p_("visit thread", "Status")), alt.Tooltip("state:N", title=_("Thread")),
                 alt.Tooltip("threads:Q", title=threads, format=",d")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "state:N", title=_("Thread"), scale=_scale(OPEN_NAMES, OPEN_COLOURS),
        legend=alt.Legend(orient="top", direction="horizontal", labelLimit=0)))
    labels = base.mark_text(align="left", dx=3, color="#333").encode(text=alt.Text("threads:Q", format=",d"))
    return _sized(bars + labels, data.height, WIDTH, title, subtitle)


def pending_by_state(frame: pl.DataFrame, title: str, top: int = 30, subtitle: str | None = None) -> alt.LayerChart:
    """Pending requests per State, coloured by whether it accepted a visit in the window (frame from pending_by_state)."""
    data = frame.head(top)
    data = data.with_columns(
        pl.when(pl.col("accepted_in_5y")).then(pl.lit(ACCEPTED_NAMES["accepted"]))
        .otherwise(pl.lit(ACCEPTED_NAMES["not_accepted"])).alias("accepted"),
        _group_names(data),
    )
    pending = _("Pending requests")
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", title=None, sort=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("pending_requests:Q", title=pending, axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("name:N", title=_("State")), alt.Tooltip("group_name:N", title=_("Regional group")),
                 alt.Tooltip("pending_requests:Q", title=pending),
                 alt.Tooltip("oldest_pending_request_on:T", title=_("Oldest pending request"), format="%d %b %Y"),
                 alt.Tooltip("accepted:N", title=_("Acceptance"))],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "accepted:N", title=None, scale=_scale(ACCEPTED_NAMES, ACCEPTED_COLOURS),
        legend=alt.Legend(orient="top", direction="horizontal", labelLimit=0)))
    text = base.mark_text(align="left", dx=3, color="#333").encode(text="pending_requests:Q")
    return _sized(bars + text, data.height, WIDTH + 160, title, subtitle)
