"""The analyst's way without this project: pandas over the source CSV files, for the 28 facts figures.

Every figure follows DESIGN.md's definitions (the same words as queries/*.sql), written the way an
analyst with the CSV export and pandas would: read the files, parse dates, then filter, merge and
group. `python -m sp_data bench` times these against the project's queries and checks that both
give the same numbers; tests/test_bench.py checks that they agree on several filter combinations.

Usage: frames = read_csvs(folder); figures = all_figures(frames, as_at, regions, threshold);
or FIGURES[key](Context(frames, as_at, regions, threshold)) for one figure computed from scratch.
"""
from __future__ import annotations

import datetime as dt
import math
from functools import cached_property
from pathlib import Path

import pandas as pd

# The import format's event order: on a tie of dates, the later in this list is the thread's status.
EVENT_ORDER = ("requested", "reminder", "invited", "acknowledged", "accepted", "dates_proposed",
               "postponed", "declined", "cancelled", "withdrawn", "completed")
RANK = {e: i for i, e in enumerate(EVENT_ORDER, start=1)}
PENDING = ("requested", "reminder", "acknowledged")
ACCEPTED_OPEN = ("invited", "accepted", "dates_proposed", "postponed")

DATES = {"mandates": ("established_on", "ended_on"), "visit_events": ("date", "end_date"),
         "standing_invitations": ("extended_on", "withdrawn_on"), "communications": ("sent_on",),
         "replies": ("received_on",)}
BOOLS = {"communications": ("follow_up",), "replies": ("substantive", "confidential")}
NUMBERS = {"communications": ("individuals", "individuals_female")}
FILES = ("states", "mandates", "visits", "visit_events", "standing_invitations", "communications", "replies")


def read_csvs(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The source folder's tables with dates, booleans and numbers parsed (empty cell = missing)."""
    frames = {}
    for name in FILES:
        # Text as text: "NA" (Namibia's alpha-2) or "NAN" must never turn into a missing value.
        frame = pd.read_csv(Path(folder) / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
        for col in DATES.get(name, ()):
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
        for col in BOOLS.get(name, ()):
            frame[col] = frame[col].eq("true")
        for col in NUMBERS.get(name, ()):
            frame[col] = pd.to_numeric(frame[col])
        frames[name] = frame
    return frames


def _round2(x: float) -> float:
    """Two decimals, halves away from zero (as DuckDB's round does)."""
    return math.floor(x * 100 + 0.5) / 100 if x >= 0 else -math.floor(-x * 100 + 0.5) / 100


class Context:
    """The tables and filters, with the intermediate results figures share (computed once, on first use)."""

    def __init__(self, frames: dict[str, pd.DataFrame], as_at: dt.date, regions=(), threshold: int = 5):
        self.t = frames
        self.d = pd.Timestamp(as_at)
        self.year_start = pd.Timestamp(as_at.year, 1, 1)
        self.window_start = pd.Timestamp(as_at.year - 4, 1, 1)  # the five calendar years ending with d's year
        self.regions = list(regions)
        self.threshold = threshold

    def in_regions(self, groups: pd.Series) -> pd.Series:
        """No group selected keeps everything; otherwise rows whose group is selected (no group: left out)."""
        if not self.regions:
            return pd.Series(True, index=groups.index)
        return groups.isin(self.regions)

    @cached_property
    def states(self) -> pd.DataFrame:
        s = self.t["states"]
        return s[self.in_regions(s["regional_group"])]

    @cached_property
    def mandates(self) -> pd.DataFrame:
        m = self.t["mandates"]
        return m[(m["established_on"] <= self.d) & (m["ended_on"].isna() | (m["ended_on"] > self.d))]

    @cached_property
    def invited_states(self) -> pd.DataFrame:
        si = self.t["standing_invitations"]
        holding = si[(si["extended_on"] <= self.d) & (si["withdrawn_on"].isna() | (si["withdrawn_on"] > self.d))]
        return self.states[self.states["iso3"].isin(holding["iso3"])]

    @cached_property
    def carried_out(self) -> pd.DataFrame:
        """Visits carried out in the year: `completed` events dated in Y and on or before d."""
        ev = self.t["visit_events"]
        done = ev[(ev["event"] == "completed") & (ev["date"] >= self.year_start) & (ev["date"] <= self.d)]
        done = done.merge(self.t["visits"], on="visit_id")
        done = done.merge(self.t["states"][["iso3", "regional_group"]], on="iso3", how="left")
        return done[self.in_regions(done["regional_group"])]

    @cached_property
    def threads(self) -> pd.DataFrame:
        """Every thread's status as at d: its latest event on or before d (ties: the format's order)."""
        ev = self.t["visit_events"]
        ev = ev[ev["date"] <= self.d].assign(rank=lambda e: e["event"].map(RANK))
        ev = ev.sort_values(["visit_id", "date", "rank"])
        out = pd.DataFrame({"status": ev.groupby("visit_id")["event"].last()})

        def latest(events, how="max"):
            return ev[ev["event"].isin(events)].groupby("visit_id")["date"].agg(how)

        out["last_request_on"] = latest(("requested", "reminder"))
        out["last_accepted_on"] = latest(("invited", "accepted", "dates_proposed"))
        out["visit_start"] = latest(("completed",))
        out = out.join(self.t["visits"].set_index("visit_id"), how="inner")
        out["pending"] = out["status"].isin(PENDING) & (out["last_request_on"] >= self.window_start)
        return out

    @cached_property
    def state_table(self) -> pd.DataFrame:
        """One row per State in the selected groups: visits, requests, acceptances, pending requests."""
        th = self.threads[self.threads["host_kind"] == "state"]
        ws = self.window_start
        per = th.assign(
            visited=th["visit_start"].notna(),
            visit_5y=th["visit_start"] >= ws,
            requested=th["last_request_on"].notna(),
            request_5y=th["last_request_on"] >= ws,
            accepted_5y=(th["last_accepted_on"] >= ws) | (th["visit_start"] >= ws),
            accepted_open=th["status"].isin(ACCEPTED_OPEN),
        ).groupby("iso3").agg(
            visits_ever=("visited", "sum"), visits_5y=("visit_5y", "sum"), ever_requested=("requested", "any"),
            request_in_5y=("request_5y", "any"), accepted_in_5y=("accepted_5y", "any"),
            accepted_open=("accepted_open", "any"), pending_requests=("pending", "sum"))
        table = self.states.merge(per, left_on="iso3", right_index=True, how="left")
        counts = ["visits_ever", "visits_5y", "pending_requests"]
        flags = ["ever_requested", "request_in_5y", "accepted_in_5y", "accepted_open"]
        table[counts] = table[counts].fillna(0)
        table[flags] = table[flags].fillna(False).astype(bool)
        table["member"] = table["un_status"] == "member"
        never = table["member"] & (table["visits_ever"] == 0)
        table["category"] = None
        table.loc[never, "category"] = "no_request"
        table.loc[never & table["ever_requested"], "category"] = "requests_not_accepted"
        table.loc[never & table["accepted_open"], "category"] = "accepted_not_yet_conducted"
        return table

    @cached_property
    def selected_communications(self) -> pd.DataFrame:
        """Communications whose State (addressed or concerned) is in the selected groups."""
        c = self.t["communications"].merge(self.t["states"][["iso3", "regional_group"]], on="iso3", how="left")
        return c[self.in_regions(c["regional_group"])]

    @cached_property
    def sent(self) -> pd.DataFrame:
        c = self.selected_communications
        return c[(c["sent_on"] >= self.year_start) & (c["sent_on"] <= self.d)]

    @cached_property
    def replied(self) -> pd.DataFrame:
        """Replies received on or before d to the selected communications, with the date each was sent."""
        r = self.t["replies"]
        r = r[r["received_on"] <= self.d]
        return r.merge(self.selected_communications[["ref", "sent_on"]], on="ref")


def _member(ctx: Context, mask) -> int:
    table = ctx.state_table
    return int((table["member"] & mask(table)).sum())


FIGURES = {
    "mandates_total": lambda c: len(c.mandates),
    "mandates_thematic": lambda c: int((c.mandates["kind"] == "thematic").sum()),
    "mandates_country": lambda c: int((c.mandates["kind"] == "country").sum()),
    "standing_invitations_member_states": lambda c: int((c.invited_states["un_status"] == "member").sum()),
    "standing_invitations_observer_states": lambda c: int((c.invited_states["un_status"] == "observer").sum()),
    "visits_in_year": lambda c: len(c.carried_out),
    "visit_hosts_states_territories": lambda c: pd.concat([
        "state:" + c.carried_out.loc[c.carried_out["host_kind"] == "state", "iso3"],
        "territory:" + c.carried_out.loc[c.carried_out["host_kind"] == "territory", "host_name"]]).nunique(),
    "visit_hosts_institutions": lambda c: c.carried_out.loc[
        c.carried_out["host_kind"] == "institution", "host_name"].nunique(),
    "member_states_visited": lambda c: _member(c, lambda t: t["visits_ever"] > 0),
    "member_states_never_visited": lambda c: _member(c, lambda t: t["visits_ever"] == 0),
    "never_visited_no_request": lambda c: int((c.state_table["category"] == "no_request").sum()),
    "never_visited_requests_not_accepted": lambda c: int((c.state_table["category"] == "requests_not_accepted").sum()),
    "never_visited_accepted_not_yet_conducted":
        lambda c: int((c.state_table["category"] == "accepted_not_yet_conducted").sum()),
    "member_states_not_visited_5y": lambda c: _member(c, lambda t: t["visits_5y"] == 0),
    "member_states_not_visited_5y_with_request": lambda c: _member(c, lambda t: (t["visits_5y"] == 0) & t["request_in_5y"]),
    "member_states_five_plus_pending_no_acceptance":
        lambda c: _member(c, lambda t: (t["pending_requests"] >= c.threshold) & ~t["accepted_in_5y"]),
    "member_states_five_plus_visits_5y": lambda c: _member(c, lambda t: t["visits_5y"] >= 5),
    "communications_sent": lambda c: len(c.sent),
    "communications_joint": lambda c: int((c.sent["mandate_ids"].str.split(";").str.len() >= 2).sum()),
    "communications_states_addressed": lambda c: c.sent.loc[c.sent["recipient_kind"] == "state", "iso3"].nunique(),
    "communications_non_state_actors":
        lambda c: c.sent.loc[c.sent["recipient_kind"] == "non_state_actor", "recipient"].nunique(),
    "communications_individuals": lambda c: int(c.sent["individuals"].sum()),
    "communications_individuals_female": lambda c: int(c.sent["individuals_female"].sum()),
    "replies_received_in_year": lambda c: int((c.replied["received_on"] >= c.year_start).sum()),
    "replies_received_in_year_substantive":
        lambda c: int(((c.replied["received_on"] >= c.year_start) & c.replied["substantive"]).sum()),
    "replies_to_year_communications": lambda c: int((c.replied["sent_on"] >= c.year_start).sum()),
    "replies_to_year_communications_substantive":
        lambda c: int(((c.replied["sent_on"] >= c.year_start) & c.replied["substantive"]).sum()),
    "reply_rate_percent": lambda c: None if c.sent.empty else _round2(
        100.0 * c.sent["ref"].isin(c.replied.loc[c.replied["substantive"], "ref"]).sum() / len(c.sent)),
}


def figure(frames: dict[str, pd.DataFrame], key: str, as_at: dt.date, regions=(), threshold: int = 5):
    """One figure computed from scratch (nothing shared with any other figure)."""
    return FIGURES[key](Context(frames, as_at, regions, threshold))


def all_figures(frames: dict[str, pd.DataFrame], as_at: dt.date, regions=(), threshold: int = 5) -> dict:
    """Every figure, the intermediate results computed once (as one analyst's notebook would)."""
    ctx = Context(frames, as_at, regions, threshold)
    return {key: fn(ctx) for key, fn in FIGURES.items()}
