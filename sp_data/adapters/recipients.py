"""Who a communication was sent to: a State, or a non-State actor and the State concerned."""
from __future__ import annotations

import re

from sp_data.adapters.context import Context
from sp_data.adapters.mapping import Mapping
from sp_data.adapters.problems import Problems
from sp_data.adapters.records import Record
from sp_data.names import key

# Addressee cells and columns that mean "no State": the public database files these under OTH.
NO_STATE = {key(x) for x in ("OTH", "Other", "Others", "N/A", "NA", "-", "None", "Non-State actor", "Non-State actors")}
NON_STATE_TYPES = {key(x) for x in ("Non-State actor", "Non-State actors", "Non State", "NSA", "Other", "Company",
                                     "Business", "Business enterprise", "Armed group", "Organization", "Organisation",
                                     "International organization", "Intergovernmental organization", "non_state_actor")}
STATE_TYPES = {key(x) for x in ("State", "Government", "Member State", "Observer State")}
# Words that mark an addressee as a company, an armed group or an organization.
NON_STATE_WORDS = re.compile(
    r"\b(inc|ltd|llc|plc|corp|corporation|company|co|limited|group|gmbh|ag|s\.?a|s\.?a\.?s|n\.?v|b\.?v|bank|fund|"
    r"holdings?|mining|oil|energy|petroleum|armed|army|forces|front|movement|militia|brigades?|"
    r"organi[sz]ation|union|agency|association|foundation|university|council|committee|"
    r"authority|authorities|de facto|hamas|hezbollah|taliban)\b", re.IGNORECASE)


def recipient(r: Record, present: dict[str, int], match: re.Match[str] | None, ctx: Context, mapping: Mapping,
              problems: Problems) -> tuple[str, str | None, str | None] | None:
    """(recipient_kind, iso3, recipient) for a row; see docs/import-adapters.md for the order of rules."""
    n = r.number
    column = next(c for c in ("addressee", "country", "state_concerned") if c in present)
    name = r.text(column)
    ref_code = match.group("code") if match else None
    ref_state = ref_code if ref_code in ctx.states.names else None
    if not name or key(name) in NO_STATE:
        if ref_state and not name:
            return "state", ref_state, None
        problems.bad(n, r.column(column), name or None,
                     "the addressee is required (for a non-State actor, its name)")
        return None
    kind_text = key(r.text("addressee_type"))
    found, iso3 = mapping.get("state", name)
    nsa_found, nsa_name = mapping.get("non_state_actor", name)
    if not found and (nsa_found or kind_text in NON_STATE_TYPES):
        return "non_state_actor", _concerned(r, present, column, ref_state, ctx, mapping, problems), nsa_name or name
    iso3 = iso3 if found else ctx.states.resolve(name)
    if iso3 is not None:
        if ref_state and ref_state != iso3:
            problems.bad(n, r.column(column), name,
                         f"is {ctx.states.names[iso3]} ({iso3}) but the reference {r.text('ref')!r} names {ref_state}; "
                         f"if {name!r} stands for {ref_state}, add the mapping line state,{name},{ref_state}")
            return None
        return "state", iso3, None
    if kind_text not in STATE_TYPES and (ref_code == "OTH" or NON_STATE_WORDS.search(name)):
        return "non_state_actor", _concerned(r, present, column, ref_state, ctx, mapping, problems), name
    what = (f"unknown State {name!r}" if kind_text in STATE_TYPES or ref_state else
            f"unknown addressee {name!r}: neither a known State nor marked as a non-State actor "
            f"(a company, armed group or organization is mapped as non_state_actor,{name},)")
    problems.unknown("state", r.column(column), name, n, ctx.states.closest(name), what, "ISO3")
    return None


def _concerned(r: Record, present: dict[str, int], column: str, ref_state: str | None, ctx: Context, mapping: Mapping,
               problems: Problems) -> str | None:
    """The State concerned by a letter to a non-State actor: a column, else the reference."""
    for source in ("state_concerned", "country"):
        if source == column or source not in present:
            continue
        text = r.text(source)
        if not text or key(text) in NO_STATE:
            continue
        found, target = mapping.get("state", text)
        iso3 = target if found else ctx.states.resolve(text)
        if iso3 is None:
            problems.unknown("state", r.column(source), text, r.number, ctx.states.closest(text),
                             f"unknown State {text!r}", "ISO3")
        return iso3
    return ref_state
