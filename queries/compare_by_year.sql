-- name: compare_by_year
-- question: How did a few States' pending requests, visits and replies evolve year by year?
-- definition: For each calendar year y from the first year of any visit event or communication in the
--   snapshot up to d's year, with that year's as-at date d_y = 31 December of y, or d for d's own year
--   (each year as its annual report would give it), each State's row of the per-State table
--   (base/state_cooperation.sql) as at d_y: pending requests as at d_y, visits carried out in y,
--   communications sent in y, those substantively replied by d_y, and the reply rate (none when
--   nothing was sent in y).
-- grain: one row per (year, State of $states found in the snapshot), ordered by year then State
-- key: year, iso3
-- parameters: $as_at DATE (the as-at date d); $states VARCHAR[] (the States' ISO 3166-1 alpha-3 codes)
WITH years AS (
    SELECT y::INTEGER AS year, least(make_date(y::INTEGER, 12, 31), $as_at::DATE) AS d
    FROM range(
        coalesce(least((SELECT min(year(date)) FROM visit_events), (SELECT min(year(sent_on)) FROM communications)),
                 year($as_at::DATE)),
        year($as_at::DATE) + 1) t(y)
)
SELECT
    y.year, y.d AS as_at, c.iso3, c.name,
    c.pending_requests, c.visits_in_year AS visits, c.communications_in_year AS communications,
    c.substantive_replied_in_year AS substantively_replied, c.reply_rate_percent
FROM years y,
     LATERAL (SELECT * FROM state_cooperation(y.d, []::VARCHAR[], 5, only_states := $states::VARCHAR[])) c
ORDER BY y.year, c.iso3;
