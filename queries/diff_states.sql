-- name: diff_states
-- question: Which States does a comparison of two snapshots cover, for the selected groups?
-- definition: The new snapshot's States (else the old one's, for a State it no longer lists), with
--   their regional group; with a regional-group filter, only States of those groups. "What changed"
--   lists each of them, with "no change" when neither snapshot differs about it.
-- grain: one row per State, by name
-- parameters: $regions VARCHAR[] (regional group codes; empty = all). The connection holds the two
--   snapshots as schemas old and new: sp_data.diff
-- used_by: sp_data.diff
WITH names AS (
    SELECT iso3, name, regional_group FROM new.states
    UNION ALL
    SELECT iso3, name, regional_group FROM old.states WHERE iso3 NOT IN (SELECT iso3 FROM new.states)
)
SELECT iso3, name, regional_group
FROM names
WHERE len($regions::VARCHAR[]) = 0 OR coalesce(list_contains($regions::VARCHAR[], regional_group), false)
ORDER BY name;
