"""Charts of the Compare page and the profile's rank: States over the years on shared axes, a group's members as dots."""
from __future__ import annotations

import textwrap

import altair as alt
import polars as pl

from sp_data.charts.base import FIT_WIDTH, WIDTH
from sp_data.i18n import PSEUDO_OPEN, _, n_, number, percent_text

# Colour-blind-safe colours, one per compared State (at most six), in the order the States were chosen.
STATE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#000000"]
HIGHLIGHT = "#0072B2"  # the profile's State among the grey dots of its group
# On a phone, a legend of long State names goes in two columns under the chart.
_NARROW = "containerSize()[0] > 0 && containerSize()[0] < 700"
# A subtitle is cut at the chart's width, never wrapped: it is given in lines short enough for a phone.
SUBTITLE_LINE = 52


def _lines(text: str | None) -> list[str] | str:
    """A subtitle in lines; a text marked in the pseudo-language (sp_data.i18n, the tests' check) is kept whole,
    so that its marks still enclose it."""
    if not text:
        return ""
    return [text] if PSEUDO_OPEN in text else textwrap.wrap(text, SUBTITLE_LINE)


def _title(text: str, subtitle: str | None) -> alt.TitleParams:
    """The chart's title with its subtitle in lines (sp_data.charts.base.title_params takes one line)."""
    return alt.TitleParams(text=text, subtitle=_lines(subtitle), anchor="start", fontSize=15, subtitleColor="#555")


def states_over_years(frame: pl.DataFrame, value: str, value_title: str, title: str, names: list[str],
                      subtitle: str | None = None, fmt: str = ",d", percent: bool = False,
                      height: int = 260) -> alt.Chart:
    """One line per State over the years, on one shared axis (frame: year, name, <value>).

    A null value (nothing sent that year, or a year not recorded) has no point, and the line breaks
    there instead of bridging the gap; names: the States in the order of their colours.
    """
    data = (frame.sort("year").select("year", "name", value)
            .with_columns(pl.col(value).is_null().cum_sum().over("name").alias("segment"))
            .drop_nulls(value))
    y = alt.Y(f"{value}:Q", title=value_title, scale=alt.Scale(domain=[0, 100]) if percent else alt.Undefined,
              axis=alt.Axis() if percent else alt.Axis(format="d", tickMinStep=1))
    years = frame["year"].to_list() or [0]
    step = max(1, (max(years) - min(years)) // 8 + 1)
    chart = alt.Chart(data, title=_title(title, subtitle)).mark_line(point=True).encode(
        x=alt.X("year:Q", title=_("Year"), scale=alt.Scale(domain=[min(years), max(years)]),
                axis=alt.Axis(format="d", tickMinStep=step, labelAngle=0)),
        y=y, detail="segment:N",
        color=alt.Color("name:N", title=None, sort=names,
                        scale=alt.Scale(domain=names, range=STATE_COLOURS[:len(names)]),
                        legend=alt.Legend(orient="top", labelLimit=260, columns={"expr": f"{_NARROW} ? 2 : 6"})),
        tooltip=[alt.Tooltip("name:N", title=_("State")), alt.Tooltip("year:O", title=_("Year")),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=fmt)],
    )
    return chart.properties(width=WIDTH, height=height, autosize=FIT_WIDTH)


def group_dots(frame: pl.DataFrame, value: str, value_title: str, iso3: str, title: str,
               subtitle: str | None = None, fmt: str = ",d", percent: bool = False, width: int | None = None,
               height: int = 170) -> alt.TopLevelMixin:
    """The members of a regional group as dots along one figure, the State highlighted and named
    (frame: iso3, name, <value>; a member without the figure is left out).

    Members with the same figure are stacked, the State at the foot of its stack and its name above the
    stacks, so that every dot shows. width: a fixed width (in a concatenation); by default the chart
    fits its container.
    """
    data = (frame.select("iso3", "name", value).drop_nulls(value)
            .with_columns((pl.col("iso3") == iso3).alias("me"))
            .sort(value, "me", "name", descending=[False, True, False])
            .with_columns(pl.int_range(pl.len()).over(value).alias("stack")))
    top = max(int(data.select(pl.col("stack").max()).item() or 0), 1) if data.height else 1
    x = alt.X(f"{value}:Q", title=value_title, scale=alt.Scale(domain=[0, 100]) if percent else alt.Scale(zero=True),
              axis=alt.Axis() if percent else alt.Axis(format="d", tickMinStep=1))
    y_scale = alt.Scale(domain=[-0.8, top * 1.35 + 1.5])
    y = alt.Y("stack:Q", axis=None, scale=y_scale)
    tooltip = [alt.Tooltip("name:N", title=_("State")), alt.Tooltip(f"{value}:Q", title=value_title, format=fmt)]
    base = alt.Chart(data).encode(x=x, tooltip=tooltip)
    size = 70 if top < 12 else 40
    others = base.transform_filter("!datum.me").mark_circle(size=size, opacity=0.6, color="#8a8a8a").encode(y=y)
    me = base.transform_filter("datum.me").mark_circle(size=size * 2.6, color=HIGHLIGHT, stroke="#000",
                                                       strokeWidth=1).encode(y=y)
    # The name stands above every stack, on a thin line down to its dot.
    label_y = top * 1.2 + 1
    rule = base.transform_filter("datum.me").mark_rule(color=HIGHLIGHT, strokeDash=[2, 2]).encode(
        y=y, y2=alt.Y2Datum(label_y))
    label = base.transform_filter("datum.me").mark_text(dy=-6, fontWeight="bold", fontSize=12, color="#000",
                                                         align={"expr": f"datum.{value} > {_mid(data, value, percent)} "
                                                                        "? 'right' : 'left'"}).encode(
        y=alt.YDatum(label_y, type="quantitative", axis=None, scale=y_scale), text="name:N")
    chart = alt.layer(others, rule, me, label, description=_dots_in_words(data, value, fmt, percent),
                      title=alt.TitleParams(text=title, subtitle=_lines(subtitle), anchor="start", fontSize=13,
                                            subtitleColor="#555"))
    if width:
        return chart.properties(width=width, height=height)
    return chart.properties(width=WIDTH, height=height, autosize=FIT_WIDTH)


def _dots_in_words(data: pl.DataFrame, value: str, fmt: str, percent: bool) -> str:
    """What a dot plot shows, in words: how many States, the State's figure, and the group's lowest, median and
    highest (a screen reader's sentence; the marks alone would read as bars)."""
    if data.height == 0:
        return ""

    def show(x: float) -> str:
        return percent_text(x, 2) if percent else number(x, 2 if fmt.endswith("f") else None)

    low, median, high = (float(data.select(f(value)).item()) for f in (pl.min, pl.median, pl.max))
    mine = data.filter(pl.col("me"))
    group = n_("{n} State: lowest {low}, median {median}, highest {high}.",
               "{n} States: lowest {low}, median {median}, highest {high}.", data.height).format(
        n=number(data.height), low=show(low), median=show(median), high=show(high))
    if not mine.height:
        return group
    named = _("{name}: {value}").format(name=mine["name"][0], value=show(mine[value][0]))
    return _("{first}; {then}").format(first=named, then=group)


def _mid(data: pl.DataFrame, value: str, percent: bool) -> float:
    """The middle of the x axis: a name right of it is written leftwards, so that it stays inside the chart."""
    if percent:
        return 50
    return float(data.select(pl.col(value).max()).item() or 0) / 2
