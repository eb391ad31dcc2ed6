-- name: mandate_summary
-- question: Per mandate, as at a date: how many of its visit requests are pending, how many accepted
--   visits it has not yet carried out, how many visits it carried out, and how States answered the
--   communications it sent or joined?
-- definition: Per mandate: the same definitions restricted to the mandate's threads (pending
--   requests, accepted not yet carried out, visits in Y and in the window) and to the communications
--   whose mandates include it (a joint communication counts once for each of its mandates).
--   Pending request as at d: a thread whose status as at d is `requested`, `reminder` or
--   `acknowledged` and whose latest request or reminder is dated within the five-year window (only
--   threads hosted by a State, as for every pending figure). Accepted, not yet carried out:
--   base/accepted_not_carried_out.sql (every host kind). Visit carried out in Y: a `completed` event
--   dated in Y and on or before d; in the window: dated in the five-year window and on or before d.
--   Communications sent in Y: sent_on in Y and on or before d, with the mandate among its mandates;
--   substantively replied: at least one substantive reply on or before d; reply rate = replied /
--   sent, as a percentage with two decimals (NULL when it sent none). With a regional-group filter,
--   a thread counts when its host's iso3 belongs to a selected group and a communication when the
--   State it is addressed to or concerns does. Mandates as at d: established_on <= d and (ended_on
--   empty or > d) (in_force); every mandate of the snapshot is listed, ended ones included.
-- grain: one row per mandate of the snapshot, ordered by title
-- key: mandate_id
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all)
WITH threads AS (
    SELECT t.*
    FROM thread_status($as_at::DATE) t
    LEFT JOIN states s ON s.iso3 = t.iso3
    WHERE in_regions(s.regional_group, $regions::VARCHAR[])
),
visits AS (
    SELECT
        mandate_id,
        count(*) FILTER (t.host_kind = 'state' AND t.pending)                     AS pending_requests,
        min(t.first_request_on) FILTER (t.host_kind = 'state' AND t.pending)      AS oldest_pending_request_on,
        count(*) FILTER (t.visit_start >= year_start($as_at::DATE))               AS visits_in_year,
        count(*) FILTER (t.visit_start >= window_start($as_at::DATE))             AS visits_5y,
        max(t.visit_start)                                                        AS last_visit_on
    FROM threads t
    GROUP BY mandate_id
),
accepted AS (
    SELECT a.mandate_id, count(*) AS accepted_not_carried_out, min(a.accepted_on) AS oldest_accepted_on
    FROM accepted_not_carried_out($as_at::DATE) a
    LEFT JOIN states s ON s.iso3 = a.iso3
    WHERE in_regions(s.regional_group, $regions::VARCHAR[])
    GROUP BY a.mandate_id
),
sent AS (
    SELECT c.mandate_ids, c.substantively_replied
    FROM communications_as_at($as_at::DATE) c
    LEFT JOIN states s ON s.iso3 = c.iso3
    WHERE c.sent_on BETWEEN year_start($as_at::DATE) AND $as_at::DATE
      AND in_regions(s.regional_group, $regions::VARCHAR[])
),
letters AS (
    -- A joint communication counts once for each of its (distinct) mandates.
    SELECT mandate_id, count(*) AS communications_in_year,
           count(*) FILTER (substantively_replied) AS substantive_replied_in_year
    FROM (SELECT unnest(list_distinct(mandate_ids)) AS mandate_id, substantively_replied FROM sent)
    GROUP BY mandate_id
)
SELECT
    m.mandate_id, m.title, m.kind, m.country_iso3, cs.name AS country_name,
    m.established_on, m.ended_on,
    mandate_active(m, $as_at::DATE)                                     AS in_force,
    coalesce(v.pending_requests, 0)                                     AS pending_requests,
    v.oldest_pending_request_on,
    coalesce(a.accepted_not_carried_out, 0)                             AS accepted_not_carried_out,
    a.oldest_accepted_on,
    coalesce(v.visits_in_year, 0)                                       AS visits_in_year,
    coalesce(v.visits_5y, 0)                                            AS visits_5y,
    v.last_visit_on,
    coalesce(l.communications_in_year, 0)                               AS communications_in_year,
    coalesce(l.substantive_replied_in_year, 0)                          AS substantive_replied_in_year,
    percent(l.substantive_replied_in_year, l.communications_in_year)    AS reply_rate_percent
FROM mandates m
LEFT JOIN states cs ON cs.iso3 = m.country_iso3
LEFT JOIN visits v USING (mandate_id)
LEFT JOIN accepted a USING (mandate_id)
LEFT JOIN letters l USING (mandate_id)
ORDER BY m.title, m.mandate_id;
