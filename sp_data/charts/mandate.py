"""Charts of one mandate's record and of the visits accepted and not yet carried out."""
from __future__ import annotations

import altair as alt
import polars as pl

from sp_data.charts.base import FIT_WIDTH, OKABE_ITO, WIDTH, title_params
from sp_data.i18n import N_, _
from sp_data.wording import mandate_name

# Accepted statuses in words (sp_data.profile.STATUS_WORDS, in English: the catalogs' ids), greens for agreed,
# yellow for postponed.
WAITING_COLOURS = {N_("Invited"): "#009E73", N_("Accepted"): "#0072B2", N_("Dates proposed"): "#56B4E9",
                   N_("Postponed"): "#E69F00"}
TYPES = {"allegation_letters": N_("Allegation letters"), "urgent_appeals": N_("Urgent appeals"),
         "other_letters": N_("Other letters")}
MAX_ROWS = 40


def lines(text: str, width: int = 56) -> list[str]:
    """A subtitle cut into short lines at spaces, in whatever language it is written: a phone's width cuts a long
    line off."""
    import textwrap

    from sp_data.i18n import PSEUDO, current

    if current() == PSEUDO:  # the tests' pseudo-language: its marks must stay whole to be checked
        return [text]
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)


def titled(chart: alt.TopLevelMixin, title: str, *lines: str) -> alt.TopLevelMixin:
    """The chart with a short title and its subtitle in short lines: a phone's width cuts a long line off."""
    return chart.properties(title=alt.TitleParams(text=title, subtitle=list(lines), anchor="start", fontSize=15,
                                                  subtitleColor="#555"))


def waiting_bars(threads: pl.DataFrame, title: str, subtitle: str | None = None, by: str = "both") -> alt.LayerChart:
    """One bar per accepted visit not yet carried out: its length the time since acceptance, in years.

    threads: accepted_not_carried_out rows (host, mandate_id, mandate_title, status_label, accepted_on,
    days_since_acceptance, accepted_ago). by: "both" labels a bar with host and mandate, "host" with
    the host only (one mandate's page), "mandate" with the mandate only (one State's).
    """
    data = threads.head(MAX_ROWS).with_columns(
        (pl.col("days_since_acceptance").fill_null(0) / 365.25).alias("years"),
        pl.Series("mandate_short", [mandate_name(m, t) for m, t in threads.head(MAX_ROWS).select(
            "mandate_id", "mandate_title").iter_rows()], dtype=pl.String))
    wait = (pl.when(pl.col("accepted_ago").is_not_null()).then(" (" + pl.col("accepted_ago") + ")")
            .otherwise(pl.lit("")))
    label = {"both": pl.col("host") + wait + " · " + pl.col("mandate_short"), "host": pl.col("host") + wait,
             "mandate": pl.col("mandate_short") + wait}[by]
    # A label made unique, so that two visits to one host by one mandate keep two bars.
    nth = pl.int_range(pl.len()).over("label") + 1
    data = data.with_columns(label.alias("label")).with_columns(
        pl.when(nth > 1).then(pl.col("label") + " (" + nth.cast(pl.String) + ")")
        .otherwise(pl.col("label")).alias("label"))
    colours = {_(status): colour for status, colour in WAITING_COLOURS.items()}
    present = [s for s in colours if s in set(data["status_label"].to_list())]
    # Each bar's label is written above it, not on an axis beside it: long names then leave the bars
    # their width on a phone too.
    y = alt.Y("label:N", sort=data["label"].to_list(), axis=None, scale=alt.Scale(paddingInner=0))
    tooltip = [alt.Tooltip("host:N", title=_("Host")), alt.Tooltip("mandate_title:N", title=_("Mandate")),
               alt.Tooltip("status_label:N", title=_("Status")),
               alt.Tooltip("accepted_on:T", title=_("Accepted on"), format="%d %b %Y"),
               alt.Tooltip("accepted_ago:N", title=_("Waiting for"))]
    bars = alt.Chart(data).mark_bar(height=11, yOffset=8).encode(
        y=y, x=alt.X("years:Q", title=_("Years since acceptance"), axis=alt.Axis(tickMinStep=0.5)),
        color=alt.Color("status_label:N", title=_("Status"), sort=present,
                        scale=alt.Scale(domain=present, range=[colours[s] for s in present]),
                        legend=alt.Legend(orient="top")),
        tooltip=tooltip)
    labels = alt.Chart(data).mark_text(align="left", baseline="middle", yOffset=-7, fontSize=11.5,
                                       color="#333").encode(
        y=y, x=alt.value(0), text=alt.Text("text:N"), tooltip=tooltip)
    data = data.with_columns(pl.col("label").alias("text"))
    bars, labels = bars.properties(data=data), labels.properties(data=data)
    return alt.LayerChart(layer=[bars, labels]).properties(width=WIDTH, height=max(38 * data.height, 80), autosize=FIT_WIDTH,
                                              title=title_params(title, subtitle))


def visits_by_year(frame: pl.DataFrame, title: str, subtitle: str | None = None) -> alt.Chart:
    """The mandate's visits carried out per year (frame: year, visits)."""
    return alt.Chart(frame, title=title_params(title, subtitle)).mark_bar(color=OKABE_ITO[0]).encode(
        x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("visits:Q", title=_("Visits carried out"), axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("visits:Q", title=_("Visits carried out"))],
    ).properties(width=WIDTH, height=240, autosize=FIT_WIDTH)


def communications_by_type(frame: pl.DataFrame, title: str, subtitle: str | None = None) -> alt.Chart:
    """Communications the mandate sent or joined per year, stacked by type
    (frame: queries/mandate_communications_by_year.sql)."""
    names = [_(n) for n in TYPES.values()]
    data = frame.select("year", *[pl.col(c).alias(_(n)) for c, n in TYPES.items()]).unpivot(
        index="year", variable_name="type", value_name="communications")
    return alt.Chart(data, title=title_params(title, subtitle)).mark_bar().encode(
        x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("communications:Q", title=_("Communications"), axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("type:N", title=None, sort=names,
                        scale=alt.Scale(domain=names, range=[OKABE_ITO[4], OKABE_ITO[5], OKABE_ITO[1]]),
                        legend=alt.Legend(orient="top")),
        order=alt.Order("type:N"),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("type:N", title=_("Type")),
                 alt.Tooltip("communications:Q", title=_("Communications"), format=",d")],
    ).properties(width=WIDTH, height=260, autosize=FIT_WIDTH)


def reply_rate_vs_all(frame: pl.DataFrame, mandate: str, title: str, subtitle: str | None = None) -> alt.Chart:
    """The substantive reply rate to the mandate's communications per year, and to all (dashed)."""
    series = {"reply_rate_percent": mandate, "all_reply_rate_percent": _("All communications")}
    names = list(series.values())
    rates = (frame.sort("year").select("year", *[pl.col(c).alias(n) for c, n in series.items()])
             .unpivot(index="year", variable_name="series", value_name="rate")
             .with_columns(pl.col("rate").is_null().cum_sum().over("series").alias("segment"))
             .drop_nulls("rate"))
    return alt.Chart(rates, title=title_params(title, subtitle)).mark_line(point=True).encode(
        x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)), detail="segment:N",
        y=alt.Y("rate:Q", title=_("Substantive reply rate (%)"), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("series:N", title=None, sort=names,
                        scale=alt.Scale(domain=names, range=[OKABE_ITO[4], "#888888"]),
                        legend=alt.Legend(orient="top", labelLimit=360, symbolType="stroke")),
        strokeDash=alt.StrokeDash("series:N", sort=names, title=None,
                                  scale=alt.Scale(domain=names, range=[[1, 0], [5, 3]])),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("series:N", title=_("Reply rate of")),
                 alt.Tooltip("rate:Q", title=_("Substantive reply rate (%)"), format=".1f")],
    ).properties(width=WIDTH, height=260, autosize=FIT_WIDTH)


def durations(frame: pl.DataFrame, mandate: str, kind: str, title: str, subtitle: str | None = None) -> alt.LayerChart:
    """Median (point) and quartiles (bar) of request to acceptance and acceptance to visit, in months,
    for the mandate and for all mandates of its kind (frame: sp_data.mandates durations)."""
    from sp_data.mandates import all_of_kind  # the page's words for the kind's threads

    scope = {"mandate": mandate, "kind": all_of_kind(kind)}
    names = list(scope.values())
    data = frame.drop_nulls("median_days").with_columns(
        pl.col("scope").replace_strict(scope).alias("who"),
        (pl.col("median_days") / 30.44).alias("median"), (pl.col("q1_days") / 30.44).alias("q1"),
        (pl.col("q3_days") / 30.44).alias("q3"))
    colour = alt.Color("who:N", title=None, sort=names, scale=alt.Scale(domain=names, range=[OKABE_ITO[4], "#888888"]),
                       legend=alt.Legend(orient="top", labelLimit=360))
    y = alt.Y("measure_label:N", title=None, sort=[_("Request to acceptance"), _("Acceptance to visit")],
              axis=alt.Axis(labelLimit=220, labelFontSize=12))
    offset = alt.YOffset("who:N", sort=names)
    tips = [alt.Tooltip("measure_label:N", title=_("From")), alt.Tooltip("who:N", title=_("Threads of")),
            alt.Tooltip("median_text:N", title=_("Median")), alt.Tooltip("spread_text:N", title=_("Middle half")),
            alt.Tooltip("threads:Q", title=_("Threads"))]
    spread = alt.Chart(data).mark_rule(strokeWidth=6, opacity=0.45).encode(
        y=y, yOffset=offset, x=alt.X("q1:Q", title=_("Months")), x2="q3:Q", color=colour, tooltip=tips)
    point = alt.Chart(data).mark_point(filled=True, size=120, opacity=1).encode(
        y=y, yOffset=offset, x="median:Q", color=colour, tooltip=tips)
    return alt.LayerChart(layer=[spread, point]).properties(width=WIDTH, height=170, autosize=FIT_WIDTH,
                                               title=title_params(title, subtitle))
