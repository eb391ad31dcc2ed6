"""Visit threads: one mandate's request to one host, from the first letter to its outcome, with random dates."""
from __future__ import annotations

import datetime as dt
import random

import polars as pl

from sp_data.tools.demo.calibration import AS_AT, FIRST_DAY, LAST_DAY, SEED, WINDOW_START, read_reference


def day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A uniformly random day from start to end inclusive."""
    if end < start:
        end = start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def add(d: dt.date, days: int) -> dt.date:
    return d + dt.timedelta(days=days)


class Threads:
    """The seeded random stream, the reference tables, and the visit threads and events made so far."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.states, self.mandates = read_reference()
        self.members = self.states.filter(pl.col("un_status") == "member")["iso3"].to_list()
        self.group = dict(zip(self.states["iso3"], self.states["regional_group"], strict=True))
        m = self.mandates
        self.thematic = m.filter(pl.col("kind") == "thematic").to_dicts()
        self.country_mandate = {
            r["country_iso3"]: r for r in m.filter(pl.col("kind") == "country").to_dicts()
        }
        self.visits: list[dict] = []
        self.events: list[dict] = []
        self._thread_no = 0

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
        request_on = add(visit_on, -rng.randint(150, 1100))
        request_on = max(request_on, FIRST_DAY)
        accepted_on = add(visit_on, -rng.randint(40, 130))
        if accept_floor and accepted_on < accept_floor:
            accepted_on = accept_floor
        accepted_on = max(accepted_on, add(request_on, 10))
        if accepted_on >= visit_on:
            accepted_on = add(visit_on, -5)
        mandate_id = mandate_id or self._pick_mandate(used, request_on, visit_on)
        start_event = "invited" if rng.random() < 0.12 else "requested"
        events: list[tuple] = [(request_on, start_event)]
        if start_event == "requested" and rng.random() < 0.45 and (accepted_on - request_on).days > 200:
            events.append((day(rng, add(request_on, 90), add(accepted_on, -30)), "reminder"))
        events.append((accepted_on, "accepted"))
        gap = (visit_on - accepted_on).days
        if rng.random() < 0.12 and gap > 40:
            # Postponed once, then new dates agreed.
            postponed_on = day(rng, add(accepted_on, 5), add(accepted_on, gap // 2))
            events.append((postponed_on, "postponed"))
            events.append((day(rng, add(postponed_on, 3), add(visit_on, -5)), "dates_proposed"))
        elif rng.random() < 0.35 and gap > 20:
            events.append((day(rng, add(accepted_on, 5), add(visit_on, -10)), "dates_proposed"))
        length = rng.randint(5, 12)
        events.append((visit_on, "completed", add(visit_on, length)))
        self._thread(mandate_id, host_kind, iso3, host_name, events)

    def pending_thread(self, iso3: str, used: set, renewed: bool = False, mandate_id: str | None = None) -> None:
        """A thread whose status on 2023-12-31 is requested, reminder or acknowledged, active in the window."""
        rng = self.rng
        if renewed:  # an old request brought back into the window by a reminder
            request_on = day(rng, dt.date(2010, 1, 1), dt.date(2018, 6, 30))
            events = [(request_on, "requested"), (day(rng, WINDOW_START, dt.date(2023, 10, 31)), "reminder")]
        else:
            request_on = day(rng, WINDOW_START, dt.date(2023, 11, 30))
            events = [(request_on, "requested")]
            if rng.random() < 0.4 and request_on < dt.date(2023, 3, 1):
                events.append((day(rng, add(request_on, 120), AS_AT), "reminder"))
        if rng.random() < 0.2:
            events.append((day(rng, add(max(e[0] for e in events), 1), AS_AT), "acknowledged"))
        mandate_id = mandate_id or self._pick_mandate(used, request_on, AS_AT)
        self._thread(mandate_id, "state", iso3, None, events)

    def closed_thread(self, iso3: str, used: set, start: dt.date, end: dt.date, outcome: str) -> None:
        """A request that ended declined, withdrawn or cancelled (after acceptance) between start and end."""
        rng = self.rng
        request_on = day(rng, start, add(end, -60))
        closing_on = day(rng, add(request_on, 30), end)
        events = [(request_on, "requested")]
        if outcome == "cancelled":
            events.append((day(rng, add(request_on, 10), add(closing_on, -5)), "accepted"))
        events.append((closing_on, outcome))
        self._thread(self._pick_mandate(used, request_on, closing_on), "state", iso3, None, events)

    def stale_thread(self, iso3: str, used: set) -> None:
        """A request made before the window and never renewed: still 'requested', but not pending."""
        request_on = day(self.rng, dt.date(2003, 1, 1), dt.date(2018, 10, 31))
        self._thread(self._pick_mandate(used, request_on, request_on), "state", iso3, None,
                     [(request_on, "requested")])
