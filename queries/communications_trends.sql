-- name: communications_trends
-- question: How many communications of the selected types and mandate were sent each year, by
--   regional group, and what share got a substantive reply?
-- definition: As trends.sql, restricted to the selected types and mandate: for each report year y
--   from $from_year to $to_year (and not after d), communications of y and those substantively
--   replied by the end of y as base/communications_by_year.sql defines them; reply rate = replied /
--   sent, as a percentage with two decimals, as the annual report of year y would give it. With a
--   regional-group filter, only those groups.
-- grain: one row per (year, regional group) with any communication
-- key: year, regional_group (may be NULL: letters concerning no State, or a State in no group)
-- parameters: $as_at DATE; $regions VARCHAR[] (empty = all); $from_year INTEGER; $to_year INTEGER;
--   $types VARCHAR[] (AL, UA, OL; empty = all); $mandate VARCHAR (a mandate_id that must be among
--   the communication's mandates; NULL = all)
SELECT
    year, regional_group, communications, substantively_replied,
    percent(substantively_replied, communications)                 AS reply_rate_percent
FROM communications_by_year($as_at::DATE, $regions::VARCHAR[], $from_year::INTEGER, $to_year::INTEGER,
                            $types::VARCHAR[], $mandate::VARCHAR)
ORDER BY year, regional_group NULLS LAST;
