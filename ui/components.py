"""Shared page parts: header with the simulated banner, tiles, and charts and tables with their downloads."""
from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from functools import partial

from collections.abc import Callable, Mapping
from typing import Any, Literal

import altair as alt
from altair.utils import schemapi
import polars as pl
import streamlit as st
# The type of a st.column_config.*Column(...) (a TypedDict), which Streamlit's own signatures use.
from streamlit import dataframe_util
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements.lib.column_types import ColumnConfig

from sp_data import exports, i18n
from sp_data.charts.base import fit_narrow_screens, localized, world_topojson
from sp_data.charts.describe import describe, summary
from sp_data.coverage import NOT_RECORDED, NOT_RECORDED_TILE, missing_in, unknown_columns
from sp_data.figures import Facts, Figure
from sp_data.plain import plain, tile_help
from sp_data.i18n import _, number
from sp_data.record.history_view import earlier_notice, version_label
from sp_data.wording import SIMULATED_DETAIL, SIMULATED_HEADLINE
from ui import cache, html_table, style
from ui.cache import Deferred
from ui.state import View, carried_params, notices

SIMULATED_BANNER = f"**{SIMULATED_HEADLINE}** {SIMULATED_DETAIL}"  # the English (tests look for it)


def simulated_banner() -> str:
    """The simulated notice every page of simulated data carries, in the reader's language."""
    return f"**{_(SIMULATED_HEADLINE)}** {_(SIMULATED_DETAIL)}"


# Streamlit's own chart toolbar saves a PNG or copies the spec with no notice, source or date; the
# project's PNG/SVG buttons stamp them. (Its table download is off by client.disableDataExport in
# .streamlit/config.toml.) Only the fullscreen button is left.
NO_UNLABELLED_EXPORTS = """<style>
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Download as"]),
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Copy Vega-Lite spec"]),
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Copied"]) { display: none !important; }
</style>"""


def header(view: View, title: str, intro: str = "") -> None:
    """Page title, the filters in words, and the banners every page must show."""
    st.html(NO_UNLABELLED_EXPORTS)
    st.html(style.PAGE_CSS)  # print on A4, the phone's layout, screen-reader text: once per run, here
    st.title(title)
    for text in notices():
        st.warning(text, icon=":material/info:")
    if view.snapshot.simulated:
        st.warning(simulated_banner(), icon="⚠️")
    earlier = earlier_notice(view.snapshot.manifest)
    if earlier:
        st.info(earlier, icon=":material/history:")
    if view.problem:
        st.error(_("{problem}. Showing the last good version of the records instead: **{version}**.").format(
            problem=view.problem, version=version_label(view.snapshot.manifest)), icon="🛑")
    # The version of the records in words (its date and source), never its id.
    version = f"**{version_label(view.snapshot.manifest)}**" + (
        " (" + _("simulated") + ")" if view.snapshot.simulated else "")
    st.caption(_("Figures for **{period}**, as at **{as_at}** · {groups} · version of the records: {version}").format(
        period=view.period, as_at=view.as_at_text, groups=view.groups_text, version=version))
    if intro:
        st.markdown(intro)


def empty(message: str) -> None:
    """Say plainly why there is nothing to show."""
    st.info(message, icon="ℹ️")


def not_recorded(view: View, *kinds: str, span: str = "year") -> bool:
    """Say what records the snapshot lacks for these kinds and period, and how to import them; True if any."""
    return warn_missing(view.data(missing_in, view.filters, span, *kinds))


def warn_missing(message: str | None) -> bool:
    """Say what records the snapshot lacks (a text of sp_data.coverage.missing_in), if anything; True if so."""
    if message:
        st.warning(message, icon=":material/database_off:")
    return bool(message)


def chart(view: View, chart: alt.TopLevelMixin | Deferred, name: str, filters: str = "") -> None:
    """An Altair chart with PNG and SVG downloads stamped with their provenance (rendered on click).

    chart: the chart, or better lazy(builder, *args): then the finished spec is cached by what determines it
    (the builder's arguments and the reader's language) and the chart is built only on a cache miss or a download.
    filters: the page's own choices that shaped the chart, in words (e.g. "State IRN; years 2011-2023"),
    printed in the provenance line with the shared filters.
    """
    if isinstance(chart, Deferred):
        deferred = chart
        spec, in_words = cache.finished(deferred, partial(_on_screen, deferred))
    else:  # built already: finished for this run only (nothing stable to key it by)
        deferred = Deferred(lambda: chart)
        spec, in_words = _on_screen(deferred)
    box = st.container(key=f"sp-chart-{name}")  # a phone_list() of the same name replaces it on a phone
    box.vega_lite_chart(spec, width="stretch")
    if in_words:
        box.caption(in_words)
    prov = view.choosing(filters).provenance if filters else view.provenance
    language = i18n.current()  # a download is rendered later, outside this run: in the language of this one

    def image(render: Callable[[alt.TopLevelMixin, Any], bytes]) -> Callable[[], bytes]:
        def rendered() -> bytes:
            with i18n.use(language):
                # numbers and month names in the reader's language, as on screen
                return render(localized(deferred.build()), prov)
        return rendered

    row = box.container(horizontal=True)
    row.download_button("PNG", image(exports.chart_png), file_name=prov.file_name(name, "png"),
                        mime="image/png", key=f"png-{name}", icon=":material/download:", on_click="ignore")
    row.download_button("SVG", image(exports.chart_svg), file_name=prov.file_name(name, "svg"),
                        mime="image/svg+xml", key=f"svg-{name}", icon=":material/download:", on_click="ignore")


def lazy(builder: Callable[..., alt.TopLevelMixin], *args: Any, **kwargs: Any) -> Deferred:
    """builder(*args, **kwargs) for chart(), built only when its spec is not cached (arguments may be lazy too)."""
    return Deferred(builder, *args, **kwargs)


# Where the front end fetches the world map's shapes (static/, served by server.enableStaticServing): once per
# browser instead of 100 kB inline in every Overview. Relative, so that it holds behind a proxy's path prefix.
WORLD_SHAPES_URL = "app/static/world-110m.json"


_unchecked_lock = threading.Lock()
_unchecked_runs = 0
_checked_before = True


@contextlib.contextmanager
def _unchecked() -> Iterator[None]:
    """Altair's checks of every schema object as it is made (its debug mode) off while a chart is built for the
    screen: they cost a tenth of a page's first view. Counted, as sessions build charts at the same time; the
    tests validate the builders' specs, and the exports (vl-convert) validate their own."""
    global _unchecked_runs, _checked_before
    with _unchecked_lock:
        if _unchecked_runs == 0:
            _checked_before, schemapi.DEBUG_MODE = schemapi.DEBUG_MODE, False
        _unchecked_runs += 1
    try:
        yield
    finally:
        with _unchecked_lock:
            _unchecked_runs -= 1
            if _unchecked_runs == 0:
                schemapi.DEBUG_MODE = _checked_before


# Altair (6.3) makes a converter for every channel given as text ("year:O") or a dict, and each converter
# hashes the JSON of every one of the schema's ~600 classes: a quarter of building a chart. The classes do not
# change once imported, so the table is made once per set of classes and shared (read only after that).
_class_tables: dict[tuple[type, ...], Any] = {}
_making_converter = schemapi._FromDict.__init__


def _converter_once(self: Any, wrapper_classes: Any, /) -> None:
    classes = tuple(wrapper_classes)
    table = _class_tables.get(classes)
    if table is None:
        _making_converter(self, classes)
        _class_tables[classes] = self.class_dict
    else:
        self.class_dict = table


setattr(schemapi._FromDict, "__init__", _converter_once)  # noqa: B010 (a method replaced: mypy refuses the assignment)


def _on_screen(deferred: Deferred) -> tuple[dict, str]:
    """The chart's spec as the screen draws it, and its figures in words."""
    with _unchecked():
        chart = localized(deferred.build())  # numbers and month names in the reader's language
        # Unvalidated: validating against Vega-Lite's schema cost more than the page's queries; the builders are
        # pure functions whose specs the tests validate, and the exports (vl-convert) validate their own.
        spec = chart.to_dict(validate=False)
    _shapes_by_address(spec)
    # Said in words too: the chart's accessible name (not "Vega visualization") and a line under it.
    spec["description"] = describe(spec)
    # The marks themselves stay out of a screen reader's way: hundreds of shapes named "shape mark" say nothing.
    spec.setdefault("config", {}).setdefault("mark", {})["aria"] = False
    in_words = summary(spec)
    fit_narrow_screens(spec)
    _datasets_as_arrow(spec)
    return spec, in_words


def _shapes_by_address(node: Any) -> None:
    """Point inline map shapes given as a JSON string (the world map's) to their static file instead.

    The builders inline them (the exports have no server to fetch from) as one string because Altair
    would otherwise walk every node of the shapes.
    """
    if isinstance(node, dict):
        values, fmt = node.get("values"), node.get("format")
        if isinstance(values, str) and isinstance(fmt, dict) and fmt.get("type") in ("json", "topojson"):
            if values == world_topojson():
                del node["values"]
                node["url"] = WORLD_SHAPES_URL
            else:
                node["values"] = json.loads(values)  # Streamlit keeps geographic data inline only as an object
        for child in node.values():
            _shapes_by_address(child)
    elif isinstance(node, list):
        for child in node:
            _shapes_by_address(child)


def _datasets_as_arrow(spec: dict) -> None:
    """The spec's tables as Arrow bytes, as Streamlit sends them: converted once, when the spec is cached."""
    for name, values in spec.get("datasets", {}).items():
        if isinstance(values, list) and values and isinstance(values[0], dict):
            spec["datasets"][name] = dataframe_util.convert_anything_to_arrow_bytes(values)


# For AppTests only (tests/conftest.py's app fixture sets it): a short list drawn as an HTML table is also sent as
# a grid, which AppTest reads as a frame of the same values. A browser was sent it hidden, and it cost a quarter of
# the drawing of a page of short lists (the grid's code, its Arrow table, its canvas): a server does not send it.
SHORT_TABLES_AS_GRIDS_TOO = False


def table(view: View, frame: pl.DataFrame, name: str, columns: Mapping[str, str | ColumnConfig],
          height: int | Literal["auto"] = "auto", filters: str = "", title: str | None = None) -> None:
    """A sortable, searchable table with readable column names, and CSV and XLSX downloads.

    columns maps a frame column to its label or a column_config; only these columns are shown.
    filters: the page's own choices that shaped the table, in words, for the provenance (as in chart()).
    title: the XLSX's title, when the name alone would not read well (a State's name, not its code).
    """
    # A column the snapshot does not record for this view is left out, and said to be, never shown empty.
    unknown = set(view.data(unknown_columns, view.filters)) & set(columns) & set(frame.columns)
    unknown_labels = [v if isinstance(v, str) else (v.get("label") or c) for c, v in columns.items() if c in unknown]
    known = {c: v for c, v in columns.items() if c not in unknown}
    config = {c: (st.column_config.Column(v) if isinstance(v, str) else v) for c, v in known.items()}
    shown = frame[[c for c in known if c in frame.columns]]  # not select(): that runs the lazy engine, 10x slower
    labels = {c: (v if isinstance(v, str) else (v.get("label") or c)) for c, v in known.items()}
    if shown.height <= html_table.MAX_ROWS:
        # A short list is a real table (found by Ctrl+F, read by screen readers, printed whole).
        caption = title or _("Table: {columns}").format(columns=", ".join(t for t in labels.values() if t.strip()))
        st.html(html_table.render(shown, {c: config[c] for c in shown.columns}, caption))
        if SHORT_TABLES_AS_GRIDS_TOO:
            st.container(key=f"sp-grid-short-{name}").dataframe(shown.to_arrow(), hide_index=True, column_config=config)
    else:
        # As Arrow: Streamlit sends an Arrow table as it is, where a polars frame would go through pandas (the
        # largest part of a table's server time).
        st.dataframe(shown.to_arrow(), hide_index=True, column_config=config, width="stretch", height=height)
    prov = view.choosing(filters).provenance if filters else view.provenance
    links = [c for c, v in config.items() if c in shown.columns and _is_link(v)]
    language = i18n.current()  # a download is rendered later, outside this run: in the language of this one

    def readable() -> pl.DataFrame:
        """The table as downloaded (made on click, not on every run)."""
        # Links to other pages are for the screen: a downloaded table keeps the names, not the addresses.
        out = shown.drop(links)
        out = out.rename({c: labels.get(c) or c for c in out.columns})
        # The downloads keep the columns the screen leaves out, saying in each cell that they are not recorded.
        return out.with_columns([pl.lit(_(NOT_RECORDED)).alias(label) for label in unknown_labels])

    def csv() -> bytes:
        with i18n.use(language):
            return exports.table_csv(readable(), prov)

    def xlsx() -> bytes:
        with i18n.use(language):
            return exports.table_xlsx(readable(), prov, title or name)

    row = st.container(horizontal=True, vertical_alignment="center")
    row.download_button("CSV", csv, file_name=prov.file_name(name, "csv"),
                        mime="text/csv", key=f"csv-{name}", icon=":material/download:", on_click="ignore")
    row.download_button("XLSX", xlsx, file_name=prov.file_name(name, "xlsx"),
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        key=f"xlsx-{name}", icon=":material/download:", on_click="ignore")
    row.caption(_("Provenance: the file names carry the snapshot id and as-at date; the CSV states it in its "
                  "first lines (starting with #), the XLSX above the table and on its Provenance sheet."))
    if unknown:
        st.caption(_("Not shown, as {not_recorded}: {columns}.").format(not_recorded=_(NOT_RECORDED),
                                                                        columns=", ".join(unknown_labels)))


def _is_link(config: ColumnConfig) -> bool:
    type_config = config.get("type_config")
    return type_config is not None and type_config.get("type") == "link"


def unrecorded_tile(label: str, help: str | None = None) -> None:
    """A tile whose figure the snapshot does not record, in words at text size (a metric's figure would be cut off)."""
    with st.container(border=True, gap="small", height="stretch"):
        st.caption(label, help=help)
        st.markdown(f"**{_(NOT_RECORDED_TILE)}**")


def definition(*terms: str) -> str:
    """Help text: the definitions of some terms, in plain words (the formal ones are on the Data page)."""
    return plain(*terms)


def tile(container: DeltaGenerator, label: str, value: Any, help_terms: tuple[str, ...] | str, page: str | None = None,
         link_label: str | None = None, fmt: Callable[[Any], str] = number,
         undefined: bool = False, carried: dict | None = None) -> None:
    """A figure with its own help text (or the definitions of some terms), linking to the page that details it.

    None is a figure the snapshot does not record (sp_data.coverage), said in words; undefined=True
    marks a None that is a figure of nothing instead (a reply rate with no letter sent), shown "–".
    carried: carried_params(), when the caller has it already (a row of tiles).
    """
    with container:
        help_text = help_terms if isinstance(help_terms, str) else definition(*help_terms)
        if value is None and not undefined:
            unrecorded_tile(label, help_text + "\n\n" + definition("coverage"))
        else:
            st.metric(label, "–" if value is None else fmt(value), help=help_text, border=True, height="stretch")
        if page:
            st.page_link(page, label=link_label or _("Details"), icon=":material/arrow_forward:",
                         query_params=carried_params() if carried is None else carried)


def _figure_text(facts: Facts, figure: Figure, _value: object) -> str:
    return facts.tile_text(figure)


def figure_tiles(view: View, facts: Facts, figures: tuple[Figure, ...], links: bool = True) -> None:
    """A row of four tiles, each a figure of the registry (sp_data.figures) with its own help and its link."""
    carried = carried_params() if links else None  # once for the row: it reads the session's state
    # Keyed: two tiles per row on a phone (ui.style), not one.
    for col, figure in zip(st.container(key=f"sp-tiles-{figures[0].key if figures else 0}").columns(4), figures, strict=False):
        tile(col, figure.tile_label, facts[figure.key], tile_help(figure.key, view.filters, facts),
             page=figure.link if links else None, fmt=partial(_figure_text, facts, figure),
             undefined=facts.is_recorded(figure.key), carried=carried)


def phone_list(name: str, items: list[str]) -> None:
    """On a phone, a list in place of the chart of the same name (ui.chart); the chart stays on wider screens."""
    st.html(style.hide_when_narrow(f"sp-chart-{name}"))
    with st.container(key=f"sp-narrow-{name}"):
        st.markdown("\n".join(f"- {item}" for item in items))
