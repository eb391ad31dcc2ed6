"""The public communications export (CSV or XLSX) translated into communications and replies."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

from sp_data.adapters.context import TYPE_WORDS, Context, closest_words
from sp_data.adapters.headers import Field, names_fields
from sp_data.adapters.mandate_cells import resolve_mandates
from sp_data.adapters.mapping import Mapping
from sp_data.adapters.problems import Problems
from sp_data.adapters.recipients import recipient
from sp_data.adapters.records import Record, date_cell, read_records
from sp_data.adapters.replies import Reply, read_replies
from sp_data.adapters.run import Adapter
from sp_data.adapters.sheets import Rows
from sp_data.adapters.writing import typed, with_origin

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
EMPTY_NUMBER = {"", "-", "n/a", "na", "unknown", "not specified", "none given", "?"}
TRUE_WORDS = {"true", "yes", "y", "x", "1", "follow-up", "follow up", "followup"}
FALSE_WORDS = {"false", "no", "n", "0", ""}


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


def looks_like(rows: Rows) -> bool:
    """Whether a sheet has a communications header in its first rows."""
    return names_fields(rows, FIELDS, {"ref", "mandates"})


def read_communications(data: bytes, file_name: str, context: Context, mapping: Mapping
                        ) -> tuple[list[Communication], Problems]:
    """Every row of the export, resolved; raises SourceError with every problem found."""
    required = {COLUMNS["date"]: ("date",), COLUMNS["mandates"]: ("mandates",),
                "Country (or Addressee)": ("country", "addressee", "state_concerned")}
    rows, header, problems = read_records(data, file_name, FIELDS, "ref", looks_like, required)
    out = []
    for record in rows:
        comm = _read_row(record, header.positions, context, mapping, problems)
        if comm is not None:
            out.append(comm)
    out = _deduplicate(out, problems, header.cells[header.positions["ref"]])
    problems.raise_if_any()
    return out, problems


def _read_row(r: Record, present: dict[str, int], ctx: Context, mapping: Mapping, problems: Problems
              ) -> Communication | None:
    """One export row as a communication, or None when it is unusable (errors are recorded)."""
    n = r.number
    ref_text = re.sub(r"\s+", " ", r.text("ref").upper())
    if not ref_text:
        problems.bad(n, r.column("ref"), None, "a reference number is required")
        return None
    match = REF.fullmatch(ref_text)
    sent_on = date_cell(r, "date", problems, required="a date is required")
    ctype = _type(r, match, mapping, ctx, problems)
    ref = _ref(r, ref_text, match, ctype, problems)
    to = recipient(r, present, match, ctx, mapping, problems)
    mandate_ids = resolve_mandates(r.text("mandates"), r.number, r.column("mandates"), sent_on, ctx, mapping, problems)
    individuals, female = _individuals(r, problems)
    follow = r.text("follow_up").lower()
    if follow not in TRUE_WORDS | FALSE_WORDS:
        problems.bad(n, r.column("follow_up"), r.raw("follow_up"), "must be yes or no (or true/false)")
    replies = read_replies(r, problems)
    count = _count(r, problems)
    if ctype is None or sent_on is None or to is None or mandate_ids is None:
        return None
    kind, iso3, name = to
    values = {"ref": ref, "sent_on": sent_on, "type": ctype, "recipient_kind": kind, "iso3": iso3,
              "recipient": name, "mandate_ids": mandate_ids, "individuals": individuals,
              "individuals_female": female, "follow_up": follow in TRUE_WORDS}
    if count is not None and count != len(replies or []) and (replies is not None or count > 0):
        problems.warn(n, r.column("reply_count"), r.raw("reply_count"),
                      f"says {count} replies but {len(replies or [])} reply date(s) are given; only dated replies are "
                      "recorded (with none, the base snapshot's replies to this reference are kept)")
    return Communication(n, ref, values, replies or [], count)


def _ref(r: Record, ref_text: str, match: re.Match[str] | None, ctype: str | None, problems: Problems) -> str:
    """The reference in one spelling, so that the export's rows meet the base snapshot's."""
    if not match:
        return ref_text
    ref_type = TYPE_WORDS[match.group("type")] if match.group("type") else ctype
    if match.group("type") and ctype and ref_type != ctype:
        problems.bad(r.number, r.column("type"), r.text("type"),
                     f"says {ctype} but the reference {r.text('ref')!r} is a {ref_type}")
    return f"{ref_type or '?'} {match.group('code')} {int(match.group('num'))}/{match.group('year')}"


def _type(r: Record, match: re.Match[str] | None, mapping: Mapping, ctx: Context, problems: Problems) -> str | None:
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
                first.core(), c.core(), strict=True) if a != b]
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
    base_replies: dict[tuple, dict] = {}
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


ADAPTER = Adapter("communications export", "comms", looks_like, read_communications, merge)
# The entry points: import_communications(file, base=, mapping=, root=) and, for an upload,
# import_communications_bytes(data, file_name, base=, mapping=, mapping_name=, root=, context=).
import_communications = ADAPTER.import_file
import_communications_bytes = ADAPTER.import_bytes
