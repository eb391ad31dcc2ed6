"""Several States side by side: the profile's key figures, their rank within their regional group, and their years."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data import url_values
from sp_data.coverage import COLUMN_NEEDS, NOT_RECORDED, blank, coverage, known, unknown_keys
from sp_data.coverage import VISITS_WINDOW, VISITS_YEAR, COMMS_YEAR, REPLY_RATE
from sp_data.i18n import N_, _, current, n_, number, percent_text
from sp_data.local_names import localize, state_name
from sp_data.params import Filters
from sp_data.profile import mandate_access, profile, state_rows
from sp_data.profile_types import StateProfile
from sp_data.queries import run
from sp_data.schema import REGIONAL_GROUP_NAMES

MIN_STATES, MAX_STATES = 2, 6


@dataclass(frozen=True)
class Ranked:
    """A key figure ranked within the regional group: its column of queries/group_ranks.sql and its words."""

    key: str
    label: str  # N_(): translated where shown
    highest: str  # what the 1st of the group has, N_()
    short: str  # its label where space is short (a chart's title), N_()


# The figures ranked, in the profile's order; 1st is always the highest figure of the group.
RANKED = (
    Ranked("pending_requests", N_("Pending requests"), N_("1st: the most pending requests"), N_("Pending requests")),
    Ranked("visits_5y", N_("Visits in the five-year window"), N_("1st: the most visits"), N_("Visits, five years")),
    Ranked("reply_rate_percent", N_("Substantive reply rate"), N_("1st: the highest reply rate"),
           N_("Substantive reply rate (%)")),
    Ranked("communications_in_year", N_("Communications sent in the year"), N_("1st: the most communications"),
           N_("Communications sent")),
)
RANK_COLUMNS = ("rank", "tied", "ranked")
# A year's figure and the records it needs (sp_data.coverage), for queries/compare_by_year.sql.
YEAR_FIGURES = {"pending_requests": VISITS_WINDOW, "visits": VISITS_YEAR, "communications": COMMS_YEAR,
                "substantively_replied": REPLY_RATE, "reply_rate_percent": REPLY_RATE}


@dataclass(frozen=True)
class Chosen:
    """The States a link asks to compare, checked: their codes, and why they differ from the link's (None if not)."""

    states: tuple[str, ...]
    notice: str | None = None


@dataclass(frozen=True)
class Comparison:
    """Two to six States side by side, as at the filters' date."""

    states: tuple[str, ...]
    names: dict[str, str]
    profiles: tuple[StateProfile, ...]
    figures: pl.DataFrame  # one row per key figure, one column per State (its name): the profile's displays
    ranks: pl.DataFrame  # one row per ranked figure, one column per State: the rank in words
    group_ranks: pl.DataFrame  # queries/group_ranks.sql, the compared States only
    by_year: pl.DataFrame  # queries/compare_by_year.sql, names localized


def ordinal(n: int) -> str:
    """1 -> '1st', '1er', '1.º'; 3 -> '3rd', '3e', '3.º'."""
    lang = current()
    if lang == "fr":
        return "1er" if n == 1 else f"{n}e"
    if lang == "es":
        return f"{n}.º"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def group_words(code: str | None) -> str:
    """A regional group's name without its abbreviation, in the reader's language: 'Asia-Pacific States'."""
    if not code:
        return _("No group")
    name = REGIONAL_GROUP_NAMES.get(code, code)
    return _(name)


def group_ranks(con: duckdb.DuckDBPyConnection, filters: Filters, regions: Sequence[str] = ()) -> pl.DataFrame:
    """queries/group_ranks.sql for these regional groups (all when empty), names localized; a figure the
    snapshot does not record is null with its rank, never 0."""
    frame = localize(run(con, "group_ranks", as_at=filters.as_at, regions=list(regions),
                         threshold=filters.threshold))
    unknown = unknown_keys(coverage(con), COLUMN_NEEDS, filters.as_at) & set(frame.columns)
    gone = unknown | {f"{k}_{c}" for k in unknown for c in RANK_COLUMNS}
    if "standing_invitation" in unknown:
        gone.add("group_standing_invitations")
    return blank(frame, gone)


def rank_text(row: dict, key: str, short: bool = False) -> str:
    """A State's rank for one figure in words: '3rd of 53 in the Asia-Pacific States, tied with 1 other State'
    (short: '3rd of 53', 'joint 3rd of 53'); 'not recorded' where the records are missing, never a rank of a zero."""
    if row.get(key) is None and key != "reply_rate_percent":
        return _(NOT_RECORDED)
    if row.get("regional_group") is None:
        return _("not ranked: in no regional group")
    if key == "reply_rate_percent" and row.get(key) is None:
        if row.get("communications_in_year") is None:
            return _(NOT_RECORDED)
        return _("not ranked: no communication was sent to it")
    rank, tied, ranked = row[f"{key}_rank"], row[f"{key}_tied"], row[f"{key}_ranked"]
    if short:
        if tied > 1:  # in a table cell: a tie in one word
            return _("joint {rank} of {total}").format(rank=ordinal(rank), total=ranked)
        return _("{rank} of {total}").format(rank=ordinal(rank), total=ranked)
    else:
        text = _("{rank} of {total} in the {group}").format(rank=ordinal(rank), total=ranked,
                                                            group=group_words(row["regional_group"]))
    if tied > 1:
        text += ", " + n_("tied with {n} other State", "tied with {n} other States", tied - 1).format(n=tied - 1)
    return text


def figure_value(row: dict, key: str) -> str:
    """A ranked figure's value in words (a rate as '43.15 %'; 'not recorded', never 0)."""
    value = row.get(key)
    if value is None:
        if key == "reply_rate_percent" and row.get("communications_in_year") is not None:
            return "–"
        return _(NOT_RECORDED)
    return percent_text(value) if key == "reply_rate_percent" else number(value)


def choose(raw: Sequence[str] | str | None, options: Sequence[str], default: Sequence[str]) -> Chosen:
    """The States a link's ?states= names (codes, comma-separated or repeated, any letter case), checked:
    unknown codes are dropped, and fewer than two or more than six said plainly, with a sensible set."""
    checked = url_values.choices(raw, options, _("State"), _("in this snapshot"))
    states = list(dict.fromkeys(checked.value))
    notes = [checked.notice] if checked.notice else []
    if not raw:
        return Chosen(tuple(default))
    if len(states) > MAX_STATES:
        notes.append(_("At most six States can be compared: the first six are shown."))
        states = states[:MAX_STATES]
    elif len(states) < MIN_STATES:
        added = [s for s in default if s not in states][:MIN_STATES + 1 - len(states) - (not states)]
        notes.append(_("Two to six States can be compared: {added} added, to change below.").format(
            added=", ".join(state_name(s) for s in added)) if states else
            _("No State of the link could be compared: the default States are shown."))
        states = (states + added) if states else list(default)
    return Chosen(tuple(states), " ".join(notes) or None)


def companions(ranks: pl.DataFrame, iso3: str | None, n: int = 2) -> tuple[str, ...]:
    """The State and the first n other States of its regional group by name: what Compare shows from a profile."""
    if iso3 is None:
        return tuple(ranks.sort("name")["iso3"].head(n + 1).to_list())
    me = ranks.filter(pl.col("iso3") == iso3)
    group = me["regional_group"].item() if me.height else None
    others = ranks.filter((pl.col("iso3") != iso3) & (pl.col("regional_group") == group if group else pl.lit(True)))
    return (iso3, *others.sort("name")["iso3"].head(n).to_list())


def _blank_years(frame: pl.DataFrame, cov: dict) -> pl.DataFrame:
    """Each year's figure null in the years the snapshot does not record it (never a zero)."""
    if frame.height == 0:
        return frame
    ends = [dt.date(y, 12, 31) for y in frame["year"].to_list()]
    return frame.with_columns([
        pl.when(pl.Series([known(cov, need, d) for d in ends], dtype=pl.Boolean)).then(pl.col(c)).otherwise(None).alias(c)
        for c, need in YEAR_FIGURES.items()])


def by_year(con: duckdb.DuckDBPyConnection, filters: Filters, states: Sequence[str]) -> pl.DataFrame:
    """queries/compare_by_year.sql for these States, names localized, unrecorded years null."""
    frame = run(con, "compare_by_year", as_at=filters.as_at, states=list(states))
    return localize(_blank_years(frame, coverage(con)))


def figures_table(profiles: Sequence[StateProfile], names: dict[str, str]) -> pl.DataFrame:
    """The profile's key figures side by side: one row per figure (its label), one column per State."""
    first = profiles[0].key_figures
    data: dict[str, list[str]] = {"figure": [k.label for k in first]}
    for p in profiles:
        by_key = {k.key: k for k in p.key_figures}
        data[names[p.iso3]] = [by_key[k.key].display if k.key in by_key else _(NOT_RECORDED) for k in first]
    return pl.DataFrame(data)


def ranks_table(ranks: pl.DataFrame, states: Sequence[str], names: dict[str, str]) -> pl.DataFrame:
    """Each State's regional group, then its figure and rank within the group for each ranked figure, in words:
    one row per figure, one column per State ('8 · 7th of 53')."""
    rows = {r["iso3"]: r for r in ranks.iter_rows(named=True)}
    data: dict[str, list[str]] = {"figure": [_("Regional group")] + [_(r.label) for r in RANKED]}
    for s in states:
        row = rows.get(s)
        if row is None:
            data[names[s]] = [_(NOT_RECORDED)] * (len(RANKED) + 1)
            continue
        data[names[s]] = [group_words(row["regional_group"])] + [f"{figure_value(row, r.key)} · {rank_text(row, r.key, short=True)}"
                                    if row.get(r.key) is not None else rank_text(row, r.key) for r in RANKED]
    return pl.DataFrame(data)


def comparison(con: duckdb.DuckDBPyConnection, filters: Filters, states: Sequence[str],
               ranks: pl.DataFrame | None = None) -> Comparison:
    """The States side by side (each through the profile's own figures), their ranks and their years
    (ranks: group_ranks(con, filters), when the caller has it already)."""
    # One query each for all the States compared, not the profile's queries once per State.
    access = mandate_access(con, filters.as_at)
    rows = state_rows(con, filters, states)
    profiles = tuple(profile(con, filters, s, access, rows[s]) for s in states)
    names = {p.iso3: state_name(p.iso3, p.name) for p in profiles}
    ranks = (group_ranks(con, filters) if ranks is None else ranks).filter(pl.col("iso3").is_in(list(states)))
    return Comparison(tuple(states), names, profiles, figures_table(profiles, names),
                      ranks_table(ranks, states, names), ranks, by_year(con, filters, states))
