"""The plan: which role each Member State plays so that the 2023 figures come out exactly."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from sp_data.tools.demo.calibration import (ACCESS_GRANTED, FIVE_PLUS_VISITS, STATE_VISITS_2023,
                                            STATES_VISITED_2023)
from sp_data.tools.demo.threads import Threads


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


class Planner(Threads):
    """Plans every Member State's record; the random draws come in a fixed order, so the plan never moves."""

    def plan_states(self) -> dict[str, StatePlan]:
        """Assign every Member State a role so that the 2023 figures come out exactly."""
        plans = {iso: StatePlan(iso) for iso in self.members}
        never = self._never_visited(plans)
        before_only, in_window = self._visited_before_or_in_window(never)
        self._plan_requests(plans, never, before_only)
        self._plan_window_visits(plans, in_window)
        plans[never[20]].visits_2024 = 1  # the accepted visit takes place in 2024
        self._plan_standing_invitations(plans, in_window, before_only)
        self.plans = plans
        self.never, self.before_only, self.in_window = never, before_only, in_window
        return plans

    def _never_visited(self, plans: dict[str, StatePlan]) -> list[str]:
        """The 21 never-visited Member States, in the report's three categories (4, 16 and 1)."""
        country_states = set(self.country_mandate) | {"ISR"}
        protected = set(FIVE_PLUS_VISITS) | set(ACCESS_GRANTED) | country_states
        pool = sorted(set(self.members) - protected)
        self.rng.shuffle(pool)
        never = pool[:21]
        for iso in never[:4]:
            plans[iso].never = "no_request"
        for iso in never[4:20]:
            plans[iso].never = "requests_not_accepted"
        plans[never[20]].never = "accepted_not_yet_conducted"
        return never

    def _visited_before_or_in_window(self, never: list[str]) -> tuple[list[str], list[str]]:
        """59 States visited before the window only (some country-mandate States too); 113 visited in it."""
        rest = sorted(set(self.members) - set(never) - set(FIVE_PLUS_VISITS) - set(ACCESS_GRANTED))
        self.rng.shuffle(rest)
        declined_pref = [iso for iso in ("ERI", "PRK", "BLR", "IRN", "BDI") if iso in rest]
        rest = declined_pref + [iso for iso in rest if iso not in declined_pref]
        before_only = rest[:59]
        in_window = sorted(set(self.members) - set(never) - set(before_only))
        assert len(in_window) == 113, len(in_window)
        return before_only, in_window

    def _plan_requests(self, plans: dict[str, StatePlan], never: list[str], before_only: list[str]) -> None:
        """Requests of the States not visited in the window: 67 with one in it, 24 with five or more pending."""
        rng = self.rng
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

    def _plan_window_visits(self, plans: dict[str, StatePlan], in_window: list[str]) -> None:
        """Visits in the window: 113 States, 8 of them with five or more."""
        rng = self.rng
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

    def _plan_standing_invitations(self, plans: dict[str, StatePlan], in_window: list[str],
                                   before_only: list[str]) -> None:
        """Standing invitations: 128 Member States on 2023-12-31, more often among the cooperative."""
        rng = self.rng
        ranked = sorted(self.members, key=lambda iso: (
            -(2 if iso in in_window else 0) - (1 if iso in before_only else 0) + rng.random() * 2.2
            + (3 if iso in ("PRK", "ERI", "BLR", "MMR", "BDI", "CHN", "RUS", "SYR") else 0)))
        for iso in ranked[:128]:
            plans[iso].standing_invitation = True
        self.si_withdrawn_after = ranked[127]     # holds one on 2023-12-31, withdrawn in 2024
        self.si_withdrawn_before = ranked[128:130]  # extended, then withdrawn before 2023
        self.si_extended_2024 = ranked[130:132]    # extended only in 2024

    def _spread_2023_visits(self, in_window: list[str], rng: random.Random) -> dict[str, int]:
        """77 visits to 54 distinct States in 2023, within each State's five-year cap."""
        must = [iso for iso in ("CAF", "MLI", "SOM", "KHM") if iso in in_window]
        others = [iso for iso in in_window if iso not in must]
        chosen = must + rng.sample(others, STATES_VISITED_2023 - len(must))
        counts = dict.fromkeys(chosen, 1)
        extra = STATE_VISITS_2023 - STATES_VISITED_2023
        while extra:
            iso = rng.choice(chosen)
            cap = 5 if iso in FIVE_PLUS_VISITS else 3
            if counts[iso] < cap:
                counts[iso] += 1
                extra -= 1
        return counts
