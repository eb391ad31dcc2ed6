-- name: thread_status
-- question: What is the status of every visit thread as at a date, and is it a pending request?
-- definition: A thread's status as at d is its latest event on or before d (ties: the import
--   format's event order, later wins). A thread with no event on or before d does not exist yet.
--   A request is a `requested` or `reminder` event; an acceptance is an `invited`, `accepted` or
--   `dates_proposed` event; a visit is carried out on its `completed` event's date (its first day).
--   Pending request as at d: a thread whose status as at d is `requested`, `reminder` or
--   `acknowledged` and whose latest request or reminder is dated within the five-year window.
-- note: when the snapshot is loaded, every event is stored once with its thread's columns, the
--   thread's figures over its events up to and including this one (in date order, ties in the
--   import format's order) and the date of the thread's next event (table thread_events). The
--   events on or before d come first in that order, so the thread's row as at d is its last event
--   on or before d: the one whose next event is after d, or that has none. Grouping every thread's
--   events afresh for each date cost a large snapshot most of each page's time.
-- grain: one row per visit thread with at least one event on or before d
-- parameters: none (macro argument: d DATE, the as-at date)
CREATE OR REPLACE TABLE thread_events AS
WITH ordered AS (
    SELECT v.visit_id, v.mandate_id, v.host_kind, v.iso3, v.host_name,
           e.event, e.date, e.end_date, event_rank(e.event) AS rank
    FROM visit_events e
    JOIN visits v USING (visit_id)
)
SELECT
    visit_id, mandate_id, host_kind, iso3, host_name, event, date,
    lead(date) OVER (PARTITION BY visit_id ORDER BY date, rank)                          AS next_date,
    -- The default frame runs to the current row and its ties, so tied events all count.
    min(CASE WHEN event IN ('requested', 'reminder', 'invited') THEN date END) OVER upto AS first_request_on,
    max(CASE WHEN event IN ('requested', 'reminder') THEN date END) OVER upto            AS last_request_on,
    count(CASE WHEN event = 'reminder' THEN 1 END) OVER upto                             AS reminders,
    max(CASE WHEN event IN ('invited', 'accepted', 'dates_proposed') THEN date END) OVER upto
                                                                                        AS last_accepted_on,
    max(CASE WHEN event = 'declined' THEN date END) OVER upto                            AS last_declined_on,
    max(CASE WHEN event = 'completed' THEN date END) OVER upto                           AS visit_start,
    max(CASE WHEN event = 'completed' THEN end_date END) OVER upto                       AS visit_end
FROM ordered
WINDOW upto AS (PARTITION BY visit_id ORDER BY date, rank);

CREATE OR REPLACE MACRO thread_status(d) AS TABLE
SELECT
    visit_id, mandate_id, host_kind, iso3, host_name,
    event                                                                  AS status,
    date                                                                   AS status_date,
    first_request_on, last_request_on, reminders, last_accepted_on, last_declined_on,
    visit_start, visit_end,
    coalesce(event IN ('requested', 'reminder', 'acknowledged')
             AND last_request_on >= window_start(d), false)                AS pending
FROM thread_events
WHERE date <= d AND (next_date IS NULL OR next_date > d);
