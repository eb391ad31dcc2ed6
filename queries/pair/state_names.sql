-- name: state_names
-- question: What is each State's name and regional group, in either of two snapshots being compared?
-- definition: The new snapshot's States, and the old one's for a State the new one no longer lists
--   (so a change about it is still named and grouped).
-- note: loaded only into the connection that holds two snapshots as schemas old and new
--   (sp_data.diff.connect_pair), with the macros the diff queries use besides: in_regions
--   (base/calendar.sql) and the event sets (base/statuses.sql).
-- grain: one row per State
-- key: iso3
-- needs: calendar, statuses
-- parameters: none
CREATE MACRO state_names() AS TABLE
SELECT iso3, name, regional_group FROM new.states
UNION ALL
SELECT iso3, name, regional_group FROM old.states WHERE iso3 NOT IN (SELECT iso3 FROM new.states);
