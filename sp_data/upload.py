"""Uploads for the app's Data page: a ZIP of a source folder, or an export file, checked then imported."""
from __future__ import annotations

import io
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sp_data.adapters.context import Context, base_snapshot
from sp_data.adapters.kinds import ADAPTERS
from sp_data.adapters.sheets import read_sheet
from sp_data.errors import Issue, Said, SnapshotError, SourceError
from sp_data.i18n import N_, _
from sp_data.snapshot import write_snapshot
from sp_data.source import read_source

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # the upload itself
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # everything a ZIP may unpack to
MAX_ZIP_MEMBERS = 200  # entries of a ZIP, folders included
EXPORT_SUFFIXES = (".csv", ".xlsx", ".xlsm")
KINDS = ("communications", "visits", "standing_invitations")


@dataclass
class UploadResult:
    """What an upload gave: a snapshot, or the report of why not (nothing is written then)."""

    ok: bool
    path: Path | None = None
    new: bool = False
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    validated_only: bool = False

    @property
    def written(self) -> Path:
        """The snapshot's folder, of a result that wrote it (or found it already present)."""
        if self.path is None:
            raise ValueError("no snapshot was written: " + self.report())
        return self.path

    def report(self) -> str:
        """The errors and warnings, one a line, with a closing summary."""
        lines = [_("error: {issue}").format(issue=i) for i in self.errors] + [
            _("warning: {issue}").format(issue=i) for i in self.warnings]
        if self.ok and self.validated_only:
            lines.append(_("Valid; nothing was written (validation only)."))
        elif self.ok:
            lines.append((_("Wrote: {path}") if self.new else _("Already present (identical content): {path}")).format(
                path=self.path))
        else:
            lines.append(_("{n} error(s); nothing was written.").format(n=len(self.errors)))
        return "\n".join(lines)


class UploadRefused(Exception):
    """An upload refused before any of it is read as data (size, ZIP structure)."""

    def __init__(self, file: str, message: str, value: str | None = None) -> None:
        self.issue = Issue(file, None, None, value, message)
        super().__init__(str(self.issue))


def import_upload(data: bytes, filename: str, *, kind: str | None = None, base: str | Path | None = None,
                  mapping: bytes | None = None, mapping_name: str | None = None, simulated: bool = False,
                  root: Path | None = None, validate_only: bool = False,
                  max_bytes: int = MAX_UPLOAD_BYTES) -> UploadResult:
    """Validate an upload and, unless validate_only, write it as a new snapshot.

    A .zip is a source folder in the import format (import-format.md); a .csv or .xlsx is an export
    for an adapter (kind 'communications', 'visits' or 'standing_invitations', guessed from its header when not given),
    merged onto the base snapshot. Nothing is returned half-done: on any failure no snapshot is
    written and the result lists every error.
    """
    try:
        if len(data) > max_bytes:
            raise UploadRefused(filename, Said(N_("the upload is {size} bytes; the limit is {limit}"),
                                                   size=f"{len(data):,}", limit=f"{max_bytes:,}"))
        suffix = Path(filename).suffix.lower()
        if suffix == ".zip":
            return _import_zip(data, filename, simulated=simulated, root=root, validate_only=validate_only)
        if suffix in EXPORT_SUFFIXES or suffix == ".xls":
            return _import_export(data, filename, kind, base, mapping, mapping_name, root, validate_only)
        raise UploadRefused(filename, N_("give a .zip of a source folder, or a .csv or .xlsx export"))
    except UploadRefused as exc:
        return UploadResult(False, errors=[exc.issue])
    except SourceError as exc:
        return UploadResult(False, errors=list(exc.issues))
    except SnapshotError as exc:
        return UploadResult(False, errors=[Issue(filename, None, None, None, str(exc))])


# ---------------------------------------------------------------------------------------------
# A ZIP of a source folder


def safe_extract(data: bytes, into: Path, *, name: str = "upload.zip", max_total: int = MAX_UNZIPPED_BYTES,
                 max_members: int = MAX_ZIP_MEMBERS) -> list[Path]:
    """Extract the CSV files of a ZIP into a folder, refusing anything that could escape it or
    overwhelm the machine; return the files written.

    Refused: entries with absolute paths, drive letters or '..'; symbolic links and other special
    files; encrypted entries; repeated names; more than max_members entries; more than max_total
    bytes unpacked (counted while unpacking, so a ZIP that understates its sizes is caught too).
    Other files than .csv (and the folders macOS adds) are skipped.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise UploadRefused(name, Said(N_("is not a readable ZIP file ({problem})"), problem=exc)) from None
    with archive:
        return _unpack(archive, _csv_members(archive, name, max_total, max_members), into, name, max_total)


def _csv_members(archive: zipfile.ZipFile, name: str, max_total: int,
                 max_members: int) -> list[tuple[zipfile.ZipInfo, list[str]]]:
    """The CSV entries to unpack, with their path parts, once the whole ZIP's listing is found safe."""
    members = archive.infolist()
    if len(members) > max_members:
        raise UploadRefused(name, Said(N_("the ZIP has {n} entries; the limit is {limit}"), n=len(members),
                                          limit=max_members))
    declared = sum(m.file_size for m in members)
    if declared > max_total:
        raise UploadRefused(name, Said(N_("the ZIP unpacks to {size} bytes; the limit is {limit}"), size=f"{declared:,}",
                                          limit=f"{max_total:,}"))
    seen: set[str] = set()
    chosen = []
    for member in members:
        parts = _safe_parts(member, name)
        if parts is None:  # a folder entry
            continue
        joined = "/".join(parts).casefold()
        if joined in seen:
            raise UploadRefused(name, N_("the ZIP holds the same name twice"), member.filename)
        seen.add(joined)
        if parts[0] == "__MACOSX" or parts[-1].startswith(".") or not parts[-1].lower().endswith(".csv"):
            continue
        chosen.append((member, parts))
    return chosen


def _unpack(archive: zipfile.ZipFile, chosen: list[tuple[zipfile.ZipInfo, list[str]]], into: Path, name: str,
            max_total: int) -> list[Path]:
    """Write the chosen entries into the folder, counting the bytes unpacked as they come."""
    written, total = [], 0
    root = into.resolve()
    for member, parts in chosen:
        target = into.joinpath(*parts)
        if not target.resolve().is_relative_to(root):  # belt and braces after _safe_parts
            raise UploadRefused(name, N_("the entry would be written outside the folder"), member.filename)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with archive.open(member) as src, target.open("wb") as out:
                while block := src.read(1 << 16):
                    total += len(block)
                    if total > max_total:
                        raise UploadRefused(name, Said(N_("the ZIP unpacks to more than {limit} bytes"), limit=f"{max_total:,}"))
                    out.write(block)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError) as exc:
            raise UploadRefused(name, Said(N_("an entry cannot be unpacked ({problem})"), problem=exc), member.filename) from None
        written.append(target)
    return written


def _safe_parts(member: zipfile.ZipInfo, name: str) -> list[str] | None:
    """The path parts of a ZIP entry, or UploadRefused when the entry is unsafe; None for a folder."""
    raw = member.filename
    mode = member.external_attr >> 16
    if member.flag_bits & 0x1:
        raise UploadRefused(name, N_("the ZIP holds an encrypted entry"), raw)
    # Only Unix-made ZIPs record a file type; none at all (0) is an ordinary file.
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise UploadRefused(name, N_("the ZIP holds a symbolic link or special file"), raw)
    text = raw.replace("\\", "/")
    if "\0" in text or text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        raise UploadRefused(name, N_("the ZIP holds an absolute path"), raw)
    parts = [p for p in PurePosixPath(text).parts if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise UploadRefused(name, N_("the ZIP holds a path that climbs out of its folder ('..')"), raw)
    if member.is_dir() or not parts:
        return None
    return parts


def _source_folder(files: list[Path], into: Path, name: str) -> Path:
    """The one folder of the ZIP that holds its CSV files."""
    folders = {f.parent for f in files}
    if not files:
        raise UploadRefused(name, N_("the ZIP holds no .csv file; put the source folder's CSV files in it"))
    if len(folders) > 1:
        shown = ", ".join(sorted(str(f.relative_to(into)) or "." for f in folders)[:5])
        raise UploadRefused(name, Said(N_("the ZIP holds CSV files in several folders ({folders}); put one source folder "
                                             "in it"), folders=shown))
    return folders.pop()


def _import_zip(data: bytes, filename: str, *, simulated: bool, root: Path | None, validate_only: bool) -> UploadResult:
    with tempfile.TemporaryDirectory(prefix="sp-upload-") as tmp:
        into = Path(tmp)
        files = safe_extract(data, into, name=filename)
        folder = _source_folder(files, into, filename)
        try:
            source = read_source(folder)
        except SourceError as exc:
            raise SourceError([_in_zip(i, filename) for i in exc.issues]) from None
    warnings = [_in_zip(w, filename) for w in source.warnings]
    counts = {k: v.height for k, v in source.tables.items()}
    if validate_only:
        return UploadResult(True, warnings=warnings, counts=counts, validated_only=True)
    label = f"upload of {Path(filename).name}"
    path, new = write_snapshot(source.tables, source=label, simulated=simulated, root=root)
    return UploadResult(True, path=path, new=new, warnings=warnings, counts=counts)


def _in_zip(issue: Issue, filename: str) -> Issue:
    """An issue of a file inside the ZIP, named as such."""
    return Issue(f"{filename}: {issue.file}", issue.row, issue.column, issue.value, issue.message)


# ---------------------------------------------------------------------------------------------
# An export file


def guess_kind(data: bytes, filename: str) -> str:
    """'communications', 'visits' or 'standing_invitations', from the header of an export."""
    for kind, adapter in ADAPTERS.items():
        sheet = read_sheet(data, filename, adapter.looks_like)
        if adapter.looks_like(sheet.rows):
            return kind
    raise UploadRefused(filename, N_("cannot tell whether this is a communications export, a visits spreadsheet "
                                     "or a list of standing invitations from its header; choose the kind"))


def _import_export(data: bytes, filename: str, kind: str | None, base: str | Path | None, mapping: bytes | None,
                   mapping_name: str | None, root: Path | None, validate_only: bool) -> UploadResult:
    kind = kind or guess_kind(data, filename)
    if kind not in KINDS:
        raise UploadRefused(filename, Said(N_("unknown kind {kind}; use one of: {kinds}"), kind=repr(kind),
                                                kinds=", ".join(KINDS)))
    context = Context.of(base_snapshot(base, root))
    if validate_only:
        tables, warnings = ADAPTERS[kind].check_bytes(data, filename, context, mapping, mapping_name)
        return UploadResult(True, warnings=warnings, counts={k: v.height for k, v in tables.items()},
                            validated_only=True)
    result = ADAPTERS[kind].import_bytes(data, filename, mapping=mapping, mapping_name=mapping_name, root=root,
                                         context=context)
    return UploadResult(True, path=result.path, new=result.new, warnings=result.warnings, counts=result.counts)

