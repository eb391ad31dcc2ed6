"""Chart builders for standing invitations: the share of Member States by group, and when they were extended."""
from __future__ import annotations

import altair as alt
import polars as pl

from sp_data.charts.base import NO_GROUP, WIDTH, group_scale, title_params
from sp_data.charts.visits import no_group_label
from sp_data.i18n import _, number, percent_text
from sp_data.schema import REGIONAL_GROUPS
from sp_data.wording import group_name

# Streamlit fits the whole chart (title, axes, legend) into the height: room for them on top of the marks.
FRAME = 150


def share_by_group(frame: pl.DataFrame, title: str, subtitle: str | None = None) -> alt.Chart:
    """Share of each group's Member States with a standing invitation (frame from invitations.by_group)."""
    data = frame.filter(pl.col("member_states") > 0)
    data = data.with_columns(
        pl.col("regional_group").fill_null(NO_GROUP),
        pl.Series("group_name", [group_name(None if g == NO_GROUP else g) for g in data["regional_group"]],
                  dtype=pl.String),
        pl.Series("label", [_("{share} ({n} of {total})").format(share=percent_text(share, 1), n=number(n),
                                                                  total=number(total))
                            for share, n, total in zip(data["share_percent"], data["member_states_with_invitation"],
                                                       data["member_states"], strict=True)], dtype=pl.String),
    )
    base = alt.Chart(data).encode(
        # No axis title: rotated, it overflows the chart when there is only one bar.
        y=alt.Y("regional_group:N", title=None, sort=list(REGIONAL_GROUPS) + [NO_GROUP],
                axis=alt.Axis(labelExpr=no_group_label())),
        # The domain runs past 100 so that the label of a full bar stays inside the chart.
        x=alt.X("share_percent:Q", title=_("Member States with a standing invitation (%)"),
                scale=alt.Scale(domain=[0, 135]), axis=alt.Axis(values=[0, 20, 40, 60, 80, 100])),
        tooltip=[alt.Tooltip("group_name:N", title=_("Group")),
                 alt.Tooltip("member_states:Q", title=_("Member States"), format=",d"),
                 alt.Tooltip("member_states_with_invitation:Q", title=_("With a standing invitation"), format=",d"),
                 alt.Tooltip("share_percent:Q", title=_("Share (%)"), format=".1f")],
    )
    bars = base.mark_bar().encode(color=alt.Color("regional_group:N", scale=group_scale(), legend=None))
    labels = base.mark_text(align="left", dx=3, color="#333").encode(text="label:N")
    return (bars + labels).properties(title=title_params(title, subtitle), width=WIDTH - 120,
                                      height=34 * max(data.height, 1) + FRAME)


def extended_by_year(frame: pl.DataFrame, title: str, subtitle: str | None = None) -> alt.Chart:
    """Standing invitations by the year they were extended, stacked by group (frame from invitations.in_force)."""
    data = frame.select("name", "regional_group", "extended_on").with_columns(
        pl.col("regional_group").fill_null(NO_GROUP), pl.col("extended_on").dt.year().alias("year"))
    year, states, group = _("Year extended"), _("States"), _("Regional group")
    return alt.Chart(data, title=title_params(title, subtitle)).mark_bar().encode(
        x=alt.X("year:O", title=year, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("count():Q", title=states, axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("regional_group:N", title=group, scale=group_scale(),
                        legend=alt.Legend(orient="bottom", direction="horizontal", labelExpr=no_group_label())),
        order=alt.Order("regional_group:N"),
        tooltip=[alt.Tooltip("year:O", title=year), alt.Tooltip("regional_group:N", title=group),
                 alt.Tooltip("count():Q", title=states)],
    ).properties(width=WIDTH - 120, height=240 + FRAME)
