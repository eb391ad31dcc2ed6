-- name: diff_states
-- question: Which States does a comparison of two snapshots cover, for the selected groups?
-- definition: The new snapshot's States (else the old one's, for a State it no longer lists), with
--   their regional group; with a regional-group filter, only States of those groups. "What changed"
--   lists each of them, with "no change" when neither snapshot differs about it.
-- grain: one row per State, by name
-- key: iso3
-- parameters: $regions VARCHAR[] (regional group codes; empty = all). The connection holds the two
--   snapshots as schemas old and new: sp_data.diff
-- used_by: sp_data.diff
SELECT iso3, name, regional_group
FROM state_names()
WHERE in_regions(regional_group, $regions::VARCHAR[])
ORDER BY name;
