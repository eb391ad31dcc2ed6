-- name: compare_state_events
-- question: Which visit events, dated on or before a date, make up the visit threads to each of a few States?
-- definition: For each State of $states, the events state_events.sql gives for one State
--   (base/state_profiles.sql): every event of the threads it hosts (host kind `state`) dated on or
--   before d, with its rank in the import format's order (event_rank) for ties of dates.
-- grain: one row per (State, visit event), ordered by State, thread, date and event order
-- key: visit_id, date, event
-- parameters: $as_at DATE (the as-at date d); $states VARCHAR[] (the States' ISO 3166-1 alpha-3 codes)
SELECT * FROM state_events_of($as_at::DATE, $states::VARCHAR[])
ORDER BY iso3, visit_id, date, event_order;
