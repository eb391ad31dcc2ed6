"""Every page, under several filter sets, read as a diplomat reads it: no code where a word belongs.

Walks every element an AppTest renders (main area and sidebar): text, captions, titles, notices, tile
labels and help, widget labels, options and help, table column labels and help, expander and link
labels, and the values of the tables' text columns; fails on code-like tokens.
"""
import datetime as dt
import json
import re

import pytest
from streamlit import dataframe_util

PAGES = ["overview", "profile", "country_visits", "never_visited", "pending_requests", "communications",
         "standing_invitations", "data"]
FILTER_SETS = [{}, {"year": "2020", "groups": ["EEG"]}, {"year": "2016", "groups": ["APG", "WEOG"], "state": "IRN"},
               {"as_at": "2024-05-12", "state": "FRA", "type": ["UA"], "mandate": "SR-TORTURE"}]

CODE_LIKE = [
    (re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b"), "snake_case word"),
    (re.compile(r"\biso3\b", re.I), "iso3"),
    (re.compile(r"\b[\w-]+\.(parquet|md|csv|sql|py|json)\b"), "file name"),
    (re.compile(r"\bas at d\b|\bin Y\b|\bby d\b|\bbefore d\b"), "d or Y for a date"),
    (re.compile(r"\b(SR|WG|IE|SRSG)-[A-Z]{2,}"), "mandate id"),
    (re.compile(r"\bsha256\b|\b[0-9a-f]{16,}\b"), "checksum"),
    (re.compile(r"\b(SR|IE|WG) on\b"), "abbreviated mandate title"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "ISO date"),
    (re.compile(r"\b\d[\d,]* days\b"), "age in days"),
]
# Protobuf fields that hold no reader-facing words.
SKIP_FIELDS = {"id", "form_id", "arrow_data", "spec", "query_string", "page", "page_script_hash", "icon", "url",
               "data", "mime_type", "file_name", "type", "key", "format", "vega_lite_chart", "theme",
               "selection_mode", "column_order", "deprecated_use_container_width", "dataset", "css_class",
               "deferred_file_id", "name", "default", "min", "max", "value", "raw_value", "set_value"}


def _strings(message, out: list[str], where: str) -> None:
    for field, value in message.ListFields():
        if field.name in SKIP_FIELDS:
            continue
        if field.name == "columns" and isinstance(value, str):
            config = json.loads(value or "{}")
            for column in config.values():
                for k in ("label", "help"):
                    if isinstance(column, dict) and column.get(k):
                        out.append((where, column[k]))
            continue
        values = list(value) if isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated") else [value]
        for v in values:
            if isinstance(v, str):
                out.append((f"{where} {field.name}", v))
            elif hasattr(v, "ListFields"):
                _strings(v, out, where)


# Cells left unread: the checksums, shown on purpose in the Data page's "Files and checksums" expander.
SKIP_CELLS = {"sha256"}


def _table_values(element, out: list, where: str) -> None:
    frame = element.value
    # A link column shows its display text ("Mandate page ›"), not the address it holds.
    config = json.loads(element.proto.columns or "{}")
    links = {c for c, v in config.items() if isinstance(v, dict) and (v.get("type_config") or {}).get("type") == "link"
             and (v.get("type_config") or {}).get("display_text")}
    for column in set(frame.columns) - SKIP_CELLS - links:
        dtype = frame[column].dtype
        if getattr(dtype, "kind", "") in ("O", "U", "T") or str(dtype).startswith(("str", "string")):
            # Not dates: a date column (sent as Arrow dates, read back as date objects) is drawn in its column's format.
            out.extend((f"{where} cell", str(v)) for v in frame[column].dropna().unique()[:400]
                       if not isinstance(v, dt.date))


def _walk(node, out: list, where: str) -> None:
    children = getattr(node, "children", None)
    proto = getattr(node, "proto", None)
    if type(node).__name__ == "Dataframe":
        labels = json.loads(node.proto.columns or "{}")
        if labels and all(c.get("label") == k for k, c in labels.items() if not k.startswith("_")):
            return  # the Data page's import-format table: its headings are the format's own names, as downloaded
        _table_values(node, out, where)
    # A short list's HTML table (ui.html_table) shows the cells and headings of its hidden grid, checked above.
    is_table = type(node).__name__ == "Html" and 'class="sp-table"' in getattr(proto, "body", "")
    if proto is not None and hasattr(proto, "ListFields") and not is_table:
        _strings(proto, out, where)
    if children:
        for child in children.values():
            _walk(child, out, where)


def _chart_text(at, out: list) -> None:
    """A chart's titles, axis and legend titles, and the values of its text fields (axis labels, tooltips)."""
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        rows = [r for values in spec.get("datasets", {}).values() if isinstance(values, list) for r in values]
        for dataset in element.proto.datasets:  # Streamlit sends a chart's data beside its spec
            rows += dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data).head(2000).to_dict("records")
        fields, titles = set(), []

        def visit(node):
            if isinstance(node, dict):
                if node.get("type") in ("nominal", "ordinal") and isinstance(node.get("field"), str):
                    fields.add(node["field"])
                for k, v in node.items():
                    if k in ("title", "text", "subtitle") and isinstance(v, str):
                        titles.append(v)
                    elif k == "title" and isinstance(v, dict):
                        for t in (v.get("text"), v.get("subtitle")):
                            titles.extend(t if isinstance(t, list) else [t] if isinstance(t, str) else [])
                    elif k != "datasets":
                        visit(v)
            elif isinstance(node, list):
                for child in node:
                    visit(child)

        visit(spec)
        out.extend(("chart", t) for t in titles)
        if not fields:  # a layered chart names its fields in each layer's encoding
            fields = {k for r in rows[:1] for k, v in r.items() if isinstance(v, str)}
        for field in fields:
            out.extend(("chart value", str(r[field])) for r in rows[:2000] if isinstance(r, dict)
                       and isinstance(r.get(field), str))


def readable_text(at) -> list[tuple[str, str]]:
    out: list = []
    _chart_text(at, out)
    _walk(at.main, out, "page")
    _walk(at.sidebar, out, "sidebar")
    return out


def code_like(text: str) -> list[str]:
    text = re.sub(r"`[^`]+`", "", text)  # code set as code is allowed (the Data page's formal definitions)
    return [f"{why}: {m.group(0)!r}" for pattern, why in CODE_LIKE for m in pattern.finditer(text)]


def test_the_scanner_catches_codes():
    assert code_like("Communications sent in Y: sent_on in Y") == ["snake_case word: 'sent_on'", "d or Y for a date: 'in Y'",
                                                                  "d or Y for a date: 'in Y'"]
    assert code_like("States addressed = distinct iso3 (import-format.md)") == ["iso3: 'iso3'", "file name: 'import-format.md'"]
    assert code_like("Status as at d: dates_proposed") != []
    assert code_like("SR-DISABILITY and WG-EID, SR on truth") != []
    assert code_like("4259 days; 2014-02-22; states.parquet") != []
    assert code_like("`sent_on` in the year, 12 May 2023, Torture, 11 years 8 months") == []


@pytest.mark.parametrize("page", PAGES)
def test_no_code_where_a_person_reads(app, page):
    _scan(app, page, FILTER_SETS)


# The mandate page: a thematic mandate, a country mandate in force, one that has ended, and filters.
MANDATE_QUERIES = [{"mandate": "WG-AD"}, {"mandate": "SR-BELARUS", "year": "2020", "groups": ["EEG"]},
                   {"mandate": "IE-HAITI"}, {"mandate": "SR-UCM", "as_at": "2024-05-12", "state": "FRA"}]


def test_no_code_on_the_mandate_page(app):
    _scan(app, "mandate", MANDATE_QUERIES)


def _scan(app, page: str, queries: list[dict]) -> None:
    found = []
    for query in queries:
        at = app(f"pages/{page}.py", **query).run()
        assert not at.exception, (page, query, at.exception)
        texts = readable_text(at)
        # The scan reads the help texts, the sidebar and the table headings too (it cannot pass by reading nothing).
        read = " ".join(t for _, t in texts)
        assert "Reporting year" in read and "Figures for this calendar year" in read and "Regional groups" in read
        if page != "data":
            assert any(w.endswith(" help") for w, _ in texts)
            assert not at.dataframe or any(w.endswith(" cell") for w, _ in texts)
            assert not at.get("vega_lite_chart") or any(w == "chart" for w, _ in texts)
        for where, text in texts:
            found += [f"{page} {query} {where}: {hit} in {text[:120]!r}" for hit in code_like(text)]
    assert found == [], "\n".join(dict.fromkeys(found))


@pytest.mark.parametrize("page,query", [("overview", {}), ("profile", {"state": "IRN"}), ("country_visits", {}),
                                        ("never_visited", {}), ("communications", {"year": "2020", "groups": ["EEG"]}),
                                        ("standing_invitations", {}), ("pending_requests", {})])
def test_every_figure_has_its_own_help(app, page, query):
    at = app(f"pages/{page}.py", **query).run()
    helps = [m.proto.help for m in at.metric if m.proto.help]
    assert len(helps) >= 2 and len(set(helps)) == len(helps), [h for h in helps if helps.count(h) > 1]
