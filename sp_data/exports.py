"""Exports of charts and tables, each stamped with where its numbers come from."""
from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import altair as alt
import polars as pl
import vl_convert as vlc
import xlsxwriter

from sp_data import i18n
from sp_data.i18n import N_, _
from sp_data.params import Filters
from sp_data.snapshot import Snapshot, slug
from sp_data.wording import SIMULATED_NOTICE, SOURCE_NAME, date_text, groups_codes

__all__ = ["SIMULATED_NOTICE", "SOURCE_NAME"]  # read from here by the briefings and the tests
SVG_NS = "http://www.w3.org/2000/svg"
NOTICE_COLOUR = "#D55E00"  # Okabe-Ito vermillion: the simulated notice everywhere
ET.register_namespace("", SVG_NS)


class ExportError(ValueError):
    """A chart or table that cannot be exported as asked."""


@dataclass(frozen=True)
class Provenance:
    """Where an export's numbers come from: snapshot, as-at date, filters; and the language it is written in.

    The language is the reader's when the provenance is made (a page's run): a download made later, outside
    that run, still speaks it.
    """

    snapshot_id: str
    snapshot_created: str
    simulated: bool
    as_at: dt.date
    filters_text: str
    lang: str = field(default_factory=i18n.current)

    @classmethod
    def of(cls, snapshot: Snapshot, filters: Filters, extra: str = "") -> Provenance:
        """extra names page-specific choices (a State, a year range) that shaped the export."""
        # Filters.describe() in the words a person reads: the as-at date as '31 December 2023'.
        text = _("as at {date}; {groups}").format(date=date_text(filters.as_at), groups=groups_codes(filters.regions))
        if filters.threshold != 5:
            text = _("{filters}; five-plus threshold {n}").format(filters=text, n=filters.threshold)
        if extra:
            text = f"{text}; {extra}"
        return cls(snapshot.id, snapshot.created[:10], snapshot.simulated, filters.as_at, text)

    def speaking(self):
        """A block in the export's language (sp_data.i18n.use)."""
        return i18n.use(self.lang)

    @property
    def created_text(self) -> str:
        """The snapshot's creation date in words ('1 July 2024'); as stored if it is not a date."""
        try:
            with self.speaking():
                return date_text(dt.date.fromisoformat(self.snapshot_created[:10]))
        except ValueError:
            return self.snapshot_created

    @property
    def source_text(self) -> str:
        created = self.created_text
        with self.speaking():
            return _("Source: {source}, snapshot {snapshot} ({created})").format(
                source=_(SOURCE_NAME), snapshot=self.snapshot_id, created=created)

    @property
    def figures_text(self) -> str:
        with self.speaking():
            return _("figures {filters}").format(filters=self.filters_text)

    @property
    def notice(self) -> str:
        """The simulated notice in the export's language."""
        with self.speaking():
            return _(SIMULATED_NOTICE)

    @property
    def line(self) -> str:
        sim = f" | {self.notice}" if self.simulated else ""
        return f"{self.source_text}; {self.figures_text}{sim}"

    def file_name(self, name: str, ext: str) -> str:
        """A file name carrying the snapshot id and the as-at date."""
        sim = "-SIMULATED" if self.simulated else ""
        return f"{slug(name)}_{slug(self.snapshot_id)}_as-at-{self.as_at.isoformat()}{sim}.{ext}"


# --- charts -----------------------------------------------------------------------------------

def _urls(spec: object) -> list[str]:
    """Every data URL in a Vega-Lite spec (exports must not fetch anything)."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "url" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_urls(value))
    elif isinstance(spec, list):
        for item in spec:
            found.extend(_urls(item))
    return found


# A sentence telling the reader to hover or click: meaningless on paper or in an image.
_INTERACTION_HINT = re.compile(r"[^.;]*\b(?:hover|click|tap|zoom|drag)\b[^.;]*[.;]?\s*", re.IGNORECASE)


def _static_text(text: str) -> str:
    return _INTERACTION_HINT.sub("", text).strip()


def static(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart without the subtitle sentences that tell an on-screen reader to hover or click."""
    title = getattr(chart, "title", alt.Undefined)
    if not isinstance(title, alt.TitleParams):
        return chart
    sub = title.subtitle
    lines = [sub] if isinstance(sub, str) else list(sub) if isinstance(sub, list) else []
    kept = [t for t in (_static_text(line) for line in lines) if t]
    if kept == lines:
        return chart
    new = (kept[0] if kept else "") if isinstance(sub, str) else kept
    return chart.properties(title=alt.TitleParams(**{**title.to_dict(), "subtitle": new}))


def render_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as plain SVG, rendered offline by vl-convert through Altair's save.

    Charts carry their data inline; one that would load a URL is refused rather than fetched.
    Text is drawn in Liberation Sans, which vl-convert embeds, so no system font is needed.
    Every export is static, so hover and click instructions are left out (static()), and speaks the reader's
    language (localized()).
    """
    from sp_data.charts.base import localized  # the charts' module imports this one's wording

    chart = localized(static(chart))  # numbers and months in the reader's language, in the briefings too
    with alt.data_transformers.enable("default", max_rows=None):  # big tables export whole
        urls = _urls(chart.to_dict())
    if urls:
        raise ExportError(f"chart loads data from {urls[0]!r}; exports render inline data only")
    buf = io.StringIO()
    chart.save(buf, format="svg")
    return buf.getvalue()


def _size(root: ET.Element) -> tuple[float, float]:
    """Width and height of an SVG in user units (from its viewBox, else its width/height)."""
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        return float(box[2]), float(box[3])

    def number(attr: str, default: float) -> float:
        match = re.match(r"\s*([0-9.]+)", root.get(attr, ""))
        return float(match.group(1)) if match else default

    return number("width", 800.0), number("height", 400.0)


def _svg_text(parent: ET.Element, x: float, y: float, text: str, **attrs) -> ET.Element:
    el = ET.SubElement(parent, f"{{{SVG_NS}}}text", x=f"{x:.1f}", y=f"{y:.1f}")
    for key, value in attrs.items():
        el.set(key.replace("_", "-"), str(value))
    el.text = text
    return el


def footer_lines(prov: Provenance, width_px: float, px_per_char: float = 6.0) -> list[str]:
    """The provenance line wrapped at its natural breaks to fit a width (about 6 px a character at 11 px)."""
    chars = max(24, int((width_px - 16) / px_per_char))
    joined = f"{prov.source_text}; {prov.figures_text}"
    if len(joined) <= chars:
        return [joined]
    figures = prov.figures_text[0].upper() + prov.figures_text[1:]
    return textwrap.wrap(prov.source_text + ";", width=chars) + textwrap.wrap(figures, width=chars)


def _watermark(root: ET.Element, width: float, height: float, notice: str) -> None:
    """The simulated notice tiled diagonally over the whole chart, so that no crop can leave it out."""
    size = max(13.0, min(26.0, min(width, height) / 11))
    step_x = size * 0.62 * len(notice) * 0.87 + size * 2  # text length along x at -30 degrees, plus a gap
    step_y = size * 4.2
    group = ET.SubElement(root, f"{{{SVG_NS}}}g", opacity="0.2")
    group.set("pointer-events", "none")
    group.set("aria-hidden", "true")
    row, y = 0, size * 2.0
    while y < height + step_y:
        x = -step_x / 2 if row % 2 else 0.0
        while x < width:
            _svg_text(group, x, y, notice, fill=NOTICE_COLOUR, font_family="sans-serif",
                      font_size=f"{size:.0f}", font_weight="bold", transform=f"rotate(-30 {x:.1f} {y:.1f})")
            x += step_x
        y += step_y
        row += 1


MIN_STAMP_WIDTH = 240.0


def _stamp_svg(svg: str, prov: Provenance) -> str:
    """Add the provenance footer below the chart and, if simulated, the notice across it and in the footer."""
    root = ET.fromstring(svg)
    chart_w, height = _size(root)
    width = max(chart_w, MIN_STAMP_WIDTH)  # a tiny chart gets room for a readable footer
    lines = footer_lines(prov, width)
    notice = [prov.notice] if prov.simulated else []
    footer_h = 12 + 15 * (len(lines) + len(notice))
    new_h = height + footer_h
    root.set("width", f"{width:g}")
    root.set("height", f"{new_h:g}")
    root.set("viewBox", f"0 0 {width:g} {new_h:g}")
    root.insert(0, ET.Element(f"{{{SVG_NS}}}rect", x="0", y="0", width=f"{width:g}", height=f"{new_h:g}",
                              fill="white"))
    # The full line as metadata, for search and screen readers, whatever the wrapping.
    desc = ET.Element(f"{{{SVG_NS}}}desc")
    desc.text = prov.line
    root.insert(0, desc)
    if prov.simulated:
        _watermark(root, width, height, prov.notice)
    ET.SubElement(root, f"{{{SVG_NS}}}rect", x="0", y=f"{height:g}", width=f"{width:g}",
                  height=f"{footer_h:g}", fill="white")
    ET.SubElement(root, f"{{{SVG_NS}}}line", x1="8", x2=f"{width - 8:g}", y1=f"{height + 4:g}",
                  y2=f"{height + 4:g}", stroke="#cccccc")
    y = height + 19
    for text in notice:
        _svg_text(root, 8, y, text, fill=NOTICE_COLOUR, font_family="sans-serif", font_size="11",
                  font_weight="bold")
        y += 15
    for text in lines:
        _svg_text(root, 8, y, text, fill="#333333", font_family="sans-serif", font_size="11")
        y += 15
    return ET.tostring(root, encoding="unicode")


def chart_svg(chart: alt.TopLevelMixin, prov: Provenance) -> bytes:
    """The chart as SVG, with its provenance line (and simulated notice) inside the image."""
    return _stamp_svg(render_svg(chart), prov).encode("utf-8")


def chart_png(chart: alt.TopLevelMixin, prov: Provenance, scale: float = 2.0) -> bytes:
    """The chart as PNG at 2x scale, stamped like the SVG."""
    return vlc.svg_to_png(chart_svg(chart, prov).decode("utf-8"), scale=scale)


def chart_pdf(chart: alt.TopLevelMixin, prov: Provenance) -> bytes:
    """The chart as a one-page PDF, stamped like the SVG."""
    return vlc.svg_to_pdf(chart_svg(chart, prov).decode("utf-8"))


def plain_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG without a stamp, for documents that stamp every page themselves (the briefings)."""
    return vlc.svg_to_png(render_svg(chart), scale=scale)


# --- tables -----------------------------------------------------------------------------------

def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """List columns joined into text, so every cell fits a spreadsheet."""
    return frame.with_columns([pl.col(c).list.eval(pl.element().cast(pl.String)).list.join("; ")
                               for c, t in frame.schema.items() if isinstance(t, pl.List)])


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(frame: pl.DataFrame) -> pl.DataFrame:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection)."""
    return frame.with_columns([
        pl.when(pl.any_horizontal([pl.col(c).str.starts_with(p) for p in _FORMULA_START]))
        .then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c, t in frame.schema.items() if t == pl.String])


CSV_COMMENT = "#"


def csv_preamble(prov: Provenance) -> list[str]:
    """The comment lines that open an exported CSV: the simulated notice, the source and the filters."""
    lines = [prov.notice] if prov.simulated else []
    lines += [prov.source_text, prov.figures_text[0].upper() + prov.figures_text[1:]]
    return [f"{CSV_COMMENT} {line}" for line in lines]


def table_csv(frame: pl.DataFrame, prov: Provenance | None = None) -> bytes:
    """A table as UTF-8 CSV (with BOM so spreadsheet programs read accents).

    With prov, the file opens with comment lines (csv_preamble: the simulated notice, source and
    filters) so that the notice travels with the numbers; read it with pandas' comment="#".
    """
    head = "".join(line + "\n" for line in csv_preamble(prov)) if prov is not None else ""
    return b"\xef\xbb\xbf" + (head + _defuse(_flat(frame)).write_csv()).encode("utf-8")


# Sheet names, in the export's language (a sheet name holds at most 31 characters).
DATA_SHEET = N_("Data")
PROVENANCE_SHEET = N_("Provenance")
HEADER_ROW = 5  # 1-based row of the table's column names on the Data sheet (title rows above)


def _title(name: str) -> str:
    """A readable title from an export's name ('visits-by-group' -> 'Visits by group')."""
    return name if " " in name else (name.replace("-", " ").replace("_", " ").capitalize() or _(DATA_SHEET))


def table_xlsx(frame: pl.DataFrame, prov: Provenance, title: str) -> bytes:
    """A table as XLSX: title, simulated notice and provenance above the data, and a 'Provenance' sheet.

    Rows 1-3 of the Data sheet hold the title, the simulated notice (or "Official snapshot data")
    and the provenance line; the table's column names are on row HEADER_ROW.
    """
    with prov.speaking():
        return _table_xlsx(frame, prov, _title(title))


def _table_xlsx(frame: pl.DataFrame, prov: Provenance, title: str) -> bytes:
    flat = _flat(frame)
    notice, line = _(SIMULATED_NOTICE), prov.line
    data_sheet, prov_sheet = _(DATA_SHEET)[:31], _(PROVENANCE_SHEET)[:31]
    buf = io.BytesIO()
    # Text from imported files is written as text, never as a formula or a link.
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with xlsxwriter.Workbook(buf, options) as wb:
        wb.set_properties({"title": title, "subject": line, "comments": line,
                           "keywords": notice if prov.simulated else ""})
        flat.write_excel(wb, worksheet=data_sheet, position=(HEADER_ROW - 1, 0), autofit=True,
                         table_style="Table Style Light 9", float_precision=2)
        ws = wb.get_worksheet_by_name(data_sheet)
        # Written after the autofit so that the long lines do not widen the first column.
        ws.write(0, 0, title, wb.add_format({"bold": True, "font_size": 14}))
        if prov.simulated:
            ws.write(1, 0, notice, wb.add_format({"bold": True, "font_color": NOTICE_COLOUR,
                                                            "font_size": 12}))
            ws.set_header(f"&C&\"Arial,Bold\"{notice}")
        ws.write(2, 0, line, wb.add_format({"italic": True, "font_color": "#555555"}))
        ws.set_footer(f"&L&8{line.replace('&', '&&')[:200]}")
        ws.freeze_panes(HEADER_ROW, 0)

        ps = wb.add_worksheet(prov_sheet)
        bold = wb.add_format({"bold": True, "valign": "top"})
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        rows = [(_("Title"), title), (_("Snapshot"), prov.snapshot_id), (_("Snapshot created"), prov.created_text),
                (_("As at"), date_text(prov.as_at)), (_("Filters"), prov.filters_text),
                (_("Simulated data"), _("YES - {notice}").format(notice=notice) if prov.simulated else _("no")),
                (_(PROVENANCE_SHEET), line)]
        for i, (key, value) in enumerate(rows):
            ps.write(i, 0, key, bold)
            ps.write_string(i, 1, value, wrap)
        ps.set_column(0, 0, 18)
        ps.set_column(1, 1, 100)
        if prov.simulated:
            ps.set_header(f"&C&\"Arial,Bold\"{notice}")
    return buf.getvalue()
