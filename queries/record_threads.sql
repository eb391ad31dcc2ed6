-- name: record_threads
-- question: Which visit threads of one State can an editor record on, and where does each stand?
-- definition: Every visit thread whose host is the State $iso3 or a territory of it (visits.iso3),
--   whatever its dates: its mandate and title, its first event (kind and date) and its latest event
--   (kind and date: the thread's last event in date order, ties in the import format's event order,
--   later wins, as for a thread's status), and how many events it has.
-- grain: one row per visit thread of the State, ordered by mandate title, then first event date
-- key: visit_id
-- parameters: $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code)
WITH events AS (
    SELECT e.visit_id,
           min(e.date)                                           AS first_date,
           first(e.event ORDER BY e.date, event_rank(e.event)) AS first_event,
           count(*)                                              AS events
    FROM visit_events e JOIN visits v USING (visit_id)
    WHERE v.iso3 = $iso3::VARCHAR
    GROUP BY e.visit_id
)
SELECT
    t.visit_id, t.mandate_id, m.title AS mandate_title, t.host_kind, t.host_name,
    f.first_event, f.first_date, t.event AS latest_event, t.date AS latest_date, f.events
FROM thread_events t
JOIN events f USING (visit_id)
JOIN mandates m USING (mandate_id)
WHERE t.next_date IS NULL
ORDER BY m.title, f.first_date, t.visit_id;
