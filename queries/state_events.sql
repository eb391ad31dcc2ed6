-- name: state_events
-- question: Which visit events, dated on or before a date, make up the visit threads to one State?
-- definition: Every event (requested, reminder, invited, acknowledged, accepted, dates_proposed,
--   postponed, declined, cancelled, withdrawn, completed) of the threads whose host is the State
--   (host kind `state`, as for every State figure), dated on or before d; a `completed` event is
--   a visit carried out, from its date (first day) to its end date. On a tie of dates, events keep
--   the import format's order (event_rank).
-- grain: one row per visit event, ordered by thread, date and event order
-- key: visit_id, date, event
-- parameters: $as_at DATE (the as-at date d); $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code)
SELECT
    v.visit_id, v.mandate_id, m.title AS mandate_title,
    e.event, e.date, e.end_date, event_rank(e.event) AS event_order
FROM visits v
JOIN visit_events e USING (visit_id)
JOIN mandates m USING (mandate_id)
WHERE v.host_kind = 'state' AND v.iso3 = $iso3::VARCHAR AND e.date <= $as_at::DATE
ORDER BY v.visit_id, e.date, event_rank(e.event);
