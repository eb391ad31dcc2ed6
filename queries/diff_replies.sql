-- name: diff_replies
-- question: Which replies were added, removed or changed between two snapshots, and from which State?
-- definition: A reply is its communication's ref, its received_on and its substantive and
--   confidential flags. Added: a reply in the new snapshot and not in the old (a new reply; its
--   date is received_on). Removed: a reply only in the old. Changed: when, for one ref and date,
--   exactly one reply was added and one removed, they are the same reply with its flags changed.
--   A reply belongs to the State of its communication (iso3: the State addressed or, for a letter
--   to a non-State actor, the State concerned), as the new snapshot records it (the old, for a
--   removed reply).
-- grain: one row per reply added, removed or changed
-- key: ref, date, direction, detail
-- parameters: $regions VARCHAR[] (regional group codes; empty = all: with groups, only changes
--   about a State of those groups, by its group in the new snapshot, else the old). The connection
--   holds the two snapshots as schemas old and new: sp_data.diff
-- used_by: sp_data.diff
WITH old_r AS (SELECT DISTINCT ref, received_on, substantive, coalesce(confidential, false) AS confidential FROM old.replies),
new_r AS (SELECT DISTINCT ref, received_on, substantive, coalesce(confidential, false) AS confidential FROM new.replies),
added AS (SELECT * FROM new_r EXCEPT SELECT * FROM old_r),
removed AS (SELECT * FROM old_r EXCEPT SELECT * FROM new_r),
pairs AS (
    SELECT ref, received_on FROM added JOIN removed USING (ref, received_on)
    GROUP BY ref, received_on HAVING count(*) = 1
),
changed AS (
    SELECT 'added' AS direction, a.*, '' AS was FROM added a ANTI JOIN pairs p USING (ref, received_on)
    UNION ALL
    SELECT 'removed' AS direction, r.*, '' AS was FROM removed r ANTI JOIN pairs p USING (ref, received_on)
    UNION ALL
    SELECT 'changed' AS direction, a.*,
           'was ' || CASE WHEN r.substantive THEN 'substantive' ELSE 'not substantive' END
                  || CASE WHEN r.confidential THEN ', confidential' ELSE '' END || '; ' AS was
    FROM added a JOIN removed r USING (ref, received_on) SEMI JOIN pairs p USING (ref, received_on)
),
comms AS (
    SELECT ref, recipient_kind, iso3, recipient, mandate_ids FROM new.communications
    UNION ALL
    SELECT ref, recipient_kind, iso3, recipient, mandate_ids FROM old.communications
    WHERE ref NOT IN (SELECT ref FROM new.communications)
)
SELECT
    'replies' AS section,
    'reply' AS change,
    c.direction,
    m.iso3,
    s.name AS state,
    s.regional_group,
    CASE WHEN m.recipient_kind = 'non_state_actor' THEN m.recipient END AS party,
    c.received_on AS date,
    CAST(NULL AS DATE) AS end_date,
    array_to_string(m.mandate_ids, '; ') AS mandates,
    c.ref,
    c.was || CASE WHEN c.substantive THEN 'substantive' ELSE 'not substantive' END
          || CASE WHEN c.confidential THEN ', confidential' ELSE '' END AS detail
FROM changed c
LEFT JOIN comms m USING (ref)
LEFT JOIN state_names() s ON s.iso3 = m.iso3
WHERE in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY state NULLS LAST, party, date, c.ref;
