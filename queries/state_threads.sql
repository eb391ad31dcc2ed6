-- name: state_threads
-- question: What is the status of every visit thread to one State, as at a date?
-- definition: Thread status as at d: the latest visit event on or before d (base/thread_status.sql;
--   only threads whose host kind is `state`, as for every State figure). Pending request as at d:
--   a thread whose status as at d is `requested`, `reminder` or `acknowledged` and whose latest
--   request or reminder is dated within the five-year window; its age is the number of days from
--   its first request to d. A visit carried out: the thread's `completed` event (first day of the
--   visit) and that event's end date. Within the five-year window: the visit's first day is in it.
-- grain: one row per visit thread hosted by the State with at least one event on or before d,
--   ordered by first event
-- key: visit_id
-- parameters: $as_at DATE (the as-at date d); $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code)
WITH t AS (
    SELECT * FROM thread_status($as_at::DATE)
    WHERE host_kind = 'state' AND iso3 = $iso3::VARCHAR
),
first_events AS (
    SELECT e.visit_id, min(e.date) AS first_event_on
    FROM visit_events e JOIN t USING (visit_id)
    WHERE e.date <= $as_at::DATE
    GROUP BY e.visit_id
)
SELECT
    t.visit_id, t.mandate_id, m.title AS mandate_title, m.kind AS mandate_kind,
    t.status, t.status_date, f.first_event_on,
    t.first_request_on, t.last_request_on, t.reminders, t.last_accepted_on, t.last_declined_on,
    t.visit_start, t.visit_end,
    t.visit_start >= window_start($as_at::DATE)                               AS visit_in_window,
    t.pending,
    CASE WHEN t.pending THEN date_diff('day', t.first_request_on, $as_at::DATE) END AS pending_age_days
FROM t
JOIN first_events f USING (visit_id)
JOIN mandates m USING (mandate_id)
ORDER BY f.first_event_on, m.title, t.visit_id;
