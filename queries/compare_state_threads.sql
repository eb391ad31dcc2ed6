-- name: compare_state_threads
-- question: What is the status of every visit thread to each of a few States, as at a date?
-- definition: For each State of $states, its threads as state_threads.sql gives them for one State
--   (base/state_profiles.sql): every visit thread it hosts (host kind `state`) with at least one event
--   on or before d, its status as at d (base/thread_status.sql), its first event, its visit, whether
--   the visit's first day is in the five-year window, and a pending request's age in days.
-- grain: one row per (State, visit thread), ordered by State, then by first event as for one State
-- key: visit_id
-- parameters: $as_at DATE (the as-at date d); $states VARCHAR[] (the States' ISO 3166-1 alpha-3 codes)
SELECT * FROM state_threads_of($as_at::DATE, $states::VARCHAR[])
ORDER BY iso3, first_event_on, mandate_title, visit_id;
