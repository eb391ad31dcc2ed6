"""Words a person reads: periods, dates, ages, groups, the simulated notice, and the names that stand for codes."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from sp_data.i18n import ENGLISH, N_, PSEUDO, _, current, date_long, day_month, n_, number, p_, percent_text
from sp_data.local_names import mandate_country, mandate_title
from sp_data.schema import REGIONAL_GROUP_NAMES

if TYPE_CHECKING:
    import polars as pl


class Words(dict):
    """Codes and the English words for them (the catalogs' ids); reading one gives it in the reader's language."""

    def __getitem__(self, code):
        return _(super().__getitem__(code))

    def get(self, code, default=None):
        # Not self.get (ruff's SIM401 suggests it): that would call this method again, forever.
        english = super().get(code)
        return default if english is None else _(english)

    def values(self):
        return [self[k] for k in self]

    def items(self):
        return [(k, self[k]) for k in self]

    def english(self, code: str) -> str:
        """The English itself (a catalog id, a key in English data)."""
        return super().__getitem__(code)


# A thread's status (its latest visit event), as a state rather than an act.
STATUS_NAMES = Words({
    "requested": N_("Requested"), "reminder": N_("Reminder sent"), "invited": N_("Invited"), "acknowledged": N_("Acknowledged"),
    "accepted": N_("Accepted"), "dates_proposed": N_("Dates proposed"), "postponed": N_("Postponed"),
    "declined": N_("Declined"), "cancelled": N_("Cancelled"), "withdrawn": N_("Withdrawn"), "completed": N_("Visit carried out"),
})
HOST_KIND_NAMES = Words({"state": N_("State"), "territory": N_("Territory"), "institution": N_("Institution")})

# A mandate by the few words people use for it; the full title goes in the hover text.
MANDATE_NAMES = Words({
    "WG-PAD": N_("People of African descent"), "WG-AD": N_("Arbitrary detention"),
    "WG-EID": N_("Enforced or involuntary disappearances"), "WG-MERCENARIES": N_("Mercenaries"),
    "WG-DAWG": N_("Discrimination against women and girls"), "WG-BHR": N_("Business and human rights"),
    "WG-PEASANTS": N_("Peasants and rural workers"), "IE-OLDER": N_("Older persons"), "IE-ALBINISM": N_("Albinism"),
    "IE-DEBT": N_("Foreign debt"), "IE-SOLIDARITY": N_("International solidarity"),
    "IE-ORDER": N_("Democratic and equitable international order"),
    "IE-SOGI": N_("Sexual orientation and gender identity"),
    "SR-CHILDREN": N_("Sale and sexual exploitation of children"), "SR-CULTURAL": N_("Cultural rights"),
    "SR-DEVELOPMENT": N_("Right to development"), "SR-DISABILITY": N_("Rights of persons with disabilities"),
    "SR-EDUCATION": N_("Right to education"), "SR-ENVIRONMENT": N_("Human rights and the environment"),
    "SR-SUMEX": N_("Extrajudicial, summary or arbitrary executions"), "SR-FOOD": N_("Right to food"),
    "SR-FOE": N_("Freedom of opinion and expression"), "SR-FOAA": N_("Freedom of peaceful assembly and of association"),
    "SR-FORB": N_("Freedom of religion or belief"), "SR-HEALTH": N_("Right to health"),
    "SR-HRD": N_("Human rights defenders"), "SR-HOUSING": N_("Adequate housing"),
    "SR-IJL": N_("Independence of judges and lawyers"), "SR-INDIGENOUS": N_("Rights of Indigenous Peoples"),
    "SR-IDP": N_("Internally displaced persons"), "SR-MIGRANTS": N_("Human rights of migrants"),
    "SR-MINORITIES": N_("Minority issues"), "SR-POVERTY": N_("Extreme poverty"), "SR-PRIVACY": N_("Right to privacy"),
    "SR-RACISM": N_("Racism and racial discrimination"), "SR-SLAVERY": N_("Contemporary forms of slavery"),
    "SR-CT": N_("Human rights while countering terrorism"), "SR-TORTURE": N_("Torture"),
    "SR-TOXICS": N_("Toxics and human rights"), "SR-TRAFFICKING": N_("Trafficking in persons"),
    "SR-TRUTH": N_("Truth, justice and reparation"), "SR-UCM": N_("Unilateral coercive measures"),
    "SR-VAW": N_("Violence against women and girls"), "SR-WATSAN": N_("Drinking water and sanitation"),
    "SR-LEPROSY": N_("Persons affected by leprosy"), "SR-CLIMATE": N_("Climate change"),
    "SR-OPT": N_("Occupied Palestinian territory"), "SRSG-BHR": N_("Business and human rights (Special Representative)"),
    "IE-COTE-DIVOIRE": N_("Côte d'Ivoire"),
})


# The notice every page, export and briefing of simulated data carries, and its explanation.
# Constants are the English (the catalogs' ids): a reader's text is _(CONSTANT), or the function below.
SIMULATED_NOTICE = N_("SIMULATED DATA - not official figures")
SIMULATED_HEADLINE = N_("Simulated demonstration data.")
SIMULATED_DETAIL = N_(
    "The States, regional groups and mandates are real; every visit, invitation, communication and reply "
    "is simulated, calibrated so that the totals match the 2023 annual report. These are not official figures.")
SIMULATED_EXPLANATION = f"{SIMULATED_HEADLINE} {SIMULATED_DETAIL}"
# Who produced a figure, in every export's provenance.
SOURCE_NAME = N_("special procedures cooperation dashboard")


def simulated_explanation() -> str:
    """The simulated notice's headline and detail, in the reader's language."""
    return f"{_(SIMULATED_HEADLINE)} {_(SIMULATED_DETAIL)}"


def date_text(d: dt.date | None, missing: str = "") -> str:
    """The one date format a person reads: '12 May 2023'."""
    return missing if d is None else date_long(d)


def period(as_at: dt.date) -> str:
    """The reporting period in words: '2023' (as at 31 December) or '2024 up to 30 June'."""
    if (as_at.month, as_at.day) == (12, 31):
        return str(as_at.year)
    return _("{year} up to {day}").format(year=as_at.year, day=day_month(as_at))


def years_text(first: object, last: object) -> str:
    """A span of years: '2011–2023' (one year alone: '2023')."""
    return f"{first}" if first == last else f"{first}–{last}"


def window_text(as_at: dt.date) -> str:
    """The five-year window's years: '2019–2023'."""
    return f"{as_at.year - 4}–{as_at.year}"


# The same format for st.column_config.DateColumn (moment.js tokens).
DATE_FORMAT = "D MMMM YYYY"


def date_column_format() -> str:
    """A table date column's format in the reader's language (moment.js tokens): the browser writes month
    names in English only, so French and Spanish tables give the date in figures, '31/12/2023'."""
    return DATE_FORMAT if current() in (ENGLISH, PSEUDO) else "DD/MM/YYYY"


def age_text(start: dt.date | None, end: dt.date) -> str:
    """The time from start to end in years and months: '11 years 8 months', '3 months', 'under a month'."""
    if start is None:
        return ""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, months = divmod(max(months, 0), 12)
    parts = ([n_("{n} year", "{n} years", years).format(n=years)] if years else []) + (
        [n_("{n} month", "{n} months", months).format(n=months)] if months else [])
    return " ".join(parts) or _("under a month")


def group_name(code: str | None) -> str:
    """A regional group by name with its abbreviation: 'Asia-Pacific States (APG)'; 'No group' for none."""
    if not code:
        return _("No group")
    if code not in REGIONAL_GROUP_NAMES:
        return code
    return f"{_(REGIONAL_GROUP_NAMES[code])} ({group_abbreviation(code)})"


def group_abbreviation(code: str) -> str:
    """A regional group's abbreviation as the reader's language writes it (the URL keeps the English)."""
    return p_("regional group abbreviation", code)


ALL_GROUPS = N_("all regional groups")


def groups_text(codes: tuple[str, ...] | list[str]) -> str:
    """Selected regional groups in words ('all regional groups' when none is selected)."""
    return _(ALL_GROUPS) if not codes else ", ".join(group_name(c) for c in codes)


def groups_codes(codes: tuple[str, ...] | list[str]) -> str:
    """Selected regional groups by abbreviation, for provenance lines: 'AG, WEOG' ('all regional groups')."""
    return ", ".join(group_abbreviation(c) for c in codes) if codes else _(ALL_GROUPS)


def mandate_name(mandate_id: str, title: str | None = None) -> str:
    """A mandate's short human name: 'Torture', 'Human rights in Iran (Islamic Republic of)'."""
    if mandate_id in MANDATE_NAMES:
        return MANDATE_NAMES[mandate_id]
    if title:
        country = re.match(r".*? on the situation of human rights in (?:the )?(.+)$", title)
        if country:
            return _("Human rights in {country}").format(country=mandate_country(mandate_id, country.group(1)))
        local = mandate_title(mandate_id, "")
        if local and local != title:  # a title the reference tables translate: the title itself, whole
            return local
        subject = re.sub(r"^(Special Rapporteur|Independent Expert|Working Group( of Experts)?|Special Representative"
                         r" of the Secretary-General) (on|in the field of|for) (the )?", "", title)
        # A mandate the reference tables do not hold: its subject as the records write it (the pseudo-language
        # marks it as a name, like every other).
        return mandate_title(mandate_id, subject[:1].upper() + subject[1:])
    return mandate_id


def status_name(status: str | None) -> str:
    """A visit thread's status in words."""
    return STATUS_NAMES.get(status or "", status or "")


def percent(numerator: int, denominator: int) -> str:
    """'312 of 723 = 43.15 %' (no division by zero)."""
    if not denominator:
        return _("{part} of {whole}").format(part=number(numerator), whole=number(denominator))
    return _("{part} of {whole} = {share}").format(part=number(numerator), whole=number(denominator),
                                                  share=percent_text(100 * numerator / denominator))


_PER_ROW_UP_TO = 500


def _per_value(name: str, fn, *columns: pl.Series) -> pl.Series:
    """fn of each row's values, called once per distinct combination: a large table repeats a few mandates,
    statuses and groups (a call per row cost the Country visits page's 70,000 open threads at scale 100 a
    quarter of its time)."""
    import polars as pl  # here: the commands that read no frame (`facts`) never load Polars

    if len(columns[0]) <= _PER_ROW_UP_TO:  # a small table: a call per row costs less than finding the distinct ones
        return pl.Series(name, [fn(*row) for row in zip(*(c.to_list() for c in columns), strict=True)], dtype=pl.String)
    keys = pl.DataFrame([c.rename(f"k{i}") for i, c in enumerate(columns)])
    distinct = keys.unique(maintain_order=True)
    values = distinct.with_columns(pl.Series(name, [fn(*row) for row in distinct.iter_rows()], dtype=pl.String))
    return keys.join(values, on=keys.columns, how="left", nulls_equal=True, maintain_order="left")[name]


def named(frame: pl.DataFrame, as_at: dt.date | None = None) -> pl.DataFrame:
    """A table with the names a person reads beside its codes (the codes stay, for the exports):
    mandate_name, status_name, host_kind_name, group_name, and age_text for an age in days."""
    import polars as pl  # here: the commands that read no frame (`facts`) never load Polars

    cols = frame.columns
    extra = []
    if "mandate_id" in cols:
        titles = frame["mandate_title"] if "mandate_title" in cols else frame.get_column(
            "title") if "title" in cols else pl.Series([None] * frame.height, dtype=pl.String)
        extra.append(_per_value("mandate_name", lambda m, t: mandate_name(m, t) if m else None, frame["mandate_id"], titles))
    if "status" in cols:
        extra.append(_per_value("status_name", lambda s: status_name(s) if s else None, frame["status"]))
    if "host_kind" in cols:
        extra.append(_per_value("host_kind_name", lambda k: HOST_KIND_NAMES.get(k, k) if k else None, frame["host_kind"]))
    if "table" in cols:
        extra.append(_per_value("table_name", table_name, frame["table"]))
    if "regional_group" in cols:
        extra.append(_per_value("group_name", group_name, frame["regional_group"]))
    for days, start in (("age_days", "first_request_on"), ("pending_age_days", "first_request_on")):
        if days in cols and start in cols and as_at is not None:
            extra.append(_per_value(days.replace("_days", "_text"),
                                    lambda s: age_text(s, as_at) if s is not None else None, frame[start]))
    return frame.with_columns(extra) if extra else frame


# The regional groups' abbreviations spelled out, for a table's "Group" column (English; groups_help() translated).
GROUPS_HELP = "; ".join(f"{code}: {name}" for code, name in REGIONAL_GROUP_NAMES.items()) + "."


def groups_help() -> str:
    """The regional groups' abbreviations spelled out, in the reader's language."""
    return "; ".join(f"{group_abbreviation(code)}: {_(name)}" for code, name in REGIONAL_GROUP_NAMES.items()) + "."


def table_name(code: str) -> str:
    """A table of the import format by name: 'visit_events' -> 'Visit events', 'hrc_membership' -> 'Human Rights Council membership'."""
    return _(TABLE_NAMES.get(code, code.replace("_", " ").capitalize()))


# The tables of the import format by name (the catalogs' ids).
TABLE_NAMES = {"hrc_membership": N_("Human Rights Council membership"), "states": N_("States"),
               "mandates": N_("Mandates"), "visit_threads": N_("Visit threads"), "visit_events": N_("Visit events"),
               "standing_invitations": N_("Standing invitations"), "communications": N_("Communications"),
               "communication_recipients": N_("Communication recipients"),
               "communication_mandates": N_("Communication mandates"), "replies": N_("Replies")}


def dates_in_words(text: str) -> str:
    """Every YYYY-MM-DD date in a text (a manifest's note, a title) written as '31 December 2023'."""
    def one(match: re.Match) -> str:
        try:
            return date_text(dt.date.fromisoformat(match.group(0)))
        except ValueError:
            return match.group(0)
    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", one, text)
