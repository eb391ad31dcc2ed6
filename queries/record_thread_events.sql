-- name: record_thread_events
-- question: What events does one visit thread hold, for an editor to correct or remove one?
-- definition: Every event of the visit thread $visit_id as recorded (visit_events): its date, its
--   kind and, for a visit carried out, its last day; in date order, ties in the import format's
--   event order.
-- grain: one row per event of the thread
-- key: date, event
-- parameters: $visit_id VARCHAR (the visit thread)
SELECT date, event, end_date
FROM visit_events
WHERE visit_id = $visit_id::VARCHAR
ORDER BY date, event_rank(event);
