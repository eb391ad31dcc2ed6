-- name: mandate_threads
-- question: What is the status of every visit request of one mandate, as at a date?
-- definition: Thread status as at d: the latest visit event on or before d. Pending request as at
--   d: a thread whose status as at d is `requested`, `reminder` or `acknowledged` and whose latest
--   request or reminder is dated within the five-year window (only threads hosted by a State); its
--   age runs from its first request to d. Accepted, not yet carried out: status invited, accepted,
--   dates_proposed or postponed (base/accepted_not_carried_out.sql); its time since acceptance runs
--   from its latest invited, accepted or dates_proposed event to d. A visit carried out: the
--   thread's `completed` event (first day of the visit) and its end date. Every host kind is
--   listed; with a regional-group filter, a thread counts when its host's iso3 belongs to a
--   selected group.
-- grain: one row per visit thread of the mandate with at least one event on or before d, ordered
--   by first event
-- key: visit_id
-- parameters: $as_at DATE (the as-at date d); $mandate VARCHAR (the mandate's id);
--   $regions VARCHAR[] (regional group codes; empty = all)
WITH t AS (
    SELECT t.*, s.name AS state_name, s.regional_group
    FROM thread_status($as_at::DATE) t
    LEFT JOIN states s ON s.iso3 = t.iso3
    WHERE t.mandate_id = $mandate::VARCHAR
      AND in_regions(s.regional_group, $regions::VARCHAR[])
),
first_events AS (
    -- thread_events holds every visit event with its thread's mandate (load/thread_events.sql): the mandate's
    -- events are found by a filter on the scan, where joining every visit event with t cost a large snapshot dear.
    SELECT e.visit_id, min(e.date) AS first_event_on
    FROM thread_events e JOIN t USING (visit_id)
    WHERE e.mandate_id = $mandate::VARCHAR AND e.date <= $as_at::DATE
    GROUP BY e.visit_id
),
accepted AS (
    SELECT visit_id, days_since_acceptance
    FROM accepted_not_carried_out($as_at::DATE)
    WHERE mandate_id = $mandate::VARCHAR
)
SELECT
    t.visit_id, t.host_kind, t.iso3,
    CASE t.host_kind WHEN 'state' THEN coalesce(t.state_name, t.iso3) ELSE t.host_name END AS host,
    t.regional_group,
    t.status, t.status_date, f.first_event_on,
    t.first_request_on, t.last_request_on, t.reminders, t.last_accepted_on, t.last_declined_on,
    t.visit_start, t.visit_end,
    t.visit_start >= window_start($as_at::DATE)                                AS visit_in_window,
    t.host_kind = 'state' AND t.pending                                         AS pending,
    CASE WHEN t.host_kind = 'state' AND t.pending
         THEN date_diff('day', t.first_request_on, $as_at::DATE) END           AS pending_age_days,
    a.visit_id IS NOT NULL                                                      AS accepted_not_carried_out,
    a.days_since_acceptance
FROM t
JOIN first_events f USING (visit_id)
LEFT JOIN accepted a USING (visit_id)
ORDER BY f.first_event_on, host, t.visit_id;
