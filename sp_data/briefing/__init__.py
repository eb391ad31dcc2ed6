"""PDF briefings for a State and for a year, stamped with their provenance on every page.

Each is written in a language (lang: "en", "fr", "es"; by default the thread's, sp_data.i18n.current()).
"""
from __future__ import annotations

import duckdb

from sp_data import i18n

from sp_data.params import Filters
from sp_data.snapshot import Snapshot

# The builders are imported when a briefing is asked for, not with this package: they load the PDF
# and chart-rendering libraries (about 2.5 s), which the pages that only show a download button and
# every other CLI command would otherwise pay for.


def year_file_stem(filters: Filters) -> str:
    """The year briefing's file name before the provenance: its year and its regional groups."""
    groups = "-".join(filters.regions) if filters.regions else "all-groups"
    return f"briefing-{filters.as_at.year}-{groups}"


def file_stem(stem: str, lang: str | None = None) -> str:
    """A briefing's file name before the provenance, saying its language when it is not English ('briefing-IRN-fr')."""
    lang = lang or i18n.current()
    return stem if lang in (i18n.ENGLISH, i18n.PSEUDO) else f"{stem}-{lang}"


def year_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters, lang: str | None = None) -> bytes:
    """The year briefing (see sp_data.briefing.year)."""
    from sp_data.briefing.year import year_pdf as build

    with i18n.use(lang or i18n.current()):
        return build(con, snapshot, filters)


def state_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters, iso3: str,
              lang: str | None = None) -> bytes:
    """The State briefing (see sp_data.briefing.state)."""
    from sp_data.briefing.state import state_pdf as build

    with i18n.use(lang or i18n.current()):
        return build(con, snapshot, filters, iso3)


def mandate_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters, mandate_id: str,
                lang: str | None = None) -> bytes:
    """The mandate briefing (see sp_data.briefing.mandate)."""
    from sp_data.briefing.mandate import mandate_pdf as build

    with i18n.use(lang or i18n.current()):
        return build(con, snapshot, filters, mandate_id)


def compare_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters, states: tuple[str, ...],
                lang: str | None = None) -> bytes:
    """The comparison of two to six States (see sp_data.briefing.compare)."""
    from sp_data.briefing.compare import compare_pdf as build

    with i18n.use(lang or i18n.current()):
        return build(con, snapshot, filters, states)
