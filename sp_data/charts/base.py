"""Chart builders: pure functions from frames to Altair charts, shared by the pages and the exports."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import altair as alt
# Imported whole before any chart is built: Altair looks pandas and numpy up in sys.modules, and in
# a server one session could otherwise meet the half-imported module of another session's first
# run (AttributeError on concurrent first requests to a fresh server; tests/test_load.py).
import pandas  # noqa: F401
import polars as pl

from sp_data.i18n import ENGLISH, N_, PSEUDO, _, current
from sp_data.paths import REFERENCE_DIR
from sp_data.schema import REGIONAL_GROUP_NAMES, REGIONAL_GROUPS

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442", "#000000"]
GROUP_COLOURS = dict(zip(REGIONAL_GROUPS, ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2"], strict=True))
NO_GROUP = N_("No group")  # a data value (English); its label is translated by localized()
WIDTH = 640
# Fit the width to the page but keep the height: Streamlit's default "fit" squeezes both.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")


# Vega's number and time formats for each language (d3's fr-FR and es-ES): decimal comma, thousands
# separator, month and day names on time axes and in tooltips.
_MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
}
VEGA_LOCALES: dict[str, dict] = {
    "fr": {"number": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0€"]},
           "time": {"dateTime": "%A %e %B %Y à %X", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
                    "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
                    "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
                    "months": _MONTHS["fr"],
                    "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                                    "nov.", "déc."]}},
    "es": {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"]},
           "time": {"dateTime": "%A, %e de %B de %Y, %X", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
                    "days": ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
                    "shortDays": ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
                    "months": _MONTHS["es"],
                    "shortMonths": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov",
                                    "dic"]}},
}


def vega_config() -> dict:
    """The chart config for the reader's language: Vega's locale, and the label of the "No group" data value.
    Empty in English. Vega (Streamlit's vega-embed) and vl-convert (the exports) both read config.locale."""
    lang = current()
    if lang in (ENGLISH, PSEUDO) or lang not in VEGA_LOCALES:
        return {}
    return {"locale": VEGA_LOCALES[lang], "axis": {"labelExpr": _no_group_label()}}


def _no_group_label() -> str:
    """A label expression that writes the "No group" data value in the reader's language."""
    return f"datum.label === {json.dumps(NO_GROUP)} ? {json.dumps(_(NO_GROUP))} : datum.label"


def group_legend() -> alt.Legend | alt.UndefinedType:
    """The regional-group colour legend, its "No group" in the reader's language (Vega-Lite's legend config has
    no label expression, so a chart colouring by group sets it on its own legend)."""
    return alt.Undefined if current() in (ENGLISH, PSEUDO) else alt.Legend(labelExpr=_no_group_label())


def localize_spec(spec: dict) -> dict:
    """A chart's Vega-Lite spec (a dict) set to the reader's language (vega_config), in place; returned."""
    extra = vega_config()
    if extra:
        config = spec.setdefault("config", {})
        config["locale"] = extra["locale"]
        config.setdefault("axis", {}).setdefault("labelExpr", extra["axis"]["labelExpr"])
    return spec


def localized(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart set to the reader's language (vega_config), for an export; the chart itself in English."""
    extra = vega_config()
    if not extra:
        return chart
    source: Any = chart  # every top-level chart (Chart, LayerChart, ...) has copy() and config; the mixin does not say so
    out = source.copy(deep=False)
    config = source.config.copy(deep=True) if source.config is not alt.Undefined else alt.Config()
    config.locale = extra["locale"]
    axis = config["axis"] if config["axis"] is not alt.Undefined else {}
    if isinstance(axis, dict):
        config["axis"] = {**extra["axis"], **axis}
    elif axis.labelExpr is alt.Undefined:
        axis.labelExpr = extra["axis"]["labelExpr"]
    out.config = config
    return out


def group_scale() -> alt.Scale:
    """The same colour for a regional group in every chart."""
    return alt.Scale(domain=list(REGIONAL_GROUPS) + [NO_GROUP],
                     range=[GROUP_COLOURS[g] for g in REGIONAL_GROUPS] + ["#999999"])


def title_params(text: str, subtitle: str | None = None) -> alt.TitleParams:
    return alt.TitleParams(text=text, subtitle=subtitle or "", anchor="start", fontSize=15, subtitleColor="#555")


def bars_by_group(frame: pl.DataFrame, value: str, value_title: str, title: str,
                  subtitle: str | None = None, fmt: str = ",d") -> alt.Chart:
    """Horizontal bars, one per regional group (frame: regional_group, <value>)."""
    names = {code: _(name) for code, name in REGIONAL_GROUP_NAMES.items()}
    data = frame.with_columns(
        pl.col("regional_group").fill_null(NO_GROUP),
        pl.col("regional_group").replace_strict(names, default=_(NO_GROUP)).alias("group_name"),
    )
    base = alt.Chart(data).encode(
        y=alt.Y("regional_group:N", title=_("Regional group"), sort=list(REGIONAL_GROUPS) + [NO_GROUP]),
        x=alt.X(f"{value}:Q", title=value_title),
        tooltip=[alt.Tooltip("group_name:N", title=_("Group")),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=fmt)],
    )
    bars = base.mark_bar().encode(color=alt.Color("regional_group:N", scale=group_scale(), legend=None))
    labels = base.mark_text(align="left", dx=3, color="#333").encode(text=alt.Text(f"{value}:Q", format=fmt))
    return (bars + labels).properties(width=WIDTH, height=36 * max(data.height, 1), title=title_params(title, subtitle),
                                      autosize=FIT_WIDTH)


def lines_over_years(frame: pl.DataFrame, value: str, value_title: str, title: str,
                     colour: str | None = "regional_group", subtitle: str | None = None,
                     fmt: str = ",d") -> alt.Chart:
    """One line per series over years (frame: year, <value>[, <colour>]).

    A null value is a year the snapshot does not record (sp_data.coverage): it has no point, and the
    subtitle says so, on screen and in the exported image.
    """
    if frame.height and frame[value].null_count():
        note = _("Years with no point are not recorded in this snapshot")
        subtitle = f"{subtitle}. {note}" if subtitle else note
    tooltip = [alt.Tooltip("year:O", title=_("Year")), alt.Tooltip(f"{value}:Q", title=value_title, format=fmt)]
    data = frame.with_columns(pl.col(colour).fill_null(NO_GROUP)) if colour else frame
    if colour:
        tooltip = [alt.Tooltip(f"{colour}:N", title=_("Group")), *tooltip]
    color = (alt.Color(f"{colour}:N", title=_("Regional group"), scale=group_scale(), legend=group_legend()) if colour
             else alt.value(OKABE_ITO[4]))
    chart = alt.Chart(data, title=title_params(title, subtitle)).mark_line(point=True).encode(
        x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)), y=alt.Y(f"{value}:Q", title=value_title),
        color=color, tooltip=tooltip)
    return chart.properties(width=WIDTH, height=300, autosize=FIT_WIDTH)


def bars(frame: pl.DataFrame, category: str, value: str, category_title: str, value_title: str,
         title: str, subtitle: str | None = None, colour: str | None = None, fmt: str = ",d",
         limit_height: int = 28) -> alt.Chart:
    """Horizontal bars sorted by value (frame: <category>, <value>[, <colour>])."""
    color = (alt.Color(f"{colour}:N", title=_("Regional group"), scale=group_scale(), legend=group_legend()) if colour
             else alt.value(OKABE_ITO[4]))
    data = frame.with_columns(pl.col(colour).fill_null(NO_GROUP)) if colour else frame
    chart = alt.Chart(data, title=title_params(title, subtitle)).mark_bar().encode(
        y=alt.Y(f"{category}:N", title=category_title, sort="-x"), x=alt.X(f"{value}:Q", title=value_title),
        color=color, tooltip=[alt.Tooltip(f"{category}:N", title=category_title),
                              alt.Tooltip(f"{value}:Q", title=value_title, format=fmt)])
    return chart.properties(width=WIDTH, height=max(limit_height * data.height, 60), autosize=FIT_WIDTH)


@lru_cache(maxsize=1)
def world_topojson() -> str:
    """The world map's shapes (Natural Earth 1:110m, TopoJSON) as one JSON string."""
    # As one JSON string, which Vega parses by the format type: Altair would otherwise walk and
    # validate every one of the file's ~30,000 nodes on each build (~0.3 s).
    return json.dumps(json.loads((REFERENCE_DIR / "world-110m.json").read_text(encoding="utf-8")),
                      separators=(",", ":"))


# Each measure's label is the English (a catalog id): a reader's text is _(MAP_MEASURES[m][0]).
MAP_MEASURES = {
    "pending_requests": (N_("Pending requests"), "quantitative", ",d"),
    "visits_5y": (N_("Visits in five years"), "quantitative", ",d"),
    "reply_rate_percent": (N_("Substantive reply rate (%)"), "quantitative", ".1f"),
    "standing_invitation": (N_("Standing invitation"), "nominal", ""),
}


def world_map(frame: pl.DataFrame, measure: str, title: str, subtitle: str | None = None) -> alt.Chart:
    """A choropleth of Natural Earth 1:110m countries (shipped with the project) coloured by a measure.

    frame: iso_numeric, name, <measure>. States absent from the map's shapes (small islands) are
    not drawn; the tables list them.
    """
    english, kind, fmt = MAP_MEASURES[measure]
    label, yes, no = _(english), _("Yes"), _("No")
    data = frame.select(
        pl.col("iso_numeric").cast(pl.Int64).cast(pl.String).str.zfill(3).alias("id"),
        "name",
        pl.col(measure).cast(pl.String).replace({"true": yes, "false": no}) if kind == "nominal" else pl.col(measure),
    )
    lookup = alt.LookupData(alt.InlineData(values=data.to_dicts()), key="id", fields=["name", measure])
    countries = alt.Data(values=world_topojson(), format=alt.DataFormat(type="topojson", feature="countries"))
    if kind == "nominal":
        colour = alt.Color(f"{measure}:N", title=label, scale=alt.Scale(domain=[yes, no], range=["#0072B2", "#E69F00"]))
        tip = alt.Tooltip(f"{measure}:N", title=label)
    else:
        colour = alt.Color(f"{measure}:Q", title=label, scale=alt.Scale(scheme="viridis", reverse=measure != "pending_requests"))
        tip = alt.Tooltip(f"{measure}:Q", title=label, format=fmt)
    background = alt.Chart(countries).mark_geoshape(fill="#e8e8e8", stroke="white", strokeWidth=0.3)
    shapes = alt.Chart(countries).mark_geoshape(stroke="white", strokeWidth=0.3).transform_lookup(
        lookup="id", from_=lookup).transform_filter(f"isValid(datum['{measure}'])").encode(
        color=colour, tooltip=[alt.Tooltip("name:N", title=_("State")), tip])
    return (background + shapes).project("equalEarth").properties(
        width=WIDTH + 120, height=400, title=title_params(title, subtitle))


# A chart drawn in a narrow container (a phone): what fits 640 px would be cut there. containerSize()
# is the browser's; a file export has no container and keeps the wide layout (as in charts.profile).
NARROW = "containerSize()[0] > 0 && containerSize()[0] < 560"
TITLE_CHARS = (40, 60)  # characters per line of a title and a subtitle on a phone


def wrap_lines(text: str, width: int) -> list[str]:
    """A text cut into lines of at most width characters, between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def fit_narrow_screens(spec: dict) -> dict:
    """The spec, in place, with titles that wrap instead of being cut and legends below the plot in two columns
    on a narrow screen (a phone), and legend labels that are not cut.

    A title's wrapping points are newlines, which a wide chart draws as spaces (its lineBreak is off there).
    """
    def titles(node: dict) -> None:
        title = node.get("title")
        if isinstance(title, str):
            title = node["title"] = {"text": title}
        if isinstance(title, dict):
            for key, width in zip(("text", "subtitle"), TITLE_CHARS, strict=True):
                if isinstance(title.get(key), str) and title[key]:
                    title[key] = "\n".join(wrap_lines(title[key], width))
            title["lineBreak"] = {"expr": f"{NARROW} ? '\\n' : ''"}
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key, []) or []:
                if isinstance(child, dict):
                    titles(child)

    titles(spec)
    config = spec.setdefault("config", {})
    legend = config.setdefault("legend", {})
    legend.setdefault("orient", "bottom")
    legend.setdefault("columns", {"expr": f"{NARROW} ? 2 : 6"})
    legend.setdefault("labelLimit", {"expr": f"{NARROW} ? max(120, containerSize()[0] * 0.42) : 360"})
    return spec
