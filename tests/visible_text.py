"""Every text an AppTest run shows a reader, and the words in it that did not pass through the catalogs.

Run in the pseudo-language (sp_data.i18n.PSEUDO), every translated text arrives wrapped in ⟦ ⟧; a word
left outside the brackets was shown without a translation.
"""
from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator

import pyarrow as pa

from sp_data.i18n import LANGUAGE_NAMES, PSEUDO, PSEUDO_CLOSE, PSEUDO_OPEN
from sp_data.schema import TABLES

# Words that are the same in every language: file formats, the time zone, each language's name in itself.
SAME_IN_EVERY_LANGUAGE = {"PDF", "CSV", "XLSX", "PNG", "SVG", "UTC", "JSON", PSEUDO, *LANGUAGE_NAMES.values()}
# Columns whose cells are names and identifiers as the records write them (a host that is not a State, such
# as the World Bank or Greenland; a recipient that is a company or an armed group; a communication's
# reference; a snapshot's identifier and checksum): data, which no catalog translates.
DATA_COLUMNS = frozenset({"host", "recipient", "party_text", "ref", "id", "sha256"})
# The Data page also shows a table of the records as stored, under the import format's own column names
# and codes (docs/import-format.md), which is what an analyst checks an import against.
IMPORT_FORMAT = frozenset(c.name for t in TABLES.values() for c in t.columns)


def snapshot_ids() -> frozenset[str]:
    """The snapshots' identifiers, shown on the Data page as what the command line names them by."""
    from sp_data.snapshot import list_snapshots

    return frozenset(s["id"] for s in list_snapshots())


_FIELDS = ("label", "body", "help", "placeholder")
_INNERMOST = re.compile(re.escape(PSEUDO_OPEN) + "[^" + PSEUDO_OPEN + PSEUDO_CLOSE + "]*" + re.escape(PSEUDO_CLOSE))
_WORD = re.compile(r"[^\W\d_]{2,}")
_CHECKSUM = re.compile(r"\b[0-9a-f]{32,}\b")
_URL = re.compile(r"\(\s*(https?://|/|\?|#)[^)]*\)|https?://\S+|\S+@\S+\.\w+")
_HTML = re.compile(r"<(style|script)\b.*?</\1>|<[^>]+>", re.S)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated"):
        for v in value:  # type: ignore[attr-defined]
            yield from _strings(v)


def _dataframe(proto) -> Iterator[tuple[object, str]]:
    config = json.loads(proto.columns) if proto.columns else {}
    table = pa.ipc.open_stream(io.BytesIO(proto.arrow_data.data)).read_all()
    for name in table.column_names:
        col_config = config.get(f"name:{name}") or config.get(name) or {}
        if col_config.get("hidden") or name.startswith(("__", "_index")):
            continue
        yield "column", col_config.get("label") or name
        if col_config.get("help"):
            yield "column help", col_config["help"]
        if col_config.get("type_config", {}).get("type") == "link":
            shown = col_config["type_config"].get("display_text")
            if shown:
                yield "link text", shown
            continue  # its cells are addresses; the reader sees the display text
        column = table.column(name)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            for v in column.to_pylist():
                if v:
                    yield ("cell", name), v


_CELL = re.compile(r'<(th|td)\b[^>]*\bdata-column="([^"]*)"[^>]*>(.*?)</\1>', re.S)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)


def _html_table(body: str) -> Iterator[tuple[object, str]]:
    """A short list drawn as an HTML table (ui/html_table.py): its caption, headings and cells, by column."""
    for caption in _CAPTION.findall(body):
        yield "table caption", html.unescape(_HTML.sub(" ", caption))
    for tag, column, inner in _CELL.findall(body):
        text = html.unescape(_HTML.sub(" ", inner)).strip()
        if text:
            yield ("column" if tag == "th" else "cell", column), text


def _chart(spec: dict) -> Iterator[tuple[str, str]]:
    """Titles, descriptions and labels a chart writes (not the data it draws from)."""
    def walk(node: object, key: str = "") -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("datasets", "data", "$schema", "config", "field", "scale"):
                    continue
                yield from walk(v, k)
        elif isinstance(node, list) and key in ("title", "subtitle") and all(isinstance(v, str) for v in node):
            yield f"chart {key}", " ".join(" ".join(node).split())  # a title drawn on several lines reads as one
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, key)
        elif isinstance(node, str) and key in ("title", "description", "text", "subtitle", "aria"):
            yield f"chart {key}", " ".join(node.split())  # a title wrapped for a narrow screen reads as one line
    yield from walk(spec)


def texts(at, with_columns: bool = False) -> list:
    """(what, text) for every text of a run (an AppTest) or of a part of it (at.sidebar): headings, paragraphs, labels, options, help, table
    headers and cells, chart titles and descriptions, page links."""
    out: list = []

    def visit(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            kind = type(node).__name__
            fields = {f.name: v for f, v in proto.ListFields()}
            if kind == "Dataframe":
                out.extend(_dataframe(proto))
            elif "spec" in fields and isinstance(fields["spec"], str):
                out.extend(_chart(json.loads(fields["spec"])))
            else:
                for name in _FIELDS + ("options",):
                    if name in fields:
                        text = fields[name]
                        if kind == "Html" and name == "body" and 'class="sp-table"' in text:
                            out.extend(_html_table(text))
                            continue
                        if kind == "Html" and name == "body":
                            text = _HTML.sub(" ", text)
                        out.extend((f"{kind} {name}", s) for s in _strings(text))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                visit(child)

    visit(getattr(at, "_tree", at))
    # A cell is ("cell", its column) inside; said "cell" unless the caller asks which column.
    return [(w if with_columns or not isinstance(w, tuple) else w[0], t) for w, t in out if t and t.strip()]


def unmarked(text: str) -> list[str]:
    """The words of a text left outside ⟦ ⟧ (file formats, links and checksums aside)."""
    previous = None
    while previous != text:
        previous, text = text, _INNERMOST.sub(" ", text)
    text = _CHECKSUM.sub(" ", _URL.sub(" ", text))
    return [w for w in _WORD.findall(text) if w not in SAME_IN_EVERY_LANGUAGE]


def untranslated(at, data_columns: frozenset[str] = frozenset(), data: frozenset[str] = frozenset()) -> list[str]:
    """Every text of the run holding a word that did not pass through the catalogs, with where it is.

    data_columns: table columns whose cells are names as the records write them (an organisation, a
    company), which no catalog translates; data: identifiers (a snapshot's) wherever they are written."""
    ids = re.compile("|".join(rf"(?<![\w-]){re.escape(d)}(?![\w-])" for d in sorted(data, key=len, reverse=True))) \
        if data else None
    out = []
    for what, text in texts(at, with_columns=True):
        if (isinstance(what, tuple) and what[1] in data_columns) or (what == "column" and text in data_columns):
            continue
        left = unmarked(ids.sub(" ", text) if ids else text)
        if left:
            out.append(f"{what[0] if isinstance(what, tuple) else what}: {text!r} ({', '.join(left[:4])})")
    return out
