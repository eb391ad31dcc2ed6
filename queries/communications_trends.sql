-- name: communications_trends
-- question: How many communications of the selected types and mandate were sent each year, by
--   regional group, and what share got a substantive reply?
-- definition: As trends.sql, restricted to the selected types and mandate: for each calendar year
--   y from $from_year to $to_year (and not after d), with that year's as-at date d_y = 31 December
--   of y, or d for d's own year: communications sent in y (and on or before d_y) to or concerning
--   a State of the group (by its iso3; letters with no State concerned have an empty group); those
--   with at least one substantive reply on or before d_y; reply rate = replied / sent, as a
--   percentage with two decimals, as the annual report of year y would give it. With a
--   regional-group filter, only those groups.
-- grain: one row per (year, regional group) with any communication
-- parameters: $as_at DATE; $regions VARCHAR[] (empty = all); $from_year INTEGER; $to_year INTEGER;
--   $types VARCHAR[] (AL, UA, OL; empty = all); $mandate VARCHAR (a mandate_id that must be among
--   the communication's mandates; NULL = all)
WITH years AS (
    SELECT y::INTEGER AS year, least(make_date(y::INTEGER, 12, 31), $as_at::DATE) AS d
    FROM range($from_year::INTEGER, $to_year::INTEGER + 1) t(y)
    WHERE make_date(y::INTEGER, 1, 1) <= $as_at::DATE
),
by_year AS (
    SELECT y.year, s.regional_group,
           count(*) AS communications,
           -- Substantively replied by that year's as-at date (base/communications_as_at.sql).
           count(*) FILTER (c.first_substantive_reply_on <= y.d) AS replied
    FROM years y
    -- Sent in y up to d_y (d_y is in year y): an equality on the year joins faster than a range.
    JOIN communications_as_at($as_at::DATE) c ON year(c.sent_on) = y.year AND c.sent_on <= y.d
    LEFT JOIN states s ON s.iso3 = c.iso3
    WHERE in_regions(s.regional_group, $regions::VARCHAR[])
      AND (len($types::VARCHAR[]) = 0 OR list_contains($types::VARCHAR[], c.type))
      AND ($mandate::VARCHAR IS NULL OR list_contains(c.mandate_ids, $mandate::VARCHAR))
    GROUP BY ALL
)
SELECT
    year, regional_group, communications,
    replied                                                         AS substantively_replied,
    round(100.0 * replied / communications, 2)                      AS reply_rate_percent
FROM by_year
ORDER BY year, regional_group NULLS LAST;
