-- name: diff_mandate_titles
-- question: What is each mandate's title, in either of two snapshots being compared?
-- definition: The new snapshot's mandates, and the old one's for a mandate the new one no longer
--   lists; "What changed" names the mandates of each change by their short names (sp_data.wording).
-- grain: one row per mandate, by id
-- key: mandate_id
-- parameters: none. The connection holds the two snapshots as schemas old and new: sp_data.diff
-- used_by: sp_data.diff
SELECT mandate_id, title FROM new.mandates
UNION ALL
SELECT mandate_id, title FROM old.mandates WHERE mandate_id NOT IN (SELECT mandate_id FROM new.mandates)
ORDER BY mandate_id;
