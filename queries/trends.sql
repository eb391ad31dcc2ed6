-- name: trends
-- question: How have visits, communications and replies evolved year by year, by regional group?
-- definition: For each report year y from $from_year to $to_year (and not after d), with its as-at
--   date d_y = 31 December of y, or d for d's own year: visits carried out in y and on or before
--   d_y (a `completed` event, every host as in facts_visits: States, territories and institutions,
--   by the group of the host's iso3, no group for institutions and territories of no State, so
--   that the year's point equals the tile and the Country visits page); communications of y and those
--   substantively replied by d_y, of every type and mandate (base/communications_by_year.sql);
--   reply rate = replied / sent, as the annual report of year y would give it. With a
--   regional-group filter, only those groups.
-- grain: one row per (year, regional group) with any visit or communication
-- key: year, regional_group (may be NULL: the States in no group, or letters concerning no State)
-- parameters: $as_at DATE; $regions VARCHAR[] (empty = all); $from_year INTEGER; $to_year INTEGER
WITH visits_by_year AS (
    SELECT y.year, s.regional_group, count(*) AS visits
    FROM report_years($as_at::DATE, $from_year::INTEGER, $to_year::INTEGER) y
    JOIN visit_events e ON e.event = 'completed' AND year(e.date) = y.year AND e.date <= y.d
    JOIN visits v ON v.visit_id = e.visit_id
    LEFT JOIN states s ON s.iso3 = v.iso3
    WHERE in_regions(s.regional_group, $regions::VARCHAR[])
    GROUP BY ALL
),
comms_by_year AS (
    -- Every type and mandate: base/communications_by_year.sql.
    SELECT year, regional_group, communications, substantively_replied AS replied
    FROM communications_by_year($as_at::DATE, $regions::VARCHAR[], $from_year::INTEGER, $to_year::INTEGER,
                                []::VARCHAR[], NULL::VARCHAR)
)
SELECT
    coalesce(v.year, c.year)                        AS year,
    coalesce(v.regional_group, c.regional_group)    AS regional_group,
    coalesce(v.visits, 0)                           AS visits,
    coalesce(c.communications, 0)                   AS communications,
    coalesce(c.replied, 0)                          AS substantively_replied,
    percent(c.replied, c.communications)            AS reply_rate_percent
FROM visits_by_year v
FULL JOIN comms_by_year c ON c.year = v.year AND c.regional_group IS NOT DISTINCT FROM v.regional_group
ORDER BY year, regional_group NULLS LAST;
