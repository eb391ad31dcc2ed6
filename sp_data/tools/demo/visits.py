"""Visits and standing invitations: every State's plan turned into threads and events, in a fixed order."""
from __future__ import annotations

import datetime as dt

from sp_data.tools.demo.calibration import (ACCESS_DECLINED, ACCESS_GRANTED, INSTITUTION_VISITS_2023, INSTITUTIONS,
                                            TERRITORIES, TERRITORY_VISITS_2023, WINDOW_START)
from sp_data.tools.demo.plan import Planner, StatePlan
from sp_data.tools.demo.threads import add, day


class Generator(Planner):
    """Builds the visit threads and standing invitations of the demonstration from one seeded random stream."""

    def build_visits(self) -> None:
        """Turn every State's plan into threads and events, plus territories and institutions."""
        for iso in sorted(self.plans):
            self._visits_of(iso)
        self._territories_and_institutions()

    def _visits_of(self, iso: str) -> None:
        """One State's threads: its visits, country-mandate access, requests, older and newer history."""
        p = self.plans[iso]
        used: set = set()
        cm = self.country_mandate.get("PSE" if iso == "ISR" else iso)
        cm_id = cm["mandate_id"] if cm else None
        self._completed_visits(iso, p, used, cm_id)
        pending = self._country_access(iso, p, used, cm_id)
        self._requests(iso, p, used, pending)
        self._older_and_newer(iso, p, used)

    def _completed_visits(self, iso: str, p: StatePlan, used: set, cm_id: str | None) -> None:
        """The visits of the window, those before it, and those of 2024."""
        rng = self.rng
        granted_done = False
        for year, n in sorted(p.visits_by_year.items()):
            for _ in range(n):
                if year == 2023:
                    visit_on = day(rng, dt.date(2023, 1, 15), dt.date(2023, 12, 20))
                else:
                    visit_on = day(rng, dt.date(year, 1, 10), dt.date(year, 12, 15))
                mandate = None
                if iso in ACCESS_GRANTED and not granted_done and cm_id:
                    mandate, granted_done = cm_id, True
                self.completed_thread("state", iso, None, visit_on, used, mandate_id=mandate,
                                      accept_floor=WINDOW_START if visit_on >= WINDOW_START else None)
        for _ in range(p.visits_before):
            year = rng.choices(range(1996, 2019), weights=[y - 1993 for y in range(1996, 2019)])[0]
            visit_on = day(rng, dt.date(year, 1, 10), dt.date(year, 11, 30))
            self.completed_thread("state", iso, None, visit_on, used)
        for _ in range(p.visits_2024):
            visit_on = day(rng, dt.date(2024, 2, 1), dt.date(2024, 6, 10))
            if p.never == "accepted_not_yet_conducted":
                self._thread(self._pick_mandate(used, dt.date(2022, 3, 1), visit_on), "state", iso, None, [
                    (dt.date(2022, 3, 14), "requested"), (dt.date(2023, 2, 20), "reminder"),
                    (dt.date(2023, 9, 5), "accepted"), (dt.date(2024, 1, 22), "dates_proposed"),
                    (visit_on, "completed", add(visit_on, 8))])
            else:
                self.completed_thread("state", iso, None, visit_on, used, accept_floor=dt.date(2023, 6, 1))

    def _country_access(self, iso: str, p: StatePlan, used: set, cm_id: str | None) -> int:
        """Country-mandate access (para. 52); returns the pending requests still to make."""
        rng = self.rng
        pending = p.pending
        if iso in ACCESS_DECLINED and cm_id:
            request_on = day(rng, dt.date(2019, 3, 1), dt.date(2021, 12, 31))
            self._thread(cm_id, "state", iso, None, [
                (request_on, "requested"), (add(request_on, rng.randint(150, 300)), "reminder"),
                (day(rng, dt.date(2022, 3, 1), dt.date(2023, 10, 31)), "declined")])
            used.add(cm_id)
        if iso == "RUS" and cm_id:
            self._thread(cm_id, "state", iso, None, [
                (dt.date(2023, 3, 2), "requested"), (dt.date(2023, 9, 18), "reminder")])
            used.add(cm_id)
            pending = max(pending - 1, 0)
        return pending

    def _requests(self, iso: str, p: StatePlan, used: set, pending: int) -> None:
        """Pending requests, a closed one where the window needs a request, and stale old ones."""
        rng = self.rng
        for k in range(pending):
            self.pending_thread(iso, used, renewed=(k == 0 and rng.random() < 0.25))
        if p.request_in_window and p.pending == 0 and not p.visits_by_year and iso not in ACCESS_DECLINED:
            self.closed_thread(iso, used, WINDOW_START, dt.date(2023, 11, 30), rng.choice(["declined", "withdrawn"]))
        if p.never == "requests_not_accepted" and not p.request_in_window:
            self.stale_thread(iso, used)
            self.closed_thread(iso, used, dt.date(2004, 1, 1), dt.date(2017, 12, 31), "declined")
        if p.never is None and not p.request_in_window and p.old_request:
            self.stale_thread(iso, used)

    def _older_and_newer(self, iso: str, p: StatePlan, used: set) -> None:
        """Declined, withdrawn and cancelled requests before the window; requests after the as-at date."""
        rng = self.rng
        if p.never != "no_request":
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                outcome = rng.choice(["declined", "withdrawn", "cancelled"])
                if p.never and outcome == "cancelled":
                    outcome = "declined"
                self.closed_thread(iso, used, dt.date(1996, 1, 1), dt.date(2018, 6, 30), outcome)
        # Newer activity after the as-at date (2024), which must not change any 2023 figure.
        if p.never != "no_request" and rng.random() < 0.3:
            request_on = day(rng, dt.date(2024, 1, 5), dt.date(2024, 6, 20))
            self._thread(self._pick_mandate(used, request_on, request_on), "state", iso, None,
                         [(request_on, "requested")])

    def _territories_and_institutions(self) -> None:
        """Visits to territories and institutions, in 2023 and before."""
        rng = self.rng
        used: set = set()
        for (name, iso3), when in zip(TERRITORIES[:TERRITORY_VISITS_2023],
                                      (dt.date(2023, 4, 17), dt.date(2023, 9, 11)), strict=True):
            self.completed_thread("territory", iso3, name, when, used)
        for name, when in zip(INSTITUTIONS[:INSTITUTION_VISITS_2023],
                              (dt.date(2023, 2, 6), dt.date(2023, 6, 19), dt.date(2023, 11, 13)), strict=True):
            self.completed_thread("institution", None, name, when, used)
        for name, iso3 in TERRITORIES:
            self.completed_thread("territory", iso3, name, day(rng, dt.date(2005, 1, 1), dt.date(2018, 12, 1)), used)
        for name in INSTITUTIONS:
            self.completed_thread("institution", None, name, day(rng, dt.date(2009, 1, 1), dt.date(2022, 11, 30)), used)
        self.completed_thread("institution", None, INSTITUTIONS[3], dt.date(2024, 3, 4), used)
        # A visit that spans the turn of 2022 into 2023 counts in 2022, the year it began.
        self.completed_thread("territory", TERRITORIES[2][1], TERRITORIES[2][0], dt.date(2022, 12, 27), used)

    def build_standing_invitations(self) -> list[dict]:
        """The standing invitations: 128 Member States on 2023-12-31, withdrawals and extensions around it."""
        rng = self.rng
        rows = []
        for iso in sorted(self.plans):
            if self.plans[iso].standing_invitation:
                withdrawn = dt.date(2024, 3, 15) if iso == self.si_withdrawn_after else None
                rows.append({"iso3": iso, "extended_on": day(rng, dt.date(1999, 1, 1), dt.date(2023, 10, 31)),
                             "withdrawn_on": withdrawn})
        for iso in self.si_withdrawn_before:
            ext = day(rng, dt.date(1999, 6, 1), dt.date(2009, 12, 31))
            rows.append({"iso3": iso, "extended_on": ext, "withdrawn_on": day(rng, dt.date(2012, 1, 1), dt.date(2021, 12, 31))})
        for iso in self.si_extended_2024:
            rows.append({"iso3": iso, "extended_on": day(rng, dt.date(2024, 1, 10), dt.date(2024, 6, 1)), "withdrawn_on": None})
        rows.append({"iso3": "PSE", "extended_on": dt.date(2014, 4, 1), "withdrawn_on": None})
        return rows

