"""What the demonstration is calibrated to: the 2023 report's figures, the States it names, the mandates of then."""
from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from sp_data.paths import REFERENCE_DIR

SEED = 20231231
AS_AT = dt.date(2023, 12, 31)
WINDOW_START = dt.date(2019, 1, 1)
FIRST_DAY = dt.date(1995, 1, 1)
LAST_DAY = dt.date(2024, 6, 30)  # the snapshot runs to mid-2024, so 2023 is the latest complete year
COMMS_FROM = dt.date(2011, 1, 1)
SOURCE = "Demonstration data: real States and mandates, simulated events calibrated to the 2023 annual report"

# Published figures of the 2023 annual report (shared/reference/published-figures-2023.json).
PUBLISHED_2023: dict[str, Any] = {
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

# Calibrated plan sizes, derived from the published figures (see plan.py).
STATE_VISITS_2023, STATES_VISITED_2023 = 77, 54
TERRITORY_VISITS_2023, INSTITUTION_VISITS_2023 = 2, 3


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


