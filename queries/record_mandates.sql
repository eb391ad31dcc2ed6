-- name: record_mandates
-- question: Which mandates can an editor name on a new visit thread or communication?
-- definition: Every mandate of the snapshot (mandates), by title: those that have not ended
--   (ended_on empty) first, then those that have, each group ordered by title.
-- grain: one row per mandate
-- key: mandate_id
-- parameters: none
SELECT mandate_id, title, ended_on
FROM mandates
ORDER BY ended_on IS NOT NULL, title, mandate_id;
