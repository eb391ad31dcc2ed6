-- name: compare_state_communications
-- question: How many communications were sent to each of a few States each year, how many did it reply
--   to substantively, and how does its reply rate compare with its regional group's?
-- definition: For each State of $states, its years as state_communications_by_year.sql gives them for
--   one State (base/state_profiles.sql): for each calendar year y from the first year with any
--   communication up to d's year, with d_y = 31 December of y, or d for d's own year: communications
--   sent to it in y up to d_y, those substantively replied on or before d_y, the reply rate, and its
--   regional group's median reply rate over the States sent something in y, and how many they are.
-- grain: one row per (State of $states found in the snapshot, year), ordered by State and year
-- key: iso3, year
-- parameters: $as_at DATE (the as-at date d); $states VARCHAR[] (the States' ISO 3166-1 alpha-3 codes)
SELECT * FROM state_communications_years($as_at::DATE, $states::VARCHAR[])
ORDER BY iso3, year;
