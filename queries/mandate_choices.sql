-- name: mandate_choices
-- question: Which mandates can a profile be shown for, and which of them are in force as at a date?
-- definition: Every mandate of the snapshot, ended ones included, with its title, kind, dates and
--   whether it is in force as at d (established on or before d and not ended by d: base/calendar.sql's
--   mandate_active, as mandate_summary.sql says it).
-- note: the Mandate profile's picker reads only these columns; asking them of mandate_summary.sql
--   computed every mandate's figures for nothing (most of the picker's time).
-- grain: one row per mandate of the snapshot, ordered by title
-- key: mandate_id
-- parameters: $as_at DATE (the as-at date d)
SELECT
    m.mandate_id, m.title, m.kind, m.country_iso3,
    m.established_on, m.ended_on,
    mandate_active(m, $as_at::DATE)     AS in_force
FROM mandates m
ORDER BY m.title, m.mandate_id;
