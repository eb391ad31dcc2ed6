"""Communications 2011 to mid-2024 and their replies, calibrated for 2023."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from sp_data.tools.demo.calibration import AS_AT, LAST_DAY, PUBLISHED_2023
from sp_data.tools.demo.threads import add, day
from sp_data.tools.demo.visits import Generator


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
        out: list[dict] = []
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
        code = iso3 if kind == "state" and iso3 else "OTH"
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
            c = self.communication(day(rng, start, last_day), "state", iso, None)
            self._background_replies(c, self.reply_p[iso], last_day)
        for _ in range(n - int(n * 0.74)):
            nsa = rng.choice(self.nsa_names)
            c = self.communication(day(rng, start, last_day), "non_state_actor", nsa["iso3"], nsa["recipient"])
            self._background_replies(c, 0.35, last_day)

    def _background_replies(self, comm: dict, p: float, last_day: dt.date) -> None:
        rng = self.rng
        if rng.random() < p:
            received = add(comm["sent_on"], int(rng.lognormvariate(4.0, 0.55)))
            # Replies received in 2023 are placed exactly by calibrate_2023, so none fall there here.
            if received <= last_day and received.year != 2023:
                if rng.random() < 0.08:
                    self.reply(comm, add(comm["sent_on"], rng.randint(3, 20)), substantive=False)
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
        for iso, joint in zip(recipients, joint_flags, strict=False):
            comms.append(self.communication(day(rng, dt.date(2023, 1, 3), dt.date(2023, 12, 29)), "state", iso, None, joint))
        for nsa, joint in zip(nsa_recipients, joint_flags[len(recipients):], strict=True):
            comms.append(self.communication(day(rng, dt.date(2023, 1, 3), dt.date(2023, 12, 29)),
                                            "non_state_actor", nsa["iso3"], nsa["recipient"], joint))
        self._calibrate_individuals(comms)
        # 312 communications answered substantively by 31 December, each once in 2023.
        eligible = [c for c in comms if c["sent_on"] <= dt.date(2023, 11, 30)]
        weights = [self.reply_p.get(c["iso3"], 0.35) if c["recipient_kind"] == "state" else 0.3 for c in eligible]
        answered = self._weighted_sample(eligible, weights, t["replies_to_year_communications_substantive"])
        answered_refs = {c["ref"] for c in answered}
        for c in answered:
            self.reply(c, day(rng, add(c["sent_on"], 7), min(add(c["sent_on"], 150), AS_AT)))
        # 29 replies that do not address the substance: acknowledgements first, or on their own.
        non_subst = t["replies_to_year_communications"] - t["replies_to_year_communications_substantive"]
        for c in (rng.sample(answered, 15) + rng.sample([c for c in comms if c["ref"] not in answered_refs
                                                                     and c["sent_on"] < dt.date(2023, 12, 1)], non_subst - 15)):
            own = [r for r in self.replies if r["ref"] == c["ref"]]
            latest = min((r["received_on"] for r in own), default=AS_AT)
            self.reply(c, day(rng, add(c["sent_on"], 2), max(add(c["sent_on"], 2), min(add(latest, -1), AS_AT))), substantive=False)
        # Replies after the as-at date: late answers, and second replies to answered communications.
        for c in rng.sample([c for c in comms if c["ref"] not in answered_refs], 95):
            self.reply(c, day(rng, dt.date(2024, 1, 2), LAST_DAY))
        for c in rng.sample(answered, 20):
            self.reply(c, day(rng, dt.date(2024, 1, 2), LAST_DAY))
        # Replies received in 2023 to communications sent earlier: 92, of which 87 substantive.
        earlier = [c for c in self.rows if c["sent_on"].year == 2022 and c["sent_on"] >= dt.date(2022, 6, 1)]
        earlier += rng.sample([c for c in self.rows if c["sent_on"].year in (2020, 2021)], 12)
        late_subst = t["replies_received_in_year_substantive"] - t["replies_to_year_communications_substantive"]
        late_total = t["replies_received_in_year"] - t["replies_to_year_communications"]
        targets = rng.sample(earlier, late_total)
        for i, c in enumerate(targets):
            self.reply(c, day(rng, dt.date(2023, 1, 2), dt.date(2023, 12, 28)), substantive=i < late_subst)

    def _weighted_sample(self, items: list, weights: list[float], k: int) -> list:
        keyed = sorted(zip(items, weights, strict=True), key=lambda iw: -(self.rng.random() ** (1.0 / max(iw[1], 1e-6))))
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


