-- name: state_threads
-- question: What is the status of every visit thread to one State, as at a date?
-- definition: Thread status as at d: the latest visit event on or before d (base/thread_status.sql;
--   only threads whose host kind is `state`, as for every State figure). Pending request as at d:
--   a thread whose status as at d is `requested`, `reminder` or `acknowledged` and whose latest
--   request or reminder is dated within the five-year window; its age is the number of days from
--   its first request to d. A visit carried out: the thread's `completed` event (first day of the
--   visit) and that event's end date. Within the five-year window: the visit's first day is in it.
-- note: the definition is base/state_profiles.sql's, which Compare's queries (compare_state_*.sql) share.
-- grain: one row per visit thread hosted by the State with at least one event on or before d,
--   ordered by first event
-- key: visit_id
-- parameters: $as_at DATE (the as-at date d); $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code)
SELECT * EXCLUDE (iso3) FROM state_threads_of($as_at::DATE, [$iso3::VARCHAR])
ORDER BY first_event_on, mandate_title, visit_id;
