-- name: diff_standing_invitations
-- question: Which standing invitations were extended or withdrawn between two snapshots?
-- definition: A standing invitation is identified by its State and extended_on. Extended (added):
--   the new snapshot has an invitation that the old has not; its date is extended_on. Withdrawn
--   (added): the new snapshot records a withdrawn_on that the old does not record for the same
--   invitation; its date is withdrawn_on. Removed: the old snapshot has an invitation, or a
--   withdrawal, that the new no longer has (a correction).
-- grain: one row per invitation extended or withdrawn, added or removed
-- key: change, direction, iso3, date, detail
-- parameters: $regions VARCHAR[] (regional group codes; empty = all: with groups, only changes
--   about a State of those groups, by its group in the new snapshot, else the old). The connection
--   holds the two snapshots as schemas old and new: sp_data.diff
-- used_by: sp_data.diff
WITH extended AS (
    SELECT 'added' AS direction, * FROM (SELECT iso3, extended_on FROM new.standing_invitations
                                         EXCEPT SELECT iso3, extended_on FROM old.standing_invitations)
    UNION ALL
    SELECT 'removed' AS direction, * FROM (SELECT iso3, extended_on FROM old.standing_invitations
                                           EXCEPT SELECT iso3, extended_on FROM new.standing_invitations)
),
withdrawn AS (
    SELECT 'added' AS direction, * FROM (
        SELECT iso3, extended_on, withdrawn_on FROM new.standing_invitations WHERE withdrawn_on IS NOT NULL
        EXCEPT SELECT iso3, extended_on, withdrawn_on FROM old.standing_invitations WHERE withdrawn_on IS NOT NULL)
    UNION ALL
    SELECT 'removed' AS direction, * FROM (
        SELECT iso3, extended_on, withdrawn_on FROM old.standing_invitations WHERE withdrawn_on IS NOT NULL
        EXCEPT SELECT iso3, extended_on, withdrawn_on FROM new.standing_invitations WHERE withdrawn_on IS NOT NULL)
),
changed AS (
    SELECT direction, 'standing invitation extended' AS change, iso3, extended_on AS date,
           'extended ' || CAST(extended_on AS VARCHAR) AS detail
    FROM extended
    UNION ALL
    SELECT direction, 'standing invitation withdrawn' AS change, iso3, withdrawn_on AS date,
           'extended ' || CAST(extended_on AS VARCHAR) || ', withdrawn ' || CAST(withdrawn_on AS VARCHAR) AS detail
    FROM withdrawn
)
SELECT
    'standing_invitations' AS section,
    c.change,
    c.direction,
    c.iso3,
    s.name AS state,
    s.regional_group,
    CAST(NULL AS VARCHAR) AS party,
    c.date,
    CAST(NULL AS DATE) AS end_date,
    CAST(NULL AS VARCHAR) AS mandates,
    CAST(NULL AS VARCHAR) AS ref,
    c.detail
FROM changed c
LEFT JOIN state_names() s USING (iso3)
WHERE in_regions(s.regional_group, $regions::VARCHAR[])
ORDER BY state, c.date, change;
