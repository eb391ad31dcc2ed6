"""Chart builders for country visits, thread statuses and pending requests."""
from __future__ import annotations

import altair as alt
import polars as pl

from sp_data.wording import HOST_KIND_NAMES, STATUS_NAMES, named

from sp_data.charts.base import NO_GROUP, OKABE_ITO, WIDTH, bars_by_group, group_scale, title_params

# Okabe-Ito blue and vermillion: told apart with every common colour-vision deficiency.
ACCEPTED_COLOURS = {"Accepted a visit in the window": OKABE_ITO[4], "No visit accepted in the window": OKABE_ITO[5]}
KIND_COLOURS = {"thematic": OKABE_ITO[4], "country": OKABE_ITO[0]}
OPEN_COLOURS = {"Open": OKABE_ITO[4], "Closed": "#999999"}
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


def visits_by_host(frame: pl.DataFrame, title: str, top: int = 15, subtitle: str | None = None) -> alt.LayerChart:
    """Hosts with most visits, coloured by regional group (frame from visits_by(..., 'host_key'))."""
    data = frame.head(top).with_columns(pl.col("regional_group").fill_null(NO_GROUP),
                                        pl.col("host_kind").replace_strict(HOST_KIND_NAMES, default=pl.col("host_kind")))
    base = alt.Chart(data).encode(
        y=alt.Y("host:N", title=None, sort=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("visits:Q", title="Visits carried out", axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("host:N", title="Host"), alt.Tooltip("host_kind:N", title="Kind of host"),
                 alt.Tooltip("regional_group:N", title="Regional group"),
                 alt.Tooltip("visits:Q", title="Visits carried out")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "regional_group:N", title="Regional group", scale=group_scale(),
        legend=alt.Legend(orient="top", direction="horizontal", labelLimit=0)))
    labels = base.mark_text(align="left", dx=3, color="#333").encode(text="visits:Q")
    return _sized(bars + labels, data.height, WIDTH, title, subtitle)


def visits_by_mandate(frame: pl.DataFrame, title: str, top: int = 15, subtitle: str | None = None) -> alt.LayerChart:
    """Mandates with most visits, coloured by kind (frame from visits_by(..., 'mandate_id'))."""
    data = named(frame.head(top))  # the short name on the axis, the full title on hover
    base = alt.Chart(data).encode(
        y=alt.Y("mandate_name:N", title=None, sort=None, axis=alt.Axis(labelLimit=MANDATE_LABEL_LIMIT)),
        x=alt.X("visits:Q", title="Visits carried out", axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("mandate_name:N", title="Mandate"), alt.Tooltip("mandate_title:N", title="Full title"),
                 alt.Tooltip("mandate_kind:N", title="Kind"),
                 alt.Tooltip("visits:Q", title="Visits carried out")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "mandate_kind:N", title="Mandate", scale=alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values())),
        legend=alt.Legend(orient="top", direction="horizontal", labelLimit=0)))
    labels = base.mark_text(align="left", dx=3, color="#333").encode(text="visits:Q")
    return _sized(bars + labels, data.height, WIDTH + 440, title, subtitle)


def visits_by_region(frame: pl.DataFrame, title: str, subtitle: str | None = None) -> alt.LayerChart:
    """Visits per regional group of the host (frame from visits_by(..., 'regional_group'))."""
    chart = bars_by_group(frame, "visits", "Visits carried out", title, subtitle=subtitle)
    # Whole visits only on the axis, also when every group has one or two.
    return (chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
            .configure_axisX(tickMinStep=1, format="d"))


def status_counts(frame: pl.DataFrame, title: str, subtitle: str | None = None) -> alt.LayerChart:
    """Threads per status, in the import format's order, open ones in blue (frame: status, open, threads)."""
    data = frame.with_columns(pl.when(pl.col("open")).then(pl.lit("Open")).otherwise(pl.lit("Closed")).alias("state"),
                              pl.col("status").replace_strict(STATUS_NAMES, default=pl.col("status")))
    base = alt.Chart(data).encode(
        y=alt.Y("status:N", title=None, sort=data["status"].to_list()),
        x=alt.X("threads:Q", title="Visit threads"),
        tooltip=[alt.Tooltip("status:N", title="Status"), alt.Tooltip("state:N", title="Thread"),
                 alt.Tooltip("threads:Q", title="Visit threads", format=",d")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "state:N", title="Thread", scale=alt.Scale(domain=list(OPEN_COLOURS), range=list(OPEN_COLOURS.values())),
        legend=alt.Legend(orient="top", direction="horizontal", labelLimit=0)))
    labels = base.mark_text(align="left", dx=3, color="#333").encode(text=alt.Text("threads:Q", format=",d"))
    return _sized(bars + labels, data.height, WIDTH, title, subtitle)


def pending_by_state(frame: pl.DataFrame, title: str, top: int = 30, subtitle: str | None = None) -> alt.LayerChart:
    """Pending requests per State, coloured by whether it accepted a visit in the window (frame from pending_by_state)."""
    labels_of = list(ACCEPTED_COLOURS)
    data = frame.head(top).with_columns(
        pl.when(pl.col("accepted_in_5y")).then(pl.lit(labels_of[0])).otherwise(pl.lit(labels_of[1])).alias("accepted"),
        pl.col("regional_group").fill_null(NO_GROUP),
    )
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", title=None, sort=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("pending_requests:Q", title="Pending requests", axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("name:N", title="State"), alt.Tooltip("regional_group:N", title="Regional group"),
                 alt.Tooltip("pending_requests:Q", title="Pending requests"),
                 alt.Tooltip("oldest_pending_request_on:T", title="Oldest pending request", format="%d %b %Y"),
                 alt.Tooltip("accepted:N", title="Acceptance")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "accepted:N", title=None, scale=alt.Scale(domain=labels_of, range=list(ACCEPTED_COLOURS.values())),
        legend=alt.Legend(orient="top", direction="horizontal", labelLimit=0)))
    text = base.mark_text(align="left", dx=3, color="#333").encode(text="pending_requests:Q")
    return _sized(bars + text, data.height, WIDTH + 160, title, subtitle)

