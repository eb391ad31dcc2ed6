-- name: communications_by_year
-- question: How many communications were sent each year, by regional group, and how many had a
--   substantive reply by the end of that year?
-- definition: Report years: each calendar year y from from_year to to_year and not after d, with
--   its as-at date d_y = 31 December of y, or d for d's own year (the date the annual report of
--   year y counts to). Communications of y: sent in y and on or before d_y, to or concerning a State
--   of the group (by its iso3; letters with no State concerned have an empty group), of the given
--   types (an empty list keeps every type) and with the given mandate among theirs (NULL keeps
--   every mandate); substantively replied: at least one substantive reply on or before d_y
--   (base/communications_as_at.sql). With a regional-group filter, only those groups.
-- note: one definition for the Overview's trends (trends.sql) and the Communications page's
--   (communications_trends.sql), which selects types and a mandate.
-- grain: report_years: one row per year; communications_by_year: one row per (year, regional
--   group) with any communication
-- key: year, regional_group (may be NULL: letters concerning no State, or a State in no group);
--   report_years: year
-- needs: communications_as_at, calendar
-- parameters: none (macro arguments: d DATE, regions VARCHAR[], from_year INTEGER, to_year
--   INTEGER, types VARCHAR[], mandate VARCHAR)
CREATE MACRO report_years(d, from_year, to_year) AS TABLE
SELECT y::INTEGER AS year, least(make_date(y::INTEGER, 12, 31), d) AS d
FROM range(from_year, to_year + 1) t(y)
WHERE make_date(y::INTEGER, 1, 1) <= d;

CREATE MACRO communications_by_year(d, regions, from_year, to_year, types, mandate) AS TABLE
SELECT
    y.year, s.regional_group,
    count(*)                                                AS communications,
    count(*) FILTER (c.first_substantive_reply_on <= y.d)   AS substantively_replied
FROM report_years(d, from_year, to_year) y
-- Sent in y up to d_y (d_y is in year y): an equality on the year joins faster than a range.
JOIN communications_as_at(d) c ON year(c.sent_on) = y.year AND c.sent_on <= y.d
LEFT JOIN states s ON s.iso3 = c.iso3
WHERE in_regions(s.regional_group, regions)
  AND (len(types) = 0 OR list_contains(types, c.type))
  AND (mandate IS NULL OR list_contains(c.mandate_ids, mandate))
GROUP BY ALL;
