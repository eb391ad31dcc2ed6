-- name: mandate_durations
-- question: How long does it take one mandate, and all mandates of its kind, from request to
--   acceptance and from acceptance to visit?
-- definition: Over the visit threads with the events on or before d. Request to acceptance: days
--   from the thread's first request (its first `requested`, `reminder` or `invited` event) to its
--   first acceptance (its first `invited`, `accepted` or `dates_proposed` event), for threads with
--   an acceptance. Acceptance to visit: days from that first acceptance to the visit's first day
--   (its `completed` event), for threads with both. Median and spread (the quartiles, 25th and
--   75th percentiles, and the number of threads) for the mandate's threads and for those of every
--   mandate of the same kind (thematic or country). With a regional-group filter, a thread counts
--   when its host's iso3 belongs to a selected group.
-- grain: one row per (measure, scope): measure 'request_to_acceptance' | 'acceptance_to_visit';
--   scope 'mandate' | 'kind'
-- key: measure, scope
-- parameters: $as_at DATE (the as-at date d); $mandate VARCHAR (the mandate's id);
--   $regions VARCHAR[] (regional group codes; empty = all)
WITH kind AS (
    SELECT kind FROM mandates WHERE mandate_id = $mandate::VARCHAR
),
per_thread AS (
    SELECT
        e.visit_id, any_value(e.mandate_id) AS mandate_id,  -- one mandate per thread
        min(e.date) FILTER (is_first_request(e.event))                               AS requested_on,
        min(e.date) FILTER (is_acceptance(e.event))                                  AS accepted_on,
        min(e.date) FILTER (e.event = 'completed')                                   AS visited_on
    -- thread_events holds every visit event with its thread's columns (load/thread_events.sql): joining
    -- visit_events with visits here cost a large snapshot over half of this query's time.
    FROM thread_events e
    JOIN mandates m USING (mandate_id)
    LEFT JOIN states s ON s.iso3 = e.iso3
    WHERE e.date <= $as_at::DATE
      AND m.kind = (SELECT kind FROM kind)
      AND in_regions(s.regional_group, $regions::VARCHAR[])
    GROUP BY e.visit_id
),
durations AS (
    SELECT mandate_id, 'request_to_acceptance' AS measure, date_diff('day', requested_on, accepted_on) AS days
    FROM per_thread WHERE requested_on IS NOT NULL AND accepted_on IS NOT NULL
    UNION ALL
    SELECT mandate_id, 'acceptance_to_visit', date_diff('day', accepted_on, visited_on)
    FROM per_thread WHERE accepted_on IS NOT NULL AND visited_on IS NOT NULL
),
scoped AS (
    SELECT 'mandate' AS scope, measure, days FROM durations WHERE mandate_id = $mandate::VARCHAR
    UNION ALL
    SELECT 'kind', measure, days FROM durations
),
measures AS (
    SELECT * FROM (VALUES ('request_to_acceptance', 1), ('acceptance_to_visit', 2)) m(measure, m_order)
    CROSS JOIN (VALUES ('mandate', 1), ('kind', 2)) s(scope, s_order)
),
quartiles AS (
    -- The three quantiles from one sort of each scope's days (three quantile_cont calls sorted them thrice).
    SELECT
        ms.measure, ms.scope, ms.m_order, ms.s_order,
        count(sc.days)                                      AS threads,
        quantile_cont(sc.days, [0.5, 0.25, 0.75])           AS q
    FROM measures ms
    LEFT JOIN scoped sc USING (measure, scope)
    GROUP BY ms.measure, ms.scope, ms.m_order, ms.s_order
)
SELECT
    measure, scope, (SELECT kind FROM kind) AS kind,
    threads,
    q[1]                                                    AS median_days,
    q[2]                                                    AS q1_days,
    q[3]                                                    AS q3_days
FROM quartiles
ORDER BY m_order, s_order;
