-- name: thread_status_counts
-- question: How many visit threads are in each status, as at a date?
-- definition: Thread status as at d: the latest visit event on or before d (ties: the import
--   format's event order, later wins); a thread with no event on or before d is not counted. A
--   thread is open when its status is requested, reminder, acknowledged, invited, accepted,
--   dates_proposed or postponed (it may still lead to a visit). Every host kind counts (States,
--   territories, institutions); with a regional-group filter, a thread counts when its host's iso3
--   belongs to a selected group.
-- grain: one row per status of the import format, in its order (threads = 0 when none)
-- key: status
-- parameters: $as_at DATE (the as-at date d); $regions VARCHAR[] (regional group codes; empty = all)
WITH statuses AS (
    SELECT unnest(event_order()) AS status
),
counted AS (
    SELECT t.status, count(*) AS threads
    FROM thread_status($as_at::DATE) t
    LEFT JOIN states s ON s.iso3 = t.iso3
    WHERE in_regions(s.regional_group, $regions::VARCHAR[])
    GROUP BY t.status
)
SELECT
    st.status,
    is_open_status(st.status)                                 AS open,
    coalesce(c.threads, 0)                                    AS threads
FROM statuses st
LEFT JOIN counted c USING (status)
ORDER BY event_rank(st.status);
