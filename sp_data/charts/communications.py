"""Chart builders for communications and replies: reply rate by State, time to first reply."""
from __future__ import annotations

import altair as alt
import polars as pl

from sp_data.charts.base import NO_GROUP, OKABE_ITO, WIDTH, group_scale, title_params
from sp_data.charts.visits import no_group_label
from sp_data.communications import TYPE_NAMES
from sp_data.i18n import _, number, percent_text
from sp_data.wording import group_name

# Okabe-Ito orange, sky blue and bluish green: told apart with the common colour-vision deficiencies (by type code).
TYPE_COLOURS = dict(zip(TYPE_NAMES, OKABE_ITO[:3], strict=True))
BAR = 22  # pixels per bar
# Streamlit fits the whole chart (title, axes, legend) into the height: room for them on top of the bars.
FRAME = 150


def reply_rate_by_state(frame: pl.DataFrame, title: str, top: int = 30, subtitle: str | None = None) -> alt.Chart:
    """The reply rate of the `top` States sent most communications, highest rate first.

    frame: from communications.by_state (ordered by communications, most first).
    """
    data = frame.head(top)
    data = data.with_columns(
        pl.Series("group_name", [group_name(g) for g in data["regional_group"]], dtype=pl.String),
        pl.col("regional_group").fill_null(NO_GROUP),
        pl.Series("label", [_("{rate} of {n}").format(rate=percent_text(round(rate), 0), n=number(n))
                            if rate is not None else None
                            for rate, n in zip(data["reply_rate_percent"], data["communications"], strict=True)],
                  dtype=pl.String),
    )
    rate = _("Substantive reply rate (%)")
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", title=None, sort=alt.EncodingSortField("reply_rate_percent", op="max", order="descending"),
                axis=alt.Axis(labelLimit=220)),
        # The domain runs past 100 so that the label of a full bar stays inside the chart.
        x=alt.X("reply_rate_percent:Q", title=rate, scale=alt.Scale(domain=[0, 112]),
                axis=alt.Axis(values=list(range(0, 101, 10)))),
        tooltip=[alt.Tooltip("name:N", title=_("State")), alt.Tooltip("group_name:N", title=_("Regional group")),
                 alt.Tooltip("communications:Q", title=_("Communications sent"), format=",d"),
                 alt.Tooltip("substantively_replied:Q", title=_("With a substantive reply"), format=",d"),
                 alt.Tooltip("reply_rate_percent:Q", title=_("Reply rate (%)"), format=".2f"),
                 alt.Tooltip("median_days_to_first_reply:Q", title=_("Median days to first reply"), format=".0f")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "regional_group:N", title=_("Regional group"), scale=group_scale(),
        legend=alt.Legend(orient="bottom", direction="horizontal", labelExpr=no_group_label())))
    labels = base.mark_text(align="left", dx=3, color="#333", fontSize=11).encode(text="label:N")
    return (bars + labels).properties(title=title_params(title, subtitle), width=WIDTH - 180,
                                      height=max(BAR * data.height, 60) + FRAME)


def reply_time_histogram(frame: pl.DataFrame, title: str, subtitle: str | None = None,
                         step: int = 14) -> alt.Chart:
    """Communications by days to first reply, in bins of `step` days, stacked by type.

    frame: from communications.reply_times (days_to_first_reply, type). The bins are counted here,
    not in the browser: a large snapshot has tens of thousands of replies, and a chart carries only
    its bars (Altair refuses inline data over 5,000 rows).
    """
    data = (frame.select("type", "days_to_first_reply")
            .with_columns((pl.col("days_to_first_reply") // step * step).alias("bin_start"))
            .group_by("bin_start", "type").agg(pl.len().alias("communications"))
            .with_columns((pl.col("bin_start") + step).alias("bin_end"))
            .sort("bin_start", "type"))
    data = data.with_columns(pl.Series("type_name", [TYPE_NAMES.get(t) for t in data["type"]],
                                       dtype=pl.String))
    present = set(data["type"].to_list())
    codes = [t for t in TYPE_COLOURS if t in present]
    colours = alt.Scale(domain=[TYPE_NAMES[t] for t in codes], range=[TYPE_COLOURS[t] for t in codes])
    kind, sent = _("Type"), _("Communications")
    return alt.Chart(data, title=title_params(title, subtitle)).mark_bar().encode(
        x=alt.X("bin_start:Q", bin="binned", title=_("Days from sending to first reply ({step}-day bins)").format(step=step)),
        x2="bin_end:Q",
        y=alt.Y("communications:Q", stack="zero", title=sent,
                axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("type_name:N", title=kind, scale=colours,  # whole names: French and Spanish ones are long
                        legend=alt.Legend(orient="bottom", direction="horizontal", labelLimit=0)),
        order=alt.Order("type:N"),
        tooltip=[alt.Tooltip("bin_start:Q", title=_("Days to first reply, from")),
                 alt.Tooltip("bin_end:Q", title=_("…up to (not including)")),
                 alt.Tooltip("type_name:N", title=kind), alt.Tooltip("communications:Q", title=sent)],
    ).properties(width=WIDTH - 120, height=300 + FRAME)
