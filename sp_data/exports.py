"""Exports of charts and tables, each stamped with where its numbers come from."""
from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import altair as alt
import polars as pl
import vl_convert as vlc

from sp_data.params import Filters
from sp_data.snapshot import Snapshot, slug

SIMULATED_NOTICE = "SIMULATED DATA - not official figures"
SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)


@dataclass(frozen=True)
class Provenance:
    """Where an export's numbers come from: snapshot, as-at date, filters."""

    snapshot_id: str
    snapshot_created: str
    simulated: bool
    as_at: dt.date
    filters_text: str

    @classmethod
    def of(cls, snapshot: Snapshot, filters: Filters, extra: str = "") -> "Provenance":
        text = filters.describe()
        if extra:
            text = f"{text}; {extra}"
        return cls(snapshot.id, snapshot.created[:10], snapshot.simulated, filters.as_at, text)

    @property
    def line(self) -> str:
        sim = f" | {SIMULATED_NOTICE}" if self.simulated else ""
        return (f"Source: special procedures cooperation dashboard, snapshot {self.snapshot_id} "
                f"({self.snapshot_created}); figures {self.filters_text}{sim}")

    def file_name(self, name: str, ext: str) -> str:
        """A file name carrying the snapshot id and the as-at date."""
        sim = "-SIMULATED" if self.simulated else ""
        return f"{slug(name)}_{self.snapshot_id}_as-at-{self.as_at.isoformat()}{sim}.{ext}"


def _stamp_svg(svg: str, prov: Provenance) -> str:
    """Add the provenance footer below the chart and, if simulated, a diagonal notice across it."""
    root = ET.fromstring(svg)
    width = float(re.sub(r"[^0-9.]", "", root.get("width", "800")) or 800)
    height = float(re.sub(r"[^0-9.]", "", root.get("height", "400")) or 400)
    # About 6 px per character at 11 px: wrap so the whole line stays inside the image.
    lines = textwrap.wrap(prov.line, width=max(40, int((width - 16) / 6.1)))
    footer_h = 14 + 14 * len(lines)
    new_h = height + footer_h
    root.set("height", f"{new_h}")
    root.set("viewBox", f"0 0 {width} {new_h}")
    ET.SubElement(root, f"{{{SVG_NS}}}rect", x="0", y=str(height), width=str(width), height=str(footer_h), fill="white")
    for i, text in enumerate(lines):
        footer = ET.SubElement(root, f"{{{SVG_NS}}}text", x="8", y=str(height + 18 + 14 * i), fill="#333333")
        footer.set("font-family", "sans-serif")
        footer.set("font-size", "11")
        footer.text = text
    if prov.simulated:
        size = max(18.0, min(width, height) / 9)
        mark = ET.SubElement(root, f"{{{SVG_NS}}}text", x=str(width / 2), y=str(height / 2),
                             fill="#D55E00", opacity="0.28")
        mark.set("font-family", "sans-serif")
        mark.set("font-size", f"{size:.0f}")
        mark.set("font-weight", "bold")
        mark.set("text-anchor", "middle")
        mark.set("dominant-baseline", "middle")
        mark.set("transform", f"rotate(-22 {width / 2} {height / 2})")
        mark.text = SIMULATED_NOTICE
    return ET.tostring(root, encoding="unicode")


def chart_svg(chart: alt.TopLevelMixin, prov: Provenance) -> bytes:
    """The chart as SVG, with its provenance line (and simulated notice) inside the image."""
    svg = vlc.vegalite_to_svg(chart.to_dict())
    return _stamp_svg(svg, prov).encode("utf-8")


def chart_png(chart: alt.TopLevelMixin, prov: Provenance, scale: float = 2.0) -> bytes:
    """The chart as PNG at 2x scale, stamped like the SVG."""
    return vlc.svg_to_png(chart_svg(chart, prov).decode("utf-8"), scale=scale)


def chart_pdf(chart: alt.TopLevelMixin, prov: Provenance) -> bytes:
    """The chart as a one-page PDF, stamped like the SVG."""
    return vlc.svg_to_pdf(chart_svg(chart, prov).decode("utf-8"))


def table_csv(frame: pl.DataFrame) -> bytes:
    """A table as UTF-8 CSV (with BOM so spreadsheet programs read accents); provenance is in the file name."""
    flat = frame.with_columns([pl.col(c).list.join("; ") for c, t in frame.schema.items() if isinstance(t, pl.List)])
    return b"\xef\xbb\xbf" + flat.write_csv().encode("utf-8")


def table_xlsx(frame: pl.DataFrame, prov: Provenance, title: str) -> bytes:
    """A table as XLSX: the data on the first sheet, the provenance on a second sheet named 'Provenance'."""
    flat = frame.with_columns([pl.col(c).list.join("; ") for c, t in frame.schema.items() if isinstance(t, pl.List)])
    buf = io.BytesIO()
    import xlsxwriter

    with xlsxwriter.Workbook(buf) as wb:
        flat.write_excel(wb, worksheet="Data", autofit=True, table_style="Table Style Light 9")
        ws = wb.add_worksheet("Provenance")
        bold = wb.add_format({"bold": True})
        rows = [("Title", title), ("Snapshot", prov.snapshot_id), ("Snapshot created", prov.snapshot_created),
                ("As at", prov.as_at.isoformat()), ("Filters", prov.filters_text),
                ("Simulated data", "YES - " + SIMULATED_NOTICE if prov.simulated else "no"),
                ("Provenance", prov.line)]
        for i, (k, v) in enumerate(rows):
            ws.write(i, 0, k, bold)
            ws.write(i, 1, v)
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 100)
        if prov.simulated:
            wb.get_worksheet_by_name("Data").set_header(f"&C&\"Arial,Bold\"{SIMULATED_NOTICE}")
    return buf.getvalue()
