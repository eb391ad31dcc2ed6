"""The Data page's import box: upload a source folder (ZIP) or an export, see the report, build, make current."""
from __future__ import annotations

import hmac

import streamlit as st

from sp_data.snapshot import use
from sp_data.upload import MAX_UPLOAD_BYTES, import_upload
from ui import cache
from ui.state import View

KINDS = {
    "zip": "A source folder in the import format (a ZIP of its CSV files)",
    "communications": "A communications export (CSV or XLSX)",
    "visits": "A country-visits spreadsheet (CSV or XLSX)",
}


def _admin_password() -> str | None:
    try:
        value = st.secrets.get("admin_password")
    except Exception:  # no secrets file at all
        return None
    return str(value) if value else None


def upload_box(view: View) -> None:
    """Upload, validate and import; enabled only when an admin password is configured."""
    password = _admin_password()
    if password is None:
        st.file_uploader("Source folder (ZIP) or export file", type=["zip", "csv", "xlsx"], disabled=True,
                         key="upload_disabled")
        st.caption("Importing from the dashboard is disabled because no admin password is configured. "
                   "Set `admin_password` in `.streamlit/secrets.toml` to enable it, or import from the "
                   "command line (`python -m sp_data import`, `import-communications`, `import-visits`).")
        return
    imported = st.session_state.get("imported_snapshot")
    if imported:
        st.success(f"Imported snapshot **{imported}**.")
        if st.button(f"Make {imported} the current snapshot", key="import_use"):
            use(imported)
            cache.clear()
            st.session_state.pop("imported_snapshot")
            st.query_params["snapshot"] = imported
            st.rerun()
    st.markdown(f"Nothing is written unless every check passes. Uploads up to {MAX_UPLOAD_BYTES // 2**20} MB. "
                "Export files are merged onto the snapshot shown now "
                f"(**{view.snapshot.id}**); the formats are in `docs/import-adapters.md`.")
    kind = st.radio("What are you importing?", list(KINDS), format_func=KINDS.get, key="import_kind")
    upload = st.file_uploader("File", type=["zip"] if kind == "zip" else ["csv", "xlsx"], key="import_file")
    mapping = None
    if kind != "zip":
        mapping = st.file_uploader("Mapping file (optional: kind,value,maps_to)", type=["csv"], key="import_mapping")
    simulated = st.checkbox("These records are simulated", key="import_simulated") if kind == "zip" else False
    given = st.text_input("Admin password", type="password", key="import_password")
    left, right = st.columns(2)
    check = left.button("Check only", key="import_check", disabled=upload is None)
    build = right.button("Import", key="import_build", type="primary", disabled=upload is None)
    if not (check or build) or upload is None:
        return
    if not hmac.compare_digest(given.encode(), password.encode()):
        st.error("Wrong admin password: nothing was read or written.")
        return
    result = import_upload(upload.getvalue(), upload.name, kind=None if kind == "zip" else kind,
                           base=str(view.snapshot.path),
                           mapping=mapping.getvalue() if mapping else None,
                           mapping_name=mapping.name if mapping else None,
                           simulated=simulated, validate_only=check)
    if not result.ok:
        st.error(f"{len(result.errors)} problem(s) found; nothing was written.")
        st.code(result.report(), language=None)
        return
    if result.warnings:
        st.warning("\n".join(f"- {w}" for w in result.warnings))
    if check:
        st.success("Every check passed. Nothing was written; press Import to build the snapshot.")
        return
    st.session_state["imported_snapshot"] = result.path.name
    st.toast("Snapshot written" if result.new else "Identical snapshot already present")
    st.rerun()
