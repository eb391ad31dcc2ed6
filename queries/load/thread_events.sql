-- name: thread_events
-- question: What had each visit thread seen by each of its events?
-- definition: Every event, stored once with its thread's columns, the thread's figures over its
--   events up to and including this one (in date order, ties in the import format's order, later
--   wins) and the date of the thread's next event: its first request (a request, reminder or
--   invitation), latest request or reminder, reminders, latest acceptance (invited, accepted or
--   dates_proposed), latest decline and its visit (the `completed` event's first and last days).
-- note: built once when the snapshot is loaded, as it does not depend on the as-at date;
--   base/thread_status.sql reads a thread's row as at d from it. Grouping every thread's events
--   afresh for each date cost a large snapshot most of each page's time.
-- grain: one row per visit event
-- key: visit_id, date, event
-- needs: calendar, statuses
-- builds: thread_events
-- parameters: none
CREATE TABLE thread_events AS
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
    min(CASE WHEN is_first_request(event) THEN date END) OVER upto                      AS first_request_on,
    max(CASE WHEN is_request(event) THEN date END) OVER upto                            AS last_request_on,
    count(CASE WHEN event = 'reminder' THEN 1 END) OVER upto                             AS reminders,
    max(CASE WHEN is_acceptance(event) THEN date END) OVER upto                         AS last_accepted_on,
    max(CASE WHEN event = 'declined' THEN date END) OVER upto                            AS last_declined_on,
    max(CASE WHEN event = 'completed' THEN date END) OVER upto                           AS visit_start,
    max(CASE WHEN event = 'completed' THEN end_date END) OVER upto                       AS visit_end
FROM ordered
WINDOW upto AS (PARTITION BY visit_id ORDER BY date, rank);
