-- name: state_communications_by_year
-- question: How many communications were sent to one State each year, how many did it reply to
--   substantively, and how does its reply rate compare with its regional group's?
-- definition: For each calendar year y from the first year with any communication in the snapshot
--   up to d's year, with that year's as-at date d_y = 31 December of y, or d for d's own year
--   (so each year reads as the annual report of year y would give it): the State's figures of the
--   per-State table (base/state_cooperation.sql) as at d_y. Communications sent in Y: sent_on in
--   Y (recipient kind state, addressed to the State). Reply rate for Y: communications sent in Y
--   that received at least one substantive reply on or before d_y (base/communications_as_at.sql),
--   divided by communications sent in Y. The group's median reply rate: the median of the reply
--   rates of the States of the State's own regional group that were sent something in y (none for
--   a State in no group).
-- note: every year is counted in one pass over the communications; evaluating the per-State table
--   once per year took seconds on a large snapshot.
-- grain: one row per year, ordered by year (no row when the snapshot has no such State)
-- key: year
-- parameters: $as_at DATE (the as-at date d); $iso3 VARCHAR (the State's ISO 3166-1 alpha-3 code)
WITH me AS (
    SELECT iso3, regional_group FROM states WHERE iso3 = $iso3::VARCHAR
),
years AS (
    SELECT y::INTEGER AS year, least(make_date(y::INTEGER, 12, 31), $as_at::DATE) AS d
    FROM range(
        coalesce((SELECT min(year(sent_on)) FROM communications), year($as_at::DATE)),
        year($as_at::DATE) + 1) t(y)
),
-- The State and the other States of its regional group.
compared AS (
    SELECT iso3, regional_group FROM states
    WHERE iso3 = $iso3::VARCHAR OR regional_group = (SELECT regional_group FROM me)
),
-- The per-State table's communications_in_year and substantive_replied_in_year as at each d_y: a
-- substantive reply on or before d_y is a first substantive reply (as at d) on or before d_y.
sent AS (
    SELECT c.iso3, y.year,
           count(*)                                                AS communications_in_year,
           -- Substantively replied by that year's as-at date (base/communications_as_at.sql).
           count(*) FILTER (c.first_substantive_reply_on <= y.d)   AS substantive_replied_in_year
    FROM communications_as_at($as_at::DATE) c
    JOIN compared s ON s.iso3 = c.iso3
    JOIN years y ON year(c.sent_on) = y.year AND c.sent_on <= y.d
    WHERE c.recipient_kind = 'state'
    GROUP BY c.iso3, y.year
),
per_state AS (
    SELECT y.year, y.d, s.iso3, s.regional_group,
           coalesce(x.communications_in_year, 0)        AS communications_in_year,
           coalesce(x.substantive_replied_in_year, 0)   AS substantive_replied_in_year,
           percent(x.substantive_replied_in_year, x.communications_in_year) AS reply_rate_percent
    FROM years y
    CROSS JOIN compared s
    LEFT JOIN sent x ON x.iso3 = s.iso3 AND x.year = y.year
),
peers AS (
    SELECT year,
           round(median(reply_rate_percent), 2) AS group_median_reply_rate_percent,
           count(reply_rate_percent)            AS group_states_with_communications
    FROM per_state
    WHERE regional_group = (SELECT regional_group FROM me)
    GROUP BY year
)
SELECT
    p.year, p.d AS as_at,
    p.communications_in_year      AS communications,
    p.substantive_replied_in_year AS substantively_replied,
    p.reply_rate_percent,
    g.group_median_reply_rate_percent,
    coalesce(g.group_states_with_communications, 0) AS group_states_with_communications
FROM per_state p
LEFT JOIN peers g USING (year)
WHERE p.iso3 = $iso3::VARCHAR
ORDER BY p.year;
