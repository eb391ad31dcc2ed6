"""A chart in words, from its own Vega-Lite spec: the sentence a screen reader reads instead of the picture."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sp_data.i18n import _, date_long, n_, number, p_, percent_text

# The marks that carry the figures; rules, text labels and shaded windows only decorate them.
FIGURE_MARKS = ("bar", "line", "area", "point", "circle", "square", "tick")
# More series than this are summed up by their extremes only: a sentence per series would be a table.
MAX_SERIES_NAMED = 4


def describe(spec: dict[str, Any]) -> str:
    """One or two sentences saying what the chart shows: its title, span, highest and lowest values."""
    title = title_text(spec)
    sentence = _figures(spec) or ""
    return " ".join(t for t in (f"{title}." if title and not title.endswith(".") else title, sentence) if t)


def summary(spec: dict[str, Any]) -> str:
    """The figures' sentence alone (for under the chart, where its title is already drawn); empty when none."""
    return _figures(spec) or ""


def title_text(spec: dict[str, Any]) -> str:
    """The chart's title as plain text (a title given as lines is joined)."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title).strip() if isinstance(title, str) else ""


def _figures(spec: dict[str, Any]) -> str | None:
    if isinstance(spec.get("description"), str) and spec["description"]:
        return spec["description"]  # the builder's own words, where the marks alone would mislead (a dot plot)
    for view, values in _views(spec, spec, None):
        text = _map(view, spec) if _mark(view) == "geoshape" else _view(view, values)
        if text:
            return text
    return None


def _mark(view: dict[str, Any]) -> str:
    mark = view.get("mark")
    return mark.get("type", "") if isinstance(mark, dict) else str(mark or "")


def _values(data: Any, root: dict[str, Any]) -> list[dict[str, Any]] | None:
    if not isinstance(data, dict):
        return None
    if "name" in data:
        found = root.get("datasets", {}).get(data["name"])
        return found if isinstance(found, list) else None
    values = data.get("values")
    return values if isinstance(values, list) else None


def _views(node: Any, root: dict[str, Any], inherited: list[dict[str, Any]] | None) -> Iterator[tuple[dict, list]]:
    """Every single view of a (layered, concatenated) spec with its rows, the figures' marks first."""
    found: list[tuple[dict, list]] = []

    def walk(n: Any, rows: list[dict[str, Any]] | None) -> None:
        if not isinstance(n, dict):
            return
        rows = _values(n.get("data"), root) if n.get("data") is not None else rows
        if "mark" in n:
            found.append((n, rows or []))
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in n.get(key, []) or []:
                walk(child, rows)
        if isinstance(n.get("spec"), dict):
            walk(n["spec"], rows)

    walk(node, inherited)
    yield from sorted(found, key=lambda f: _mark(f[0]) not in FIGURE_MARKS + ("geoshape",))


def _channel(view: dict[str, Any], name: str) -> dict[str, Any]:
    enc = view.get("encoding", {}).get(name)
    return enc if isinstance(enc, dict) and "field" in enc else {}


def _view(view: dict[str, Any], rows: list[dict[str, Any]]) -> str | None:
    if _mark(view) not in FIGURE_MARKS or not rows:
        return None
    x, y = _channel(view, "x"), _channel(view, "y")
    # A line over years has two quantitative axes: the figure is the vertical one, unless only the horizontal one is.
    horizontal = x.get("type") == "quantitative" and y.get("type") != "quantitative"
    measure, category = (x, y) if horizontal else (y, x)
    if measure.get("type") != "quantitative" or measure.get("aggregate") or not category:
        return _spans(x, y, rows)
    series = _channel(view, "color")
    if series.get("field") in (None, category["field"], measure["field"]) or series.get("type") == "quantitative":
        series = {}
    label = _label_field(view, category["field"], rows)
    points = [(r.get(label), r.get(category["field"]), r.get(series["field"]) if series else None, r.get(measure["field"]))
              for r in rows if isinstance(r.get(measure["field"]), int | float)]
    if not points:
        return None
    show = _formatter(measure["field"], [float(p[3]) for p in points if p[3] is not None])
    if _is_years(category, rows):
        return _over_years(points, show, series)
    return _ranked(points, show, series)


def _label_field(view: dict[str, Any], field: str, rows: list[dict[str, Any]]) -> str:
    """The name a reader knows a category by: a tooltip's name column when the axis shows a code."""
    tips = view.get("encoding", {}).get("tooltip") or []
    for tip in tips if isinstance(tips, list) else [tips]:
        other = tip.get("field") if isinstance(tip, dict) else None
        if not other or other == field or tip.get("type") != "nominal" or other not in (rows[0] if rows else {}):
            continue
        # One name per code and one code per name: a State's group, shared by many States, names none of them.
        codes = len({r.get(field) for r in rows})
        if codes == len({(r.get(field), r.get(other)) for r in rows}) == len({r.get(other) for r in rows}):
            return str(other)
    return field


def _is_years(category: dict[str, Any], rows: list[dict[str, Any]]) -> bool:
    values = [r.get(category["field"]) for r in rows]
    return category["field"] == "year" or (category.get("type") == "ordinal" and all(
        isinstance(v, int) and 1900 < v < 2200 for v in values))


def _formatter(field: str, values: list[float]):
    if "percent" in field or "rate" in field:
        return lambda v: percent_text(v, 1)
    if all(float(v).is_integer() for v in values):
        return lambda v: number(int(v))
    return lambda v: number(v, 1)


def _over_years(points: list[tuple], show, series: dict[str, Any]) -> str:
    years = sorted({p[1] for p in points})
    names = list(dict.fromkeys(p[2] for p in points)) if series else [None]
    parts = []
    for name in names[:MAX_SERIES_NAMED] if len(names) <= MAX_SERIES_NAMED else []:
        mine = [p for p in points if p[2] == name]
        high, low = max(mine, key=lambda p: p[3]), min(mine, key=lambda p: p[3])
        text = _("highest in {high_year} ({high}), lowest in {low_year} ({low})").format(
            high_year=high[1], high=show(high[3]), low_year=low[1], low=show(low[3]))
        parts.append(f"{name}: {text}" if name is not None else text)
    if not parts:  # too many series to name each: the extremes of them all
        high, low = max(points, key=lambda p: p[3]), min(points, key=lambda p: p[3])
        parts.append(_("highest: {high_name} in {high_year} ({high}); lowest: {low_name} in {low_year} ({low})").format(
            high_name=high[2], high_year=high[1], high=show(high[3]), low_name=low[2], low_year=low[1], low=show(low[3])))
    span = p_("chart description", "{first} to {last}").format(first=years[0], last=years[-1]) if len(years) > 1 else str(years[0])
    return p_("chart description", "{span}: {figures}.").format(span=span, figures="; ".join(parts))


def _ranked(points: list[tuple], show, series: dict[str, Any]) -> str:
    totals: dict[Any, float] = {}
    for label, _category, _series, value in points:
        totals[label] = totals.get(label, 0) + value
    ordered = sorted(totals.items(), key=lambda kv: -kv[1])
    (high, high_value), (low, low_value) = ordered[0], ordered[-1]
    count = n_("{n} bar", "{n} bars", len(ordered)).format(n=number(len(ordered)))
    if len(ordered) == 1:
        return p_("chart description", "{count}: {name} ({value}).").format(count=count, name=high, value=show(high_value))
    return _("{count}: highest {high_name} ({high}), lowest {low_name} ({low}).").format(
        count=count, high_name=high, high=show(high_value), low_name=low, low=show(low_value))


def _spans(x: dict[str, Any], y: dict[str, Any], rows: list[dict[str, Any]]) -> str | None:
    """A timeline: rows of a nominal axis along a time axis."""
    time, rows_axis = (x, y) if x.get("type") == "temporal" else (y, x)
    if time.get("type") != "temporal" or rows_axis.get("type") not in ("nominal", "ordinal"):
        return None
    dates = sorted(d for d in (_date(r.get(time["field"])) for r in rows) if d)
    labels = {r.get(rows_axis["field"]) for r in rows} - {None}
    if not dates or not labels:
        return None
    count = n_("{n} row", "{n} rows", len(labels)).format(n=number(len(labels)))
    return _("{count}, from {first} to {last}.").format(count=count, first=date_long(dates[0]), last=date_long(dates[-1]))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _map(view: dict[str, Any], root: dict[str, Any]) -> str | None:
    """A map coloured by a measure: how many States it colours, and the highest and lowest."""
    colour = _channel(view, "color")
    lookup = next((t for t in view.get("transform", []) if "lookup" in t), None)
    rows = _values(lookup.get("from", {}).get("data"), root) if lookup else None
    if not colour or not rows:
        return None
    field = colour["field"]
    known = [r for r in rows if r.get(field) is not None]
    if not known:
        return None
    count = n_("{n} State on the map", "{n} States on the map", len(known)).format(n=number(len(known)))
    if colour.get("type") != "quantitative":
        groups: dict[Any, int] = {}
        for r in known:
            groups[r[field]] = groups.get(r[field], 0) + 1
        parts = ", ".join(f"{k}: {number(v)}" for k, v in sorted(groups.items(), key=lambda kv: -kv[1]))
        return _("{count} coloured by {measure} ({parts}).").format(count=count, measure=colour.get("title", field),
                                                                   parts=parts)
    show = _formatter(field, [r[field] for r in known])
    high, low = max(known, key=lambda r: r[field]), min(known, key=lambda r: r[field])
    return _("{count} coloured by {measure}: highest {high_name} ({high}), lowest {low_name} ({low}).").format(
        count=count, measure=colour.get("title", field), high_name=high.get("name"), high=show(high[field]),
        low_name=low.get("name"), low=show(low[field]))
