"""The briefings' page template (fpdf2): running header, provenance footer and watermark on every page, tables, charts."""
from __future__ import annotations

import datetime as dt
import io
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Sequence
from typing import cast

import altair as alt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from sp_data import i18n
from sp_data.definitions import TITLES
from sp_data.i18n import _
from sp_data.plain import PLAIN
from sp_data.wording import date_text as words_date, simulated_explanation
from sp_data.exports import NOTICE_COLOUR, SIMULATED_NOTICE, SOURCE_NAME, Provenance, plain_png

FONT_DIR = Path(__file__).parent / "fonts"
# DejaVu (vendored, see fonts/LICENSE): every accented State name prints, and the text stays selectable.
# Bold is the condensed cut throughout: one file fewer to parse for every briefing.
FONTS = {
    ("sans", ""): "DejaVuSans.ttf", ("sans", "B"): "DejaVuSansCondensed-Bold.ttf",
    ("cond", ""): "DejaVuSansCondensed.ttf", ("cond", "B"): "DejaVuSansCondensed-Bold.ttf",
}

INK = (34, 34, 34)
GREY = (95, 95, 95)
RULE = (200, 205, 212)
ACCENT = (0, 84, 147)       # headings: a dark blue (Okabe-Ito blue, darkened for text contrast)
HEAD_FILL = (225, 234, 244)
ZEBRA = (246, 247, 249)
TILE_FILL = (241, 245, 250)
NOTICE = tuple(int(NOTICE_COLOUR[i:i + 2], 16) for i in (1, 3, 5))

MARGIN_X = 17.0
MARGIN_TOP = 20.0
KEEP_TOGETHER_ROWS = 8     # a table of up to this many rows is kept on one page
FOOTER_H = 20.0             # space kept free at the bottom of every page for the provenance footer



@dataclass(frozen=True)
class Column:
    """A table column: its heading, relative width, alignment ("L", "R", "C"); a nowrap column (dates, ages) is
    made as wide as its longest cell, the others sharing what is left."""

    label: str
    width: float = 1.0
    align: str = "L"
    nowrap: bool = False


def date_text(d: dt.date | None) -> str:
    """A date as the reports write it: 31 December 2023 ('' when missing)."""
    return words_date(d)


def short_date(d: dt.date | None) -> str:
    """A date for table cells, in the one format a person reads: 12 May 2023 ('–' when missing)."""
    return words_date(d, missing="–")


def number(value, none: str = "–") -> str:
    """A count for a table cell, as the reader's language writes it ('1,234', '1 234'; '–' when missing)."""
    return none if value is None else i18n.number(value)


def percent(value: float | None, none: str = "–") -> str:
    """A percentage with one decimal, as the reader's language writes it ('43.2 %', '43,2 %'; '–' when missing)."""
    return none if value is None else i18n.percent_text(value, 1)


def percent_as_given(value: float) -> str:
    """A percentage with the decimals it has ('43.15 %', '12 %'), as the reader's language writes it."""
    whole = i18n.number(value, 0)
    return i18n.number(value) + i18n.percent_text(value, 0)[len(whole):]


def definition(*terms: str) -> str:
    """The definitions in the plain words the dashboard's help texts use (DESIGN.md's formal ones are on its Data page)."""
    return " ".join(_(PLAIN[t]) for t in terms)


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def alphabetical(rows: Sequence[dict], key: str = "name") -> list[dict]:
    """Rows in the order of a printed list of States (Côte d'Ivoire among the Cs, Türkiye before Turkmenistan)."""
    return sorted(rows, key=lambda r: _sort_key(r[key] or ""))


def _png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


class Briefing(FPDF):
    """An A4 briefing whose every page carries the provenance and, for simulated data, the notice."""

    def __init__(self, prov: Provenance, title: str, running_title: str | None = None):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.prov = prov
        self.doc_title = title
        self.running_title = running_title or title
        for (family, style), file in FONTS.items():
            self.add_font(family, style, str(FONT_DIR / file))
        self.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        self.set_auto_page_break(True, margin=FOOTER_H + 4)
        self.alias_nb_pages()
        # The language the text is written in (the thread's, set by the builder), for screen readers.
        self.set_lang(i18n.current() if i18n.current() in i18n.LANGUAGES else i18n.ENGLISH)
        self.notice = _(SIMULATED_NOTICE)
        self.set_title(title + (f" ({self.notice})" if prov.simulated else ""))
        self.set_author(_(SOURCE_NAME))
        self.set_subject(prov.line)
        self.set_keywords(_("special procedures; Human Rights Council; cooperation")
                          + (f"; {self.notice}" if prov.simulated else ""))
        self.set_creator("sp_data.briefing (fpdf2)")
        self.set_creation_date(dt.datetime.now(dt.UTC))
        self.set_text_color(*INK)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.set_font("sans", size=9.5)
        self.add_page()

    # --- every page ---------------------------------------------------------------------------

    def header(self) -> None:
        with self.local_context():
            self.set_font("sans", size=7.5)
            self.set_text_color(*GREY)
            self.set_xy(MARGIN_X, 9)
            self.cell(self.epw * 0.75, 4, self.running_title)
            # fpdf2 puts the page count in place of {nb} when the document is finished.
            self.cell(self.epw * 0.25, 4, _("Page {page} of {pages}").format(page=self.page_no(), pages="{nb}"),
                      align="R")
            self.line(MARGIN_X, 14, self.w - MARGIN_X, 14)
        self.set_xy(MARGIN_X, MARGIN_TOP)

    def footer(self) -> None:
        if self.prov.simulated:
            self._watermark()
        with self.local_context():
            top = self.h - FOOTER_H + 2
            self.line(MARGIN_X, top, self.w - MARGIN_X, top)
            self.set_xy(MARGIN_X, top + 1.5)
            if self.prov.simulated:
                self.set_font("sans", "B", 7.5)
                self.set_text_color(*NOTICE)
                self.cell(self.epw, 3.8, self.notice, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_font("sans", size=7)
            self.set_text_color(*GREY)
            text = f"{self.prov.source_text}; {self.prov.figures_text}."
            for line in self.lines(self.epw, 3.4, text):
                self.cell(self.epw, 3.4, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def _watermark(self) -> None:
        """The notice diagonally across the page, drawn last so that it lies over charts and tables."""
        with self.local_context(fill_opacity=0.13, text_color=NOTICE):
            self.set_font("sans", "B", 40)
            width = self.get_string_width(self.notice)
            cx, cy = self.w / 2, self.h / 2
            with self.rotation(55, cx, cy):
                self.text(cx - width / 2, cy + 5, self.notice)

    # --- blocks -------------------------------------------------------------------------------

    def lines(self, width: float, height: float, text: str) -> list[str]:
        """The lines a text wraps into at this width, in the current font (nothing drawn)."""
        return cast(list[str], self.multi_cell(width, height, text, dry_run=True, output="LINES"))

    @property
    def space_left(self) -> float:
        return self.page_break_trigger - self.y

    def need(self, height: float) -> None:
        """Start a new page unless `height` mm are left (keeps a heading with what follows it)."""
        if self.space_left < height:
            self.add_page()

    def title_block(self, title: str, subtitle: str, meta: str) -> None:
        """The first page's title, subtitle, filters line and (for simulated data) a boxed notice."""
        self.set_font("sans", "B", 19)
        self.set_text_color(*ACCENT)
        self.multi_cell(self.epw, 8.5, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.set_font("sans", size=11)
        self.set_text_color(*INK)
        self.multi_cell(self.epw, 5.5, subtitle, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.set_font("sans", size=8.5)
        self.set_text_color(*GREY)
        self.multi_cell(self.epw, 4.2, meta, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(3)
        if self.prov.simulated:
            self.notice_box(self.notice, simulated_explanation())

    def notice_box(self, title: str, text: str) -> None:
        """A framed warning in the notice colour."""
        with self.local_context(draw_color=NOTICE, line_width=0.5):
            y0 = self.y
            self.set_x(MARGIN_X + 3)
            self.set_font("sans", "B", 10)
            self.set_text_color(*NOTICE)
            self.set_y(y0 + 2.5)
            self.set_x(MARGIN_X + 3)
            self.cell(self.epw - 6, 5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_font("sans", size=8.5)
            self.set_text_color(*INK)
            self.set_x(MARGIN_X + 3)
            self.multi_cell(self.epw - 6, 4.2, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.rect(MARGIN_X, y0, self.epw, self.y - y0 + 2.5)
        self.set_y(self.y + 6)

    def section(self, title: str, keep: float = 45) -> None:
        """A numbered-look section heading with a rule, kept with `keep` mm of what follows."""
        self.need(keep)
        if self.y > MARGIN_TOP + 1:
            self.ln(3)
        self.set_font("sans", "B", 13)
        self.set_text_color(*ACCENT)
        self.multi_cell(self.epw, 6.5, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        with self.local_context(draw_color=ACCENT, line_width=0.4):
            self.line(MARGIN_X, self.y + 0.5, MARGIN_X + 30, self.y + 0.5)
        self.ln(3.5)
        self.set_text_color(*INK)

    def subheading(self, title: str, keep: float = 30) -> None:
        self.need(keep)
        self.ln(1)
        self.set_font("sans", "B", 10.5)
        self.set_text_color(*INK)
        self.multi_cell(self.epw, 5.2, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str, size: float = 9.5, colour=INK) -> None:
        """Wrapped text: a short paragraph stays on one page; a long one never leaves a single line alone."""
        self.set_font("sans", size=size)
        self.set_text_color(*colour)
        line_h = size * 0.5
        lines = self.lines(self.epw, line_h, text)
        if len(lines) <= 8:
            self.need(len(lines) * line_h + 1)
        for i, line in enumerate(lines):
            room = int(self.space_left // line_h)
            left = len(lines) - i
            # No first line alone at a page's foot, and no last line alone at the top of the next.
            if room < 1 or (room == 1 and left >= 2 and (i == 0 or left == 2)):
                self.add_page()
                self.set_font("sans", size=size)
                self.set_text_color(*colour)
            self.cell(self.epw, line_h, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(2)

    def caption(self, text: str) -> None:
        self.paragraph(text, size=7.8, colour=GREY)

    def _caption_height(self, text: str) -> float:
        self.set_font("sans", size=7.8)
        return len(self.lines(self.epw, 3.9, text)) * 3.9

    def tiles(self, items: Sequence[tuple[str, str]], per_row: int = 4, height: float = 21) -> None:
        """Key figures as boxes: (value, label) each, `per_row` to a row."""
        gap = 3.0
        width = (self.epw - gap * (per_row - 1)) / per_row
        for start in range(0, len(items), per_row):
            self.need(height + gap)
            y = self.y
            for i, (value, label) in enumerate(items[start:start + per_row]):
                x = MARGIN_X + i * (width + gap)
                with self.local_context(fill_color=TILE_FILL):
                    self.rect(x, y, width, height, style="F")
                self.set_xy(x + 2.5, y + 2)
                self.set_font("sans", "B", 15)
                self.set_text_color(*ACCENT)
                self.cell(width - 5, 7, value)
                self.set_xy(x + 2.5, y + 9.5)
                self.set_font("cond", size=7.8)
                self.set_text_color(*INK)
                self.multi_cell(width - 5, 3.4, label, align="L", max_line_height=3.4)
            self.set_xy(MARGIN_X, y + height + gap)
        self.ln(1)

    def table_height(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float = 8.2,
                     caption: str | None = None) -> float:
        """The height a table would take on one page (to keep a heading with a short table)."""
        pad_x, pad_y, line_h = 1.3, 0.85, size * 0.43
        widths = self._widths(columns, size, pad_x, rows)
        total = 0.0
        for cells, bold in [([c.label for c in columns], True)] + [(r, False) for r in rows]:
            self.set_font("cond", "B" if bold else "", size)
            n = 1
            for text, width in zip(cells, widths, strict=False):
                text = "" if text is None else str(text)
                if self.get_string_width(text) > width - 2 * pad_x:
                    n = max(n, len(self.lines(width - 2 * pad_x, line_h, text)))
            total += n * line_h + 2 * pad_y
        return total + (self._caption_height(caption) + 2 if caption else 0) + 2

    # fpdf2's own table() is a context manager for its slower tables; the briefings draw theirs (below).
    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]],  # type: ignore[override]
              size: float = 8.2, empty: str | None = None, caption: str | None = None) -> None:
        """A table whose heading row repeats on every page it runs onto; long cells wrap; alternate rows shaded.

        Drawn cell by cell (fpdf2's own table() is far slower on the long per-State tables).
        """
        if not rows:
            self.paragraph(_("None.") if empty is None else empty, size=9)
            return
        grid = _Grid(columns, self._widths(columns, size, 1.3, rows), size)
        margin, self.c_margin = self.c_margin, 0  # the grid's padding is the only inner margin
        try:
            head = grid.split(self, [c.label for c in columns], bold=True)
            body = [grid.split(self, row, bold=False) for row in rows]
            heights = [grid.height(b) for b in body]
            tail = self._caption_height(caption) + 2 if caption else 0
            whole = grid.height(head) + sum(heights) + tail
            if len(body) <= KEEP_TOGETHER_ROWS and whole <= self.page_break_trigger - MARGIN_TOP:
                self.need(whole)  # a short table is never split
            else:
                # The heading and the first rows together, never a lone heading at the foot of a page.
                self.need(grid.height(head) + sum(heights[:3]))
            grid.draw(self, head, HEAD_FILL, bold=True)
            for i, lines in enumerate(body):
                last = i == len(body) - 1
                # The caption goes on the page of the last row, never alone at the top of a page; and
                # the last two rows go over together, never one row alone on a page.
                rest = sum(heights[i:i + 2]) + tail if i == len(body) - 2 and i >= 3 else heights[i]
                if self.y + max(rest, heights[i] + (tail if last else 0)) > self.page_break_trigger:
                    self.add_page()
                    grid.draw(self, head, HEAD_FILL, bold=True)
                grid.draw(self, lines, ZEBRA if i % 2 else None, bold=False)
        finally:
            self.c_margin = margin
        self.set_text_color(*INK)
        self.ln(2)
        if caption:
            self.caption(caption)

    def _widths(self, columns: Sequence[Column], size: float, pad_x: float,
                rows: Sequence[Sequence[str]] = ()) -> list[float]:
        """Column widths in proportion, widened where a heading word would otherwise break mid-word, or a
        nowrap column's cell would wrap."""
        total = sum(c.width for c in columns)
        widths = [self.epw * c.width / total for c in columns]
        self.set_font("cond", "B", size)
        mins = [max(self.get_string_width(w) for w in (c.label.split() or [""])) + 2 * pad_x + 0.5 for c in columns]
        self.set_font("cond", "", size)
        for i, column in enumerate(columns):
            # No word of a cell is broken mid-word either ('Acknowledged', 'Reconocimiento'), within reason.
            words = {w for r in rows if i < len(r) and r[i] is not None for w in str(r[i]).split()}
            if words and not column.nowrap:
                longest = max(self.get_string_width(w) for w in words) + 2 * pad_x + 0.5
                mins[i] = max(mins[i], min(longest, self.epw * 0.3))
            if column.nowrap:
                cells = [str(r[i]) for r in rows if i < len(r) and r[i] is not None]
                # 1.5 mm over the padding, so that two right-aligned dates side by side stay apart.
                mins[i] = max([mins[i]] + [self.get_string_width(t) + 2 * pad_x + 1.5 for t in cells])
        short = sum(max(0.0, m - w) for m, w in zip(mins, widths, strict=False))
        if short > 0:
            spare = sum(max(0.0, w - m) for m, w in zip(mins, widths, strict=False))
            widths = [m if w <= m else w - (w - m) * short / spare for m, w in zip(mins, widths, strict=False)]
        return widths

    def definition_list(self, terms: Sequence[str], examples: dict[str, str] | None = None) -> None:
        """Each term's title in bold followed by its definition (and its worked example for the figures shown)."""
        examples = examples or {}
        for term, text in ((_(TITLES[t]), " ".join(x for x in (definition(t), examples.get(t)) if x)) for t in terms):
            self.need(14)
            self.set_font("sans", "B", 8.8)
            self.multi_cell(self.epw, 4.3, term, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_font("sans", size=8.5)
            self.multi_cell(self.epw, 4.2, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(1.8)

    def chart(self, chart: alt.TopLevelMixin, width: float | None = None, alt_text: str = "",
              caption: str | None = None, heading: str | None = None) -> None:
        """A chart from the dashboard's own builders, as a 2x PNG scaled to `width` mm (the page width by default).

        With a heading, the heading goes on the page where the whole chart fits, never alone at a page's foot.
        """
        png = plain_png(chart, scale=2.0)
        px_w, px_h = _png_size(png)
        width = min(width or self.epw, self.epw)
        height = width * px_h / px_w
        max_h = self.page_break_trigger - MARGIN_TOP - (30 if heading else 12)
        if height > max_h:  # a tall chart is shrunk to fit one page
            width, height = width * max_h / height, max_h
        if heading:
            self.section(heading, keep=height + 18)
        self.need(height + 3)
        x = MARGIN_X + (self.epw - width) / 2
        self.image(io.BytesIO(png), x=x, y=self.y, w=width, h=height, alt_text=alt_text or None)
        self.set_y(self.y + height + 2)
        if caption:
            self.caption(caption)

    def provenance_section(self, source: str, extra: Sequence[tuple[str, str]] = ()) -> None:
        """Where the numbers come from, in full."""
        p = self.prov
        now = dt.datetime.now(dt.UTC)
        rows = [
            (_("Snapshot"), _("{snapshot} (created {date})").format(snapshot=p.snapshot_id, date=p.created_text)),
            (_("Source"), source),
            (_("As at"), date_text(p.as_at)),
            (_("Filters"), p.filters_text),
            (_("Simulated data"), _("YES - {notice}").format(notice=self.notice) if p.simulated
             else _("No: official snapshot")),
            *extra,
            (_("Produced"), _("{date} at {time} UTC by {source}").format(date=date_text(now), time=f"{now:%H:%M}",
                                                                        source=_(SOURCE_NAME))),
        ]
        self.table([Column(_("Item"), 1.0), Column(_("Value"), 3.6)], rows, size=8.5)

    def output_bytes(self) -> bytes:
        return bytes(self.output())


@dataclass(frozen=True)
class _Grid:
    """A table's columns at their widths, and how its cells wrap and are drawn (Briefing.table)."""

    columns: Sequence[Column]
    widths: list[float]
    size: float
    pad_x: float = 1.3
    pad_y: float = 0.85

    @property
    def line_h(self) -> float:
        return self.size * 0.43

    def split(self, pdf: Briefing, cells: Sequence, bold: bool) -> list[list[str]]:
        """Each cell's text as the lines it wraps into."""
        pdf.set_font("cond", "B" if bold else "", self.size)
        out = []
        for text, width in zip(cells, self.widths, strict=False):
            text = "" if text is None else str(text)
            room = width - 2 * self.pad_x
            if pdf.get_string_width(text) <= room:
                out.append([text])
            else:
                out.append(pdf.lines(room, self.line_h, text) or [""])
        return out

    def height(self, lines: list[list[str]]) -> float:
        return max(len(ls) for ls in lines) * self.line_h + 2 * self.pad_y

    def draw(self, pdf: Briefing, lines: list[list[str]], fill: tuple | None, bold: bool) -> None:
        """One row at the current position, shaded if fill, ruled below."""
        height = self.height(lines)
        y = pdf.y
        if fill:
            with pdf.local_context(fill_color=fill):
                pdf.rect(MARGIN_X, y, pdf.epw, height, style="F")
        pdf.set_font("cond", "B" if bold else "", self.size)
        pdf.set_text_color(*(ACCENT if bold else INK))
        x = MARGIN_X
        for cell_lines, width, column in zip(lines, self.widths, self.columns, strict=False):
            for k, text in enumerate(cell_lines):
                pdf.set_xy(x + self.pad_x, y + self.pad_y + k * self.line_h)
                pdf.cell(width - 2 * self.pad_x, self.line_h, text, align=column.align)
            x += width
        with pdf.local_context(draw_color=RULE, line_width=0.15):
            pdf.line(MARGIN_X, y + height, MARGIN_X + pdf.epw, y + height)
        pdf.set_xy(MARGIN_X, y + height)
