"""The page's own CSS: printing on A4, a phone's layout, and text for screen readers only."""
from __future__ import annotations

# Streamlit stacks columns one per row under this width (its own breakpoint).
PHONE = "640px"

# Tiles: every row of figures (st.metric), and the registry's tile rows by their container key.
_TILE_ROWS = ('[class*="st-key-sp-tiles"] [data-testid="stHorizontalBlock"], '
              '[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"])')

PAGE_CSS = """<style>
.sp-sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
/* Short lists are HTML tables (sp-table); their grid stays in the app's tree for its tests, never on screen. */
[class*="st-key-sp-grid-short-"] { display: none !important; }
.sp-table-scroll { overflow-x: auto; max-width: 100%; }
.sp-table-scroll:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
table.sp-table { border-collapse: collapse; width: 100%; font-size: 0.875rem; line-height: 1.4; margin: 0; }
table.sp-table th, table.sp-table td { text-align: left; vertical-align: top; padding: 0.3rem 0.6rem;
  border-bottom: 1px solid rgba(49, 51, 63, 0.15); max-width: 26rem; }
table.sp-table thead th { font-weight: 600; color: #31333f; background: #f6f7f9;
  border-bottom: 1px solid rgba(49, 51, 63, 0.35); }
table.sp-table td.sp-num, table.sp-table th.sp-num { text-align: right; font-variant-numeric: tabular-nums; }
table.sp-table tbody tr:hover { background: #f6f7f9; }
table.sp-table a { color: #0b57d0; }
[class*="st-key-sp-narrow-"] { display: none; }
/* A tile's label and figure wrap rather than end in "…": four tiles beside the sidebar leave a date such as
   "3 May 2012" too little room on one line. */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *, [data-testid="stMetricValue"],
[data-testid="stMetricValue"] * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
/* Streamlit's grey for captions and help is too pale on white and on the sidebar's grey (axe-core:
   below 4.5:1); this one reads at 6:1 on both. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *, [data-testid="stSidebar"] small,
[data-testid="stMarkdownContainer"] small { color: #54565f !important; opacity: 1 !important; }
/* A multiple choice's chosen items wrap onto more lines instead of running out of its box (Compare's States). */
[data-testid="stMultiSelectTagsContainer"] { flex-wrap: wrap; overflow: visible; height: auto; max-height: none; }
[data-testid="stMultiSelect"] div:has(> [data-testid="stMultiSelectTagsContainer"]),
[data-testid="stMultiSelect"] div:has(> div > [data-testid="stMultiSelectTagsContainer"]) {
  height: auto !important; max-height: none !important; min-height: 2.5rem; }

@media (max-width: PHONE) {
  TILE_ROWS { flex-wrap: wrap !important; gap: 0.5rem !important; }
  TILE_ROWS_COLUMNS { flex: 1 1 calc(50% - 0.25rem) !important; width: calc(50% - 0.25rem) !important;
    min-width: calc(50% - 0.25rem) !important; max-width: calc(50% - 0.25rem) !important; }
  [class*="st-key-sp-narrow-"] { display: flex; }
  [data-testid="stMetricValue"] > div { font-size: 1.75rem; }
  /* A tile's label wraps rather than ending in "…" in half the width. */
  [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *, [data-testid="stMetric"] [data-testid="stCaptionContainer"],
  [data-testid="stMetric"] [data-testid="stCaptionContainer"] * { white-space: normal !important;
    overflow: visible !important; text-overflow: clip !important; }
  [data-testid="stMain"] p { overflow-wrap: anywhere; }
  table.sp-table { width: max-content; min-width: 100%; }
  table.sp-table th, table.sp-table td { padding: 0.25rem 0.4rem; max-width: 15rem; }
}

@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
@media print {
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] { height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBottom"], [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stPopover"],
  [data-testid="stElementToolbar"], [data-testid="stPageLink"], [data-testid="stTooltipIcon"],
  [data-testid="stTooltipHoverTarget"] svg, [data-testid="stSkeleton"], .stDeployButton, iframe,
  [class*="st-key-sp-narrow-"] { display: none !important; }
  [data-testid="stMain"] { margin: 0 !important; padding: 0 !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; width: 100% !important; }
  .vega-embed, [data-testid="stVegaLiteChart"] { width: 100% !important; max-width: 100% !important; }
  .vega-embed canvas, .vega-embed svg { max-width: 100% !important; height: auto !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stMetric"], [data-testid="stAlert"], table.sp-table tr,
  [data-testid="stVerticalBlockBorderWrapper"], [data-testid="stCaptionContainer"], [data-testid="stHorizontalBlock"] {
    break-inside: avoid; }
  .sp-table-scroll:has(table.sp-table) { overflow: visible !important; }
  .sp-table-scroll { break-inside: avoid; }
  /* Fixed layout: the table is the page's width whatever its cells hold, and long words wrap. */
  table.sp-table { font-size: 8.5pt; width: 100% !important; min-width: 0 !important; table-layout: fixed; }
  table.sp-table th, table.sp-table td { max-width: none !important; padding: 0.15rem 0.3rem;
    overflow-wrap: anywhere; }
  table.sp-table thead { display: table-header-group; }
  h1, h2, h3, h4 { break-after: avoid; }
  a { color: inherit !important; text-decoration: none !important; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>""".replace("TILE_ROWS_COLUMNS", ", ".join(f"{s.strip()} > [data-testid=\"stColumn\"]" for s in _TILE_ROWS.split(", ")
                                                   )).replace("TILE_ROWS", _TILE_ROWS).replace("PHONE", PHONE)


def hide_when_narrow(key: str) -> str:
    """CSS that hides a keyed container on a phone (where its keyed sp-narrow- alternative shows instead)."""
    return (f'<style>@media (max-width: {PHONE}) {{ .st-key-{key} {{ display: none !important; }} }}</style>')
