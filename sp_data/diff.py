"""What changed between two snapshots: visits, standing invitations, communications and replies, by State."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import overload

import duckdb
import polars as pl

from sp_data.db import load_pair_macros
from sp_data.i18n import N_, _, n_, number, p_
from sp_data.queries import run
from sp_data.schema import TABLE_ORDER
from sp_data.snapshot import Snapshot, list_snapshots, open_snapshot, resolve
from sp_data.wording import STATUS_NAMES, Words, date_text, dates_in_words, mandate_name

# One query per kind of record; each defines its changes (queries/diff_*.sql).
QUERIES = ("diff_visit_events", "diff_standing_invitations", "diff_communications", "diff_replies")

# The headline columns of the "what changed" table: (column, change, direction). Every other
# change (a removal, a correction, a postponement...) is counted under "other changes".
HEADLINES = (
    ("new requests", "request", "added"),
    ("reminders", "reminder", "added"),
    ("acceptances", "acceptance", "added"),
    ("declines", "decline", "added"),
    ("visits", "visit", "added"),
    ("standing invitations extended", "standing invitation extended", "added"),
    ("standing invitations withdrawn", "standing invitation withdrawn", "added"),
    ("new communications", "communication", "added"),
    ("new replies", "reply", "added"),
)
OTHER = "other changes"
# Each column's words for a count of one ("1 new reply"), in by_state's line.
ONE = {"new requests": "new request", "reminders": "reminder", "acceptances": "acceptance", "declines": "decline",
       "visits": "visit", "standing invitations extended": "standing invitation extended",
       "standing invitations withdrawn": "standing invitation withdrawn", "new communications": "new communication",
       "new replies": "new reply", OTHER: "other change"}
ALL = "all changes"
NO_CHANGE = N_("no change")
NO_STATE = N_("(non-State actors, no State concerned)")

# Each headline column's count in words ("1 new reply", "3 new replies"), in the reader's language.
COUNT_WORDS = {
    "new requests": lambda n: n_("{n} new request", "{n} new requests", n),
    "reminders": lambda n: n_("{n} reminder", "{n} reminders", n),
    "acceptances": lambda n: n_("{n} acceptance", "{n} acceptances", n),
    "declines": lambda n: n_("{n} decline", "{n} declines", n),
    "visits": lambda n: n_("{n} visit", "{n} visits", n),
    "standing invitations extended": lambda n: n_("{n} standing invitation extended",
                                                  "{n} standing invitations extended", n),
    "standing invitations withdrawn": lambda n: n_("{n} standing invitation withdrawn",
                                                   "{n} standing invitations withdrawn", n),
    "new communications": lambda n: n_("{n} new communication", "{n} new communications", n),
    "new replies": lambda n: n_("{n} new reply", "{n} new replies", n),
    OTHER: lambda n: n_("{n} other change", "{n} other changes", n),
}
# Each headline column's name, as a tile or a column heading reads it.
HEADLINE_NAMES = Words({
    "new requests": N_("New requests"), "reminders": N_("Reminders"), "acceptances": N_("Acceptances"),
    "declines": N_("Declines"), "visits": N_("Visits"), "standing invitations extended": N_("Standing invitations extended"),
    "standing invitations withdrawn": N_("Standing invitations withdrawn"),
    "new communications": N_("New communications"), "new replies": N_("New replies"), OTHER: N_("Other changes"),
    ALL: N_("Changes"),
})
# The kinds of record (queries/diff_*.sql's section), the changes and their directions in words.
SECTION_NAMES = Words({"visits": N_("Visits"), "standing_invitations": N_("Standing invitations"),
                       "communications": N_("Communications"), "replies": N_("Replies")})
CHANGE_NAMES = Words({
    "request": N_("Request"), "reminder": N_("Reminder"), "acceptance": N_("Acceptance"), "decline": N_("Decline"),
    "visit": N_("Visit"), "acknowledgement": N_("Acknowledgement"), "postponement": N_("Postponement"),
    "cancellation": N_("Cancellation"), "withdrawal": N_("Withdrawal"),
    "standing invitation extended": N_("Standing invitation extended"),
    "standing invitation withdrawn": N_("Standing invitation withdrawn"),
    "communication": N_("Communication"), "reply": N_("Reply")})
DIRECTION_NAMES = Words({"added": N_("Added"), "removed": N_("Removed"), "changed": N_("Changed")})

# The words of a change's detail (queries/diff_*.sql writes the import format's own names), read translated.
DETAIL_WORDS = Words({
    "sent_on": N_("sent on"), "recipient_kind": N_("recipient"), "recipient": N_("recipient"), "iso3": N_("State"),
    "individuals_female": N_("women and girls"), "individuals": N_("individuals"), "mandates": N_("mandates"),
    "type": N_("type"), "follow_up": N_("follow-up"), "non_state_actor": N_("non-State actor"),
    "state": N_("State"), "AL": N_("Allegation letter"), "UA": N_("Urgent appeal"), "OL": N_("Other letter"),
    "true": N_("yes"), "false": N_("no"), "joint": N_("joint"), "was": N_("was"),
    "not substantive": N_("not substantive"), "substantive": N_("substantive"), "confidential": N_("confidential"),
    "extended": N_("extended"), "withdrawn": N_("withdrawn"), "territory": N_("territory"),
    "institution": N_("institution"), "requested": N_("requested"), "reminder": N_("reminder"),
    "invited": N_("invited"), "acknowledged": N_("acknowledged"), "accepted": N_("accepted"),
    "postponed": N_("postponed"), "declined": N_("declined"), "cancelled": N_("cancelled"),
    **{code: STATUS_NAMES.english(code) for code in STATUS_NAMES if "_" in code or code == "completed"},
})
# A standing invitation's dates ('extended 2012-01-10, withdrawn 2023-05-02'), the date where each language puts it.
_DATED = re.compile(r"\b(extended|withdrawn) (\d{4}-\d{2}-\d{2})\b")
_DATED_WORDS = {"extended": lambda: _("extended {date}"), "withdrawn": lambda: _("withdrawn {date}")}
# The detail's words, longest first so that 'not substantive' is one phrase.
_DETAIL = re.compile(r"\b(" + "|".join(sorted(map(re.escape, DETAIL_WORDS), key=len, reverse=True)) + r")\b")
MANDATE_ID = re.compile(r"\b(?:SRSG|SR|WG|IE)-[A-Z0-9-]*[A-Z0-9]")


def connect_pair(old: Snapshot, new: Snapshot, threads: int = 2) -> duckdb.DuckDBPyConnection:
    """Both snapshots' tables in one in-memory database, as schemas old and new; files locked after."""
    con = duckdb.connect(":memory:", config={"threads": threads})
    for schema, snap in (("old", old), ("new", new)):
        con.execute(f"CREATE SCHEMA {schema}")  # a fixed name, never user input
        for name in TABLE_ORDER:
            con.read_parquet(str(snap.table_path(name))).create(f"{schema}.{name}")
    load_pair_macros(con)
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


@dataclass
class Diff:
    """The changes from one snapshot to another."""

    old: Snapshot
    new: Snapshot
    changes: pl.DataFrame  # section, change, direction, iso3, state, regional_group, party, date, ...
    regions: tuple[str, ...] = ()  # the regional groups the changes were selected for (empty: all)
    states: pl.DataFrame | None = None  # iso3, name, regional_group: the States of those groups
    mandate_titles: dict[str, str] | None = None  # mandate id -> title, in either snapshot

    @property
    def simulated(self) -> bool:
        return self.old.simulated or self.new.simulated

    @property
    def title(self) -> str:
        return f"What changed since {self.old.created[:10]} (snapshot {self.old.id} -> {self.new.id})"

    def heading(self) -> str:
        """title in the reader's language, its date in words: 'What changed since 1 April 2024 (snapshot a to b)'."""
        import datetime as dt

        try:
            since = date_text(dt.date.fromisoformat(self.old.created[:10]))
        except ValueError:
            since = self.old.created[:10]
        return _("What changed since {date} (snapshot {old} to {new})").format(date=since, old=self.old.id,
                                                                             new=self.new.id)

    def summary(self) -> pl.DataFrame:
        """One row per State (or non-State actor with no State concerned): the count of each headline
        change and of the other changes; States with no change are left out."""
        frame = self.changes.with_columns(
            pl.coalesce(pl.col("state"), pl.col("party"), pl.lit(_(NO_STATE))).alias("who"))
        counts = [((pl.col("change") == change) & (pl.col("direction") == direction)).sum().alias(column)
                  for column, change, direction in HEADLINES]
        headline = pl.lit(False)
        for _column, change, direction in HEADLINES:
            headline = headline | ((pl.col("change") == change) & (pl.col("direction") == direction))
        counts.append((~headline).sum().alias(OTHER))
        columns = ["who", "iso3", "regional_group"] + [c for c, _, _ in HEADLINES] + [OTHER]
        if frame.height == 0:
            return pl.DataFrame(schema={"who": pl.String, "iso3": pl.String, "regional_group": pl.String,
                                        **dict.fromkeys(columns[3:], pl.UInt32)})
        # Largest change first: the sum of every count (a change is counted once, headline or other).
        return (frame.group_by(["who", "iso3", "regional_group"]).agg(counts)
                .with_columns(pl.sum_horizontal(columns[3:]).alias("_size"))
                .sort(["_size", "who"], descending=[True, False], nulls_last=True).select(columns))

    def by_state(self) -> pl.DataFrame:
        """summary() with every change counted (ALL) and a line in words; then, when the States of the
        selected groups are known, each State with no change, with ALL = 0 and "no change"."""
        summary = self.summary()
        counted = summary.columns[3:]
        words = [", ".join(COUNT_WORDS[c](int(n)).format(n=number(int(n))) for c, n in zip(counted, row, strict=True) if n)
                 for row in summary.select(counted).iter_rows()]
        changed = summary.with_columns(pl.sum_horizontal(counted).cast(pl.Int64).alias(ALL),
                                       pl.Series("what", words, dtype=pl.String))
        if self.states is None:
            return _shown(changed)
        unchanged = (self.states.filter(~pl.col("iso3").is_in(changed["iso3"].drop_nulls().implode()))
                     .select(pl.col("name").alias("who"), "iso3", "regional_group")
                     .with_columns([pl.lit(0, pl.UInt32).alias(c) for c in counted]
                                   + [pl.lit(0, pl.Int64).alias(ALL), pl.lit(_(NO_CHANGE)).alias("what")])
                     .sort("who"))
        return _shown(pl.concat([changed, unchanged.select(changed.columns)], how="vertical_relaxed"))

    def for_state(self, iso3: str) -> pl.DataFrame:
        """Every change about one State (its visits, invitation, communications and replies), by date."""
        return self.changes.filter(pl.col("iso3") == iso3).sort(["date", "section", "change"], nulls_last=True)

    @overload
    def names(self, text: str) -> str: ...
    @overload
    def names(self, text: None) -> None: ...
    @overload
    def names(self, text: str | None) -> str | None: ...
    def names(self, text: str | None) -> str | None:
        """Every mandate id in a text as the mandate's short name: 'SR-UCM; SR-HOUSING' -> 'Unilateral
        coercive measures; Adequate housing'."""
        titles = self.mandate_titles or {}
        return None if text is None else MANDATE_ID.sub(lambda m: mandate_name(m.group(0), titles.get(m.group(0))), text)

    def readable(self, frame: pl.DataFrame | None = None) -> pl.DataFrame:
        """Changes (all, or a subset such as for_state's) with the words a person reads beside the codes:
        section_name ('Standing invitations'), mandate_names (short names), detail_text (dates in words) and
        party_text (the non-State actor, blank rather than "None"), change_name and direction_name, all in the
        reader's language."""
        frame = self.changes if frame is None else frame
        to = " " + p_("from one value to another", "to") + " "

        def detail(text: str | None) -> str | None:
            if text is None:
                return None
            text = _DATED.sub(lambda m: _DATED_WORDS[m.group(1)]().format(date=m.group(2)), self.names(text))
            text = _DETAIL.sub(lambda m: DETAIL_WORDS[m.group(0)], text)
            return dates_in_words(text).replace(" -> ", to)

        def words(names: Words, codes: pl.Series) -> list[str | None]:
            return [names.get(c, c) for c in codes]
        extra = [pl.Series(f"{col}_name", words(names, frame[col]), dtype=pl.String)
                 for col, names in (("change", CHANGE_NAMES), ("direction", DIRECTION_NAMES)) if col in frame.columns]
        return _shown(frame).with_columns(
            *extra,
            pl.Series("section_name", [SECTION_NAMES[s] if s in SECTION_NAMES else s.replace("_", " ").capitalize()
                                       if s else None for s in frame["section"]], dtype=pl.String),
            pl.Series("mandate_names", [self.names(m) for m in frame["mandates"]], dtype=pl.String),
            pl.Series("detail_text", [detail(d) for d in frame["detail"]], dtype=pl.String),
            (pl.col("party") if "party" in frame.columns else pl.lit(None, pl.String)).fill_null("").alias("party_text"))

    def groups(self) -> list[tuple[str, pl.DataFrame]]:
        """The changes per State (or non-State actor), labelled 'Name (ISO3, group)'."""
        frame = self.changes.with_columns(
            pl.coalesce(pl.col("state"), pl.col("party"), pl.lit(_(NO_STATE))).alias("who"))
        out = []
        for (who, iso3, group), rows in frame.group_by(["who", "iso3", "regional_group"], maintain_order=True):
            codes = ", ".join(x for x in (iso3, group) if x)
            out.append((f"{who} ({codes})" if codes else who, rows.drop("who")))
        return out

    def totals(self) -> dict[str, int]:
        """The headline counts over every State."""
        summary = self.summary()
        return {c: int(summary[c].sum()) for c in summary.columns[3:]}

    def to_dict(self) -> dict:
        """Everything, for JSON."""
        def about(s: Snapshot) -> dict:
            return {"id": s.id, "created": s.created, "source": s.source, "simulated": s.simulated}
        return {"old": about(self.old), "new": about(self.new), "simulated": self.simulated,
                "totals": self.totals(), "by_state": self.summary().to_dicts(),
                "changes": [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
                            for row in self.changes.to_dicts()]}

    def read(self) -> ReadDiff:
        """The same changes with their tables in words made once, in the reader's current language."""
        own = {f.name: getattr(self, f.name) for f in fields(Diff)}
        return ReadDiff(**own, read_summary=self.summary(), read_by_state=self.by_state(),
                        read_readable=self.readable(), read_totals=self.totals())


@dataclass
class ReadDiff(Diff):
    """A Diff whose summary, by_state, readable() and totals were made once, in one language: what a page
    shows again on every view of the same two snapshots (only valid in the language it was read in)."""

    read_summary: pl.DataFrame = field(default_factory=pl.DataFrame, repr=False)
    read_by_state: pl.DataFrame = field(default_factory=pl.DataFrame, repr=False)
    read_readable: pl.DataFrame = field(default_factory=pl.DataFrame, repr=False)
    read_totals: dict[str, int] = field(default_factory=dict, repr=False)

    def summary(self) -> pl.DataFrame:
        return self.read_summary

    def by_state(self) -> pl.DataFrame:
        return self.read_by_state

    def readable(self, frame: pl.DataFrame | None = None) -> pl.DataFrame:
        return self.read_readable if frame is None else super().readable(frame)

    def totals(self) -> dict[str, int]:
        return dict(self.read_totals)

    def read(self) -> ReadDiff:
        return self


def diff_snapshots(old: Snapshot, new: Snapshot, regions: tuple[str, ...] | list[str] = ()) -> Diff:
    """The changes between two opened snapshots; with regions, only those about States of those groups."""
    con = connect_pair(old, new)
    try:
        return diff_on(con, old, new, regions)
    finally:
        con.close()


def diff_on(con: duckdb.DuckDBPyConnection, old: Snapshot, new: Snapshot,
            regions: tuple[str, ...] | list[str] = ()) -> Diff:
    """diff_snapshots on a connection to the pair made already (connect_pair(old, new)), left open."""
    regions = tuple(sorted(regions))
    frames = [run(con, name, regions=list(regions)) for name in QUERIES]
    states = run(con, "diff_states", regions=list(regions))
    titles = dict(run(con, "diff_mandate_titles").iter_rows())
    changes = pl.concat(frames, how="vertical_relaxed")
    changes = changes.sort(["regional_group", "state", "party", "section", "date", "change"], nulls_last=True)
    return Diff(old, new, changes, regions, states, titles)


def diff(old_ref: str | Path, new_ref: str | Path, root: Path | None = None,
         regions: tuple[str, ...] | list[str] = ()) -> Diff:
    """The changes between two snapshots named by id or folder; both are verified first."""
    return diff_snapshots(open_snapshot(resolve(old_ref, root)), open_snapshot(resolve(new_ref, root)), regions)


def previous_snapshot(current: Snapshot, root: Path | None = None) -> str | None:
    """The id of the newest snapshot created before this one that opens cleanly (what "since the
    previous snapshot" compares with), or None."""
    earlier = [(s["manifest"].get("created", ""), s["id"]) for s in list_snapshots(root)
               if not s["problem"] and s["id"] != current.id and s["manifest"].get("created", "") < current.created]
    return max(earlier)[1] if earlier else None


def _shown(frame: pl.DataFrame) -> pl.DataFrame:
    """A table of changes as a reader sees it: State names and group abbreviations in the reader's language
    (the diff itself, cached per pair of snapshots, keeps the English)."""
    from sp_data.collation import with_group
    from sp_data.local_names import localize

    return with_group(localize(frame))
