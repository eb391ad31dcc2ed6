-- name: open_threads
-- question: Which visit threads are still open as at a date, and where do they stand?
-- definition: Thread status as at d: the latest visit event on or before d. Open: status requested,
--   reminder, acknowledged, invited, accepted, dates_proposed or postponed. First request: the
--   thread's first `requested`, `reminder` or `invited` event; latest request: its latest
--   `requested` or `reminder` event. Pending (DESIGN.md): status requested, reminder or
--   acknowledged and latest request or reminder dated within the five-year window. Every host kind
--   is listed; with a regional-group filter, a thread counts when its host's iso3 belongs to a
--   selected group.
-- grain: one row per open thread, ordered by host, first request
-- key: visit_id
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all)
SELECT
    t.visit_id,
    t.host_kind,
    t.iso3,
    CASE t.host_kind WHEN 'state' THEN coalesce(s.name, t.iso3) ELSE t.host_name END  AS host,
    s.regional_group,
    t.mandate_id,
    m.title                                                                           AS mandate_title,
    t.status,
    t.status_date,
    t.first_request_on,
    t.last_request_on,
    t.reminders,
    t.pending
FROM thread_status($as_at::DATE) t
JOIN mandates m USING (mandate_id)
LEFT JOIN states s ON s.iso3 = t.iso3
WHERE is_open_status(t.status)
  AND in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY host, t.first_request_on, t.visit_id;
