-- name: mandate_events
-- question: Which events make up each visit request of one mandate, up to a date?
-- definition: The events of the mandate's visit threads dated on or before d (import-format.md: a
--   `completed` event's date is the visit's first day, its end_date the last). With a
--   regional-group filter, a thread counts when its host's iso3 belongs to a selected group.
-- grain: one row per event, ordered by thread, date and the import format's event order
-- key: visit_id, date, event
-- parameters: $as_at DATE (the as-at date d); $mandate VARCHAR (the mandate's id);
--   $regions VARCHAR[] (regional group codes; empty = all)
SELECT e.visit_id, e.event, e.date, e.end_date
FROM visit_events e
JOIN visits v USING (visit_id)
LEFT JOIN states s ON s.iso3 = v.iso3
WHERE v.mandate_id = $mandate::VARCHAR
  AND e.date <= $as_at::DATE
  AND in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY e.visit_id, e.date, event_rank(e.event);
