-- name: data_extent
-- question: Which dates does the snapshot cover, and which is its latest complete calendar year?
-- definition: The first and last dates found in visit events, standing invitations, communications
--   and replies. The latest complete calendar year is the last date's year when the last date is
--   31 December, otherwise the year before it. The default as-at date is 31 December of that year,
--   which reproduces the annual report.
-- grain: one row
-- key: (one row)
-- parameters: none
WITH dates AS (
    SELECT date AS d FROM visit_events
    UNION ALL SELECT extended_on FROM standing_invitations
    UNION ALL SELECT withdrawn_on FROM standing_invitations
    UNION ALL SELECT sent_on FROM communications
    UNION ALL SELECT received_on FROM replies
)
SELECT
    min(d) AS first_date,
    max(d) AS last_date,
    CASE WHEN month(max(d)) = 12 AND day(max(d)) = 31 THEN year(max(d)) ELSE year(max(d)) - 1 END
        AS latest_complete_year
FROM dates;
