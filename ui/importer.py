"""The Data page's import box: upload a source folder (ZIP) or an export, see the report, build, make current."""
from __future__ import annotations

import streamlit as st

from sp_data.i18n import N_, _, n_
from sp_data.public_build import LISTS, bases, build_step, contributed_text, held_text
from sp_data.snapshot import open_snapshot, use
from sp_data.upload import MAX_UPLOAD_BYTES, UploadResult, import_upload
from ui import auth, cache
from ui.state import View

KINDS = {
    "zip": N_("A source folder in the import format (a ZIP of its CSV files)"),
    "communications": N_("A communications export (CSV or XLSX)"),
    "visits": N_("A country-visits spreadsheet (CSV or XLSX)"),
    "standing_invitations": N_("A list of standing invitations (CSV or XLSX)"),
}


def upload_box(view: View) -> None:
    """Upload, validate and import; only for a signed-in editor (checked on every run, so also as Import is pressed)."""
    if auth.editor() is None:
        st.file_uploader(_("Source folder (ZIP) or export file"), type=["zip", "csv", "xlsx"], disabled=True,
                         key="upload_disabled")
        st.caption(_("Importing is switched off here. {reason} An administrator can also import from the command "
                     "line (`python -m sp_data import`, `import-communications`, `import-visits`, "
                     "`import-standing-invitations`).").format(reason=auth.disabled_reason()))
        return
    _offer_imported()
    st.markdown(_("Nothing is written unless every check passes. Uploads up to {size} MB. Export files are merged "
                  "onto the snapshot shown now (**{snapshot}**); the formats are in `docs/import-adapters.md`.").format(
                      size=MAX_UPLOAD_BYTES // 2**20, snapshot=view.snapshot.id))
    kind = st.radio(_("What are you importing?"), list(KINDS), format_func=lambda k: _(KINDS[k]), key="import_kind")
    upload = st.file_uploader(_("File"), type=["zip"] if kind == "zip" else ["csv", "xlsx"], key="import_file")
    mapping = None
    if kind != "zip":
        mapping = st.file_uploader(_("Mapping file (optional: kind,value,maps_to)"), type=["csv"],
                                   key="import_mapping")
    simulated = st.checkbox(_("These records are simulated"), key="import_simulated") if kind == "zip" else False
    left, right = st.columns(2)
    check = left.button(_("Check only"), key="import_check", disabled=upload is None)
    build = right.button(_("Import"), key="import_build", type="primary", disabled=upload is None)
    if not (check or build) or upload is None:
        return
    result = import_upload(upload.getvalue(), upload.name, kind=None if kind == "zip" else kind,
                           base=str(view.snapshot.path),
                           mapping=mapping.getvalue() if mapping else None,
                           mapping_name=mapping.name if mapping else None,
                           simulated=simulated, validate_only=check)
    if not _reported(result):
        return
    if check:
        st.success(_("Every check passed. Nothing was written; press Import to build the snapshot."))
        return
    st.session_state["imported_snapshot"] = result.written.name
    st.toast(_("Snapshot written") if result.new else _("Identical snapshot already present"))
    st.rerun()


def _offer_imported() -> None:
    """After an import: offer to make the new snapshot the current one."""
    imported = st.session_state.get("imported_snapshot")
    if imported:
        st.success(_("Imported snapshot **{id}**.").format(id=imported))
        if st.button(_("Make {id} the current snapshot").format(id=imported), key="import_use"):
            _make_current(imported, "imported_snapshot")


def _make_current(snapshot_id: str, state_key: str) -> None:
    """Make a snapshot just built the current one, and show it."""
    use(snapshot_id)
    cache.clear()
    st.session_state.pop(state_key)
    st.query_params["snapshot"] = snapshot_id
    st.rerun()


def _reported(result: UploadResult) -> bool:
    """Show an upload's errors, or its warnings; whether it passed."""
    if not result.ok:
        st.error(n_("{n} problem found; nothing was written.", "{n} problems found; nothing was written.",
                    len(result.errors)).format(n=len(result.errors)))
        st.code(result.report(), language=None)
        return False
    if result.warnings:
        st.warning("\n".join(f"- {w}" for w in result.warnings))
    return True


def public_build_box(view: View) -> None:
    """Build a wholly real snapshot from the public lists, one file at a time; gated like the upload."""
    if auth.editor() is None:
        st.caption(_("Building from public sources is switched off here, for the same reason (see above). An "
                     "administrator can also build from the command line: `python -m sp_data import-communications "
                     "FILE --base reference`, then `import-visits` and `import-standing-invitations` onto the "
                     "result."))
        return
    built = st.session_state.get("public_built")
    last = open_snapshot(built["path"]) if built else None
    if built:
        _show_built(built)
    st.markdown(_("Upload any of the three public lists, one at a time: each is added to the base you choose, and "
                  "nothing simulated is ever mixed in. What the lists do not hold (replies, when the export has "
                  "none) stays unknown, never zero."))
    choices = bases(last, view.snapshot)
    if "public_base_next" in st.session_state:  # the next list goes onto the snapshot just built
        st.session_state["public_base"] = st.session_state.pop("public_base_next")
    base = st.radio(_("Build onto"), list(choices), format_func=choices.get, key="public_base")
    kind = st.radio(_("Which public list?"), list(LISTS), format_func=lambda k: _(LISTS[k]), key="public_kind")
    upload = st.file_uploader(_("The list (CSV or XLSX)"), type=["csv", "xlsx"], key="public_file")
    mapping = st.file_uploader(_("Mapping file (optional: kind,value,maps_to)"), type=["csv"], key="public_mapping")
    if not st.button(_("Add this list"), key="public_build", type="primary", disabled=upload is None) or upload is None:
        return
    step = build_step(upload.getvalue(), upload.name, kind, base=base,
                      mapping=mapping.getvalue() if mapping else None, mapping_name=mapping.name if mapping else None)
    if not _reported(step.result):
        return
    path = step.result.written
    st.session_state["public_built"] = {"id": path.name, "path": str(path),
                                        "contributed": contributed_text(step.contributed),
                                        "held": held_text(step.held)}
    st.session_state["public_base_next"] = str(path)
    st.toast(_("Snapshot written") if step.result.new else _("Identical snapshot already present"))
    st.rerun()


def _show_built(built: dict) -> None:
    """The snapshot just built from a public list: what the list added, what it holds, and making it current."""
    st.success(_("Built snapshot **{id}** (real records only).").format(id=built["id"]))
    st.markdown(_("**What the last file contributed**"))
    st.dataframe(built["contributed"], hide_index=True, width="stretch")
    st.markdown(_("**What the snapshot now holds**"))
    st.dataframe(built["held"], hide_index=True, width="stretch")
    if st.button(_("Make {id} the current snapshot").format(id=built["id"]), key="public_use"):
        _make_current(built["id"], "public_built")
