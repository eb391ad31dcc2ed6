-- name: state_choices
-- question: Which States can a cooperation profile be shown for, and which are in the selected groups?
-- definition: Every State (Member and observer) of the snapshot, by name. A State is in the
--   selection when the regional-group filter is empty or lists its group (a State in no group,
--   such as Kiribati or an observer State, is then outside it), as for every State-level figure.
-- grain: one row per State in states, ordered by name
-- key: iso3
-- parameters: $regions VARCHAR[] (regional group codes; empty = all)
SELECT
    iso3, name, regional_group, un_status,
    in_regions(regional_group, $regions::VARCHAR[]) AS in_selection
FROM states
ORDER BY name, iso3;
