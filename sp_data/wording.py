"""Words a person reads: periods, dates, ages, groups, the simulated notice, and the names that stand for codes."""
from __future__ import annotations

import datetime as dt
import re

import polars as pl

from sp_data.schema import REGIONAL_GROUP_NAMES

# A thread's status (its latest visit event), as a state rather than an act.
STATUS_NAMES = {
    "requested": "Requested", "reminder": "Reminder sent", "invited": "Invited", "acknowledged": "Acknowledged",
    "accepted": "Accepted", "dates_proposed": "Dates proposed", "postponed": "Postponed",
    "declined": "Declined", "cancelled": "Cancelled", "withdrawn": "Withdrawn", "completed": "Visit carried out",
}
HOST_KIND_NAMES = {"state": "State", "territory": "Territory", "institution": "Institution"}

# A mandate by the few words people use for it; the full title goes in the hover text.
MANDATE_NAMES = {
    "WG-PAD": "People of African descent", "WG-AD": "Arbitrary detention",
    "WG-EID": "Enforced or involuntary disappearances", "WG-MERCENARIES": "Mercenaries",
    "WG-DAWG": "Discrimination against women and girls", "WG-BHR": "Business and human rights",
    "WG-PEASANTS": "Peasants and rural workers", "IE-OLDER": "Older persons", "IE-ALBINISM": "Albinism",
    "IE-DEBT": "Foreign debt", "IE-SOLIDARITY": "International solidarity",
    "IE-ORDER": "Democratic and equitable international order",
    "IE-SOGI": "Sexual orientation and gender identity",
    "SR-CHILDREN": "Sale and sexual exploitation of children", "SR-CULTURAL": "Cultural rights",
    "SR-DEVELOPMENT": "Right to development", "SR-DISABILITY": "Rights of persons with disabilities",
    "SR-EDUCATION": "Right to education", "SR-ENVIRONMENT": "Human rights and the environment",
    "SR-SUMEX": "Extrajudicial, summary or arbitrary executions", "SR-FOOD": "Right to food",
    "SR-FOE": "Freedom of opinion and expression", "SR-FOAA": "Freedom of peaceful assembly and of association",
    "SR-FORB": "Freedom of religion or belief", "SR-HEALTH": "Right to health",
    "SR-HRD": "Human rights defenders", "SR-HOUSING": "Adequate housing",
    "SR-IJL": "Independence of judges and lawyers", "SR-INDIGENOUS": "Rights of Indigenous Peoples",
    "SR-IDP": "Internally displaced persons", "SR-MIGRANTS": "Human rights of migrants",
    "SR-MINORITIES": "Minority issues", "SR-POVERTY": "Extreme poverty", "SR-PRIVACY": "Right to privacy",
    "SR-RACISM": "Racism and racial discrimination", "SR-SLAVERY": "Contemporary forms of slavery",
    "SR-CT": "Human rights while countering terrorism", "SR-TORTURE": "Torture",
    "SR-TOXICS": "Toxics and human rights", "SR-TRAFFICKING": "Trafficking in persons",
    "SR-TRUTH": "Truth, justice and reparation", "SR-UCM": "Unilateral coercive measures",
    "SR-VAW": "Violence against women and girls", "SR-WATSAN": "Drinking water and sanitation",
    "SR-LEPROSY": "Persons affected by leprosy", "SR-CLIMATE": "Climate change",
    "SR-OPT": "Occupied Palestinian territory", "SRSG-BHR": "Business and human rights (Special Representative)",
    "IE-COTE-DIVOIRE": "Côte d'Ivoire",
}


# The notice every page, export and briefing of simulated data carries, and its explanation.
SIMULATED_NOTICE = "SIMULATED DATA - not official figures"
SIMULATED_HEADLINE = "Simulated demonstration data."
SIMULATED_DETAIL = (
    "The States, regional groups and mandates are real; every visit, invitation, communication and reply "
    "is simulated, calibrated so that the totals match the 2023 annual report. These are not official figures.")
SIMULATED_EXPLANATION = f"{SIMULATED_HEADLINE} {SIMULATED_DETAIL}"
# Who produced a figure, in every export's provenance.
SOURCE_NAME = "special procedures cooperation dashboard"


def date_text(d: dt.date | None, missing: str = "") -> str:
    """The one date format a person reads: '12 May 2023'."""
    return missing if d is None else f"{d.day} {d:%B %Y}"


def period(as_at: dt.date) -> str:
    """The reporting period in words: '2023' (as at 31 December) or '2024 up to 30 June'."""
    return str(as_at.year) if (as_at.month, as_at.day) == (12, 31) else f"{as_at.year} up to {as_at.day} {as_at:%B}"


def years_text(first: object, last: object) -> str:
    """A span of years: '2011–2023' (one year alone: '2023')."""
    return f"{first}" if first == last else f"{first}–{last}"


def window_text(as_at: dt.date) -> str:
    """The five-year window's years: '2019–2023'."""
    return f"{as_at.year - 4}–{as_at.year}"


# The same format for st.column_config.DateColumn (moment.js tokens).
DATE_FORMAT = "D MMMM YYYY"


def age_text(start: dt.date | None, end: dt.date) -> str:
    """The time from start to end in years and months: '11 years 8 months', '3 months', 'under a month'."""
    if start is None:
        return ""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, months = divmod(max(months, 0), 12)
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + (
        [f"{months} month{'s' if months != 1 else ''}"] if months else [])
    return " ".join(parts) or "under a month"


def group_name(code: str | None) -> str:
    """A regional group by name with its abbreviation: 'Asia-Pacific States (APG)'; 'No group' for none."""
    if not code:
        return "No group"
    return f"{REGIONAL_GROUP_NAMES[code]} ({code})" if code in REGIONAL_GROUP_NAMES else code


ALL_GROUPS = "all regional groups"


def groups_text(codes: tuple[str, ...] | list[str]) -> str:
    """Selected regional groups in words ('all regional groups' when none is selected)."""
    return ALL_GROUPS if not codes else ", ".join(group_name(c) for c in codes)


def groups_codes(codes: tuple[str, ...] | list[str]) -> str:
    """Selected regional groups by abbreviation, for provenance lines: 'AG, WEOG' ('all regional groups')."""
    return ", ".join(codes) if codes else ALL_GROUPS


def mandate_name(mandate_id: str, title: str | None = None) -> str:
    """A mandate's short human name: 'Torture', 'Human rights in Iran (Islamic Republic of)'."""
    if mandate_id in MANDATE_NAMES:
        return MANDATE_NAMES[mandate_id]
    if title:
        country = re.match(r".*? on the situation of human rights in (?:the )?(.+)$", title)
        if country:
            return f"Human rights in {country.group(1)}"
        subject = re.sub(r"^(Special Rapporteur|Independent Expert|Working Group( of Experts)?|Special Representative"
                         r" of the Secretary-General) (on|in the field of|for) (the )?", "", title)
        return subject[:1].upper() + subject[1:]
    return mandate_id


def status_name(status: str | None) -> str:
    """A visit thread's status in words."""
    return STATUS_NAMES.get(status or "", status or "")


def percent(numerator: int, denominator: int) -> str:
    """'312 of 723 = 43.15 %' (no division by zero)."""
    if not denominator:
        return f"{numerator:,} of {denominator:,}"
    return f"{numerator:,} of {denominator:,} = {100 * numerator / denominator:.2f} %"


def named(frame: pl.DataFrame, as_at: dt.date | None = None) -> pl.DataFrame:
    """A table with the names a person reads beside its codes (the codes stay, for the exports):
    mandate_name, status_name, host_kind_name, group_name, and age_text for an age in days."""
    cols = frame.columns
    extra = []
    if "mandate_id" in cols:
        titles = frame["mandate_title"] if "mandate_title" in cols else frame.get_column(
            "title") if "title" in cols else [None] * frame.height
        extra.append(pl.Series("mandate_name", [mandate_name(m, t) if m else None for m, t in
                                                zip(frame["mandate_id"], titles, strict=True)], dtype=pl.String))
    if "status" in cols:
        extra.append(pl.Series("status_name", [status_name(s) if s else None for s in frame["status"]], dtype=pl.String))
    if "host_kind" in cols:
        extra.append(pl.Series("host_kind_name", [HOST_KIND_NAMES.get(k, k) if k else None for k in frame["host_kind"]],
                               dtype=pl.String))
    if "table" in cols:
        extra.append(pl.Series("table_name", [table_name(t) for t in frame["table"]], dtype=pl.String))
    if "regional_group" in cols:
        extra.append(pl.Series("group_name", [group_name(g) for g in frame["regional_group"]], dtype=pl.String))
    for days, start in (("age_days", "first_request_on"), ("pending_age_days", "first_request_on")):
        if days in cols and start in cols and as_at is not None:
            extra.append(pl.Series(days.replace("_days", "_text"),
                                   [age_text(s, as_at) if s is not None else None for s in frame[start]], dtype=pl.String))
    return frame.with_columns(extra) if extra else frame


# The regional groups' abbreviations spelled out, for a table's "Group" column.
GROUPS_HELP = "; ".join(f"{code}: {name}" for code, name in REGIONAL_GROUP_NAMES.items()) + "."


def table_name(code: str) -> str:
    """A table of the import format by name: 'visit_events' -> 'Visit events', 'hrc_membership' -> 'Human Rights Council membership'."""
    return {"hrc_membership": "Human Rights Council membership"}.get(code, code.replace("_", " ").capitalize())


def dates_in_words(text: str) -> str:
    """Every YYYY-MM-DD date in a text (a manifest's note, a title) written as '31 December 2023'."""
    def one(match: re.Match) -> str:
        try:
            return date_text(dt.date.fromisoformat(match.group(0)))
        except ValueError:
            return match.group(0)
    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", one, text)
