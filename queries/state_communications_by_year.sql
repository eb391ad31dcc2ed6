-- name: state_communications_by_year
-- question: How many communications were sent to one State each year, how many did it reply to
--   substantively, and how does its reply rate compare with its regional group's?
-- definition: For each calendar year y from the first year with any communication in the snapshot
--   up to d's year, with that year's as-at date d_y = 31 December of y, or d for d's own year
--   (so each year reads as the annual report of year y would give it): the State's figures of the
--   per-State table (base/state_cooperation.sql) as at d_y. Communications sent in Y: sent_on in
--   Y (recipient kind state, addressed to the State). Reply rate for Y: communications sent in Y
--   that received at least one substantive reply on or before d_y (base/communications_as_at.sql),
--   divided by communications sent in Y. The group's median reply rate: the median of the reply
--   rates of the States of the State's own regional group that were sent something in y (none for
--   a State in no group).
-- note: every year is counted in one pass over the communications; evaluating the per-State table
--   once per year took seconds on a large snapshot. The definition is base/state_profiles.sql's,
--   which Compare's queries (compare_state_*.sql) share.
-- grain: one row per year, ordered by year (no row when the snapshot has no such State)
-- key: year
-- parameters: $as_at DATE (the as-at date d); $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code)
SELECT * EXCLUDE (iso3) FROM state_communications_years($as_at::DATE, [$iso3::VARCHAR])
ORDER BY year;
