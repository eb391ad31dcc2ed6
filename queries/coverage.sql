-- name: coverage
-- question: Which kinds of record does the snapshot hold, and for which period?
-- definition: Coverage (DESIGN.md): for each kind of record (visit threads, standing invitations,
--   communications, replies), whether the snapshot holds it and the period it covers, from the
--   source when it states one, else from the first and last dates seen. The table is loaded from
--   the manifest when the snapshot is opened (sp_data.coverage.load_into).
-- grain: one row per kind of record
-- key: kind
-- parameters: none
SELECT kind, held, first_date, last_date, stated FROM coverage ORDER BY kind;
