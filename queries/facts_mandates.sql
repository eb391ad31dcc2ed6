-- name: facts_mandates
-- question: How many special procedures mandates exist as at a date, thematic and country?
-- definition: Mandates as at d: established_on <= d and (ended_on empty or > d). Not filtered by
--   regional group: mandates belong to no group.
-- grain: one row
-- key: (one row)
-- parameters: $as_at DATE
SELECT
    count(*)                                AS mandates_total,
    count(*) FILTER (kind = 'thematic')     AS mandates_thematic,
    count(*) FILTER (kind = 'country')      AS mandates_country
FROM mandates m
WHERE mandate_active(m, $as_at::DATE);
