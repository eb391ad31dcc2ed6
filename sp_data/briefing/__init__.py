"""PDF briefings for a State and for a year, stamped with their provenance on every page."""
from __future__ import annotations


def year_file_stem(filters) -> str:
    """The year briefing's file name before the provenance: its year and its regional groups."""
    groups = "-".join(filters.regions) if filters.regions else "all-groups"
    return f"briefing-{filters.as_at.year}-{groups}"


def year_pdf(con, snapshot, filters) -> bytes:
    """The year briefing (see sp_data.briefing.year)."""
    from sp_data.briefing.year import year_pdf as build

    return build(con, snapshot, filters)


def state_pdf(con, snapshot, filters, iso3: str) -> bytes:
    """The State briefing (see sp_data.briefing.state)."""
    from sp_data.briefing.state import state_pdf as build

    return build(con, snapshot, filters, iso3)


def mandate_pdf(con, snapshot, filters, mandate_id: str) -> bytes:
    """The mandate briefing (see sp_data.briefing.mandate)."""
    from sp_data.briefing.mandate import mandate_pdf as build

    return build(con, snapshot, filters, mandate_id)
