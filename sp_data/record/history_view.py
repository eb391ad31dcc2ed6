"""The history of recording in words, as the Data page and the snapshot picker show it."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sp_data.diff import COUNT_WORDS, ONE
from sp_data.errors import SnapshotError
from sp_data.record.history import Entry, history
from sp_data.snapshot import current_id, read_manifest, resolve
from sp_data.i18n import N_, _, number
from sp_data.wording import date_text

# How the simulated demonstration's source reads in a label.
DEMO_SOURCE = N_("Demonstration data")
# A source's words kept in a label: the first clause, cut to fit a picker.
SOURCE_WORDS = 60
# The sources the project itself writes into a manifest, said in the reader's language ({date} a day, {file} a
# file's name); any other source is shown as its importer wrote it.
PROJECT_SOURCES = (
    N_("Demonstration data: real States and mandates, simulated events calibrated to the 2023 annual report"),
    N_("Demonstration data: real States and mandates, simulated events calibrated to the 2023 annual report; an "
       "earlier extract, up to 31 March 2024"),
    N_("Annual report of the special procedures 2023 (A/HRC/55/50), figures as at {date}"),
    N_("upload of {file}"),
)


@dataclass(frozen=True)
class HistoryRow:
    """One entry of the history, in the words a person reads."""

    id: str  # the snapshot, shown only as a secondary detail
    parent: str | None
    when: str  # "2 December 2026, 14:05 UTC" (a commit) or "1 July 2024" (an import)
    author: str | None
    note: str | None
    what: str  # "Imported: ..." or "Made current again: the version of ..." ("" for a commit)
    changed: str | None  # what it changed from its parent: "2 reminders, 1 new reply" (None for an import)
    kind: str  # "import", "commit" or "restore"
    current: bool
    restores: str | None


def when_text(stamp: str, with_time: bool = True) -> str:
    """An ISO time stamp in words: '2 December 2026, 14:05 UTC' (or the date alone)."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or _("an unknown date")
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    day = date_text(moment.date())
    return _("{date}, {time} UTC").format(date=day, time=f"{moment:%H:%M}") if with_time else day


def counts_text(counts: dict[str, int] | None) -> str:
    """What a commit changed in words: '2 reminders, 1 new reply' (every count above zero)."""
    if counts is None:
        return _("what changed is not known (the version before it cannot be opened)")
    parts = [(COUNT_WORDS[k](v).format(n=number(v)) if k in COUNT_WORDS else f"{number(v)} {ONE.get(k, k) if v == 1 else k}")
             for k, v in counts.items() if v]
    return ", ".join(parts) if parts else _("no change to the records")


def project_source(text: str) -> str | None:
    """A source the project wrote (the demonstration's, an upload's) in the reader's language; None for another."""
    for template in PROJECT_SOURCES:
        pattern = re.escape(template).replace(r"\{date\}", r"(?P<date>\d{4}-\d{2}-\d{2})").replace(
            r"\{file\}", r"(?P<file>.+)")
        found = re.fullmatch(pattern, text or "")
        if found:
            values = found.groupdict()
            if "date" in values:
                values["date"] = date_text(dt.date.fromisoformat(values["date"]))
            return _(template).format(**values)
    return None


def source_text(source: str) -> str:
    """A source's first clause, short enough for a label: 'Demonstration data'."""
    first = source.split(":")[0].split(";")[0].strip()
    return first if len(first) <= SOURCE_WORDS else first[:SOURCE_WORDS - 1].rstrip() + "…"


def version_label(manifest: dict) -> str:
    """A snapshot in words: '2 December 2026, 14:05 UTC by A. Editor (“note”)', or its import's date and source."""
    if manifest.get("committed_at"):
        text = _("{when} by {author}").format(when=when_text(manifest["committed_at"]),
                                               author=manifest.get("author") or _("an unnamed editor"))
        note = manifest.get("note")
        return f"{text} (“{note}”)" if note else text
    # The demonstration's source is the project's own words, said in the reader's language; an
    # import's source is what its importer wrote.
    raw = manifest.get("source", "")
    source = _(DEMO_SOURCE) if raw.startswith(PROJECT_SOURCES[0]) else source_text(project_source(raw) or raw)
    return _("{date}, imported: {source}").format(date=when_text(manifest.get("created", ""), with_time=False),
                                                   source=source)


def picker_label(manifest: dict, current: bool) -> str:
    """The sidebar's label of a snapshot: its date, author and note (or source), current and simulated said."""
    flags = [f for f, on in ((_("current"), current), (_("simulated"), manifest.get("simulated"))) if on]
    return version_label(manifest) + (f" · {', '.join(flags)}" if flags else "")


def picker_order(newest_first: list[str], manifests: dict[str, dict], current: str) -> list[str]:
    """Snapshots for a picker: the current one and its chain of parents first, then the others, newest first
    (times are to the second, so two commits of one second are ordered by their parents, not their times)."""
    chain: list[str] = []
    sid: str | None = current
    while sid in manifests and sid not in chain:
        chain.append(sid)
        sid = manifests[sid].get("parent")
    return chain + [s for s in newest_first if s not in chain]


def _row(entry: Entry, current: str, labels: dict[str, str]) -> HistoryRow:
    if entry.restores:
        kind = "restore"
        what = _("Made current again: the version of {version}").format(
            version=labels.get(entry.restores) or _("snapshot {id}").format(id=entry.restores))
    elif entry.parent is None:
        source = project_source(entry.source) or entry.source
        kind, what = "import", _("Imported: {source}").format(source=source) if entry.source else _("Imported")
    else:
        kind, what = "commit", ""
    return HistoryRow(id=entry.id, parent=entry.parent, when=when_text(entry.committed_at, with_time=kind != "import"),
                      author=entry.author, note=entry.note, what=what,
                      changed=counts_text(entry.counts) if entry.parent else None, kind=kind,
                      current=entry.id == current, restores=entry.restores)


def history_rows(root: Path | None = None, limit: int = 100) -> list[HistoryRow]:
    """The chain of snapshots from the current one back through their parents, newest first, in words."""
    current = current_id(root)
    entries = history(root, start=current, limit=limit)
    labels = {}
    for e in entries:  # an undo names the version it restores (possibly beyond the entries shown)
        if e.restores:
            manifest = _manifest(e.restores, root)
            if manifest:
                labels[e.restores] = version_label(manifest)
    return [_row(e, current, labels) for e in entries]


def _manifest(sid: str, root: Path | None) -> dict | None:
    try:
        return read_manifest(resolve(sid, root))
    except SnapshotError:
        return None


def version_words(sid: str, root: Path | None = None) -> str:
    """A snapshot named for a reader: 'the version of 1 July 2024, imported: …' (its id if it cannot be read)."""
    manifest = _manifest(sid, root)
    if manifest:
        return _("the version of {version}").format(version=version_label(manifest))
    return _("snapshot {id}").format(id=sid)


def earlier_notice(shown: dict, root: Path | None = None) -> str | None:
    """What the pages say when the snapshot shown is not the current one (None when it is)."""
    current = current_id(root)
    if shown.get("id") == current:
        return None
    now = _manifest(current, root)
    if now is None:
        return None
    # Times are to the second: a version from the same second as the current one came before it.
    earlier = (shown.get("committed_at") or shown.get("created", "")) <= (now.get("committed_at") or now.get("created", ""))
    if earlier:
        text = _("You are looking at an earlier version of the records, read-only: the version of {shown}. The "
                 "current one is the version of {current}; it is the first snapshot in the sidebar.")
    else:
        text = _("You are looking at another version of the records, read-only: the version of {shown}. The "
                 "current one is the version of {current}; it is the first snapshot in the sidebar.")
    return text.format(shown=version_label(shown), current=version_label(now))


def pinned_by_server() -> bool:
    """Whether the server always shows one snapshot ($SP_SNAPSHOT), whatever is made current."""
    return bool(os.environ.get("SP_SNAPSHOT"))

