-- name: states
-- question: How does each State cooperate with the special procedures, as at a date?
-- definition: Every column as defined in base/state_cooperation.sql (DESIGN.md's definitions):
--   standing invitation, ever visited, never-visited category, visits in the year and in the
--   five-year window, pending requests (and the oldest, and their reminders), acceptance in the
--   window, communications sent to the State in the year and the share with a substantive reply.
-- grain: one row per State (Member or observer) in the selected regional groups, ordered by name
-- key: iso3
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all);
--   $threshold INTEGER (pending requests that make a State "five-plus"; default 5)
SELECT * FROM state_cooperation($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)
ORDER BY name;
