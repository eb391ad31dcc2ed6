-- name: pending_requests
-- question: Which visit requests are pending as at a date, and how old are they?
-- definition: Pending request as at d: a thread whose status as at d is `requested`, `reminder` or
--   `acknowledged` and whose latest request or reminder is dated within the five-year window (the
--   rule base/state_cooperation.sql counts per State). Only threads hosted by a State count. First
--   request: the thread's first `requested`, `reminder` or `invited` event; latest request: its
--   latest `requested` or `reminder` event; reminders: its `reminder` events on or before d; age:
--   days from the first request to d.
-- grain: one row per pending thread of a State in the selected groups, ordered by State, first request
-- key: visit_id
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all)
SELECT
    t.visit_id,
    t.iso3,
    s.name,
    s.regional_group,
    t.mandate_id,
    m.title                                                   AS mandate_title,
    t.status,
    t.first_request_on,
    t.last_request_on,
    t.reminders,
    date_diff('day', t.first_request_on, $as_at::DATE)        AS age_days
FROM thread_status($as_at::DATE) t
JOIN states s ON s.iso3 = t.iso3
JOIN mandates m USING (mandate_id)
WHERE t.host_kind = 'state'
  AND t.pending
  AND in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY s.name, t.first_request_on, t.visit_id;
