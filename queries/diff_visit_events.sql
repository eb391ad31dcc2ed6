-- name: diff_visit_events
-- question: Which visit-thread events does the new snapshot add to, or remove from, the old one?
-- definition: An event is identified by its thread's mandate and host (host_kind, iso3, and
--   host_name for a territory or institution), its event, date and end_date; not by visit_id,
--   which an import may number differently. Added: in the new snapshot and not in the old.
--   Removed: in the old and not in the new (a correction). Each event is named by what it means:
--   `requested` = request; `reminder` = reminder; `invited`, `accepted` or `dates_proposed` =
--   acceptance (DESIGN.md's "accepted"); `declined` = decline; `completed` = visit (dated its first
--   day, end_date its last); `acknowledged` = acknowledgement; `postponed` = postponement;
--   `cancelled` = cancellation; `withdrawn` = withdrawal.
-- grain: one row per event added or removed
-- key: direction, mandates, iso3 (may be NULL: an institution), party (may be NULL: a State), detail, date, end_date (may be NULL: not a visit)
-- parameters: $regions VARCHAR[] (regional group codes; empty = all: with groups, only changes
--   about a State of those groups, by its group in the new snapshot, else the old). The connection
--   holds the two snapshots as schemas old and new: sp_data.diff
-- used_by: sp_data.diff
WITH old_events AS (
    SELECT v.mandate_id, v.host_kind, v.iso3,
           CASE WHEN v.host_kind = 'state' THEN '' ELSE coalesce(v.host_name, '') END AS host_name,
           e.event, e.date, e.end_date
    FROM old.visits v JOIN old.visit_events e USING (visit_id)
),
new_events AS (
    SELECT v.mandate_id, v.host_kind, v.iso3,
           CASE WHEN v.host_kind = 'state' THEN '' ELSE coalesce(v.host_name, '') END AS host_name,
           e.event, e.date, e.end_date
    FROM new.visits v JOIN new.visit_events e USING (visit_id)
),
changed AS (
    SELECT 'added' AS direction, * FROM (SELECT * FROM new_events EXCEPT SELECT * FROM old_events)
    UNION ALL
    SELECT 'removed' AS direction, * FROM (SELECT * FROM old_events EXCEPT SELECT * FROM new_events)
)
SELECT
    'visits' AS section,
    CASE
        WHEN is_acceptance(c.event) THEN 'acceptance'
        WHEN c.event = 'requested' THEN 'request' WHEN c.event = 'reminder' THEN 'reminder'
        WHEN c.event = 'declined' THEN 'decline' WHEN c.event = 'completed' THEN 'visit'
        WHEN c.event = 'acknowledged' THEN 'acknowledgement' WHEN c.event = 'postponed' THEN 'postponement'
        WHEN c.event = 'cancelled' THEN 'cancellation' WHEN c.event = 'withdrawn' THEN 'withdrawal'
    END AS change,
    c.direction,
    c.iso3,
    s.name AS state,
    s.regional_group,
    nullif(c.host_name, '') AS party,
    c.date,
    c.end_date,
    c.mandate_id AS mandates,
    CAST(NULL AS VARCHAR) AS ref,
    c.event || CASE WHEN c.host_kind = 'state' THEN '' ELSE ' (' || c.host_kind || ')' END AS detail
FROM changed c
LEFT JOIN state_names() s USING (iso3)
WHERE in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY state NULLS LAST, party, c.date, change, mandates;
