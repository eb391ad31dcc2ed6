-- name: thread_status
-- question: What is the status of every visit thread as at a date, and is it a pending request?
-- definition: A thread's status as at d is its latest event on or before d (ties: the import
--   format's event order, later wins). A thread with no event on or before d does not exist yet.
--   A request is a `requested` or `reminder` event; an acceptance is an `invited`, `accepted` or
--   `dates_proposed` event; a visit is carried out on its `completed` event's date (its first day).
--   Pending request as at d: a thread whose status as at d is `requested`, `reminder` or
--   `acknowledged` and whose latest request or reminder is dated within the five-year window.
-- note: the events on or before d come first in load/thread_events.sql's order, so the thread's
--   row as at d is its last event on or before d: the one whose next event is after d, or that
--   has none.
-- grain: one row per visit thread with at least one event on or before d
-- key: visit_id
-- needs: thread_events, calendar, statuses
-- parameters: none (macro argument: d DATE, the as-at date)
CREATE MACRO thread_status(d) AS TABLE
SELECT
    visit_id, mandate_id, host_kind, iso3, host_name,
    event                                                                  AS status,
    date                                                                   AS status_date,
    first_request_on, last_request_on, reminders, last_accepted_on, last_declined_on,
    visit_start, visit_end,
    coalesce(is_pending_status(event) AND last_request_on >= window_start(d), false) AS pending
FROM thread_events
WHERE date <= d AND (next_date IS NULL OR next_date > d);
