-- name: state_events
-- question: Which visit events, dated on or before a date, make up the visit threads to one State?
-- definition: Every event (requested, reminder, invited, acknowledged, accepted, dates_proposed,
--   postponed, declined, cancelled, withdrawn, completed) of the threads whose host is the State
--   (host kind `state`, as for every State figure), dated on or before d; a `completed` event is
--   a visit carried out, from its date (first day) to its end date. On a tie of dates, events keep
--   the import format's order (event_rank).
-- note: the definition is base/state_profiles.sql's, which Compare's queries (compare_state_*.sql) share.
-- grain: one row per visit event, ordered by thread, date and event order
-- key: visit_id, date, event
-- parameters: $as_at DATE (the as-at date d); $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code)
SELECT * EXCLUDE (iso3) FROM state_events_of($as_at::DATE, [$iso3::VARCHAR])
ORDER BY visit_id, date, event_order;
