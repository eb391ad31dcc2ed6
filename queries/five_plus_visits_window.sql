-- name: five_plus_visits_window
-- question: Which Member States received five or more visits in the five-year window?
-- definition: Visits in the window: `completed` events of threads hosted by the State dated in the
--   five-year window (the five calendar years ending with d's year, up to d); the annual report
--   lists the Member States with five or more. Visits in the year and standing invitation as in
--   base/state_cooperation.sql.
-- grain: one row per Member State of the selected groups with five or more visits in the window,
--   ordered by visits (most first), then name
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all);
--   $threshold INTEGER (passed to state_cooperation; does not change these rows)
SELECT
    iso3, name, regional_group,
    visits_5y,
    visits_in_year,
    last_visit_on,
    standing_invitation
FROM state_visits($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)
WHERE un_status = 'member' AND visits_5y >= 5
ORDER BY visits_5y DESC, name;
