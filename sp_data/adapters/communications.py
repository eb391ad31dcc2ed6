"""The public communications export (CSV or XLSX) translated into communications and replies."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from sp_data.adapters.common import (
    TYPE_WORDS, Context, DateProblem, Field, ImportResult, Mapping, Problems, Record, base_snapshot, cell_text,
    closest_words, find_dates, find_header, load_mapping, match_header, parse_date, read_sheet, records,
    resolve_mandates, split_items, typed, with_origin, write_merged,
)
from sp_data.names import key

FIELDS = (
    Field("date", ("Date", "Date sent", "Sent on", "Sent", "Sent_on", "Date of communication", "Communication date")),
    Field("country", ("Country", "State", "Country name", "Member State", "Country/Territory")),
    Field("addressee", ("Addressee", "Recipient", "Addressed to", "Sent to", "Addressee name")),
    Field("state_concerned", ("State concerned", "Country concerned", "Concerned State", "Concerned country",
                              "iso3")),
    Field("addressee_type", ("Addressee type", "Type of addressee", "Recipient type", "Recipient kind",
                             "recipient_kind")),
    Field("type", ("Type", "Communication type", "Type of communication", "Comm type")),
    Field("ref", ("Ref. no.", "Reference", "Ref", "Ref no", "Reference number", "Reference no", "Ref number",
                  "Symbol")),
    Field("mandates", ("Mandates", "Mandate", "Mandate(s)", "Special procedures", "Mandate holders",
                       "mandate_ids")),
    Field("individuals", ("Nb. of alleged victims", "Number of alleged victims", "Alleged victims", "Victims",
                          "Individuals", "Nb. of individuals", "Number of individuals")),
    Field("individuals_female", ("Nb. of female alleged victims", "Female alleged victims", "Female victims",
                                 "Of whom women", "Women", "individuals_female")),
    Field("reply_count", ("Nb. of replies", "Number of replies", "Replies count", "Reply count")),
    Field("replies", ("Replies", "Reply", "Reply dates", "Replies received", "Date of reply", "Reply date",
                      "Responses", "Response")),
    Field("follow_up", ("Follow-up", "Is follow-up", "Follow up communication", "follow_up")),
    Field("summary", ("Summary", "Subject", "Description", "Title"), ignored=True),
    Field("un_region", ("UN Region", "Regional group"), ignored=True),
    Field("ohchr_region", ("OHCHR Region",), ignored=True),
    Field("link", ("Link", "URL", "Document", "Letter"), ignored=True),
)
COLUMNS = {f.name: f.synonyms[0] for f in FIELDS}  # the name used in messages

REF = re.compile(r"(?:(?P<type>J?(?:AL|UA|OL))\s*)?(?P<code>[A-Z]{3})\s*(?P<num>\d+)\s*/\s*(?P<year>\d{4})")
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
EMPTY_NUMBER = {"", "-", "n/a", "na", "unknown", "not specified", "none given", "?"}
TRUE_WORDS = {"true", "yes", "y", "x", "1", "follow-up", "follow up", "followup"}
FALSE_WORDS = {"false", "no", "n", "0", ""}
NO_REPLY = {key(x) for x in ("-", "No reply", "None", "No", "0", "N/A", "No response")}


@dataclass
class Reply:
    """One dated reply found in a row's Replies cell."""

    received_on: dt.date
    confidential: bool
    acknowledgement: bool


@dataclass
class Communication:
    """One row of the export, read and resolved."""

    row: int
    ref: str
    values: dict  # the communications table's columns
    replies: list[Reply] = field(default_factory=list)
    reply_count: int | None = None

    def core(self) -> tuple:
        v = self.values
        return (v["sent_on"], v["type"], v["recipient_kind"], v["iso3"], v["recipient"],
                tuple(v["mandate_ids"] or ()), v["individuals"], v["individuals_female"], v["follow_up"])


def import_communications(file: str | Path, *, base: str | Path | None = None, mapping: str | Path | None = None,
                          root: Path | None = None) -> ImportResult:
    """Build a new snapshot: the base's communications and replies updated from an export file."""
    file = Path(file)
    mapping_data = Path(mapping).read_bytes() if mapping else None
    return import_communications_bytes(file.read_bytes(), file.name, base=base, mapping=mapping_data,
                                       mapping_name=Path(mapping).name if mapping else None, root=root)


def import_communications_bytes(data: bytes, file_name: str, *, base=None, mapping: bytes | None = None,
                                mapping_name: str | None = None, root: Path | None = None,
                                context: Context | None = None) -> ImportResult:
    """The same as import_communications, from the bytes of an upload."""
    context = context or Context.of(base_snapshot(base, root))
    maps = load_mapping(mapping, mapping_name or "mapping.csv", context)
    comms, problems = read_communications(data, file_name, context, maps)
    tables = merge(context, comms)
    return write_merged(tables, context=context, file_name=file_name, data=data, what="communications export",
                        id_prefix="comms", root=root, warnings=problems.warnings, mapping=maps)


def looks_like(rows) -> bool:
    """Whether a sheet has a communications header in its first rows."""
    return any("ref" in (m := match_header(cells, FIELDS)) and "mandates" in m for _, cells in rows[:30])


def read_communications(data: bytes, file_name: str, context: Context, mapping: Mapping
                        ) -> tuple[list[Communication], Problems]:
    """Every row of the export, resolved; raises SourceError with every problem found."""
    sheet = read_sheet(data, file_name, looks_like)
    problems = Problems(sheet.file, warnings=list(sheet.warnings))
    header = find_header(sheet, FIELDS, "ref", problems.warnings)
    missing = [COLUMNS[f] for f in ("date", "mandates") if f not in header.positions]
    if "country" not in header.positions and "addressee" not in header.positions and "state_concerned" not in header.positions:
        missing.append("Country (or Addressee)")
    for name in missing:
        problems.bad(header.row, name, None, "required column is missing from the header")
    problems.raise_if_any()
    out = []
    for record in records(sheet, header, problems.warnings, FIELDS):
        comm = _read_row(record, header.positions, context, mapping, problems)
        if comm is not None:
            out.append(comm)
    out = _deduplicate(out, problems, header.cells[header.positions["ref"]])
    problems.raise_if_any()
    return out, problems


def _read_row(r: Record, present: dict, ctx: Context, mapping: Mapping, problems: Problems) -> Communication | None:
    """One export row as a communication, or None when it is unusable (errors are recorded)."""
    n = r.number
    ref_text = r.text("ref").upper()
    if not ref_text:
        problems.bad(n, r.column("ref"), None, "a reference number is required")
        return None
    ref_text = re.sub(r"\s+", " ", ref_text)
    match = REF.fullmatch(ref_text)

    sent_on = None
    try:
        sent_on = parse_date(r.raw("date"))
        if sent_on is None:
            problems.bad(n, r.column("date"), None, "a date is required")
    except DateProblem as exc:
        problems.bad(n, r.column("date"), r.raw("date"), str(exc))

    ctype = _type(r, match, mapping, ctx, problems)
    if match:
        ref_type = TYPE_WORDS[match.group("type")] if match.group("type") else ctype
        if match.group("type") and ctype and ref_type != ctype:
            problems.bad(n, r.column("type"), r.text("type"),
                         f"says {ctype} but the reference {r.text('ref')!r} is a {ref_type}")
        # One spelling of a reference, so that the export's rows meet the base snapshot's.
        ref = f"{ref_type or '?'} {match.group('code')} {int(match.group('num'))}/{match.group('year')}"
    else:
        ref = ref_text
    recipient = _recipient(r, present, match, ctx, mapping, problems)
    mandate_ids = resolve_mandates(r.text("mandates"), r.number, r.column("mandates"), sent_on, ctx, mapping, problems)
    individuals, female = _individuals(r, problems)
    follow = r.text("follow_up").lower()
    if follow not in TRUE_WORDS | FALSE_WORDS:
        problems.bad(n, r.column("follow_up"), r.raw("follow_up"), "must be yes or no (or true/false)")
    replies = _replies(r, problems)
    count = _count(r, problems)
    if ctype is None or sent_on is None or recipient is None or mandate_ids is None:
        return None
    kind, iso3, name = recipient
    values = {"ref": ref, "sent_on": sent_on, "type": ctype, "recipient_kind": kind, "iso3": iso3,
              "recipient": name, "mandate_ids": mandate_ids, "individuals": individuals,
              "individuals_female": female, "follow_up": follow in TRUE_WORDS}
    if count is not None and count != len(replies or []) and (replies is not None or count > 0):
        problems.warn(n, r.column("reply_count"), r.raw("reply_count"),
                      f"says {count} replies but {len(replies or [])} reply date(s) are given; only dated replies are "
                      "recorded (with none, the base snapshot's replies to this reference are kept)")
    return Communication(n, ref, values, replies or [], count)


def _type(r: Record, match, mapping: Mapping, ctx: Context, problems: Problems) -> str | None:
    """AL, UA or OL from the Type column, else from the reference's prefix."""
    text = r.text("type")
    if text:
        found, target = mapping.get("type", text)
        code = target if found else ctx.type_code(text)
        if code is None:
            problems.unknown("type", r.column("type"), text, r.number, closest_words(text, TYPE_WORDS),
                             f"unknown communication type {text!r}", "AL")
        return code
    if match and match.group("type"):
        return TYPE_WORDS[match.group("type")]
    problems.bad(r.number, r.column("type"), None,
                 "a type is required (AL, UA, OL, JAL, JUA or JOL) when the reference does not start with one")
    return None


def _recipient(r: Record, present: dict, match, ctx: Context, mapping: Mapping, problems: Problems
               ) -> tuple[str, str | None, str | None] | None:
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


def _concerned(r: Record, present: dict, column: str, ref_state: str | None, ctx: Context, mapping: Mapping,
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


def _number(text: str) -> int | None:
    """A whole number of people, or None for the ways exports say 'not given'; ValueError otherwise."""
    text = text.strip().lower()
    if text in EMPTY_NUMBER:
        return None
    if re.fullmatch(r"\d+", text):
        return int(text)
    raise ValueError(text)


def _individuals(r: Record, problems: Problems) -> tuple[int | None, int | None]:
    """Individuals covered and, of them, women, from '3', '3 (1 woman)' or two columns."""
    total_text, female_text = r.text("individuals"), r.text("individuals_female")
    inner = re.fullmatch(r"(\d+)\s*\(\s*(?:of whom\s+)?(\d+)\s*(?:f|female|females|women|woman|girls?)\b.*\)",
                         total_text, re.IGNORECASE)
    if inner and not female_text:
        return int(inner.group(1)), int(inner.group(2))
    values = []
    for name, text in (("individuals", total_text), ("individuals_female", female_text)):
        try:
            values.append(_number(text))
        except ValueError:
            problems.bad(r.number, r.column(name), r.raw(name), "must be a whole number of people (or empty)")
            values.append(None)
    return values[0], values[1]


def _count(r: Record, problems: Problems) -> int | None:
    text = r.text("reply_count")
    try:
        return _number(text)
    except ValueError:
        problems.bad(r.number, r.column("reply_count"), r.raw("reply_count"), "must be a whole number (or empty)")
        return None


def _replies(r: Record, problems: Problems) -> list[Reply] | None:
    """The dated replies of a row; None when the row's Replies cell is empty."""
    raw = r.raw("replies")
    if raw is None or cell_text(raw) == "":
        return None
    if not isinstance(raw, str):
        try:
            day = parse_date(raw)
        except DateProblem as exc:
            problems.bad(r.number, r.column("replies"), raw, str(exc))
            return []
        return [Reply(day, False, False)] if day else []
    out: list[Reply] = []
    for part in split_items(cell_text(raw)):
        if key(part) in NO_REPLY:
            continue
        lowered = part.lower()
        try:
            days = find_dates(part)
            if not days and re.fullmatch(r"\d{5}(\.0+)?", part):
                days = [parse_date(part)]
        except DateProblem as exc:
            problems.bad(r.number, r.column("replies"), part, str(exc))
            continue
        if not days:
            if re.search(r"\d", part):
                problems.bad(r.number, r.column("replies"), part,
                             "has no date that can be read; write reply dates as YYYY-MM-DD, DD/MM/YYYY or 12 May 2023")
            else:
                problems.warn(r.number, r.column("replies"), part, "no date in this part of the cell; it is not recorded")
            continue
        for day in days:
            out.append(Reply(day, "confidential" in lowered, "acknowledg" in lowered))
    return out


def _deduplicate(comms: list[Communication], problems: Problems, column: str) -> list[Communication]:
    """One communication per reference: repeats that agree are merged, repeats that differ are errors."""
    by_ref: dict[str, Communication] = {}
    for c in comms:
        first = by_ref.get(c.ref)
        if first is None:
            by_ref[c.ref] = c
            continue
        if first.core() != c.core():
            differing = [name for name, a, b in zip(
                ("date", "type", "addressee", "State", "addressee", "mandates", "victims", "female victims", "follow-up"),
                first.core(), c.core()) if a != b]
            problems.bad(c.row, column, c.ref,
                         f"repeats the reference of row {first.row} with a different {', '.join(dict.fromkeys(differing))}")
            continue
        problems.warn(c.row, column, c.ref, f"repeats row {first.row}; the two rows are merged")
        known = {(x.received_on, x.confidential, x.acknowledgement) for x in first.replies}
        first.replies += [x for x in c.replies if (x.received_on, x.confidential, x.acknowledgement) not in known]
    return list(by_ref.values())


def merge(ctx: Context, comms: list[Communication]) -> dict[str, pl.DataFrame]:
    """The base snapshot's tables with the export's communications and replies in place.

    A reference in the export replaces the base's communication. Its replies become the export's
    dated replies when the row gives any; otherwise the base's replies for it are kept. A reply
    keeps the base's substantive and confidential flags for the same date unless the export marks
    it an acknowledgement or confidential.
    """
    tables = {name: with_origin(frame) for name, frame in ctx.tables.items()}
    refs = [c.ref for c in comms]
    base_replies = {}
    for row in ctx.tables["replies"].iter_rows(named=True):
        base_replies.setdefault((row["ref"], row["received_on"]), row)
    new_comms, new_replies, replaced = [], [], set()
    for c in comms:
        new_comms.append({**c.values, "_row": c.row})
        if not c.replies:
            continue
        replaced.add(c.ref)
        for reply in sorted(c.replies, key=lambda x: x.received_on):
            before = base_replies.get((c.ref, reply.received_on))
            substantive = False if reply.acknowledgement else (before["substantive"] if before else True)
            confidential = reply.confidential or bool(before and before["confidential"])
            new_replies.append({"ref": c.ref, "received_on": reply.received_on, "substantive": substantive,
                                "confidential": confidential, "_row": c.row})
    new_replies = list({(x["ref"], x["received_on"]): x for x in new_replies}.values())
    communications = pl.concat([tables["communications"].filter(~pl.col("ref").is_in(refs)),
                                typed("communications", new_comms)])
    replies = pl.concat([tables["replies"].filter(~pl.col("ref").is_in(list(replaced))),
                         typed("replies", new_replies)])
    tables["communications"] = communications.sort(["sent_on", "ref"])
    tables["replies"] = replies.sort(["received_on", "ref", "substantive"])
    return tables

