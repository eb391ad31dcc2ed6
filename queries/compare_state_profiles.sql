-- name: compare_state_profiles
-- question: How does each of a few States cooperate as at a date, and how does it compare with its regional group?
-- definition: For each State of $states, its profile's row (base/state_profiles.sql, the Cooperation
--   profile's definitions, as state_profile.sql gives it for one State): its row of the per-State
--   table (base/state_cooperation.sql) over all States whatever the group filter, the date its
--   standing invitation was withdrawn when on or before d, whether it is in the selected groups, and
--   its regional group's size and medians (pending requests, visits in the five-year window, reply
--   rate of the States sent something in Y).
-- grain: one row per State of $states found in the snapshot, ordered by iso3
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $states VARCHAR[] (the States' ISO 3166-1 alpha-3 codes);
--   $regions VARCHAR[] (the selected regional groups; empty = all; only sets in_selection);
--   $threshold INTEGER (pending requests that make a State "five-plus"; default 5)
SELECT * FROM state_profiles($as_at::DATE, $states::VARCHAR[], $regions::VARCHAR[], $threshold::INTEGER)
ORDER BY iso3;
