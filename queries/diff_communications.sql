-- name: diff_communications
-- question: Which communications were added, removed or changed between two snapshots?
-- definition: A communication is identified by its ref. Added: a ref the new snapshot has and the
--   old has not (a new communication; its date is sent_on). Removed: a ref only the old has.
--   Changed: a ref in both whose sent_on, type, recipient_kind, iso3, recipient, mandate_ids,
--   individuals, individuals_female or follow_up differ; the detail lists each difference.
--   A communication is joint when it has two or more mandates (DESIGN.md).
-- grain: one row per communication added, removed or changed
-- key: ref
-- parameters: $regions VARCHAR[] (regional group codes; empty = all: with groups, only changes
--   about a State of those groups, by its group in the new snapshot, else the old). The connection
--   holds the two snapshots as schemas old and new: sp_data.diff
-- used_by: sp_data.diff
WITH added AS (
    SELECT 'added' AS direction, n.* FROM new.communications n
    WHERE n.ref NOT IN (SELECT ref FROM old.communications)
),
removed AS (
    SELECT 'removed' AS direction, o.* FROM old.communications o
    WHERE o.ref NOT IN (SELECT ref FROM new.communications)
),
changed AS (
    SELECT 'changed' AS direction, n.*,
        concat_ws('; ',
            CASE WHEN o.sent_on IS DISTINCT FROM n.sent_on
                 THEN 'sent_on ' || coalesce(CAST(o.sent_on AS VARCHAR), '-') || ' -> ' || coalesce(CAST(n.sent_on AS VARCHAR), '-') END,
            CASE WHEN o.type IS DISTINCT FROM n.type THEN 'type ' || o.type || ' -> ' || n.type END,
            CASE WHEN o.recipient_kind IS DISTINCT FROM n.recipient_kind
                 THEN 'recipient_kind ' || o.recipient_kind || ' -> ' || n.recipient_kind END,
            CASE WHEN o.iso3 IS DISTINCT FROM n.iso3
                 THEN 'iso3 ' || coalesce(o.iso3, '-') || ' -> ' || coalesce(n.iso3, '-') END,
            CASE WHEN o.recipient IS DISTINCT FROM n.recipient
                 THEN 'recipient ' || coalesce(o.recipient, '-') || ' -> ' || coalesce(n.recipient, '-') END,
            CASE WHEN o.mandate_ids IS DISTINCT FROM n.mandate_ids
                 THEN 'mandates ' || array_to_string(o.mandate_ids, '; ') || ' -> ' || array_to_string(n.mandate_ids, '; ') END,
            CASE WHEN o.individuals IS DISTINCT FROM n.individuals
                 THEN 'individuals ' || coalesce(CAST(o.individuals AS VARCHAR), '-') || ' -> ' || coalesce(CAST(n.individuals AS VARCHAR), '-') END,
            CASE WHEN o.individuals_female IS DISTINCT FROM n.individuals_female
                 THEN 'individuals_female ' || coalesce(CAST(o.individuals_female AS VARCHAR), '-') || ' -> ' || coalesce(CAST(n.individuals_female AS VARCHAR), '-') END,
            CASE WHEN o.follow_up IS DISTINCT FROM n.follow_up
                 THEN 'follow_up ' || CAST(o.follow_up AS VARCHAR) || ' -> ' || CAST(n.follow_up AS VARCHAR) END
        ) AS differences
    FROM new.communications n JOIN old.communications o USING (ref)
),
all_changes AS (
    SELECT *, NULL AS differences FROM added
    UNION ALL BY NAME
    SELECT *, NULL AS differences FROM removed
    UNION ALL BY NAME
    SELECT * FROM changed WHERE differences <> ''
)
SELECT
    'communications' AS section,
    'communication' AS change,
    c.direction,
    c.iso3,
    s.name AS state,
    s.regional_group,
    CASE WHEN c.recipient_kind = 'non_state_actor' THEN c.recipient END AS party,
    c.sent_on AS date,
    CAST(NULL AS DATE) AS end_date,
    array_to_string(c.mandate_ids, '; ') AS mandates,
    c.ref,
    coalesce(c.differences,
             c.type || CASE WHEN len(c.mandate_ids) >= 2 THEN ' (joint)' ELSE '' END) AS detail
FROM all_changes c
LEFT JOIN state_names() s USING (iso3)
WHERE in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY state NULLS LAST, party, date, c.ref;
