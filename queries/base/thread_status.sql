-- name: thread_status
-- question: What is the status of every visit thread as at a date, and is it a pending request?
-- definition: A thread's status as at d is its latest event on or before d (ties: the import
--   format's event order, later wins). A thread with no event on or before d does not exist yet.
--   A request is a `requested` or `reminder` event; an acceptance is an `invited`, `accepted` or
--   `dates_proposed` event; a visit is carried out on its `completed` event's date (its first day).
--   Pending request as at d: a thread whose status as at d is `requested`, `reminder` or
--   `acknowledged` and whose latest request or reminder is dated within the five-year window.
-- grain: one row per visit thread with at least one event on or before d
-- parameters: none (macro argument: d DATE, the as-at date)
CREATE OR REPLACE MACRO thread_status(d) AS TABLE
WITH threads AS (
    SELECT
        v.visit_id, v.mandate_id, v.host_kind, v.iso3, v.host_name,
        arg_max(e.event, (e.date, event_rank(e.event)))                         AS status,
        max(e.date)                                                            AS status_date,
        min(e.date) FILTER (e.event IN ('requested', 'reminder', 'invited'))   AS first_request_on,
        max(e.date) FILTER (e.event IN ('requested', 'reminder'))              AS last_request_on,
        count(*)    FILTER (e.event = 'reminder')                              AS reminders,
        max(e.date) FILTER (e.event IN ('invited', 'accepted', 'dates_proposed')) AS last_accepted_on,
        max(e.date) FILTER (e.event = 'declined')                              AS last_declined_on,
        max(e.date) FILTER (e.event = 'completed')                             AS visit_start,
        max(e.end_date) FILTER (e.event = 'completed')                         AS visit_end
    FROM visits v
    JOIN visit_events e USING (visit_id)
    WHERE e.date <= d
    GROUP BY ALL
)
SELECT
    *,
    coalesce(status IN ('requested', 'reminder', 'acknowledged')
             AND last_request_on >= window_start(d), false)                    AS pending
FROM threads;
