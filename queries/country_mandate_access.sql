-- name: country_mandate_access
-- question: Does each State with a country mandate give that mandate access?
-- definition: Country-mandate access: visit threads of a country mandate to the State it concerns
--   (for the occupied Palestinian territory, threads addressed to Israel), as at d, over the
--   five-year window. "granted": a visit carried out, or an invitation, acceptance or proposed
--   dates, dated in the window. Otherwise "declined": a `declined` event dated in the window.
--   Otherwise "pending": a request or reminder dated in the window still awaiting an answer.
--   Otherwise "no request in five years". Mandates as at d only.
-- grain: one row per country mandate in force at d whose State is in the selected groups
-- key: mandate_id
-- parameters: $as_at DATE; $regions VARCHAR[] (empty = all)
WITH mandate_hosts AS (
    SELECT m.mandate_id, m.title, m.country_iso3,
           CASE m.country_iso3 WHEN 'PSE' THEN 'ISR' ELSE m.country_iso3 END AS host_iso3
    FROM mandates m
    WHERE m.kind = 'country' AND mandate_active(m, $as_at::DATE)
),
threads AS (
    SELECT t.* FROM thread_status($as_at::DATE) t WHERE t.host_kind = 'state'
),
per_mandate AS (
    SELECT
        mh.mandate_id,
        count(t.visit_id)                                                  AS threads,
        max(t.visit_start)                                                 AS last_visit_on,
        bool_or(t.visit_start >= window_start($as_at::DATE)
                OR t.last_accepted_on >= window_start($as_at::DATE))       AS granted,
        bool_or(t.last_declined_on >= window_start($as_at::DATE))          AS declined,
        bool_or(t.pending)                                                 AS pending,
        max(t.last_request_on)                                             AS last_request_on
    FROM mandate_hosts mh
    LEFT JOIN threads t ON t.mandate_id = mh.mandate_id AND t.iso3 = mh.host_iso3
    GROUP BY mh.mandate_id
)
SELECT
    mh.mandate_id, mh.title, mh.country_iso3, mh.host_iso3,
    s.name AS host_name, s.regional_group,
    CASE WHEN p.granted THEN 'granted'
         WHEN p.declined THEN 'declined'
         WHEN p.pending THEN 'pending'
         ELSE 'no request in five years' END                              AS access,
    p.threads, p.last_request_on, p.last_visit_on
FROM mandate_hosts mh
JOIN per_mandate p USING (mandate_id)
JOIN states s ON s.iso3 = mh.host_iso3
WHERE in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY access, s.name;
