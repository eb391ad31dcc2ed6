"""Charts of one State's profile: its visit threads on a timeline, its communications and replies per year."""
from __future__ import annotations

import datetime as dt

import altair as alt
import polars as pl

from sp_data.charts.base import OKABE_ITO, WIDTH, title_params
from sp_data.i18n import N_, _, number
from sp_data.wording import group_abbreviation

# Event (plain words, as sp_data.profile.EVENT_WORDS, in English: the catalogs' ids) -> colour and shape.
# Okabe-Ito colours; events of one kind share a colour (requests blue, acceptance green, refusals
# vermillion) and are told apart by shape, so the legend reads without colour too.
EVENT_STYLE = {
    N_("Request"): ("#0072B2", "circle"),
    N_("Reminder"): ("#56B4E9", "circle"),
    N_("Acknowledged"): ("#999999", "square"),
    N_("Invitation"): ("#009E73", "triangle-up"),
    N_("Accepted"): ("#009E73", "diamond"),
    N_("Dates proposed"): ("#009E73", "triangle-down"),
    N_("Postponed"): ("#F0E442", "square"),
    N_("Declined"): ("#D55E00", "cross"),
    N_("Cancelled"): ("#CC79A7", "cross"),
    N_("Withdrawn"): ("#000000", "cross"),
    N_("Visit carried out"): ("#E69F00", "square"),
}


def event_style() -> dict[str, tuple[str, str]]:
    """EVENT_STYLE by the events' words in the reader's language (the timeline's event_label)."""
    return {_(event): style for event, style in EVENT_STYLE.items()}
ROW_HEIGHT = 26
# More threads than this make an unreadable chart (and more points than Altair embeds): the latest
# are drawn and the subtitle says so; the table under the chart lists every thread.
MAX_THREADS = 150
# On a phone the row labels would take the whole width and leave the time axis a few pixels: narrower labels and
# a two-column legend there. containerSize() is the browser's; a file export has no container and keeps the wide layout.
_NARROW = "containerSize()[0] > 0 && containerSize()[0] < 700"
LABEL_LIMIT = {"expr": f"{_NARROW} ? max(110, containerSize()[0] * 0.42) : 320"}
LABEL_SIZE = {"expr": f"{_NARROW} ? 10 : 12"}
LEGEND_COLUMNS = {"expr": f"{_NARROW} ? 2 : 6"}
LEGEND_SIZE = {"expr": f"{_NARROW} ? 10 : 12"}


def year_step(first: dt.date, last: dt.date) -> int:
    """Years between the time axis' ticks: every year only over a short span, so that the labels stay apart."""
    span = (last - first).days / 365.25
    return next(step for limit, step in ((8, 1), (16, 2), (40, 5), (float("inf"), 10)) if span <= limit)


def thread_timeline(threads: pl.DataFrame, events: pl.DataFrame, title: str, as_at: dt.date,
                    window_start: dt.date, subtitle: str | None = None, who: str | None = None) -> alt.LayerChart:
    """One row per visit thread (threads: thread_label, ordered), its events as points on a time axis.

    events: thread_label, mandate_title, event_label, date, end_date. A visit carried out is also a
    bar from its first to its last day; the five-year window is shaded and the as-at date marked.
    who: the tooltip's name for the mandate_title column ("Host" when it holds the host, on a mandate's page;
    "Mandate" when None).
    """
    who = who or _("Mandate")
    if threads.height > MAX_THREADS:
        note = _("The {n} latest of {total} threads are drawn; the table lists them all.").format(
            n=MAX_THREADS, total=number(threads.height))
        subtitle = f"{subtitle} {note}" if subtitle else note
        threads = threads.tail(MAX_THREADS)
        events = events.filter(pl.col("thread_label").is_in(threads["thread_label"].to_list()))
    first = min(events["date"].drop_nulls().to_list() + [window_start])
    # A little room at both ends so that the first and last events are not cut in half.
    pad = dt.timedelta(days=max(60, (as_at - first).days // 40))
    x_scale = alt.Scale(domain=[(first - pad).isoformat(), (as_at + pad).isoformat()])
    y = alt.Y("thread_label:N", sort=threads["thread_label"].to_list(), title=None,
              axis=alt.Axis(labelLimit=LABEL_LIMIT, labelFontSize=LABEL_SIZE, ticks=False, domain=False))
    data = events.select("thread_label", "mandate_title", "event_label", "date",
                         pl.col("end_date").fill_null(pl.col("date")))
    spans = data.group_by("thread_label").agg(pl.col("date").min().alias("from"), pl.col("end_date").max().alias("to"))
    lines = alt.Chart(spans).mark_rule(color="#b0b0b0", strokeWidth=1.5).encode(
        x=alt.X("from:T", scale=x_scale), x2="to:T", y=y)
    as_at_rule = alt.Chart(pl.DataFrame({"d": [as_at]})).mark_rule(color="#555", strokeDash=[4, 3]).encode(
        x=alt.X("d:T", scale=x_scale))
    # LayerChart itself, not alt.layer: no facet to hoist, and the type checker knows what it returns.
    chart = alt.LayerChart(layer=[*_window(window_start, as_at, first, x_scale), lines,
                                  *_events(data, x_scale, y, who), as_at_rule])
    # A step height (not a fixed one): Streamlit keeps it, and each thread gets a readable row.
    return chart.properties(width=WIDTH, height={"step": ROW_HEIGHT}, title=title_params(title, subtitle))


def _window(window_start: dt.date, as_at: dt.date, first: dt.date, x_scale: alt.Scale) -> tuple[alt.Chart, alt.Chart]:
    """The five-year window shaded, with its label (and the time axis)."""
    window = alt.Chart(pl.DataFrame({"start": [window_start], "end": [as_at],
                                     "label": [_("Five-year window")]})).mark_rect(color="#eef3f8").encode(
        x=alt.X("start:T", scale=x_scale, title=_("Date"), axis=alt.Axis(
            format="%Y", labelAngle=0, tickCount={"interval": "year", "step": year_step(first, as_at)},
            # On a narrow screen Vega drops every other label rather than run them together.
            labelOverlap=True, labelSeparation=8)),
        x2="end:T")
    # Ended at the as-at line: it then stays inside the chart however narrow the window is drawn.
    label = alt.Chart(pl.DataFrame({"end": [as_at], "label": [_("five-year window")]})).mark_text(
        align="right", baseline="top", dx=-4, dy=-14, fontSize=11, color="#41607a").encode(
        x=alt.X("end:T", scale=x_scale), y=alt.value(0), text="label:N")
    return window, label


def _events(data: pl.DataFrame, x_scale: alt.Scale, y: alt.Y, who: str) -> tuple[alt.Chart, alt.Chart]:
    """Each visit carried out as a bar over its days, and every event as a point coloured and shaped by its kind."""
    style = event_style()
    present = [e for e in style if e in set(data["event_label"].to_list())]
    visit = _("Visit carried out")
    visits = alt.Chart(data.filter(pl.col("event_label") == visit)).mark_rule(
        color=style[visit][0], strokeWidth=12, strokeCap="square").encode(
        x=alt.X("date:T", scale=x_scale), x2="end_date:T", y=y,
        tooltip=[alt.Tooltip("mandate_title:N", title=who), alt.Tooltip("event_label:N", title=_("Event")),
                 alt.Tooltip("date:T", title=_("First day"), format="%d %b %Y"),
                 alt.Tooltip("end_date:T", title=_("Last day"), format="%d %b %Y")])
    points = alt.Chart(data).mark_point(filled=True, size=80, opacity=0.95, stroke="white", strokeWidth=0.6).encode(
        x=alt.X("date:T", scale=x_scale), y=y,
        color=alt.Color("event_label:N", title=_("Event"), sort=present,
                        scale=alt.Scale(domain=present, range=[style[e][0] for e in present]),
                        # Symbol settings spelt out: Streamlit's theme otherwise draws some shapes too faintly to see.
                        legend=alt.Legend(orient="bottom", columns=LEGEND_COLUMNS, symbolSize=100, symbolStrokeWidth=1,
                                          symbolOpacity=1, labelFontSize=LEGEND_SIZE)),
        shape=alt.Shape("event_label:N", title=_("Event"), sort=present,
                        scale=alt.Scale(domain=present, range=[style[e][1] for e in present])),
        tooltip=[alt.Tooltip("mandate_title:N", title=who), alt.Tooltip("event_label:N", title=_("Event")),
                 alt.Tooltip("date:T", title=_("Date"), format="%d %b %Y")])
    return visits, points


def _years_axis(frame: pl.DataFrame) -> alt.X:
    years = frame["year"].to_list()
    return alt.X("year:O", title=_("Year"), sort=years, scale=alt.Scale(domain=years), axis=alt.Axis(labelAngle=0))


def communications_sent_replied(frame: pl.DataFrame, title: str, subtitle: str | None = None,
                                height: int = 330) -> alt.Chart:
    """Communications sent to the State and those substantively replied, per year (side by side bars).

    frame: year, communications, substantively_replied (queries/state_communications_by_year.sql).
    The height is the whole chart's: Streamlit fits title, legend and axes into it when stretching.
    """
    kinds = [_("Sent"), _("Substantively replied")]
    counts = frame.select("year", pl.col("communications").alias(kinds[0]),
                          pl.col("substantively_replied").alias(kinds[1])).unpivot(
        index="year", variable_name="measure", value_name="count")
    return alt.Chart(counts, title=title_params(title, subtitle) if title else alt.Undefined).mark_bar().encode(
        x=_years_axis(frame), xOffset=alt.XOffset("measure:N", sort=kinds),
        y=alt.Y("count:Q", title=_("Communications"), axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("measure:N", title=None, sort=kinds,
                        scale=alt.Scale(domain=kinds, range=[OKABE_ITO[1], OKABE_ITO[4]]),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("measure:N", title=_("Communications")),
                 alt.Tooltip("count:Q", title=_("Number"), format=",d")],
    ).properties(width=WIDTH, height=height)


def reply_rate_vs_group(frame: pl.DataFrame, state: str, group: str | None, title: str,
                        subtitle: str | None = None, height: int = 330) -> alt.Chart:
    """The State's substantive reply rate per year, and its group's median State reply rate (dashed).

    frame: year, reply_rate_percent, group_median_reply_rate_percent. A year with nothing sent has no
    rate: the line breaks there instead of bridging the gap.
    """
    series = {"reply_rate_percent": state}
    if group:
        series["group_median_reply_rate_percent"] = _("{group} median State").format(group=group_abbreviation(group))
    # Each unbroken run of years is its own segment (detail), so the line does not bridge a gap.
    rates = (frame.sort("year").select("year", *[pl.col(c).alias(n) for c, n in series.items()])
             .unpivot(index="year", variable_name="series", value_name="rate")
             .with_columns(pl.col("rate").is_null().cum_sum().over("series").alias("segment"))
             .drop_nulls("rate"))
    names = list(series.values())
    return alt.Chart(rates, title=title_params(title, subtitle) if title else alt.Undefined).mark_line(
        point=True).encode(
        x=_years_axis(frame), detail="segment:N",
        y=alt.Y("rate:Q", title=_("Substantive reply rate (%)"), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("series:N", title=None, sort=names,
                        scale=alt.Scale(domain=names, range=[OKABE_ITO[4], "#888888"][:len(names)]),
                        legend=alt.Legend(orient="top", labelLimit=320, symbolType="stroke", symbolStrokeWidth=2.5)),
        strokeDash=alt.StrokeDash("series:N", sort=names, title=None,
                                  scale=alt.Scale(domain=names, range=[[1, 0], [5, 3]][:len(names)])),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("series:N", title=_("Reply rate of")),
                 alt.Tooltip("rate:Q", title=_("Substantive reply rate (%)"), format=".1f")],
    ).properties(width=WIDTH, height=height)


def communications_by_year(frame: pl.DataFrame, state: str, group: str | None, title: str,
                           subtitle: str | None = None) -> alt.VConcatChart:
    """Both of the above in one image (for a briefing): bars above, reply rates below."""
    return alt.vconcat(communications_sent_replied(frame, "", height=190),
                       reply_rate_vs_group(frame, state, group, "", height=170),
                       spacing=18).resolve_scale(color="independent", strokeDash="independent").properties(title=title_params(title, subtitle))
