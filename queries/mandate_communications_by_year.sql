-- name: mandate_communications_by_year
-- question: How many communications did one mandate send or join each year, of which type, and how
--   many had a substantive reply, against all communications?
-- definition: Report years: each calendar year y from $from_year to d's year, as at d_y = 31
--   December of y, or d for d's own year (base/communications_by_year.sql). Communications of y:
--   sent in y and on or before d_y with the mandate among its mandates (a joint communication
--   counts once for the mandate), by type (AL, UA, OL); substantively replied: at least one
--   substantive reply on or before d_y; reply rate = replied / sent, as a percentage with two
--   decimals (NULL when none was sent). All communications: the same over every communication of
--   y. With a regional-group filter, a communication counts when the State it is addressed to or
--   concerns is in a selected group.
-- grain: one row per report year, ordered by year
-- key: year
-- parameters: $as_at DATE (the as-at date d); $mandate VARCHAR (the mandate's id);
--   $regions VARCHAR[] (regional group codes; empty = all); $from_year INTEGER (the first year)
WITH years AS (
    SELECT * FROM report_years($as_at::DATE, $from_year::INTEGER, year($as_at::DATE))
),
mine AS (
    SELECT
        y.year,
        count(*)                                                AS communications,
        count(*) FILTER (c.type = 'AL')                         AS allegation_letters,
        count(*) FILTER (c.type = 'UA')                         AS urgent_appeals,
        count(*) FILTER (c.type = 'OL')                         AS other_letters,
        count(*) FILTER (c.first_substantive_reply_on <= y.d)   AS substantively_replied
    FROM years y
    JOIN communications_as_at($as_at::DATE) c ON year(c.sent_on) = y.year AND c.sent_on <= y.d
    LEFT JOIN states s ON s.iso3 = c.iso3
    WHERE list_contains(c.mandate_ids, $mandate::VARCHAR)
      AND in_regions(s.regional_group, $regions::VARCHAR[])
    GROUP BY y.year
),
every AS (
    SELECT year, sum(communications) AS communications, sum(substantively_replied) AS substantively_replied
    FROM communications_by_year($as_at::DATE, $regions::VARCHAR[], $from_year::INTEGER, year($as_at::DATE),
                                []::VARCHAR[], NULL::VARCHAR)
    GROUP BY year
)
SELECT
    y.year,
    coalesce(m.communications, 0)                                       AS communications,
    coalesce(m.allegation_letters, 0)                                   AS allegation_letters,
    coalesce(m.urgent_appeals, 0)                                       AS urgent_appeals,
    coalesce(m.other_letters, 0)                                        AS other_letters,
    coalesce(m.substantively_replied, 0)                                AS substantively_replied,
    percent(m.substantively_replied, m.communications)                  AS reply_rate_percent,
    coalesce(e.communications, 0)::BIGINT                               AS all_communications,
    percent(e.substantively_replied, e.communications)                  AS all_reply_rate_percent
FROM years y
LEFT JOIN mine m USING (year)
LEFT JOIN every e USING (year)
ORDER BY y.year;
