"""The demonstration snapshot: real States and mandates, simulated events calibrated to the 2023 report.

Every event here is simulated. The generator is seeded and deterministic: it plans each State's
cooperation record so that, computed as at 31 December 2023 by the project's own queries, the
figures equal those published in the 2023 annual report (A/HRC/55/50; its addendum
A/HRC/55/69/Add.1), then checks that they do before writing anything.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from sp_data.paths import BUNDLED_SNAPSHOT_ID, REFERENCE_DIR

SEED = 20231231
AS_AT = dt.date(2023, 12, 31)
WINDOW_START = dt.date(2019, 1, 1)
FIRST_DAY = dt.date(1995, 1, 1)
LAST_DAY = dt.date(2024, 6, 30)  # the snapshot runs to mid-2024, so 2023 is the latest complete year
COMMS_FROM = dt.date(2011, 1, 1)
SOURCE = "Demonstration data: real States and mandates, simulated events calibrated to the 2023 annual report"

# Published figures of the 2023 annual report (shared/reference/published-figures-2023.json).
PUBLISHED_2023 = {
    "mandates_total": 60, "mandates_thematic": 46, "mandates_country": 14,
    "standing_invitations_member_states": 128, "standing_invitations_observer_states": 1,
    "visits_in_year": 82, "visit_hosts_states_territories": 56, "visit_hosts_institutions": 3,
    "member_states_visited": 172, "member_states_never_visited": 21,
    "never_visited_no_request": 4, "never_visited_requests_not_accepted": 16,
    "never_visited_accepted_not_yet_conducted": 1,
    "member_states_not_visited_5y": 80, "member_states_not_visited_5y_with_request": 67,
    "member_states_five_plus_pending_no_acceptance": 24, "member_states_five_plus_visits_5y": 8,
    "communications_sent": 723, "communications_joint": 621,
    "communications_states_addressed": 126, "communications_non_state_actors": 163,
    "communications_individuals": 1128, "communications_individuals_female": 298,
    "replies_received_in_year": 433, "replies_received_in_year_substantive": 399,
    "replies_to_year_communications": 341, "replies_to_year_communications_substantive": 312,
    "reply_rate_percent": 43.15,
}
FIVE_PLUS_VISITS = ("BGD", "BRA", "CAF", "HND", "KGZ", "MLI", "MNG", "QAT")  # para. 51
ACCESS_GRANTED = ("AFG", "KHM", "CAF", "MLI", "SOM")  # para. 52
ACCESS_DECLINED = ("BLR", "BDI", "PRK", "ERI", "IRN", "ISR", "MMR")  # para. 52 (ISR: the OPT mandate)
TERRITORIES = (("Kosovo", None), ("Greenland", "DNK"), ("New Caledonia", "FRA"), ("Puerto Rico", "USA"))
INSTITUTIONS = ("World Bank", "International Monetary Fund", "European Union", "World Trade Organization")

# Calibrated plan sizes, derived from the published figures (see _plan_states).
STATE_VISITS_2023, STATES_VISITED_2023 = 77, 54
TERRITORY_VISITS_2023, INSTITUTION_VISITS_2023 = 2, 3


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A uniformly random day from start to end inclusive."""
    if end < start:
        end = start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _add(d: dt.date, days: int) -> dt.date:
    return d + dt.timedelta(days=days)


# The mandates the demonstration was calibrated on: the reference as it stood then. Mandates added
# to the reference later (for real imports) stay out, so the demonstration's figures never move.
DEMO_MANDATES = (
    "WG-PAD", "WG-AD", "WG-EID", "WG-MERCENARIES", "WG-DAWG", "WG-BHR", "WG-PEASANTS", "IE-OLDER",
    "IE-ALBINISM", "IE-DEBT", "IE-SOLIDARITY", "IE-ORDER", "IE-SOGI", "SR-CHILDREN", "SR-CULTURAL",
    "SR-DEVELOPMENT", "SR-DISABILITY", "SR-EDUCATION", "SR-ENVIRONMENT", "SR-SUMEX", "SR-FOOD", "SR-FOE",
    "SR-FOAA", "SR-FORB", "SR-HEALTH", "SR-HRD", "SR-HOUSING", "SR-IJL", "SR-INDIGENOUS", "SR-IDP",
    "SR-MIGRANTS", "SR-MINORITIES", "SR-POVERTY", "SR-PRIVACY", "SR-RACISM", "SR-SLAVERY", "SR-CT",
    "SR-TORTURE", "SR-TOXICS", "SR-TRAFFICKING", "SR-TRUTH", "SR-UCM", "SR-VAW", "SR-WATSAN", "SR-LEPROSY",
    "SR-CLIMATE", "SR-AFGHANISTAN", "SR-BELARUS", "SR-BURUNDI", "SR-CAMBODIA", "IE-CAR", "SR-DPRK",
    "SR-ERITREA", "SR-IRAN", "IE-MALI", "SR-MYANMAR", "SR-OPT", "SR-RUSSIA", "IE-SOMALIA", "SR-SYRIA",
    "SR-DRC", "IE-HAITI", "IE-SUDAN", "IE-COTE-DIVOIRE", "SRSG-BHR",
)


def read_reference() -> tuple[pl.DataFrame, pl.DataFrame]:
    """The reference States and the demonstration's mandates (real names, groups, titles and dates)."""
    states = pl.read_csv(REFERENCE_DIR / "states.csv", schema_overrides={"regional_group": pl.String})
    mandates = pl.read_csv(REFERENCE_DIR / "mandates.csv", try_parse_dates=True,
                           schema_overrides={"country_iso3": pl.String})
    mandates = mandates.with_columns(pl.col("established_on").cast(pl.Date), pl.col("ended_on").cast(pl.Date))
    return states, mandates.filter(pl.col("mandate_id").is_in(DEMO_MANDATES))


@dataclass
class StatePlan:
    """What the calibration requires of one Member State as at 2023-12-31."""

    iso3: str
    visits_before: int = 0          # completed visits 1995-2018
    visits_by_year: dict = field(default_factory=dict)  # 2019..2023 -> count
    visits_2024: int = 0
    pending: int = 0                # pending requests as at 2023-12-31
    request_in_window: bool = False
    acceptance_in_window: bool = True   # may events of acceptance be dated in the window?
    old_request: bool = False       # a request before the window, status still "requested"
    never: str | None = None        # never-visited category
    standing_invitation: bool = False


class Generator:
    """Builds every table of the demonstration snapshot from one seeded random stream."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.states, self.mandates = read_reference()
        self.members = self.states.filter(pl.col("un_status") == "member")["iso3"].to_list()
        self.group = dict(zip(self.states["iso3"], self.states["regional_group"]))
        m = self.mandates
        self.thematic = m.filter(pl.col("kind") == "thematic").to_dicts()
        self.country_mandate = {
            r["country_iso3"]: r for r in m.filter(pl.col("kind") == "country").to_dicts()
        }
        self.visits: list[dict] = []
        self.events: list[dict] = []
        self._thread_no = 0

    # ---------- visits ----------
    def _mandates_active(self, start: dt.date, end: dt.date) -> list[dict]:
        return [m for m in self.thematic if m["established_on"] <= start
                and (m["ended_on"] is None or m["ended_on"] > end)]

    def _thread(self, mandate_id: str, host_kind: str, iso3: str | None, host_name: str | None,
                events: list[tuple]) -> None:
        self._thread_no += 1
        vid = f"V{self._thread_no:05d}"
        self.visits.append({"visit_id": vid, "mandate_id": mandate_id, "host_kind": host_kind,
                            "iso3": iso3, "host_name": host_name})
        for ev in events:
            date, event = ev[0], ev[1]
            end = ev[2] if len(ev) > 2 else None
            assert date <= LAST_DAY, (vid, ev)
            self.events.append({"visit_id": vid, "date": date, "event": event, "end_date": end})

    def _pick_mandate(self, used: set, start: dt.date, end: dt.date) -> str:
        pool = [m["mandate_id"] for m in self._mandates_active(start, end) if m["mandate_id"] not in used]
        if not pool:
            pool = [m["mandate_id"] for m in self._mandates_active(start, end)]
        choice = self.rng.choice(pool)
        used.add(choice)
        return choice

    def completed_thread(self, host_kind, iso3, host_name, visit_on: dt.date, used: set,
                         mandate_id: str | None = None, accept_floor: dt.date | None = None,
                         year_end: bool = False) -> None:
        """A thread from request to a visit starting on visit_on."""
        rng = self.rng
        request_on = _add(visit_on, -rng.randint(150, 1100))
        request_on = max(request_on, FIRST_DAY)
        accepted_on = _add(visit_on, -rng.randint(40, 130))
        if accept_floor and accepted_on < accept_floor:
            accepted_on = accept_floor
        accepted_on = max(accepted_on, _add(request_on, 10))
        if accepted_on >= visit_on:
            accepted_on = _add(visit_on, -5)
        mandate_id = mandate_id or self._pick_mandate(used, request_on, visit_on)
        start_event = "invited" if rng.random() < 0.12 else "requested"
        events = [(request_on, start_event)]
        if start_event == "requested" and rng.random() < 0.45 and (accepted_on - request_on).days > 200:
            events.append((_day(rng, _add(request_on, 90), _add(accepted_on, -30)), "reminder"))
        events.append((accepted_on, "accepted"))
        gap = (visit_on - accepted_on).days
        if rng.random() < 0.12 and gap > 40:
            # Postponed once, then new dates agreed.
            postponed_on = _day(rng, _add(accepted_on, 5), _add(accepted_on, gap // 2))
            events.append((postponed_on, "postponed"))
            events.append((_day(rng, _add(postponed_on, 3), _add(visit_on, -5)), "dates_proposed"))
        elif rng.random() < 0.35 and gap > 20:
            events.append((_day(rng, _add(accepted_on, 5), _add(visit_on, -10)), "dates_proposed"))
        length = rng.randint(5, 12)
        events.append((visit_on, "completed", _add(visit_on, length)))
        self._thread(mandate_id, host_kind, iso3, host_name, events)

    def pending_thread(self, iso3: str, used: set, renewed: bool = False, mandate_id: str | None = None) -> None:
        """A thread whose status on 2023-12-31 is requested, reminder or acknowledged, active in the window."""
        rng = self.rng
        if renewed:  # an old request brought back into the window by a reminder
            request_on = _day(rng, dt.date(2010, 1, 1), dt.date(2018, 6, 30))
            events = [(request_on, "requested"), (_day(rng, WINDOW_START, dt.date(2023, 10, 31)), "reminder")]
        else:
            request_on = _day(rng, WINDOW_START, dt.date(2023, 11, 30))
            events = [(request_on, "requested")]
            if rng.random() < 0.4 and request_on < dt.date(2023, 3, 1):
                events.append((_day(rng, _add(request_on, 120), AS_AT), "reminder"))
        if rng.random() < 0.2:
            events.append((_day(rng, _add(max(e[0] for e in events), 1), AS_AT), "acknowledged"))
        mandate_id = mandate_id or self._pick_mandate(used, request_on, AS_AT)
        self._thread(mandate_id, "state", iso3, None, events)

    def closed_thread(self, iso3: str, used: set, start: dt.date, end: dt.date, outcome: str) -> None:
        """A request that ended declined, withdrawn or cancelled (after acceptance) between start and end."""
        rng = self.rng
        request_on = _day(rng, start, _add(end, -60))
        closing_on = _day(rng, _add(request_on, 30), end)
        events = [(request_on, "requested")]
        if outcome == "cancelled":
            events.append((_day(rng, _add(request_on, 10), _add(closing_on, -5)), "accepted"))
        events.append((closing_on, outcome))
        self._thread(self._pick_mandate(used, request_on, closing_on), "state", iso3, None, events)

    def stale_thread(self, iso3: str, used: set) -> None:
        """A request made before the window and never renewed: still 'requested', but not pending."""
        request_on = _day(self.rng, dt.date(2003, 1, 1), dt.date(2018, 10, 31))
        self._thread(self._pick_mandate(used, request_on, request_on), "state", iso3, None,
                     [(request_on, "requested")])

    # ---------- the plan ----------
    def plan_states(self) -> dict[str, StatePlan]:
        """Assign every Member State a role so that the 2023 figures come out exactly."""
        rng = self.rng
        plans = {iso: StatePlan(iso) for iso in self.members}
        country_states = set(self.country_mandate) | {"ISR"}
        protected = set(FIVE_PLUS_VISITS) | set(ACCESS_GRANTED) | country_states
        pool = sorted(set(self.members) - protected)
        rng.shuffle(pool)

        never = pool[:21]
        for iso in never[:4]:
            plans[iso].never = "no_request"
        for iso in never[4:20]:
            plans[iso].never = "requests_not_accepted"
        plans[never[20]].never = "accepted_not_yet_conducted"
        # Visited before the window only: 59 States, drawn from the rest (some country-mandate States too).
        rest = sorted(set(self.members) - set(never) - set(FIVE_PLUS_VISITS) - set(ACCESS_GRANTED))
        rng.shuffle(rest)
        declined_pref = [iso for iso in ("ERI", "PRK", "BLR", "IRN", "BDI") if iso in rest]
        rest = declined_pref + [iso for iso in rest if iso not in declined_pref]
        before_only = rest[:59]
        in_window = sorted(set(self.members) - set(never) - set(before_only))
        assert len(in_window) == 113, len(in_window)

        # Request in the window among the 80 not visited in it: 67.
        requests_not_accepted = never[4:20]
        with_request = requests_not_accepted[:13] + [never[20]] + before_only[:53]
        assert len(with_request) == 67
        # Five or more pending requests and no acceptance in the window: 24.
        five_plus = requests_not_accepted[:8] + before_only[:16]
        for iso in with_request:
            p = plans[iso]
            p.request_in_window = True
            p.pending = rng.randint(5, 12) if iso in five_plus else rng.randint(0, 4)
            p.acceptance_in_window = iso not in five_plus and p.never != "requests_not_accepted"
        for iso in requests_not_accepted[13:]:
            plans[iso].old_request = True
            plans[iso].acceptance_in_window = False
        for iso in requests_not_accepted:
            plans[iso].acceptance_in_window = False
        for iso in before_only[53:]:
            plans[iso].old_request = rng.random() < 0.5
            plans[iso].acceptance_in_window = False
        for iso in never[:4]:
            plans[iso].acceptance_in_window = False
        for iso in before_only:
            plans[iso].visits_before = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6])
        # A with-request State needs at least one request dated in the window.
        for iso in with_request:
            if plans[iso].pending == 0 and rng.random() < 0.5:
                plans[iso].pending = 1

        # Visits in the window: 113 States, 8 of them with five or more.
        visits_2023 = self._spread_2023_visits(in_window, rng)
        year_weights = {2019: 0.40, 2020: 0.07, 2021: 0.17, 2022: 0.36}
        for iso in in_window:
            p = plans[iso]
            n2023 = visits_2023.get(iso, 0)
            total = rng.randint(5, 8) if iso in FIVE_PLUS_VISITS else max(n2023, rng.choice([1, 1, 1, 2, 2, 2, 3, 3, 4]))
            if iso not in FIVE_PLUS_VISITS:
                total = min(total, 4)
            p.visits_by_year = {2023: n2023}
            for _ in range(total - n2023):
                y = rng.choices(list(year_weights), weights=list(year_weights.values()))[0]
                p.visits_by_year[y] = p.visits_by_year.get(y, 0) + 1
            p.visits_before = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12])
            p.pending = rng.choice([0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 9])
            p.request_in_window = True
            p.visits_2024 = 1 if rng.random() < 0.25 else 0
        plans[never[20]].visits_2024 = 1  # the accepted visit takes place in 2024

        # Standing invitations: 128 Member States on 2023-12-31, more often among the cooperative.
        ranked = sorted(self.members, key=lambda iso: (
            -(2 if iso in in_window else 0) - (1 if iso in before_only else 0) + rng.random() * 2.2
            + (3 if iso in ("PRK", "ERI", "BLR", "MMR", "BDI", "CHN", "RUS", "SYR") else 0)))
        for iso in ranked[:128]:
            plans[iso].standing_invitation = True
        self.si_withdrawn_after = ranked[127]     # holds one on 2023-12-31, withdrawn in 2024
        self.si_withdrawn_before = ranked[128:130]  # extended, then withdrawn before 2023
        self.si_extended_2024 = ranked[130:132]    # extended only in 2024
        self.plans = plans
        self.never, self.before_only, self.in_window = never, before_only, in_window
        return plans

    def _spread_2023_visits(self, in_window: list[str], rng: random.Random) -> dict[str, int]:
        """77 visits to 54 distinct States in 2023, within each State's five-year cap."""
        must = [iso for iso in ("CAF", "MLI", "SOM", "KHM") if iso in in_window]
        others = [iso for iso in in_window if iso not in must]
        chosen = must + rng.sample(others, STATES_VISITED_2023 - len(must))
        counts = {iso: 1 for iso in chosen}
        extra = STATE_VISITS_2023 - STATES_VISITED_2023
        while extra:
            iso = rng.choice(chosen)
            cap = 5 if iso in FIVE_PLUS_VISITS else 3
            if counts[iso] < cap:
                counts[iso] += 1
                extra -= 1
        return counts

    def build_visits(self) -> None:
        """Turn every State's plan into threads and events, plus territories and institutions."""
        rng = self.rng
        for iso in sorted(self.plans):
            p = self.plans[iso]
            used: set = set()
            cm = self.country_mandate.get("PSE" if iso == "ISR" else iso)
            cm_id = cm["mandate_id"] if cm else None
            granted_done = False
            for year, n in sorted(p.visits_by_year.items()):
                for _ in range(n):
                    if year == 2023:
                        visit_on = _day(rng, dt.date(2023, 1, 15), dt.date(2023, 12, 20))
                    else:
                        visit_on = _day(rng, dt.date(year, 1, 10), dt.date(year, 12, 15))
                    mandate = None
                    if iso in ACCESS_GRANTED and not granted_done and cm_id:
                        mandate, granted_done = cm_id, True
                    self.completed_thread("state", iso, None, visit_on, used, mandate_id=mandate,
                                          accept_floor=WINDOW_START if visit_on >= WINDOW_START else None)
            for _ in range(p.visits_before):
                year = rng.choices(range(1996, 2019), weights=[y - 1993 for y in range(1996, 2019)])[0]
                visit_on = _day(rng, dt.date(year, 1, 10), dt.date(year, 11, 30))
                self.completed_thread("state", iso, None, visit_on, used)
            for _ in range(p.visits_2024):
                visit_on = _day(rng, dt.date(2024, 2, 1), dt.date(2024, 6, 10))
                if p.never == "accepted_not_yet_conducted":
                    self._thread(self._pick_mandate(used, dt.date(2022, 3, 1), visit_on), "state", iso, None, [
                        (dt.date(2022, 3, 14), "requested"), (dt.date(2023, 2, 20), "reminder"),
                        (dt.date(2023, 9, 5), "accepted"), (dt.date(2024, 1, 22), "dates_proposed"),
                        (visit_on, "completed", _add(visit_on, 8))])
                else:
                    self.completed_thread("state", iso, None, visit_on, used, accept_floor=dt.date(2023, 6, 1))
            # Country-mandate access (para. 52).
            pending = p.pending
            if iso in ACCESS_DECLINED and cm_id:
                request_on = _day(rng, dt.date(2019, 3, 1), dt.date(2021, 12, 31))
                self._thread(cm_id, "state", iso, None, [
                    (request_on, "requested"), (_add(request_on, rng.randint(150, 300)), "reminder"),
                    (_day(rng, dt.date(2022, 3, 1), dt.date(2023, 10, 31)), "declined")])
                used.add(cm_id)
            if iso == "RUS" and cm_id:
                self._thread(cm_id, "state", iso, None, [
                    (dt.date(2023, 3, 2), "requested"), (dt.date(2023, 9, 18), "reminder")])
                used.add(cm_id)
                pending = max(pending - 1, 0)
            for k in range(pending):
                self.pending_thread(iso, used, renewed=(k == 0 and rng.random() < 0.25))
            if p.request_in_window and p.pending == 0 and not p.visits_by_year and iso not in ACCESS_DECLINED:
                self.closed_thread(iso, used, WINDOW_START, dt.date(2023, 11, 30), rng.choice(["declined", "withdrawn"]))
            if p.never == "requests_not_accepted" and not p.request_in_window:
                self.stale_thread(iso, used)
                self.closed_thread(iso, used, dt.date(2004, 1, 1), dt.date(2017, 12, 31), "declined")
            if p.never is None and not p.request_in_window and p.old_request:
                self.stale_thread(iso, used)
            # Older history: declined, withdrawn and cancelled requests before the window.
            if p.never != "no_request":
                for _ in range(rng.choice([0, 0, 1, 1, 2])):
                    outcome = rng.choice(["declined", "withdrawn", "cancelled"])
                    if p.never and outcome == "cancelled":
                        outcome = "declined"
                    self.closed_thread(iso, used, dt.date(1996, 1, 1), dt.date(2018, 6, 30), outcome)
            # Newer activity after the as-at date (2024), which must not change any 2023 figure.
            if p.never != "no_request" and rng.random() < 0.3:
                request_on = _day(rng, dt.date(2024, 1, 5), dt.date(2024, 6, 20))
                self._thread(self._pick_mandate(used, request_on, request_on), "state", iso, None,
                             [(request_on, "requested")])
        self._territories_and_institutions()

    def _territories_and_institutions(self) -> None:
        rng = self.rng
        used: set = set()
        for (name, iso3), when in zip(TERRITORIES[:TERRITORY_VISITS_2023],
                                      (dt.date(2023, 4, 17), dt.date(2023, 9, 11))):
            self.completed_thread("territory", iso3, name, when, used)
        for name, when in zip(INSTITUTIONS[:INSTITUTION_VISITS_2023],
                              (dt.date(2023, 2, 6), dt.date(2023, 6, 19), dt.date(2023, 11, 13))):
            self.completed_thread("institution", None, name, when, used)
        for name, iso3 in TERRITORIES:
            self.completed_thread("territory", iso3, name, _day(rng, dt.date(2005, 1, 1), dt.date(2018, 12, 1)), used)
        for name in INSTITUTIONS:
            self.completed_thread("institution", None, name, _day(rng, dt.date(2009, 1, 1), dt.date(2022, 11, 30)), used)
        self.completed_thread("institution", None, INSTITUTIONS[3], dt.date(2024, 3, 4), used)
        # A visit that spans the turn of 2022 into 2023 counts in 2022, the year it began.
        self.completed_thread("territory", TERRITORIES[2][1], TERRITORIES[2][0], dt.date(2022, 12, 27), used)

    def build_standing_invitations(self) -> list[dict]:
        rng = self.rng
        rows = []
        for iso in sorted(self.plans):
            if self.plans[iso].standing_invitation:
                withdrawn = dt.date(2024, 3, 15) if iso == self.si_withdrawn_after else None
                rows.append({"iso3": iso, "extended_on": _day(rng, dt.date(1999, 1, 1), dt.date(2023, 10, 31)),
                             "withdrawn_on": withdrawn})
        for iso in self.si_withdrawn_before:
            ext = _day(rng, dt.date(1999, 6, 1), dt.date(2009, 12, 31))
            rows.append({"iso3": iso, "extended_on": ext, "withdrawn_on": _day(rng, dt.date(2012, 1, 1), dt.date(2021, 12, 31))})
        for iso in self.si_extended_2024:
            rows.append({"iso3": iso, "extended_on": _day(rng, dt.date(2024, 1, 10), dt.date(2024, 6, 1)), "withdrawn_on": None})
        rows.append({"iso3": "PSE", "extended_on": dt.date(2014, 4, 1), "withdrawn_on": None})
        return rows


class CommunicationsGenerator:
    """Communications 2011 to mid-2024 and their replies, calibrated for 2023."""

    NSA_KINDS = ("company", "armed_group", "organization")

    def __init__(self, gen: Generator):
        self.g = gen
        self.rng = gen.rng
        rng = self.rng
        states = gen.states["iso3"].to_list()
        # How often a State is written to, and how readily it replies substantively.
        self.weight = {iso: rng.lognormvariate(0, 1.1) for iso in states}
        for iso in ("IRN", "CHN", "IND", "RUS", "MMR", "SAU", "EGY", "TUR", "PAK", "MEX", "COL", "BRA",
                    "PHL", "BGD", "ISR", "USA", "GBR", "BLR", "VNM", "NIC"):
            self.weight[iso] = self.weight.get(iso, 1) * 4
        self.reply_p = {iso: min(0.92, max(0.05, rng.betavariate(2.2, 2.4))) for iso in states}
        for iso in ("PRK", "ERI", "BDI", "MMR", "BLR", "SYR"):
            self.reply_p[iso] = 0.04
        self.nsa_names = self._nsa_names()
        self.rows: list[dict] = []
        self.replies: list[dict] = []
        self.seq: Counter = Counter()

    def _nsa_names(self) -> list[dict]:
        """Fictitious companies and armed groups, and real intergovernmental organizations."""
        rng = self.rng
        first = ["Northbridge", "Atlas", "Meridian", "Granite", "Blue Delta", "Sierra", "Coastal", "Summit",
                 "Pioneer", "Redwood", "Harbor", "Crescent", "Aurora", "Silverline", "Keystone", "Orion",
                 "Evergreen", "Cobalt", "Falcon", "Horizon", "Lakeshore", "Ironwood", "Sunrise", "Polar"]
        second = ["Mining", "Energy", "Agro", "Textiles", "Holdings", "Logistics", "Palm Oil", "Construction",
                  "Telecom", "Security Services", "Pharmaceuticals", "Timber", "Shipping", "Hydro Power"]
        suffix = ["Ltd", "plc", "S.A.", "Inc.", "GmbH", "Group", "Corporation", "LLC"]
        names: set = set()
        out = []
        while len(out) < 230:
            name = f"{rng.choice(first)} {rng.choice(second)} {rng.choice(suffix)} (simulated)"
            if name not in names:
                names.add(name)
                out.append({"recipient": name, "iso3": rng.choice(self.g.members) if rng.random() < 0.8 else None})
        for k in range(1, 21):
            out.append({"recipient": f"Armed group {k:02d} (simulated)", "iso3": rng.choice(self.g.members)})
        for org in ("World Bank", "International Monetary Fund", "European Union", "Frontex",
                    "World Health Organization", "International Olympic Committee", "FIFA",
                    "African Development Bank", "Asian Development Bank", "Inter-American Development Bank"):
            out.append({"recipient": org, "iso3": None})
        rng.shuffle(out)
        return out

    def _mandate_ids(self, sent_on: dt.date, joint: bool, iso3: str | None) -> list[str]:
        pool = [m["mandate_id"] for m in self.g._mandates_active(sent_on, sent_on)]
        n = 1 if not joint else self.rng.choices([2, 3, 4, 5, 6, 7], weights=[30, 28, 18, 12, 7, 5])[0]
        chosen = self.rng.sample(pool, min(n, len(pool)))
        cm = self.g.country_mandate.get(iso3) if iso3 else None
        if cm and cm["established_on"] <= sent_on and (cm["ended_on"] is None or cm["ended_on"] > sent_on):
            chosen = [cm["mandate_id"]] + chosen[: max(n - 1, 0)] if joint else [cm["mandate_id"]]
        return chosen

    def _ref(self, ctype: str, code: str, year: int) -> str:
        self.seq[(code, year)] += 1
        return f"{ctype} {code} {self.seq[(code, year)]}/{year}"

    def _individuals(self, ctype: str) -> tuple[int | None, int | None]:
        rng = self.rng
        if ctype == "OL" or rng.random() < 0.25:
            return None, None
        n = rng.choices([1, 1, 1, 2, 2, 3, 4, 5, 8, 12, 20], k=1)[0]
        return n, sum(rng.random() < 0.27 for _ in range(n))

    def communication(self, sent_on: dt.date, kind: str, iso3: str | None, recipient: str | None,
                      joint: bool | None = None) -> dict:
        rng = self.rng
        ctype = rng.choices(["AL", "UA", "OL"], weights=[47, 33, 20])[0]
        joint = rng.random() < 0.86 if joint is None else joint
        individuals, female = self._individuals(ctype)
        code = iso3 if kind == "state" else "OTH"
        row = {"ref": self._ref(ctype, code, sent_on.year), "sent_on": sent_on, "type": ctype,
               "recipient_kind": kind, "iso3": iso3, "recipient": recipient,
               "mandate_ids": self._mandate_ids(sent_on, joint, iso3 if kind == "state" else None),
               "individuals": individuals, "individuals_female": female,
               "follow_up": rng.random() < 0.06}
        self.rows.append(row)
        return row

    def reply(self, comm: dict, received_on: dt.date, substantive: bool = True) -> None:
        self.replies.append({"ref": comm["ref"], "received_on": received_on, "substantive": substantive,
                             "confidential": substantive and self.rng.random() < 0.05})

    def _state_choice(self, k: int) -> list[str]:
        isos = list(self.weight)
        return self.rng.choices(isos, weights=[self.weight[i] for i in isos], k=k)

    def background_year(self, year: int, n: int, last_day: dt.date) -> None:
        """A year of communications (not 2023) with replies, none of them received during 2023."""
        rng = self.rng
        start = dt.date(year, 1, 1)
        for iso in self._state_choice(int(n * 0.74)):
            c = self.communication(_day(rng, start, last_day), "state", iso, None)
            self._background_replies(c, self.reply_p[iso], last_day)
        for _ in range(n - int(n * 0.74)):
            nsa = rng.choice(self.nsa_names)
            c = self.communication(_day(rng, start, last_day), "non_state_actor", nsa["iso3"], nsa["recipient"])
            self._background_replies(c, 0.35, last_day)

    def _background_replies(self, comm: dict, p: float, last_day: dt.date) -> None:
        rng = self.rng
        if rng.random() < p:
            received = _add(comm["sent_on"], int(rng.lognormvariate(4.0, 0.55)))
            # Replies received in 2023 are placed exactly by calibrate_2023, so none fall there here.
            if received <= last_day and received.year != 2023:
                if rng.random() < 0.08:
                    self.reply(comm, _add(comm["sent_on"], rng.randint(3, 20)), substantive=False)
                self.reply(comm, received)

    def calibrate_2023(self) -> None:
        """The 723 communications of 2023 and every reply received in 2023, to the published counts."""
        rng = self.rng
        t = PUBLISHED_2023
        n_nsa_comms = 187
        n_state_comms = t["communications_sent"] - n_nsa_comms
        states = sorted(self.weight, key=lambda i: -self.weight[i] * rng.random())
        addressed = states[:t["communications_states_addressed"]]
        recipients = list(addressed) + [rng.choices(addressed, weights=[self.weight[i] for i in addressed])[0]
                                        for _ in range(n_state_comms - len(addressed))]
        nsas = self.nsa_names[:t["communications_non_state_actors"]]
        nsa_recipients = nsas + [rng.choice(nsas) for _ in range(n_nsa_comms - len(nsas))]
        joint_flags = [True] * t["communications_joint"] + [False] * (t["communications_sent"] - t["communications_joint"])
        rng.shuffle(joint_flags)
        comms = []
        for iso, joint in zip(recipients, joint_flags):
            comms.append(self.communication(_day(rng, dt.date(2023, 1, 3), dt.date(2023, 12, 29)), "state", iso, None, joint))
        for nsa, joint in zip(nsa_recipients, joint_flags[len(recipients):]):
            comms.append(self.communication(_day(rng, dt.date(2023, 1, 3), dt.date(2023, 12, 29)),
                                            "non_state_actor", nsa["iso3"], nsa["recipient"], joint))
        self._calibrate_individuals(comms)
        # 312 communications answered substantively by 31 December, each once in 2023.
        eligible = [c for c in comms if c["sent_on"] <= dt.date(2023, 11, 30)]
        weights = [self.reply_p.get(c["iso3"], 0.35) if c["recipient_kind"] == "state" else 0.3 for c in eligible]
        answered = self._weighted_sample(eligible, weights, t["replies_to_year_communications_substantive"])
        answered_refs = {c["ref"] for c in answered}
        for c in answered:
            self.reply(c, _day(rng, _add(c["sent_on"], 7), min(_add(c["sent_on"], 150), AS_AT)))
        # 29 replies that do not address the substance: acknowledgements first, or on their own.
        non_subst = t["replies_to_year_communications"] - t["replies_to_year_communications_substantive"]
        for i, c in enumerate(rng.sample(answered, 15) + rng.sample([c for c in comms if c["ref"] not in answered_refs
                                                                     and c["sent_on"] < dt.date(2023, 12, 1)], non_subst - 15)):
            own = [r for r in self.replies if r["ref"] == c["ref"]]
            latest = min((r["received_on"] for r in own), default=AS_AT)
            self.reply(c, _day(rng, _add(c["sent_on"], 2), max(_add(c["sent_on"], 2), min(_add(latest, -1), AS_AT))), substantive=False)
        # Replies after the as-at date: late answers, and second replies to answered communications.
        for c in rng.sample([c for c in comms if c["ref"] not in answered_refs], 95):
            self.reply(c, _day(rng, dt.date(2024, 1, 2), LAST_DAY))
        for c in rng.sample(answered, 20):
            self.reply(c, _day(rng, dt.date(2024, 1, 2), LAST_DAY))
        # Replies received in 2023 to communications sent earlier: 92, of which 87 substantive.
        earlier = [c for c in self.rows if c["sent_on"].year == 2022 and c["sent_on"] >= dt.date(2022, 6, 1)]
        earlier += rng.sample([c for c in self.rows if c["sent_on"].year in (2020, 2021)], 12)
        late_subst = t["replies_received_in_year_substantive"] - t["replies_to_year_communications_substantive"]
        late_total = t["replies_received_in_year"] - t["replies_to_year_communications"]
        targets = rng.sample(earlier, late_total)
        for i, c in enumerate(targets):
            self.reply(c, _day(rng, dt.date(2023, 1, 2), dt.date(2023, 12, 28)), substantive=i < late_subst)

    def _weighted_sample(self, items: list, weights: list[float], k: int) -> list:
        keyed = sorted(zip(items, weights), key=lambda iw: -(self.rng.random() ** (1.0 / max(iw[1], 1e-6))))
        return [item for item, _ in keyed[:k]]

    def _calibrate_individuals(self, comms: list[dict]) -> None:
        """Nudge individuals and individuals_female one at a time until they sum to the published totals."""
        t = PUBLISHED_2023
        rng = self.rng
        people = [c for c in comms if c["individuals"] is not None]
        while (diff := t["communications_individuals"] - sum(c["individuals"] for c in people)) != 0:
            c = rng.choice(people)
            if diff > 0:
                c["individuals"] += 1
            elif c["individuals"] > max(c["individuals_female"], 1):
                c["individuals"] -= 1
        while (diff := t["communications_individuals_female"] - sum(c["individuals_female"] for c in people)) != 0:
            c = rng.choice(people)
            if diff > 0 and c["individuals_female"] < c["individuals"]:
                c["individuals_female"] += 1
            elif diff < 0 and c["individuals_female"] > 0:
                c["individuals_female"] -= 1

    def build(self) -> None:
        volumes = {2011: 605, 2012: 603, 2013: 528, 2014: 553, 2015: 532, 2016: 526, 2017: 538,
                   2018: 576, 2019: 669, 2020: 1002, 2021: 690, 2022: 650}
        for year, n in volumes.items():
            self.background_year(year, n, dt.date(year, 12, 31) if year < 2022 else dt.date(2022, 12, 31))
        self.calibrate_2023()
        self.background_year(2024, 360, LAST_DAY)
        self.rows.sort(key=lambda r: (r["sent_on"], r["ref"]))
        self.replies.sort(key=lambda r: (r["received_on"], r["ref"]))


def generate(seed: int = SEED) -> dict[str, pl.DataFrame]:
    """Every table of the demonstration snapshot."""
    from sp_data.schema import TABLES

    gen = Generator(seed)
    gen.plan_states()
    gen.build_visits()
    invitations = gen.build_standing_invitations()
    comms = CommunicationsGenerator(gen)
    comms.build()
    states, mandates = gen.states, gen.mandates
    tables = {
        "states": states.select(TABLES["states"].column_names),
        "mandates": mandates.select(TABLES["mandates"].column_names),
        "visits": pl.DataFrame(gen.visits, schema=TABLES["visits"].polars_schema),
        "visit_events": pl.DataFrame(gen.events, schema=TABLES["visit_events"].polars_schema)
            .sort(["visit_id", "date"]),
        "standing_invitations": pl.DataFrame(invitations, schema=TABLES["standing_invitations"].polars_schema).sort("iso3"),
        "communications": pl.DataFrame(comms.rows, schema=TABLES["communications"].polars_schema),
        "replies": pl.DataFrame(comms.replies, schema=TABLES["replies"].polars_schema),
        "hrc_membership": TABLES["hrc_membership"].empty(),
    }
    return tables


EARLIER_EXTRACT_ID = "demo-2024-03"
EARLIER_EXTRACT_CUT = dt.date(2024, 3, 31)


def declared_coverage(extracted_on: dt.date) -> dict:
    """The period the demonstration's records cover, as a source states it: from the first day it
    simulates (visits and standing invitations from 1995, communications and replies from 2011) to
    the day of the extract."""
    return {"visits": {"from": FIRST_DAY, "to": extracted_on},
            "standing_invitations": {"from": FIRST_DAY, "to": extracted_on},
            "communications": {"from": COMMS_FROM, "to": extracted_on},
            "replies": {"from": COMMS_FROM, "to": extracted_on}}


def cut(tables: dict[str, pl.DataFrame], cutoff: dt.date) -> dict[str, pl.DataFrame]:
    """The records as an extract made on cutoff would hold them: nothing dated after it."""
    events = tables["visit_events"].filter(pl.col("date") <= cutoff)
    out = dict(tables)
    out["visit_events"] = events
    out["visits"] = tables["visits"].filter(pl.col("visit_id").is_in(events["visit_id"].unique().implode()))
    out["standing_invitations"] = tables["standing_invitations"].filter(pl.col("extended_on") <= cutoff).with_columns(
        pl.when(pl.col("withdrawn_on") <= cutoff).then(pl.col("withdrawn_on")).otherwise(None).alias("withdrawn_on"))
    out["communications"] = tables["communications"].filter(pl.col("sent_on") <= cutoff)
    out["replies"] = tables["replies"].filter(pl.col("received_on") <= cutoff)
    return out


def build_earlier_extract(tables: dict[str, pl.DataFrame], root: Path | None = None) -> tuple[Path, bool]:
    """A second simulated snapshot, as extracted on 31 March 2024, to show what changed since."""
    from sp_data.snapshot import write_snapshot

    return write_snapshot(cut(tables, EARLIER_EXTRACT_CUT), source=SOURCE + "; an earlier extract, up to 31 March 2024",
                          simulated=True, root=root, snapshot_id=EARLIER_EXTRACT_ID,
                          created="2024-04-01T00:00:00+00:00", extra={"generator": "sp_data.demo", "seed": SEED},
                          coverage=declared_coverage(EARLIER_EXTRACT_CUT))


def build_demo_snapshot(root: Path | None = None, seed: int = SEED) -> tuple[Path, bool]:
    """Generate, check against the published 2023 figures, and write the `demo` snapshot."""
    import tempfile

    from sp_data.db import connect
    from sp_data.facts import published_facts
    from sp_data.params import Filters
    from sp_data.snapshot import open_snapshot, write_snapshot

    tables = generate(seed)
    with tempfile.TemporaryDirectory() as tmp:
        path, _ = write_snapshot(tables, source=SOURCE, simulated=True, root=Path(tmp), snapshot_id="check")
        got = published_facts(connect(open_snapshot(path)), Filters(AS_AT))
    wrong = {k: (got[k], v) for k, v in PUBLISHED_2023.items() if got[k] != v}
    if wrong:
        raise AssertionError(f"demonstration data does not reproduce the 2023 figures (got, published): {wrong}")
    if seed == SEED:
        build_earlier_extract(tables, root)
    return write_snapshot(tables, source=SOURCE, simulated=True, root=root,
                          snapshot_id=BUNDLED_SNAPSHOT_ID, created="2024-07-01T00:00:00+00:00",
                          coverage=declared_coverage(LAST_DAY),
                          extra={"generator": "sp_data.demo", "seed": seed,
                                 "calibrated_to": "Annual report of the special procedures 2023 (A/HRC/55/50), figures as at 2023-12-31"})
